package audio

import (
	"math"
	"testing"
)

// Edge cases of automation, scheduling and routing.

var edgeCases = []diffCase{
	{name: "edge-ramp-after-target", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setTargetAtTime(0.2, 0.01, 0.01); p.linearRampToValueAtTime(0.9, 0.06); s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			return firstErr(p.SetTargetAtTime(0.2, 0.01, 0.01), p.LinearRampToValueAtTime(0.9, 0.06), s.Connect(c.Destination()))
		}},
	{name: "edge-cancel-during-target", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(1, 0); p.setTargetAtTime(0, 0.005, 0.02);
s.connect(ctx.destination); s.start(); ctx.suspend(1024/44100).then(() => { p.cancelScheduledValues(0.01); ctx.resume(); });`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			ch, err := c.Suspend(1024.0 / 44100)
			go func() { <-ch; p.CancelScheduledValues(0.01); c.Resume() }()
			return firstErr(err, p.SetValueAtTime(1, 0), p.SetTargetAtTime(0, 0.005, 0.02), s.Connect(c.Destination()))
		}},
	{name: "edge-set-value-while-automated", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; p.setValueAtTime(0.3, 0); p.linearRampToValueAtTime(0.8, 0.04);
s.connect(ctx.destination); s.start(); ctx.suspend(512/44100).then(() => { p.value = 0.1; ctx.resume(); });`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			ch, err := c.Suspend(512.0 / 44100)
			go func() { <-ch; p.SetValue(0.1); c.Resume() }()
			return firstErr(err, p.SetValueAtTime(0.3, 0), p.LinearRampToValueAtTime(0.8, 0.04), s.Connect(c.Destination()))
		}},
	{name: "edge-past-events-clamped", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = s.offset; s.connect(ctx.destination); s.start();
ctx.suspend(1024/44100).then(() => { p.setValueAtTime(0.25, 0.001); p.linearRampToValueAtTime(0.75, 0.01); ctx.resume(); });`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := s.Offset()
			ch, err := c.Suspend(1024.0 / 44100)
			go func() { <-ch; p.SetValueAtTime(0.25, 0.001); p.LinearRampToValueAtTime(0.75, 0.01); c.Resume() }()
			return firstErr(err, s.Connect(c.Destination()))
		}},
	{name: "edge-krate-curve-and-input", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createConstantSource(); const g = ctx.createGain(); g.gain.automationRate = 'k-rate'; g.gain.setValueCurveAtTime(new Float32Array([0, 1, 0.2]), 0, 0.04);
const m = ctx.createConstantSource(); m.offset.setValueAtTime(0, 0); m.offset.linearRampToValueAtTime(0.5, 0.04); m.connect(g.gain); s.connect(g).connect(ctx.destination); s.start(); m.start();`,
		build: func(c *OfflineContext) error {
			s, m := constStart(c, 1, 0), constStart(c, 1, 0)
			g := c.CreateGain()
			return firstErr(g.Gain().SetAutomationRate(KRate), g.Gain().SetValueCurveAtTime([]float32{0, 1, 0.2}, 0, 0.04),
				m.Offset().SetValueAtTime(0, 0), m.Offset().LinearRampToValueAtTime(0.5, 0.04), m.ConnectParam(g.Gain()), s.Connect(g), g.Connect(c.Destination()))
		}},
	{name: "edge-buffer-rate-automation-loop", channels: 1, length: 4096, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 300, 44100, (c, i) => Math.sin(i * 0.1) * 0.5); s.loop = true; s.loopStart = 50/44100; s.loopEnd = 250/44100;
s.playbackRate.setValueAtTime(0.7, 0); s.playbackRate.linearRampToValueAtTime(1.8, 0.08); s.connect(ctx.destination); s.start(0, 100/44100);`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 300, 44100, func(_, i int) float64 { return math.Sin(float64(i)*0.1) * 0.5 }))
			s.SetLoop(true)
			s.SetLoopStart(50.0 / 44100)
			s.SetLoopEnd(250.0 / 44100)
			return firstErr(s.PlaybackRate().SetValueAtTime(0.7, 0), s.PlaybackRate().LinearRampToValueAtTime(1.8, 0.08), s.Connect(c.Destination()), s.Start(0, 100.0/44100))
		}},
	{name: "edge-buffer-stop-mid-and-onended-silence", channels: 2, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 2048, 44100, (` + jsSin + `)(0.04)); s.connect(ctx.destination); s.start(0.001); s.stop(0.03);`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 2048, 44100, sinFn(0.04)))
			return firstErr(s.Connect(c.Destination()), s.Start(0.001), s.Stop(0.03))
		}},
	{name: "edge-oscillator-negative-frequency", channels: 1, length: 2048, rate: 44100, snr: 80,
		js: `const o = ctx.createOscillator(); o.type = 'sawtooth'; o.frequency.value = -700; o.connect(ctx.destination); o.start();`,
		build: func(c *OfflineContext) error {
			o, err := NewOscillatorNode(c.BaseContext, OscillatorOptions{Type: Sawtooth, Frequency: F32(-700)})
			return firstErr(err, o.Connect(c.Destination()), o.Start(0))
		}},
	{name: "edge-splitter-5.1-merger", channels: 2, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 6, 512, 44100, (` + jsSin + `)(0.05)); const sp = ctx.createChannelSplitter(6); const m = ctx.createChannelMerger(2);
s.connect(sp); sp.connect(m, 2, 0); sp.connect(m, 5, 1); sp.connect(m, 4, 1); m.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 6, 512, 44100, sinFn(0.05)))
			sp, _ := c.CreateChannelSplitter(6)
			m, _ := c.CreateChannelMerger(2)
			return firstErr(s.Connect(sp), sp.Connect(m, 2, 0), sp.Connect(m, 5, 1), sp.Connect(m, 4, 1), m.Connect(c.Destination()), s.Start(0))
		}},
	{name: "edge-delay-zero-and-max", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 600, 44100, (` + jsSin + `)(0.05)); const d0 = ctx.createDelay(0.01); const d1 = ctx.createDelay(0.01); d1.delayTime.value = 0.02;
s.connect(d0).connect(ctx.destination); s.connect(d1).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 600, 44100, sinFn(0.05)))
			d0, _ := c.CreateDelay(0.01)
			d1, _ := c.CreateDelay(0.01)
			return firstErr(d1.DelayTime().SetValue(0.02), s.Connect(d0), d0.Connect(c.Destination()), s.Connect(d1), d1.Connect(c.Destination()), s.Start(0))
		}},
	{name: "edge-disconnect-specific-input", channels: 2, length: 1024, rate: 44100,
		js: `const a = ctx.createConstantSource(); a.offset.value = 0.5; const m = ctx.createChannelMerger(2); a.connect(m, 0, 0); a.connect(m, 0, 1); m.connect(ctx.destination); a.start();
ctx.suspend(256/44100).then(() => { a.disconnect(m, 0, 1); ctx.resume(); });`,
		build: func(c *OfflineContext) error {
			a := constStart(c, 0.5, 0)
			m, _ := c.CreateChannelMerger(2)
			ch, err := c.Suspend(256.0 / 44100)
			go func() { <-ch; a.DisconnectNode(m, 0, 1); c.Resume() }()
			return firstErr(err, a.Connect(m, 0, 0), a.Connect(m, 0, 1), m.Connect(c.Destination()))
		}},
}

func TestChromiumEdges(t *testing.T) { runDiffCases(t, edgeCases) }
