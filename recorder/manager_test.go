package recorder

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStartOptionsValidation(t *testing.T) {
	tests := []struct {
		name    string
		in      StartOptions
		want    string // error substring; "" means valid
		checkFn func(StartOptions) bool
	}{
		{"defaults", StartOptions{}, "", func(o StartOptions) bool {
			return o.Duration == 60000 && o.SampleRate == 8000 && o.NumberOfChannels == 2 && o.EncodeBitRate == 48000 && o.Format == "aac" && o.AudioSource == "auto"
		}},
		{"default bitrate moves into the 44100 range", StartOptions{SampleRate: 44100}, "", func(o StartOptions) bool { return o.EncodeBitRate == 64000 }},
		{"pcm spelled lower case", StartOptions{Format: "pcm", FrameSize: 4}, "", func(o StartOptions) bool { return o.Format == "PCM" && o.FrameSize == 4 }},
		{"frameSize ignored for aac", StartOptions{FrameSize: 4}, "", func(o StartOptions) bool { return o.FrameSize == 0 }},
		{"wav ignores the bitrate table", StartOptions{Format: "wav", SampleRate: 48000, EncodeBitRate: 16000}, "", func(o StartOptions) bool { return true }},
		{"top of the 48000 range", StartOptions{SampleRate: 48000, EncodeBitRate: 320000, Format: "mp3"}, "", func(o StartOptions) bool { return true }},
		{"bitrate below the 44100 range", StartOptions{SampleRate: 44100, EncodeBitRate: 48000}, "encodeBitRate 48000 is outside 64000–320000, the range for sampleRate 44100", nil},
		{"bitrate above the 8000 range", StartOptions{SampleRate: 8000, EncodeBitRate: 64000, Format: "mp3"}, "encodeBitRate 64000 is outside 16000–48000", nil},
		{"bitrate below the 12000 range", StartOptions{SampleRate: 12000, EncodeBitRate: 16000}, "outside 24000–64000", nil},
		{"unlisted sample rate", StartOptions{SampleRate: 44000}, "sampleRate 44000", nil},
		{"three channels", StartOptions{NumberOfChannels: 3}, "numberOfChannels 3", nil},
		{"duration over ten minutes", StartOptions{Duration: 600001}, "duration 600001", nil},
		{"negative duration", StartOptions{Duration: -1}, "duration -1", nil},
		{"unknown format", StartOptions{Format: "ogg"}, `format "ogg"`, nil},
		{"negative frameSize", StartOptions{Format: "mp3", FrameSize: -1}, "frameSize -1", nil},
		{"huge frameSize", StartOptions{Format: "PCM", FrameSize: 1 << 20}, "frameSize", nil},
		{"unknown audioSource", StartOptions{AudioSource: "bluetooth"}, `audioSource "bluetooth"`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := tc.in.normalized()
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrInvalidOption) {
					t.Fatalf("error %v, want ErrInvalidOption containing %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.checkFn(o) {
				t.Fatalf("normalized to %+v", o)
			}
		})
	}
}

// events records a manager's events in order.
type events struct {
	mu     sync.Mutex
	log    []string
	frames []FrameRecorded
	stop   *StopResult
}

func watch(m *RecorderManager) *events {
	e := &events{}
	add := func(s string) { e.mu.Lock(); e.log = append(e.log, s); e.mu.Unlock() }
	m.OnStart(func() { add("start") })
	m.OnPause(func() { add("pause") })
	m.OnResume(func() { add("resume") })
	m.OnStop(func(r StopResult) { add("stop"); e.mu.Lock(); e.stop = &r; e.mu.Unlock() })
	m.OnError(func(err error) { add("error") })
	m.OnFrameRecorded(func(f FrameRecorded) {
		e.mu.Lock()
		e.frames = append(e.frames, f)
		e.mu.Unlock()
		if f.IsLastFrame {
			add("lastframe")
		}
	})
	return e
}

func (e *events) String() string { e.mu.Lock(); defer e.mu.Unlock(); return strings.Join(e.log, " ") }

