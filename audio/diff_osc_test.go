package audio

import "testing"

// Oscillators: band-limited wavetables compared by SNR (Chromium interpolates its tables in its own
// way, so sample-exact equality is not expected).

func oscCase(name string, typ OscillatorType, freq float32, snr float64) diffCase {
	return diffCase{name: name, channels: 1, length: 4096, rate: 44100, snr: snr,
		js: `const o = ctx.createOscillator(); o.type = '` + string(typ) + `'; o.frequency.value = ` + ftoa(freq) + `; o.connect(ctx.destination); o.start();`,
		build: func(c *OfflineContext) error {
			o, err := NewOscillatorNode(c.BaseContext, OscillatorOptions{Type: typ, Frequency: F32(freq)})
			return firstErr(err, o.Connect(c.Destination()), o.Start(0))
		}}
}

var oscCases = []diffCase{
	oscCase("osc-sine-440", Sine, 440, 100),
	oscCase("osc-square-440", Square, 440, 80),
	oscCase("osc-square-1760", Square, 1760, 80),
	oscCase("osc-sawtooth-440", Sawtooth, 440, 80),
	oscCase("osc-sawtooth-3000", Sawtooth, 3000, 80),
	oscCase("osc-triangle-440", Triangle, 440, 80),
	{name: "osc-custom-normalized", channels: 1, length: 4096, rate: 44100, snr: 80,
		js: `const w = ctx.createPeriodicWave(new Float32Array([0, 0.3, 0, 0.2]), new Float32Array([0, 1, 0.5, 0])); const o = ctx.createOscillator(); o.setPeriodicWave(w); o.frequency.value = 300; o.connect(ctx.destination); o.start();`,
		build: func(c *OfflineContext) error {
			w, err := c.CreatePeriodicWave([]float32{0, 0.3, 0, 0.2}, []float32{0, 1, 0.5, 0}, false)
			o, _ := NewOscillatorNode(c.BaseContext, OscillatorOptions{PeriodicWave: w, Frequency: F32(300)})
			return firstErr(err, o.Connect(c.Destination()), o.Start(0))
		}},
	{name: "osc-custom-unnormalized", channels: 1, length: 4096, rate: 44100, snr: 80,
		js: `const w = ctx.createPeriodicWave(new Float32Array([0, 0.3, 0, 0.2]), new Float32Array([0, 1, 0.5, 0]), {disableNormalization: true}); const o = ctx.createOscillator(); o.setPeriodicWave(w); o.frequency.value = 300; o.connect(ctx.destination); o.start();`,
		build: func(c *OfflineContext) error {
			w, err := c.CreatePeriodicWave([]float32{0, 0.3, 0, 0.2}, []float32{0, 1, 0.5, 0}, true)
			o, _ := NewOscillatorNode(c.BaseContext, OscillatorOptions{PeriodicWave: w, Frequency: F32(300)})
			return firstErr(err, o.Connect(c.Destination()), o.Start(0))
		}},
	{name: "osc-frequency-ramp-detune", channels: 1, length: 8192, rate: 48000, snr: 90,
		js: `const o = ctx.createOscillator(); o.frequency.setValueAtTime(200, 0); o.frequency.exponentialRampToValueAtTime(2000, 0.15); o.detune.value = 50; o.connect(ctx.destination); o.start();`,
		build: func(c *OfflineContext) error {
			o := c.CreateOscillator()
			return firstErr(o.Frequency().SetValueAtTime(200, 0), o.Frequency().ExponentialRampToValueAtTime(2000, 0.15), o.Detune().SetValue(50), o.Connect(c.Destination()), o.Start(0))
		}},
	{name: "osc-subsample-start-stop", channels: 1, length: 2048, rate: 44100, snr: 80,
		js: `const o = ctx.createOscillator(); o.frequency.value = 1000; o.connect(ctx.destination); o.start(100.3/44100); o.stop(1500.7/44100);`,
		build: func(c *OfflineContext) error {
			o := c.CreateOscillator()
			o.Frequency().SetValue(1000)
			return firstErr(o.Connect(c.Destination()), o.Start(100.3/44100), o.Stop(1500.7/44100))
		}},
	{name: "osc-fm-audio-rate", channels: 1, length: 4096, rate: 44100, snr: 85,
		js: `const m = ctx.createOscillator(); m.frequency.value = 30; const mg = ctx.createGain(); mg.gain.value = 200; const o = ctx.createOscillator(); o.frequency.value = 600; m.connect(mg).connect(o.frequency); o.connect(ctx.destination); m.start(); o.start();`,
		build: func(c *OfflineContext) error {
			m := c.CreateOscillator()
			m.Frequency().SetValue(30)
			mg, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(200)})
			o := c.CreateOscillator()
			o.Frequency().SetValue(600)
			return firstErr(m.Connect(mg), mg.ConnectParam(o.Frequency()), o.Connect(c.Destination()), m.Start(0), o.Start(0))
		}},
}

// rateOscCase checks the wavetable size and range logic at other sample rates.
func rateOscCase(name string, typ OscillatorType, freq float32, rate float64) diffCase {
	c := oscCase(name, typ, freq, 80)
	c.rate = rate
	return c
}

func init() {
	oscCases = append(oscCases,
		rateOscCase("osc-square-22050", Square, 700, 22050),
		rateOscCase("osc-sawtooth-96000", Sawtooth, 2500, 96000),
		rateOscCase("osc-triangle-8000", Triangle, 300, 8000),
	)
}

func TestChromiumOscillator(t *testing.T) { runDiffCases(t, oscCases) }
