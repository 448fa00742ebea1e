package geom

import "math"

const twoPi = 2 * math.Pi

// CurrentPoint returns the point the next drawing verb continues from: the last
// point of the path, or the first point of the last subpath after Close. ok is
// false for an empty path.
func (p *Path) CurrentPoint() (Point, bool) {
	if len(p.Verbs) == 0 || len(p.Points) == 0 {
		return Point{}, false
	}
	if p.Verbs[len(p.Verbs)-1] != Close {
		return p.Points[len(p.Points)-1], true
	}
	// Walk back to the MoveTo that opened the closed subpath.
	n := len(p.Points)
	for i := len(p.Verbs) - 1; i >= 0; i-- {
		n -= NumPoints[p.Verbs[i]]
		if p.Verbs[i] == MoveTo {
			return p.Points[n], true
		}
	}
	return p.Points[0], true
}

// lineOrMove is the spec's "ensure there is a subpath, then connect": the
// connecting line of arc/ellipse, or a MoveTo when the path has no subpath yet.
// Both spec and Chromium continue a closed subpath from its first point, which
// CurrentPoint already models, so a LineTo is always correct once a point exists.
func (p *Path) lineOrMove(pt Point) {
	if _, ok := p.CurrentPoint(); ok {
		p.LineTo(pt)
		return
	}
	p.MoveTo(pt)
}

// Rect adds the closed rectangle subpath (x,y) (x+w,y) (x+w,y+h) (x,y+h) and then,
// as the spec says, starts a new subpath at (x,y).
func (p *Path) Rect(x, y, w, h float64, m Matrix) {
	if !finite(x, y, w, h) {
		return
	}
	p0 := m.Apply(Point{x, y})
	p.MoveTo(p0)
	p.LineTo(m.Apply(Point{x + w, y}))
	p.LineTo(m.Apply(Point{x + w, y + h}))
	p.LineTo(m.Apply(Point{x, y + h}))
	p.Close()
	p.MoveTo(p0)
}

// Arc is Ellipse with a circle.
func (p *Path) Arc(cx, cy, r, a0, a1 float64, ccw bool, m Matrix) {
	p.Ellipse(cx, cy, r, r, 0, a0, a1, ccw, m)
}

// ArcSweep turns canvas start/end angles into a start angle and a signed sweep
// the way Chromium does: the start angle is first brought into [0, 2π) (the end
// moves with it), a sweep of 2π or more in the drawing direction is a full turn,
// and otherwise the end is moved by whole turns so the sweep runs in the drawing
// direction and stays under 2π. One consequence, which Chromium keeps on purpose
// and the notes record, is that arc(x, y, r, 2π, 0) drawn clockwise is a full
// circle although the written spec gives an empty arc.
func ArcSweep(a0, a1 float64, ccw bool) (start, sweep float64) {
	s := a0
	if !(a0 >= 0 && a0 < twoPi) { // Mod leaves [0, 2π) unchanged; skip it there
		s = math.Mod(a0, twoPi)
		if s < 0 {
			s += twoPi
		}
	}
	e := a1 + (s - a0)
	switch {
	case !ccw && e-s >= twoPi:
		e = s + twoPi
	case ccw && s-e >= twoPi:
		e = s - twoPi
	case !ccw && s > e:
		e = s + (twoPi - math.Mod(s-e, twoPi))
	case ccw && s < e:
		e = s - (twoPi - math.Mod(e-s, twoPi))
	}
	return s, e - s
}

// Ellipse adds an elliptical arc: a straight line from the current point to the
// arc's start (or a MoveTo if the path is empty), then the arc as cubic Béziers.
// Angles are measured in the ellipse's own (rotated, unscaled) frame, as the spec
// says. A zero radius makes the ellipse a line segment; it is then traced as
// lines through its extreme points, as Chromium does.
func (p *Path) Ellipse(cx, cy, rx, ry, rotation, a0, a1 float64, ccw bool, m Matrix) {
	if !finite(cx, cy, rx, ry, rotation, a0, a1) {
		return
	}
	if a0 == a1 {
		// Chromium draws only the connecting line for an empty arc, without
		// normalising the angles first.
		p.lineOrMove(m.Apply(ellipsePoint(cx, cy, rx, ry, rotation, a0)))
		return
	}
	start, sweep := ArcSweep(a0, a1, ccw)
	p.lineOrMove(m.Apply(ellipsePoint(cx, cy, rx, ry, rotation, start)))
	if rx == 0 || ry == 0 {
		p.degenerateEllipse(cx, cy, rx, ry, rotation, start, sweep, m)
		return
	}
	p.arcSegments(cx, cy, rx, ry, rotation, start, sweep, m)
}