// sineSource is a BufferSource of a sine per channel (440 Hz, 660 Hz).
func sineSource(t *testing.T, rate, channels int, seconds float64) (*BufferSource, [][]float32) {
	b := sineBuffer(t, rate, channels, seconds, 440)
	src, err := NewBufferSource(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ref [][]float32
	for c := 0; c < channels; c++ {
		d, _ := b.GetChannelData(c)
		ref = append(ref, d)
	}
	return src, ref
}

// bestSNR aligns dec (interleaved) against ref within maxLag frames (codec delay)
// and returns the signal-to-noise ratio in dB over the middle of the signal.
func bestSNR(dec []float32, ref [][]float32, channels, maxLag int) float64 {
	frames := len(dec) / channels
	best := math.Inf(-1)
	for lag := 0; lag <= maxLag; lag++ {
		var sig, noise float64
		for c := range ref {
			for i := len(ref[c]) / 10; i < len(ref[c])*9/10 && i+lag < frames; i++ {
				d := float64(dec[(i+lag)*channels+c] - ref[c][i])
				noise += d * d
				sig += float64(ref[c][i]) * float64(ref[c][i])
			}
		}
		if snr := 10 * math.Log10(sig/noise); snr > best {
			best = snr
		}
	}
	return best
}

func TestRecorderManagerFormats(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	tests := []struct {
		name      string
		opt       StartOptions
		probe     string // ffprobe codec_name
		minSNR    float64
		maxLag    int
		frameSize int // KB
	}{
		{"wav stereo 16 kHz", StartOptions{Format: "wav", SampleRate: 16000, NumberOfChannels: 2}, "pcm_s16le", 80, 0, 0},
		{"PCM mono 8 kHz in 2 KB frames", StartOptions{Format: "PCM", SampleRate: 8000, NumberOfChannels: 1, FrameSize: 2}, "", 80, 0, 2},
		{"mp3 44.1 kHz 128 kbps in 4 KB frames", StartOptions{Format: "mp3", SampleRate: 44100, NumberOfChannels: 2, EncodeBitRate: 128000, FrameSize: 4}, "mp3", 20, 3000, 4},
		{"mp3 mono 16 kHz", StartOptions{Format: "mp3", SampleRate: 16000, NumberOfChannels: 1, EncodeBitRate: 64000}, "mp3", 15, 3000, 0},
		{"aac 48 kHz stereo", StartOptions{Format: "aac", SampleRate: 48000, NumberOfChannels: 2, EncodeBitRate: 128000}, "aac", 20, 3000, 0},
		{"aac 8 kHz default bitrate", StartOptions{SampleRate: 8000, NumberOfChannels: 1}, "aac", 12, 3000, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.TempDir = t.TempDir()
			src, ref := sineSource(t, tc.opt.SampleRate, tc.opt.NumberOfChannels, 1)
			m := NewRecorderManager()
			ev := watch(m)
			if err := m.Start(context.Background(), tc.opt, src); err != nil {
				t.Fatal(err)
			}
			res, err := m.Wait()
			if err != nil {
				t.Fatal(err)
			}
			if r2, err := m.Stop(); r2 != res || err != nil {
				t.Errorf("Stop after the end: %+v, %v; want %+v", r2, err, res)
			}
			// The source is 1 s: the recording ends on its own and Stop reports it.
			if res.Duration != time.Second {
				t.Errorf("duration %v, want 1s", res.Duration)
			}
			data, err := os.ReadFile(res.TempFilePath)
			if err != nil || int64(len(data)) != res.FileSize {
				t.Fatalf("file of %d bytes, reported %d (%v)", len(data), res.FileSize, err)
			}
			wantLog := "start stop"
			if tc.frameSize > 0 {
				wantLog = "start lastframe stop"
			}
			if ev.String() != wantLog {
				t.Errorf("events %q, want %q", ev.String(), wantLog)
			}
			if ev.stop == nil || *ev.stop != res {
				t.Errorf("OnStop got %+v, Stop returned %+v", ev.stop, res)
			}
			ch := tc.opt.NumberOfChannels
			var dec []float32
			if tc.opt.Format == "PCM" {
				dec = make([]float32, len(data)/2)
				for i := range dec {
					dec[i] = float32(int16(binary.LittleEndian.Uint16(data[2*i:]))) / 32768
				}
			} else {
				got := ffprobe(t, res.TempFilePath, "-show_entries", "stream=codec_name,sample_rate,channels")
				if want := fmt.Sprintf("%s\n%d\n%d", tc.probe, tc.opt.SampleRate, ch); got != want {
					t.Fatalf("ffprobe %q, want %q", got, want)
				}
				dec = ffmpegAudio(t, res.TempFilePath, tc.opt.SampleRate, ch)
			}
			if frames := len(dec) / ch; math.Abs(float64(frames-tc.opt.SampleRate)) > float64(tc.maxLag)+2048 {
				t.Errorf("decoded %d frames, want about %d", frames, tc.opt.SampleRate)
			}
			if snr := bestSNR(dec, ref, ch, tc.maxLag); snr < tc.minSNR {
				t.Errorf("SNR %.1f dB, want at least %.0f", snr, tc.minSNR)
			}
			if tc.frameSize == 0 {
				if len(ev.frames) != 0 {
					t.Errorf("%d frame events without frameSize", len(ev.frames))
				}
				return
			}
			var joined []byte
			for i, f := range ev.frames {
				last := i == len(ev.frames)-1
				if f.IsLastFrame != last {
					t.Errorf("chunk %d of %d: IsLastFrame %v", i, len(ev.frames), f.IsLastFrame)
				}
				size := tc.frameSize * 1024
				switch {
				case tc.opt.Format == "PCM" && !last && len(f.FrameBuffer) != size:
					t.Errorf("PCM chunk %d has %d bytes, want %d", i, len(f.FrameBuffer), size)
				case tc.opt.Format == "mp3" && !last && len(f.FrameBuffer) < size:
					t.Errorf("mp3 chunk %d has %d bytes, want at least %d", i, len(f.FrameBuffer), size)
				case tc.opt.Format == "mp3" && (f.FrameBuffer[0] != 0xff || f.FrameBuffer[1]&0xe0 != 0xe0):
					t.Errorf("mp3 chunk %d does not start on a frame header: % x", i, f.FrameBuffer[:4])
				}
				joined = append(joined, f.FrameBuffer...)
			}
			if !bytes.Equal(joined, data) {
				t.Errorf("chunks join to %d bytes that differ from the %d-byte file", len(joined), len(data))
			}
		})
	}
}

