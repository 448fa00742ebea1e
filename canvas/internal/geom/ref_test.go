package geom

// The flattener and arc builder as they were before they were tuned, kept as
// the reference the tuned code must match point for point.

import "math"

// refFlattenClip is Flatten for a filler that only looks at clip and sweeps it
// row by row (a winding test along horizontal lines): curves whose control
// polygon lies entirely above or below clip are dropped, as they cross none
// of its rows; curves whose control polygon lies entirely to one side of it
// are replaced by their chord (for the winding of any point in clip the two
// are equivalent when the whole hull is on one side, and the hull is); and
// curves much larger than both clip and 16384 px are halved until the halves
// either fit or can be dropped to chords, so a huge arc that only grazes the
// canvas costs a few segments instead of MaxCurveSegments. Curves smaller
// than that flatten to the same lines whatever the clip, so banded filling
// shows no seams. A canvas filled in bands walks the whole path once per
// band, so the classification is the common case and is kept cheap.
func refFlattenClip(p *Path, tol float64, clip Rect, line func(a, b Point)) {
	if !(tol > 0) {
		tol = 0.1
	}
	f := refFlattener{tol: tol, clip: clip, line: line}
	// Lines off the clip's rows are dropped here too: the outline of a long
	// stroke is mostly lines, and each band would otherwise pass them all on.
	rows := clip != Everywhere
	lo, hi := clip.MinY, clip.MaxY
	seg := func(a, b Point) {
		if rows && ((a.Y < lo && b.Y < lo) || (a.Y > hi && b.Y > hi)) {
			return
		}
		line(a, b)
	}
	var start, cur Point
	open := false
	pts := p.Points
	for _, v := range p.Verbs {
		n := NumPoints[v]
		if n > len(pts) {
			break // malformed path: fewer points than verbs need
		}
		switch v {
		case MoveTo:
			if open && cur != start {
				seg(cur, start)
			}
			start, cur, open = pts[0], pts[0], true
		case LineTo:
			if !open {
				start, open = cur, true
			}
			seg(cur, pts[0])
			cur = pts[0]
		case QuadTo:
			if !open {
				start, open = cur, true
			}
			if f.clip == Everywhere || !f.offRows3(cur.Y, pts[0].Y, pts[1].Y) {
				f.quad(cur, pts[0], pts[1], 0)
			}
			cur = pts[1]
		case CubicTo:
			if !open {
				start, open = cur, true
			}
			if f.clip == Everywhere || !f.offRows4(cur.Y, pts[0].Y, pts[1].Y, pts[2].Y) {
				f.cubic(cur, pts[0], pts[1], pts[2], 0)
			}
			cur = pts[2]
		case Close:
			if open && cur != start {
				seg(cur, start)
			}
			cur = start
			open = false
		}
		pts = pts[n:]
	}
	if open && cur != start {
		seg(cur, start)
	}
}

type refFlattener struct {
	tol  float64
	clip Rect
	line func(a, b Point)
	// tangents adds a point a tiny parameter step inside each end of every
	// curve, so the first and last lines run along the curve's end tangents:
	// the stroker orients caps and joins by them.
	tangents bool
	// t is the curve parameter of the end point of the line being emitted
	// (set before each call of line from emit; the stroker keeps it to cut
	// dashes out of the curve itself).
	t float64
}

// offRows3 and offRows4 report a control polygon entirely above or entirely
// below the clip's rows. Plain comparisons, not math.Min/Max: this runs for
// every curve of the path in every band. (A NaN coordinate compares false
// and keeps the curve.)
func (f *refFlattener) offRows3(y0, y1, y2 float64) bool {
	lo, hi := f.clip.MinY, f.clip.MaxY
	return (y0 < lo && y1 < lo && y2 < lo) || (y0 > hi && y1 > hi && y2 > hi)
}

func (f *refFlattener) offRows4(y0, y1, y2, y3 float64) bool {
	lo, hi := f.clip.MinY, f.clip.MaxY
	return (y0 < lo && y1 < lo && y2 < lo && y3 < lo) || (y0 > hi && y1 > hi && y2 > hi && y3 > hi)
}

