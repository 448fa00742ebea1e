// Package fft is the radix-2 complex FFT shared by the oscillator wavetables, the analyser and the
// convolver. Plans are built once per size so transforms allocate nothing.
package fft

import (
	"math"
	"math/bits"
)

// Plan transforms sequences of one power-of-two length.
type Plan struct {
	n       int
	twiddle []complex128 // e^{-2πik/n}, k < n/2
	rev     []int32
}

// NewPlan returns a plan for length n, which must be a power of two ≥ 2.
func NewPlan(n int) *Plan {
	if n < 2 || n&(n-1) != 0 {
		panic("fft: length must be a power of two ≥ 2")
	}
	p := &Plan{n: n, twiddle: make([]complex128, n/2), rev: make([]int32, n)}
	for k := range p.twiddle {
		s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
		p.twiddle[k] = complex(c, s)
	}
	shift := 64 - bits.Len(uint(n-1))
	for i := range p.rev {
		p.rev[i] = int32(bits.Reverse64(uint64(i)) >> shift)
	}
	return p
}

// Len is the transform length.
func (p *Plan) Len() int { return p.n }

// Forward computes X[k] = Σ x[m] e^{-2πikm/n} in place.
func (p *Plan) Forward(x []complex128) { p.transform(x, false) }

// Inverse computes x[m] = Σ X[k] e^{+2πikm/n} in place, without the 1/n factor.
func (p *Plan) Inverse(x []complex128) { p.transform(x, true) }

func (p *Plan) transform(x []complex128, inverse bool) {
	n := p.n
	x = x[:n]
	for i, r := range p.rev {
		if int(r) > i {
			x[i], x[r] = x[r], x[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		half := size >> 1
		step := n / size
		for start := 0; start < n; start += size {
			for k := 0; k < half; k++ {
				w := p.twiddle[k*step]
				if inverse {
					w = complex(real(w), -imag(w))
				}
				a, b := x[start+k], x[start+k+half]*w
				x[start+k] = a + b
				x[start+k+half] = a - b
			}
		}
	}
}
