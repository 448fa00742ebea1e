package audio

import (
	"math"
	"testing"
)

// Readings that are not audio: filter frequency responses and the compressor's reduction.

var responseFreqs = []float32{0, 20, 100, 440, 1000, 2500, 5000, 10000, 15000, 20000, 22050, 30000, -1}

const jsResponseFreqs = `new Float32Array([0, 20, 100, 440, 1000, 2500, 5000, 10000, 15000, 20000, 22050, 30000, -1])`

// nanAwareCheck compares readings within tol, treating NaN as equal to NaN.
func nanAwareCheck(tol float64) func(t *testing.T, ref, got [][]float32) {
	return func(t *testing.T, ref, got [][]float32) {
		for ch := range ref {
			for i := range ref[ch] {
				r, g := float64(ref[ch][i]), float64(got[ch][i])
				if math.IsNaN(r) != math.IsNaN(g) || (!math.IsNaN(r) && math.Abs(r-g) > tol*math.Max(1, math.Abs(r))) {
					t.Errorf("reading %d, entry %d: Chromium %v, mediad %v", ch, i, r, g)
				}
			}
		}
	}
}

func responseCase(typ BiquadFilterType) diffCase {
	return diffCase{name: "response-biquad-" + string(typ), channels: 1, length: 128, rate: 44100, check: nanAwareCheck(1e-4),
		js: `const f = ctx.createBiquadFilter(); f.type = '` + string(typ) + `'; f.frequency.value = 1500; f.Q.value = 2; f.gain.value = 6; f.detune.value = 100;
const fr = ` + jsResponseFreqs + `; const m = new Float32Array(fr.length), p = new Float32Array(fr.length); f.getFrequencyResponse(fr, m, p); ctx.extra.push(m, p);`,
		buildX: func(c *OfflineContext, extra *[][]float32) error {
			f, err := NewBiquadFilterNode(c.BaseContext, BiquadFilterOptions{Type: typ, Frequency: F32(1500), Q: F32(2), Gain: 6, Detune: 100})
			if err != nil {
				return err
			}
			m, p := make([]float32, len(responseFreqs)), make([]float32, len(responseFreqs))
			err = f.GetFrequencyResponse(responseFreqs, m, p)
			*extra = append(*extra, m, p)
			return err
		}}
}

var readingCases = []diffCase{
	responseCase(Lowpass), responseCase(Highpass), responseCase(Bandpass), responseCase(Lowshelf),
	responseCase(Highshelf), responseCase(Peaking), responseCase(Notch), responseCase(Allpass),
	{name: "response-iir", channels: 1, length: 128, rate: 48000, check: nanAwareCheck(1e-4),
		js: `const f = ctx.createIIRFilter([0.1, 0.2, 0.1], [1, -0.9, 0.3]); const fr = ` + jsResponseFreqs + `; const m = new Float32Array(fr.length), p = new Float32Array(fr.length); f.getFrequencyResponse(fr, m, p); ctx.extra.push(m, p);`,
		buildX: func(c *OfflineContext, extra *[][]float32) error {
			f, err := c.CreateIIRFilter([]float64{0.1, 0.2, 0.1}, []float64{1, -0.9, 0.3})
			if err != nil {
				return err
			}
			m, p := make([]float32, len(responseFreqs)), make([]float32, len(responseFreqs))
			err = f.GetFrequencyResponse(responseFreqs, m, p)
			*extra = append(*extra, m, p)
			return err
		}},
	{name: "compressor-reduction", channels: 1, length: 16384, rate: 44100, check: compressorReductionCheck,
		js: `const o = ctx.createOscillator(); o.frequency.value = 220; const g = ctx.createGain(); g.gain.setValueAtTime(0.05, 0); g.gain.setValueAtTime(1, 0.05); g.gain.setValueAtTime(0.05, 0.2);
const k = ctx.createDynamicsCompressor(); o.connect(g).connect(k).connect(ctx.destination); o.start(); const red = new Float32Array(12);
for (let i = 0; i < 12; i++) ctx.suspend((i + 1) * 1280 / 44100).then(() => { red[i] = k.reduction; if (i == 11) ctx.extra.push(red); ctx.resume(); });`,
		buildX: func(c *OfflineContext, extra *[][]float32) error {
			o := c.CreateOscillator()
			o.Frequency().SetValue(220)
			g := c.CreateGain()
			k := c.CreateDynamicsCompressor()
			red := make([]float32, 12)
			var chans []<-chan struct{}
			for i := 0; i < 12; i++ {
				ch, err := c.Suspend(float64(i+1) * 1280 / 44100)
				if err != nil {
					return err
				}
				chans = append(chans, ch)
			}
			go func() {
				for i, ch := range chans {
					<-ch
					red[i] = k.Reduction()
					if i == len(chans)-1 {
						*extra = append(*extra, red) // before Resume: rendering may end right after
					}
					c.Resume()
				}
			}()
			return firstErr(g.Gain().SetValueAtTime(0.05, 0), g.Gain().SetValueAtTime(1, 0.05), g.Gain().SetValueAtTime(0.05, 0.2),
				o.Connect(g), g.Connect(k), k.Connect(c.Destination()), o.Start(0))
		}},
}

// compressorReductionCheck: audio within 90 dB SNR, reduction readings within 0.1 dB (Chromium
// accumulates its meter in float32 and drifts by a few hundredths of a dB during release).
func compressorReductionCheck(t *testing.T, ref, got [][]float32) {
	if s := snrDB(ref[0], got[0]); s < 90 {
		t.Errorf("audio SNR %.1f dB", s)
	}
	for i := range ref[1] {
		if math.Abs(float64(ref[1][i]-got[1][i])) > 0.1 {
			t.Errorf("reduction %d: Chromium %v dB, mediad %v dB", i, ref[1][i], got[1][i])
		}
	}
}

func TestChromiumReadings(t *testing.T) { runDiffCases(t, readingCases) }