// classify reports whether the hull of pts misses the clip entirely (the
// curve can then be its chord), and whether it is far larger than the clip
// (halving it first then saves work).
func (f *refFlattener) classify(pts ...Point) (outside, huge bool) {
	minX, minY, maxX, maxY := refHull(pts)
	outside = maxX < f.clip.MinX || minX > f.clip.MaxX || maxY < f.clip.MinY || minY > f.clip.MaxY
	// The threshold does not shrink with small clips: a canvas that rasterizes
	// in bands must flatten a curve crossing two bands the same way in both,
	// or the polylines would differ at the seam.
	cw, ch := f.clip.MaxX-f.clip.MinX, f.clip.MaxY-f.clip.MinY
	huge = maxX-minX > max(4*cw, hugeCurve) || maxY-minY > max(4*ch, hugeCurve)
	return outside, huge
}

// hull is the bounding box of pts. A NaN coordinate makes its bounds NaN
// (every comparison with them false), as math.Min/Max would, without their
// cost on the common path.
func refHull(pts []Point) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY = pts[0].X, pts[0].Y, pts[0].X, pts[0].Y
	for _, q := range pts[1:] {
		if q.X < minX {
			minX = q.X
		} else if q.X > maxX {
			maxX = q.X
		} else if q.X != q.X {
			minX, maxX = q.X, q.X
		}
		if q.Y < minY {
			minY = q.Y
		} else if q.Y > maxY {
			maxY = q.Y
		} else if q.Y != q.Y {
			minY, maxY = q.Y, q.Y
		}
	}
	return
}

func (f *refFlattener) quad(p0, p1, p2 Point, depth int) {
	if f.clip != Everywhere {
		out, huge := f.classify(p0, p1, p2)
		if out {
			f.line(p0, p2)
			return
		}
		if depth < maxSplitDepth && huge {
			a := mid(p0, p1)
			b := mid(p1, p2)
			m := mid(a, b)
			f.quad(p0, a, m, depth+1)
			f.quad(m, b, p2, depth+1)
			return
		}
	}
	// Wang: a quadratic's chord error over a parameter step 1/n is
	// |p0-2p1+p2| / (4 n²).
	dd := math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y)
	n := refSegmentsFor(dd / (4 * f.tol))
	// A quadratic is the cubic with controls two thirds of the way to p1.
	f.emit(n, p0, Point{p0.X + 2.0/3*(p1.X-p0.X), p0.Y + 2.0/3*(p1.Y-p0.Y)},
		Point{p2.X + 2.0/3*(p1.X-p2.X), p2.Y + 2.0/3*(p1.Y-p2.Y)}, p2)
}

func (f *refFlattener) cubic(p0, p1, p2, p3 Point, depth int) {
	if f.clip != Everywhere {
		out, huge := f.classify(p0, p1, p2, p3)
		if out {
			f.line(p0, p3)
			return
		}
		if depth < maxSplitDepth && huge {
			a, b, c := mid(p0, p1), mid(p1, p2), mid(p2, p3)
			d, e := mid(a, b), mid(b, c)
			m := mid(d, e)
			f.cubic(p0, a, d, m, depth+1)
			f.cubic(m, e, c, p3, depth+1)
			return
		}
	}
	// Wang: the second derivative of a cubic is bounded by 6·max|Δ²|, so the
	// chord error over 1/n is at most 3·max|Δ²| / (4 n²).
	d1 := math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y)
	d2 := math.Hypot(p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y)
	n := refSegmentsFor(3 * math.Max(d1, d2) / (4 * f.tol))
	f.emit(n, p0, p1, p2, p3)
}

