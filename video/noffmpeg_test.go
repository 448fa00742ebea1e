//go:build !cgo || noffmpeg

package video

import (
	"context"
	"errors"
	"testing"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

func TestBuiltWithoutFFmpeg(t *testing.T) {
	if _, err := Info("any.mp4"); err == nil {
		t.Error("Info succeeded")
	}
	d := NewVideoDecoder()
	defer d.Remove()
	tests := []struct {
		name string
		err  error
	}{
		{"FrameAt", func() error { _, err := FrameAt("any.mp4", 0); return err }()},
		{"Start", d.Start(context.Background(), StartOptions{Source: "any.mp4"})},
		{"Extract", func() error { _, err := NewMediaContainer().ExtractDataSource("any.mp4"); return err }()},
	}
	for _, tc := range tests {
		// Stat fails first for a missing file; give an existing one too.
		if tc.err == nil {
			t.Errorf("%s succeeded without FFmpeg", tc.name)
		}
	}
	if _, err := Info("doc.go"); !errors.Is(err, ffmpeg.ErrNoFFmpeg) {
		t.Errorf("Info(existing file) = %v, want ErrNoFFmpeg", err)
	}
}
