//go:build cgo && !noffmpeg

package video

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

func probe(t *testing.T, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command("ffprobe", append([]string{"-v", "error", "-of", "csv=p=0"}, append(args, path)...)...).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}

// audioPeak decodes the first audio stream with ffmpeg and returns its peak and length (s).
func audioPeak(t *testing.T, path string) (peak, seconds float64) {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-map", "0:a:0", "-f", "f32le", "-ac", "1", "-ar", "8000", "-").Output()
	if err != nil {
		t.Fatalf("ffmpeg audio: %v", err)
	}
	// The first 0.1 s is skipped: AAC rings at the tone's abrupt start.
	for i := 800 * 4; i+4 <= len(out); i += 4 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(out[i:]))
		peak = math.Max(peak, math.Abs(float64(v)))
	}
	return peak, float64(len(out)/4) / 8000
}

func tracksOf(t *testing.T, c *MediaContainer, path string) (video, audio *MediaTrack) {
	t.Helper()
	tracks, err := c.ExtractDataSource(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range tracks {
		switch tr.Kind {
		case KindVideo:
			video = tr
		case KindAudio:
			audio = tr
		}
	}
	return video, audio
}

func TestMediaContainerExport(t *testing.T) {
	av := testMedium(t, "h264av")
	tone := testMedium(t, "audio")
	_, toneRef := audioPeak(t, tone)
	_ = toneRef
	tests := []struct {
		name       string
		add        func(t *testing.T, c *MediaContainer)
		streams    string  // ffprobe codec_type,codec_name lines joined by ;
		frames     int     // video frames, 0 without video
		sameVideo  string  // source whose pixels the output video must equal
		peak       float64 // expected audio peak (0.5 s sine has peak ~1/8 from lavfi? measured below)
		peakFrom   string  // source whose audio peak, times peakScale, is expected
		peakScale  float64
		maxSeconds float64 // the audio must end by then
	}{
		{"copy both", func(t *testing.T, c *MediaContainer) {
			v, a := tracksOf(t, c, av)
			c.AddTrack(v)
			c.AddTrack(a)
		}, "video,h264;audio,aac", 30, av, 0, av, 1, 1.1},
		{"video with other audio copied", func(t *testing.T, c *MediaContainer) {
			v, _ := tracksOf(t, c, testMedium(t, "h264"))
			_, a := tracksOf(t, c, tone)
			c.AddTrack(v)
			c.AddTrack(a)
		}, "video,h264;audio,aac", 30, testMedium(t, "h264"), 0, tone, 1, 1.1},
		{"volume re-encodes", func(t *testing.T, c *MediaContainer) {
			v, a := tracksOf(t, c, av)
			a.Volume = 0.5
			c.AddTrack(v)
			c.AddTrack(a)
		}, "video,h264;audio,aac", 30, av, 0, av, 0.5, 1.1},
		{"two audio tracks mixed", func(t *testing.T, c *MediaContainer) {
			v, a := tracksOf(t, c, av)
			_, b := tracksOf(t, c, tone)
			a.Volume, b.Volume = 0.25, 0.25
			c.AddTrack(v)
			c.AddTrack(a)
			c.AddTrack(b)
			c.AddTrack(b) // twice is once
		}, "video,h264;audio,aac", 30, av, 0, "", 0, 1.1},
		{"audio only", func(t *testing.T, c *MediaContainer) {
			_, a := tracksOf(t, c, tone)
			c.AddTrack(a)
		}, "audio,aac", 0, "", 0, tone, 1, 0.6},
		{"removed track left out", func(t *testing.T, c *MediaContainer) {
			v, a := tracksOf(t, c, av)
			c.AddTrack(v)
			c.AddTrack(a)
			c.RemoveTrack(a)
		}, "video,h264", 30, av, 0, "", 0, 0},
		{"vp9 copied", func(t *testing.T, c *MediaContainer) {
			v, _ := tracksOf(t, c, testMedium(t, "vp9"))
			c.AddTrack(v)
		}, "video,vp9", 30, testMedium(t, "vp9"), 0, "", 0, 0},
		{"mpeg2 re-encoded", func(t *testing.T, c *MediaContainer) {
			v, _ := tracksOf(t, c, testMedium(t, "mpeg2"))
			c.AddTrack(v)
		}, "video,h264", 30, "", 0, "", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := ffmpeg.LiveObjects()
			c := NewMediaContainer()
			tc.add(t, c)
			out := filepath.Join(t.TempDir(), "out.mp4")
			if err := c.ExportTo(context.Background(), out); err != nil {
				t.Fatal(err)
			}
			c.Destroy()
			if n := ffmpeg.LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}
			streams := strings.ReplaceAll(probe(t, out, "-show_entries", "stream=codec_type,codec_name"), "\n", ";")
			// ffprobe prints codec_name before codec_type.
			var norm []string
			for _, s := range strings.Split(streams, ";") {
				f := strings.Split(s, ",")
				norm = append(norm, f[1]+","+f[0])
			}
			if got := strings.Join(norm, ";"); got != tc.streams {
				t.Errorf("streams %q, want %q", got, tc.streams)
			}
			if tc.frames > 0 {
				if n := len(probeFrames(t, out)); n != tc.frames {
					t.Errorf("%d video frames, want %d", n, tc.frames)
				}
			}
			if tc.sameVideo != "" && !bytes.Equal(ffmpegRGBA(t, out), ffmpegRGBA(t, tc.sameVideo)) {
				t.Error("copied video decodes differently from its source")
			}
			if tc.maxSeconds > 0 {
				peak, secs := audioPeak(t, out)
				if secs > tc.maxSeconds {
					t.Errorf("audio lasts %.2f s, want at most %.2f", secs, tc.maxSeconds)
				}
				if tc.peakFrom != "" {
					ref, _ := audioPeak(t, tc.peakFrom)
					if want := ref * tc.peakScale; math.Abs(peak-want) > 0.05*ref+0.01 {
						t.Errorf("audio peak %.3f, want %.3f", peak, want)
					}
				} else if peak < 0.01 {
					t.Errorf("mixed audio is silent (peak %.3f)", peak)
				}
			}
		})
	}
}

