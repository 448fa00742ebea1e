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
	twiddle []complex128 // e^{-2πik/n}, k < 3n/4 (radix-4 steps reach 3q·n/4L)
	inverse []complex128 // conjugates, so the butterflies carry no branch
	rev     []int32
	// stage[log2 L] holds a radix-4 stage's twiddles contiguously for the vector kernel:
	// W^q, W^2q, W^3q for q < L (forward direction).
	stage [][]complex128
}

// NewPlan returns a plan for length n, which must be a power of two ≥ 2.
func NewPlan(n int) *Plan {
	if n < 2 || n&(n-1) != 0 {
		panic("fft: length must be a power of two ≥ 2")
	}
	p := &Plan{n: n, twiddle: make([]complex128, 3*n/4+1), inverse: make([]complex128, 3*n/4+1), rev: make([]int32, n)}
	for k := range p.twiddle {
		s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
		p.twiddle[k] = complex(c, s)
		p.inverse[k] = complex(c, -s)
	}
	shift := 64 - bits.Len(uint(n-1))
	for i := range p.rev {
		p.rev[i] = int32(bits.Reverse64(uint64(i)) >> shift)
	}
	if haveAVX2 {
		p.stage = make([][]complex128, bits.Len(uint(n)))
		L := 4 // the stages the kernel runs: those after a first radix-2 or radix-4 stage
		if bits.TrailingZeros(uint(n))%2 == 1 {
			L = 2
		}
		for ; 4*L <= n; L *= 4 {
			step := n / (4 * L)
			w := make([]complex128, 3*L)
			for q := 0; q < L; q++ {
				w[q], w[L+q], w[2*L+q] = p.twiddle[q*step], p.twiddle[2*q*step], p.twiddle[3*q*step]
			}
			p.stage[bits.TrailingZeros(uint(L))] = w
		}
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
	tw := p.twiddle
	if inverse {
		tw = p.inverse
	}
	// Radix-4 steps combine two radix-2 stages: a quarter fewer multiplications and half the
	// passes over the data. An odd number of stages starts with one radix-2 stage.
	L := 1
	if bits.TrailingZeros(uint(n))%2 == 1 {
		for i := 0; i+1 < n; i += 2 {
			a, b := x[i], x[i+1]
			x[i], x[i+1] = a+b, a-b
		}
		L = 2
	}
	for ; 4*L <= n; L *= 4 {
		if haveAVX2 && L >= 2 {
			radix4AVX2(&x[0], n, L, &p.stage[bits.TrailingZeros(uint(L))][0], inverse)
			continue
		}
		step := n / (4 * L)
		for start := 0; start < n; start += 4 * L {
			b0 := x[start : start+L]
			b1 := x[start+L : start+2*L]
			b2 := x[start+2*L : start+3*L]
			b3 := x[start+3*L : start+4*L]
			for q := range b0 {
				// With the radix-2 bit-reversed order, blocks 1 and 2 hold the odd-even and
				// even-odd halves, hence W^2q on b1 and W^q on b2.
				t0 := b0[q]
				t1 := b1[q] * tw[2*q*step]
				t2 := b2[q] * tw[q*step]
				t3 := b3[q] * tw[3*q*step]
				s01, d01 := t0+t1, t0-t1
				s23, d23 := t2+t3, t2-t3
				// Multiply d23 by −i (forward) or +i (inverse).
				var r23 complex128
				if inverse {
					r23 = complex(-imag(d23), real(d23))
				} else {
					r23 = complex(imag(d23), -real(d23))
				}
				b0[q] = s01 + s23
				b1[q] = d01 + r23
				b2[q] = s01 - s23
				b3[q] = d01 - r23
			}
		}
	}
}

// RealPlan transforms real sequences of one power-of-two length n ≥ 4 through a complex FFT of
// half the length.
type RealPlan struct {
	n    int
	half *Plan
	tw   []complex128 // e^{-2πik/n}, k ≤ n/2
	buf  []complex128
}

// NewRealPlan returns a real-input plan for length n.
func NewRealPlan(n int) *RealPlan {
	if n < 4 || n&(n-1) != 0 {
		panic("fft: real length must be a power of two ≥ 4")
	}
	p := &RealPlan{n: n, half: NewPlan(n / 2), tw: make([]complex128, n/2+1), buf: make([]complex128, n/2)}
	for k := range p.tw {
		s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
		p.tw[k] = complex(c, s)
	}
	return p
}

// Len is the real transform length.
func (p *RealPlan) Len() int { return p.n }

// Forward writes the first n/2+1 bins of the DFT of x (length n) into out.
func (p *RealPlan) Forward(x []float64, out []complex128) {
	h := p.n / 2
	z := p.buf
	for i := range z {
		z[i] = complex(x[2*i], x[2*i+1])
	}
	p.half.Forward(z)
	out = out[:h+1]
	tw := p.tw[:h+1]
	// Bins 0 and h both pair z[0] with itself; the others pair z[k] with z[h−k], so the loop
	// needs no index wrap (an integer division per bin).
	out[0] = realBin(z[0], z[0], tw[0])
	out[h] = realBin(z[0], z[0], tw[h])
	for k := 1; k < h; k++ {
		out[k] = realBin(z[k], z[h-k], tw[k])
	}
}

// realBin is one bin of the real transform from the half-length transform's bins a = z[k] and
// b = z[h−k].
func realBin(a, b, tw complex128) complex128 {
	bc := complex(real(b), -imag(b))
	// Halving and multiplying by −i/2 by hand: complex division calls into the runtime.
	sum, dif := a+bc, a-bc
	e := complex(real(sum)*0.5, imag(sum)*0.5)
	o := complex(imag(dif)*0.5, -real(dif)*0.5)
	return e + tw*o
}

// Inverse computes n·x from the first n/2+1 bins of a real signal's DFT (the unnormalised
// inverse, like Plan.Inverse).
func (p *RealPlan) Inverse(in []complex128, x []float64) {
	h := p.n / 2
	z := p.buf
	for k := 0; k < h; k++ {
		a := in[k]
		b := in[h-k]
		bc := complex(real(b), -imag(b))
		tw := p.tw[k]
		// e^{+2πik/n} is the conjugate of the stored twiddle.
		o := (a - bc) * complex(real(tw), -imag(tw))
		z[k] = (a + bc) + complex(-imag(o), real(o))
	}
	p.half.Inverse(z)
	for i, v := range z {
		x[2*i] = real(v)
		x[2*i+1] = imag(v)
	}
}
