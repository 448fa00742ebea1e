package audio

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestOscKernelMatchesScalar checks the vector constant-frequency oscillator loop against
// PeriodicWave.sample with the phase stepped frame by frame, for rising, falling, fast and
// still phases, one starting a hair below zero (which wraps to the table's end).
func TestOscKernelMatchesScalar(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 kernel on this machine")
	}
	const size = 4096
	rnd := rand.New(rand.NewPCG(9, 10))
	t0, t1 := make([]float32, size+1), make([]float32, size+1)
	for i := 0; i < size; i++ {
		t0[i], t1[i] = float32(rnd.NormFloat64()), float32(rnd.NormFloat64())
	}
	t0[size], t1[size] = t0[0], t1[0]
	w := &PeriodicWave{size: size}
	for _, tc := range []struct{ phase, inc float64 }{
		{0, 10.7}, {4095.5, 171.3}, {17, -33.25}, {0.25, size / 2}, {-1e-17, 0}, {12.5, 0}, {3000, -size / 2},
	} {
		for _, mix := range []float32{0, 0.37} {
			var got, want [RenderQuantum]float32
			oscAVX2(&got[0], RenderQuantum, &t0[0], &t1[0], mix, tc.phase, tc.inc, size, 1.0/size)
			p := wrapPhase(tc.phase, size)
			for k := range want {
				want[k] = w.sample(t0, t1, mix, min(p, math.Nextafter(size, 0)))
				p = wrapPhase(p+tc.inc, size)
			}
			for k := range want {
				if math.Abs(float64(got[k]-want[k])) > 1e-5 {
					t.Fatalf("phase %v inc %v mix %v: frame %d = %v, want %v", tc.phase, tc.inc, mix, k, got[k], want[k])
				}
			}
		}
	}
}

// TestOscillatorPhaseJustBelowZero: a falling phase that rounds to a hair below zero wraps to
// the table's start, not past its end.
func TestOscillatorPhaseJustBelowZero(t *testing.T) {
	if p := wrapPhase(-1e-17, 4096); p != 0 {
		t.Fatalf("wrapPhase(-1e-17) = %v, want 0", p)
	}
	c := mustOffline(t, 1, 4096, 44100)
	o, err := NewOscillatorNode(c.BaseContext, OscillatorOptions{Frequency: F32(-1102.5)}) // −0.1 table steps a frame at 4096/44100
	if err != nil {
		t.Fatal(err)
	}
	o.Connect(c.Destination())
	o.Start(0)
	if _, err := c.StartRendering(t.Context()); err != nil {
		t.Fatal(err)
	}
}
