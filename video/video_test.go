//go:build cgo && !noffmpeg

package video

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

func TestInfo(t *testing.T) {
	tests := []struct {
		medium      string
		typ         string
		codec       string
		orientation string
		w, h        int
		fps         float64
		duration    float64
		audio       string
	}{
		{"h264", "mp4", "h264", "up", 64, 48, 30, 1.0, ""},
		{"rot90", "mp4", "h264", "left", 64, 48, 30, 1.0, ""},
		{"h264av", "mp4", "h264", "up", 64, 48, 30, 1.0, "aac"},
		{"hevc", "mp4", "hevc", "up", 64, 48, 30, 1.0, ""},
		{"vp9", "webm", "vp9", "up", 64, 48, 30, 1.0, ""},
		{"audio", "m4a", "", "up", 0, 0, 0, 0.5, "aac"},
	}
	for _, tc := range tests {
		t.Run(tc.medium, func(t *testing.T) {
			path := testMedium(t, tc.medium)
			info, err := Info(path)
			if err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(path)
			if info.Type != tc.typ || info.VideoCodec != tc.codec || info.Orientation != tc.orientation ||
				info.Width != tc.w || info.Height != tc.h {
				t.Errorf("got %+v", info)
			}
			if math.Abs(info.Fps-tc.fps) > 0.01 || math.Abs(info.Duration-tc.duration) > 0.05 {
				t.Errorf("fps %v duration %v, want %v %v", info.Fps, info.Duration, tc.fps, tc.duration)
			}
			if math.Abs(info.Size-float64(st.Size())/1024) > 1e-9 || info.Bitrate <= 0 {
				t.Errorf("size %v kB bitrate %v kbps", info.Size, info.Bitrate)
			}
			if (info.Audio != nil) != (tc.audio != "") || (info.Audio != nil && info.Audio.Codec != tc.audio) {
				t.Errorf("audio %+v, want %q", info.Audio, tc.audio)
			}
		})
	}
	for _, tc := range tests {
		path := testMedium(t, tc.medium)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fromPath, _ := Info(path)
		fromReader, err := InfoReader(bytes.NewReader(b), -1)
		if err != nil {
			t.Fatal(err)
		}
		if fromReader.Size != fromPath.Size || fromReader.Orientation != fromPath.Orientation || fromReader.Type != fromPath.Type || fromReader.Duration != fromPath.Duration {
			t.Errorf("%s: InfoReader %+v, Info %+v", tc.medium, fromReader, fromPath)
		}
	}
	if _, err := InfoReader(bytes.NewReader([]byte("garbage")), -1); err == nil {
		t.Error("InfoReader accepted garbage")
	}
	if _, err := Info("/nonexistent.mp4"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// collect runs a decoder to the end and returns its frames (with copied data).
func collect(t *testing.T, d *VideoDecoder, limit time.Duration) []*Frame {
	t.Helper()
	ended := make(chan struct{})
	off := d.On(EventEnded, func(any) { close(ended) })
	defer off()
	var out []*Frame
	deadline := time.After(limit)
	for {
		if f := d.GetFrameData(); f != nil {
			c := &Frame{Width: f.Width, Height: f.Height, PkPts: f.PkPts, PkDts: f.PkDts, Data: append([]byte(nil), f.Data...)}
			f.Release()
			out = append(out, c)
			continue
		}
		select {
		case <-ended:
			return out
		case <-deadline:
			t.Fatalf("no end after %v (%d frames)", limit, len(out))
		case <-time.After(time.Millisecond):
		}
	}
}

func TestDecoderMatchesFFmpeg(t *testing.T) {
	tests := []struct {
		medium string
		w, h   int
	}{
		{"h264", 64, 48},
		{"h264b", 64, 48},
		{"h264av", 64, 48},
		{"hevc", 64, 48},
		{"vp9", 64, 48},
		{"vfr", 64, 48},
		{"rot90", 48, 64}, // upright: turned a quarter
	}
	for _, tc := range tests {
		t.Run(tc.medium, func(t *testing.T) {
			path := testMedium(t, tc.medium)
			before := ffmpeg.LiveObjects()
			d := NewVideoDecoder()
			var start StartEvent
			d.On(EventStart, func(p any) { start = p.(StartEvent) })
			if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast, AbortAudio: true, BufferFrames: 4}); err != nil {
				t.Fatal(err)
			}
			frames := collect(t, d, 20*time.Second)
			if err := d.Remove(); err != nil {
				t.Fatal(err)
			}
			if start != (StartEvent{tc.w, tc.h}) {
				t.Errorf("start event %+v", start)
			}
			want := probeFrames(t, path)
			if len(frames) != len(want) {
				t.Fatalf("%d frames, ffprobe %d", len(frames), len(want))
			}
			tb := timeBase(t, path)
			rgba := ffmpegRGBA(t, path)
			size := tc.w * tc.h * 4
			for i, f := range frames {
				if f.Width != tc.w || f.Height != tc.h {
					t.Fatalf("frame %d is %dx%d", i, f.Width, f.Height)
				}
				if ms := ffmpeg.ToMs(want[i], tb); f.PkPts != ms {
					t.Errorf("frame %d pkPts %d, ffprobe %d ms", i, f.PkPts, ms)
				}
				if !bytes.Equal(f.Data, rgba[i*size:(i+1)*size]) {
					t.Fatalf("frame %d pixels differ from ffmpeg", i)
				}
			}
			if n := ffmpeg.LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}
		})
	}
}

