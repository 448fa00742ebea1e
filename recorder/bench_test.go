package recorder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec/ffmpeg"
)

const benchW, benchH = 1080, 1920

// posterFrame paints frame i of an animated 1080x1920 share poster: a gradient
// background, 24 drifting translucent bubbles, a rotating rounded card with a border
// and a progress bar.
func posterFrame(c *canvas.Canvas, i int) {
	ctx := c.Context2D()
	w, h := float64(c.Width()), float64(c.Height())
	t := float64(i) / 24
	g, _ := ctx.CreateLinearGradient(0, 0, w*math.Cos(t/4), h)
	g.AddColorStop(0, "#0f2027")
	g.AddColorStop(0.5, "#203a43")
	g.AddColorStop(1, "#2c5364")
	ctx.SetGlobalAlpha(1)
	ctx.SetFillStyle(g)
	ctx.FillRect(0, 0, w, h)
	ctx.SetGlobalAlpha(0.35)
	for k := 0; k < 24; k++ {
		fk := float64(k)
		x := math.Mod(fk*173+t*(40+fk*3), w)
		y := h - math.Mod(fk*311+t*(80+fk*5), h)
		ctx.BeginPath()
		ctx.Arc(x, y, 20+math.Mod(fk*37, 90), 0, 2*math.Pi, false)
		ctx.SetFillStyle([]string{"#f7b733", "#fc4a1a", "#4abdac", "#dfdce3"}[k%4])
		ctx.Fill()
	}
	ctx.SetGlobalAlpha(1)
	ctx.Save()
	ctx.Translate(w/2, h/2)
	ctx.Rotate(0.1 * math.Sin(t))
	ctx.BeginPath()
	ctx.RoundRect(-400, -500, 800, 1000, canvas.R(48))
	ctx.SetFillStyle("rgba(255, 255, 255, 0.92)")
	ctx.Fill()
	ctx.SetLineWidth(12)
	ctx.SetStrokeStyle("#fc4a1a")
	ctx.Stroke()
	ctx.Restore()
	ctx.SetFillStyle("#4abdac")
	ctx.FillRect(140, h-220, (w-280)*math.Mod(t/10, 1), 24)
}

// BenchmarkRecordPoster records b.N frames of the 1080x1920 poster animation to
// MP4 (one op = one frame; -benchtime=300x records 300) and reports frames/s end to
// end, the split of each frame's time between the pipeline's stages (Stats), and the
// process's CPU time per frame and use of the cores: with cpu-util near 1 no core
// idles, and with encoder-idle near 0 the encoder never waits for our code.
func BenchmarkRecordPoster(b *testing.B) {
	needFFmpeg(b)
	for _, preset := range []string{DefaultPreset, "veryfast", "ultrafast"} {
		b.Run(preset, func(b *testing.B) { benchRecord(b, preset) })
	}
}

func benchRecord(b *testing.B, preset string) {
	c, err := canvas.NewCanvas(benchW, benchH)
	if err != nil {
		b.Fatal(err)
	}
	m, err := NewMediaRecorder(c, Options{TempDir: b.TempDir(), VideoBitsPerSecond: 3000, Preset: preset})
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Start(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	sched := threadSched()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		if err := m.RequestFrame(func() { posterFrame(c, i) }); err != nil {
			b.Fatal(err)
		}
	}
	// Before Stop, which ends x264's threads and with them their counters.
	runnable := threadSched().since(sched).Seconds() / time.Since(t0).Seconds()
	res, err := m.Stop()
	if err != nil {
		b.Fatal(err)
	}
	cpu = processCPU() - cpu
	b.StopTimer()
	st := m.Stats()
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(b.N) }
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
	b.ReportMetric(per(st.Draw), "draw-ms/frame")
	b.ReportMetric(per(st.Capture), "capture-ms/frame")
	b.ReportMetric(per(st.DrawerBlocked), "drawer-blocked-ms/frame")
	b.ReportMetric(per(st.Encode), "encode-ms/frame")
	b.ReportMetric(per(st.EncoderIdle), "encoder-idle-ms/frame")
	b.ReportMetric(per(cpu), "cpu-ms/frame")
	b.ReportMetric(cpu.Seconds()/b.Elapsed().Seconds()/float64(runtime.GOMAXPROCS(0)), "cpu-util")
	if runnable > 0 {
		b.ReportMetric(runnable, "runnable-threads")
	}
	b.ReportMetric(float64(res.FileSize)*8/res.Duration.Seconds()/1000, "kbit/s")
}

