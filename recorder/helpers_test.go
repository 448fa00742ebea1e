package recorder

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec/ffmpeg"
)

func needFFmpeg(t testing.TB) {
	t.Helper()
	m, err := ffmpeg.NewMuxer(t.TempDir()+"/probe.mp4", ffmpeg.MuxerOptions{})
	if err == ffmpeg.ErrNoFFmpeg {
		t.Skip("built without FFmpeg")
	}
	if err == nil {
		m.Close()
	}
	for _, tool := range []string{"ffprobe", "ffmpeg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (test oracle)", tool)
		}
	}
}

func ffmpegInstalled() bool {
	_, err := exec.LookPath("ffprobe")
	return err == nil
}

func ffmpegLive() int64 { return ffmpeg.LiveObjects() }

// checkLeaks fails the test if FFmpeg objects outlive it.
func checkLeaks(t *testing.T) {
	before := ffmpeg.LiveObjects()
	t.Cleanup(func() {
		if after := ffmpeg.LiveObjects(); after != before {
			t.Errorf("FFmpeg objects: %d before, %d after", before, after)
		}
	})
}

func ffprobe(t *testing.T, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command("ffprobe", append([]string{"-v", "error", "-of", "default=nw=1:nk=1"}, append(args, path)...)...).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}

// ffmpegFrameRGBA decodes frame n of path's video with the ffmpeg command.
func ffmpegFrameRGBA(t *testing.T, path string, n, w, h int) []byte {
	t.Helper()
	cmd := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vf", fmt.Sprintf(`select=eq(n\,%d)`, n),
		"-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ffmpeg decode frame %d: %v\n%s", n, err, stderr.String())
	}
	if len(out) != 4*w*h {
		t.Fatalf("ffmpeg decode frame %d: %d bytes, want %d", n, len(out), 4*w*h)
	}
	return out
}

// ffmpegAudio decodes path's audio as interleaved float32 at rate and channels.
func ffmpegAudio(t *testing.T, path string, rate, channels int) []float32 {
	t.Helper()
	cmd := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vn", "-f", "f32le", "-ar", fmt.Sprint(rate), "-ac", fmt.Sprint(channels), "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ffmpeg decode audio: %v\n%s", err, stderr.String())
	}
	s := make([]float32, len(out)/4)
	for i := range s {
		s[i] = math.Float32frombits(uint32(out[4*i]) | uint32(out[4*i+1])<<8 | uint32(out[4*i+2])<<16 | uint32(out[4*i+3])<<24)
	}
	return s
}

// meanAbsDiff compares two RGBA buffers on the colour channels.
func meanAbsDiff(a, b []byte) float64 {
	var sum int
	for i := range a {
		if i%4 == 3 {
			continue
		}
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		sum += d
	}
	return float64(sum) / float64(len(a)*3/4)
}

// drawScene paints frame i of a test animation: a gradient background, a moving
// square and a frame counter bar, all opaque.
func drawScene(t testing.TB, c *canvas.Canvas, i int) {
	ctx := c.Context2D()
	w, h := float64(c.Width()), float64(c.Height())
	g, _ := ctx.CreateLinearGradient(0, 0, w, h)
	g.AddColorStop(0, "#1e3c72")
	g.AddColorStop(1, "#f0a030")
	ctx.SetFillStyle(g)
	ctx.FillRect(0, 0, w, h)
	ctx.SetFillStyle(fmt.Sprintf("rgb(%d, 240, 80)", (i*37)%256))
	x := math.Mod(float64(i)*w/20, w-h/3)
	ctx.FillRect(x, h/3, h/3, h/3)
	ctx.SetFillStyle("#ffffff")
	ctx.FillRect(0, h-8, w*float64(i%10+1)/10, 8)
}

// flatScene paints frame i with few colours (no anti-aliased edges): a moving
// square on a plain background, half of it translucent.
func flatScene(t testing.TB, c *canvas.Canvas, i int) {
	ctx := c.Context2D()
	ctx.ClearRect(0, 0, float64(c.Width()), float64(c.Height()))
	ctx.SetFillStyle("#204060")
	ctx.FillRect(0, 0, float64(c.Width()), float64(c.Height()/2))
	ctx.SetFillStyle(fmt.Sprintf("rgb(%d, 200, 40)", (i*41)%256))
	ctx.FillRect(float64(2*i), 8, 16, 16)
}

func snapshot(c *canvas.Canvas) []byte { return bytes.Clone(c.RGBA().Pix) }

// premulOf converts any decoded image to premultiplied RGBA bytes.
func rgbaOf(img image.Image) []byte {
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out.Pix
}

type atomicInt struct{ v atomic.Int64 }

func (a *atomicInt) add(n int64) { a.v.Add(n) }
func (a *atomicInt) load() int64 { return a.v.Load() }
