package geom

import (
	"math"
	"math/bits"
)

// Chromium strokes a Bézier the way Skia's SkPathStroker does: each side of
// the stroke is approximated by quadratics fitted to the offset curve (end
// points and end tangents exact, the control point where the tangents meet),
// accepted when the offset point at the middle parameter lies within a
// quarter of a device pixel of the quadratic, and halved otherwise. The
// rasterizer then cuts every quadratic into a power-of-two number of lines
// with up to 1/8 px of chord error. The outline therefore sits up to a few
// tenths of a pixel away from the true offset on the outside of bends, which
// is what users compare against, so curves that Skia strokes this way are
// stroked the same way here rather than by offsetting the flattened
// centerline. Arcs (Skia's conics) and curves whose points lie on one line
// keep the polyline offset, which already matches Chromium for them.

// strokeCurve is one quadratic or cubic of the subpath being stroked, in user
// space.
type strokeCurve struct {
	p     [4]Point // p[3] unused for a quadratic or conic
	cubic bool
	// conic: a rational quadratic of weight w, the form Skia gives arcs
	// (recognised from arcSegments' cubics by arcConic). Dash cuts come as
	// parameters of the cubic that was flattened, which the arc's angle
	// maps to the conic's (conicParam).
	conic bool
	w     float64
	arc   [4]Point // the cubic standing for the conic
	cusp  bool     // Skia adds a round dot at the cusp
	at    Point
}

func (c *strokeCurve) start() Point { return c.p[0] }

func (c *strokeCurve) end() Point {
	if c.cubic {
		return c.p[3]
	}
	return c.p[2]
}

// startTangent and endTangent are the directions Skia joins a curve by: the
// first (last) control point that differs from the end point.
func (c *strokeCurve) startTangent() Point {
	d := sub(c.p[1], c.p[0])
	if d == (Point{}) {
		d = sub(c.p[2], c.p[0])
	}
	return d
}

func (c *strokeCurve) endTangent() Point {
	if !c.cubic {
		return sub(c.p[2], c.p[1])
	}
	d := sub(c.p[3], c.p[2])
	if d == (Point{}) {
		d = sub(c.p[3], c.p[1])
	}
	return d
}

// reversed is the same curve traversed backwards.
func (c *strokeCurve) reversed() strokeCurve {
	r := *c
	if c.cubic {
		r.p = [4]Point{c.p[3], c.p[2], c.p[1], c.p[0]}
	} else {
		r.p = [4]Point{c.p[2], c.p[1], c.p[0], {}}
	}
	return r
}

func sub(a, b Point) Point { return Point{a.X - b.X, a.Y - b.Y} }

func cross(a, b Point) float64 { return a.X*b.Y - a.Y*b.X }

func dot(a, b Point) float64 { return a.X*b.X + a.Y*b.Y }

func dist2(a, b Point) float64 { dx, dy := a.X-b.X, a.Y-b.Y; return dx*dx + dy*dy }

// skiaStrokable reports whether Skia strokes the quadratic (p3 unused) or
// cubic by fitting quadratics to its offsets: its control points are not all
// on one line (CheckQuadLinear / CheckCubicLinear's quad case).
func skiaStrokable(cubic bool, p0, p1, p2, p3 Point) bool {
	if !cubic {
		if sub(p1, p0) == (Point{}) || sub(p2, p1) == (Point{}) {
			return false
		}
		return !pointsInLine([]Point{p0, p1, p2}, 0.000005)
	}
	n := 0
	for _, d := range [3]Point{sub(p1, p0), sub(p2, p1), sub(p3, p2)} {
		if d == (Point{}) {
			n++
		}
	}
	if n >= 2 {
		return false
	}
	return !pointsInLine([]Point{p0, p1, p2, p3}, 0.00001)
}

// pointsInLine is Skia's quad_in_line / cubic_in_line: the two points
// farthest apart (by the larger coordinate difference) span a line, and
// every other point must lie within ptMax²·slop (squared distance) of it.
func pointsInLine(pts []Point, slop float64) bool {
	ptMax := -1.0
	o1, o2 := 0, 1
	for i := 0; i < len(pts)-1; i++ {
		for j := i + 1; j < len(pts); j++ {
			d := sub(pts[j], pts[i])
			if m := math.Max(math.Abs(d.X), math.Abs(d.Y)); ptMax < m {
				o1, o2, ptMax = i, j, m
			}
		}
	}
	lineSlop := ptMax * ptMax * slop
	for i := range pts {
		if i != o1 && i != o2 && ptToLine(pts[i], pts[o1], pts[o2]) > lineSlop {
			return false
		}
	}
	return true
}

