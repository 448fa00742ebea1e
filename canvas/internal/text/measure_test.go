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