func TestMediaContainerErrors(t *testing.T) {
	av := testMedium(t, "h264av")
	c := NewMediaContainer()
	other := NewMediaContainer()
	v1, _ := tracksOf(t, c, av)
	v2, _ := tracksOf(t, c, av)
	ov, _ := tracksOf(t, other, av)
	if err := c.AddTrack(ov); err == nil {
		t.Error("track of another container accepted")
	}
	out := filepath.Join(t.TempDir(), "x.mp4")
	if err := c.ExportTo(context.Background(), out); err == nil {
		t.Error("export with no tracks")
	}
	c.AddTrack(v1)
	c.AddTrack(v2)
	if err := c.ExportTo(context.Background(), out); err == nil || !strings.Contains(err.Error(), "more than one video") {
		t.Errorf("two video tracks: %v", err)
	}
	c.RemoveTrack(v2)
	var many []*MediaTrack
	for i := 0; i <= MaxAudioTracks; i++ {
		_, a := tracksOf(t, c, av)
		c.AddTrack(a)
		many = append(many, a)
	}
	if err := c.ExportTo(context.Background(), out); err == nil || !strings.Contains(err.Error(), "audio tracks, at most") {
		t.Errorf("too many audio tracks: %v", err)
	}
	for _, a := range many {
		c.RemoveTrack(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.ExportTo(ctx, out); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
	p, err := c.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer exec.Command("rm", "-f", p).Run()
	if n := len(probeFrames(t, p)); n != 30 {
		t.Errorf("exported %d frames", n)
	}
	c.Destroy()
	if _, err := c.ExtractDataSource(av); !errors.Is(err, ErrDestroyed) {
		t.Errorf("after destroy: %v", err)
	}
	if _, err := c.ExtractDataSource("/nonexistent.mp4"); err == nil {
		t.Error("missing source")
	}
}
