package audio

import "testing"

// Panner and compressor.

var dynCases = []diffCase{
	{name: "panner-equalpower-moving", channels: 2, length: 4096, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = ctx.createPanner(); p.panningModel = 'equalpower'; p.positionX.setValueAtTime(-5, 0); p.positionX.linearRampToValueAtTime(5, 0.09); p.positionZ.value = -1; s.connect(p).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := c.CreatePanner()
			return firstErr(p.PositionX().SetValueAtTime(-5, 0), p.PositionX().LinearRampToValueAtTime(5, 0.09), p.PositionZ().SetValue(-1), s.Connect(p), p.Connect(c.Destination()))
		}},
	{name: "panner-stereo-static-linear-cone", channels: 2, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 2048, 44100, (` + jsSin + `)(0.03)); const p = ctx.createPanner(); p.distanceModel = 'linear'; p.maxDistance = 20; p.positionX.value = 3; p.positionZ.value = 2; p.orientationX.value = -1; p.coneInnerAngle = 60; p.coneOuterAngle = 200; p.coneOuterGain = 0.2; s.connect(p).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 2048, 44100, sinFn(0.03)))
			p := c.CreatePanner()
			p.SetConeInnerAngle(60)
			p.SetConeOuterAngle(200)
			return firstErr(p.SetDistanceModel(Linear), p.SetMaxDistance(20), p.PositionX().SetValue(3), p.PositionZ().SetValue(2), p.OrientationX().SetValue(-1), p.SetConeOuterGain(0.2), s.Connect(p), p.Connect(c.Destination()), s.Start(0))
		}},
	{name: "panner-exponential-listener", channels: 2, length: 2048, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = ctx.createPanner(); p.distanceModel = 'exponential'; p.rolloffFactor = 0.7; p.positionX.value = 1; p.positionY.value = 2; p.positionZ.value = 3; ctx.listener.positionX.value = -1; ctx.listener.forwardX.value = 1; ctx.listener.forwardZ.value = 0; s.connect(p).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := c.CreatePanner()
			l := c.Listener()
			return firstErr(p.SetDistanceModel(Exponential), p.SetRolloffFactor(0.7), p.SetPosition(1, 2, 3), l.PositionX().SetValue(-1), l.ForwardX().SetValue(1), l.ForwardZ().SetValue(0), s.Connect(p), p.Connect(c.Destination()))
		}},
	{name: "compressor-default-loud-sine", channels: 1, length: 16384, rate: 44100, snr: 90,
		js: `const o = ctx.createOscillator(); o.frequency.value = 220; const g = ctx.createGain(); g.gain.setValueAtTime(0.1, 0); g.gain.setValueAtTime(1, 0.1); g.gain.setValueAtTime(0.2, 0.25); const k = ctx.createDynamicsCompressor(); o.connect(g).connect(k).connect(ctx.destination); o.start();`,
		build: func(c *OfflineContext) error {
			o := c.CreateOscillator()
			o.Frequency().SetValue(220)
			g := c.CreateGain()
			k := c.CreateDynamicsCompressor()
			return firstErr(g.Gain().SetValueAtTime(0.1, 0), g.Gain().SetValueAtTime(1, 0.1), g.Gain().SetValueAtTime(0.2, 0.25), o.Connect(g), g.Connect(k), k.Connect(c.Destination()), o.Start(0))
		}},
	{name: "compressor-hard-fast-stereo", channels: 2, length: 8192, rate: 48000, snr: 90,
		js: jsNoiseSrc(2, 8192, "5") + `const k = ctx.createDynamicsCompressor(); k.threshold.value = -40; k.knee.value = 0; k.ratio.value = 20; k.attack.value = 0; k.release.value = 0.05; s.connect(k).connect(ctx.destination);`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, 2, 8192, 5)
			k, err := NewDynamicsCompressorNode(c.BaseContext, DynamicsCompressorOptions{Threshold: F32(-40), Knee: F32(0), Ratio: F32(20), Attack: F32(0), Release: F32(0.05)})
			return firstErr(err, s.Connect(k), k.Connect(c.Destination()))
		}},
}

func TestChromiumDynamics(t *testing.T) { runDiffCases(t, dynCases) }
