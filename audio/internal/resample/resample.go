// Package resample converts sample rates with a Kaiser-windowed sinc interpolator: 64 taps at
// unity ratio (more when decimating), a cut-off just below the lower Nyquist frequency, and
// about 100 dB of stop-band attenuation.
package resample

import "math"

const (
	halfTaps = 32   // zero crossings on each side of the centre at unity ratio
	phases   = 1024 // kernel table resolution between zero crossings
	beta     = 10.0 // Kaiser window shape
)

// Resample returns x resampled from rate in to rate out. The output has
// round(len(x)·out/in) samples and no delay.
func Resample(x []float32, in, out float64) []float32 {
	if in == out || len(x) == 0 {
		return append([]float32(nil), x...)
	}
	n := int(math.Round(float64(len(x)) * out / in))
	y := make([]float32, n)
	k := newKernel(in, out)
	step := in / out
	for i := range y {
		y[i] = k.at(x, float64(i)*step)
	}
	return y
}

type kernel struct {
	table  []float64 // sinc·window sampled at phases per zero crossing, for 0..half zero crossings
	scale  float64   // cut-off relative to the input Nyquist (≤ 1)
	half   int       // half-width in input samples
	zeroes float64
}

func newKernel(in, out float64) *kernel {
	scale := math.Min(1, out/in) * 0.97 // keep the transition band below Nyquist
	zc := halfTaps
	k := &kernel{scale: scale, zeroes: float64(zc)}
	k.half = int(math.Ceil(float64(zc) / scale))
	k.table = make([]float64, zc*phases+2)
	i0b := besselI0(beta)
	for i := range k.table {
		t := float64(i) / phases // in zero crossings
		var s float64
		if t == 0 {
			s = 1
		} else {
			s = math.Sin(math.Pi*t) / (math.Pi * t)
		}
		r := t / float64(zc)
		w := 0.0
		if r <= 1 {
			w = besselI0(beta*math.Sqrt(1-r*r)) / i0b
		}
		k.table[i] = s * w
	}
	return k
}

func (k *kernel) weight(d float64) float64 {
	t := math.Abs(d) * k.scale * phases
	i := int(t)
	if i >= len(k.table)-1 {
		return 0
	}
	f := t - float64(i)
	return k.table[i] + (k.table[i+1]-k.table[i])*f
}

func (k *kernel) at(x []float32, pos float64) float32 {
	c := int(math.Floor(pos))
	var sum float64
	for j := c - k.half + 1; j <= c+k.half; j++ {
		if j < 0 || j >= len(x) {
			continue
		}
		sum += float64(x[j]) * k.weight(pos-float64(j))
	}
	return float32(sum * k.scale)
}

func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 50; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum
}

// Stream resamples one channel incrementally: Push input as it arrives, Pull output as far as
// the input allows. It uses the same kernel as Resample and keeps only the history the kernel
// needs.
type Stream struct {
	k    *kernel
	step float64
	buf  []float32 // input from index base on
	base int       // absolute index of buf[0]
	pos  float64   // absolute input position of the next output sample
	done bool
}

// NewStream converts from rate in to rate out.
func NewStream(in, out float64) *Stream {
	return &Stream{k: newKernel(in, out), step: in / out}
}

// Push appends input samples.
func (s *Stream) Push(x []float32) { s.buf = append(s.buf, x...) }

// Close marks the end of input: Pull then drains what remains.
func (s *Stream) Close() { s.done = true }

// Pull writes up to len(dst) output samples and returns how many it could compute.
func (s *Stream) Pull(dst []float32) int {
	end := s.base + len(s.buf) // absolute index one past the last input
	n := 0
	for n < len(dst) {
		c := int(math.Floor(s.pos))
		if s.done {
			if c >= end {
				break
			}
		} else if c+s.k.half >= end {
			break // needs input that has not arrived
		}
		dst[n] = s.at(s.pos)
		s.pos += s.step
		n++
	}
	// Drop input the kernel can no longer reach.
	if drop := int(math.Floor(s.pos)) - s.k.half - s.base; drop > 0 {
		drop = min(drop, len(s.buf))
		s.buf = s.buf[:copy(s.buf, s.buf[drop:])]
		s.base += drop
	}
	return n
}

func (s *Stream) at(pos float64) float32 {
	c := int(math.Floor(pos))
	var sum float64
	for j := c - s.k.half + 1; j <= c+s.k.half; j++ {
		i := j - s.base
		if i < 0 || i >= len(s.buf) {
			continue
		}
		sum += float64(s.buf[i]) * s.k.weight(pos-float64(j))
	}
	return float32(sum * s.k.scale)
}
