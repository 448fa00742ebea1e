package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testVideo generates a 64x48, 30-frame H.264 file (rotated when rotate != "").
func testVideo(t *testing.T, rotate string) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg command not installed")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "in.mp4")
	args := []string{"-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30",
		"-c:v", "libx264", "-pix_fmt", "yuv420p"}
	if out, err := exec.Command("ffmpeg", append(args, p)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	if rotate == "" {
		return p
	}
	// The rotate tag only becomes a display matrix when remuxing.
	r := filepath.Join(dir, "rotated.mp4")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-i", p, "-c", "copy", "-metadata:s:v", "rotate="+rotate, r).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	return r
}

func TestDecodeCommand(t *testing.T) {
	in := testVideo(t, "")
	tests := []struct {
		name      string
		args      []string
		code      int
		stderrHas string
		want      decodeResult
	}{
		{"counts", []string{"decode", in}, 0, "", decodeResult{Frames: 30, Width: 64, Height: 48, DurationMs: 1000}},
		{"threads flag after input", []string{"decode", in, "-threads", "1"}, 0, "", decodeResult{Frames: 30, Width: 64, Height: 48, DurationMs: 1000}},
		{"no input", []string{"decode"}, 2, "missing VIDEO", decodeResult{}},
		{"two inputs", []string{"decode", in, in}, 2, "expected one VIDEO", decodeResult{}},
		{"missing file", []string{"decode", in + ".nope"}, 1, "no such file", decodeResult{}},
		{"not a video", []string{"decode", "decode_test.go"}, 1, "Invalid data", decodeResult{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := dispatch(tc.args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderrHas) {
				t.Fatalf("exit %d stderr %q, want %d containing %q", code, stderr.String(), tc.code, tc.stderrHas)
			}
			if tc.code != 0 {
				return
			}
			var got decodeResult
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatalf("output %q: %v", stdout.String(), err)
			}
			if got.Frames != tc.want.Frames || got.Width != tc.want.Width || got.Height != tc.want.Height || got.DurationMs != tc.want.DurationMs {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if strings.Count(stdout.String(), "\n") != 1 {
				t.Errorf("want exactly one JSON line, got %q", stdout.String())
			}
		})
	}
}
