package canvas

import (
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Matrix is a 2-D affine transform with the fields of DOMMatrix (a … f):
//
//	x' = A*x + C*y + E
//	y' = B*x + D*y + F
//
// It is what GetTransform returns and what SetTransformMatrix and
// Pattern.SetTransform take. The zero value is the all-zero (singular) matrix;
// use IdentityMatrix or NewMatrix.
type Matrix struct{ A, B, C, D, E, F float64 }

// IdentityMatrix is the identity transform.
var IdentityMatrix = Matrix{A: 1, D: 1}

// NewMatrix returns the matrix (a, b, c, d, e, f).
func NewMatrix(a, b, c, d, e, f float64) Matrix { return Matrix{a, b, c, d, e, f} }

// M11, M12, M21, M22, M41, M42 are the DOMMatrix 4×4 aliases of A … F.
func (m Matrix) M11() float64 { return m.A }
func (m Matrix) M12() float64 { return m.B }
func (m Matrix) M21() float64 { return m.C }
func (m Matrix) M22() float64 { return m.D }
func (m Matrix) M41() float64 { return m.E }
func (m Matrix) M42() float64 { return m.F }

// Is2D is always true: the canvas only produces 2-D matrices.
func (m Matrix) Is2D() bool { return true }

// IsIdentity reports whether m is exactly the identity.
func (m Matrix) IsIdentity() bool { return m == IdentityMatrix }

// IsFinite reports whether all six entries are finite numbers.
func (m Matrix) IsFinite() bool { return m.geom().IsFinite() }

// Multiply returns m × n (n applied first), as DOMMatrix.multiply does.
func (m Matrix) Multiply(n Matrix) Matrix { return fromGeom(m.geom().Mul(n.geom())) }

// Inverse returns the inverse; as DOMMatrix.inverse does, a singular matrix
// yields all NaN entries.
func (m Matrix) Inverse() Matrix {
	inv, ok := m.geom().Invert()
	if !ok {
		n := math.NaN()
		return Matrix{n, n, n, n, n, n}
	}
	return fromGeom(inv)
}

// Translate returns m with a translation post-multiplied.
func (m Matrix) Translate(tx, ty float64) Matrix { return m.Multiply(Matrix{1, 0, 0, 1, tx, ty}) }

// Scale returns m with a scale post-multiplied.
func (m Matrix) Scale(sx, sy float64) Matrix { return m.Multiply(Matrix{sx, 0, 0, sy, 0, 0}) }

// Rotate returns m with a clockwise rotation by angle radians post-multiplied
// (note: DOMMatrix.rotate takes degrees; the binding converts).
func (m Matrix) Rotate(angle float64) Matrix { return m.Multiply(fromGeom(geom.Rotate(angle))) }

// TransformPoint applies m to (x, y).
func (m Matrix) TransformPoint(x, y float64) (float64, float64) {
	p := m.geom().Apply(geom.Point{X: x, Y: y})
	return p.X, p.Y
}

func (m Matrix) geom() geom.Matrix {
	return geom.Matrix{A: m.A, B: m.B, C: m.C, D: m.D, E: m.E, F: m.F}
}

func fromGeom(g geom.Matrix) Matrix { return Matrix{g.A, g.B, g.C, g.D, g.E, g.F} }

// MatrixInit is DOMMatrix2DInit: every member is optional (nil = absent). The
// a…f names and their m11… aliases may both be given only if they agree.
type MatrixInit struct {
	A, B, C, D, E, F             *float64
	M11, M12, M21, M22, M41, M42 *float64
	M13, M14, M23, M24, M31, M32 *float64
	M33, M34, M43, M44           *float64
	Is2D                         *bool
}

// Matrix validates and fixes up the init as the Geometry spec's "validate and
// fixup (2D)" does: a and m11 (and so on) must be the same number when both are
// present (else ErrType); absent entries default to the identity. The 3-D members
// must be absent or hold their identity values, else ErrType.
func (in MatrixInit) Matrix() (Matrix, error) {
	pairs := [6]struct {
		short, long *float64
		def         float64
		name        string
	}{
		{in.A, in.M11, 1, "a/m11"}, {in.B, in.M12, 0, "b/m12"}, {in.C, in.M21, 0, "c/m21"},
		{in.D, in.M22, 1, "d/m22"}, {in.E, in.M41, 0, "e/m41"}, {in.F, in.M42, 0, "f/m42"},
	}
	var v [6]float64
	for i, p := range pairs {
		switch {
		case p.short != nil && p.long != nil:
			// SameValueZero: NaN equals NaN, +0 equals -0.
			if !(*p.short == *p.long || (math.IsNaN(*p.short) && math.IsNaN(*p.long))) {
				return Matrix{}, errorf(ErrType, "matrix members %s disagree", p.name)
			}
			v[i] = *p.long
		case p.long != nil:
			v[i] = *p.long
		case p.short != nil:
			v[i] = *p.short
		default:
			v[i] = p.def
		}
	}
	zero3D := []*float64{in.M13, in.M14, in.M23, in.M24, in.M31, in.M32, in.M34, in.M43}
	for _, z := range zero3D {
		if z != nil && *z != 0 {
			return Matrix{}, errorf(ErrType, "a 2-D matrix needs zero 3-D members")
		}
	}
	for _, o := range []*float64{in.M33, in.M44} {
		if o != nil && *o != 1 {
			return Matrix{}, errorf(ErrType, "a 2-D matrix needs m33 and m44 equal to 1")
		}
	}
	if in.Is2D != nil && !*in.Is2D {
		return Matrix{}, errorf(ErrType, "is2D is false")
	}
	return Matrix{v[0], v[1], v[2], v[3], v[4], v[5]}, nil
}
