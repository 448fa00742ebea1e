package script

import (
	"bytes"
	"context"
	"image/color"
	"path/filepath"
	"testing"
	"time"
)

// TestExamples runs the example scripts shown in the README the way `mediad run`
// does and checks what they print and draw.
func TestExamples(t *testing.T) {
	tests := []struct {
		file   string
		stdout string
		pixels map[[2]int]color.NRGBA
	}{
		{file: "poster.js", stdout: "poster 600x400 ",
			pixels: map[[2]int]color.NRGBA{
				{300, 100}: {255, 255, 255, 255},    // the card
				{300, 170}: {0xf5, 0xa6, 0x23, 255}, // the badge
				{101, 260}: {0x2a, 0x52, 0x98, 255}, // the dashed frame, drawn by a timer
			}},
		{file: "audio.js", stdout: "chord.wav 22094 bytes, rms 0."},
		{file: "pipeline.js", stdout: "800x450 jpeg, 200x113 jpeg, 450x450 jpeg\n",
			pixels: map[[2]int]color.NRGBA{{2, 2}: {0x1d, 0x35, 0x57, 255}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			var out bytes.Buffer
			r := New(Options{Stdout: &out, Timeout: 20 * time.Second})
			defer r.Close()
			if err := r.RunFile(context.Background(), filepath.Join("testdata", "examples", tc.file)); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out.Bytes(), []byte(tc.stdout)) {
				t.Errorf("stdout %q, want prefix %q", out.String(), tc.stdout)
			}
			if tc.pixels == nil {
				return
			}
			img := r.Canvases()[0].RGBA()
			for p, want := range tc.pixels {
				got := color.NRGBAModel.Convert(img.At(p[0], p[1])).(color.NRGBA)
				if got != want {
					t.Errorf("pixel %v = %v, want %v", p, got, want)
				}
			}
		})
	}
}
