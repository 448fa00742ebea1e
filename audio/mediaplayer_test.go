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
