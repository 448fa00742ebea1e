package geom

import (
	"math"
	"sync"
)

// Cap is the canvas lineCap.
type Cap uint8

const (
	ButtCap Cap = iota
	RoundCap
	SquareCap
)

// Join is the canvas lineJoin.
type Join uint8

const (
	MiterJoin Join = iota
	RoundJoin
	BevelJoin
)

// StrokeStyle holds the canvas line state in user units. The zero Cap and Join
// are the canvas defaults (butt, miter); MiterLimit ≤ 0 means the default 10.
// Dash is the setLineDash list (an odd-length list is repeated, as the spec says;
// a list with a negative, non-finite or all-zero entry set disables dashing).
type StrokeStyle struct {
	Width      float64
	Cap        Cap
	Join       Join
	MiterLimit float64
	Dash       []float64
	DashOffset float64
	// Cull, when not empty, is the device-space area the stroke can be seen
	// in (the clip bounds). A dashed path that is one horizontal line in user
	// space is then trimmed to it, keeping its phase, before dashing, as
	// Skia does: a [1, 1] dash on a line 1e9 long stays dashed where it is
	// visible instead of exceeding MaxDashes.
	Cull Rect
}

// StrokeTolerance is the device-space flattening tolerance of stroked
// centerlines; finer than the fill tolerance because the offset magnifies
// chord error on the outside of tight curves.
const StrokeTolerance = 0.05

// MaxDashes bounds the dashes one Stroke call may produce. A dash pattern that
// would need more (a 1-unit dash along a line to 1e12) is ignored and the
// subpath is stroked solid, so input size never turns into unbounded work.
const MaxDashes = 1 << 17

// Stroke appends to dst the outline of src stroked with st. src is in device
// space; the stroke is computed in user space (src mapped through m's inverse,
// so lineWidth and dashes are in user units and a non-uniform m gives an
// elliptical pen, as browsers do) and the outline is mapped back through m.
// dst must be filled with the non-zero rule: the outline is a union of pieces
// that overlap where joins fold over. Zero-length subpaths and segments draw
// nothing; a singular or non-finite m or a non-positive width draws nothing.
func Stroke(dst, src *Path, st StrokeStyle, m Matrix) {
	k := strokerPool.Get().(*Stroker)
	k.Stroke(dst, src, st, m)
	strokerPool.Put(k)
}

// Stroker strokes like the package functions but keeps its scratch buffers
// between calls, so a canvas that holds one allocates nothing once warm. The
// zero value is ready to use; a Stroker is not safe for concurrent use.
type Stroker struct{ s stroker }

// Stroke is the package-level Stroke using k's buffers.
func (k *Stroker) Stroke(dst, src *Path, st StrokeStyle, m Matrix) {
	if !(st.Width > 0) || math.IsInf(st.Width, 0) {
		return
	}
	inv, ok := m.Invert()
	if !ok {
		return
	}
	s := &k.s
	s.init(dst, st, m)
	s.hairline = false
	s.tol = StrokeTolerance / m.MaxScale()
	s.run(src, inv)
	s.dst = nil
}

// HairlineAlpha reports whether Chromium draws a stroke of st under m as an
// anti-aliased hairline, and with what coverage. Skia does so for every
// stroke whose pen, mapped to device space, is at most one pixel across along
// both axes (lengths measured with its fast max+min/2 estimate), and
// modulates the hairline by the average of the two lengths. A hairline is one
// pixel thick along the line's minor axis rather than perpendicular to it, so
// a thin diagonal line covers max(|dx|,|dy|) pixels, not its length. When ok,
// draw StrokeHairline's outline with the paint's alpha multiplied by alpha.
func HairlineAlpha(st StrokeStyle, m Matrix) (alpha float64, ok bool) {
	if !(st.Width > 0) || math.IsInf(st.Width, 0) || !m.IsFinite() {
		return 0, false
	}
	fastLen := func(x, y float64) float64 {
		x, y = math.Abs(x), math.Abs(y)
		if x < y {
			x, y = y, x
		}
		return x + y/2
	}
	l0 := fastLen(m.A*st.Width, m.B*st.Width)
	l1 := fastLen(m.C*st.Width, m.D*st.Width)
	if l0 <= 1 && l1 <= 1 {
		return (l0 + l1) / 2, true
	}
	return 0, false
}

// StrokeHairline appends to dst the device-space outline of src drawn as a
// Skia anti-aliased hairline with st's dashes and caps: every line of the
// (user-space dashed, device-space flattened) path becomes a parallelogram one
// pixel thick along its minor axis; round and square caps push open ends out
// by π/8 and 1/2 pixel. Fill it with the non-zero rule and scale coverage by
// HairlineAlpha.
func StrokeHairline(dst, src *Path, st StrokeStyle, m Matrix) {
	k := strokerPool.Get().(*Stroker)
	k.StrokeHairline(dst, src, st, m)
	strokerPool.Put(k)
}

// StrokeHairline is the package-level StrokeHairline using k's buffers.
func (k *Stroker) StrokeHairline(dst, src *Path, st StrokeStyle, m Matrix) {
	inv, ok := m.Invert()
	if !ok {
		return
	}
	st.Width = 1 // only dash validation uses it; the pen is the pixel
	s := &k.s
	s.init(dst, st, m)
	s.hairline = true
	s.tol = StrokeTolerance / m.MaxScale()
	s.run(src, inv)
	s.dst = nil
}

