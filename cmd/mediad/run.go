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
	"github.com/seed92233726/mediad/recorder"
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
	fs := newFlagSet("run", "[-timeout 30s] [-memory 1024] [-allow-dir DIR]… [-allow-net HOSTS] [-o OUT.png] [-audio MUSIC.wav] SCRIPT.js|-", stderr)
	timeout := fs.Duration("timeout", script.DefaultTimeout, "wall-time limit for the script and its event loop (0 = none)")
	memory := fs.Int64("memory", script.DefaultMaxMemory>>20, "heap growth limit in MiB (0 = none)")
	out := fs.String("o", "", "save the last canvas passed to wx.canvasToTempFilePath, or else the first canvas created, to `file` (.png, .jpg or .webp); "+
		"with .mp4, .gif or .webp, a script that animates with requestAnimationFrame has its first canvas recorded, 24 frames per second of animation")
	recordFor := fs.Float64("duration", 10, "with -o .mp4/.gif/.webp: `seconds` of animation to record at most (5 to 7200); the run ends there")
	audioPath := fs.String("audio", "", "with -o .mp4: an audio or video `file` whose sound becomes the soundtrack of the recording, cut at the video's length")
	var allowDirs []string
	fs.Func("allow-dir", "a read-only `directory` the script may read besides its own (repeatable)", func(s string) error {
		st, err := os.Stat(s)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			return fmt.Errorf("%s is not a directory", s)
		}
		allowDirs = append(allowDirs, s)
		return nil
	})
	allowNet := fs.String("allow-net", "", "comma-separated `hosts` the script may fetch from (example.com, *.example.com, * for any public host; an IP literal also allows a private address)")
	allowPrivate := fs.Bool("allow-private-net", false, "let allowed host names resolve to private, loopback and link-local addresses")
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

	if *memory < 0 {
		return usageError{"-memory must not be negative"}
	}
	maxMemory := *memory << 20
	if *memory == 0 {
		maxMemory = -1
	}
	var hosts []string
	for _, h := range strings.Split(*allowNet, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := script.Options{Stdout: stdout, Stderr: stderr, Timeout: limit, MaxMemory: maxMemory,
		AllowDirs: allowDirs, AllowNet: hosts, AllowPrivateNet: *allowPrivate}
	if path == "-" {
		// A script from stdin has no directory of its own; the working
		// directory stands in for it.
		if wd, err := os.Getwd(); err == nil {
			opts.ScriptDir = wd
		}
	}
	format := animationFormat(*out)
	var soundtrack *recorder.FileSource
	if *audioPath != "" {
		if format != "mp4" {
			return usageError{"-audio needs -o with a .mp4 file"}
		}
		src, err := recorder.OpenFileSource(*audioPath, 0, 0)
		if err != nil {
			return fmt.Errorf("-audio: %w", err)
		}
		defer src.Close()
		soundtrack = src
	}
	rt := script.New(opts)
	defer rt.Close()
	if format != "" {
		if *recordFor <= 0 || *recordFor > recorder.MaxDuration {
			return usageError{fmt.Sprintf("-duration must be in (0, %g] seconds", recorder.MaxDuration)}
		}
		// The recorder writes next to the output, so the finished file is renamed into place.
		ropt := recorder.Options{Format: format, Duration: *recordFor, TempDir: filepath.Dir(*out)}
		if err := rt.RecordAnimation(ropt); err != nil {
			return err
		}
		if soundtrack != nil {
			if err := rt.RecordAnimationAudio(soundtrack); err != nil {
				return err
			}
		}
	}
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
	var se *script.Error
	if err != nil && format != "" && errors.As(err, &se) && se.Kind == script.KindTimeout && rt.RecordedFrames() > 0 {
		// An endless animation ends at the time limit; what it drew so far is the video.
		fmt.Fprintf(stderr, "%s: recording ended at the time limit after %d frames\n", path, rt.RecordedFrames())
		err = nil
	}
	if err != nil {
		if errors.As(err, &se) {
			fmt.Fprintln(stderr, se.Error())
			if se.Stack != se.Message {
				fmt.Fprintln(stderr, stackFrames(se.Stack, se.Message))
			}
			return scriptFailed{name: path, kind: se.Kind}
		}
		return err
	}
	if format != "" && rt.RecordedFrames() > 0 {
		return saveRecording(rt, *out)
	}
	if format == "mp4" || format == "gif" {
		var src recorder.PCMSource
		if soundtrack != nil {
			src = soundtrack
		}
		return saveStill(ctx, rt, *out, format, src)
	}
	if *out != "" {
		return saveCanvas(rt, *out)
	}
	return nil
}

// animationFormat is the recorder format -o names, or "" for a still image.
func animationFormat(out string) string {
	switch strings.ToLower(filepath.Ext(out)) {
	case ".mp4":
		return "mp4"
	case ".gif":
		return "gif"
	case ".webp":
		return "webp"
	}
	return ""
}

// saveRecording finishes the animation recording and moves it to path.
func saveRecording(rt *script.Runtime, path string) error {
	res, err := rt.FinishRecording()
	if err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	if err := os.Rename(res.TempFilePath, path); err != nil {
		os.Remove(res.TempFilePath)
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return nil
}

// saveStill writes the output canvas of a script that did not animate as a
// one-frame video or GIF, with src (may be nil) as the video's soundtrack.
func saveStill(ctx context.Context, rt *script.Runtime, path, format string, src recorder.PCMSource) error {
	c := rt.OutputCanvas()
	if c == nil {
		return fmt.Errorf("-o %s: the script created no canvas", path)
	}
	res, err := recorder.Record(ctx, c, recorder.Options{Format: format, TempDir: filepath.Dir(path)}, 1, nil, src)
	if err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	if err := os.Rename(res.TempFilePath, path); err != nil {
		os.Remove(res.TempFilePath)
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return nil
}

// saveCanvas writes the script's output canvas (see script.Runtime.OutputCanvas)
// in the format the file extension names (PNG when it names none).
func saveCanvas(rt *script.Runtime, path string) error {
	c := rt.OutputCanvas()
	if c == nil {
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
	if err := c.Encode(&buf, format, canvas.EncodeOptions{}); err != nil {
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
