package text

import (
	"math"
	"testing"
)

// TestMinMax checks fmin and fmax against math.Min and math.Max on the
// values measuring meets: infinities, signed zeros, integers and fractions.
func TestMinMax(t *testing.T) {
	vals := []float64{math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 2.5, -2.5, 1e300}
	bits := math.Float64bits
	for _, a := range vals {
		for _, b := range vals {
			if bits(fmin(a, b)) != bits(math.Min(a, b)) {
				t.Errorf("fmin(%v, %v) = %v, math.Min %v", a, b, fmin(a, b), math.Min(a, b))
			}
			if bits(fmax(a, b)) != bits(math.Max(a, b)) {
				t.Errorf("fmax(%v, %v) = %v, math.Max %v", a, b, fmax(a, b), math.Max(a, b))
			}
		}
	}
}

// TestFloorCeil checks ffloor and fceil against math.Floor and math.Ceil on
// glyph-bound values, up to the sign of a zero result.
func TestFloorCeil(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 0.5, -0.5, 1, -1, 1.0000001, -1.0000001, 2.999, -2.999,
		123456.75, -123456.75, 1e15 + 0.5, -1e15 - 0.5, 4503599627370497, -4503599627370497, 0.1 * 3, -0.1 * 3} {
		if f := ffloor(v); f != math.Floor(v) {
			t.Errorf("ffloor(%v) = %v, want %v", v, f, math.Floor(v))
		}
		if c := fceil(v); c != math.Ceil(v) {
			t.Errorf("fceil(%v) = %v, want %v", v, c, math.Ceil(v))
		}
	}
}