var strokerPool = sync.Pool{New: func() any { return new(Stroker) }}

type stroker struct {
	dst        *Path
	m          Matrix
	hw         float64
	tol        float64
	cap        Cap
	join       Join
	miterLimit float64
	dash       []float64 // normalised pattern (even length) or nil
	dashSum    float64
	dashOffset float64
	dashBudget int
	cull       Rect
	miter      bool // miter joins (widens the cull margin, as in Skia)
	hairline   bool
	// drawn is set once the current subpath has a line, curve or close;
	// degenerate when the whole path sits on one point (see degenerate).
	drawn      bool
	degenerate bool
	// upright is set when the subpath began with a curve that is a single
	// point (see run).
	upright bool
	// buttStart gives the next polyline a butt start cap whatever the cap.
	buttStart bool

	// Current user-space polyline; corner[i] is false for points that only
	// subdivide a curve (their join is always round, as for a true offset).
	pts    []Point
	corner []bool
	// scale[i] converts the length of the segment ending at pts[i] to the
	// length Skia's dasher measures for it (1 on lines; see measure.go).
	scale []float64
	// seg describes the segment ending at each point of pts: the curve
	// (index into curves) whose flattening produced it and the parameter
	// span it covers, or id -1 for lines and for curves the polyline offset
	// strokes. curID is the curve being flattened.
	seg    segInfo
	curID  int32
	curves []strokeCurve
	// curveTol is Skia's stroker tolerance in user units: a quarter
	// device pixel.
	curveTol float64
	closed   bool
	// measureTol is Skia's curve-measuring tolerance in user units.
	measureTol float64
	measure    measureBudget
	segScale   []float64 // scale of the polyline being flushed
	closeScale float64   // scale of its closing segment

	// Scratch for stroking one polyline and for dashing.
	sp, rp    []Point
	su, ru    []Point
	sl, rl    []float64
	sc, rc    []bool
	dp, fp    []Point
	dc, fc    []bool
	dashStore []float64
	flat      flattener
	flatFn    func(a, b Point)

	// Curve runs of the polyline being stroked: sseg is the segInfo of its
	// deduplicated points; srun[i] (rrun[i] for the reversed polyline) is
	// the end segment of the curve piece starting at segment i, or -1, and
	// srunID/rrunID index that piece in runCurves. dseg and fseg go with
	// the dash being built (dp) and the held-back first dash (fp).
	sseg, dseg, fseg segInfo
	srun, rrun       []int32
	srunID, rrunID   []int32
	runCurves        []strokeCurve
	cusps            []Point
	off              curveOffsetter
	offOut           func(ctrl, end Point, line bool)
	offPrev          Point // device-space current point while emitting a curve side
}

func (s *stroker) init(dst *Path, st StrokeStyle, m Matrix) {
	s.dst, s.m = dst, m
	s.hw = st.Width / 2
	s.cap, s.join = st.Cap, st.Join
	if s.cap > SquareCap {
		s.cap = ButtCap
	}
	if s.join > BevelJoin {
		s.join = MiterJoin
	}
	s.cull, s.miter = st.Cull, st.Join == MiterJoin
	// Skia measures curves for dashing to half a device pixel, with the
	// device scale estimated from the transform's column lengths.
	rs := math.Max(math.Hypot(m.A, m.B), math.Hypot(m.C, m.D))
	if !(rs > 0) || math.IsInf(rs, 0) {
		rs = 1
	}
	s.measureTol = 0.5 / rs
	s.curveTol = 1 / (4 * math.Min(rs, 1000))
	s.measure = measureBudget{MaxMeasurePieces}
	s.miterLimit = st.MiterLimit
	if !(s.miterLimit > 0) || math.IsInf(s.miterLimit, 0) {
		s.miterLimit = 10
	}
	s.dash, s.dashSum = nil, 0
	s.dashBudget = MaxDashes
	if len(st.Dash) > 0 {
		d := append(s.dashStore[:0], st.Dash...)
		if len(d)%2 == 1 {
			d = append(d, st.Dash...)
		}
		s.dashStore = d
		sum, valid := 0.0, true
		for _, v := range d {
			if !(v >= 0) || math.IsInf(v, 0) {
				valid = false
			}
			sum += v
		}
		if valid && sum > 0 && !math.IsInf(sum, 0) {
			s.dash, s.dashSum = d, sum
			off := st.DashOffset
			if math.IsNaN(off) || math.IsInf(off, 0) {
				off = 0
			}
			off = math.Mod(off, sum)
			if off < 0 {
				off += sum
			}
			s.dashOffset = off
		}
	}
}

