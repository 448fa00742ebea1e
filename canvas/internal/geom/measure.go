package geom

import "math"

// Skia measures the length of a curve for dashing (SkContourMeasure) by
// halving it until each piece is nearly straight and summing the chords, with
// a tolerance of half a device pixel. The sum falls short of the true length
// (a quarter circle of radius 22 by about 0.2 px), and dashes along a stroked
// round rectangle drift by that much per corner. The stroker scales the dash
// length of each curve's flattened points by skiaLength / true length so that
// the dash ends fall where Chromium puts them.

// maxMeasureDepth matches Skia's limit on halving (a parameter span of 2^-20).
const maxMeasureDepth = 20

// MaxMeasurePieces bounds the halvings one Stroke call spends measuring
// curves: a huge curve could otherwise ask for 2^20 pieces, and a path of
// many such curves would never finish. Past the budget curves are measured
// by their flattening (true length).
const MaxMeasurePieces = 1 << 16

// measureBudget counts the pieces left; a measurement that runs out reports
// failure so the caller falls back.
type measureBudget struct{ left int }

func (b *measureBudget) take() bool {
	b.left--
	return b.left >= 0
}

// cheapDistExceeds is Skia's cheap_dist_exceeds_limit: the larger of the
// two coordinate differences against the tolerance.
func cheapDistExceeds(p Point, x, y, tol float64) bool {
	return math.Max(math.Abs(x-p.X), math.Abs(y-p.Y)) > tol
}

// skiaCubicLength is compute_cubic_segs: halve while a control point is more
// than tol from the chord's third points.
func skiaCubicLength(p0, p1, p2, p3 Point, tol float64, depth int, bud *measureBudget) float64 {
	if !bud.take() {
		return math.NaN()
	}
	curvy := cheapDistExceeds(p1, p0.X+(p3.X-p0.X)/3, p0.Y+(p3.Y-p0.Y)/3, tol) ||
		cheapDistExceeds(p2, p0.X+(p3.X-p0.X)*2/3, p0.Y+(p3.Y-p0.Y)*2/3, tol)
	if depth < maxMeasureDepth && curvy {
		a, b, c := mid(p0, p1), mid(p1, p2), mid(p2, p3)
		d, e := mid(a, b), mid(b, c)
		m := mid(d, e)
		return skiaCubicLength(p0, a, d, m, tol, depth+1, bud) + skiaCubicLength(m, e, c, p3, tol, depth+1, bud)
	}
	return dist(p0, p3)
}

// skiaQuadLength is compute_quad_segs.
func skiaQuadLength(p0, p1, p2 Point, tol float64, depth int, bud *measureBudget) float64 {
	if !bud.take() {
		return math.NaN()
	}
	dx := p1.X/2 - (p0.X+p2.X)/4
	dy := p1.Y/2 - (p0.Y+p2.Y)/4
	if depth < maxMeasureDepth && math.Max(math.Abs(dx), math.Abs(dy)) > tol {
		a, b := mid(p0, p1), mid(p1, p2)
		m := mid(a, b)
		return skiaQuadLength(p0, a, m, tol, depth+1, bud) + skiaQuadLength(m, b, p2, tol, depth+1, bud)
	}
	return dist(p0, p2)
}

// conic is a rational quadratic with weight w (Skia's arcs).
type conic struct {
	p0, p1, p2 Point
	w          float64
}

func (c *conic) eval(t float64) Point {
	u := 1 - t
	a, b, d := u*u, 2*c.w*t*u, t*t
	den := a + b + d
	return Point{(a*c.p0.X + b*c.p1.X + d*c.p2.X) / den, (a*c.p0.Y + b*c.p1.Y + d*c.p2.Y) / den}
}

// length is compute_conic_segs: halve the parameter range while the curve's
// midpoint is more than tol from the chord's midpoint.
func (c *conic) length(t0, t1 float64, p0, p1 Point, tol float64, depth int, b *measureBudget) float64 {
	if !b.take() {
		return math.NaN()
	}
	th := (t0 + t1) / 2
	h := c.eval(th)
	if depth < maxMeasureDepth && cheapDistExceeds(h, (p0.X+p1.X)/2, (p0.Y+p1.Y)/2, tol) {
		return c.length(t0, th, p0, h, tol, depth+1, b) + c.length(th, t1, h, p1, tol, depth+1, b)
	}
	return dist(p0, p1)
}

// arcConic recognises a cubic that is arcSegments' approximation of a
// circular arc of at most a quarter turn (in the space its points are given
// in) and returns the conic Skia would have for it.
func arcConic(p0, p1, p2, p3 Point) (conic, bool) {
	u0 := Point{p1.X - p0.X, p1.Y - p0.Y}
	u1 := Point{p3.X - p2.X, p3.Y - p2.Y}
	l0, l1 := math.Hypot(u0.X, u0.Y), math.Hypot(u1.X, u1.Y)
	if !(l0 > 0) || !(l1 > 0) || math.Abs(l0-l1) > 1e-6*l0 {
		return conic{}, false
	}
	// The tangent lines meet at the conic's control point.
	den := u0.X*u1.Y - u0.Y*u1.X
	if math.Abs(den) < 1e-9*l0*l1 {
		return conic{}, false
	}
	s := ((p3.X-p0.X)*u1.Y - (p3.Y-p0.Y)*u1.X) / den
	q := Point{p0.X + u0.X*s, p0.Y + u0.Y*s}
	// The turn angle θ: the tangent lengths from q are R·tan(θ/2) and the
	// cubic's handles (4/3)·R·tan(θ/4).
	cosT := (u0.X*u1.X + u0.Y*u1.Y) / (l0 * l1)
	theta := math.Acos(math.Max(-1, math.Min(1, cosT)))
	if !(theta > 0) || theta > math.Pi/2+1e-9 || s <= 0 {
		return conic{}, false
	}
	d0, d1 := dist(p0, q), dist(p3, q)
	if math.Abs(d0-d1) > 1e-6*d0 {
		return conic{}, false
	}
	r := d0 / math.Tan(theta/2)
	if math.Abs(l0-4.0/3*r*math.Tan(theta/4)) > 1e-6*l0 {
		return conic{}, false
	}
	return conic{p0, q, p3, math.Cos(theta / 2)}, true
}

// skiaCurveLength is the length Skia's dasher measures for the quadratic
// (p3 unused) or cubic; arcs are measured as the conics Chromium builds them
// from. It is NaN when the budget runs out.
func skiaCurveLength(cubic bool, p0, p1, p2, p3 Point, tol float64, b *measureBudget) float64 {
	if !cubic {
		return skiaQuadLength(p0, p1, p2, tol, 0, b)
	}
	if c, ok := arcConic(p0, p1, p2, p3); ok {
		return c.length(0, 1, p0, p3, tol, 0, b)
	}
	return skiaCubicLength(p0, p1, p2, p3, tol, 0, b)
}