func ellipsePoint(cx, cy, rx, ry, rot, t float64) Point {
	st, ct := sincos(t)
	x, y := rx*ct, ry*st
	if rot != 0 {
		sr, cr := math.Sincos(rot)
		x, y = x*cr-y*sr, x*sr+y*cr
	}
	return Point{cx + x, cy + y}
}

// degenerateEllipse traces a flat ellipse (one radius zero): lines through every
// quarter-turn extreme inside the sweep, then to the end point.
func (p *Path) degenerateEllipse(cx, cy, rx, ry, rot, start, sweep float64, m Matrix) {
	end := start + sweep
	if sweep > 0 {
		for k := math.Floor(start/(math.Pi/2)) + 1; k*math.Pi/2 < end; k++ {
			p.LineTo(m.Apply(ellipsePoint(cx, cy, rx, ry, rot, k*math.Pi/2)))
		}
	} else {
		for k := math.Ceil(start/(math.Pi/2)) - 1; k*math.Pi/2 > end; k-- {
			p.LineTo(m.Apply(ellipsePoint(cx, cy, rx, ry, rot, k*math.Pi/2)))
		}
	}
	p.LineTo(m.Apply(ellipsePoint(cx, cy, rx, ry, rot, end)))
}

// arcSegments appends the arc from angle start through sweep as cubics, split
// the way Skia splits an arc into conics (SkConic::BuildUnitArc): whole
// quarter turns from the start, then what remains, unless that is a sliver.
// Chromium strokes and measures each of those conics on its own, so the
// stroker and the dasher, which recognise each cubic as its conic, need the
// same pieces. The current point must already be the arc's start. An affine
// map of a Bézier is the Bézier of the mapped points, so m is applied to the
// control points directly.
func (p *Path) arcSegments(cx, cy, rx, ry, rot, start, sweep float64, m Matrix) {
	const quarter = math.Pi / 2
	abs := math.Abs(sweep)
	n := int(abs/quarter + 1e-9)
	if n > 4 {
		n = 4 // |sweep| ≤ 2π by construction; guards against rounding
	}
	dir := 1.0
	if sweep < 0 {
		dir = -1
	}
	// Skia drops a remainder whose end is within 1/4096 of the last
	// quarter's on the unit circle.
	rest := abs - float64(n)*quarter
	if rest*1 <= 1.0/4096 || n == 4 {
		rest = 0
	}
	if n == 0 && rest == 0 {
		// A sliver of an arc: one piece all the same, so the path
		// still reaches its end.
		rest = abs
	}
	f := arcFrame{cx: cx, cy: cy, rx: rx, ry: ry, sr: rot, cr: 1, m: m, id: m == Identity} // Sincos(±0) is (±0, 1)
	if rot != 0 {
		f.sr, f.cr = math.Sincos(rot)
	}
	// Each piece starts where the last ended, so one Sincos per piece (none
	// for the quarter turns of circles and rounded corners, see sincos); the
	// handle length of a quarter turn is a constant (round caps and joins
	// come here for every dash).
	sa, ca := sincos(start)
	kq := dir * quarterHandle
	for i := 0; i < n; i++ {
		a := start + dir*quarter*float64(i)
		b := a + dir*quarter
		if i == n-1 && rest == 0 {
			b = start + sweep
		}
		sb, cb := sincos(b)
		p.arcPiece(&f, sa, ca, sb, cb, kq)
		sa, ca = sb, cb
	}
	if rest > 0 {
		sb, cb := sincos(start + sweep)
		p.arcPiece(&f, sa, ca, sb, cb, 4.0/3.0*math.Tan(dir*rest/4))
	}
}