// run walks src, rebuilding each subpath as a user-space polyline.
func (s *stroker) run(src *Path, inv Matrix) {
	if s.flatFn == nil {
		s.flatFn = s.flatLine // one method value for the stroker's lifetime
	}
	s.flat = flattener{clip: Everywhere, tol: s.tol, line: s.flatFn, tangents: true}
	s.pts, s.corner, s.scale, s.closed, s.drawn = s.pts[:0], s.corner[:0], s.scale[:0], false, false
	s.seg.reset()
	s.curves, s.curID = s.curves[:0], -1
	s.degenerate = degenerate(src)
	if a, b, ok := s.cullLine(src, inv); ok {
		s.add(a, true)
		s.add(b, true)
		s.drawn = true
		s.flush()
		return
	}
	var start Point
	pts := src.Points
	for _, v := range src.Verbs {
		n := NumPoints[v]
		if n > len(pts) {
			break
		}
		switch v {
		case MoveTo:
			s.flush()
			start = inv.Apply(pts[0])
			s.add(start, true)
		case LineTo:
			s.begin(start)
			s.add(inv.Apply(pts[0]), true)
			s.drawn = true
		case QuadTo:
			s.begin(start)
			s.drawn = true
			if len(s.pts) == 0 {
				break
			}
			p0 := s.pts[len(s.pts)-1]
			c1, p2 := inv.Apply(pts[0]), inv.Apply(pts[1])
			s.noteUpright(p0, c1, p2, p2)
			k0 := len(s.pts)
			s.curID = s.curveID(false, p0, c1, p2, Point{})
			s.flat.quad(p0, c1, p2, 0)
			s.curID = -1
			s.corner[len(s.corner)-1] = true
			s.measureCurve(k0, false, p0, c1, p2, p2)
		case CubicTo:
			s.begin(start)
			s.drawn = true
			if len(s.pts) == 0 {
				break
			}
			p0 := s.pts[len(s.pts)-1]
			c1, c2, p3 := inv.Apply(pts[0]), inv.Apply(pts[1]), inv.Apply(pts[2])
			s.noteUpright(p0, c1, c2, p3)
			k0 := len(s.pts)
			s.curID = s.curveID(true, p0, c1, c2, p3)
			s.flat.cubic(p0, c1, c2, p3, 0)
			s.curID = -1
			s.corner[len(s.corner)-1] = true
			s.measureCurve(k0, true, p0, c1, c2, p3)
		case Close:
			if len(s.pts) > 0 {
				s.closed = true
				s.drawn = true
				s.flush()
			}
		}
		pts = pts[n:]
	}
	s.flush()
}

// cullLine trims a dashed path that is a single horizontal user-space line
// (moveTo, lineTo) to the cull rectangle, as Skia's dasher does before
// dashing: the cull area is mapped to user space and widened by the stroke's
// reach (half the width, at least 1, times the miter limit for miter joins),
// and each end beyond it is pulled in by whole dash periods so the pattern
// keeps its phase. ok is false when the rule does not apply.
func (s *stroker) cullLine(src *Path, inv Matrix) (a, b Point, ok bool) {
	c := s.cull
	if s.dash == nil || !(c.MinX < c.MaxX && c.MinY < c.MaxY) ||
		len(src.Verbs) != 2 || src.Verbs[0] != MoveTo || src.Verbs[1] != LineTo || len(src.Points) < 2 {
		return a, b, false
	}
	a, b = inv.Apply(src.Points[0]), inv.Apply(src.Points[1])
	if a.Y != b.Y || !finite(a.X, a.Y, b.X) {
		return a, b, false
	}
	// The cull rectangle's user-space bounds.
	lo, hi := Point{math.Inf(1), math.Inf(1)}, Point{math.Inf(-1), math.Inf(-1)}
	for _, q := range [4]Point{{c.MinX, c.MinY}, {c.MaxX, c.MinY}, {c.MaxX, c.MaxY}, {c.MinX, c.MaxY}} {
		u := inv.Apply(q)
		lo, hi = Point{math.Min(lo.X, u.X), math.Min(lo.Y, u.Y)}, Point{math.Max(hi.X, u.X), math.Max(hi.Y, u.Y)}
	}
	r := s.hw
	if s.hairline || r == 0 {
		r = 1
	}
	if s.miter {
		r *= s.miterLimit
	}
	left, right := lo.X-r, hi.X+r
	minX, maxX := math.Min(a.X, b.X), math.Max(a.X, b.X)
	if maxX < left || minX > right || !finite(left, right) {
		return a, b, false
	}
	if minX < left {
		minX = left - math.Mod(left-minX, s.dashSum)
	}
	if maxX > right {
		maxX = right + math.Mod(maxX-right, s.dashSum)
	}
	if a.X <= b.X {
		a.X, b.X = minX, maxX
	} else {
		a.X, b.X = maxX, minX
	}
	return a, b, true
}

// measureCurve sets the dash-length scale of the points pts[k0:] that
// flatten one curve, when dashing: Skia's measured length of the curve over
// the length of its flattening.
func (s *stroker) measureCurve(k0 int, cubic bool, p0, p1, p2, p3 Point) {
	if s.dash == nil || k0 < 1 || k0 >= len(s.pts) {
		return
	}
	e := 0.0
	for i := k0; i < len(s.pts); i++ {
		e += dist(s.pts[i-1], s.pts[i])
	}
	sk := skiaCurveLength(cubic, p0, p1, p2, p3, s.measureTol, &s.measure)
	if !(e > 0) || !(sk > 0) || math.IsInf(sk, 0) {
		return
	}
	f := sk / e
	for i := k0; i < len(s.pts); i++ {
		s.scale[i] = f
	}
}