// emit draws the cubic as n lines of equal parameter step (plus the two
// short tangent lines when asked for), ending exactly on p3. The points come
// from forward differences: three additions per point instead of evaluating
// the polynomial; over at most MaxCurveSegments steps the rounding drift stays
// far below any tolerance.
func (f *refFlattener) emit(n int, p0, p1, p2, p3 Point) {
	prev := p0
	if f.tangents {
		f.t = 1 / (64 * float64(n))
		q := evalCubic(p0, p1, p2, p3, f.t)
		f.line(prev, q)
		prev = q
	}
	h := 1 / float64(n)
	h2, h3 := h*h, h*h*h
	ax, ay := -p0.X+3*(p1.X-p2.X)+p3.X, -p0.Y+3*(p1.Y-p2.Y)+p3.Y
	bx, by := 3*(p0.X-2*p1.X+p2.X), 3*(p0.Y-2*p1.Y+p2.Y)
	cx, cy := 3*(p1.X-p0.X), 3*(p1.Y-p0.Y)
	x, y := p0.X, p0.Y
	dx, dy := ax*h3+bx*h2+cx*h, ay*h3+by*h2+cy*h
	ddx, ddy := 6*ax*h3+2*bx*h2, 6*ay*h3+2*by*h2
	dddx, dddy := 6*ax*h3, 6*ay*h3
	for i := 1; i < n; i++ {
		x, y = x+dx, y+dy
		dx, dy = dx+ddx, dy+ddy
		ddx, ddy = ddx+dddx, ddy+dddy
		q := Point{x, y}
		f.t = float64(i) * h
		f.line(prev, q)
		prev = q
	}
	if f.tangents {
		f.t = 1 - 1/(64*float64(n))
		q := evalCubic(p0, p1, p2, p3, f.t)
		f.line(prev, q)
		prev = q
	}
	f.t = 1
	f.line(prev, p3)
}

// segmentsFor returns ceil(sqrt(x)) clamped to [1, MaxCurveSegments]; NaN gives 1.
func refSegmentsFor(x float64) int {
	if !(x > 1) {
		return 1
	}
	s := math.Ceil(math.Sqrt(x))
	if s > MaxCurveSegments {
		return MaxCurveSegments
	}
	return int(s)
}

func (p *Path) refEllipse(cx, cy, rx, ry, rotation, a0, a1 float64, ccw bool, m Matrix) {
	if !finite(cx, cy, rx, ry, rotation, a0, a1) {
		return
	}
	if a0 == a1 {
		// Chromium draws only the connecting line for an empty arc, without
		// normalising the angles first.
		p.lineOrMove(m.Apply(refEllipsePoint(cx, cy, rx, ry, rotation, a0)))
		return
	}
	start, sweep := ArcSweep(a0, a1, ccw)
	p.lineOrMove(m.Apply(refEllipsePoint(cx, cy, rx, ry, rotation, start)))
	if rx == 0 || ry == 0 {
		p.degenerateEllipse(cx, cy, rx, ry, rotation, start, sweep, m)
		return
	}
	p.refArcSegments(cx, cy, rx, ry, rotation, start, sweep, m)
}

func refEllipsePoint(cx, cy, rx, ry, rot, t float64) Point {
	st, ct := math.Sincos(t)
	x, y := rx*ct, ry*st
	if rot != 0 {
		sr, cr := math.Sincos(rot)
		x, y = x*cr-y*sr, x*sr+y*cr
	}
	return Point{cx + x, cy + y}
}

func (p *Path) refArcSegments(cx, cy, rx, ry, rot, start, sweep float64, m Matrix) {
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
	sr, cr := math.Sincos(rot)
	// Unit-circle point u in the ellipse frame -> device.
	toDev := func(ux, uy float64) Point {
		x, y := rx*ux, ry*uy
		return m.Apply(Point{cx + x*cr - y*sr, cy + x*sr + y*cr})
	}
	// Each piece starts where the last ended, so one Sincos per piece; the
	// handle length of a quarter turn is a constant (round caps and joins
	// come here for every dash).
	sa, ca := math.Sincos(start)
	piece := func(a, step, k float64, last bool) {
		b := a + step
		if last {
			b = start + sweep
		}
		sb, cb := math.Sincos(b)
		p.CubicTo(
			toDev(ca-k*sa, sa+k*ca),
			toDev(cb+k*sb, sb-k*cb),
			toDev(cb, sb),
		)
		sa, ca = sb, cb
	}
	kq := dir * quarterHandle
	for i := 0; i < n; i++ {
		piece(start+dir*quarter*float64(i), dir*quarter, kq, i == n-1 && rest == 0)
	}
	if rest > 0 {
		piece(start+dir*quarter*float64(n), dir*rest, 4.0/3.0*math.Tan(dir*rest/4), true)
	}
}
