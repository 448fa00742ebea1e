//go:build cgo && !noffmpeg

package ffmpeg

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Test media is generated once per test binary with the ffmpeg command.

type medium struct {
	name string
	args []string // ffmpeg arguments between the inputs and the output file
	ext  string
	need string // encoder that must exist, "" for none
}

var media = []medium{
	{"h264", []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libx264", "-g", "12", "-bf", "0", "-pix_fmt", "yuv420p"}, "mp4", "libx264"},
	{"h264b", []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libx264", "-g", "12", "-bf", "3", "-pix_fmt", "yuv420p"}, "mp4", "libx264"},
	// Both inputs end by themselves: -frames:v would cut the audio short.
	{"h264av", []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=1", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"}, "mp4", "libx264"},
	{"hevc", []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-tag:v", "hvc1"}, "mp4", "libx265"},
	{"vp9", []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-pix_fmt", "yuv420p"}, "webm", "libvpx-vp9"},
	{"vfr", []string{"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "30", "-vf", "select='lt(n\\,10)+not(mod(n\\,3))'", "-fps_mode", "vfr", "-c:v", "libx264", "-pix_fmt", "yuv420p"}, "mp4", "libx264"},
	// 35.6 Mpixel, above DefaultMaxPixels; a black PNG keeps the file at 100 kB.
	{"huge", []string{"-f", "lavfi", "-i", "color=c=black:s=8192x4352:d=0.04", "-frames:v", "1", "-c:v", "png"}, "mov", ""},
	{"audio", []string{"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.5", "-c:a", "aac"}, "m4a", ""},
}

var (
	mediaOnce sync.Once
	mediaDir  string
	mediaErr  map[string]string
)

func haveFFmpeg(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg command not installed")
	}
}

// testMedium returns the path of a generated file, skipping when its encoder is absent.
func testMedium(t testing.TB, name string) string {
	t.Helper()
	haveFFmpeg(t)
	mediaOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ffmpeg-test-media-")
		if err != nil {
			panic(err)
		}
		mediaDir = dir
		mediaErr = map[string]string{}
		encoders, _ := exec.Command("ffmpeg", "-hide_banner", "-encoders").Output()
		var wg sync.WaitGroup
		var mu sync.Mutex
		for _, m := range media {
			if m.need != "" && !bytes.Contains(encoders, []byte(" "+m.need+" ")) {
				mediaErr[m.name] = "encoder " + m.need + " not available"
				continue
			}
			wg.Add(1)
			go func(m medium) {
				defer wg.Done()
				out := filepath.Join(dir, m.name+"."+m.ext)
				args := append([]string{"-v", "error", "-y"}, m.args...)
				if b, err := exec.Command("ffmpeg", append(args, out)...).CombinedOutput(); err != nil {
					mu.Lock()
					mediaErr[m.name] = string(b)
					mu.Unlock()
				}
			}(m)
		}
		wg.Wait()
		// Derived files.
		src := filepath.Join(dir, "h264.mp4")
		if _, err := os.Stat(src); err == nil {
			rot := filepath.Join(dir, "rot90.mp4")
			if b, err := exec.Command("ffmpeg", "-v", "error", "-y", "-i", src, "-c", "copy", "-metadata:s:v", "rotate=90", rot).CombinedOutput(); err != nil {
				mediaErr["rot90"] = string(b)
			}
		}
	})
	if msg, ok := mediaErr[name]; ok {
		t.Skipf("%s: %s", name, msg)
	}
	for _, m := range media {
		if m.name == name {
			return filepath.Join(mediaDir, m.name+"."+m.ext)
		}
	}
	return filepath.Join(mediaDir, name+".mp4")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if mediaDir != "" {
		os.RemoveAll(mediaDir)
	}
	os.Exit(code)
}

// probeFrames returns pts and pkt_dts of every video frame as ffprobe decodes them.
func probeFrames(t testing.TB, path string) (pts []int64) {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	for _, line := range strings.Fields(string(out)) {
		line = strings.Trim(line, ",")
		v, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			t.Fatalf("ffprobe output %q: %v", line, err)
		}
		pts = append(pts, v)
	}
	return pts
}

// ffmpegRGBA returns ffmpeg's own RGBA rendering of every frame, concatenated.
func ffmpegRGBA(t testing.TB, path string, extra ...string) []byte {
	t.Helper()
	args := append([]string{"-v", "error"}, extra...)
	args = append(args, "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-fps_mode", "passthrough", "-")
	out, err := exec.Command("ffmpeg", args...).Output()
	if err != nil {
		t.Fatalf("ffmpeg rgba %s: %v", path, err)
	}
	return out
}
