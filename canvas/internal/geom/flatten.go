package geom

import "math"

// MaxCurveSegments bounds how many lines one curve may flatten into, so that
// absurd coordinates (1e300) cannot turn one Bézier into billions of lines. A
// curve that would need more is flattened with this many and is then less exact
// than tol — only possible for curves thousands of times larger than any canvas.
const MaxCurveSegments = 4096

// Rect is an axis-aligned rectangle in floating-point device space.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

// Everywhere is a Rect that contains every finite point.
var Everywhere = Rect{-math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64, math.MaxFloat64}

// Flatten emits line segments approximating p within tol (device px): every
// line, and each curve subdivided uniformly into as many pieces as Wang's bound
// needs. Every subpath is closed with a final segment back to its start, since
// the result is meant for filling.
func Flatten(p *Path, tol float64, line func(a, b Point)) {
	FlattenClip(p, tol, Everywhere, line)
}

// FlattenClip is Flatten for a filler that only looks at clip and sweeps it
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
func FlattenClip(p *Path, tol float64, clip Rect, line func(a, b Point)) {
	if !(tol > 0) {
		tol = 0.1
	}
	f := flattener{tol: tol, line: line}
	f.setClip(clip)
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
				f.seg(cur, start)
			}
			start, cur, open = pts[0], pts[0], true
		case LineTo:
			if !open {
				start, open = cur, true
			}
			f.seg(cur, pts[0])
			cur = pts[0]
		case QuadTo:
			if !open {
				start, open = cur, true
			}
			f.quad(cur, pts[0], pts[1], 0)
			cur = pts[1]
		case CubicTo:
			if !open {
				start, open = cur, true
			}
			f.cubic(cur, pts[0], pts[1], pts[2], 0)
			cur = pts[2]
		case Close:
			if open && cur != start {
				f.seg(cur, start)
			}
			cur = start
			open = false
		}
		pts = pts[n:]
	}
	if open && cur != start {
		f.seg(cur, start)
	}
}

// flattener turns curves into lines. Unless setClip gives it a clip it
// flattens every curve whole, as the stroker needs.
type flattener struct {
	tol  float64
	clip Rect
	line func(a, b Point)
	// tangents adds a point a tiny parameter step inside each end of every
	// curve, so the first and last lines run along the curve's end tangents:
	// the stroker orients caps and joins by them.
	tangents bool
	// t is the curve parameter of the end point of the line being emitted
	// (set before each call of line from emit when tangents is on; the
	// stroker keeps it to cut dashes out of the curve itself).
	t float64
	// clipped is clip != Everywhere; hugeW and hugeH are classify's extents
	// beyond which a curve is halved first. All three are fixed per path.
	clipped      bool
	hugeW, hugeH float64
}

func (f *flattener) setClip(clip Rect) {
	f.clip = clip
	f.clipped = clip != Everywhere
	f.hugeW = max(4*(clip.MaxX-clip.MinX), hugeCurve)
	f.hugeH = max(4*(clip.MaxY-clip.MinY), hugeCurve)
}

// seg passes a line on unless the clip is a band of rows it misses: the
// outline of a long stroke is mostly lines, and each band would otherwise
// pass them all on.
func (f *flattener) seg(a, b Point) {
	if f.clipped {
		lo, hi := f.clip.MinY, f.clip.MaxY
		if (a.Y < lo && b.Y < lo) || (a.Y > hi && b.Y > hi) {
			return
		}
	}
	f.line(a, b)
}

// What a clipped flattening does with a curve, by the bounds of its control
// polygon (see classify).
const (
	keepCurve  = iota // flatten it
	dropCurve         // it crosses none of the clip's rows: no line at all
	chordCurve        // it misses the clip: its chord stands in
	halveCurve        // it is far larger than the clip: halve it first
)

