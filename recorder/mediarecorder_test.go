package recorder

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec"
)

func TestOptionsNormalized(t *testing.T) {
	tests := []struct {
		name    string
		in      Options
		check   func(Options) bool
		wantErr string
	}{
		{"zero takes defaults", Options{}, func(o Options) bool {
			return o.Duration == 600 && o.VideoBitsPerSecond == 1000 && o.Gop == 12 && o.FPS == 24 && o.Format == "mp4" && o.Queue == 3 && o.Preset == "superfast"
		}, ""},
		{"short duration clamps to 5 s", Options{Duration: 1}, func(o Options) bool { return o.Duration == 5 }, ""},
		{"long duration clamps to 7200 s", Options{Duration: 9000}, func(o Options) bool { return o.Duration == 7200 }, ""},
		{"low bitrate clamps to 600", Options{VideoBitsPerSecond: 100}, func(o Options) bool { return o.VideoBitsPerSecond == 600 }, ""},
		{"high bitrate clamps to 3000", Options{VideoBitsPerSecond: 8000}, func(o Options) bool { return o.VideoBitsPerSecond == 3000 }, ""},
		{"format is case-insensitive", Options{Format: "GIF"}, func(o Options) bool { return o.Format == "gif" }, ""},
		{"negative duration", Options{Duration: -1}, nil, "duration"},
		{"NaN duration", Options{Duration: math.NaN()}, nil, "duration"},
		{"negative bitrate", Options{VideoBitsPerSecond: -5}, nil, "videoBitsPerSecond"},
		{"negative gop", Options{Gop: -1}, nil, "gop"},
		{"huge gop", Options{Gop: 5000}, nil, "gop"},
		{"fps above 120", Options{FPS: 240}, nil, "fps"},
		{"negative fps", Options{FPS: -24}, nil, "fps"},
		{"negative width", Options{Width: -1}, nil, "width"},
		{"huge height", Options{Height: 100000}, nil, "height"},
		{"unknown format", Options{Format: "avi"}, nil, "format"},
		{"quality above 100", Options{Quality: 101}, nil, "quality"},
		{"queue above limit", Options{Queue: 1000}, nil, "queue"},
		{"unknown preset", Options{Preset: "warp"}, nil, "preset"},
		{"preset kept", Options{Preset: "ultrafast"}, func(o Options) bool { return o.Preset == "ultrafast" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := tc.in.normalized()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrInvalidOption) {
					t.Fatalf("error %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(o) {
				t.Fatalf("normalized to %+v", o)
			}
		})
	}
}

// record draws frames 0..n-1 of drawScene and returns the result and each frame's pixels.
func record(t *testing.T, c *canvas.Canvas, opt Options, n int, audioSrc PCMSource) (Result, [][]byte) {
	return recordScene(t, c, opt, n, audioSrc, drawScene)
}

