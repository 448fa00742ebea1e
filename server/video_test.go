package server

import (
	"bytes"
	"encoding/json"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// testVideo makes a 64×48, one-second H.264 MP4 with the ffmpeg command (an
// oracle the tests may use; the product never runs it).
func testVideo(t *testing.T) []byte {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg command not installed")
	}
	p := filepath.Join(t.TempDir(), "v.mp4")
	out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30",
		"-frames:v", "30", "-c:v", "libx264", "-pix_fmt", "yuv420p", p).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVideoEndpoints(t *testing.T) {
	mp4 := testVideo(t)
	s := testServer(t, Config{})
	tight := testServer(t, Config{MaxPixels: 1000})
	tests := []struct {
		name   string
		srv    *Server
		target string
		body   []byte
		status int
		code   string
		ctype  string
	}{
		{"info", s, "/v1/video/info", mp4, 200, "", "application/json"},
		{"frame", s, "/v1/video/frame?at=500", mp4, 200, "", "image/jpeg"},
		{"frame png past the end", s, "/v1/video/frame?at=99999&format=png", mp4, 200, "", "image/png"},
		{"frame over the pixel limit", tight, "/v1/video/frame", mp4, 413, codeTooLarge, ""},
		{"negative time", s, "/v1/video/frame?at=-1", mp4, 400, codeBadParameter, ""},
		{"bad format", s, "/v1/video/frame?format=gif", mp4, 400, codeBadParameter, ""},
		{"info takes no parameters", s, "/v1/video/info?at=1", mp4, 400, codeBadParameter, ""},
		{"empty", s, "/v1/video/info", nil, 400, codeBadParameter, ""},
		{"not a video", s, "/v1/video/info", []byte("this is not a video at all"), 422, codeUndecodable, ""},
		{"truncated", s, "/v1/video/frame", mp4[:len(mp4)/4], 422, codeUndecodable, ""},
		// FFmpeg reads a still image as a one-frame video.
		{"an image is one frame", s, "/v1/video/frame", pngBytes(t, 8, 8), 200, "", "image/jpeg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(tc.srv, "POST", tc.target, "", tc.body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tc.status, rec.Body.String())
			}
			if tc.code != "" {
				if code, msg := errorOf(t, rec); code != tc.code {
					t.Errorf("code %q (%s), want %q", code, msg, tc.code)
				}
				return
			}
			if got := rec.Header().Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q", got)
			}
		})
	}
	var info map[string]any
	if err := json.Unmarshal(do(s, "POST", "/v1/video/info", "", mp4).Body.Bytes(), &info); err != nil {
		t.Fatal(err)
	}
	if info["width"] != 64.0 || info["height"] != 48.0 || info["type"] != "mp4" || info["orientation"] != "up" {
		t.Errorf("info %v", info)
	}
	rec := do(s, "POST", "/v1/video/frame?at=500", "", mp4)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(rec.Body.Bytes()))
	if err != nil || cfg.Width != 64 || cfg.Height != 48 {
		t.Errorf("frame %dx%d (%v)", cfg.Width, cfg.Height, err)
	}
}
