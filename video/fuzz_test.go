//go:build cgo && !noffmpeg

package video

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// FuzzFrameAtReader drives the source logic (seek, frame-accurate targeting, damaged
// streams, rotation) with arbitrary bytes: errors are fine, crashes and leaks are not.
func FuzzFrameAtReader(f *testing.F) {
	f.Add([]byte{}, int64(0))
	f.Add([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), int64(100))
	if _, err := exec.LookPath("ffmpeg"); err == nil {
		for _, name := range []string{"h264b", "rot90", "vfr"} {
			if b, err := os.ReadFile(testMedium(f, name)); err == nil {
				f.Add(b, int64(500))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, at int64) {
		before := ffmpeg.LiveObjects()
		img, err := FrameAtReader(bytes.NewReader(data), at%5000)
		if err == nil && img.Bounds().Empty() {
			t.Error("empty image without error")
		}
		InfoReader(bytes.NewReader(data), int64(len(data)))
		if n := ffmpeg.LiveObjects() - before; n != 0 {
			t.Fatalf("leaked %d C objects", n)
		}
	})
}