// processCPU is the user and system time the process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// schedTimes maps each thread of the process to the time it has been runnable:
// running plus waiting for a CPU (Linux /proc/self/task/*/schedstat).
type schedTimes map[string]time.Duration

// threadSched reads schedTimes; nil where /proc is missing.
func threadSched() schedTimes {
	paths, _ := filepath.Glob("/proc/self/task/*/schedstat")
	st := schedTimes{}
	for _, p := range paths {
		var run, wait int64
		if b, err := os.ReadFile(p); err == nil {
			if _, err := fmt.Sscan(string(b), &run, &wait); err == nil {
				st[p] = time.Duration(run + wait)
			}
		}
	}
	return st
}

// since sums the runnable time every thread gained after before. Divided by the
// wall time it is how many threads were runnable on average: about the number of
// cores the pipeline could keep busy on an otherwise idle machine (at 2 or more, no
// core of a 2-core machine need idle). Other processes' load moves it far less than
// frames/s: a thread kept off the CPU by them still counts as runnable.
func (st schedTimes) since(before schedTimes) time.Duration {
	var d time.Duration
	for p, t := range st {
		d += t - before[p]
	}
	return d
}

// BenchmarkEncodePoster is the encoder alone: the same sink and settings as
// BenchmarkRecordPoster, fed pictures of the animation converted beforehand (48
// frames played forth and back, so motion stays continuous). Its frames/s is the
// bound the whole pipeline can approach when drawing costs nothing.
func BenchmarkEncodePoster(b *testing.B) {
	needFFmpeg(b)
	for _, preset := range []string{DefaultPreset, "veryfast", "ultrafast"} {
		b.Run(preset, func(b *testing.B) {
			o, _ := Options{TempDir: b.TempDir(), VideoBitsPerSecond: 3000, Preset: preset}.normalized()
			path := o.TempDir + "/enc.mp4"
			sink, err := newMP4Sink(context.Background(), path, o, benchW, benchH, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer sink.abort()
			c, _ := canvas.NewCanvas(benchW, benchH)
			conv := newConverter()
			defer conv.close()
			var pics []*frameBuf
			defer func() {
				for _, f := range pics {
					f.pic.Free()
				}
			}()
			for i := 0; i < 48; i++ {
				posterFrame(c, i)
				p, err := sink.newPicture()
				if err != nil {
					b.Fatal(err)
				}
				conv.convert(p, c.RGBA())
				pics = append(pics, &frameBuf{pic: p, yuv: true})
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := processCPU()
			for i := 0; i < b.N; i++ {
				k := i % 94
				if k >= 48 {
					k = 94 - k
				}
				f := pics[k]
				f.idx = int64(i)
				if err := sink.write(f); err != nil {
					b.Fatal(err)
				}
			}
			if err := sink.finish(int64(b.N)); err != nil {
				b.Fatal(err)
			}
			cpu = processCPU() - cpu
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/frame")
		})
	}
}

// BenchmarkDrawPoster is the drawing alone, for comparison with BenchmarkRecordPoster.
func BenchmarkDrawPoster(b *testing.B) {
	c, _ := canvas.NewCanvas(benchW, benchH)
	b.ReportAllocs()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		posterFrame(c, i)
	}
	cpu = processCPU() - cpu
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/frame")
}

// BenchmarkConvert compares FFmpeg's swscale RGBA→YUV 4:2:0 conversion (what
// Encoder.EncodeRGBA does, measured through the rawvideo encoder, which only copies)
// with the converter the recorder uses, on one goroutine and in bands across CPUs.
func BenchmarkConvert(b *testing.B) {
	c, _ := canvas.NewCanvas(benchW, benchH)
	posterFrame(c, 0)
	pix := c.RGBA().Pix
	b.Run("swscale", func(b *testing.B) {
		needFFmpeg(b)
		enc, err := ffmpeg.NewVideoEncoder(ffmpeg.VideoEncoderOptions{Codec: "rawvideo", Width: benchW, Height: benchH, FrameRate: ffmpeg.Rational{Num: 24, Den: 1}})
		if err != nil {
			b.Skip(err)
		}
		defer enc.Close()
		pkt := ffmpeg.NewPacket()
		defer pkt.Free()
		b.SetBytes(int64(len(pix)))
		cpu := processCPU()
		for i := 0; i < b.N; i++ {
			if err := enc.EncodeRGBA(pix, benchW, benchH, 4*benchW, int64(i)); err != nil {
				b.Fatal(err)
			}
			for {
				err := enc.Receive(pkt)
				if errors.Is(err, ffmpeg.ErrAgain) || err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric((processCPU()-cpu).Seconds()*1000/float64(b.N), "cpu-ms/frame")
	})
	yp := make([]byte, benchW*benchH)
	up := make([]byte, benchW*benchH/4)
	vp := make([]byte, benchW*benchH/4)
	b.Run("go", func(b *testing.B) {
		b.SetBytes(int64(len(pix)))
		cpu := processCPU()
		for i := 0; i < b.N; i++ {
			rgbaToI420Rows(yp, up, vp, benchW, benchW/2, pix, 4*benchW, benchW, 0, benchH)
		}
		b.ReportMetric((processCPU()-cpu).Seconds()*1000/float64(b.N), "cpu-ms/frame")
	})
	b.Run("go-bands", func(b *testing.B) {
		needFFmpeg(b)
		enc, err := ffmpeg.NewVideoEncoder(ffmpeg.VideoEncoderOptions{Codec: "rawvideo", Width: benchW, Height: benchH, FrameRate: ffmpeg.Rational{Num: 24, Den: 1}})
		if err != nil {
			b.Skip(err)
		}
		defer enc.Close()
		p, err := enc.NewPicture()
		if err != nil {
			b.Fatal(err)
		}
		defer p.Free()
		conv := newConverter()
		defer conv.close()
		b.SetBytes(int64(len(pix)))
		b.ReportAllocs()
		cpu := processCPU()
		for i := 0; i < b.N; i++ {
			conv.convert(p, c.RGBA())
		}
		b.ReportMetric((processCPU()-cpu).Seconds()*1000/float64(b.N), "cpu-ms/frame")
	})
}

// BenchmarkRecorderManager encodes 10 s of stereo 44.1 kHz audio per op in each
// format and reports the speed as a multiple of real time.
func BenchmarkRecorderManager(b *testing.B) {
	needFFmpeg(b)
	const rate, seconds = 44100, 10
	ch := [][]float32{make([]float32, rate*seconds), make([]float32, rate*seconds)}
	for i := range ch[0] {
		ch[0][i] = float32(0.5 * math.Sin(2*math.Pi*440*float64(i)/rate))
		ch[1][i] = float32(0.5 * math.Sin(2*math.Pi*660*float64(i)/rate))
	}
	buf, err := audio.NewAudioBufferFromChannels(ch, rate)
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"PCM", "wav", "mp3", "aac"} {
		b.Run(format, func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				src, _ := NewBufferSource(buf, 0)
				m := NewRecorderManager()
				if err := m.Start(context.Background(), StartOptions{Format: format, SampleRate: rate, EncodeBitRate: 128000, FrameSize: 16, TempDir: dir}, src); err != nil {
					b.Fatal(err)
				}
				res, err := m.Wait()
				if err != nil {
					b.Fatal(err)
				}
				os.Remove(res.TempFilePath)
			}
			b.ReportMetric(float64(b.N)*seconds/b.Elapsed().Seconds(), "x-realtime")
		})
	}
}