// arcFrame maps points of the unit circle to device space: scaled by the
// radii, rotated, moved to the centre, then through m.
type arcFrame struct {
	cx, cy, rx, ry, sr, cr float64
	m                      Matrix
	id                     bool // m is the identity, which changes no point's value
}

func (f *arcFrame) toDev(ux, uy float64) Point {
	x, y := f.rx*ux, f.ry*uy
	q := Point{f.cx + x*f.cr - y*f.sr, f.cy + x*f.sr + y*f.cr}
	if f.id {
		return q
	}
	return f.m.Apply(q)
}

// arcPiece appends the cubic of the unit arc from angle a to angle b (given
// by their sines and cosines) with handle length k.
func (p *Path) arcPiece(f *arcFrame, sa, ca, sb, cb, k float64) {
	p.CubicTo(f.toDev(ca-k*sa, sa+k*ca), f.toDev(cb+k*sb, sb-k*cb), f.toDev(cb, sb))
}

// sincos is math.Sincos, with the angles that arcs from canvas code start
// and end on most (the quarter turns arcSegments steps through from 0, and
// the corners of roundRect) looked up: the same values, without the cost.
func sincos(x float64) (sin, cos float64) {
	if x == 0 {
		return x, 1
	}
	for i := range quarterAngles {
		if x == quarterAngles[i] {
			return quarterSincos[i][0], quarterSincos[i][1]
		}
	}
	return math.Sincos(x)
}

// quarterAngles are ±π/2, ±π, ±3π/2 and ±2π as arcSegments and roundRect
// compute them at run time (3π/2 as the float64 sum π + π/2, which need not
// be the constant 3π/2 rounded); quarterSincos holds their math.Sincos. A
// miss only costs the Sincos.
var quarterAngles, quarterSincos = func() (a [8]float64, t [8][2]float64) {
	q := math.Pi / 2
	for i, dir := range [2]float64{1, -1} {
		for k := 0; k < 3; k++ {
			a[4*i+k] = dir*q*float64(k) + dir*q
		}
		a[4*i+3] = dir * twoPi // a full turn ends at start+sweep = ±2π
	}
	for i := range a {
		t[i][0], t[i][1] = math.Sincos(a[i])
	}
	return a, t
}()

// quarterHandle is 4/3·tan(π/8), the handle length of a unit quarter circle.
var quarterHandle = 4.0 / 3.0 * math.Tan(math.Pi/8)

// ArcTo follows the spec's arcTo: the current point is taken back to user space
// through m's inverse; coincident points, a zero radius or collinear points give
// a straight line to (x1,y1); otherwise a line to the first tangent point and the
// arc of radius r to the second. With no subpath it only starts one at (x1,y1).
func (p *Path) ArcTo(x1, y1, x2, y2, r float64, m Matrix) {
	if !finite(x1, y1, x2, y2, r) {
		return
	}
	cur, ok := p.CurrentPoint()
	if !ok {
		p.MoveTo(m.Apply(Point{x1, y1}))
		return
	}
	inv, ok := m.Invert()
	if !ok {
		// Chromium ignores path calls made under a singular transform.
		return
	}
	p0 := inv.Apply(cur)
	p1 := Point{x1, y1}
	p2 := Point{x2, y2}
	if p0 == p1 || p1 == p2 || r == 0 {
		p.LineTo(m.Apply(p1))
		return
	}
	v1 := Point{p0.X - p1.X, p0.Y - p1.Y}
	v2 := Point{p2.X - p1.X, p2.Y - p1.Y}
	l1, l2 := math.Hypot(v1.X, v1.Y), math.Hypot(v2.X, v2.Y)
	v1 = Point{v1.X / l1, v1.Y / l1}
	v2 = Point{v2.X / l2, v2.Y / l2}
	cross := v1.X*v2.Y - v1.Y*v2.X
	dot := v1.X*v2.X + v1.Y*v2.Y
	if math.Abs(cross) < 1e-12 || l1 == 0 || l2 == 0 || math.IsInf(l1, 0) || math.IsInf(l2, 0) {
		// Collinear (either direction): the spec adds (x1,y1) as a straight line.
		p.LineTo(m.Apply(p1))
		return
	}
	// Angle at p1 between the two legs; the tangent points sit r/tan(θ/2) from p1.
	theta := math.Atan2(math.Abs(cross), dot)
	d := r / math.Tan(theta/2)
	t1 := Point{p1.X + v1.X*d, p1.Y + v1.Y*d}
	// The arc ends at the second tangent point p1 + v2·d.
	bis := Point{v1.X + v2.X, v1.Y + v2.Y}
	bl := math.Hypot(bis.X, bis.Y)
	h := r / math.Sin(theta/2)
	c := Point{p1.X + bis.X/bl*h, p1.Y + bis.Y/bl*h}
	p.LineTo(m.Apply(t1))
	a0 := math.Atan2(t1.Y-c.Y, t1.X-c.X)
	sweep := math.Pi - theta
	// Travelling p0->p1->p2 turns one way; the arc turns the same way.
	// cross(v1,v2) > 0 means the travel direction turns counter-clockwise
	// in the y-down canvas frame, i.e. a negative sweep.
	if cross > 0 {
		sweep = -sweep
	}
	p.arcSegments(c.X, c.Y, r, r, 0, a0, sweep, m)
}

