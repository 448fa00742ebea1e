package audio

import (
	"math"
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

func TestSlicesMatchScalars(t *testing.T) {
	xs := []float64{-800, -700, -3.2, -1e-9, 0, 1e-9, 0.5, 2, 123.4, 699, 800}
	e := append([]float64(nil), xs...)
	expSlice(e)
	for i, x := range xs {
		if w := fastExp(x); e[i] != w && !(math.IsInf(w, 1) && math.IsInf(e[i], 1)) {
			t.Errorf("expSlice(%v) = %v, fastExp %v", x, e[i], w)
		}
	}
	ls := []float64{1e-310, 1e-12, 0.3, 1, 1.9, 1e300}
	l := append([]float64(nil), ls...)
	logSlice(l)
	for i, x := range ls {
		if w := fastLog(x); l[i] != w {
			t.Errorf("logSlice(%v) = %v, fastLog %v", x, l[i], w)
		}
	}
}