// ptToLine is the squared distance from pt to the segment a–b, or to a when
// the perpendicular foot falls outside it.
func ptToLine(pt, a, b Point) float64 {
	d := sub(b, a)
	t := dot(d, sub(pt, a)) / dot(d, d)
	if t >= 0 && t <= 1 {
		return dist2(Point{a.X*(1-t) + b.X*t, a.Y*(1-t) + b.Y*t}, pt)
	}
	return dist2(pt, a)
}

// cubicCusp is SkFindCubicCusp: the parameter of a cusp (where the
// derivative all but vanishes at a point of maximum curvature), or -1.
func cubicCusp(p [4]Point) float64 {
	if p[0] == p[1] || p[2] == p[3] {
		return -1
	}
	sameSide := func(test, line int) bool {
		o := p[line]
		l := sub(p[line+1], o)
		return cross(l, sub(p[test], o))*cross(l, sub(p[test+1], o)) >= 0
	}
	if sameSide(0, 2) || sameSide(2, 0) {
		return -1
	}
	var ts [3]float64
	precision := (dist2(p[1], p[0]) + dist2(p[2], p[1]) + dist2(p[3], p[2])) * 1e-8
	for _, t := range ts[:cubicMaxCurvature(p, &ts)] {
		if t <= 0 || t >= 1 {
			continue
		}
		d := cubicDerivative(p, t)
		if dot(d, d) < precision {
			return t
		}
	}
	return -1
}

// cubicDerivative is a third of the cubic's derivative at t (only its
// direction and relative size matter).
func cubicDerivative(p [4]Point, t float64) Point {
	ax, ay := p[3].X+3*(p[1].X-p[2].X)-p[0].X, p[3].Y+3*(p[1].Y-p[2].Y)-p[0].Y
	bx, by := 2*(p[2].X-2*p[1].X+p[0].X), 2*(p[2].Y-2*p[1].Y+p[0].Y)
	cx, cy := p[1].X-p[0].X, p[1].Y-p[0].Y
	return Point{(ax*t+bx)*t + cx, (ay*t+by)*t + cy}
}

// cubicMaxCurvature is SkFindCubicMaxCurvature: the parameters in [0, 1]
// where F'·F” = 0.
func cubicMaxCurvature(p [4]Point, ts *[3]float64) int {
	var coeff [4]float64
	for _, f := range [2]func(Point) float64{func(q Point) float64 { return q.X }, func(q Point) float64 { return q.Y }} {
		a := f(p[1]) - f(p[0])
		b := f(p[2]) - 2*f(p[1]) + f(p[0])
		c := f(p[3]) + 3*(f(p[1])-f(p[2])) - f(p[0])
		coeff[0] += c * c
		coeff[1] += 3 * b * c
		coeff[2] += 2*b*b + c*a
		coeff[3] += a * b
	}
	return solveCubicUnit(coeff, ts)
}

// solveCubicUnit returns the distinct real roots of c0·t³+c1·t²+c2·t+c3,
// each clamped to [0, 1], in increasing order (Skia's solve_cubic_poly).
func solveCubicUnit(c [4]float64, ts *[3]float64) int {
	if math.Abs(c[0]) <= 1.0/(1<<12) {
		var r [2]float64
		n := unitQuadRoots(c[1], c[2], c[3], &r)
		copy(ts[:], r[:n])
		return n
	}
	a, b, cc := c[1]/c[0], c[2]/c[0], c[3]/c[0]
	q := (a*a - b*3) / 9
	r := (2*a*a*a - 9*a*b + 27*cc) / 54
	q3 := q * q * q
	adiv3 := a / 3
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	if r*r-q3 < 0 {
		theta := math.Acos(math.Max(-1, math.Min(1, r/math.Sqrt(q3))))
		k := -2 * math.Sqrt(q)
		ts[0] = clamp(k*math.Cos(theta/3) - adiv3)
		ts[1] = clamp(k*math.Cos((theta+2*math.Pi)/3) - adiv3)
		ts[2] = clamp(k*math.Cos((theta-2*math.Pi)/3) - adiv3)
		// sort three, then drop repeats
		if ts[0] > ts[1] {
			ts[0], ts[1] = ts[1], ts[0]
		}
		if ts[1] > ts[2] {
			ts[1], ts[2] = ts[2], ts[1]
		}
		if ts[0] > ts[1] {
			ts[0], ts[1] = ts[1], ts[0]
		}
		n := 1
		for i := 1; i < 3; i++ {
			if ts[i] != ts[n-1] {
				ts[n] = ts[i]
				n++
			}
		}
		return n
	}
	A := math.Cbrt(math.Abs(r) + math.Sqrt(r*r-q3))
	if r > 0 {
		A = -A
	}
	if A != 0 {
		A += q / A
	}
	ts[0] = clamp(A - adiv3)
	return 1
}

