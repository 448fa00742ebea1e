package audio

import (
	"math"
	"testing"
)

// Deterministic math: gain, constant, buffer playback, mixing, automation. Tolerance 1e-5.

func sinFn(f float64) func(c, i int) float64 {
	return func(c, i int) float64 { return math.Sin(float64(i)*f+float64(c)) * 0.5 }
}

const jsSin = `(f) => (c, i) => Math.sin(i * f + c) * 0.5`

func constStart(c *OfflineContext, v float32, when float64) *ConstantSourceNode {
	s := c.CreateConstantSource()
	s.Offset().SetValue(v)
	s.Start(when)
	return s
}

var coreCases = []diffCase{
	{name: "constant-default", channels: 1, length: 512, rate: 44100,
		js: `const s = ctx.createConstantSource(); s.connect(ctx.destination); s.start(0);`,
		build: func(c *OfflineContext) error {
			return constStart(c, 1, 0).Connect(c.Destination())
		}},
	{name: "constant-start-stop-fractional", channels: 1, length: 512, rate: 44100,
		js: `const s = ctx.createConstantSource(); s.offset.value = 0.75; s.connect(ctx.destination); s.start(100.5/44100); s.stop(300.25/44100);`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 0.75, 100.5/44100)
			return firstErr(s.Stop(300.25/44100), s.Connect(c.Destination()))
		}},
	{name: "gain-static", channels: 2, length: 512, rate: 48000,
		js: `const b = mkbuf(ctx, 2, 512, 48000, (` + jsSin + `)(0.05)); const s = ctx.createBufferSource(); s.buffer = b; const g = ctx.createGain(); g.gain.value = 0.3; s.connect(g).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 512, 48000, sinFn(0.05)))
			g, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.3)})
			return firstErr(s.Connect(g), g.Connect(c.Destination()), s.Start(0))
		}},
	{name: "gain-chain-fanin", channels: 1, length: 1024, rate: 44100,
		js: `const a = ctx.createConstantSource(); a.offset.value = 0.25; const b = ctx.createConstantSource(); b.offset.value = -0.5;
const g1 = ctx.createGain(); g1.gain.value = 2; const g2 = ctx.createGain(); g2.gain.value = 0.5;
a.connect(g1); b.connect(g1); g1.connect(g2); a.connect(g2); g2.connect(ctx.destination); a.start(0); b.start(200/44100);`,
		build: func(c *OfflineContext) error {
			a, b := constStart(c, 0.25, 0), constStart(c, -0.5, 200.0/44100)
			g1, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(2)})
			g2, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.5)})
			return firstErr(a.Connect(g1), b.Connect(g1), g1.Connect(g2), a.Connect(g2), g2.Connect(c.Destination()))
		}},
	{name: "automation-linear-ramp", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(0.1, 0.005); p.linearRampToValueAtTime(0.9, 0.05); p.linearRampToValueAtTime(-0.4, 0.07); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueAtTime(0.1, 0.005), p.LinearRampToValueAtTime(0.9, 0.05), p.LinearRampToValueAtTime(-0.4, 0.07), s.Connect(c.Destination()))
		}},
	{name: "automation-ramp-first-event", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createConstantSource(); s.offset.linearRampToValueAtTime(0.2, 0.02); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			return firstErr(s.Offset().LinearRampToValueAtTime(0.2, 0.02), s.Connect(c.Destination()))
		}},
	{name: "automation-exponential-ramp", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(0.01, 0.01); p.exponentialRampToValueAtTime(0.8, 0.06); p.exponentialRampToValueAtTime(0.05, 0.08); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueAtTime(0.01, 0.01), p.ExponentialRampToValueAtTime(0.8, 0.06), p.ExponentialRampToValueAtTime(0.05, 0.08), s.Connect(c.Destination()))
		}},
	{name: "automation-set-target", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(1, 0); p.setTargetAtTime(0.2, 0.01, 0.01); p.setTargetAtTime(0.7, 0.05, 0.003); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueAtTime(1, 0), p.SetTargetAtTime(0.2, 0.01, 0.01), p.SetTargetAtTime(0.7, 0.05, 0.003), s.Connect(c.Destination()))
		}},
	{name: "automation-value-curve", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueCurveAtTime(new Float32Array([0, 1, 0.5, 0.8, -0.3]), 0.01, 0.04); p.linearRampToValueAtTime(0.1, 0.08); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueCurveAtTime([]float32{0, 1, 0.5, 0.8, -0.3}, 0.01, 0.04), p.LinearRampToValueAtTime(0.1, 0.08), s.Connect(c.Destination()))
		}},
	{name: "automation-set-value-steps", channels: 1, length: 2048, rate: 22050,
		js: `const s = ctx.createConstantSource(); const p = s.offset; for (let i = 0; i < 10; i++) p.setValueAtTime(i / 10, i * 0.007 + 0.00001); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			for i := 0; i < 10; i++ {
				if err := s.Offset().SetValueAtTime(float32(i)/10, float64(i)*0.007+0.00001); err != nil {
					return err
				}
			}
			return s.Connect(c.Destination())
		}},
	{name: "automation-cancel-scheduled", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(0, 0); p.linearRampToValueAtTime(1, 0.04); p.setValueAtTime(0.3, 0.06); p.cancelScheduledValues(0.05); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueAtTime(0, 0), p.LinearRampToValueAtTime(1, 0.04), p.SetValueAtTime(0.3, 0.06), p.CancelScheduledValues(0.05), s.Connect(c.Destination()))
		}},
	{name: "automation-cancel-during-ramp", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(0, 0); p.linearRampToValueAtTime(1, 0.08);
s.connect(ctx.destination); s.start();
ctx.suspend(1280/44100).then(() => { p.cancelScheduledValues(0.02); ctx.resume(); });`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			ch, err := c.Suspend(1280.0 / 44100)
			go func() { <-ch; p.CancelScheduledValues(0.02); c.Resume() }()
			return firstErr(err, p.SetValueAtTime(0, 0), p.LinearRampToValueAtTime(1, 0.08), s.Connect(c.Destination()))
		}},
	{name: "automation-cancel-and-hold-ramp", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(0, 0); p.linearRampToValueAtTime(1, 0.08); p.cancelAndHoldAtTime(0.03); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueAtTime(0, 0), p.LinearRampToValueAtTime(1, 0.08), p.CancelAndHoldAtTime(0.03), s.Connect(c.Destination()))
		}},
	{name: "automation-cancel-and-hold-target", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(1, 0); p.setTargetAtTime(0, 0.01, 0.02); p.setValueAtTime(0.5, 0.07); p.cancelAndHoldAtTime(0.04); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueAtTime(1, 0), p.SetTargetAtTime(0, 0.01, 0.02), p.SetValueAtTime(0.5, 0.07), p.CancelAndHoldAtTime(0.04), s.Connect(c.Destination()))
		}},
	{name: "automation-cancel-and-hold-curve", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueCurveAtTime(new Float32Array([0, 1, -1, 0.5]), 0.01, 0.06); p.cancelAndHoldAtTime(0.045); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetValueCurveAtTime([]float32{0, 1, -1, 0.5}, 0.01, 0.06), p.CancelAndHoldAtTime(0.045), s.Connect(c.Destination()))
		}},
	{name: "param-audio-rate-modulation", channels: 1, length: 2048, rate: 44100,
		js: `const src = ctx.createConstantSource(); src.offset.value = 0.5; const mod = ctx.createConstantSource(); mod.offset.setValueAtTime(0, 0); mod.offset.linearRampToValueAtTime(1, 0.04);
const g = ctx.createGain(); g.gain.value = 0.25; mod.connect(g.gain); src.connect(g).connect(ctx.destination); src.start(); mod.start();`,
		build: func(c *OfflineContext) error {
			src, mod := constStart(c, 0.5, 0), constStart(c, 1, 0)
			g, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.25)})
			return firstErr(mod.Offset().SetValueAtTime(0, 0), mod.Offset().LinearRampToValueAtTime(1, 0.04), mod.ConnectParam(g.Gain()), src.Connect(g), g.Connect(c.Destination()))
		}},
	{name: "param-modulation-stereo-downmix", channels: 1, length: 1024, rate: 44100,
		js: `const b = mkbuf(ctx, 2, 1024, 44100, (` + jsSin + `)(0.02)); const m = ctx.createBufferSource(); m.buffer = b;
const src = ctx.createConstantSource(); const g = ctx.createGain(); g.gain.value = 0; m.connect(g.gain); src.connect(g).connect(ctx.destination); src.start(); m.start();`,
		build: func(c *OfflineContext) error {
			m := c.CreateBufferSource()
			m.SetBuffer(mkbuf(c, 2, 1024, 44100, sinFn(0.02)))
			src := constStart(c, 1, 0)
			g, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0)})
			return firstErr(m.ConnectParam(g.Gain()), src.Connect(g), g.Connect(c.Destination()), m.Start(0))
		}},
	{name: "buffer-rate1-offset-duration", channels: 2, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 1500, 44100, (` + jsSin + `)(0.03)); s.connect(ctx.destination); s.start(256/44100, 300/44100, 700/44100);`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 1500, 44100, sinFn(0.03)))
			return firstErr(s.Connect(c.Destination()), s.Start(256.0/44100, 300.0/44100, 700.0/44100))
		}},
	{name: "buffer-rate-half", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 800, 44100, (` + jsSin + `)(0.1)); s.playbackRate.value = 0.5; s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 800, 44100, sinFn(0.1)))
			s.PlaybackRate().SetValue(0.5)
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "buffer-rate-1.5", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 2000, 44100, (` + jsSin + `)(0.01)); s.playbackRate.value = 1.5; s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 2000, 44100, sinFn(0.01)))
			s.PlaybackRate().SetValue(1.5)
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "buffer-detune-octave", channels: 1, length: 1024, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 1500, 44100, (` + jsSin + `)(0.01)); s.detune.value = 1200; s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 1500, 44100, sinFn(0.01)))
			s.Detune().SetValue(1200)
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "buffer-loop-region", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 441, 44100, (c, i) => i / 441); s.loop = true; s.loopStart = 100/44100; s.loopEnd = 300/44100; s.connect(ctx.destination); s.start(0, 0); s.stop(1900/44100);`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 441, 44100, func(_, i int) float64 { return float64(i) / 441 }))
			s.SetLoop(true)
			s.SetLoopStart(100.0 / 44100)
			s.SetLoopEnd(300.0 / 44100)
			return firstErr(s.Connect(c.Destination()), s.Start(0), s.Stop(1900.0/44100))
		}},
	{name: "buffer-loop-whole", channels: 1, length: 1024, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 100, 44100, (c, i) => (i % 7) / 7 - 0.5); s.loop = true; s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 100, 44100, func(_, i int) float64 { return float64(i%7)/7 - 0.5 }))
			s.SetLoop(true)
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "buffer-subsample-start", channels: 1, length: 1024, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 500, 44100, (c, i) => i / 500); s.connect(ctx.destination); s.start(10.25/44100);`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 500, 44100, func(_, i int) float64 { return float64(i) / 500 }))
			return firstErr(s.Connect(c.Destination()), s.Start(10.25/44100))
		}},
	{name: "buffer-other-rate", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 800, 22050, (` + jsSin + `)(0.05)); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 800, 22050, sinFn(0.05)))
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "mix-mono-to-stereo", channels: 2, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 512, 44100, (` + jsSin + `)(0.07)); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 512, 44100, sinFn(0.07)))
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "mix-stereo-to-mono", channels: 1, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 512, 44100, (` + jsSin + `)(0.07)); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 512, 44100, sinFn(0.07)))
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "mix-5.1-to-stereo", channels: 2, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 6, 512, 44100, (` + jsSin + `)(0.07)); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 6, 512, 44100, sinFn(0.07)))
			return firstErr(s.Connect(c.Destination()), s.Start(0))
		}},
	{name: "mix-quad-to-mono-explicit-gain", channels: 1, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 4, 512, 44100, (` + jsSin + `)(0.07)); const g = ctx.createGain(); g.channelCount = 1; g.channelCountMode = 'explicit'; s.connect(g).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 4, 512, 44100, sinFn(0.07)))
			g, err := NewGainNode(c.BaseContext, GainOptions{ChannelOptions: ChannelOptions{ChannelCount: 1, ChannelCountMode: Explicit}})
			return firstErr(err, s.Connect(g), g.Connect(c.Destination()), s.Start(0))
		}},
	{name: "mix-discrete-3-to-stereo", channels: 2, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 3, 512, 44100, (` + jsSin + `)(0.07)); const g = ctx.createGain(); g.channelInterpretation = 'discrete'; s.connect(g).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 3, 512, 44100, sinFn(0.07)))
			g, err := NewGainNode(c.BaseContext, GainOptions{ChannelOptions: ChannelOptions{ChannelInterpretation: Discrete}})
			return firstErr(err, s.Connect(g), g.Connect(c.Destination()), s.Start(0))
		}},
	{name: "mix-quad-destination-clamped", channels: 4, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 512, 44100, (` + jsSin + `)(0.07)); const g = ctx.createGain(); g.channelCountMode = 'clamped-max'; g.channelCount = 1; s.connect(g).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 512, 44100, sinFn(0.07)))
			g, err := NewGainNode(c.BaseContext, GainOptions{ChannelOptions: ChannelOptions{ChannelCount: 1, ChannelCountMode: ClampedMax}})
			return firstErr(err, s.Connect(g), g.Connect(c.Destination()), s.Start(0))
		}},
	{name: "delay-static", channels: 1, length: 1024, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 300, 44100, (` + jsSin + `)(0.05)); const d = ctx.createDelay(); d.delayTime.value = 100/44100; s.connect(d).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 300, 44100, sinFn(0.05)))
			d, _ := c.CreateDelay(1)
			d.DelayTime().SetValue(100.0 / 44100)
			return firstErr(s.Connect(d), d.Connect(c.Destination()), s.Start(0))
		}},
	{name: "delay-fractional", channels: 1, length: 1024, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 300, 44100, (` + jsSin + `)(0.05)); const d = ctx.createDelay(); d.delayTime.value = 200.5/44100; s.connect(d).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 300, 44100, sinFn(0.05)))
			d, _ := c.CreateDelay(1)
			d.DelayTime().SetValue(200.5 / 44100)
			return firstErr(s.Connect(d), d.Connect(c.Destination()), s.Start(0))
		}},
	{name: "delay-automation", channels: 1, length: 4096, rate: 44100,
		js:  `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 4096, 44100, (` + jsSin + `)(0.01)); const d = ctx.createDelay(0.1); d.delayTime.setValueAtTime(0, 0); d.delayTime.linearRampToValueAtTime(0.02, 0.09); s.connect(d).connect(ctx.destination); s.start();`,
		tol: 1e-4,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 4096, 44100, sinFn(0.01)))
			d, _ := c.CreateDelay(0.1)
			return firstErr(d.DelayTime().SetValueAtTime(0, 0), d.DelayTime().LinearRampToValueAtTime(0.02, 0.09), s.Connect(d), d.Connect(c.Destination()), s.Start(0))
		}},
	{name: "delay-feedback-cycle", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 64, 44100, (c, i) => 1 - i / 64); const d = ctx.createDelay(); d.delayTime.value = 480/44100; const fb = ctx.createGain(); fb.gain.value = 0.6;
