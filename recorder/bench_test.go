package recorder

import (
	"context"
	"errors"
	"image"
	"io"
	"math"
	"os"
	"testing"

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
// MP4 (one op = one frame; -benchtime=300x records 300) and reports the split of
// time per frame between drawing, capturing, waiting for the queue and encoding.
func BenchmarkRecordPoster(b *testing.B) {
	needFFmpeg(b)
	for _, preset := range []string{"veryfast", "ultrafast"} {
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
	for i := 0; i < b.N; i++ {
		if err := m.RequestFrame(func() { posterFrame(c, i) }); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := m.Stop(); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	st := m.Stats()
	per := func(d interface{ Seconds() float64 }) float64 { return d.Seconds() * 1000 / float64(b.N) }
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
	b.ReportMetric(per(st.Draw), "draw-ms/frame")
	b.ReportMetric(per(st.Capture), "capture-ms/frame")
	b.ReportMetric(per(st.QueueWait), "queuewait-ms/frame")
	b.ReportMetric(per(st.Encode), "encode-ms/frame")
	b.ReportMetric(per(st.EncoderIdle), "encoderidle-ms/frame")
}

// BenchmarkDrawPoster is the drawing alone, for comparison with BenchmarkRecordPoster.
func BenchmarkDrawPoster(b *testing.B) {
	c, _ := canvas.NewCanvas(benchW, benchH)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		posterFrame(c, i)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
}

// BenchmarkConvert compares FFmpeg's swscale RGBA→YUV 4:2:0 conversion (what
// Encoder.EncodeRGBA does before encoding, measured through the rawvideo encoder,
// which only copies) with a plain Go converter.
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
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
	})
	b.Run("go", func(b *testing.B) {
		y := make([]byte, benchW*benchH)
		u := make([]byte, benchW*benchH/4)
		v := make([]byte, benchW*benchH/4)
		b.SetBytes(int64(len(pix)))
		for i := 0; i < b.N; i++ {
			rgbaToI420(y, u, v, pix, benchW, benchH, 4*benchW)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
	})
}

// rgbaToI420 converts RGBA (alpha ignored: premultiplied pixels come out composited
// over black) to BT.601 limited-range YUV 4:2:0, averaging each 2x2 block for chroma,
// in 8-bit fixed point.
func rgbaToI420(yp, up, vp, pix []byte, w, h, stride int) {
	cw := w / 2
	for y := 0; y+1 < h; y += 2 {
		r0 := pix[y*stride : y*stride+4*w]
		r1 := pix[(y+1)*stride : (y+1)*stride+4*w]
		y0 := yp[y*w : y*w+w]
		y1 := yp[(y+1)*w : (y+1)*w+w]
		uo := up[y/2*cw : y/2*cw+cw]
		vo := vp[y/2*cw : y/2*cw+cw]
		for x := 0; x+1 < w; x += 2 {
			p := r0[4*x : 4*x+8]
			q := r1[4*x : 4*x+8]
			ra, ga, ba := int32(p[0]), int32(p[1]), int32(p[2])
			rb, gb, bb := int32(p[4]), int32(p[5]), int32(p[6])
			rc, gc, bc := int32(q[0]), int32(q[1]), int32(q[2])
			rd, gd, bd := int32(q[4]), int32(q[5]), int32(q[6])
			y0[x] = byte((66*ra + 129*ga + 25*ba + 128 + 16<<8) >> 8)
			y0[x+1] = byte((66*rb + 129*gb + 25*bb + 128 + 16<<8) >> 8)
			y1[x] = byte((66*rc + 129*gc + 25*bc + 128 + 16<<8) >> 8)
			y1[x+1] = byte((66*rd + 129*gd + 25*bd + 128 + 16<<8) >> 8)
			r, g, bl := ra+rb+rc+rd, ga+gb+gc+gd, ba+bb+bc+bd
			uo[x/2] = byte((-38*r - 74*g + 112*bl + 512 + 128<<10) >> 10)
			vo[x/2] = byte((112*r - 94*g - 18*bl + 512 + 128<<10) >> 10)
		}
	}
}

// TestGoConverterMatchesSwscale keeps the Go converter honest: decoding what it
// produced must match the RGBA within the rounding of 4:2:0.
func TestGoConverterAccuracy(t *testing.T) {
	const w, h = 64, 32
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	// Flat 2x2 blocks so chroma subsampling loses nothing.
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			copy(img.Pix[(y*w+x)*4:], img.Pix[((y&^1)*w+(x&^1))*4:][:4])
		}
	}
	yp, up, vp := make([]byte, w*h), make([]byte, w*h/4), make([]byte, w*h/4)
	rgbaToI420(yp, up, vp, img.Pix, w, h, 4*w)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			Y := float64(yp[y*w+x]) - 16
			U := float64(up[y/2*w/2+x/2]) - 128
			V := float64(vp[y/2*w/2+x/2]) - 128
			r := 1.164*Y + 1.596*V
			g := 1.164*Y - 0.392*U - 0.813*V
			bl := 1.164*Y + 2.017*U
			p := img.Pix[(y*w+x)*4:]
			for k, v := range []float64{r, g, bl} {
				v = math.Max(0, math.Min(255, v))
				if math.Abs(v-float64(p[k])) > 3 {
					t.Fatalf("(%d,%d) channel %d: %v back from %d", x, y, k, v, p[k])
				}
			}
		}
	}
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
