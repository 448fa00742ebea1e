package audio

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// A mono input shares one history between both paths of a stereo response; when a stereo source
// joins later, the result must equal feeding the convolver an explicitly up-mixed stereo input
// from the start.
func TestConvolverMonoToStereoTransition(t *testing.T) {
	render2 := func(forceStereo bool) [][]float32 {
		c := mustOffline(t, 2, 16384, 44100)
		ir := decayIR(c, 2, 5000, 4)
		v, _ := NewConvolverNode(c.BaseContext, ConvolverOptions{Buffer: ir})
		mono := noiseSrc(c, 1, 16384, 8)
		stereo := c.CreateBufferSource()
		stereo.SetBuffer(mkbuf(c, 2, 4000, 44100, noiseFn(9)))
		var into AudioNode = v
		if forceStereo {
			g, _ := NewGainNode(c.BaseContext, GainOptions{ChannelOptions: ChannelOptions{ChannelCount: 2, ChannelCountMode: Explicit}})
			g.Connect(v)
			into = g
		}
		mono.Connect(into)
		stereo.Connect(into)
		stereo.Start(6000.0 / 44100)
		v.Connect(c.Destination())
		return render(t, c).data
	}
	a, b := render2(false), render2(true)
	for ch := range a {
		for i := range a[ch] {
			if math.Abs(float64(a[ch][i]-b[ch][i])) > 1e-6 {
				t.Fatalf("channel %d frame %d: %v vs %v", ch, i, a[ch][i], b[ch][i])
			}
		}
	}
}

// TestMacMatchesDirectSum checks mac and mac2 (the AVX2 kernels where the CPU has them) against
// the plain complex sum for lengths that split into blocks and leave odd bins.
func TestMacMatchesDirectSum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	cplx := func(n int) []complex128 {
		s := make([]complex128, n)
		for i := range s {
			s[i] = complex(rnd.NormFloat64(), rnd.NormFloat64())
		}
		return s
	}
	for _, n := range []int{1, 2, 3, 129, 256, 257, 2049} {
		const parts = 5
		hist := make([][]complex128, parts)
		irL, irR := make([][]complex128, parts-1), make([][]complex128, parts-1)
		for k := range hist {
			hist[k] = cplx(n)
		}
		for k := range irL {
			irL[k], irR[k] = cplx(n), cplx(n)
		}
		pos := 2
		accL, accR, acc := cplx(n), cplx(n), cplx(n)
		wantL, wantR := append([]complex128(nil), accL...), append([]complex128(nil), accR...)
		want := append([]complex128(nil), acc...)
		for k := range irL {
			x := hist[(pos-k+parts)%parts]
			for i := 0; i < n; i++ {
				wantL[i] += x[i] * irL[k][i]
				wantR[i] += x[i] * irR[k][i]
				want[i] += x[i] * irL[k][i]
			}
		}
		mac2(accL, accR, hist, pos, irL, irR)
		mac(acc, hist, pos, irL)
		for i := 0; i < n; i++ {
			for _, c := range [][2]complex128{{accL[i], wantL[i]}, {accR[i], wantR[i]}, {acc[i], want[i]}} {
				if cmplx.Abs(c[0]-c[1]) > 1e-13*(1+cmplx.Abs(c[1])) {
					t.Fatalf("n=%d bin %d: got %v, want %v", n, i, c[0], c[1])
				}
			}
		}
	}
}