func recordScene(t *testing.T, c *canvas.Canvas, opt Options, n int, audioSrc PCMSource, scene func(testing.TB, *canvas.Canvas, int)) (Result, [][]byte) {
	t.Helper()
	opt.TempDir = t.TempDir()
	m, err := NewMediaRecorder(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	if audioSrc != nil {
		if err := m.AttachAudio(audioSrc); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	var frames [][]byte
	for i := 0; i < n; i++ {
		if err := m.RequestFrame(func() { scene(t, c, i) }); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		frames = append(frames, snapshot(c))
	}
	res, err := m.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Destroy(); err != nil {
		t.Fatal(err)
	}
	return res, frames
}

func TestMediaRecorderMP4(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	tests := []struct {
		name          string
		cw, ch        int
		fps, gop      int
		frames        int
		width, height int // requested output size (0: canvas)
		wantW, wantH  int
	}{
		{"24 fps canvas size", 160, 120, 24, 12, 48, 0, 0, 160, 120},
		{"30 fps odd canvas rounds down", 161, 91, 30, 30, 15, 0, 0, 160, 90},
		{"scaled to half size", 320, 240, 10, 5, 12, 160, 120, 160, 120},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := canvas.NewCanvas(tc.cw, tc.ch)
			if err != nil {
				t.Fatal(err)
			}
			res, frames := record(t, c, Options{FPS: tc.fps, Gop: tc.gop, Width: tc.width, Height: tc.height}, tc.frames, nil)
			if !strings.HasSuffix(res.TempFilePath, ".mp4") || res.Frames != int64(tc.frames) {
				t.Fatalf("result %+v", res)
			}
			if fi, err := os.Stat(res.TempFilePath); err != nil || fi.Size() != res.FileSize {
				t.Fatalf("file size %v, reported %d (%v)", fi.Size(), res.FileSize, err)
			}
			wantDur := time.Duration(tc.frames) * time.Second / time.Duration(tc.fps)
			if res.Duration != wantDur {
				t.Errorf("Duration %v, want %v", res.Duration, wantDur)
			}
			got := ffprobe(t, res.TempFilePath, "-count_frames", "-select_streams", "v:0",
				"-show_entries", "stream=codec_name,width,height,r_frame_rate,nb_read_frames")
			want := fmt.Sprintf("h264\n%d\n%d\n%d/1\n%d", tc.wantW, tc.wantH, tc.fps, tc.frames)
			if got != want {
				t.Fatalf("ffprobe:\n%s\nwant\n%s", got, want)
			}
			dur, _ := strconv.ParseFloat(ffprobe(t, res.TempFilePath, "-show_entries", "format=duration"), 64)
			if math.Abs(dur-wantDur.Seconds()) > 0.01 {
				t.Errorf("container duration %.3f s, want %.3f", dur, wantDur.Seconds())
			}
			// Keyframes every gop frames.
			keys := ffprobe(t, res.TempFilePath, "-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries", "frame=pts", "-show_frames")
			if n := len(strings.Fields(keys)); n < tc.frames/tc.gop {
				t.Errorf("%d keyframes in %d frames, want at least %d (gop %d)", n, tc.frames, tc.frames/tc.gop, tc.gop)
			}
			// Decoded frames match the canvas that drew them (H.264 is lossy; the
			// mean error of a right frame is ~2, of a neighbouring frame far more).
			for _, k := range []int{0, tc.frames / 2, tc.frames - 1} {
				dec := ffmpegFrameRGBA(t, res.TempFilePath, k, tc.wantW, tc.wantH)
				ref := scaledRef(t, frames[k], tc.cw, tc.ch, tc.wantW, tc.wantH)
				if d := meanAbsDiff(dec, ref); d > 6 {
					t.Errorf("frame %d: mean difference %.2f from the canvas", k, d)
				}
				if k > 0 {
					other := scaledRef(t, frames[k-1], tc.cw, tc.ch, tc.wantW, tc.wantH)
					if d, d2 := meanAbsDiff(dec, ref), meanAbsDiff(dec, other); d2 <= d {
						t.Errorf("frame %d is closer to frame %d (%.2f <= %.2f): frames out of order", k, k-1, d2, d)
					}
				}
			}
		})
	}
}

// scaledRef crops (odd size) or scales a canvas snapshot to the output size.
func scaledRef(t *testing.T, pix []byte, w, h, ow, oh int) []byte {
	s := scaler{w: ow, h: oh}
	if w == 2*ow && h == 2*oh {
		return rgbaCopy(s.frame(&frameBuf{pix: pix, w: w, h: h, stride: 4 * w}).Pix)
	}
	out := make([]byte, 0, 4*ow*oh)
	for y := 0; y < oh; y++ {
		out = append(out, pix[y*4*w:y*4*w+4*ow]...)
	}
	return out
}

func rgbaCopy(b []byte) []byte { return append([]byte(nil), b...) }

