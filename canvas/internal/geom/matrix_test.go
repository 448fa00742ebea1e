package geom

import (
	"math"
	"testing"
)

// TestMatrixFiniteAndInvertible checks the one-branch tests against the
// plain definitions, entry by entry, for every kind of non-finite value and
// for determinants that vanish, overflow or are NaN.
func TestMatrixFiniteAndInvertible(t *testing.T) {
	finiteRef := func(m Matrix) bool {
		for _, v := range [6]float64{m.A, m.B, m.C, m.D, m.E, m.F} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
		return true
	}
	invertibleRef := func(m Matrix) bool {
		d := m.Det()
		return d != 0 && !math.IsNaN(d) && !math.IsInf(d, 0) && finiteRef(m)
	}
	ms := []Matrix{
		Identity, Scale(2, 3), Rotate(0.3), Translate(1e308, -1e308),
		{},                    // singular
		Scale(1e200, 1e200),   // determinant overflows
		Scale(1e-200, 1e-200), // determinant underflows to 0
		{math.MaxFloat64, 0, 0, 1, 0, 0},
		{1, 2, 2, 4, 5, 6}, // collinear columns
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, -0.0} {
		for i := 0; i < 6; i++ {
			m := Rotate(0.7)
			m.E, m.F = 10, 20
			e := [6]*float64{&m.A, &m.B, &m.C, &m.D, &m.E, &m.F}
			*e[i] = v
			ms = append(ms, m)
		}
	}
	for _, m := range ms {
		if got, want := m.IsFinite(), finiteRef(m); got != want {
			t.Errorf("%v.IsFinite() = %v, want %v", m, got, want)
		}
		if got, want := m.Invertible(), invertibleRef(m); got != want {
			t.Errorf("%v.Invertible() = %v, want %v", m, got, want)
		}
	}
}