func timeBase(t *testing.T, path string) ffmpeg.Rational {
	t.Helper()
	dm, err := ffmpeg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer dm.Close()
	return dm.Stream(dm.BestStream(ffmpeg.MediaVideo)).TimeBase
}

// shownAt is the index of the frame on screen at ms given sorted frame starts.
func shownAt(starts []int64, ms int64) int {
	i := 0
	for i+1 < len(starts) && starts[i+1] <= ms {
		i++
	}
	return i
}

func TestSeekFrameAccurate(t *testing.T) {
	for _, medium := range []string{"h264b", "vfr", "vp9"} {
		path := testMedium(t, medium)
		tb := timeBase(t, path)
		var starts []int64
		for _, p := range probeFrames(t, path) {
			starts = append(starts, ffmpeg.ToMs(p, tb))
		}
		rgba := ffmpegRGBA(t, path)
		size := 64 * 48 * 4
		d := NewVideoDecoder()
		seeks := make(chan SeekEvent, 8)
		d.On(EventSeek, func(p any) { seeks <- p.(SeekEvent) })
		if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast, BufferFrames: 2}); err != nil {
			t.Fatal(err)
		}
		for _, at := range []int64{700, 0, 433, 34, 999, 350} {
			t.Run(medium+"/"+time.Duration(at*int64(time.Millisecond)).String(), func(t *testing.T) {
				if err := d.SeekTo(at); err != nil {
					t.Fatal(err)
				}
				select {
				case ev := <-seeks:
					if ev.Position != at {
						t.Errorf("seek event at %d", ev.Position)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("no seek event")
				}
				var f *Frame
				for f == nil {
					f = d.GetFrameData()
				}
				i := shownAt(starts, at)
				if f.PkPts != starts[i] {
					t.Fatalf("first frame after seek to %d ms has pts %d, want %d (frame %d)", at, f.PkPts, starts[i], i)
				}
				if !bytes.Equal(f.Data, rgba[i*size:(i+1)*size]) {
					t.Errorf("pixels differ from ffmpeg frame %d", i)
				}
				f.Release()
			})
		}
		d.Remove()
	}
}

