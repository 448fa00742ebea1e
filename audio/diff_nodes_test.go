package audio

import (
	"math"
	"testing"
)

// Filters, panners, channel routing and the wave shaper.

const jsNoise = `(seed) => { let s = seed; return (c, i) => { s = (s * 16807) % 2147483647; return s / 2147483647 - 0.5; }; }`

// noiseFn is the same linear congruential generator as jsNoise, so both engines filter the same
// noise (Park–Miller: products stay below 2^53, so JavaScript's doubles compute it exactly).
func noiseFn(seed int64) func(c, i int) float64 {
	s := seed
	return func(c, i int) float64 {
		s = (s * 16807) % 2147483647
		return float64(s)/2147483647 - 0.5
	}
}

func noiseSrc(c *OfflineContext, ch, n int, seed int64) *AudioBufferSourceNode {
	s := c.CreateBufferSource()
	s.SetBuffer(mkbuf(c, ch, n, c.SampleRate(), noiseFn(seed)))
	s.Start(0)
	return s
}

func jsNoiseSrc(ch, n int, seed string) string {
	return `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, ` + itoa(ch) + `, ` + itoa(n) + `, ctx.sampleRate, (` + jsNoise + `)(` + seed + `)); s.start();`
}

func biquadCase(typ BiquadFilterType, freq, q, gain float32) diffCase {
	return diffCase{name: "biquad-" + string(typ), channels: 1, length: 4096, rate: 44100, snr: 110,
		js: jsNoiseSrc(1, 4096, "7") + `const f = ctx.createBiquadFilter(); f.type = '` + string(typ) + `'; f.frequency.value = ` + ftoa(freq) + `; f.Q.value = ` + ftoa(q) + `; f.gain.value = ` + ftoa(gain) + `; s.connect(f).connect(ctx.destination);`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, 1, 4096, 7)
			f, err := NewBiquadFilterNode(c.BaseContext, BiquadFilterOptions{Type: typ, Frequency: F32(freq), Q: F32(q), Gain: gain})
			return firstErr(err, s.Connect(f), f.Connect(c.Destination()))
		}}
}

