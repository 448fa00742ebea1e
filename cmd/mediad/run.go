package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/script"
)

func init() {
	register(command{
		name:    "run",
		summary: "run a mini-program drawing script (JavaScript) and its event loop",
		run:     runScript,
	})
}

// runStdin is where `mediad run -` reads the script; tests replace it.
var runStdin io.Reader = os.Stdin

// scriptFailed is returned after the JavaScript stack has been printed, so the
// dispatcher adds only a one-line summary and exits 1.
type scriptFailed struct {
	name string
	kind script.Kind
}

func (e scriptFailed) Error() string { return fmt.Sprintf("%s: %s", e.name, e.kind) }

func runScript(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "[-timeout 30s] [-o OUT.png] SCRIPT.js|-", stderr)
	timeout := fs.Duration("timeout", script.DefaultTimeout, "wall-time limit for the script and its event loop (0 = none)")
	out := fs.String("o", "", "save the first canvas the script created to `file` (.png, .jpg or .webp)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"expected exactly one script file"}
	}
	path := fs.Arg(0)
	if *timeout < 0 {
		return usageError{"-timeout must not be negative"}
	}
	limit := *timeout
	if limit == 0 {
		limit = -1 // script.Options: negative means unlimited
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rt := script.New(script.Options{Stdout: stdout, Stderr: stderr, Timeout: limit})
	var err error
	if path == "-" {
		var src []byte
		if src, err = io.ReadAll(runStdin); err != nil {
			return err
		}
		err = rt.RunString(ctx, "stdin.js", string(src))
	} else {
		err = rt.RunFile(ctx, path)
	}
	if err != nil {
		var se *script.Error
		if errors.As(err, &se) {
			fmt.Fprintln(stderr, se.Error())
			if se.Stack != se.Message {
				fmt.Fprintln(stderr, stackFrames(se.Stack, se.Message))
			}
			return scriptFailed{name: path, kind: se.Kind}
		}
		return err
	}
	if *out != "" {
		return saveCanvas(rt, *out)
	}
	return nil
}

// saveCanvas writes the first canvas the script created, in the format the file
// extension names (PNG when it names none).
func saveCanvas(rt *script.Runtime, path string) error {
	canvases := rt.Canvases()
	if len(canvases) == 0 {
		return fmt.Errorf("-o %s: the script created no canvas", path)
	}
	format := "png"
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg":
		format = "jpeg"
	case ".webp":
		format = "webp"
	}
	var buf bytes.Buffer
	if err := canvases[0].Encode(&buf, format, canvas.EncodeOptions{}); err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// stackFrames returns the frame lines of stack (everything after the message).
func stackFrames(stack, msg string) string {
	if len(stack) > len(msg) && stack[:len(msg)] == msg {
		stack = stack[len(msg):]
	}
	for len(stack) > 0 && stack[0] == '\n' {
		stack = stack[1:]
	}
	return stack
}
