package geom

import (
	"math"
	"testing"
)

// distToCubic is the distance from q to the cubic, by dense sampling and a
// few Newton-free refinements (good to ~1e-4 for canvas-sized curves).
func distToCubic(q Point, c [4]Point) float64 {
	best, bt := math.Inf(1), 0.0
	const n = 2000
	for i := 0; i <= n; i++ {
		t := float64(i) / n
		if d := dist(q, evalCubic(c[0], c[1], c[2], c[3], t)); d < best {
			best, bt = d, t
		}
	}
	for h := 1.0 / n; h > 1e-9; h /= 2 {
		for _, t := range []float64{bt - h, bt + h} {
			if t < 0 || t > 1 {
				continue
			}
			if d := dist(q, evalCubic(c[0], c[1], c[2], c[3], t)); d < best {
				best, bt = d, t
			}
		}
	}
	return best
}

// TestCurveOffsetFit checks the fitted sides of curves Skia strokes with
// quadratics: every outline vertex of the stroke lies within Skia's quarter
// pixel of the true offset (distance hw from the curve), and the S-curve is
// split at its inflection.
func TestCurveOffsetFit(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    [4]Point
		hw   float64
		m    Matrix
		loop bool
	}{
		{"s-curve", [4]Point{{10, 40}, {30, -10}, {70, 90}, {90, 40}}, 1.5, Identity, false},
		{"bend", [4]Point{{0, 0}, {100, 0}, {100, 100}, {200, 100}}, 8, Identity, false},
		{"loop", [4]Point{{20, 70}, {90, 10}, {10, 10}, {80, 70}}, 4, Identity, true},
		{"scaled", [4]Point{{10, 40}, {30, -10}, {70, 90}, {90, 40}}, 1.5, Scale(3, 3), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var src, dst Path
			src.MoveTo(tc.m.Apply(tc.c[0]))
			src.CubicTo(tc.m.Apply(tc.c[1]), tc.m.Apply(tc.c[2]), tc.m.Apply(tc.c[3]))
			Stroke(&dst, &src, StrokeStyle{Width: 2 * tc.hw}, tc.m)
			inv, _ := tc.m.Invert()
			// Skia's tolerance is a quarter device pixel, plus the chord
			// error of flattening the fitted quadratics (the vertices are
			// on them, so none here) and some float slack.
			tol := 0.25/tc.m.MaxScale() + 1e-6
			worst := 0.0
			for i, q := range dst.Points {
				u := inv.Apply(q)
				d := distToCubic(u, tc.c)
				// Vertices of the butt caps at the ends lie on the end
				// normals (distance ≤ hw); only the sides must sit on the
				// offset. Every vertex must be no farther than hw+tol.
				if d > tc.hw+tol {
					t.Fatalf("vertex %d %v is %.4f from the curve, want ≤ %.4f", i, u, d, tc.hw+tol)
				}
				// On a loop a side vertex can be nearer to another part
				// of the curve, so only the upper bound holds there.
				if !tc.loop && d > 0.5*tc.hw && math.Abs(d-tc.hw) > worst && !nearEnds(u, tc.c, tc.hw) {
					worst = math.Abs(d - tc.hw)
				}
			}
			if worst > tol {
				t.Errorf("outline strays %.4f from the offset, want ≤ %.4f", worst, tol)
			}
		})
	}
}

func nearEnds(u Point, c [4]Point, hw float64) bool {
	return dist(u, c[0]) <= hw*1.001 || dist(u, c[3]) <= hw*1.001
}

// TestCurveOffsetSkiaPieces checks the structure Skia produces: a quadratic
// bend of a thin stroke is one fitted quadratic per side, and the symmetric
// S-curve is split at its inflection t = 1/2.
func TestCurveOffsetSkiaPieces(t *testing.T) {
	var ts [2]float64
	if n := cubicInflections([4]Point{{10, 40}, {30, -10}, {70, 90}, {90, 40}}, &ts); n != 1 || math.Abs(ts[0]-0.5) > 1e-12 {
		t.Errorf("inflections of the S-curve: %d %v, want 1 at 0.5", n, ts[:n])
	}
	pieces := 0
	o := curveOffsetter{
		c: strokeCurve{p: [4]Point{{0, 0}, {10, 5}, {20, 0}}}, r: 0.5, tol: 0.25, tol2: 0.0625,
		out: func(ctrl, end Point, line bool) {
			if line {
				t.Errorf("shallow quadratic side fitted with a line")
			}
			pieces++
		},
	}
	o.run()
	if pieces != 1 {
		t.Errorf("shallow quadratic side: %d pieces, want 1", pieces)
	}
}

