package geom

import "math"

// Point is a 2-D point or vector.
type Point struct{ X, Y float64 }

// Matrix is a 2-D affine transform in the HTML canvas/DOMMatrix order:
//
//	x' = A*x + C*y + E
//	y' = B*x + D*y + F
type Matrix struct{ A, B, C, D, E, F float64 }

// Identity is the identity transform.
var Identity = Matrix{A: 1, D: 1}

// Translate returns a translation.
func Translate(x, y float64) Matrix { return Matrix{1, 0, 0, 1, x, y} }

// Scale returns a scale.
func Scale(x, y float64) Matrix { return Matrix{x, 0, 0, y, 0, 0} }

// Rotate returns a clockwise rotation (canvas y axis points down) by angle radians.
func Rotate(angle float64) Matrix {
	s, c := math.Sincos(angle)
	return Matrix{c, s, -s, c, 0, 0}
}

// Mul returns m × n: the transform that applies n first, then m. This is how the
// canvas post-multiplies: ctx.transform(n) sets CTM = CTM.Mul(n).
func (m Matrix) Mul(n Matrix) Matrix {
	return Matrix{
		A: m.A*n.A + m.C*n.B,
		B: m.B*n.A + m.D*n.B,
		C: m.A*n.C + m.C*n.D,
		D: m.B*n.C + m.D*n.D,
		E: m.A*n.E + m.C*n.F + m.E,
		F: m.B*n.E + m.D*n.F + m.F,
	}
}

// Apply transforms a point.
func (m Matrix) Apply(p Point) Point {
	return Point{m.A*p.X + m.C*p.Y + m.E, m.B*p.X + m.D*p.Y + m.F}
}

// ApplyVector transforms a vector (no translation).
func (m Matrix) ApplyVector(p Point) Point {
	return Point{m.A*p.X + m.C*p.Y, m.B*p.X + m.D*p.Y}
}

// Det is the determinant.
func (m Matrix) Det() float64 { return m.A*m.D - m.B*m.C }

// Invertible reports whether the matrix has a finite inverse.
func (m Matrix) Invertible() bool {
	d := m.Det()
	return d != 0 && d-d == 0 && m.IsFinite() // d-d is NaN for NaN and ±Inf
}

// Invert returns the inverse; ok is false for singular or non-finite matrices.
func (m Matrix) Invert() (inv Matrix, ok bool) {
	if !m.Invertible() {
		return Matrix{}, false
	}
	d := m.Det()
	return Matrix{
		A: m.D / d, B: -m.B / d, C: -m.C / d, D: m.A / d,
		E: (m.C*m.F - m.D*m.E) / d,
		F: (m.B*m.E - m.A*m.F) / d,
	}, true
}

// IsIdentity reports whether m is exactly the identity.
func (m Matrix) IsIdentity() bool { return m == Identity }

// IsFinite reports whether every entry is finite.
// The canvas asks this of its transform on every draw call, so it is one
// branch: v-v is 0 for every finite v and NaN otherwise, and NaN survives
// the sum.
func (m Matrix) IsFinite() bool {
	return (m.A-m.A)+(m.B-m.B)+(m.C-m.C)+(m.D-m.D)+(m.E-m.E)+(m.F-m.F) == 0
}

// IsAxisAligned reports whether the transform maps axis-aligned rectangles to
// axis-aligned rectangles without swapping axes (scale + translate only).
func (m Matrix) IsAxisAligned() bool { return m.B == 0 && m.C == 0 }

// MaxScale is an upper bound of how much m stretches a unit vector; curve
// flattening in user space divides its device tolerance by it.
func (m Matrix) MaxScale() float64 {
	// Largest singular value of the 2x2 part.
	a, b, c, d := m.A, m.B, m.C, m.D
	s1 := a*a + b*b + c*c + d*d
	s2 := math.Sqrt((a*a+c*c-b*b-d*d)*(a*a+c*c-b*b-d*d) + 4*(a*b+c*d)*(a*b+c*d))
	return math.Sqrt((s1 + s2) / 2)
}