// RoundRect adds the spec's rounded rectangle as one closed subpath, then starts
// a new subpath at (x,y). radii are upper-left, upper-right, lower-right,
// lower-left, already scaled down by the caller. A negative width or height
// mirrors the rectangle: the radii move with their corners and the path runs the
// other way round, which is what Chromium does and what matters for non-zero
// winding.
func (p *Path) RoundRect(x, y, w, h float64, radii [4]Point, m Matrix) {
	if !finite(x, y, w, h) {
		return
	}
	for _, r := range radii {
		if !finite(r.X, r.Y) {
			return
		}
	}
	origin := m.Apply(Point{x, y})
	ul, ur, lr, ll := radii[0], radii[1], radii[2], radii[3]
	reverse := false
	if w < 0 {
		x, w = x+w, -w
		ul, ur = ur, ul
		ll, lr = lr, ll
		reverse = !reverse
	}
	if h < 0 {
		y, h = y+h, -h
		ul, ll = ll, ul
		ur, lr = lr, ur
		reverse = !reverse
	}
	// Corner k: the arc goes from a to b around centre c with the given radii.
	type corner struct {
		a, b, c Point
		r       Point
		a0      float64 // start angle of the clockwise quarter
	}
	cs := [4]corner{
		{Point{x + w - ur.X, y}, Point{x + w, y + ur.Y}, Point{x + w - ur.X, y + ur.Y}, ur, -math.Pi / 2},
		{Point{x + w, y + h - lr.Y}, Point{x + w - lr.X, y + h}, Point{x + w - lr.X, y + h - lr.Y}, lr, 0},
		{Point{x + ll.X, y + h}, Point{x, y + h - ll.Y}, Point{x + ll.X, y + h - ll.Y}, ll, math.Pi / 2},
		{Point{x, y + ul.Y}, Point{x + ul.X, y}, Point{x + ul.X, y + ul.Y}, ul, math.Pi},
	}
	start := Point{x + ul.X, y}
	p.MoveTo(m.Apply(start))
	if !reverse {
		for _, c := range cs {
			p.LineTo(m.Apply(c.a))
			p.cornerArc(c.c, c.r, c.b, c.a0, math.Pi/2, m)
		}
	} else {
		// Same outline, opposite direction: visit the corners backwards, each
		// arc from its b to its a.
		for i := 3; i >= 0; i-- {
			c := cs[i]
			p.LineTo(m.Apply(c.b))
			p.cornerArc(c.c, c.r, c.a, c.a0+math.Pi/2, -math.Pi/2, m)
		}
	}
	p.Close()
	p.MoveTo(origin)
}

func (p *Path) cornerArc(c, r, end Point, a0, sweep float64, m Matrix) {
	if r.X == 0 || r.Y == 0 {
		p.LineTo(m.Apply(end))
		return
	}
	p.arcSegments(c.X, c.Y, r.X, r.Y, 0, a0, sweep, m)
}

// finite reports whether every value is a finite number. The canvas API makes
// a call with a NaN or infinite argument a no-op; the helpers do the same so
// that no caller can put NaN into a path by accident.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if v-v != 0 { // NaN for NaN and ±Inf, 0 for every finite v
			return false
		}
	}
	return true
}