// unitDivide is Skia's valid_unit_divide: numer/denom when it lies strictly
// inside (0, 1).
func unitDivide(numer, denom float64) (float64, bool) {
	if numer < 0 {
		numer, denom = -numer, -denom
	}
	if denom == 0 || numer == 0 || numer >= denom {
		return 0, false
	}
	r := numer / denom
	if math.IsNaN(r) || r == 0 {
		return 0, false
	}
	return r, true
}

// unitQuadRoots is SkFindUnitQuadRoots: the roots of A·t²+B·t+C in (0, 1),
// sorted, a double root once.
func unitQuadRoots(A, B, C float64, roots *[2]float64) int {
	if A == 0 {
		if r, ok := unitDivide(-C, B); ok {
			roots[0] = r
			return 1
		}
		return 0
	}
	dr := B*B - 4*A*C
	if dr < 0 {
		return 0
	}
	R := math.Sqrt(dr)
	if math.IsInf(R, 0) || math.IsNaN(R) {
		return 0
	}
	Q := -(B + R) / 2
	if B < 0 {
		Q = -(B - R) / 2
	}
	n := 0
	if r, ok := unitDivide(Q, A); ok {
		roots[n] = r
		n++
	}
	if r, ok := unitDivide(C, Q); ok {
		roots[n] = r
		n++
	}
	if n == 2 {
		if roots[0] > roots[1] {
			roots[0], roots[1] = roots[1], roots[0]
		} else if roots[0] == roots[1] {
			n = 1
		}
	}
	return n
}

// cubicInflections is SkFindCubicInflections.
func cubicInflections(p [4]Point, ts *[2]float64) int {
	ax, ay := p[1].X-p[0].X, p[1].Y-p[0].Y
	bx, by := p[2].X-2*p[1].X+p[0].X, p[2].Y-2*p[1].Y+p[0].Y
	cx, cy := p[3].X+3*(p[1].X-p[2].X)-p[0].X, p[3].Y+3*(p[1].Y-p[2].Y)-p[0].Y
	return unitQuadRoots(bx*cy-by*cx, ax*cy-ay*cx, ax*by-ay*bx, ts)
}

func evalQuad(q [3]Point, t float64) Point {
	u := 1 - t
	a, b, c := u*u, 2*u*t, t*t
	return Point{a*q[0].X + b*q[1].X + c*q[2].X, a*q[0].Y + b*q[1].Y + c*q[2].Y}
}

// quadConstruct is one quadratic of a stroke side under construction
// (SkQuadConstruct): the parameter span of the curve it stands for, its end
// points on the offset and a point along each end tangent.
type quadConstruct struct {
	quad               [3]Point
	tanStart, tanEnd   Point
	startT, midT, endT float64
	startSet, endSet   bool
	opposite           bool
}

func (q *quadConstruct) init(start, end float64) bool {
	q.startT, q.midT, q.endT = start, (start+end)/2, end
	q.startSet, q.endSet = false, false
	return q.startT < q.midT && q.midT < q.endT
}

func (q *quadConstruct) initWithStart(p *quadConstruct) bool {
	if !q.init(p.startT, p.midT) {
		return false
	}
	q.quad[0], q.tanStart, q.startSet = p.quad[0], p.tanStart, true
	return true
}

func (q *quadConstruct) initWithEnd(p *quadConstruct) bool {
	if !q.init(p.midT, p.endT) {
		return false
	}
	q.quad[2], q.tanEnd, q.endSet = p.quad[2], p.tanEnd, true
	return true
}