// curveID records the curve about to be flattened and returns its id, when
// it is one Skia strokes by fitting quadratics to its offsets (see
// curvestroke.go), arcs as the conics Skia has for them; not for hairlines
// or flat curves, which keep the polyline offset (-1).
func (s *stroker) curveID(cubic bool, p0, p1, p2, p3 Point) int32 {
	if s.hairline || !skiaStrokable(cubic, p0, p1, p2, p3) {
		return -1
	}
	if cubic {
		if c, arc := arcConic(p0, p1, p2, p3); arc {
			if !skiaStrokable(false, c.p0, c.p1, c.p2, Point{}) {
				return -1
			}
			s.curves = append(s.curves, strokeCurve{p: [4]Point{c.p0, c.p1, c.p2}, conic: true, w: c.w, arc: [4]Point{p0, p1, p2, p3}})
			return int32(len(s.curves) - 1)
		}
	}
	s.curves = append(s.curves, strokeCurve{p: [4]Point{p0, p1, p2, p3}, cubic: cubic})
	return int32(len(s.curves) - 1)
}

// noteUpright records a subpath whose first segment is a curve collapsed to
// a point p0. Skia strokes such a curve as a zero-length line that, having no
// direction, points down the user-space y axis, so a square or round start
// cap is drawn upright and joined to the next segment (a zero-length lineTo
// is dropped instead).
func (s *stroker) noteUpright(p0, c1, c2, p3 Point) {
	if len(s.pts) == 1 && s.same(p0, c1) && s.same(p0, c2) && s.same(p0, p3) {
		s.upright = true
	}
}

// begin makes sure a polyline is open; after Close the next segment continues
// from the closed subpath's first point.
func (s *stroker) begin(start Point) {
	if len(s.pts) == 0 {
		s.add(start, true)
	}
}

func (s *stroker) flatLine(a, b Point) { s.addSeg(b, false, s.curID, s.flat.t) }

// add appends q unless it repeats the last point: zero-length segments are
// removed, as the spec's stroke algorithm says.
func (s *stroker) add(q Point, corner bool) { s.addSeg(q, corner, -1, 0) }

// addSeg is add for a point ending a piece of curve id at parameter t.
func (s *stroker) addSeg(q Point, corner bool, id int32, t float64) {
	if math.IsNaN(q.X) || math.IsNaN(q.Y) || math.IsInf(q.X, 0) || math.IsInf(q.Y, 0) {
		return
	}
	n := len(s.pts)
	if n > 0 && s.same(s.pts[n-1], q) {
		if corner {
			s.corner[n-1] = true
		}
		if id >= 0 && s.seg.id[n-1] == id {
			s.seg.t1[n-1] = t // the dropped point's span joins the last one
		}
		return
	}
	t0 := 0.0
	if id >= 0 && n > 0 && s.seg.id[n-1] == id {
		t0 = s.seg.t1[n-1]
	}
	s.pts = append(s.pts, q)
	s.corner = append(s.corner, corner)
	s.scale = append(s.scale, 1)
	s.seg.push(id, t0, t)
}

// same treats points closer than a thousandth of the flattening tolerance as
// one, so rounding in the inverse transform cannot invent tiny segments with
// arbitrary directions.
func (s *stroker) same(a, b Point) bool {
	dx, dy := a.X-b.X, a.Y-b.Y
	e := s.tol * 1e-3
	return dx*dx+dy*dy <= e*e
}

func (s *stroker) flush() {
	pts, corner, scale, sg, closed, drawn, upright := s.pts, s.corner, s.scale, s.seg, s.closed, s.drawn, s.upright
	s.pts, s.corner, s.scale, s.closed, s.drawn, s.upright = s.pts[:0], s.corner[:0], s.scale[:0], false, false, false
	s.seg.reset()
	// The closing segment is a line, unless the subpath ends on its start
	// point and the last segment is dropped here, in which case the closing
	// segment inherits that segment's measure.
	s.closeScale = 1
	if closed && len(pts) > 1 && s.same(pts[0], pts[len(pts)-1]) {
		s.closeScale = scale[len(scale)-1]
		// The closing segment is then the tail of the last segment, curve
		// or not.
		last := len(pts) - 1
		sg.id[0], sg.t0[0], sg.t1[0] = sg.id[last], sg.t0[last], sg.t1[last]
		pts, corner, scale, sg = pts[:last], corner[:last], scale[:last], sg.slice(last)
		corner[0] = true
	}
	s.segScale = scale
	if len(pts) < 2 {
		// A zero-length subpath (moveTo then lines or curves back to the
		// same point, or moveTo then closePath) gets its caps, as in Skia:
		// a round cap draws a dot, a square cap a square along the x axis.
		// A lone moveTo draws nothing, and neither does a path whose every
		// drawn point is the same one (Chromium skips it altogether).
		if len(pts) == 1 && drawn && !s.degenerate {
			s.dot(pts[0], Point{1, 0})
		}
		return
	}
	if upright && !closed && s.dash == nil && s.cap == SquareCap && len(pts) >= 2 {
		// The upright square start cap is a half-width square above the
		// start point: stroke it as a segment of that length coming down
		// into the start point with a butt end, joined to the rest of the
		// subpath. (An upright round cap and a round join cover exactly
		// what the ordinary round cap does, so round caps need nothing.)
		pts = append(pts, Point{})
		corner = append(corner, false)
		copy(pts[1:], pts)
		copy(corner[1:], corner)
		pts[0] = Point{pts[1].X, pts[1].Y - s.hw}
		corner[0], corner[1] = true, true
		s.pts, s.corner = pts[:0], corner[:0] // keep the grown buffers
		s.buttStart = true
		s.polyline(pts, corner, segInfo{}, false)
		s.buttStart = false
		return
	}
	if s.dash != nil && s.dashFits(pts, closed) {
		s.dashPolyline(pts, corner, sg, closed)
		return
	}
	s.polyline(pts, corner, sg, closed)
}

