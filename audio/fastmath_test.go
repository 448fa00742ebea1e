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