var nodeCases = []diffCase{
	biquadCase(Lowpass, 1000, 5, 0),
	biquadCase(Highpass, 2000, -3, 0),
	biquadCase(Bandpass, 1500, 4, 0),
	biquadCase(Lowshelf, 500, 1, 6),
	biquadCase(Highshelf, 4000, 1, -9),
	biquadCase(Peaking, 1200, 2, 12),
	biquadCase(Notch, 3000, 10, 0),
	biquadCase(Allpass, 800, 0.7, 0),
	{name: "biquad-automated-stereo", channels: 2, length: 4096, rate: 48000, snr: 110,
		js: jsNoiseSrc(2, 4096, "3") + `const f = ctx.createBiquadFilter(); f.frequency.setValueAtTime(300, 0); f.frequency.exponentialRampToValueAtTime(8000, 0.08); f.Q.value = 3; s.connect(f).connect(ctx.destination);`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, 2, 4096, 3)
			f := c.CreateBiquadFilter()
			return firstErr(f.Frequency().SetValueAtTime(300, 0), f.Frequency().ExponentialRampToValueAtTime(8000, 0.08), f.Q().SetValue(3), s.Connect(f), f.Connect(c.Destination()))
		}},
	{name: "iir-second-order", channels: 1, length: 4096, rate: 44100, snr: 110,
		js: jsNoiseSrc(1, 4096, "11") + `const f = ctx.createIIRFilter([0.2, 0.3, 0.1], [1, -0.6, 0.2]); s.connect(f).connect(ctx.destination);`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, 1, 4096, 11)
			f, err := c.CreateIIRFilter([]float64{0.2, 0.3, 0.1}, []float64{1, -0.6, 0.2})
			return firstErr(err, s.Connect(f), f.Connect(c.Destination()))
		}},
	{name: "iir-fourth-order-unnormalized", channels: 1, length: 4096, rate: 44100, snr: 110,
		js: jsNoiseSrc(1, 4096, "12") + `const f = ctx.createIIRFilter([0.5, 0.1, 0.05, 0.2, 0.1], [2, -0.5, 0.3, 0.1, 0.05]); s.connect(f).connect(ctx.destination);`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, 1, 4096, 12)
			f, err := c.CreateIIRFilter([]float64{0.5, 0.1, 0.05, 0.2, 0.1}, []float64{2, -0.5, 0.3, 0.1, 0.05})
			return firstErr(err, s.Connect(f), f.Connect(c.Destination()))
		}},
	{name: "merger-splitter-swap", channels: 2, length: 1024, rate: 44100,
		js: `const b = mkbuf(ctx, 2, 1024, 44100, (` + jsSin + `)(0.03)); const s = ctx.createBufferSource(); s.buffer = b; const sp = ctx.createChannelSplitter(2); const m = ctx.createChannelMerger(2);
s.connect(sp); sp.connect(m, 0, 1); sp.connect(m, 1, 0); m.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 1024, 44100, sinFn(0.03)))
			sp, err1 := c.CreateChannelSplitter(2)
			m, err2 := c.CreateChannelMerger(2)
			return firstErr(err1, err2, s.Connect(sp), sp.Connect(m, 0, 1), sp.Connect(m, 1, 0), m.Connect(c.Destination()), s.Start(0))
		}},
	{name: "merger-stereo-input-downmix", channels: 4, length: 512, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 512, 44100, (` + jsSin + `)(0.05)); const k = ctx.createConstantSource(); k.offset.value = 0.25; const m = ctx.createChannelMerger(4);
s.connect(m, 0, 0); k.connect(m, 0, 2); m.connect(ctx.destination); s.start(); k.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 512, 44100, sinFn(0.05)))
			k := constStart(c, 0.25, 0)
			m, err := c.CreateChannelMerger(4)
			return firstErr(err, s.Connect(m, 0, 0), k.Connect(m, 0, 2), m.Connect(c.Destination()), s.Start(0))
		}},
	{name: "stereo-panner-mono", channels: 2, length: 2048, rate: 44100,
		js: `const s = ctx.createConstantSource(); const p = ctx.createStereoPanner(); p.pan.setValueAtTime(-1, 0); p.pan.linearRampToValueAtTime(1, 0.04); s.connect(p).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := constStart(c, 1, 0)
			p := c.CreateStereoPanner()
			return firstErr(p.Pan().SetValueAtTime(-1, 0), p.Pan().LinearRampToValueAtTime(1, 0.04), s.Connect(p), p.Connect(c.Destination()))
		}},
	{name: "stereo-panner-stereo", channels: 2, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 2, 2048, 44100, (` + jsSin + `)(0.02)); const p = ctx.createStereoPanner(); p.pan.setValueAtTime(-0.8, 0); p.pan.linearRampToValueAtTime(0.9, 0.045); s.connect(p).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 2, 2048, 44100, sinFn(0.02)))
			p := c.CreateStereoPanner()
			return firstErr(p.Pan().SetValueAtTime(-0.8, 0), p.Pan().LinearRampToValueAtTime(0.9, 0.045), s.Connect(p), p.Connect(c.Destination()), s.Start(0))
		}},
	{name: "waveshaper-none", channels: 1, length: 2048, rate: 44100,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 2048, 44100, (c, i) => 1.2 * Math.sin(i * 0.01)); const w = ctx.createWaveShaper(); w.curve = new Float32Array([-0.5, -0.4, 0, 0.6, 0.8]); s.connect(w).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 2048, 44100, func(_, i int) float64 { return 1.2 * math.Sin(float64(i)*0.01) }))
			w, err := NewWaveShaperNode(c.BaseContext, WaveShaperOptions{Curve: []float32{-0.5, -0.4, 0, 0.6, 0.8}})
			return firstErr(err, s.Connect(w), w.Connect(c.Destination()), s.Start(0))
		}},
	waveshaperOS("waveshaper-2x", OverSample2x, 75),
	waveshaperOS("waveshaper-4x", OverSample4x, 70),
}

func waveshaperOS(name string, os OverSampleType, snr float64) diffCase {
	return diffCase{name: name, channels: 1, length: 4096, rate: 44100, snr: snr,
		js: `const s = ctx.createBufferSource(); s.buffer = mkbuf(ctx, 1, 4096, 44100, (c, i) => 0.9 * Math.sin(i * 0.05)); const w = ctx.createWaveShaper(); const cv = new Float32Array(101); for (let i = 0; i < 101; i++) cv[i] = Math.tanh(3 * (i / 50 - 1)); w.curve = cv; w.oversample = '` + string(os) + `'; s.connect(w).connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			s := c.CreateBufferSource()
			s.SetBuffer(mkbuf(c, 1, 4096, 44100, func(_, i int) float64 { return 0.9 * math.Sin(float64(i)*0.05) }))
			cv := make([]float32, 101)
			for i := range cv {
				cv[i] = float32(math.Tanh(3 * (float64(i)/50 - 1)))
			}
			w, err := NewWaveShaperNode(c.BaseContext, WaveShaperOptions{Curve: cv, Oversample: os})
			return firstErr(err, s.Connect(w), w.Connect(c.Destination()), s.Start(0))
		}}
}

func TestChromiumNodes(t *testing.T) { runDiffCases(t, nodeCases) }
