package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunCommand(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		args       []string // flags before the script path
		code       int
		stdout     string
		stderrHas  []string
		stderrNone bool
	}{
		{name: "console goes to stdout after the event loop",
			src:    "setTimeout(() => console.log('later'), 5); Promise.resolve().then(() => console.log('micro')); console.log('now')",
			stdout: "now\nmicro\nlater\n", stderrNone: true},
		{name: "uncaught error prints the JS stack and exits 1",
			src:       "function draw() { undefinedFunction() }\ndraw()",
			code:      1,
			stderrHas: []string{"Uncaught ReferenceError: undefinedFunction is not defined", "at draw (s.js:1:", "mediad run:", "uncaught exception"}},
		{name: "unhandled rejection exits 1",
			src:       "Promise.reject(new Error('nope'))",
			code:      1,
			stderrHas: []string{"Uncaught (in promise) Error: nope"}},
		{name: "timeout flag ends a busy loop",
			src: "while (true) {}", args: []string{"-timeout", "100ms"},
			code:      1,
			stderrHas: []string{"time limit exceeded", "timeout"}},
		{name: "console.error goes to stderr",
			src:    "console.error('warned'); console.log('ok')",
			stdout: "ok\n", stderrHas: []string{"warned"}},
		{name: "bad flag is a usage error", src: "1", args: []string{"-nosuchflag"}, code: 2},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "s.js")
			if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			args := append(append([]string{"run"}, tc.args...), path)
			code := dispatch(args, &out, &errOut)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, errOut.String())
			}
			if tc.stdout != "" && out.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", out.String(), tc.stdout)
			}
			for _, s := range tc.stderrHas {
				if !strings.Contains(errOut.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut.String())
				}
			}
			if tc.stderrNone && errOut.Len() > 0 {
				t.Errorf("unexpected stderr: %s", errOut.String())
			}
		})
	}
}

func TestRunCommandArgs(t *testing.T) {
	for _, args := range [][]string{{"run"}, {"run", "a.js", "b.js"}, {"run", "-timeout", "-1s", "a.js"}} {
		var out, errOut bytes.Buffer
		if code := dispatch(args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit code %d, want 2", args, code)
		}
	}
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"run", filepath.Join(t.TempDir(), "missing.js")}, &out, &errOut); code != 1 {
		t.Errorf("missing file: exit code %d, want 1", code)
	}
}