// TestFlattenQuadSkia checks the rasterizer's power-of-two cut of a
// quadratic: the count follows the control point's distance to the chord
// (cheap max+min/2 estimate in 1/256 px), at least 2 and at most 64 lines,
// and a quadratic that turns in y is cut at its extremum first.
func TestFlattenQuadSkia(t *testing.T) {
	for _, tc := range []struct {
		name    string
		a, b, c Point
		lines   int
	}{
		{"flat", Point{0, 0}, Point{5, 5.01}, Point{10, 10}, 2},
		{"0.25 px bulge", Point{0, 0}, Point{5, 0.5}, Point{10, 0}, 2 * 2}, // split at the y extremum, 2 each
		{"2 px", Point{0, 0}, Point{8, 4}, Point{8, 10}, 4},                // 2 px off the chord: 4 lines, 1/8 px error
		{"9 px", Point{0, 0}, Point{32, 16}, Point{32, 40}, 8},             // max+min/2 = 8+1 px: 8 lines
		{"huge", Point{0, 0}, Point{5000, 5000}, Point{10000, 0}, 64 * 2},  // capped
		{"straight up", Point{0, 0}, Point{0, 5}, Point{0, 10}, 2},
	} {
		var p Path
		p.MoveTo(tc.a)
		p.flattenQuad(tc.a, tc.b, tc.c)
		if got := len(p.Verbs) - 1; got != tc.lines {
			t.Errorf("%s: %d lines, want %d", tc.name, got, tc.lines)
		}
		if last := p.Points[len(p.Points)-1]; last != tc.c {
			t.Errorf("%s: ends at %v, want %v", tc.name, last, tc.c)
		}
		// Each piece must be monotonic in y so that the cut matches Skia's
		// monotonic edges.
		up, down := false, false
		for i := 1; i < len(p.Points); i++ {
			if p.Points[i].Y > p.Points[i-1].Y {
				up = true
			}
			if p.Points[i].Y < p.Points[i-1].Y {
				down = true
			}
		}
		if tc.name == "0.25 px bulge" && !(up && down) || tc.name != "0.25 px bulge" && tc.name != "huge" && up && down {
			t.Errorf("%s: unexpected y turns (up %v down %v)", tc.name, up, down)
		}
	}
}

// TestCurveStrokeFallbacks checks the curves that keep the polyline offset
// (arcs, flat curves, dashes) still stroke, and that a cusp gets Skia's dot.
func TestCurveStrokeFallbacks(t *testing.T) {
	if skiaStrokable(true, Point{0, 0}, Point{1, 0}, Point{2, 0}, Point{3, 0}) {
		t.Error("collinear cubic treated as a curve")
	}
	if !skiaStrokable(true, Point{0, 0}, Point{1, 1}, Point{2, -1}, Point{3, 0}) {
		t.Error("S-curve not treated as a curve")
	}
	if skiaStrokable(false, Point{0, 0}, Point{0, 0}, Point{3, 0}, Point{}) {
		t.Error("quadratic with a repeated point treated as a curve")
	}
	// A cubic with a cusp at t = 1/2: control legs crossing symmetrically.
	cusp := [4]Point{{0, 0}, {20, 20}, {0, 20}, {20, 0}}
	if tc := cubicCusp(cusp); math.Abs(tc-0.5) > 1e-6 {
		t.Fatalf("cusp at %v, want 0.5", tc)
	}
	var src, dst Path
	src.MoveTo(cusp[0])
	src.CubicTo(cusp[1], cusp[2], cusp[3])
	Stroke(&dst, &src, StrokeStyle{Width: 6}, Identity)
	subpaths := 0
	for _, v := range dst.Verbs {
		if v == MoveTo {
			subpaths++
		}
	}
	if subpaths != 2 {
		t.Errorf("stroke of a cusp has %d subpaths, want the outline and the cusp dot", subpaths)
	}
}

// TestDashedCurvePieces checks that dashes cut out of a curve are pieces of
// the curve itself, as Skia's dasher makes them: every dash outline starts on
// the offset of a point of the curve (not of its flattening's chord), and
// stays within the fitted sides' quarter pixel of the offset.
func TestDashedCurvePieces(t *testing.T) {
	c := [4]Point{{10, 40}, {30, -10}, {70, 90}, {90, 40}}
	var src, dst Path
	src.MoveTo(c[0])
	src.CubicTo(c[1], c[2], c[3])
	const hw = 3
	Stroke(&dst, &src, StrokeStyle{Width: 2 * hw, Dash: []float64{10, 5}}, Identity)
	dashes := 0
	pts := dst.Points
	for _, v := range dst.Verbs {
		if v == MoveTo {
			dashes++
			if d := distToCubic(pts[0], c); math.Abs(d-hw) > 1e-4 {
				t.Errorf("dash %d starts %.5f from the curve, want %v", dashes, d, hw)
			}
		}
		for _, q := range pts[:NumPoints[v]] {
			if d := distToCubic(q, c); d > hw+0.25+1e-6 {
				t.Fatalf("outline point %v is %.4f from the curve", q, d)
			}
		}
		pts = pts[NumPoints[v]:]
	}
	if dashes != 7 {
		t.Errorf("%d dashes, want 7 along a curve 103 long", dashes)
	}
}