type fitResult uint8

const (
	fitSplit fitResult = iota
	fitDegenerate
	fitQuad
)

// Skia's recursion limits: 3x the deepest seen in practice.
const (
	tangentRecursionLimit = 5 * 3
	cubicRecursionLimit   = 26 * 3
	quadRecursionLimit    = 11 * 3
)

// maxOffsetSplits bounds the halvings of one side of one curve. The depth
// limits alone do not bound the work: where no quadratic ever fits (a width
// of 10^15 px, at which no quarter-pixel tolerance can be met) every branch
// halves down to the resolution of t, 2^50 pieces in float64. Real curves
// need a few dozen; past the budget the rest of the side is cut into chords.
const maxOffsetSplits = 1 << 14

// curveOffsetter fits quadratics to the left offset (see offset) of one
// curve at distance r, within tol.
type curveOffsetter struct {
	c         strokeCurve
	r         float64
	tol, tol2 float64
	depth     int
	splits    int  // halvings of this side so far (see maxOffsetSplits)
	found     bool // the tangents at the span's ends have met once
	// out receives the pieces: a quadratic (ctrl, end) or, with line set, a
	// line to end.
	out func(ctrl, end Point, line bool)
}

// perpRay returns the curve point at t, the offset point and a point one
// radius along the tangent from the offset point.
func (o *curveOffsetter) perpRay(t float64) (on, off, tan Point) {
	p := o.c.p
	var d Point
	if o.c.cubic {
		on = evalCubic(p[0], p[1], p[2], p[3], t)
		if (t == 0 && p[0] == p[1]) || (t == 1 && p[2] == p[3]) {
			if t == 0 {
				d = sub(p[2], p[0])
			} else {
				d = sub(p[3], p[1])
			}
			if d == (Point{}) {
				d = sub(p[3], p[0])
			}
		} else {
			d = cubicDerivative(p, t)
		}
		if d == (Point{}) {
			cp := p
			switch {
			case math.Abs(t) <= 1.0/(1<<12):
				d = sub(p[2], p[0])
			case math.Abs(1-t) <= 1.0/(1<<12):
				d = sub(p[3], p[1])
			default:
				// A cusp exactly at t: the chopped halves' control
				// points give the direction.
				a, b, c := lerp(p[0], p[1], t), lerp(p[1], p[2], t), lerp(p[2], p[3], t)
				e, f := lerp(a, b, t), lerp(b, c, t)
				g := lerp(e, f, t)
				d = sub(g, e)
				if d == (Point{}) {
					d = sub(g, a)
					cp = [4]Point{p[0], a, e, g}
				}
			}
			if d == (Point{}) {
				d = sub(cp[3], cp[0])
			}
		}
	} else if o.c.conic {
		cc := conic{p[0], p[1], p[2], o.c.w}
		on = cc.eval(t)
		if (t == 0 && p[0] == p[1]) || (t == 1 && p[1] == p[2]) {
			d = sub(p[2], p[0])
		} else {
			// SkConic::evalTangentAt: (A·t + B)·t + C.
			p20, p10 := sub(p[2], p[0]), sub(p[1], p[0])
			c := Point{o.c.w * p10.X, o.c.w * p10.Y}
			a := Point{o.c.w*p20.X - p20.X, o.c.w*p20.Y - p20.Y}
			b := Point{p20.X - 2*c.X, p20.Y - 2*c.Y}
			d = Point{(a.X*t+b.X)*t + c.X, (a.Y*t+b.Y)*t + c.Y}
		}
		if d == (Point{}) {
			d = sub(p[2], p[0])
		}
	} else {
		q := [3]Point{p[0], p[1], p[2]}
		on = evalQuad(q, t)
		if (t == 0 && p[0] == p[1]) || (t == 1 && p[1] == p[2]) {
			d = sub(p[2], p[0])
		} else {
			d = Point{(p[1].X - p[0].X) + (p[0].X-2*p[1].X+p[2].X)*t, (p[1].Y - p[0].Y) + (p[0].Y-2*p[1].Y+p[2].Y)*t}
		}
		if d == (Point{}) {
			d = sub(p[2], p[0])
		}
	}
	// Sqrt of the squares is enough here and much cheaper than Hypot; it
	// only overflows for lengths beyond 1e154, where Hypot takes over.
	l := math.Sqrt(d.X*d.X + d.Y*d.Y)
	if math.IsInf(l, 0) {
		l = math.Hypot(d.X, d.Y)
	}
	if l > 0 && !math.IsInf(l, 0) {
		d = Point{d.X / l * o.r, d.Y / l * o.r}
	} else {
		d = Point{o.r, 0}
	}
	off = Point{on.X - d.Y, on.Y + d.X}
	tan = Point{off.X + d.X, off.Y + d.Y}
	return on, off, tan
}

