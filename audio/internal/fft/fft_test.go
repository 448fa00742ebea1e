package fft

import (
	"math"
	"math/cmplx"
	"testing"
)

func TestForwardMatchesDFT(t *testing.T) {
	for _, n := range []int{2, 8, 64} {
		x := make([]complex128, n)
		for i := range x {
			x[i] = complex(math.Sin(float64(i)*0.7)+0.1*float64(i), math.Cos(float64(i)*1.3))
		}
		want := make([]complex128, n)
		for k := range want {
			for m := range x {
				want[k] += x[m] * cmplx.Exp(complex(0, -2*math.Pi*float64(k*m)/float64(n)))
			}
		}
		got := append([]complex128(nil), x...)
		p := NewPlan(n)
		p.Forward(got)
		for k := range got {
			if cmplx.Abs(got[k]-want[k]) > 1e-9 {
				t.Fatalf("n=%d bin %d: got %v want %v", n, k, got[k], want[k])
			}
		}
		p.Inverse(got)
		for m := range got {
			if cmplx.Abs(got[m]/complex(float64(n), 0)-x[m]) > 1e-9 {
				t.Fatalf("n=%d round trip sample %d: got %v want %v", n, m, got[m], x[m])
			}
		}
	}
}

func TestRealMatchesComplex(t *testing.T) {
	for _, n := range []int{4, 16, 256} {
		x := make([]float64, n)
		c := make([]complex128, n)
		for i := range x {
			x[i] = math.Sin(float64(i)*0.37) + 0.2*float64(i%5)
			c[i] = complex(x[i], 0)
		}
		NewPlan(n).Forward(c)
		rp := NewRealPlan(n)
		got := make([]complex128, n/2+1)
		rp.Forward(x, got)
		for k := range got {
			if cmplx.Abs(got[k]-c[k]) > 1e-9 {
				t.Fatalf("n=%d bin %d: %v want %v", n, k, got[k], c[k])
			}
		}
		back := make([]float64, n)
		rp.Inverse(got, back)
		for i := range back {
			if math.Abs(back[i]/float64(n)-x[i]) > 1e-9 {
				t.Fatalf("n=%d sample %d: %v want %v", n, i, back[i]/float64(n), x[i])
			}
		}
	}
}

// TestLargeTransformsMatchDFT covers the sizes whose radix-4 stages run in the vector kernel
// (the convolver's 128 and 2048, the analyser's and wavetables' larger ones), both directions.
func TestLargeTransformsMatchDFT(t *testing.T) {
	for _, n := range []int{16, 32, 128, 256, 2048, 4096} {
		x := make([]complex128, n)
		for i := range x {
			x[i] = complex(math.Sin(float64(i)*0.7)+0.01*float64(i%17), math.Cos(float64(i)*1.3))
		}
		root := make([]complex128, n)
		for k := range root {
			s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
			root[k] = complex(c, s)
		}
		dft := func(in []complex128, sign int) []complex128 {
			out := make([]complex128, n)
			for k := range out {
				for m, v := range in {
					r := root[(k*m)%n]
					if sign > 0 {
						r = cmplx.Conj(r)
					}
					out[k] += v * r
				}
			}
			return out
		}
		p := NewPlan(n)
		got := append([]complex128(nil), x...)
		p.Forward(got)
		want := dft(x, -1)
		for k := range got {
			if cmplx.Abs(got[k]-want[k]) > 1e-10*float64(n) {
				t.Fatalf("n=%d forward bin %d: got %v want %v", n, k, got[k], want[k])
			}
		}
		got = append(got[:0], x...)
		p.Inverse(got)
		want = dft(x, 1)
		for k := range got {
			if cmplx.Abs(got[k]-want[k]) > 1e-10*float64(n) {
				t.Fatalf("n=%d inverse bin %d: got %v want %v", n, k, got[k], want[k])
			}
		}
	}
}