func TestRecorderManagerDurationPauseStop(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	t.Run("duration truncates", func(t *testing.T) {
		src, _ := sineSource(t, 16000, 1, 2)
		m := NewRecorderManager()
		if err := m.Start(context.Background(), StartOptions{Format: "wav", SampleRate: 16000, NumberOfChannels: 1, Duration: 500, TempDir: t.TempDir()}, src); err != nil {
			t.Fatal(err)
		}
		res, err := m.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if res.Duration != 500*time.Millisecond || res.FileSize != 44+8000*2 {
			t.Errorf("result %+v, want 500ms and %d bytes", res, 44+8000*2)
		}
	})
	t.Run("OnStop starts the next recording", func(t *testing.T) {
		// WeChat scripts call start() again from onStop: the manager must be idle
		// by then, and Stop/Wait of the first recording still return after OnStop.
		dir := t.TempDir()
		opt := StartOptions{Format: "wav", SampleRate: 16000, NumberOfChannels: 1, Duration: 100, TempDir: dir}
		src2, _ := sineSource(t, 16000, 1, 1)
		m := NewRecorderManager()
		var restart error
		stops := 0
		m.OnStop(func(StopResult) {
			stops++
			if stops == 1 {
				restart = m.Start(context.Background(), opt, src2)
			}
		})
		src1, _ := sineSource(t, 16000, 1, 1)
		if err := m.Start(context.Background(), opt, src1); err != nil {
			t.Fatal(err)
		}
		first := m.Done()
		<-first
		if restart != nil {
			t.Fatalf("Start from OnStop: %v", restart)
		}
		if m.Done() == first {
			t.Fatal("Done still names the first recording")
		}
		res, err := m.Wait()
		if err != nil || res.Duration != 100*time.Millisecond || stops != 2 {
			t.Errorf("second recording %+v %v after %d stops", res, err, stops)
		}
		if err := m.RequestStop(); err != nil {
			t.Errorf("RequestStop after the end: %v", err)
		}
	})
	t.Run("push source with pause, resume and stop", func(t *testing.T) {
		src, err := NewPushSource(16000, 2, 4)
		if err != nil {
			t.Fatal(err)
		}
		m := NewRecorderManager()
		ev := watch(m)
		if err := m.Start(context.Background(), StartOptions{Format: "mp3", SampleRate: 16000, NumberOfChannels: 1, EncodeBitRate: 32000, TempDir: t.TempDir()}, src); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		block := make([]float32, 2*1600) // 0.1 s of stereo
		for i := 0; i < 5; i++ {
			if err := src.Push(ctx, block); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.Pause(); err != nil {
			t.Fatal(err)
		}
		if err := m.Pause(); !errors.Is(err, ErrInvalidState) {
			t.Errorf("second Pause: %v", err)
		}
		if err := m.Resume(); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			if err := src.Push(ctx, block); err != nil {
				t.Fatal(err)
			}
		}
		// The source stays open and silent: Stop must not wait for it.
		done := make(chan struct{})
		var res StopResult
		go func() {
			res, err = m.Stop()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Stop blocked on an open source")
		}
		if err != nil {
			t.Fatal(err)
		}
		if res.Duration < 500*time.Millisecond || res.Duration > time.Second {
			t.Errorf("duration %v, want 0.5–1 s of the 1 s pushed", res.Duration)
		}
		if got := ev.String(); got != "start pause error resume stop" {
			t.Errorf("events %q", got)
		}
		if err := m.Resume(); !errors.Is(err, ErrInvalidState) {
			t.Errorf("Resume after Stop: %v", err)
		}
	})
	t.Run("cancelled context abandons the file", func(t *testing.T) {
		src, _ := NewPushSource(8000, 1, 0)
		m := NewRecorderManager()
		ev := watch(m)
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		if err := m.Start(ctx, StartOptions{Format: "aac", SampleRate: 8000, NumberOfChannels: 1, TempDir: dir}, src); err != nil {
			t.Fatal(err)
		}
		cancel()
		if _, err := m.Stop(); !errors.Is(err, context.Canceled) {
			t.Errorf("Stop after cancel: %v", err)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("%d files left behind", len(ents))
		}
		if got := ev.String(); got != "start error" {
			t.Errorf("events %q", got)
		}
	})
	t.Run("invalid options reach OnError", func(t *testing.T) {
		m := NewRecorderManager()
		var got error
		m.OnError(func(err error) { got = err })
		src, _ := sineSource(t, 44100, 2, 0.1)
		err := m.Start(context.Background(), StartOptions{SampleRate: 44100, EncodeBitRate: 32000}, src)
		if err == nil || got != err || !strings.Contains(err.Error(), "encodeBitRate") {
			t.Errorf("Start error %v, OnError %v", err, got)
		}
		err = m.Start(context.Background(), StartOptions{SampleRate: 16000}, src)
		if err == nil || !strings.Contains(err.Error(), "44100 Hz but sampleRate is 16000") {
			t.Errorf("rate mismatch: %v", err)
		}
	})
}

