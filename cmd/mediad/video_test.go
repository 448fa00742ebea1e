package main

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/video"
)

func TestVideoCommand(t *testing.T) {
	in := testVideo(t, "")
	rot := testVideo(t, "90")
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string // "OUT" is replaced by a path in dir
		code      int
		stderrHas string
		check     func(t *testing.T, stdout []byte, out string)
	}{
		{"info", []string{"video", "info", in}, 0, "", func(t *testing.T, stdout []byte, _ string) {
			var info video.VideoInfo
			if err := json.Unmarshal(stdout, &info); err != nil {
				t.Fatal(err)
			}
			if info.Type != "mp4" || info.Width != 64 || info.Height != 48 || info.Fps != 30 || info.Orientation != "up" || info.VideoCodec != "h264" {
				t.Errorf("info %+v", info)
			}
		}},
		{"info rotated", []string{"video", "info", rot}, 0, "", func(t *testing.T, stdout []byte, _ string) {
			if !bytes.Contains(stdout, []byte(`"orientation": "left"`)) {
				t.Errorf("info %s", stdout)
			}
		}},
		{"frame jpeg", []string{"video", "frame", "-at", "500", "-o", "OUT.jpg", in}, 0, "", imageCheck("jpeg", 64, 48)},
		{"frame png rotated", []string{"video", "frame", "-o", "OUT.png", rot}, 0, "", imageCheck("png", 48, 64)},
		{"frame format flag", []string{"video", "frame", "-format", "png", "-o", "OUT.img", in}, 0, "", imageCheck("png", 64, 48)},
		{"frame no -o", []string{"video", "frame", in}, 2, "missing -o", nil},
		{"frame bad format", []string{"video", "frame", "-format", "gif", "-o", "OUT", in}, 2, "unknown -format", nil},
		{"frame negative time", []string{"video", "frame", "-at", "-5", "-o", "OUT", in}, 2, "-at", nil},
		{"frame missing file", []string{"video", "frame", "-o", "OUT.jpg", in + ".nope"}, 1, "no such file", nil},
		{"compress low", []string{"video", "compress", "-quality", "low", "-o", "OUT.mp4", in}, 0, "", videoCheck(32, 24)},
		{"compress fine", []string{"video", "compress", "-bitrate", "80", "-fps", "15", "-resolution", "0.5", "-o", "OUT.mp4", in}, 0, "", videoCheck(32, 24)},
		{"compress no settings", []string{"video", "compress", "-o", "OUT.mp4", in}, 2, "give -quality", nil},
		{"compress bad quality", []string{"video", "compress", "-quality", "ultra", "-o", "OUT.mp4", in}, 1, "unknown quality", nil},
		{"merge video", []string{"video", "merge", "-video", rot, "-o", "OUT.mp4"}, 0, "", videoCheck(64, 48)},
		{"merge no audio track", []string{"video", "merge", "-video", in, "-audio", in, "-o", "OUT.mp4"}, 1, "no audio track", nil},
		{"merge volumes mismatch", []string{"video", "merge", "-video", in, "-audio", in, "-volumes", "1,2", "-o", "OUT.mp4"}, 2, "-volumes has 2", nil},
		{"merge nothing", []string{"video", "merge", "-o", "OUT.mp4"}, 2, "nothing to merge", nil},
		{"merge positional", []string{"video", "merge", "-o", "OUT.mp4", in}, 2, "unexpected arguments", nil},
		{"no subcommand", []string{"video"}, 2, "missing subcommand", nil},
		{"unknown subcommand", []string{"video", "play", in}, 2, "unknown subcommand", nil},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := ""
			args := append([]string(nil), tc.args...)
			for j, a := range args {
				if strings.HasPrefix(a, "OUT") {
					out = filepath.Join(dir, string(rune('a'+i))+strings.TrimPrefix(a, "OUT"))
					args[j] = out
				}
			}
			var stdout, stderr bytes.Buffer
			code := dispatch(args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderrHas) {
				t.Fatalf("exit %d stderr %q, want %d containing %q", code, stderr.String(), tc.code, tc.stderrHas)
			}
			if tc.check != nil {
				tc.check(t, stdout.Bytes(), out)
			}
		})
	}
}

func imageCheck(format string, w, h int) func(t *testing.T, _ []byte, out string) {
	return func(t *testing.T, _ []byte, out string) {
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cfg, got, err := image.DecodeConfig(f)
		if err != nil {
			t.Fatal(err)
		}
		if got != format || cfg.Width != w || cfg.Height != h {
			t.Errorf("wrote %s %dx%d, want %s %dx%d", got, cfg.Width, cfg.Height, format, w, h)
		}
	}
}

func videoCheck(w, h int) func(t *testing.T, stdout []byte, out string) {
	return func(t *testing.T, stdout []byte, out string) {
		if !bytes.Contains(stdout, []byte(out)) {
			t.Errorf("stdout %q does not name %s", stdout, out)
		}
		info, err := video.Info(out)
		if err != nil {
			t.Fatal(err)
		}
		if info.Width != w || info.Height != h || info.VideoCodec != "h264" {
			t.Errorf("output %+v, want h264 %dx%d", info, w, h)
		}
	}
}