func TestFrameAt(t *testing.T) {
	path := testMedium(t, "h264b")
	tb := timeBase(t, path)
	var starts []int64
	for _, p := range probeFrames(t, path) {
		starts = append(starts, ffmpeg.ToMs(p, tb))
	}
	rgba := ffmpegRGBA(t, path)
	size := 64 * 48 * 4
	tests := []struct {
		at   int64
		want int // frame index
	}{
		{0, 0},
		{500, shownAt(starts, 500)},
		{966, 29},
		{60000, 29}, // past the end: the last frame
	}
	for _, tc := range tests {
		img, err := FrameAt(path, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		got := imageBytes(img)
		if !bytes.Equal(got, rgba[tc.want*size:(tc.want+1)*size]) {
			t.Errorf("FrameAt(%d) is not frame %d", tc.at, tc.want)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := FrameAtReader(bytes.NewReader(b), 500)
	if err != nil {
		t.Fatal(err)
	}
	if i := shownAt(starts, 500); !bytes.Equal(imageBytes(img), rgba[i*size:(i+1)*size]) {
		t.Error("FrameAtReader differs from FrameAt")
	}
	rot := testMedium(t, "rot90")
	img, err = FrameAt(rot, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 48 || b.Dy() != 64 {
		t.Errorf("rotated cover is %v", b)
	}
	if !bytes.Equal(imageBytes(img), ffmpegRGBA(t, rot)[:size]) {
		t.Errorf("rotated cover differs from ffmpeg's autorotated frame")
	}
}

func TestPacedMode(t *testing.T) {
	path := testMedium(t, "h264")
	d := NewVideoDecoder()
	defer d.Remove()
	if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModePaced, AbortAudio: true}); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	frames := collect(t, d, 10*time.Second)
	elapsed := time.Since(begin)
	// 30 frames at 30 fps: the last is due 967 ms after the first.
	if elapsed < 900*time.Millisecond {
		t.Errorf("paced decoding finished in %v", elapsed)
	}
	if len(frames) < 15 {
		t.Errorf("only %d of 30 frames delivered while polling every ms", len(frames))
	}
	for i := 1; i < len(frames); i++ {
		if frames[i].PkPts <= frames[i-1].PkPts {
			t.Fatalf("frames out of order at %d", i)
		}
	}
}

func TestDecoderEventsAndLifecycle(t *testing.T) {
	path := testMedium(t, "h264av")
	before := ffmpeg.LiveObjects()
	d := NewVideoDecoder()
	var mu sync.Mutex
	var got []string
	for _, ev := range []string{EventStart, EventStop, EventEnded} {
		d.On(ev, func(any) { mu.Lock(); got = append(got, ev); mu.Unlock() })
	}
	var buffer int
	offBuf := d.On(EventBufferChange, func(any) { mu.Lock(); buffer++; mu.Unlock() })
	if err := d.SeekTo(10); !errors.Is(err, ErrNotStarted) {
		t.Errorf("seek before start: %v", err)
	}
	if err := d.Start(context.Background(), StartOptions{}); err == nil {
		t.Error("start without source succeeded")
	}
	if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast}); err != nil {
		t.Fatal(err)
	}
	frames := collect(t, d, 10*time.Second)
	audio := 0
	for a := d.GetAudioData(); a != nil; a = d.GetAudioData() {
		if a.SampleRate != 44100 || a.Channels != 1 || len(a.Data) == 0 {
			t.Errorf("audio block %d Hz %d ch %d samples", a.SampleRate, a.Channels, len(a.Data))
		}
		audio++
	}
	if len(frames) != 30 || audio == 0 {
		t.Errorf("%d frames, %d audio blocks", len(frames), audio)
	}
	offBuf()
	if err := d.Stop(); err != nil {
		t.Fatal(err)
	}
	if d.GetFrameData() != nil {
		t.Error("frame after stop")
	}
	// Restart after stop works.
	if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast, AbortAudio: true}); err != nil {
		t.Fatal(err)
	}
	if n := len(collect(t, d, 10*time.Second)); n != 30 {
		t.Errorf("second run: %d frames", n)
	}
	if err := d.Remove(); err != nil {
		t.Fatal(err)
	}
	<-d.evDone // the queued events have been delivered
	if err := d.Remove(); !errors.Is(err, ErrRemoved) {
		t.Errorf("second remove: %v", err)
	}
	if err := d.Start(context.Background(), StartOptions{Source: path}); !errors.Is(err, ErrRemoved) {
		t.Errorf("start after remove: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{EventStart, EventEnded, EventStop, EventStart, EventEnded, EventStop}
	if len(got) != len(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("events %v, want %v", got, want)
		}
	}
	if buffer == 0 {
		t.Error("no bufferchange events")
	}
	if n := ffmpeg.LiveObjects() - before; n != 0 {
		t.Errorf("%d C objects leaked", n)
	}
}