func lerp(a, b Point, t float64) Point { return Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }

func (o *curveOffsetter) ends(q *quadConstruct) {
	if !q.startSet {
		_, q.quad[0], q.tanStart = o.perpRay(q.startT)
		q.startSet = true
	}
	if !q.endSet {
		_, q.quad[2], q.tanEnd = o.perpRay(q.endT)
		q.endSet = true
	}
}

// intersectRay meets the end tangents: a quadratic when they cross between
// the ends (its control point is set when ctrl), a line when the ends are
// parallel or close enough, a split otherwise.
func (o *curveOffsetter) intersectRay(q *quadConstruct, ctrl bool) fitResult {
	start, end := q.quad[0], q.quad[2]
	a, b := sub(q.tanStart, start), sub(q.tanEnd, end)
	denom := cross(a, b)
	if denom == 0 || math.IsInf(denom, 0) || math.IsNaN(denom) {
		q.opposite = dot(a, b) < 0
		return fitDegenerate
	}
	q.opposite = false
	ab0 := sub(start, end)
	numerA, numerB := cross(b, ab0), cross(a, ab0)
	if (numerA >= 0) == (numerB >= 0) {
		// The tangents cross outside the ends: a line will do if each end
		// is close to the other's tangent.
		d1 := ptToLine(start, end, q.tanEnd)
		d2 := ptToLine(end, start, q.tanStart)
		if math.Max(d1, d2) <= o.tol2 {
			return fitDegenerate
		}
		return fitSplit
	}
	numerA /= denom
	// Skia works in float32: a ratio so large that adding 1 is lost means
	// the tangents are effectively parallel.
	if f := float32(numerA); f > f-1 {
		if ctrl {
			q.quad[1] = Point{start.X*(1-numerA) + q.tanStart.X*numerA, start.Y*(1-numerA) + q.tanStart.Y*numerA}
		}
		return fitQuad
	}
	q.opposite = dot(a, b) < 0
	return fitDegenerate
}

// closeEnough checks the fitted quadratic against the offset point at the
// span's middle parameter (ray[0]; ray[1] is the curve point it comes from).
func (o *curveOffsetter) closeEnough(q *quadConstruct, ray [2]Point) fitResult {
	stroke := q.quad
	mid := evalQuad(stroke, 0.5)
	if dist2(ray[0], mid) <= o.tol2 {
		if sharpAngle(stroke) {
			return fitSplit
		}
		return fitQuad
	}
	// Quick reject: the offset point far outside the quadratic's bounds.
	minX, minY, maxX, maxY := hull(stroke[:])
	if ray[0].X+o.tol < minX || ray[0].X-o.tol > maxX || ray[0].Y+o.tol < minY || ray[0].Y-o.tol > maxY {
		return fitSplit
	}
	// Where the ray from the curve through the offset point crosses the
	// quadratic, it must be close, the more so near the middle.
	v := sub(ray[1], ray[0])
	var r [3]float64
	for i := range r {
		r[i] = (stroke[i].Y-ray[0].Y)*v.X - (stroke[i].X-ray[0].X)*v.Y
	}
	A, B, C := r[2], r[1], r[0]
	A += C - 2*B
	B -= C
	var roots [2]float64
	if unitQuadRoots(A, 2*B, C, &roots) != 1 {
		return fitSplit
	}
	p := evalQuad(stroke, roots[0])
	e := o.tol * (1 - math.Abs(roots[0]-0.5)*2)
	if dist2(ray[0], p) <= e*e {
		if sharpAngle(stroke) {
			return fitSplit
		}
		return fitQuad
	}
	return fitSplit
}

// sharpAngle reports a quadratic whose control point folds back (both
// control legs pointing the same way).
func sharpAngle(q [3]Point) bool {
	smaller, larger := sub(q[1], q[0]), sub(q[1], q[2])
	if dot(smaller, smaller) > dot(larger, larger) {
		smaller, larger = larger, smaller
	}
	if smaller == (Point{}) {
		return false
	}
	return dot(smaller, larger) > 0
}