// classify decides a curve's fate from the bounds of its control polygon.
// Curves entirely above or below the clip's rows are dropped (at the top
// level; a half of a huge curve becomes its chord like any other half that
// misses the clip), curves whose hull misses the clip become their chord,
// and curves far larger than the clip are halved. Plain comparisons: this
// runs for every curve of the path in every band. A NaN coordinate makes
// its bounds NaN, every comparison false, and keeps the curve.
func (f *flattener) classify(minX, minY, maxX, maxY float64, depth int) int {
	offRows := maxY < f.clip.MinY || minY > f.clip.MaxY
	if offRows || maxX < f.clip.MinX || minX > f.clip.MaxX {
		if offRows && depth == 0 {
			return dropCurve
		}
		return chordCurve
	}
	// The threshold does not shrink with small clips: a canvas that rasterizes
	// in bands must flatten a curve crossing two bands the same way in both,
	// or the polylines would differ at the seam.
	if depth < maxSplitDepth && (maxX-minX > f.hugeW || maxY-minY > f.hugeH) {
		return halveCurve
	}
	return keepCurve
}

// contains reports p inside the clip. A curve whose control points all are
// needs no classify: it crosses the clip's rows, and its extent is at most
// the clip's, far below the threshold for halving. (NaN is not inside.)
func (f *flattener) contains(p Point) bool {
	return p.X >= f.clip.MinX && p.X <= f.clip.MaxX && p.Y >= f.clip.MinY && p.Y <= f.clip.MaxY
}

// hugeCurve is the extent (px) beyond which a curve is halved before it is
// flattened, whatever the clip.
const hugeCurve = 1 << 14

