// Command mediad is the mediad CLI and HTTP service. Each subcommand lives in its own
// file and registers itself in commands; `mediad help` lists them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand. run receives the arguments after the subcommand name.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

// commands is filled by init functions in the subcommand files.
var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// usageError marks errors caused by the command line itself (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	name := defaultCommand
	if len(args) > 0 && (len(args[0]) == 0 || args[0][0] != '-') {
		name, args = args[0], args[1:]
	}
	_, hasDefault := commands[defaultCommand]
	if name == "help" || name == "-h" || name == "--help" || (name == defaultCommand && !hasDefault) {
		printHelp(stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "mediad: unknown command %q (see mediad help)\n", name)
		return 2
	}
	err := c.run(args, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "mediad %s: %s\n", name, ue.msg)
		return 2
	}
	fmt.Fprintf(stderr, "mediad %s: %s\n", name, err)
	return 1
}

// defaultCommand runs when no subcommand is named; while it is not registered
// (builds without the service) help is shown instead.
var defaultCommand = "serve"

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "mediad — canvas, image, audio and video engine with the WeChat mini-program API")
	fmt.Fprintln(w, "\nUsage: mediad <command> [flags] [args]   (mediad <command> -h for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// newFlagSet returns a FlagSet whose -h output goes to stderr with a usage line.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: mediad %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors (the FlagSet has
// already printed the details).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