func sineBuffer(t *testing.T, rate, channels int, seconds float64, freq float64) *audio.AudioBuffer {
	n := int(float64(rate) * seconds)
	ch := make([][]float32, channels)
	for c := range ch {
		ch[c] = make([]float32, n)
		for i := range ch[c] {
			ch[c][i] = float32(0.5 * math.Sin(2*math.Pi*freq*float64(c+1)*float64(i)/float64(rate)))
		}
	}
	b, err := audio.NewAudioBufferFromChannels(ch, float64(rate))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMediaRecorderMP4WithAudio(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	c, _ := canvas.NewCanvas(96, 64)
	const rate = 48000
	tests := []struct {
		name      string
		seconds   float64 // length of the soundtrack
		channels  int
		wantAudio float64 // seconds of audio in the file
	}{
		{"longer soundtrack is cut at the video's end", 5, 2, 2},
		{"shorter mono soundtrack ends early", 1, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			buf := sineBuffer(t, rate, tc.channels, tc.seconds, 440)
			src, err := NewBufferSource(buf, 0)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := record(t, c, Options{FPS: 24}, 48, src)
			got := ffprobe(t, res.TempFilePath, "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels")
			if want := fmt.Sprintf("aac\n%d\n%d", rate, tc.channels); got != want {
				t.Fatalf("audio stream %q, want %q", got, want)
			}
			dec := ffmpegAudio(t, res.TempFilePath, rate, tc.channels)
			frames := len(dec) / tc.channels
			if math.Abs(float64(frames)/rate-tc.wantAudio) > 0.05 {
				t.Fatalf("%d decoded audio frames (%.3f s), want %.3f s", frames, float64(frames)/rate, tc.wantAudio)
			}
			// Compare samples away from the edges (AAC's transients).
			var errSum, refSum float64
			for c := 0; c < tc.channels; c++ {
				ref, _ := buf.GetChannelData(c)
				for i := rate / 10; i < frames-rate/10; i++ {
					d := float64(dec[i*tc.channels+c] - ref[i])
					errSum += d * d
					refSum += float64(ref[i]) * float64(ref[i])
				}
			}
			if snr := 10 * math.Log10(refSum/errSum); snr < 25 {
				t.Errorf("decoded audio SNR %.1f dB, want at least 25", snr)
			}
		})
	}
}

func TestMediaRecorderAnimatedImages(t *testing.T) {
	const n = 12
	tests := []struct {
		name    string
		opt     Options
		format  codec.Format
		maxDiff float64 // mean per-channel difference from the canvas
		delays  []time.Duration
		scene   func(testing.TB, *canvas.Canvas, int)
	}{
		{"gif exact colours", Options{Format: "gif", FPS: 25}, codec.GIF, 0, []time.Duration{40 * time.Millisecond}, flatScene},
		{"gif dithered gradient", Options{Format: "gif", FPS: 24}, codec.GIF, 20, []time.Duration{40 * time.Millisecond, 50 * time.Millisecond}, drawScene},
		{"apng", Options{Format: "apng", FPS: 24}, codec.PNG, 0, []time.Duration{41 * time.Millisecond, 42 * time.Millisecond}, drawScene},
		{"webp lossless", Options{Format: "webp", FPS: 24, Lossless: true}, codec.WebP, 0, []time.Duration{41 * time.Millisecond, 42 * time.Millisecond}, drawScene},
		{"webp lossy", Options{Format: "webp", FPS: 10}, codec.WebP, 4, []time.Duration{100 * time.Millisecond}, drawScene},
		{"webp lossy with transparency", Options{Format: "webp", FPS: 10}, codec.WebP, 4, []time.Duration{100 * time.Millisecond}, flatScene},
		{"apng with transparency", Options{Format: "apng", FPS: 30}, codec.PNG, 0, []time.Duration{33 * time.Millisecond, 34 * time.Millisecond}, flatScene},
		{"webp lossless with transparency", Options{Format: "webp", FPS: 20, Lossless: true}, codec.WebP, 0, []time.Duration{50 * time.Millisecond}, flatScene},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := canvas.NewCanvas(64, 48)
			res, frames := recordScene(t, c, tc.opt, n, nil, tc.scene)
			f, err := os.Open(res.TempFilePath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			anim, err := codec.DecodeAll(f, codec.DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if anim.Config.Format != tc.format || len(anim.Frames) != n || anim.LoopCount != 0 {
				t.Fatalf("decoded %s with %d frames, loop %d; want %s, %d, 0", anim.Config.Format, len(anim.Frames), anim.LoopCount, tc.format, n)
			}
			// FFmpeg, an independent reader, agrees on GIF and APNG (its WebP decoder
			// has no animation support).
			if probe := map[codec.Format]string{codec.GIF: "gif", codec.PNG: "apng"}[tc.format]; probe != "" && ffmpegInstalled() {
				got := ffprobe(t, res.TempFilePath, "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames")
				if want := fmt.Sprintf("%s\n64\n48\n%d", probe, n); got != want {
					t.Errorf("ffprobe %q, want %q", got, want)
				}
			}
			var total time.Duration
			for i, fr := range anim.Frames {
				ok := false
				for _, d := range tc.delays {
					ok = ok || fr.Delay.Round(time.Millisecond) == d
				}
				if !ok {
					t.Errorf("frame %d delay %v, want one of %v", i, fr.Delay, tc.delays)
				}
				total += fr.Delay
				if d := meanAbsDiff(rgbaOf(fr.Image), frames[i]); d > tc.maxDiff {
					t.Errorf("frame %d: mean difference %.3f from the canvas, want <= %.1f", i, d, tc.maxDiff)
				}
			}
			want := time.Duration(n) * time.Second / time.Duration(tc.opt.FPS)
			if (total - want).Abs() > 10*time.Millisecond {
				t.Errorf("total delay %v, want %v", total, want)
			}
		})
	}
}

