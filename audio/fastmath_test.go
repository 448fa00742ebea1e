package audio

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestFastExpLog(t *testing.T) {
	for i := -20000; i <= 20000; i++ {
		x := float64(i) / 200 // [-100, 100]
		if got, want := fastExp(x), math.Exp(x); math.Abs(got-want) > 1e-11*want {
			t.Fatalf("exp(%v) = %v, want %v", x, got, want)
		}
	}
	for _, x := range []float64{1e-300, 1e-12, 0.0001, 0.5, 0.7071, 1, 1.4142, 1.5, 2, 10, 12345.678, 1e300} {
		if got, want := fastLog(x), math.Log(x); math.Abs(got-want) > 1e-11*math.Max(1, math.Abs(want)) {
			t.Fatalf("log(%v) = %v, want %v", x, got, want)
		}
	}
	for i := 1; i <= 100000; i++ {
		x := float64(i) / 1000
		if got, want := fastLog(x), math.Log(x); math.Abs(got-want) > 1e-11*math.Max(1, math.Abs(want)) {
			t.Fatalf("log(%v) = %v, want %v", x, got, want)
		}
	}
	if !math.IsInf(fastLog(0), -1) || !math.IsNaN(fastLog(-1)) {
		t.Fatal("log edge cases")
	}
}

// TestSlicesMatchMath checks expSlice and logSlice (the AVX2 kernels where the CPU has them)
// against the math package at every offset and length, with arguments the vector kernels must
// leave to the scalar code mixed in.
func TestSlicesMatchMath(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	var ex, lx []float64
	for i := 0; i < 4000; i++ {
		ex = append(ex, (rnd.Float64()-0.5)*1400, (rnd.Float64()-0.5)*2, (rnd.Float64()-0.5)*1e-6)
		lx = append(lx, rnd.Float64(), math.Exp((rnd.Float64()-0.5)*1400), 1+(rnd.Float64()-0.5)*1e-6)
	}
	ex = append(ex, -800, -745, -700, -699.99, 0, math.Copysign(0, -1), 699.99, 700, 709.7, 800, math.NaN(), math.Inf(1), math.Inf(-1))
	lx = append(lx, 0, -1, 1e-310, 5e-324, 1, math.Nextafter(1, 2), math.Nextafter(1, 0), math.MaxFloat64, math.SmallestNonzeroFloat64*(1<<52), math.Sqrt(0.5), math.Sqrt2, math.NaN(), math.Inf(1), math.Inf(-1))
	rnd.Shuffle(len(ex), func(i, j int) { ex[i], ex[j] = ex[j], ex[i] })
	rnd.Shuffle(len(lx), func(i, j int) { lx[i], lx[j] = lx[j], lx[i] })
	same := func(got, want, tol float64) bool {
		if math.IsNaN(want) || math.IsInf(want, 0) || want == 0 {
			return got == want || math.IsNaN(got) && math.IsNaN(want)
		}
		return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
	}
	for off := 0; off < 5; off++ {
		for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 128, len(ex) - off} {
			e := append([]float64(nil), ex[off:off+n]...)
			expSlice(e)
			for i, x := range ex[off : off+n] {
				// e^x relative: the argument's own rounding dominates, not the kernel.
				if w := math.Exp(x); !same(e[i]/math.Max(w, math.SmallestNonzeroFloat64), 1, 1e-13) && !same(e[i], w, 0) {
					t.Fatalf("expSlice(%v) = %v, math.Exp %v", x, e[i], w)
				}
			}
			l := append([]float64(nil), lx[off:off+n]...)
			logSlice(l)
			for i, x := range lx[off : off+n] {
				// fastLog (groups the kernel leaves) is good to 1e-13.
				if w := math.Log(x); !same(l[i], w, 2e-13) {
					t.Fatalf("logSlice(%v) = %v, math.Log %v", x, l[i], w)
				}
			}
		}
	}
}

// TestWarpMatchesScalar checks the compressor's vector gain warp against sinQuarter.
func TestWarpMatchesScalar(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 kernel on this machine")
	}
	rnd := rand.New(rand.NewPCG(7, 8))
	var g, s [RenderQuantum]float64
	for i := range g {
		g[i] = rnd.Float64()*1.4 - 0.2 // includes gains the warp must clamp
	}
	g[0], g[1], g[2] = 0, 1, 1e-14
	want := g
	const makeup = 1.7
	warpAVX2(&g[0], &s[0], len(g), makeup)
	for i, x := range want {
		w := sinQuarter(math.Pi / 2 * min(1, max(0, x)))
		if math.Abs(g[i]-w*makeup) > 1e-15 || math.Abs(s[i]-max(w, 1e-12)) > 1e-15 {
			t.Fatalf("warp(%v) = %v, %v; want %v, %v", x, g[i], s[i], w*makeup, max(w, 1e-12))
		}
	}
}

// TestVectorGainAndMix checks scaleInto, mulInto and addTo (AVX2 where the CPU has it) against
// the scalar arithmetic, bit for bit, for every length around the vector width.
func TestVectorGainAndMix(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	f := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rnd.NormFloat64())
		}
		return s
	}
	for n := 0; n <= 70; n++ {
		src, k, d := f(n), f(n), f(n)
		const g = float32(0.9)
		got := make([]float32, n)
		scaleInto(got, src, g)
		for i := range got {
			if got[i] != src[i]*g {
				t.Fatalf("scaleInto n=%d [%d] = %v, want %v", n, i, got[i], src[i]*g)
			}
		}
		mulInto(got, src, k)
		for i := range got {
			if got[i] != src[i]*k[i] {
				t.Fatalf("mulInto n=%d [%d] = %v, want %v", n, i, got[i], src[i]*k[i])
			}
		}
		want := append([]float32(nil), d...)
		for i := range want {
			want[i] += src[i]
		}
		addTo(d, src)
		for i := range d {
			if d[i] != want[i] {
				t.Fatalf("addTo n=%d [%d] = %v, want %v", n, i, d[i], want[i])
			}
		}
	}
}
