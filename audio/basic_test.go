package audio

import (
	"context"
	"errors"
	"math"
	"testing"
)

func render(t *testing.T, c *OfflineContext) *AudioBuffer {
	t.Helper()
	b, err := c.StartRendering(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustOffline(t *testing.T, ch, n int, sr float64) *OfflineContext {
	t.Helper()
	c, err := NewOfflineContext(ch, n, sr)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBufferLimits(t *testing.T) {
	cases := []struct {
		name       string
		ch, length int
		sr         float64
		want       error
	}{
		{"ok", 2, 100, 44100, nil},
		{"zero channels", 0, 100, 44100, ErrNotSupported},
		{"33 channels", 33, 100, 44100, ErrNotSupported},
		{"zero length", 1, 0, 44100, ErrNotSupported},
		{"rate too low", 1, 10, 2999, ErrNotSupported},
		{"rate too high", 1, 10, 768001, ErrNotSupported},
		{"too large", 32, 1 << 30, 44100, ErrNotSupported},
	}
	c := mustOffline(t, 1, 128, 44100)
	for _, tc := range cases {
		_, err := c.CreateBuffer(tc.ch, tc.length, tc.sr)
		if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestBufferCopy(t *testing.T) {
	b, _ := NewAudioBuffer(AudioBufferOptions{NumberOfChannels: 2, Length: 4, SampleRate: 8000})
	if err := b.CopyToChannel([]float32{1, 2, 3}, 1, 2); err != nil {
		t.Fatal(err)
	}
	d, _ := b.GetChannelData(1)
	if d[2] != 1 || d[3] != 2 || d[0] != 0 {
		t.Fatalf("copyToChannel: %v", d)
	}
	out := make([]float32, 3)
	if err := b.CopyFromChannel(out, 1, 1); err != nil {
		t.Fatal(err)
	}
	if out[0] != 0 || out[1] != 1 || out[2] != 2 {
		t.Fatalf("copyFromChannel: %v", out)
	}
	for _, err := range []error{b.CopyToChannel(out, 2, 0), b.CopyFromChannel(out, -1, 0), func() error { _, e := b.GetChannelData(5); return e }()} {
		if !errors.Is(err, ErrIndexSize) {
			t.Errorf("want IndexSizeError, got %v", err)
		}
	}
	if b.Duration() != 4.0/8000 {
		t.Errorf("duration %v", b.Duration())
	}
}

func TestGainOfConstant(t *testing.T) {
	c := mustOffline(t, 1, 300, 44100)
	src := c.CreateConstantSource()
	src.Offset().SetValue(0.5)
	g, err := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.25)})
	if err != nil {
		t.Fatal(err)
	}
	src.Connect(g)
	g.Connect(c.Destination())
	src.Start(100.0 / 44100)
	b := render(t, c)
	d, _ := b.GetChannelData(0)
	for i, v := range d {
		want := float32(0)
		if i >= 100 {
			want = 0.125
		}
		if v != want {
			t.Fatalf("frame %d: %v want %v", i, v, want)
		}
	}
}

func TestLinearRamp(t *testing.T) {
	const sr = 4000.0
	c := mustOffline(t, 1, 4000, sr)
	src := c.CreateConstantSource()
	src.Offset().SetValueAtTime(0, 0)
	src.Offset().LinearRampToValueAtTime(1, 0.5)
	src.Connect(c.Destination())
	src.Start(0)
	d, _ := render(t, c).GetChannelData(0)
	for i, v := range d {
		want := math.Min(float64(i)/2000, 1)
		if math.Abs(float64(v)-want) > 1e-6 {
			t.Fatalf("frame %d: %v want %v", i, v, want)
		}
	}
}

func TestDelayFeedbackAddsQuantum(t *testing.T) {
	c := mustOffline(t, 1, 2048, 44100)
	buf, _ := c.CreateBuffer(1, 1, 44100)
	buf.data[0][0] = 1
	src := c.CreateBufferSource()
	src.SetBuffer(buf)
	d, _ := c.CreateDelay(1)
	d.DelayTime().SetValue(480.0 / 44100)
	fb := c.CreateGain()
	fb.Gain().SetValue(0.5)
	src.Connect(d)
	d.Connect(fb)
	fb.Connect(d)
	d.Connect(c.Destination())
	src.Start(0)
	out, _ := render(t, c).GetChannelData(0)
	var peaks []int
	for i, v := range out {
		if math.Abs(float64(v)) > 0.1 {
			peaks = append(peaks, i)
		}
	}
	if len(peaks) < 2 || peaks[0] != 480 || peaks[1] != 1088 {
		t.Fatalf("echo frames %v, want [480 1088 …]", peaks)
	}
}