func (o *curveOffsetter) compare(q *quadConstruct) fitResult {
	o.ends(q)
	if res := o.intersectRay(q, true); res != fitQuad {
		return res
	}
	on, off, _ := o.perpRay(q.midT)
	return o.closeEnough(q, [2]Point{off, on})
}

func (o *curveOffsetter) midOnLine(q *quadConstruct) bool {
	_, mid, _ := o.perpRay(q.midT)
	return ptToLine(mid, q.quad[0], q.quad[2]) < o.tol2
}

func (o *curveOffsetter) cubicStroke(q *quadConstruct) bool {
	if !o.found {
		o.ends(q)
		res := o.intersectRay(q, false)
		if res != fitQuad {
			if (res == fitDegenerate || dist2(q.quad[0], q.quad[2]) <= o.tol2) && o.midOnLine(q) {
				o.out(Point{}, q.quad[2], true)
				return true
			}
		} else {
			o.found = true
		}
	}
	if o.found {
		switch o.compare(q) {
		case fitQuad:
			o.out(q.quad[1], q.quad[2], false)
			return true
		case fitDegenerate:
			if !q.opposite {
				o.out(Point{}, q.quad[2], true)
				return true
			}
		}
	}
	if math.IsInf(q.quad[2].X, 0) || math.IsNaN(q.quad[2].X) || math.IsInf(q.quad[2].Y, 0) || math.IsNaN(q.quad[2].Y) {
		return false
	}
	if o.splits++; o.splits > maxOffsetSplits {
		o.out(Point{}, q.quad[2], true)
		return true
	}
	o.depth++
	limit := tangentRecursionLimit
	if o.found {
		limit = cubicRecursionLimit
	}
	if o.depth > limit {
		return false
	}
	var half quadConstruct
	if !half.initWithStart(q) {
		o.out(Point{}, q.quad[2], true)
		o.depth--
		return true
	}
	if !o.cubicStroke(&half) {
		return false
	}
	if !half.initWithEnd(q) {
		o.out(Point{}, q.quad[2], true)
		o.depth--
		return true
	}
	if !o.cubicStroke(&half) {
		return false
	}
	o.depth--
	return true
}

// quadStroke fits a quadratic's or a conic's side (Skia's quadStroke and
// conicStroke differ only in their recursion limits, which are equal).
func (o *curveOffsetter) quadStroke(q *quadConstruct) bool {
	switch o.compare(q) {
	case fitQuad:
		o.out(q.quad[1], q.quad[2], false)
		return true
	case fitDegenerate:
		o.out(Point{}, q.quad[2], true)
		return true
	}
	if o.splits++; o.splits > maxOffsetSplits {
		o.out(Point{}, q.quad[2], true)
		return true
	}
	o.depth++
	if o.depth > quadRecursionLimit {
		return false
	}
	var half quadConstruct
	half.initWithStart(q)
	if !o.quadStroke(&half) {
		return false
	}
	half.initWithEnd(q)
	if !o.quadStroke(&half) {
		return false
	}
	o.depth--
	return true
}

// start is the side's first point.
func (o *curveOffsetter) start() Point {
	_, p, _ := o.perpRay(0)
	return p
}

// run emits the whole side: a cubic is split at its inflections first, each
// span fitted on its own.
func (o *curveOffsetter) run() {
	o.splits = 0
	var q quadConstruct
	if !o.c.cubic {
		o.depth, o.found = 0, false
		q.init(0, 1)
		o.quadStroke(&q)
		return
	}
	var ts [2]float64
	n := cubicInflections(o.c.p, &ts)
	last := 0.0
	for i := 0; i <= n; i++ {
		next := 1.0
		if i < n {
			next = ts[i]
		}
		o.depth, o.found = 0, false
		q.init(last, next)
		o.cubicStroke(&q)
		last = next
	}
}