func TestDamagedSources(t *testing.T) {
	full, err := os.ReadFile(testMedium(t, "h264av"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name    string
		data    []byte
		minimum int // frames that must still come out
	}{
		{"truncated", full[:len(full)*9/10], 1},
		{"garbage", bytes.Repeat([]byte{0xde, 0xad}, 4000), -1},
		{"empty", nil, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := dir + "/" + tc.name + ".mp4"
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			before := ffmpeg.LiveObjects()
			d := NewVideoDecoder()
			defer func() {
				d.Remove()
				if n := ffmpeg.LiveObjects() - before; n != 0 {
					t.Errorf("%d C objects leaked", n)
				}
			}()
			err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast})
			if tc.minimum < 0 {
				if err == nil {
					t.Fatal("started on invalid input")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// As many frames as ffmpeg itself gets out of the damaged file.
			raw, _ := exec.Command("ffmpeg", "-v", "quiet", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-fps_mode", "passthrough", "-").Output()
			want := len(raw) / (64 * 48 * 4)
			if n := len(collect(t, d, 10*time.Second)); n != want || n < tc.minimum {
				t.Errorf("%d frames, ffmpeg %d", n, want)
			}
			if _, err := FrameAt(path, 0); err != nil {
				t.Errorf("cover of damaged file: %v", err)
			}
		})
	}
}

func TestNextFrame(t *testing.T) {
	tests := []struct {
		medium string
		mode   int
		min    time.Duration // wall time the run must take at least
	}{
		{"h264b", ModeFast, 0},
		{"vfr", ModeFast, 0},
		{"vfr", ModePaced, 900 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.medium, func(t *testing.T) {
			path := testMedium(t, tc.medium)
			want := probeFrames(t, path)
			tb := timeBase(t, path)
			d := NewVideoDecoder()
			defer d.Remove()
			if _, err := d.NextFrame(context.Background()); !errors.Is(err, ErrNotStarted) {
				t.Errorf("before start: %v", err)
			}
			if err := d.Start(context.Background(), StartOptions{Source: path, Mode: tc.mode, AbortAudio: true}); err != nil {
				t.Fatal(err)
			}
			begin := time.Now()
			n, next := 0, 0 // frames received; index in want to match from
			for {
				f, err := d.NextFrame(context.Background())
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				// Paced decoding may drop a frame a busy machine shows late, so the
				// received pts must be an in-order subsequence of ffprobe's (all of them
				// in fast mode).
				for next < len(want) && ffmpeg.ToMs(want[next], tb) != f.PkPts && tc.mode == ModePaced {
					next++
				}
				if next >= len(want) || f.PkPts != ffmpeg.ToMs(want[next], tb) {
					t.Fatalf("frame %d pts %d is not ffprobe's next frame", n, f.PkPts)
				}
				next++
				f.Release()
				n++
			}
			// Half is a floor a heavily loaded CI machine still clears.
			if minimum := len(want) / 2; n != len(want) && (tc.mode == ModeFast || n < minimum) {
				t.Errorf("%d frames, ffprobe %d", n, len(want))
			}
			if el := time.Since(begin); el < tc.min {
				t.Errorf("took %v, want at least %v", el, tc.min)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			d.SeekTo(0)
			if _, err := d.NextFrame(ctx); err != context.Canceled {
				// A frame may already be buffered; either answer is fine but not a hang.
				t.Logf("cancelled NextFrame: %v", err)
			}
		})
	}
}

// TestRemoveFromCallback: a callback may remove its own decoder (a common JS idiom).
func TestRemoveFromCallback(t *testing.T) {
	d := NewVideoDecoder()
	removed := make(chan error, 1)
	d.On(EventEnded, func(any) { removed <- d.Remove() })
	if err := d.Start(context.Background(), StartOptions{Source: testMedium(t, "h264"), Mode: ModeFast, AbortAudio: true}); err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := d.NextFrame(context.Background()); err != nil {
			break
		}
	}
	select {
	case err := <-removed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Remove from a callback did not return")
	}
}

func TestAbortVideoGivesAudio(t *testing.T) {
	d := NewVideoDecoder()
	defer d.Remove()
	if err := d.Start(context.Background(), StartOptions{Source: testMedium(t, "h264av"), Mode: ModeFast, AbortVideo: true}); err != nil {
		t.Fatal(err)
	}
	if err := d.Start(context.Background(), StartOptions{Source: testMedium(t, "h264av"), AbortVideo: true, AbortAudio: true}); err == nil {
		t.Error("both aborted accepted")
	}
	if err := d.Start(context.Background(), StartOptions{Source: testMedium(t, "h264av"), Mode: ModeFast, AbortVideo: true}); err != nil {
		t.Fatal(err)
	}
	samples, rate := 0, 0
	for {
		a, err := d.NextAudio(context.Background())
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		samples += len(a.Data) / a.Channels
		rate = a.SampleRate
	}
	if _, err := d.NextFrame(context.Background()); err != io.EOF {
		t.Errorf("NextFrame with video aborted: %v", err)
	}
	// One second of audio, give or take the AAC priming the decoder keeps.
	if rate != 44100 || math.Abs(float64(samples)/44100-1) > 0.05 {
		t.Errorf("decoded %d samples at %d Hz", samples, rate)
	}
}

// TestConcurrentCovers runs several decodes at once (run with -race in CI's full pass).
func TestConcurrentCovers(t *testing.T) {
	paths := []string{testMedium(t, "h264"), testMedium(t, "h264b"), testMedium(t, "vfr"), testMedium(t, "rot90")}
	var wg sync.WaitGroup
	errs := make(chan error, len(paths)*2)
	for i := 0; i < 2; i++ {
		for _, p := range paths {
			wg.Add(1)
			go func(p string) {
				defer wg.Done()
				if _, err := FrameAt(p, 400); err != nil {
					errs <- err
				}
			}(p)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestStartContextCancel(t *testing.T) {
	d := NewVideoDecoder()
	defer d.Remove()
	ctx, cancel := context.WithCancel(context.Background())
	if err := d.Start(ctx, StartOptions{Source: testMedium(t, "h264"), Mode: ModeFast, AbortAudio: true, BufferFrames: 1}); err != nil {
		t.Fatal(err)
	}
	cancel()
	for {
		f, err := d.NextFrame(context.Background())
		if err == nil {
			f.Release()
			continue
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("after cancelling Start's context: %v", err)
		}
		break
	}
}

func TestCheckDeviceSupportHevc(t *testing.T) {
	haveFFmpeg(t)
	encoders, _ := exec.Command("ffmpeg", "-hide_banner", "-encoders").Output()
	decoders, _ := exec.Command("ffmpeg", "-hide_banner", "-decoders").Output()
	want := HevcSupport{Decode: bytes.Contains(decoders, []byte(" hevc ")), Encode: bytes.Contains(encoders, []byte("(codec hevc)"))}
	if got := CheckDeviceSupportHevc(); got != want {
		t.Errorf("got %+v, ffmpeg command says %+v", got, want)
	}
}

func TestStartPixelLimitAndImage(t *testing.T) {
	path := testMedium(t, "h264")
	d := NewVideoDecoder()
	defer d.Remove()
	err := d.Start(context.Background(), StartOptions{Source: path, MaxPixels: 64*48 - 1})
	if !errors.Is(err, ffmpeg.ErrTooLarge) {
		t.Fatalf("start above the limit: %v", err)
	}
	if err := d.Start(context.Background(), StartOptions{Source: path, Mode: ModeFast, MaxPixels: 64 * 48}); err != nil {
		t.Fatal(err)
	}
	f, err := d.NextFrame(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	img := f.Image()
	if img.Bounds().Dx() != 64 || img.Bounds().Dy() != 48 || !img.Opaque() {
		t.Errorf("image %v opaque=%v", img.Bounds(), img.Opaque())
	}
	if !bytes.Equal(img.Pix, ffmpegRGBA(t, path)[:64*48*4]) {
		t.Error("first frame's image differs from ffmpeg's")
	}
	f.Release()
}
