//go:build cgo && !noffmpeg

package video

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Benchmark media: H.264 at the sizes the issue names, generated once per run. Two
// seconds each keeps `-benchtime 1x` quick while giving the decoder threads a steady state.
var benchMedia = []struct {
	name string
	size string
	rate int
}{
	{"1080p30", "1920x1080", 30},
	{"720p60", "1280x720", 60},
}

var (
	benchOnce  sync.Once
	benchDir   string
	benchFiles = map[string]string{}
	benchErr   error
)

func benchMedium(b *testing.B, name string) string {
	b.Helper()
	haveFFmpeg(b)
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "video-bench-")
		if benchErr != nil {
			return
		}
		for _, m := range benchMedia {
			p := filepath.Join(benchDir, m.name+".mp4")
			src := "testsrc2=size=" + m.size + ":rate=" + strconv.Itoa(m.rate)
			out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", src, "-t", "2",
				"-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", p).CombinedOutput()
			if err != nil {
				benchErr = &exec.Error{Name: "ffmpeg " + string(out), Err: err}
				return
			}
			benchFiles[m.name] = p
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchFiles[name]
}

// ffmpegRate times the ffmpeg command decoding the same file to RGBA (its best of two
// runs), in frames per second.
func ffmpegRate(b *testing.B, path string, frames int) float64 {
	best := time.Duration(1<<63 - 1)
	for range 2 {
		start := time.Now()
		cmd := exec.Command("ffmpeg", "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-y", "/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("ffmpeg: %v %s", err, out)
		}
		best = min(best, time.Since(start))
	}
	return float64(frames) / best.Seconds()
}

// rssBytes is the process's resident set size (Linux), 0 elsewhere.
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// BenchmarkDecodeRGBA decodes every frame to RGBA through VideoDecoder (ModeFast) and
// reports frames/s next to the ffmpeg command's frames/s on the same file, their ratio,
// and the resident memory one running decoder adds.
func BenchmarkDecodeRGBA(b *testing.B) {
	for _, m := range benchMedia {
		b.Run(m.name, func(b *testing.B) {
			path := benchMedium(b, m.name)
			b.ReportAllocs()
			frames := 0
			var rss int64
			b.ResetTimer()
			for range b.N {
				debug.FreeOSMemory() // so the Go heap the previous run grew does not hide this one
				before := rssBytes()
				d := NewVideoDecoder()
				if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast, AbortAudio: true}); err != nil {
					b.Fatal(err)
				}
				n := 0
				for {
					f, err := d.NextFrame(context.Background())
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					if n == 10 {
						rss = max(rss, rssBytes()-before)
					}
					f.Release()
					n++
				}
				d.Remove()
				frames += n
			}
			elapsed := b.Elapsed()
			b.StopTimer()
			ours := float64(frames) / elapsed.Seconds()
			theirs := ffmpegRate(b, path, frames/b.N)
			b.ReportMetric(ours, "frames/s")
			b.ReportMetric(theirs, "ffmpeg-frames/s")
			b.ReportMetric(ours/theirs, "x-ffmpeg")
			b.ReportMetric(float64(rss)/(1<<20), "MB-rss/decoder")
		})
	}
}
