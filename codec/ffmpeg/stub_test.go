//go:build !cgo || noffmpeg

package ffmpeg

import (
	"bytes"
	"errors"
	"testing"
)

func TestStubReportsNoFFmpeg(t *testing.T) {
	if _, err := Open("x.mp4"); !errors.Is(err, ErrNoFFmpeg) {
		t.Errorf("Open: %v", err)
	}
	if _, err := OpenReader(bytes.NewReader(nil)); !errors.Is(err, ErrNoFFmpeg) {
		t.Errorf("OpenReader: %v", err)
	}
}