// hull is the bounding box of pts. A NaN coordinate makes its bounds NaN
// (every comparison with them false), as math.Min/Max would, without their
// cost on the common path.
func hull(pts []Point) (minX, minY, maxX, maxY float64) {
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

// maxSplitDepth bounds the halving of huge curves: 2^24 halves shrink any finite
// double-precision extent that matters for a canvas below the 4×clip threshold.
const maxSplitDepth = 24

func (f *flattener) quad(p0, p1, p2 Point, depth int) {
	if f.clipped && !(f.contains(p0) && f.contains(p1) && f.contains(p2)) {
		switch f.classify(min(p0.X, p1.X, p2.X), min(p0.Y, p1.Y, p2.Y),
			max(p0.X, p1.X, p2.X), max(p0.Y, p1.Y, p2.Y), depth) {
		case dropCurve:
			return
		case chordCurve:
			f.line(p0, p2)
			return
		case halveCurve:
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
	dx, dy := p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y
	d := dx*dx + dy*dy
	if !(d <= math.MaxFloat64) {
		d = math.Hypot(dx, dy) // overflow, Inf or NaN: keep Hypot's answer
	} else {
		d = math.Sqrt(d)
	}
	n := segmentsFor(d / (4 * f.tol))
	// A quadratic is the cubic with controls two thirds of the way to p1.
	f.emit(n, p0, Point{p0.X + 2.0/3*(p1.X-p0.X), p0.Y + 2.0/3*(p1.Y-p0.Y)},
		Point{p2.X + 2.0/3*(p1.X-p2.X), p2.Y + 2.0/3*(p1.Y-p2.Y)}, p2)
}

func (f *flattener) cubic(p0, p1, p2, p3 Point, depth int) {
	if f.clipped && !(f.contains(p0) && f.contains(p1) && f.contains(p2) && f.contains(p3)) {
		switch f.classify(min(p0.X, p1.X, p2.X, p3.X), min(p0.Y, p1.Y, p2.Y, p3.Y),
			max(p0.X, p1.X, p2.X, p3.X), max(p0.Y, p1.Y, p2.Y, p3.Y), depth) {
		case dropCurve:
			return
		case chordCurve:
			f.line(p0, p3)
			return
		case halveCurve:
			a, b, c := mid(p0, p1), mid(p1, p2), mid(p2, p3)
			d, e := mid(a, b), mid(b, c)
			m := mid(d, e)
			f.cubic(p0, a, d, m, depth+1)
			f.cubic(m, e, c, p3, depth+1)
			return
		}
	}
	// Wang: the second derivative of a cubic is bounded by 6·max|Δ²|, so the
	// chord error over 1/n is at most 3·max|Δ²| / (4 n²). The larger |Δ²| is
	// the root of the larger square: one Sqrt instead of two Hypots, and the
	// same value to within an ulp whenever the squares are finite.
	ax, ay := p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y
	bx, by := p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y
	d := max(ax*ax+ay*ay, bx*bx+by*by)
	if !(d <= math.MaxFloat64) {
		// Overflow, Inf or NaN: Hypot's special cases decide, as before.
		d = math.Max(math.Hypot(ax, ay), math.Hypot(bx, by))
	} else {
		d = math.Sqrt(d)
	}
	f.emit(segmentsFor(3*d/(4*f.tol)), p0, p1, p2, p3)
}

// emit draws the cubic as n lines of equal parameter step, ending exactly on
// p3. The points come from forward differences: three additions per point
// instead of evaluating the polynomial; over at most MaxCurveSegments steps
// the rounding drift stays far below any tolerance. Filling needs no curve
// parameters, so this path keeps none (see emitTangents for the stroker's).
func (f *flattener) emit(n int, p0, p1, p2, p3 Point) {
	if f.tangents {
		f.emitTangents(n, p0, p1, p2, p3)
		return
	}
	line := f.line
	if n == 1 {
		line(p0, p3)
		return
	}
	h, h2, h3 := steps(n)
	ax, ay := -p0.X+3*(p1.X-p2.X)+p3.X, -p0.Y+3*(p1.Y-p2.Y)+p3.Y
	bx, by := 3*(p0.X-2*p1.X+p2.X), 3*(p0.Y-2*p1.Y+p2.Y)
	cx, cy := 3*(p1.X-p0.X), 3*(p1.Y-p0.Y)
	x, y := p0.X, p0.Y
	dx, dy := ax*h3+bx*h2+cx*h, ay*h3+by*h2+cy*h
	ddx, ddy := 6*ax*h3+2*bx*h2, 6*ay*h3+2*by*h2
	dddx, dddy := 6*ax*h3, 6*ay*h3
	prev := p0
	for i := 1; i < n; i++ {
		x, y = x+dx, y+dy
		dx, dy = dx+ddx, dy+ddy
		ddx, ddy = ddx+dddx, ddy+dddy
		q := Point{x, y}
		line(prev, q)
		prev = q
	}
	line(prev, p3)
}

// steps returns the parameter step 1/n and its square and cube. Small n,
// which is nearly every curve on a canvas, come from a table: a division is
// most of the latency between a curve's segment count and its first point.
func steps(n int) (h, h2, h3 float64) {
	if uint(n) < uint(len(stepTable)) {
		s := &stepTable[n]
		return s[0], s[1], s[2]
	}
	h = 1 / float64(n)
	return h, h * h, h * h * h
}

var stepTable = func() (t [65][3]float64) {
	for n := 1; n < len(t); n++ {
		h := 1 / float64(n)
		t[n] = [3]float64{h, h * h, h * h * h}
	}
	return t
}()

// emitTangents is emit for the stroker: the same points plus the two short
// tangent lines, with f.t set to the parameter of each line's end.
func (f *flattener) emitTangents(n int, p0, p1, p2, p3 Point) {
	prev := p0
	f.t = 1 / (64 * float64(n))
	q := evalCubic(p0, p1, p2, p3, f.t)
	f.line(prev, q)
	prev = q
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
	f.t = 1 - 1/(64*float64(n))
	q = evalCubic(p0, p1, p2, p3, f.t)
	f.line(prev, q)
	f.t = 1
	f.line(q, p3)
}

func evalCubic(p0, p1, p2, p3 Point, t float64) Point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return Point{a*p0.X + b*p1.X + c*p2.X + d*p3.X, a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y}
}

// segmentsFor returns ceil(sqrt(x)) clamped to [1, MaxCurveSegments]; NaN gives 1.
// Rounding up by comparison instead of math.Ceil gives the same integer.
func segmentsFor(x float64) int {
	if !(x > 1) {
		return 1
	}
	if x >= MaxCurveSegments*MaxCurveSegments {
		return MaxCurveSegments // sqrt is monotonic and exact at the square
	}
	s := math.Sqrt(x)
	n := int(s)
	if float64(n) < s {
		n++
	}
	return n
}

func mid(a, b Point) Point { return Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2} }