func TestGIFDithersManyColours(t *testing.T) {
	c, _ := canvas.NewCanvas(200, 100)
	ctx := c.Context2D()
	// A three-colour gradient has far more than 256 colours: the fixed palette with
	// dithering must still land close on average.
	g, _ := ctx.CreateLinearGradient(0, 0, 200, 100)
	g.AddColorStop(0, "red")
	g.AddColorStop(0.5, "lime")
	g.AddColorStop(1, "blue")
	ctx.SetFillStyle(g)
	ctx.FillRect(0, 0, 200, 100)
	ctx.ClearRect(0, 0, 20, 20) // transparent corner
	m, _ := NewMediaRecorder(c, Options{Format: "gif", TempDir: t.TempDir()})
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := m.RequestFrame(nil); err != nil {
			t.Fatal(err)
		}
	}
	res, err := m.Stop()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(res.TempFilePath)
	defer f.Close()
	anim, err := codec.DecodeAll(f, codec.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := rgbaOf(anim.Frames[1].Image)
	if a := img[3]; a != 0 {
		t.Errorf("transparent corner has alpha %d", a)
	}
	// Average over 8x8 blocks: dithering keeps local means close.
	ref := c.RGBA().Pix
	var worst float64
	for by := 24; by+8 <= 100; by += 8 {
		for bx := 24; bx+8 <= 200; bx += 8 {
			for ch := 0; ch < 3; ch++ {
				var s1, s2 float64
				for y := by; y < by+8; y++ {
					for x := bx; x < bx+8; x++ {
						s1 += float64(img[(y*200+x)*4+ch])
						s2 += float64(ref[(y*200+x)*4+ch])
					}
				}
				worst = max(worst, math.Abs(s1-s2)/64)
			}
		}
	}
	if worst > 12 {
		t.Errorf("worst 8x8 block mean differs by %.1f", worst)
	}
}