s.connect(d); d.connect(fb); fb.connect(d); d.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 64, 44100, func(_, i int) float64 { return 1 - float64(i)/64 }))
			d, _ := c.CreateDelay(1)
			d.DelayTime().SetValue(480.0 / 44100)
			fb, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.6)})
			return firstErr(s.Connect(d), d.Connect(fb), fb.Connect(d), d.Connect(c.Destination()), s.Start(0))
		}},
	{name: "suspend-connect-later", channels: 1, length: 2048, rate: 44100,
		js: `const a = ctx.createConstantSource(); a.offset.value = 0.3; a.start(); const g = ctx.createGain(); g.connect(ctx.destination);
ctx.suspend(512/44100).then(() => { a.connect(g); ctx.resume(); });
ctx.suspend(1024/44100).then(() => { a.disconnect(); ctx.resume(); });`,
		build: func(c *OfflineContext) error {
			a := constStart(c, 0.3, 0)
			g := c.CreateGain()
			s1, err1 := c.Suspend(512.0 / 44100)
			s2, err2 := c.Suspend(1024.0 / 44100)
			go func() {
				<-s1
				a.Connect(g)
				c.Resume()
				<-s2
				a.Disconnect()
				c.Resume()
			}()
			return firstErr(err1, err2, g.Connect(c.Destination()))
		}},
}

func TestChromiumCore(t *testing.T) { runDiffCases(t, coreCases) }
