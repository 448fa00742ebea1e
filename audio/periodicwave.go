package audio

import (
	"math"

	"github.com/seed92233726/mediad/audio/internal/fft"
)

// PeriodicWaveOptions are the PeriodicWave constructor's options. Real holds the cosine terms and
// Imag the sine terms; element 0 (DC) is ignored.
type PeriodicWaveOptions struct {
	Real                 []float32
	Imag                 []float32
	DisableNormalization bool
}

// PeriodicWave is a band-limited wavetable set: one table per third of an octave, each with the
// partials that stay below Nyquist for the fundamentals it serves (Chromium's scheme, which is
// why a 1760 Hz square at 44.1 kHz lacks its 11th harmonic).
type PeriodicWave struct {
	size       int
	lowestFreq float64 // fundamental whose harmonics fill the table: sampleRate / size
	tables     [][]float32
}

const bandsPerOctave = 3

func waveTableSize(sampleRate float64) int {
	switch {
	case sampleRate <= 24000:
		return 2048
	case sampleRate <= 88200:
		return 4096
	}
	return 16384
}

// NewPeriodicWave is the PeriodicWave constructor (createPeriodicWave).
func NewPeriodicWave(c *BaseContext, o PeriodicWaveOptions) (*PeriodicWave, error) {
	re, im := o.Real, o.Imag
	switch {
	case re == nil && im == nil:
		re, im = []float32{0, 0}, []float32{0, 1}
	case re == nil:
		re = make([]float32, len(im))
	case im == nil:
		im = make([]float32, len(re))
	}
	if len(re) != len(im) {
		return nil, errorf(ErrIndexSize, "real (%d) and imag (%d) differ in length", len(re), len(im))
	}
	if len(re) < 2 {
		return nil, errorf(ErrIndexSize, "periodic wave needs at least 2 coefficients, got %d", len(re))
	}
	return buildPeriodicWave(c.sampleRate, re, im, !o.DisableNormalization), nil
}

// CreatePeriodicWave is the context factory for PeriodicWave.
func (c *BaseContext) CreatePeriodicWave(real, imag []float32, disableNormalization bool) (*PeriodicWave, error) {
	return NewPeriodicWave(c, PeriodicWaveOptions{Real: real, Imag: imag, DisableNormalization: disableNormalization})
}

func buildPeriodicWave(sampleRate float64, re, im []float32, normalize bool) *PeriodicWave {
	size := waveTableSize(sampleRate)
	ranges := int(math.Ceil(bandsPerOctave * math.Log2(float64(size))))
	w := &PeriodicWave{size: size, lowestFreq: sampleRate / float64(size), tables: make([][]float32, ranges)}
	plan := fft.NewPlan(size)
	half := size / 2
	x := make([]complex128, size)
	scale := 1.0
	for r := 0; r < ranges; r++ {
		partials := int(math.Exp2(-float64(r)/bandsPerOctave) * float64(half))
		clear(x)
		for k := 1; k < len(re) && k < half && k <= partials; k++ {
			// x[m] = Σ a_k cos(2πkm/N) + b_k sin(2πkm/N): bin k = (a - ib)/2 and its mirror.
			v := complex(float64(re[k])/2, -float64(im[k])/2)
			x[k] = v
			x[size-k] = complex(real(v), -imag(v))
		}
		plan.Inverse(x)
		t := make([]float32, size+1) // one guard sample for interpolation
		if r == 0 && normalize {
			peak := 0.0
			for _, v := range x {
				peak = math.Max(peak, math.Abs(real(v)))
			}
			if peak > 0 {
				scale = 1 / peak
			}
		}
		for m := 0; m < size; m++ {
			t[m] = float32(real(x[m]) * scale)
		}
		t[size] = t[0]
		w.tables[r] = t
	}
	return w
}

// builtinWave returns the cached table set of a built-in oscillator type.
func (c *BaseContext) builtinWave(typ OscillatorType) *PeriodicWave {
	if c.waves == nil {
		c.waves = map[OscillatorType]*PeriodicWave{}
	}
	if w, ok := c.waves[typ]; ok {
		return w
	}
	size := waveTableSize(c.sampleRate)
	half := size / 2
	re, im := make([]float32, half), make([]float32, half)
	for k := 1; k < half; k++ {
		n := float64(k)
		switch typ {
		case Sine:
			if k == 1 {
				im[k] = 1
			}
		case Square:
			if k%2 == 1 {
				im[k] = float32(4 / (math.Pi * n))
			}
		case Sawtooth:
			sign := 1.0
			if k%2 == 0 {
				sign = -1
			}
			im[k] = float32(sign * 2 / (math.Pi * n))
		case Triangle:
			if k%2 == 1 {
				im[k] = float32(8 * math.Sin(math.Pi*n/2) / (math.Pi * math.Pi * n * n))
			}
		}
	}
	w := buildPeriodicWave(c.sampleRate, re, im, true)
	c.waves[typ] = w
	return w
}