func TestMediaRecorderEvents(t *testing.T) {
	c, _ := canvas.NewCanvas(32, 32)
	m, err := NewMediaRecorder(c, Options{Format: "gif", FPS: 1, Duration: 5, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, ev := range []string{EventStart, EventStop, EventPause, EventResume, EventTimeUpdate, EventError} {
		if _, err := m.On(ev, func(e Event) {
			s := e.Type
			switch e.Type {
			case EventTimeUpdate:
				s += fmt.Sprintf("(%g)", e.CurrentTime)
			case EventStop:
				s += fmt.Sprintf("(%v,%d)", e.Result.Duration, e.Result.Frames)
			case EventError:
				s += "(" + e.Err.Error() + ")"
			}
			log = append(log, s)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.On("progress", func(Event) {}); err == nil {
		t.Error("On accepted an unknown event")
	}
	if err := m.RequestFrame(nil); !errors.Is(err, ErrInvalidState) {
		t.Errorf("RequestFrame before Start: %v", err)
	}
	log = nil
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(m.Start())
	must(m.RequestFrame(nil))
	must(m.Pause())
	if err := m.RequestFrame(nil); !errors.Is(err, ErrInvalidState) {
		t.Errorf("RequestFrame while paused: %v", err)
	}
	must(m.Resume())
	for i := 0; i < 4; i++ { // the 5th frame reaches the 5 s duration
		must(m.RequestFrame(nil))
	}
	if err := m.RequestFrame(nil); !errors.Is(err, ErrInvalidState) {
		t.Errorf("RequestFrame after the automatic stop: %v", err)
	}
	res, err := m.Stop() // returns the automatic stop's result, no second event
	must(err)
	want := []string{"start", "timeupdate(1)", "pause",
		"error(recorder: requestFrame while paused: recorder: invalid state)", "resume",
		"timeupdate(2)", "timeupdate(3)", "timeupdate(4)", "timeupdate(5)", "stop(5s,5)",
		"error(recorder: requestFrame while stopped: recorder: invalid state)"}
	if strings.Join(log, " ") != strings.Join(want, " ") {
		t.Errorf("events\n%s\nwant\n%s", strings.Join(log, " "), strings.Join(want, " "))
	}
	if res.Frames != 5 || res.Duration != 5*time.Second {
		t.Errorf("result %+v", res)
	}
	// Off by id removes one listener, id 0 all of an event.
	log = nil
	id, _ := m.On(EventStart, func(Event) { log = append(log, "second") })
	m.Off(EventStart, id)
	must(m.Start())
	m.Off(EventStop, 0)
	must(m.RequestFrame(nil))
	_, err = m.Stop()
	must(err)
	if strings.Join(log, " ") != "start timeupdate(1)" {
		t.Errorf("after Off: %v", log)
	}
	must(m.Destroy())
	if err := m.Start(); !errors.Is(err, ErrDestroyed) {
		t.Errorf("Start after Destroy: %v", err)
	}
	if _, err := os.Stat(res.TempFilePath); err != nil {
		t.Errorf("Destroy removed a finished recording: %v", err)
	}
}

func TestMediaRecorderDestroyWhileRecording(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	c, _ := canvas.NewCanvas(64, 64)
	dir := t.TempDir()
	m, _ := NewMediaRecorder(c, Options{TempDir: dir})
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := m.RequestFrame(func() { drawScene(t, c, i) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Destroy(); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("abandoned recording left %d files", len(ents))
	}
}

func TestMediaRecorderErrors(t *testing.T) {
	c, _ := canvas.NewCanvas(64, 64)
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"nil canvas", func() error { _, err := NewMediaRecorder(nil, Options{}); return err }, "canvas is nil"},
		{"audio on gif", func() error {
			m, _ := NewMediaRecorder(c, Options{Format: "gif"})
			src, _ := NewPushSource(44100, 2, 0)
			return m.AttachAudio(src)
		}, "cannot carry audio"},
		{"missing temp dir", func() error {
			m, _ := NewMediaRecorder(c, Options{Format: "gif", TempDir: "/nonexistent/dir"})
			return m.Start()
		}, "create output"},
		{"stop before start", func() error {
			m, _ := NewMediaRecorder(c, Options{Format: "gif"})
			_, err := m.Stop()
			return err
		}, "stop while idle"},
		{"stop without frames", func() error {
			m, _ := NewMediaRecorder(c, Options{Format: "gif", TempDir: t.TempDir()})
			m.Start()
			_, err := m.Stop()
			return err
		}, "no frame"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// failSink fails its write number failAt, like an encoder running out of disk.
type failSink struct {
	failAt, n int
	aborted   bool
}

var errDiskFull = errors.New("disk full")

func (s *failSink) write(f *frameBuf) error {
	s.n++
	if s.n == s.failAt {
		return errDiskFull
	}
	return nil
}
func (s *failSink) finish(int64) error { return nil }
func (s *failSink) abort()             { s.aborted = true }

func TestMediaRecorderEncoderFailure(t *testing.T) {
	tests := []struct {
		name   string
		failAt int
		frames int // frames requested before Stop
	}{
		{"reported by a later RequestFrame", 2, 10},
		{"reported by Stop", 3, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := canvas.NewCanvas(16, 16)
			m, _ := NewMediaRecorder(c, Options{Format: "gif", Queue: 1, TempDir: t.TempDir()})
			var errs []error
			m.On(EventError, func(e Event) { errs = append(errs, e.Err) })
			if err := m.Start(); err != nil {
				t.Fatal(err)
			}
			// Swap in the failing sink; the real one's file stays the output path.
			sink := &failSink{failAt: tc.failAt}
			m.sess.sink.abort()
			m.sess.sink = sink
			path := m.sess.path
			var err error
			for i := 0; i < tc.frames && err == nil; i++ {
				err = m.RequestFrame(nil)
				if err == nil {
					time.Sleep(time.Millisecond) // let the encoder catch up so the failure shows
				}
			}
			if err == nil {
				_, err = m.Stop()
			}
			if !errors.Is(err, errDiskFull) || len(errs) != 1 || !errors.Is(errs[0], errDiskFull) {
				t.Fatalf("error %v, error events %v", err, errs)
			}
			if !sink.aborted {
				t.Error("sink not aborted")
			}
			if _, serr := os.Stat(path); !os.IsNotExist(serr) {
				t.Errorf("failed recording left %s (%v)", path, serr)
			}
			// The recorder is usable again.
			if err := m.Start(); err != nil {
				t.Fatal(err)
			}
			if err := m.RequestFrame(nil); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Stop(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestMediaRecorderCanvasResized(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	for _, format := range []string{"mp4", "gif", "apng", "webp"} {
		t.Run(format, func(t *testing.T) {
			c, _ := canvas.NewCanvas(64, 48)
			m, _ := NewMediaRecorder(c, Options{Format: format, TempDir: t.TempDir()})
			if err := m.Start(); err != nil {
				t.Fatal(err)
			}
			ctx := c.Context2D()
			for i, size := range [][2]int{{64, 48}, {128, 96}, {32, 24}} {
				if err := c.SetSize(size[0], size[1]); err != nil {
					t.Fatal(err)
				}
				ctx.SetFillStyle([]string{"red", "lime", "blue"}[i])
				ctx.FillRect(0, 0, float64(size[0]), float64(size[1]))
				if err := m.RequestFrame(nil); err != nil {
					t.Fatal(err)
				}
			}
			res, err := m.Stop()
			if err != nil {
				t.Fatal(err)
			}
			// Every frame comes out at the size recording started with, scaled.
			if format == "mp4" {
				if got := ffprobe(t, res.TempFilePath, "-count_frames", "-show_entries", "stream=width,height,nb_read_frames"); got != "64\n48\n3" {
					t.Fatalf("ffprobe %q", got)
				}
				px := ffmpegFrameRGBA(t, res.TempFilePath, 2, 64, 48)
				if px[0] > 40 || px[1] > 40 || px[2] < 200 {
					t.Errorf("last frame starts with %v, want blue", px[:4])
				}
				return
			}
			f, _ := os.Open(res.TempFilePath)
			defer f.Close()
			anim, err := codec.DecodeAll(f, codec.DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if anim.Config.Width != 64 || anim.Config.Height != 48 || len(anim.Frames) != 3 {
				t.Fatalf("%dx%d with %d frames", anim.Config.Width, anim.Config.Height, len(anim.Frames))
			}
			for i, want := range [][3]uint32{{255, 0, 0}, {0, 255, 0}, {0, 0, 255}} {
				r, g, b, _ := anim.Frames[i].Image.At(32, 24).RGBA()
				got := [3]uint32{r >> 8, g >> 8, b >> 8}
				for k := range got {
					if d := int(got[k]) - int(want[k]); d > 8 || d < -8 {
						t.Errorf("frame %d centre %v, want %v", i, got, want)
						break
					}
				}
			}
		})
	}
}

func TestRecordHelper(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	c, _ := canvas.NewCanvas(64, 48)
	dir := t.TempDir()
	// The soundtrack comes from an audio file, decoded by FFmpeg.
	wav := func() string {
		src, _ := sineSource(t, 44100, 2, 3)
		m := NewRecorderManager()
		if err := m.Start(context.Background(), StartOptions{Format: "wav", SampleRate: 44100, TempDir: dir}, src); err != nil {
			t.Fatal(err)
		}
		res, err := m.Wait()
		if err != nil {
			t.Fatal(err)
		}
		return res.TempFilePath
	}()
	fsrc, err := OpenFileSource(wav, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer fsrc.Close()
	res, err := Record(context.Background(), c, Options{FPS: 12, TempDir: dir}, 24, func(i int) error {
		drawScene(t, c, i)
		return nil
	}, fsrc)
	if err != nil {
		t.Fatal(err)
	}
	got := ffprobe(t, res.TempFilePath, "-show_entries", "stream=codec_name", "-show_entries", "format=duration")
	if !strings.HasPrefix(got, "h264\naac\n2.0") {
		t.Errorf("ffprobe %q, want h264 + aac, 2 s", got)
	}

	tests := []struct {
		name string
		ctx  func() context.Context
		draw func(int) error
		want string
	}{
		{"draw error", context.Background, func(i int) error {
			if i == 3 {
				return errors.New("bad image")
			}
			return nil
		}, "bad image"},
		{"cancelled", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, nil, "context canceled"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := t.TempDir()
			_, err := Record(tc.ctx(), c, Options{Format: "gif", TempDir: d}, 10, tc.draw, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if ents, _ := os.ReadDir(d); len(ents) != 0 {
				t.Errorf("%d files left", len(ents))
			}
		})
	}
}

func TestMediaRecorderReentrantCalls(t *testing.T) {
	c, _ := canvas.NewCanvas(16, 16)
	tests := []struct {
		name    string
		setup   func(m *MediaRecorder)
		draw    func(m *MediaRecorder) func()
		wantErr bool
		state   recState
	}{
		{"draw callback stops", nil, func(m *MediaRecorder) func() { return func() { m.Stop() } }, true, stateStopped},
		{"draw callback destroys", nil, func(m *MediaRecorder) func() { return func() { m.Destroy() } }, true, stateDestroyed},
		{"draw callback pauses", nil, func(m *MediaRecorder) func() { return func() { m.Pause() } }, true, statePaused},
		{"timeupdate listener stops on the last frame", func(m *MediaRecorder) {
			m.On(EventTimeUpdate, func(e Event) {
				if e.CurrentTime >= 5 {
					m.Stop()
				}
			})
		}, nil, false, stateStopped},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := NewMediaRecorder(c, Options{Format: "gif", FPS: 1, Duration: 5, TempDir: t.TempDir()})
			if tc.setup != nil {
				tc.setup(m)
			}
			if err := m.Start(); err != nil {
				t.Fatal(err)
			}
			var err error
			for i := 0; i < 5 && err == nil; i++ {
				var draw func()
				if tc.draw != nil && i == 2 {
					draw = tc.draw(m)
				}
				err = m.RequestFrame(draw)
			}
			if (err != nil) != tc.wantErr || m.state != tc.state {
				t.Fatalf("error %v, state %v; want error %v, state %v", err, m.state, tc.wantErr, tc.state)
			}
			m.Destroy()
		})
	}
}

// gateSink holds every write until the test releases it.
type gateSink struct {
	gate    chan struct{}
	written atomicInt
}

func (s *gateSink) write(f *frameBuf) error { <-s.gate; s.written.add(1); return nil }
func (s *gateSink) finish(int64) error      { return nil }
func (s *gateSink) abort()                  {}

func TestMediaRecorderQueueIsBounded(t *testing.T) {
	c, _ := canvas.NewCanvas(32, 32)
	for _, queue := range []int{1, 3} {
		t.Run(fmt.Sprint("queue ", queue), func(t *testing.T) {
			m, _ := NewMediaRecorder(c, Options{Format: "gif", Queue: queue, TempDir: t.TempDir()})
			if err := m.Start(); err != nil {
				t.Fatal(err)
			}
			sink := &gateSink{gate: make(chan struct{})}
			m.sess.sink.abort()
			m.sess.sink = sink
			var requested atomicInt
			done := make(chan error)
			go func() {
				for i := 0; i < 20; i++ {
					if err := m.RequestFrame(nil); err != nil {
						done <- err
						return
					}
					requested.add(1)
				}
				done <- nil
			}()
			// One frame sits in the sink, queue frames in the channel, and the
			// next RequestFrame blocks: no more than queue+1 can return.
			for deadline := time.Now().Add(10 * time.Second); requested.load() < int64(queue+1) && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			time.Sleep(100 * time.Millisecond) // would a further call get through?
			if got := requested.load(); got != int64(queue+1) {
				t.Fatalf("%d RequestFrame calls returned while the encoder was stuck, want %d", got, queue+1)
			}
			close(sink.gate)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if _, err := m.Stop(); err != nil {
				t.Fatal(err)
			}
			if sink.written.load() != 20 {
				t.Errorf("%d frames written", sink.written.load())
			}
		})
	}
}

type nopSink struct{}

func (nopSink) write(*frameBuf) error { return nil }
func (nopSink) finish(int64) error    { return nil }
func (nopSink) abort()                {}

func TestRequestFrameDoesNotAllocate(t *testing.T) {
	c, _ := canvas.NewCanvas(256, 256)
	m, _ := NewMediaRecorder(c, Options{Format: "gif", Queue: 2, TempDir: t.TempDir()})
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	m.sess.sink.abort()
	m.sess.sink = nopSink{}
	for i := 0; i < 8; i++ { // fill the pool
		m.RequestFrame(nil)
	}
	allocs := testing.AllocsPerRun(200, func() {
		if err := m.RequestFrame(nil); err != nil {
			t.Fatal(err)
		}
	})
	// Pooled frame buffers: a 256 KB copy per frame, but (almost) no allocation.
	if allocs > 0.5 {
		t.Errorf("%.2f allocations per RequestFrame", allocs)
	}
	m.Destroy()
}

// TestMP4FrameDoesNotAllocate records MP4 at the canvas size, the path that converts
// into pooled encoder pictures: after warm-up, neither RequestFrame nor the encoder
// goroutine (counted too: the figure is process-wide) allocates per frame.
func TestMP4FrameDoesNotAllocate(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	c, _ := canvas.NewCanvas(128, 96)
	m, _ := NewMediaRecorder(c, Options{TempDir: t.TempDir()})
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	defer m.Destroy()
	for i := 0; i < 30; i++ {
		if err := m.RequestFrame(nil); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := m.RequestFrame(nil); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0.5 {
		t.Errorf("%.2f allocations per MP4 frame", allocs)
	}
	if _, err := m.Stop(); err != nil {
		t.Fatal(err)
	}
}

func TestDroppedRecorderIsCleanedUp(t *testing.T) {
	needFFmpeg(t)
	before := ffmpegLive()
	dir := t.TempDir()
	func() {
		c, _ := canvas.NewCanvas(64, 64)
		m, _ := NewMediaRecorder(c, Options{TempDir: dir})
		if err := m.Start(); err != nil {
			t.Fatal(err)
		}
		if err := m.RequestFrame(nil); err != nil {
			t.Fatal(err)
		}
		// m is dropped without Stop or Destroy.
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		ents, _ := os.ReadDir(dir)
		if len(ents) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("partial recording %s still there", ents[0].Name())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Cleanups run on their own goroutine: wait for the FFmpeg objects to go too.
	for ffmpegLive() != before {
		if time.Now().After(deadline) {
			t.Fatalf("%d FFmpeg objects, %d before", ffmpegLive(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestDestroyWithSilentPushedSoundtrack(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	c, _ := canvas.NewCanvas(64, 64)
	src, _ := NewPushSource(44100, 2, 0)
	m, _ := NewMediaRecorder(c, Options{TempDir: t.TempDir()})
	if err := m.AttachAudio(src); err != nil {
		t.Fatal(err)
	}
	if err := m.Start(); err != nil {
		t.Fatal(err)
	}
	m.RequestFrame(nil) // the encoder now waits for audio that never comes
	done := make(chan struct{})
	go func() { m.Destroy(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Destroy blocked on a silent soundtrack")
	}
}
