package audio

import (
	"errors"
	"io"
	"math"
	"testing"
)

// toneSource is an AudioSource of a sine per channel, ending after frames.
type toneSource struct {
	rate, channels, frames, pos int
	freq                        float64
}

func (t *toneSource) SampleRate() int { return t.rate }
func (t *toneSource) Channels() int   { return t.channels }
func (t *toneSource) ReadAudio(dst []float32) (int, error) {
	n := min(len(dst)/t.channels, t.frames-t.pos, 100) // odd chunk size on purpose
	if n <= 0 {
		return 0, io.EOF
	}
	for i := 0; i < n; i++ {
		for c := 0; c < t.channels; c++ {
			dst[i*t.channels+c] = float32(math.Sin(2*math.Pi*t.freq*float64(t.pos+i)/float64(t.rate)) * float64(c+1) / 4)
		}
	}
	t.pos += n
	return n, nil
}

func TestMediaAudioPlayerMixes(t *testing.T) {
	c := mustOffline(t, 2, 8192, 48000)
	p := c.CreateMediaAudioPlayer()
	same := &toneSource{rate: 48000, channels: 2, frames: 4000, freq: 500}
	other := &toneSource{rate: 44100, channels: 1, frames: 44100, freq: 300}
	if err := firstErr(p.AddAudioSource(same, 1), p.AddAudioSource(other, 0.5), p.Connect(c.Destination()), p.Start()); err != nil {
		t.Fatal(err)
	}
	p.SetVolume(0.8)
	out := render(t, c)
	l, _ := out.GetChannelData(0)
	r, _ := out.GetChannelData(1)
	var worst float64
	for i := 200; i < 8000; i++ {
		tt := float64(i) / 48000
		a := 0.0
		if i < 4000 {
			a = math.Sin(2 * math.Pi * 500 * tt)
		}
		b := math.Sin(2*math.Pi*300*tt) / 4 * 0.5
		wantL := 0.8 * (a/4 + b)
		wantR := 0.8 * (a/2 + b)
		worst = math.Max(worst, math.Max(math.Abs(float64(l[i])-wantL), math.Abs(float64(r[i])-wantR)))
	}
	if worst > 1e-3 {
		t.Fatalf("mix differs from the expected tones by %v", worst)
	}
}

func TestMediaAudioPlayerControls(t *testing.T) {
	c := mustOffline(t, 2, 1024, 48000)
	p := c.CreateMediaAudioPlayer()
	src := &toneSource{rate: 48000, channels: 1, frames: 48000, freq: 100}
	p.AddAudioSource(src, 1)
	p.Connect(c.Destination())
	out := render(t, c)
	if l, _ := out.GetChannelData(0); l[500] != 0 {
		t.Fatal("a player that was never started produced sound")
	}
	if err := p.RemoveAudioSource(&toneSource{}); !errors.Is(err, ErrSourceNotAdded) {
		t.Fatalf("removing an unknown source: %v", err)
	}
	if err := p.AddAudioSource(&toneSource{rate: 10, channels: 1}, 1); !errors.Is(err, ErrNotSupported) {
		t.Fatalf("bad source: %v", err)
	}
	p.Destroy()
	if err := p.Start(); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("start after destroy: %v", err)
	}
}

// lateSource hands out a ramp in chunks, with (0, nil) — "nothing decoded yet" — before
// every chunk, the way a decoder running on another goroutine falls behind.
type lateSource struct {
	rate, frames, pos, chunk int
	starved                  bool
}

func (s *lateSource) SampleRate() int { return s.rate }
func (s *lateSource) Channels() int   { return 1 }
func (s *lateSource) ReadAudio(dst []float32) (int, error) {
	if s.pos >= s.frames {
		return 0, io.EOF
	}
	if !s.starved {
		s.starved = true
		return 0, nil
	}
	s.starved = false
	n := min(len(dst), s.chunk, s.frames-s.pos)
	for i := 0; i < n; i++ {
		dst[i] = float32(s.pos+i+1) / 4096
	}
	s.pos += n
	return n, nil
}

// TestMediaAudioPlayerLateSource: a source with nothing ready is waited for, not ended, and
// rendering only when Ready gives its samples back exactly, with no gap.
func TestMediaAudioPlayerLateSource(t *testing.T) {
	s, err := NewStreamContext(StreamOptions{Channels: 2, SampleRate: 8000})
	if err != nil {
		t.Fatal(err)
	}
	p := s.CreateMediaAudioPlayer()
	src := &lateSource{rate: 8000, frames: 1000, chunk: 50}
	if err := firstErr(p.AddAudioSource(src, 1), p.Connect(s.Destination()), p.Start()); err != nil {
		t.Fatal(err)
	}
	p.SetVolume(0.5)
	var got []float32
	buf := make([]byte, RenderQuantum*2*4)
	waits := 0
	for quanta := 0; !p.SourceEnded(src); quanta++ {
		if quanta > 10000 {
			t.Fatal("the source never ended")
		}
		if !p.Ready() {
			waits++
			continue
		}
		if _, err := io.ReadFull(s, buf); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < RenderQuantum; i++ {
			l := math.Float32frombits(uint32(buf[8*i]) | uint32(buf[8*i+1])<<8 | uint32(buf[8*i+2])<<16 | uint32(buf[8*i+3])<<24)
			got = append(got, l)
		}
	}
	if waits == 0 {
		t.Fatal("Ready never waited for the late source")
	}
	if len(got) < 1000 {
		t.Fatalf("got %d frames of 1000", len(got))
	}
	for i := 0; i < 1000; i++ {
		if want := float32(i+1) / 4096 * 0.5; got[i] != want {
			t.Fatalf("frame %d: %v, want %v", i, got[i], want)
		}
	}
	for i := 1000; i < len(got); i++ {
		if got[i] != 0 {
			t.Fatalf("frame %d after the end: %v", i, got[i])
		}
	}

	// Rendering without waiting holds a late source back by whole quanta: its samples come
	// out later, in order, none dropped.
	c := mustOffline(t, 1, 128*40, 8000)
	q := c.CreateMediaAudioPlayer()
	late := &lateSource{rate: 8000, frames: 1000, chunk: 50}
	if err := firstErr(q.AddAudioSource(late, 1), q.Connect(c.Destination()), q.Start()); err != nil {
		t.Fatal(err)
	}
	out, _ := render(t, c).GetChannelData(0)
	var seq []float32
	for i := 0; i < len(out); i += RenderQuantum {
		quantum := out[i : i+RenderQuantum]
		silent := true
		for _, v := range quantum {
			silent = silent && v == 0
		}
		if !silent {
			seq = append(seq, quantum...)
		}
	}
	for i := 0; i < 1000; i++ {
		if want := float32(i+1) / 4096; seq[i] != want {
			t.Fatalf("held-back source, frame %d: %v, want %v", i, seq[i], want)
		}
	}
}