// TestArcSidesAsConics checks arcs: arcSegments splits like Skia's
// BuildUnitArc (whole quarter turns from the start, then the rest), and each
// side of a thick arc is fitted to the conic's offset circle within Skia's
// quarter pixel (the polyline offset would put vertices exactly on it).
func TestArcSidesAsConics(t *testing.T) {
	var p Path
	p.MoveTo(Point{140, 100})
	p.arcSegments(100, 100, 40, 40, 0, 0, 3.7, Identity)
	if len(p.Verbs) != 4 {
		t.Fatalf("sweep 3.7 split into %d pieces, want 2 quarters and the rest", len(p.Verbs)-1)
	}
	if q := p.Points[3]; !near(q, Point{100, 140}, 1e-9) {
		t.Errorf("first piece ends at %v, want the quarter turn (100, 140)", q)
	}
	var src, dst Path
	src.MoveTo(Point{140, 100})
	src.Arc(100, 100, 40, 0, 3.7, false, Identity)
	const hw = 12.5
	Stroke(&dst, &src, StrokeStyle{Width: 2 * hw}, Identity)
	off, outer := 0.0, 0
	for _, q := range dst.Points {
		r := math.Hypot(q.X-100, q.Y-100)
		if r > 40+hw-0.5 {
			outer++
		}
		d := math.Min(math.Abs(r-(40+hw)), math.Abs(r-(40-hw)))
		if r > 40-hw+0.5 && r < 40+hw-0.5 {
			continue // a butt end's corner or a point on the way
		}
		if d > 0.25+1e-9 {
			t.Fatalf("side vertex %v is %.4f from the offset circle", q, d)
		}
		off = math.Max(off, d)
	}
	// Skia's fit: quadratics of up to 45° cut into a few lines each, far
	// fewer vertices than offsetting the 0.05 px flattening of the arc.
	if outer > 60 {
		t.Errorf("%d vertices on the outer side, want Skia's few fitted quadratics", outer)
	}
}

// TestConicPieces checks the dashing of arcs: a cubic parameter maps to the
// conic point at the same angle, and a chopped conic is the same circle
// between the mapped ends.
func TestConicPieces(t *testing.T) {
	var p Path
	p.MoveTo(Point{130, 100})
	p.arcSegments(100, 100, 30, 30, 0, 0, 1.2, Identity)
	c0 := [4]Point{p.Points[0], p.Points[1], p.Points[2], p.Points[3]}
	cc, ok := arcConic(c0[0], c0[1], c0[2], c0[3])
	if !ok {
		t.Fatal("arc cubic not recognised")
	}
	c := strokeCurve{p: [4]Point{cc.p0, cc.p1, cc.p2}, conic: true, w: cc.w, arc: c0}
	angle := func(q Point) float64 { return math.Atan2(q.Y-100, q.X-100) }
	for _, tt := range []float64{0.1, 0.25, 0.5, 0.8, 0.97} {
		q := evalCubic(c0[0], c0[1], c0[2], c0[3], tt)
		if d := math.Abs(angle(c.eval(tt)) - angle(q)); d > 1e-9 {
			t.Errorf("t=%v: conic point %.3g rad off the cubic's angle", tt, d)
		}
	}
	piece, ok := c.piece(0.2, 0.7)
	if !ok || !piece.conic {
		t.Fatal("arc piece not a conic")
	}
	if !near(piece.start(), c.eval(0.2), 1e-9) || !near(piece.end(), c.eval(0.7), 1e-9) {
		t.Errorf("piece runs %v-%v, want %v-%v", piece.start(), piece.end(), c.eval(0.2), c.eval(0.7))
	}
	pc := conic{piece.p[0], piece.p[1], piece.p[2], piece.w}
	for _, s := range []float64{0.1, 0.5, 0.9} {
		if r := dist(pc.eval(s), Point{100, 100}); math.Abs(r-30) > 1e-9 {
			t.Errorf("piece point at %v is %v from the centre, want 30", s, r)
		}
	}
}