func TestFileSourceRoundTrip(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	// Record a WAV, read it back through FFmpeg at another rate and channel count.
	src, _ := sineSource(t, 22050, 2, 0.5)
	m := NewRecorderManager()
	res, err := func() (StopResult, error) {
		if err := m.Start(context.Background(), StartOptions{Format: "wav", SampleRate: 22050, TempDir: t.TempDir()}, src); err != nil {
			return StopResult{}, err
		}
		return m.Wait()
	}()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := OpenFileSource(res.TempFilePath, 44100, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	var all []float32
	buf := make([]float32, 1000)
	for {
		n, err := fs.ReadPCM(buf)
		all = append(all, buf[:n]...)
		if err != nil {
			break
		}
	}
	if math.Abs(float64(len(all)-22050)) > 64 {
		t.Errorf("%d frames at 44.1 kHz mono, want about 22050", len(all))
	}
	if _, err := OpenFileSource("/nonexistent.wav", 0, 0); err == nil {
		t.Error("opened a missing file")
	}
}

// oneByteReader returns its data a byte at a time, splitting every frame.
type oneByteReader struct{ data []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	p[0] = r.data[0]
	r.data = r.data[1:]
	return 1, nil
}

func TestReaderSource(t *testing.T) {
	// 16-bit stereo PCM in, PCM out: the bytes pass through unchanged, whatever
	// way the reader splits them.
	in := make([]byte, 4*3000)
	for i := 0; i < len(in)/2; i++ {
		v := int16(20000 * math.Sin(float64(i)/7))
		if i == 100 {
			v = -32768
		}
		binary.LittleEndian.PutUint16(in[2*i:], uint16(v))
	}
	f32 := make([]byte, 0, 8*3000)
	for i := 0; i < len(in)/2; i++ {
		f32 = binary.LittleEndian.AppendUint32(f32, math.Float32bits(float32(int16(binary.LittleEndian.Uint16(in[2*i:])))/32768))
	}
	tests := []struct {
		name string
		r    io.Reader
		enc  PCMEncoding
		want string // error substring, "" for a clean pass-through
	}{
		{"s16 in one piece", bytes.NewReader(in), S16LE, ""},
		{"s16 a byte at a time", &oneByteReader{in}, S16LE, ""},
		{"f32", bytes.NewReader(f32), F32LE, ""},
		{"f32 a byte at a time", &oneByteReader{f32}, F32LE, ""},
		{"s16 cut inside a frame", bytes.NewReader(in[:len(in)-1]), S16LE, "ends inside a frame"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, err := NewReaderSource(tc.r, 16000, 2, tc.enc)
			if err != nil {
				t.Fatal(err)
			}
			m := NewRecorderManager()
			if err := m.Start(context.Background(), StartOptions{Format: "PCM", SampleRate: 16000, TempDir: t.TempDir()}, src); err != nil {
				t.Fatal(err)
			}
			res, err := m.Wait()
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error %v, want %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			out, _ := os.ReadFile(res.TempFilePath)
			if !bytes.Equal(out, in) {
				t.Errorf("PCM out (%d bytes) differs from PCM in (%d bytes)", len(out), len(in))
			}
		})
	}
	if _, err := NewReaderSource(bytes.NewReader(nil), 16000, 9, S16LE); err == nil {
		t.Error("accepted 9 channels")
	}
}
