//go:build cgo && !noffmpeg

package video

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

func TestCompress(t *testing.T) {
	tests := []struct {
		name   string
		medium string
		opt    CompressOptions
		w, h   int
		frames int // video frames in the output
		audio  string
		err    string
	}{
		{"low", "h264av", CompressOptions{Quality: "low"}, 32, 24, 24, "aac", ""},
		{"medium", "h264av", CompressOptions{Quality: "medium"}, 48, 36, 30, "aac", ""},
		{"high ignores fine fields", "h264av", CompressOptions{Quality: "high", Resolution: 0.1}, 64, 48, 30, "aac", ""},
		{"fine control", "h264", CompressOptions{Bitrate: 50, Fps: 15, Resolution: 0.5}, 32, 24, 15, "", ""},
		{"fps above source keeps all", "vp9", CompressOptions{Bitrate: 100, Fps: 60, Resolution: 1}, 64, 48, 30, "", ""},
		{"rotated keeps rotation", "rot90", CompressOptions{Quality: "high"}, 64, 48, 30, "", ""},
		{"unknown quality", "h264", CompressOptions{Quality: "ultra"}, 0, 0, 0, "", "unknown quality"},
		{"missing fine fields", "h264", CompressOptions{Bitrate: 100}, 0, 0, 0, "", "give quality"},
		{"resolution above 1", "h264", CompressOptions{Bitrate: 100, Fps: 30, Resolution: 2}, 0, 0, 0, "", "give quality"},
		{"audio only", "audio", CompressOptions{Quality: "low"}, 0, 0, 0, "", "no video"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := testMedium(t, tc.medium)
			before := ffmpeg.LiveObjects()
			dst := filepath.Join(t.TempDir(), "c.mp4")
			size, err := CompressTo(context.Background(), src, dst, tc.opt)
			if n := ffmpeg.LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				if _, serr := os.Stat(dst); serr == nil {
					t.Error("failed compress left a file")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(dst)
			if math.Abs(size-float64(st.Size())/1024) > 1e-9 {
				t.Errorf("size %v kB, file %d bytes", size, st.Size())
			}
			// (A display matrix adds an empty side-data column.)
			got := strings.TrimRight(probe(t, dst, "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height"), ",")
			if want := "h264," + strconv.Itoa(tc.w) + "," + strconv.Itoa(tc.h); got != want {
				t.Errorf("video %q, want %q", got, want)
			}
			if n := len(probeFrames(t, dst)); n != tc.frames {
				t.Errorf("%d frames, want %d", n, tc.frames)
			}
			a := probe(t, dst, "-select_streams", "a", "-show_entries", "stream=codec_name")
			if a != tc.audio {
				t.Errorf("audio %q, want %q", a, tc.audio)
			}
			in, err := Info(src)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Info(dst)
			if err != nil {
				t.Fatal(err)
			}
			if out.Orientation != in.Orientation {
				t.Errorf("orientation %s, source %s", out.Orientation, in.Orientation)
			}
			if math.Abs(out.Duration-in.Duration) > 0.1 {
				t.Errorf("duration %.3f, source %.3f", out.Duration, in.Duration)
			}
		})
	}
}

func TestCompressTemp(t *testing.T) {
	var steps []float64
	res, err := Compress(context.Background(), testMedium(t, "h264"), CompressOptions{Quality: "medium",
		Progress: func(f float64) { steps = append(steps, f) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) < 10 || steps[len(steps)-1] != 1 {
		t.Errorf("progress %v", steps)
	}
	for i := 1; i < len(steps); i++ {
		if steps[i] <= steps[i-1] {
			t.Fatalf("progress not increasing: %v", steps)
		}
	}
	defer os.Remove(res.TempFilePath)
	if st, err := os.Stat(res.TempFilePath); err != nil || st.Size() == 0 || res.Size <= 0 {
		t.Fatalf("result %+v: %v", res, err)
	}
}
