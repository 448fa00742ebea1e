package audio

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKneeVectorPassesMatchGo: the AVX2 passes of a knee-only quantum give the same bits as
// kneeOnlyCurve and the Go release step.
func TestKneeVectorPassesMatchGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 kernels on this machine")
	}
	c := mustOffline(t, 1, 128, benchRate)
	n, err := NewDynamicsCompressorNode(c.BaseContext, DynamicsCompressorOptions{Threshold: F32(-30), Knee: F32(20)})
	if err != nil {
		t.Fatal(err)
	}
	k := &n.k
	k.setParams(-30, 20, 12, 0.003, 0.25)
	rnd := rand.New(rand.NewPCG(13, 14))
	for i := range k.peak {
		k.peak[i] = rnd.Float64() * k.kneeThreshold * 0.999 // below the threshold too
	}
	k.peak[0], k.peak[1] = 0, k.linThreshold
	scale := k.invSatRelease * dbToNepers

	k.kneeOnlyCurve()
	var wantAtten, wantRq, wantRp [RenderQuantum]float64
	wantAtten = k.atten
	for i, db := range k.attenDB {
		wantRq[i] = max(db, 2) * scale
	}
	expSlice(wantRq[:])
	for i, e := range wantRq {
		rate := e - 1
		wantRq[i], wantRp[i] = 1-rate, wantAtten[i]*rate
	}

	var rq, rp [RenderQuantum]float64
	kneeInAVX2(&k.peak[0], &k.scratch[0], &k.atten[0], RenderQuantum, k.linThreshold, -k.kneeK)
	expSlice(k.atten[:])
	kneeRatioAVX2(&k.atten[0], &k.scratch[0], &k.atten[0], &k.attenDB[0], RenderQuantum, k.linThreshold, 1/k.kneeK)
	logSlice(k.attenDB[:])
	releaseArgAVX2(&k.attenDB[0], &rq[0], RenderQuantum, -nepersToDB, scale)
	expSlice(rq[:])
	releaseStepAVX2(&rq[0], &rp[0], &k.atten[0], RenderQuantum)
	for i := range rq {
		if k.atten[i] != wantAtten[i] || rq[i] != wantRq[i] || rp[i] != wantRp[i] {
			t.Fatalf("frame %d (peak %v): atten %v rq %v rp %v, Go %v %v %v", i, k.peak[i], k.atten[i], rq[i], rp[i], wantAtten[i], wantRq[i], wantRp[i])
		}
	}
}

// TestPeakAndGainKernelsMatchGo: the compressor's detector-input and output kernels give the
// Go loops' bits, NaN included.
func TestPeakAndGainKernelsMatchGo(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 kernels on this machine")
	}
	rnd := rand.New(rand.NewPCG(15, 16))
	var a, b [RenderQuantum]float32
	var g [RenderQuantum]float64
	for i := range a {
		a[i], b[i], g[i] = float32(rnd.NormFloat64()), float32(rnd.NormFloat64()), rnd.Float64()*3
	}
	a[3], b[5], a[7], b[7] = float32(math.NaN()), float32(math.NaN()), float32(math.Copysign(0, -1)), 0
	var pk [RenderQuantum]float64
	peakAVX2(&pk[0], &a[0], RenderQuantum, true)
	peakAVX2(&pk[0], &b[0], RenderQuantum, false)
	for i := range pk {
		want := max(math.Abs(float64(a[i])), math.Abs(float64(b[i])))
		if pk[i] != want && !(math.IsNaN(pk[i]) && math.IsNaN(want)) {
			t.Fatalf("peak %d of %v, %v: %v, want %v", i, a[i], b[i], pk[i], want)
		}
	}
	for _, n := range []int{0, 1, 3, 4, 5, 127, 128} {
		var dst [RenderQuantum]float32
		applyGain(dst[:n], a[:n], g[:n])
		for i := 0; i < n; i++ {
			want := float32(float64(a[i]) * g[i])
			if math.Float32bits(dst[i]) != math.Float32bits(want) {
				t.Fatalf("n=%d gain %d: %v, want %v", n, i, dst[i], want)
			}
		}
	}
}