func (s *stroker) dashFits(pts []Point, closed bool) bool {
	l := 0.0
	for i := 1; i < len(pts); i++ {
		l += dist(pts[i-1], pts[i])
	}
	if closed {
		l += dist(pts[len(pts)-1], pts[0])
	}
	n := (l/s.dashSum + 1) * float64(len(s.dash))
	if !(n <= float64(s.dashBudget)) {
		return false
	}
	s.dashBudget -= int(n)
	return true
}

func dist(a, b Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// dashPolyline cuts the polyline into dashes. The pattern restarts at every
// subpath. On a closed subpath that starts inside a dash, that first dash is
// held back and joined to the last one when the last runs up to the start
// point, so the closing vertex gets a join instead of two caps (as Skia does).
//
// A cut inside a curve lands on the curve itself at the parameter found by
// interpolating along the flattened segment, and the dash keeps the curve
// span it covers, so its sides are Skia's fitted quadratics of that piece
// of the curve, as Chromium strokes the sub-curves its dasher cuts out.
func (s *stroker) dashPolyline(pts []Point, corner []bool, sg segInfo, closed bool) {
	d := s.dash
	idx := 0
	pos := s.dashOffset
	// Skip whole intervals the offset passes; like Skia, an offset landing
	// exactly on the end of a non-empty interval skips it, but a zero-length
	// dash at the very start is kept (it draws its caps).
	for pos > d[idx] || (pos == d[idx] && d[idx] > 0) {
		pos -= d[idx]
		idx = (idx + 1) % len(d)
	}
	rem := d[idx] - pos
	on := idx%2 == 0
	holdFirst := closed && on
	firstDone := false
	s.dp, s.dc = s.dp[:0], s.dc[:0]
	s.dseg.reset()
	if on {
		s.dp, s.dc = append(s.dp, pts[0]), append(s.dc, true)
		s.dseg.push(-1, 0, 0)
	}
	n := len(pts)
	segs := n - 1
	if closed {
		segs = n
	}
	for i := 0; i < segs; i++ {
		a, b := pts[i], pts[(i+1)%n]
		bc := corner[(i+1)%n]
		id, ta, tb := sg.at((i + 1) % n)
		tp := ta // curve parameter at the last cut
		// l is the segment's length as Skia's dasher measures it; cut
		// points are placed proportionally along the segment.
		l := dist(a, b)
		if i+1 < n {
			l *= s.segScale[i+1]
		} else {
			l *= s.closeScale
		}
		t := 0.0
		for l-t > rem {
			t += rem
			q := Point{a.X + (b.X-a.X)*t/l, a.Y + (b.Y-a.Y)*t/l}
			tq := ta + (tb-ta)*t/l
			if id >= 0 {
				q = s.curves[id].eval(tq)
			}
			if on {
				s.dp, s.dc = append(s.dp, q), append(s.dc, true)
				s.dseg.push(id, tp, tq)
				if holdFirst && !firstDone {
					s.fp, s.fc = append(s.fp[:0], s.dp...), append(s.fc[:0], s.dc...)
					s.fseg.reset()
					s.fseg.appendFrom(&s.dseg, 0)
					firstDone = true
				} else {
					s.dashOut(s.dp, s.dc, s.dseg, a, b)
				}
				s.dp, s.dc = s.dp[:0], s.dc[:0]
				s.dseg.reset()
			} else {
				s.dp, s.dc = append(s.dp[:0], q), append(s.dc[:0], true)
				s.dseg.reset()
				s.dseg.push(-1, 0, 0)
			}
			tp = tq
			idx = (idx + 1) % len(d)
			rem = d[idx]
			on = !on
		}
		rem -= l - t
		if on {
			s.dp, s.dc = append(s.dp, b), append(s.dc, bc)
			s.dseg.push(id, tp, tb)
		}
	}
	switch {
	case holdFirst && !firstDone:
		// One dash covers the whole closed subpath.
		s.polyline(pts, corner, sg, true)
	case holdFirst && on:
		// The last dash reaches the start point: continue it into the first.
		s.dp = append(s.dp, s.fp[1:]...)
		s.dc = append(s.dc, s.fc[1:]...)
		s.dseg.appendFrom(&s.fseg, 1)
		s.dc[len(s.dc)-len(s.fc)] = true
		s.polyline(s.dp, s.dc, s.dseg, false)
	case holdFirst:
		s.dashOut(s.fp, s.fc, s.fseg, pts[0], pts[1])
	case on:
		s.polyline(s.dp, s.dc, s.dseg, false)
	}
}

// dashOut strokes one dash. A zero-length dash (a 0 in the pattern) still
// gets its caps, oriented along the segment a→b it sits on, as in Skia.
func (s *stroker) dashOut(pts []Point, corner []bool, sg segInfo, a, b Point) {
	zero := true
	for _, q := range pts[1:] {
		if !s.same(q, pts[0]) {
			zero = false
			break
		}
	}
	if !zero {
		s.polyline(pts, corner, sg, false)
		return
	}
	l := dist(a, b)
	if l == 0 {
		return
	}
	s.dot(pts[0], Point{(b.X - a.X) / l, (b.Y - a.Y) / l})
}

// dot draws the two caps of a zero-length line at p running along u: a
// circle for round caps, a square for square caps, nothing for butt caps.
// It turns the same way as every other stroke piece.
func (s *stroker) dot(p, u Point) {
	hw := s.hw
	switch s.cap {
	case RoundCap:
		a0 := math.Atan2(u.X, -u.Y)
		s.moveTo(offset(p, u, hw))
		s.dst.arcSegments(p.X, p.Y, hw, hw, 0, a0, -2*math.Pi, s.m)
		s.dst.Close()
	case SquareCap:
		n := Point{-u.Y * hw, u.X * hw}
		f := Point{u.X * hw, u.Y * hw}
		s.moveTo(Point{p.X - f.X + n.X, p.Y - f.Y + n.Y})
		s.lineTo(Point{p.X + f.X + n.X, p.Y + f.Y + n.Y})
		s.lineTo(Point{p.X + f.X - n.X, p.Y + f.Y - n.Y})
		s.lineTo(Point{p.X - f.X - n.X, p.Y - f.Y - n.Y})
		s.dst.Close()
	}
}

// degenerate reports whether every subpath that draws anything (a line,
// curve or close after its moveTo) lies on one single point, counting
// control points. Chromium then draws nothing, not even round or square caps;
// lone moveTos do not count.
func degenerate(p *Path) bool {
	var first, mv Point
	have, pending := false, false
	same := func(q Point) bool {
		if !have {
			first, have = q, true
			return true
		}
		return q == first
	}
	pts := p.Points
	for _, v := range p.Verbs {
		n := NumPoints[v]
		if n > len(pts) {
			break
		}
		if v == MoveTo {
			mv, pending = pts[0], true
		} else {
			if pending {
				if !same(mv) {
					return false
				}
				pending = false
			}
			for _, q := range pts[:n] {
				if !same(q) {
					return false
				}
			}
		}
		pts = pts[n:]
	}
	return true
}

// polyline strokes one user-space polyline: for an open one the left offset
// forwards, the end cap, the left offset of the reversed polyline (the right
// side) and the start cap, as one closed outline; for a closed one the two
// sides as two loops of opposite direction. sg, when not empty, tells which
// segments flatten which pieces of curves (see stroker.seg): the sides of
// those pieces are then Skia's fitted quadratics instead of the offset
// polyline.
func (s *stroker) polyline(pts []Point, corner []bool, sg segInfo, closed bool) {
	if s.hairline {
		s.hairPolyline(pts, closed)
		return
	}
	// Drop repeats a dash cut may have produced.
	curves := len(sg.id) == len(pts) && len(s.curves) > 0
	s.sp, s.sc = s.sp[:0], s.sc[:0]
	s.sseg.reset()
	for i, q := range pts {
		if n := len(s.sp); n > 0 && s.same(s.sp[n-1], q) {
			s.sc[n-1] = s.sc[n-1] || corner[i]
			if curves && sg.id[i] >= 0 && s.sseg.id[n-1] == sg.id[i] {
				s.sseg.t1[n-1] = sg.t1[i]
			}
			continue
		}
		s.sp, s.sc = append(s.sp, q), append(s.sc, corner[i])
		if curves {
			s.sseg.push(sg.at(i))
		} else {
			s.sseg.push(-1, 0, 0)
		}
	}
	if closed && len(s.sp) > 1 && s.same(s.sp[0], s.sp[len(s.sp)-1]) {
		last := len(s.sp) - 1
		s.sp, s.sc = s.sp[:last], s.sc[:last]
		s.sseg.id[0], s.sseg.t0[0], s.sseg.t1[0] = s.sseg.at(last)
		s.sseg = s.sseg.slice(last)
		s.sc[0] = true
	}
	n := len(s.sp)
	if n < 2 {
		return
	}
	segs := n - 1
	if closed {
		segs = n
	}
	s.su, s.sl = s.su[:0], s.sl[:0]
	for i := 0; i < segs; i++ {
		a, b := s.sp[i], s.sp[(i+1)%n]
		l := dist(a, b)
		s.su = append(s.su, Point{(b.X - a.X) / l, (b.Y - a.Y) / l})
		s.sl = append(s.sl, l)
	}
	curves = curves && s.curveRuns(n, segs)
	// The reversed polyline: its left side is the forward right side.
	s.rp, s.rc, s.ru, s.rl = s.rp[:0], s.rc[:0], s.ru[:0], s.rl[:0]
	for k := 0; k < n; k++ {
		j := n - 1 - k
		if closed {
			j = (n - k) % n
		}
		s.rp, s.rc = append(s.rp, s.sp[j]), append(s.rc, s.sc[j])
	}
	for k := 0; k < segs; k++ {
		j := segs - 1 - k
		s.ru = append(s.ru, Point{-s.su[j].X, -s.su[j].Y})
		s.rl = append(s.rl, s.sl[j])
	}
	var srun, rrun, srunID, rrunID []int32
	if curves {
		srun, rrun, srunID, rrunID = s.srun, s.rrun, s.srunID, s.rrunID
	}
	hw := s.hw
	if closed {
		s.moveTo(offset(s.sp[0], s.su[0], hw))
		s.side(s.sp, s.su, s.sl, s.sc, srun, srunID, false, true)
		s.dst.Close()
		if n > 2 {
			// (With two points the path goes there and back: the first
			// loop already goes round the whole stroke, and a second,
			// coincident one would double the coverage of every edge
			// pixel in an area-accumulating filler.)
			s.moveTo(offset(s.rp[0], s.ru[0], hw))
			s.side(s.rp, s.ru, s.rl, s.rc, rrun, rrunID, true, true)
			s.dst.Close()
		}
	} else {
		s.moveTo(offset(s.sp[0], s.su[0], hw))
		s.side(s.sp, s.su, s.sl, s.sc, srun, srunID, false, false)
		s.capAt(s.sp[n-1], s.su[segs-1])
		s.side(s.rp, s.ru, s.rl, s.rc, rrun, rrunID, true, false)
		if s.buttStart {
			s.lineTo(offset(s.sp[0], s.su[0], hw))
		} else {
			s.capAt(s.rp[n-1], s.ru[segs-1])
		}
		s.dst.Close()
	}
	if curves {
		s.cuspDots()
	}
}

// curveRuns finds the runs of segments that flatten one piece of a curve of
// s.curves (consecutive segments of the same curve with contiguous
// parameter spans), fills s.srun and s.rrun, sets the run's end directions
// to the piece's exact end tangents (Skia joins and caps curves by those)
// and queues the cusp dots. It reports whether there is any run.
func (s *stroker) curveRuns(n, segs int) bool {
	s.srun, s.rrun, s.cusps = s.srun[:0], s.rrun[:0], s.cusps[:0]
	s.srunID, s.rrunID, s.runCurves = s.srunID[:0], s.rrunID[:0], s.runCurves[:0]
	for range segs {
		s.srun, s.rrun = append(s.srun, -1), append(s.rrun, -1)
		s.srunID, s.rrunID = append(s.srunID, -1), append(s.rrunID, -1)
	}
	g := &s.sseg
	found := false
	for i := 0; i < segs; {
		id, t0, t1 := g.at((i + 1) % n)
		e := i + 1
		if id < 0 {
			i = e
			continue
		}
		for e < segs && g.id[(e+1)%n] == id && g.t0[(e+1)%n] == t1 {
			t1 = g.t1[(e+1)%n]
			e++
		}
		if c, ok := s.curves[id].piece(t0, t1); ok && s.same(s.sp[i], c.start()) && s.same(s.sp[e%n], c.end()) {
			u0, u1 := c.startTangent(), c.endTangent()
			l0, l1 := math.Hypot(u0.X, u0.Y), math.Hypot(u1.X, u1.Y)
			if l0 > 0 && l1 > 0 && !math.IsInf(l0, 0) && !math.IsInf(l1, 0) {
				k := int32(len(s.runCurves))
				s.runCurves = append(s.runCurves, c)
				s.su[i] = Point{u0.X / l0, u0.Y / l0}
				s.su[e-1] = Point{u1.X / l1, u1.Y / l1}
				s.srun[i], s.srunID[i] = int32(e), k
				s.rrun[segs-e], s.rrunID[segs-e] = int32(segs-i), k
				if c.cusp {
					s.cusps = append(s.cusps, c.at)
				}
				found = true
			}
		}
		i = e
	}
	return found
}

// cuspDots adds the full circle Skia strokes around each cusp, as extra
// contours after the outline.
func (s *stroker) cuspDots() {
	for _, p := range s.cusps {
		s.moveTo(Point{p.X + s.hw, p.Y})
		s.dst.arcSegments(p.X, p.Y, s.hw, s.hw, 0, 0, 2*math.Pi, s.m)
		s.dst.Close()
	}
	s.cusps = s.cusps[:0]
}

// offset is p moved hw along the left normal of direction u.
func offset(p, u Point, hw float64) Point { return Point{p.X - u.Y*hw, p.Y + u.X*hw} }

func (s *stroker) moveTo(p Point) { s.dst.MoveTo(s.m.Apply(p)) }
func (s *stroker) lineTo(p Point) { s.dst.LineTo(s.m.Apply(p)) }

// side emits the left offset of the polyline from the current point (the offset
// of pts[0]) to the offset end of its last segment, with joins in between.
// run (nil when there are no curves) gives, for the first segment of a whole
// curve, the segment after its last; that curve's side is then fitted with
// quadratics (backwards along the curve when rev).
func (s *stroker) side(pts, u []Point, l []float64, corner []bool, run, runID []int32, rev, closed bool) {
	n := len(pts)
	segs := len(u)
	for i := 0; i < segs; i++ {
		if run != nil && run[i] > 0 {
			s.curveSide(&s.runCurves[runID[i]], rev)
			i = int(run[i]) - 1
		} else {
			s.lineTo(offset(pts[(i+1)%n], u[i], s.hw))
		}
		end := (i + 1) % n
		if i+1 < segs {
			s.joinAt(pts[end], u[i], u[i+1], l[i], l[i+1], corner[end])
		} else if closed {
			s.joinAt(pts[end], u[i], u[0], l[i], l[0], corner[end])
		}
	}
}

// curveSide emits the left side of curve c (traversed backwards when rev) as
// Skia's stroker fits and its rasterizer flattens it.
func (s *stroker) curveSide(cp *strokeCurve, rev bool) {
	c := *cp
	if rev {
		c = c.reversed()
	}
	if s.offOut == nil {
		s.offOut = s.curvePiece
	}
	s.off = curveOffsetter{c: c, r: s.hw, tol: s.curveTol, tol2: s.curveTol * s.curveTol, out: s.offOut}
	s.offPrev = s.m.Apply(s.off.start())
	s.dst.LineTo(s.offPrev)
	s.off.run()
}

// curvePiece receives one fitted piece of a curve side, in user space.
func (s *stroker) curvePiece(ctrl, end Point, line bool) {
	e := s.m.Apply(end)
	if line {
		s.dst.LineTo(e)
	} else {
		s.dst.flattenQuad(s.offPrev, s.m.Apply(ctrl), e)
	}
	s.offPrev = e
}

// joinAt connects the left offsets of two segments meeting at p; the current
// point is p's offset along u's normal and the join ends on v's offset line.
func (s *stroker) joinAt(p, u, v Point, lu, lv float64, corner bool) {
	hw := s.hw
	cross := u.X*v.Y - u.Y*v.X
	dot := u.X*v.X + u.Y*v.Y
	b := offset(p, v, hw)
	if cross > 0 || (cross == 0 && dot > 0) {
		// Inner side. If the two offset lines cross within both segments
		// (well within: keeps neighbouring joins from overlapping), the
		// crossing is the exact envelope and nothing overlaps there, which
		// keeps anti-aliasing along inner edges right. Otherwise go through
		// the pivot like Skia: the folded-over pieces are covered twice,
		// harmless for non-zero filling.
		if dot > -1 {
			t := hw * math.Abs(cross) / (1 + dot) // distance from the offset point to the crossing
			if t <= lu/2 && t <= lv/2 {
				k := hw / (1 + dot)
				s.lineTo(Point{p.X - (u.Y+v.Y)*k, p.Y + (u.X+v.X)*k})
				return
			}
		}
		s.lineTo(p)
		s.lineTo(b)
		return
	}
	// Outer side. The turn angle is negative on the left side's outer turns;
	// a U-turn (cross == 0) goes round the front of p.
	phi := math.Atan2(cross, dot)
	if cross == 0 {
		phi = -math.Pi
	}
	join := s.join
	if !corner {
		join = RoundJoin // subdivided curve: the true offset is round
	}
	switch join {
	case MiterJoin:
		// Spec: miter length / half width = 1/cos(φ/2) = sqrt(2/(1+dot)); beyond
		// the limit the join is a bevel.
		if dot > -1 && 2 <= s.miterLimit*s.miterLimit*(1+dot) {
			k := hw / (1 + dot)
			s.lineTo(Point{p.X - (u.Y+v.Y)*k, p.Y + (u.X+v.X)*k})
		}
		s.lineTo(b)
	case RoundJoin:
		if hw*(1-math.Cos(phi/2)) <= s.tol {
			s.lineTo(b)
			return
		}
		a0 := math.Atan2(u.X, -u.Y) // angle of the left normal (-u.Y, u.X)
		s.dst.arcSegments(p.X, p.Y, hw, hw, 0, a0, phi, s.m)
	default:
		s.lineTo(b)
	}
}

// capAt closes the end of a side at p, where the polyline runs along u: from
// p's left offset round to its right offset.
func (s *stroker) capAt(p, u Point) {
	hw := s.hw
	b := Point{p.X + u.Y*hw, p.Y - u.X*hw}
	switch s.cap {
	case SquareCap:
		a := offset(p, u, hw)
		s.lineTo(Point{a.X + u.X*hw, a.Y + u.Y*hw})
		s.lineTo(Point{b.X + u.X*hw, b.Y + u.Y*hw})
		s.lineTo(b)
	case RoundCap:
		a0 := math.Atan2(u.X, -u.Y)
		s.dst.arcSegments(p.X, p.Y, hw, hw, 0, a0, -math.Pi, s.m)
	default:
		s.lineTo(b)
	}
}

// hairPolyline emits one hairline parallelogram per segment, in device space.
func (s *stroker) hairPolyline(pts []Point, closed bool) {
	s.sp = s.sp[:0]
	for _, q := range pts {
		d := s.m.Apply(q)
		if n := len(s.sp); n > 0 && s.sp[n-1] == d {
			continue
		}
		s.sp = append(s.sp, d)
	}
	if closed && len(s.sp) > 1 && s.sp[0] == s.sp[len(s.sp)-1] {
		s.sp = s.sp[:len(s.sp)-1]
	}
	n := len(s.sp)
	if n < 2 {
		return
	}
	segs := n - 1
	if closed {
		segs = n
	}
	out := 0.0
	switch s.cap {
	case SquareCap:
		out = 0.5
	case RoundCap:
		out = math.Pi / 8
	}
	for i := 0; i < segs; i++ {
		a, b := s.sp[i], s.sp[(i+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if !closed && out > 0 {
			// Caps lengthen the open ends along the line.
			ux, uy := dx/l*out, dy/l*out
			if i == 0 {
				a = Point{a.X - ux, a.Y - uy}
			}
			if i == segs-1 {
				b = Point{b.X + ux, b.Y + uy}
			}
		}
		var o Point
		if math.Abs(dx) >= math.Abs(dy) {
			o = Point{0, 0.5}
		} else {
			o = Point{0.5, 0}
		}
		// Keep every parallelogram turning the same way so that overlaps at
		// joints add up instead of cancelling.
		if dx*o.Y-dy*o.X < 0 {
			o = Point{-o.X, -o.Y}
		}
		s.dst.MoveTo(Point{a.X - o.X, a.Y - o.Y})
		s.dst.LineTo(Point{b.X - o.X, b.Y - o.Y})
		s.dst.LineTo(Point{b.X + o.X, b.Y + o.Y})
		s.dst.LineTo(Point{a.X + o.X, a.Y + o.Y})
		s.dst.Close()
	}
}