// flattenQuad appends the device-space quadratic a, b, c (the current point
// is a) as Skia's edge builder cuts it: split where it turns in y, then each
// piece into 2^k lines, k from the control point's distance to the chord in
// quarter-pixel fixed point (about 1/8 px of error, at most 64 lines).
func (p *Path) flattenQuad(a, b, c Point) {
	if t, ok := quadYExtremum(a.Y, b.Y, c.Y); ok {
		ab, bc := lerp(a, b, t), lerp(b, c, t)
		m := lerp(ab, bc, t)
		// The split point is the extremum: flatten its y onto both
		// halves' control points so each is monotonic, as Skia does.
		ab.Y, bc.Y = m.Y, m.Y
		p.flattenMonoQuad(a, ab, m)
		p.flattenMonoQuad(m, bc, c)
		return
	}
	p.flattenMonoQuad(a, b, c)
}

func quadYExtremum(a, b, c float64) (float64, bool) {
	ab, bc := a-b, b-c
	if ab < 0 {
		bc = -bc
	}
	if !(ab == 0 || bc < 0) {
		return 0, false // monotonic
	}
	return unitDivide(a-b, a-b-b+c)
}

func (p *Path) flattenMonoQuad(a, b, c Point) {
	// Skia's fixed point: 1/256 px with anti-aliasing (1/64 supersampled 4x).
	fx := func(v float64) int64 {
		v *= 256
		if !(v > -1<<40 && v < 1<<40) {
			return 0
		}
		return int64(v)
	}
	dx := (2*fx(b.X) - fx(a.X) - fx(c.X)) >> 2
	dy := (2*fx(b.Y) - fx(a.Y) - fx(c.Y)) >> 2
	if dx < 0 {
		dx = -dx
	}
	if dy < 0 {
		dy = -dy
	}
	d := dx + dy>>1 // cheap distance: max + min/2
	if dx < dy {
		d = dy + dx>>1
	}
	d = (d + 1<<4) >> 5
	shift := bits.Len64(uint64(d)) >> 1
	shift = max(1, min(shift, 6))
	n := 1 << shift
	for i := 1; i < n; i++ {
		p.LineTo(evalQuad([3]Point{a, b, c}, float64(i)/float64(n)))
	}
	p.LineTo(c)
}

// segInfo describes the segments ending at the points of a polyline: the
// curve each flattens (-1: a line, or a curve stroked as a polyline) and the
// parameter span [t0, t1] of that curve it covers.
type segInfo struct {
	id     []int32
	t0, t1 []float64
}

func (g *segInfo) reset() { g.id, g.t0, g.t1 = g.id[:0], g.t0[:0], g.t1[:0] }

func (g *segInfo) push(id int32, t0, t1 float64) {
	g.id, g.t0, g.t1 = append(g.id, id), append(g.t0, t0), append(g.t1, t1)
}

func (g *segInfo) at(i int) (int32, float64, float64) { return g.id[i], g.t0[i], g.t1[i] }

// appendFrom appends h's entries from index from on.
func (g *segInfo) appendFrom(h *segInfo, from int) {
	g.id, g.t0, g.t1 = append(g.id, h.id[from:]...), append(g.t0, h.t0[from:]...), append(g.t1, h.t1[from:]...)
}

func (g segInfo) slice(n int) segInfo { return segInfo{g.id[:n], g.t0[:n], g.t1[:n]} }

// eval is the curve's point at t; for an arc t is the flattened cubic's
// parameter.
func (c *strokeCurve) eval(t float64) Point {
	if c.conic {
		cc := conic{c.p[0], c.p[1], c.p[2], c.w}
		return cc.eval(c.conicParam(t))
	}
	if c.cubic {
		return evalCubic(c.p[0], c.p[1], c.p[2], c.p[3], t)
	}
	return evalQuad([3]Point{c.p[0], c.p[1], c.p[2]}, t)
}

// piece is the part of c over [t0, t1] (Skia's dasher hands its stroker
// such chopped curves), with its cusp, when Skia would stroke it with
// fitted quadratics.
func (c *strokeCurve) piece(t0, t1 float64) (strokeCurve, bool) {
	if !(t0 < t1) || t0 < 0 || t1 > 1 {
		return strokeCurve{}, false
	}
	r := *c
	if c.conic && (t0 > 0 || t1 < 1) {
		r.p, r.w = chopConic(c.p, c.w, c.conicParam(t0), c.conicParam(t1))
		if !(r.w > 0) || math.IsInf(r.w, 0) {
			return strokeCurve{}, false
		}
	} else if t0 > 0 || t1 < 1 {
		r.p = chop(c.p, c.cubic, t1)
		if t0 > 0 {
			r.p = chopTail(r.p, c.cubic, t0/t1)
		}
	}
	if !skiaStrokable(r.cubic, r.p[0], r.p[1], r.p[2], r.p[3]) {
		return strokeCurve{}, false
	}
	r.cusp = false
	if r.cubic {
		if t := cubicCusp(r.p); t > 0 {
			r.cusp, r.at = true, evalCubic(r.p[0], r.p[1], r.p[2], r.p[3], t)
		}
	}
	return r, true
}

