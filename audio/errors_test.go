package audio

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"
)

// Every spec exception the API can raise, as an errors.Is-testable Go error.
func TestSpecExceptions(t *testing.T) {
	c := mustOffline(t, 2, 1024, 44100)
	other := mustOffline(t, 2, 1024, 44100)
	b := c.BaseContext
	g := c.CreateGain()
	p := g.Gain()
	nan := float32(math.NaN())
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"context zero channels", func() error { _, e := NewOfflineContext(0, 10, 44100); return e }(), ErrNotSupported},
		{"context zero length", func() error { _, e := NewOfflineContext(1, 0, 44100); return e }(), ErrNotSupported},
		{"context bad rate", func() error { _, e := NewOfflineContext(1, 10, 100); return e }(), ErrNotSupported},
		{"setValueAtTime negative", p.SetValueAtTime(1, -1), ErrRange},
		{"setValueAtTime NaN", p.SetValueAtTime(nan, 1), ErrType},
		{"linearRamp negative", p.LinearRampToValueAtTime(1, -0.1), ErrRange},
		{"exponentialRamp to zero", p.ExponentialRampToValueAtTime(0, 1), ErrRange},
		{"setTarget negative constant", p.SetTargetAtTime(1, 0, -1), ErrRange},
		{"curve too short", p.SetValueCurveAtTime([]float32{1}, 0, 1), ErrInvalidState},
		{"curve zero duration", p.SetValueCurveAtTime([]float32{1, 2}, 0, 0), ErrRange},
		{"cancelScheduledValues negative", p.CancelScheduledValues(-1), ErrRange},
		{"cancelAndHold negative", p.CancelAndHoldAtTime(-1), ErrRange},
		{"event inside curve", func() error {
			q := c.CreateConstantSource().Offset()
			q.SetValueCurveAtTime([]float32{0, 1}, 0.1, 0.2)
			return q.SetValueAtTime(1, 0.2)
		}(), ErrNotSupported},
		{"curve over event", func() error {
			q := c.CreateConstantSource().Offset()
			q.SetValueAtTime(1, 0.2)
			return q.SetValueCurveAtTime([]float32{0, 1}, 0.1, 0.2)
		}(), ErrNotSupported},
		{"k-rate fixed param", c.CreateBufferSource().PlaybackRate().SetAutomationRate(ARate), ErrInvalidState},
		{"start twice", func() error { s := c.CreateConstantSource(); s.Start(0); return s.Start(0) }(), ErrInvalidState},
		{"stop before start", c.CreateOscillator().Stop(0), ErrInvalidState},
		{"start negative", c.CreateOscillator().Start(-1), ErrRange},
		{"buffer start negative offset", c.CreateBufferSource().Start(0, -1), ErrRange},
		{"buffer set twice", func() error {
			s := c.CreateBufferSource()
			buf, _ := c.CreateBuffer(1, 10, 44100)
			s.SetBuffer(buf)
			return s.SetBuffer(buf)
		}(), ErrInvalidState},
		{"oscillator type custom", c.CreateOscillator().SetType(Custom), ErrInvalidState},
		{"oscillator bad type", c.CreateOscillator().SetType("noise"), ErrType},
		{"periodic wave lengths", func() error { _, e := c.CreatePeriodicWave([]float32{0, 1}, []float32{0, 1, 2}, false); return e }(), ErrIndexSize},
		{"periodic wave too short", func() error { _, e := c.CreatePeriodicWave([]float32{0}, []float32{0}, false); return e }(), ErrIndexSize},
		{"delay max zero", func() error { _, e := c.CreateDelay(-1); return e }(), ErrNotSupported},
		{"delay max 180", func() error { _, e := c.CreateDelay(180); return e }(), ErrNotSupported},
		{"biquad response lengths", c.CreateBiquadFilter().GetFrequencyResponse(make([]float32, 3), make([]float32, 2), make([]float32, 3)), ErrInvalidAccess},
		{"iir empty", func() error { _, e := c.CreateIIRFilter(nil, []float64{1}); return e }(), ErrNotSupported},
		{"iir too long", func() error { _, e := c.CreateIIRFilter(make([]float64, 21), []float64{1}); return e }(), ErrNotSupported},
		{"iir zero feedforward", func() error { _, e := c.CreateIIRFilter([]float64{0, 0}, []float64{1}); return e }(), ErrInvalidState},
		{"iir zero feedback[0]", func() error { _, e := c.CreateIIRFilter([]float64{1}, []float64{0, 1}); return e }(), ErrInvalidState},
		{"merger 33 inputs", func() error { _, e := c.CreateChannelMerger(33); return e }(), ErrIndexSize},
		{"splitter 33 outputs", func() error { _, e := c.CreateChannelSplitter(33); return e }(), ErrIndexSize},
		{"merger channelCount", func() error { m, _ := c.CreateChannelMerger(2); return m.SetChannelCount(2) }(), ErrInvalidState},
		{"analyser fftSize", c.CreateAnalyser().SetFFTSize(1000), ErrIndexSize},
		{"analyser min above max", c.CreateAnalyser().SetMinDecibels(-10), ErrIndexSize},
		{"analyser smoothing", c.CreateAnalyser().SetSmoothingTimeConstant(1.5), ErrIndexSize},
		{"waveshaper short curve", c.CreateWaveShaper().SetCurve([]float32{1}), ErrInvalidState},
		{"waveshaper oversample", c.CreateWaveShaper().SetOversample("8x"), ErrType},
		{"convolver 3 channels", func() error { buf, _ := c.CreateBuffer(3, 10, 44100); return c.CreateConvolver().SetBuffer(buf) }(), ErrNotSupported},
		{"convolver too long", func() error {
			old := MaxConvolverFrames
			MaxConvolverFrames = 100
			defer func() { MaxConvolverFrames = old }()
			buf, _ := c.CreateBuffer(1, 101, 44100)
			return c.CreateConvolver().SetBuffer(buf)
		}(), ErrNotSupported},
		{"convolver other rate", func() error { buf, _ := c.CreateBuffer(1, 10, 22050); return c.CreateConvolver().SetBuffer(buf) }(), ErrNotSupported},
		{"script bufferSize", func() error { _, e := c.CreateScriptProcessor(100, 1, 1); return e }(), ErrIndexSize},
		{"script no channels", func() error { _, e := c.CreateScriptProcessor(256, 0, 0); return e }(), ErrIndexSize},
		{"script 33 channels", func() error { _, e := c.CreateScriptProcessor(256, 33, 1); return e }(), ErrNotSupported},
		{"panner refDistance", c.CreatePanner().SetRefDistance(-1), ErrRange},
		{"panner maxDistance", c.CreatePanner().SetMaxDistance(0), ErrRange},
		{"panner rolloff", c.CreatePanner().SetRolloffFactor(-1), ErrRange},
		{"panner cone gain", c.CreatePanner().SetConeOuterGain(2), ErrInvalidState},
		{"panner bad model", c.CreatePanner().SetPanningModel("binaural"), ErrType},
		{"stereo panner 3 channels", c.CreateStereoPanner().SetChannelCount(3), ErrNotSupported},
		{"stereo panner max mode", c.CreateStereoPanner().SetChannelCountMode(Max), ErrNotSupported},
		{"compressor 3 channels", c.CreateDynamicsCompressor().SetChannelCount(3), ErrNotSupported},
		{"channelCount zero", g.SetChannelCount(0), ErrNotSupported},
		{"channelCount 33", g.SetChannelCount(33), ErrNotSupported},
		{"destination above max", c.Destination().SetChannelCount(3), ErrIndexSize},
		{"connect other context", g.Connect(other.CreateGain()), ErrInvalidAccess},
		{"connect param other context", g.ConnectParam(other.CreateGain().Gain()), ErrInvalidAccess},
		{"connect bad output", g.Connect(c.Destination(), 1), ErrIndexSize},
		{"connect bad input", g.Connect(c.Destination(), 0, 1), ErrIndexSize},
		{"disconnect not connected", g.DisconnectNode(c.CreateGain()), ErrInvalidAccess},
		{"disconnect param not connected", g.DisconnectParam(c.CreateGain().Gain()), ErrInvalidAccess},
		{"suspend negative", func() error { _, e := c.Suspend(-1); return e }(), ErrInvalidState},
		{"suspend beyond length", func() error { _, e := c.Suspend(1); return e }(), ErrInvalidState},
		{"suspend twice same quantum", func() error { c.Suspend(0.005); _, e := c.Suspend(0.0051); return e }(), ErrInvalidState},
		{"buffer from bad channels", func() error { _, e := NewAudioBufferFromChannels([][]float32{{1}, {1, 2}}, 44100); return e }(), ErrNotSupported},
		{"gain option NaN", func() error { _, e := NewGainNode(b, GainOptions{Gain: F32(nan)}); return e }(), ErrType},
	}
	for _, tc := range cases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func TestStartRenderingTwiceAndCancel(t *testing.T) {
	c := mustOffline(t, 1, 128, 44100)
	render(t, c)
	if _, err := c.StartRendering(context.Background()); !errors.Is(err, ErrInvalidState) {
		t.Errorf("second StartRendering: %v", err)
	}
	// Cancelling while suspended must not hang.
	c2 := mustOffline(t, 1, 4096, 44100)
	c2.Suspend(0.01)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c2.StartRendering(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled while suspended: %v", err)
	}
}

func TestCurveOverlapWithSharedStartTime(t *testing.T) {
	c := mustOffline(t, 1, 128, 44100)
	p := c.CreateGain().Gain()
	if err := firstErr(p.SetValueCurveAtTime([]float32{0, 1}, 0.1, 0.2), p.SetValueAtTime(1, 0.1)); err != nil {
		t.Fatalf("event at the curve's start must be allowed: %v", err)
	}
	if err := p.SetValueAtTime(1, 0.2); !errors.Is(err, ErrNotSupported) {
		t.Fatalf("event inside the curve: %v", err)
	}
	if err := p.SetValueAtTime(1, 0.35); err != nil {
		t.Fatalf("event after the curve must be allowed: %v", err)
	}
}
