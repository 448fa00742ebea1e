package audio

import (
	"math"
	"testing"
)

func TestSincosQuarter(t *testing.T) {
	for i := 0; i <= 10000; i++ {
		x := math.Pi / 2 * float64(i) / 10000
		s, c := sincosQuarter(x)
		ws, wc := math.Sincos(x)
		if math.Abs(s-ws) > 1e-9 || math.Abs(c-wc) > 1e-9 {
			t.Fatalf("x=%v: got (%v, %v) want (%v, %v)", x, s, c, ws, wc)
		}
	}
}