// chop returns the part of the curve over [0, t]; chopTail the part over
// [t, 1] (de Casteljau).
func chop(p [4]Point, cubic bool, t float64) [4]Point {
	if !cubic {
		a, b := lerp(p[0], p[1], t), lerp(p[1], p[2], t)
		return [4]Point{p[0], a, lerp(a, b, t), {}}
	}
	a, b, c := lerp(p[0], p[1], t), lerp(p[1], p[2], t), lerp(p[2], p[3], t)
	d, e := lerp(a, b, t), lerp(b, c, t)
	return [4]Point{p[0], a, d, lerp(d, e, t)}
}

func chopTail(p [4]Point, cubic bool, t float64) [4]Point {
	if !cubic {
		a, b := lerp(p[0], p[1], t), lerp(p[1], p[2], t)
		return [4]Point{lerp(a, b, t), b, p[2], {}}
	}
	a, b, c := lerp(p[0], p[1], t), lerp(p[1], p[2], t), lerp(p[2], p[3], t)
	d, e := lerp(a, b, t), lerp(b, c, t)
	return [4]Point{lerp(d, e, t), e, c, p[3]}
}

// conicParam maps a parameter of the cubic arcSegments made for a circular
// arc to the conic's parameter of the same point: both are symmetric about
// the arc's middle, the cubic nearly proportional to the angle, the conic
// with tan(ψ/2) = tan(α/2)·(2s−1) for the angle ψ from the middle of an arc
// of half-angle α (cos α = w).
func (c *strokeCurve) conicParam(t float64) float64 {
	if t <= 0 || t >= 1 {
		return t
	}
	p0, p1, p2 := c.p[0], c.p[1], c.p[2]
	m := lerp(p0, p2, 0.5)
	u := sub(m, p1)
	lu := math.Hypot(u.X, u.Y)
	alpha := math.Acos(math.Max(-1, math.Min(1, c.w)))
	if !(lu > 0) || !(alpha > 0) {
		return t
	}
	// The centre: R = |p0−p1|/tan α from the tangent point, R/cos α from p1.
	r := dist(p0, p1) / math.Tan(alpha)
	ctr := Point{p1.X + u.X/lu*r/c.w, p1.Y + u.Y/lu*r/c.w}
	q := evalCubic(c.arc[0], c.arc[1], c.arc[2], c.arc[3], t)
	vm, vq, v2 := sub(p1, ctr), sub(q, ctr), sub(p2, ctr)
	psi := math.Atan2(cross(vm, vq), dot(vm, vq))
	if cross(vm, v2) < 0 {
		psi = -psi
	}
	s := (math.Tan(psi/2)/math.Tan(alpha/2) + 1) / 2
	return math.Max(0, math.Min(1, s))
}

// chopConic returns the conic's part over [s0, s1] (de Casteljau on the
// homogeneous control points, renormalised so the ends have weight 1).
func chopConic(p [4]Point, w, s0, s1 float64) ([4]Point, float64) {
	type h struct{ x, y, z float64 }
	mix := func(a, b h, t float64) h { return h{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t, a.z + (b.z-a.z)*t} }
	a, b, c := h{p[0].X, p[0].Y, 1}, h{p[1].X * w, p[1].Y * w, w}, h{p[2].X, p[2].Y, 1}
	// [0, s1] ...
	ab, bc := mix(a, b, s1), mix(b, c, s1)
	b, c = ab, mix(ab, bc, s1)
	// ... then its [s0/s1, 1].
	if s0 > 0 {
		t := s0 / s1
		ab, bc = mix(a, b, t), mix(b, c, t)
		a, b = mix(ab, bc, t), bc
	}
	pt := func(q h) Point { return Point{q.x / q.z, q.y / q.z} }
	return [4]Point{pt(a), pt(b), pt(c)}, b.z / math.Sqrt(a.z*c.z)
}
