package geom

import (
	"math"
	"testing"
)

type probe struct {
	x, y float64
	in   bool
}

func polyline(closed bool, pts ...Point) *Path {
	var p Path
	p.MoveTo(pts[0])
	for _, q := range pts[1:] {
		p.LineTo(q)
	}
	if closed {
		p.Close()
	}
	return &p
}

func TestStrokeGeometry(t *testing.T) {
	line := polyline(false, Point{0, 0}, Point{10, 0})
	corner := polyline(false, Point{0, 0}, Point{10, 0}, Point{10, 10})
	// Segments meeting at 60° interior angle: miter ratio 1/sin(30°) = 2.
	sharp := polyline(false, Point{0, 0}, Point{10, 0}, Point{10 - 10*math.Cos(math.Pi/3), 10 * math.Sin(math.Pi/3)})
	// The miter tip of `sharp` lies 2 half-widths from (10,0) along the outer
	// bisector, direction (cos(-30°), sin(-30°)).
	tip := func(f float64) (float64, float64) {
		return 10 + f*math.Cos(-math.Pi/6), f * math.Sin(-math.Pi/6)
	}
	tx, ty := tip(1.9)
	square := polyline(true, Point{0, 0}, Point{10, 0}, Point{10, 10}, Point{0, 10})
	for _, tc := range []struct {
		name   string
		path   *Path
		st     StrokeStyle
		m      Matrix
		probes []probe
	}{
		{"butt cap", line, StrokeStyle{Width: 2}, Identity, []probe{
			{5, 0.9, true}, {5, -0.9, true}, {5, 1.1, false}, {-0.1, 0, false}, {10.1, 0, false}, {0.1, 0.5, true},
		}},
		{"square cap", line, StrokeStyle{Width: 2, Cap: SquareCap}, Identity, []probe{
			{-0.9, 0.9, true}, {10.9, -0.9, true}, {-1.1, 0, false}, {11.1, 0, false},
		}},
		{"round cap", line, StrokeStyle{Width: 2, Cap: RoundCap}, Identity, []probe{
			{-0.9, 0, true}, {-0.6, 0.6, true}, {-0.8, 0.8, false}, {10.9, 0, true}, {10.8, -0.8, false},
		}},
		{"miter join", corner, StrokeStyle{Width: 2}, Identity, []probe{
			{10.9, -0.9, true}, {10.5, 5, true}, {9.5, 5, true}, {8.9, 1.1, false}, {11.1, -0.5, false},
		}},
		{"bevel join", corner, StrokeStyle{Width: 2, Join: BevelJoin}, Identity, []probe{
			{10.9, -0.9, false}, {10.4, -0.4, true},
		}},
		{"round join", corner, StrokeStyle{Width: 2, Join: RoundJoin}, Identity, []probe{
			{10.6, -0.6, true}, {10.8, -0.8, false},
		}},
		{"miter under the limit", sharp, StrokeStyle{Width: 2, MiterLimit: 2.01}, Identity, []probe{
			{tx, ty, true},
		}},
		{"miter over the limit becomes bevel", sharp, StrokeStyle{Width: 2, MiterLimit: 1.99}, Identity, []probe{
			{tx, ty, false},
		}},
		{"closed square: ring, hole, mitred corners", square, StrokeStyle{Width: 2}, Identity, []probe{
			{5, 5, false}, {5, 0.5, true}, {-0.9, -0.9, true}, {10.9, 10.9, true}, {5, -1.1, false}, {1.1, 1.1, false},
		}},
		{"open square path leaves the start corner unjoined", polyline(false, Point{0, 0}, Point{10, 0}, Point{10, 10}, Point{0, 10}, Point{0, 0}),
			StrokeStyle{Width: 2}, Identity, []probe{{-0.9, -0.9, false}, {10.9, 10.9, true}}},
		{"non-uniform scale gives an elliptical pen", polyline(false, Point{0, 0}, Point{0, 10}), StrokeStyle{Width: 2}, Scale(4, 1), []probe{
			{3.5, 5, true}, {-3.5, 5, true}, {4.5, 5, false}, {0, 10.1, false},
		}},
		// The path is in device space: a rotation changes nothing for a round pen.
		{"rotation", line, StrokeStyle{Width: 2}, Rotate(math.Pi / 3), []probe{
			{5, 0.9, true}, {5, -0.9, true}, {5, 1.1, false},
		}},
		{"dashes", polyline(false, Point{0, 0}, Point{100, 0}), StrokeStyle{Width: 2, Dash: []float64{10, 5}}, Identity, []probe{
			{5, 0, true}, {12, 0, false}, {17, 0, true}, {26, 0, false}, {31, 0, true},
		}},
		{"dash offset", polyline(false, Point{0, 0}, Point{100, 0}), StrokeStyle{Width: 2, Dash: []float64{10, 5}, DashOffset: 3}, Identity, []probe{
			{1, 0, true}, {6.9, 0, true}, {9, 0, false}, {13, 0, true},
		}},
		{"negative dash offset", polyline(false, Point{0, 0}, Point{100, 0}), StrokeStyle{Width: 2, Dash: []float64{10, 5}, DashOffset: -3}, Identity, []probe{
			{1, 0, false}, {5, 0, true}, {12.9, 0, true}, {14, 0, false},
		}},
		{"odd dash list repeats", polyline(false, Point{0, 0}, Point{100, 0}), StrokeStyle{Width: 2, Dash: []float64{5}}, Identity, []probe{
			{2, 0, true}, {7, 0, false}, {12, 0, true},
		}},
		{"dashes are in user units", polyline(false, Point{0, 0}, Point{100, 0}), StrokeStyle{Width: 2, Dash: []float64{10, 5}}, Scale(2, 2), []probe{
			{19, 0, true}, {22, 0, false}, {31, 0, true},
		}},
		{"dash cap applies to each dash", polyline(false, Point{0, 0}, Point{100, 0}), StrokeStyle{Width: 2, Dash: []float64{10, 5}, Cap: SquareCap}, Identity, []probe{
			{10.9, 0, true}, {12.5, 0, false}, {14.1, 0, true},
		}},
		// Perimeter 40, pattern 9: the last dash runs 36..40 into the first (0..6),
		// so the corner at the start gets a miter instead of two butt ends.
		{"closed path dash wraps into a join", square, StrokeStyle{Width: 2, Dash: []float64{6, 3}}, Identity, []probe{
			{-0.9, -0.9, true}, {3, 0, true}, {7.5, 0, false}, {0, 2, true},
		}},
		{"dash off at the end does not wrap", square, StrokeStyle{Width: 2, Dash: []float64{6, 4}}, Identity, []probe{
			{-0.9, -0.9, false}, {3, 0, true}, {0, 2, false},
		}},
		{"dashes follow corners", corner, StrokeStyle{Width: 2, Dash: []float64{12, 2}}, Identity, []probe{
			{10.9, -0.9, true}, {10, 1.5, true}, {10, 2.5, false},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out Path
			Stroke(&out, tc.path, tc.st, tc.m)
			for _, pr := range tc.probes {
				if got := winding(&out, pr.x, pr.y) != 0; got != pr.in {
					t.Errorf("(%.3f,%.3f): inside=%v, want %v", pr.x, pr.y, got, pr.in)
				}
			}
		})
	}
}

// TestStrokeArea compares the outline's covered area, measured by sampling
// the winding on a fine grid, with the analytic area of simple strokes. This
// catches pieces with the wrong orientation (holes) and missing pieces.
func TestStrokeArea(t *testing.T) {
	circle := &Path{}
	circle.Arc(50, 50, 30, 0, 2*math.Pi, false, Identity)
	circle.Close()
	acute := polyline(false, Point{10, 50}, Point{90, 40}, Point{10, 30})
	for _, tc := range []struct {
		name string
		path *Path
		st   StrokeStyle
		want float64
		tol  float64
	}{
		{"line with butt caps", polyline(false, Point{20, 50}, Point{80, 50}), StrokeStyle{Width: 10}, 600, 0.01},
		{"line with round caps", polyline(false, Point{20, 50}, Point{80, 50}), StrokeStyle{Width: 10, Cap: RoundCap}, 600 + math.Pi*25, 0.01},
		{"ring", circle, StrokeStyle{Width: 10}, math.Pi * (35*35 - 25*25), 0.01},
		{"thick ring wider than its radius", circle, StrokeStyle{Width: 70}, math.Pi * 65 * 65, 0.01},
		{"acute round join", acute, StrokeStyle{Width: 8, Join: RoundJoin, Cap: RoundCap}, -1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out Path
			Stroke(&out, tc.path, tc.st, Identity)
			const step = 0.4
			area := 0.0
			for y := -20 + step/2; y < 120; y += step {
				for x := -20 + step/2; x < 120; x += step {
					if winding(&out, x, y) != 0 {
						area += step * step
					}
				}
			}
			if tc.want < 0 {
				// Acute join: every point within the half width of either
				// segment must be covered (union of two capsules).
				for _, pt := range []Point{{89, 40}, {85, 42}, {85, 38}, {93.5, 40}, {60, 40}, {60, 39.5}} {
					if winding(&out, pt.X, pt.Y) == 0 {
						t.Errorf("%v not covered", pt)
					}
				}
				return
			}
			if math.Abs(area-tc.want) > tc.tol*tc.want {
				t.Errorf("area %.1f, want %.1f", area, tc.want)
			}
		})
	}
}

func TestStrokeDegenerate(t *testing.T) {
	var zero Path
	zero.MoveTo(Point{5, 5})
	zero.LineTo(Point{5, 5})
	var zeroCurve Path
	zeroCurve.MoveTo(Point{5, 5})
	zeroCurve.CubicTo(Point{5, 5}, Point{5, 5}, Point{5, 5})
	var lone Path
	lone.MoveTo(Point{1, 1})
	ok := polyline(false, Point{0, 0}, Point{10, 0})
	for _, tc := range []struct {
		name  string
		path  *Path
		st    StrokeStyle
		m     Matrix
		empty bool
	}{
		// Chromium draws nothing when every drawn point of the path is one point.
		{"lone zero-length line with round cap draws nothing", &zero, StrokeStyle{Width: 4, Cap: RoundCap}, Identity, true},
		{"lone zero-length curve with square cap draws nothing", &zeroCurve, StrokeStyle{Width: 4, Cap: SquareCap}, Identity, true},
		{"lone moveTo", &lone, StrokeStyle{Width: 4, Cap: RoundCap}, Identity, true},
		{"zero width", ok, StrokeStyle{Width: 0}, Identity, true},
		{"NaN width", ok, StrokeStyle{Width: math.NaN()}, Identity, true},
		{"singular matrix", ok, StrokeStyle{Width: 1}, Scale(0, 1), true},
		{"all-zero dash list is ignored", ok, StrokeStyle{Width: 1, Dash: []float64{0, 0}}, Identity, false},
		{"negative dash entry is ignored", ok, StrokeStyle{Width: 1, Dash: []float64{-1, 2}}, Identity, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out Path
			Stroke(&out, tc.path, tc.st, tc.m)
			if out.Empty() != tc.empty {
				t.Errorf("empty=%v, want %v (%d verbs)", out.Empty(), tc.empty, len(out.Verbs))
			}
		})
	}
	t.Run("zero-length subpaths beside other geometry get caps", func(t *testing.T) {
		var p Path
		p.MoveTo(Point{0, 0})
		p.LineTo(Point{10, 0})
		p.MoveTo(Point{50, 50})
		p.LineTo(Point{50, 50})
		p.MoveTo(Point{80, 80})
		p.Close()
		p.MoveTo(Point{90, 10}) // a lone moveTo draws nothing
		for _, tc := range []struct {
			cap    Cap
			probes []probe
		}{
			{RoundCap, []probe{{50, 50, true}, {51.9, 50, true}, {51.5, 51.5, false}, {80, 81.9, true}, {90, 10, false}}},
			{SquareCap, []probe{{51.9, 51.9, true}, {52.1, 50, false}, {81.9, 78.1, true}}},
			{ButtCap, []probe{{50, 50, false}, {80, 80, false}}},
		} {
			var out Path
			Stroke(&out, &p, StrokeStyle{Width: 4, Cap: tc.cap}, Identity)
			for _, pr := range tc.probes {
				if got := winding(&out, pr.x, pr.y) != 0; got != pr.in {
					t.Errorf("cap %d (%v,%v) inside=%v, want %v", tc.cap, pr.x, pr.y, got, pr.in)
				}
			}
		}
	})
	t.Run("zero-length dashes draw dots with round caps", func(t *testing.T) {
		line := polyline(false, Point{0, 0}, Point{75, 0})
		var out Path
		Stroke(&out, line, StrokeStyle{Width: 8, Cap: RoundCap, Dash: []float64{0, 20}}, Identity)
		for _, pr := range []probe{{0, 3.9, true}, {20, 0, true}, {60, 3.5, true}, {10, 0, false}, {30, 0, false}} {
			if got := winding(&out, pr.x, pr.y) != 0; got != pr.in {
				t.Errorf("(%v,%v) inside=%v, want %v", pr.x, pr.y, got, pr.in)
			}
		}
		out.Reset()
		Stroke(&out, line, StrokeStyle{Width: 8, Dash: []float64{0, 20}}, Identity)
		if !out.Empty() {
			t.Errorf("zero-length dashes with butt caps drew %d verbs", len(out.Verbs))
		}
	})
	t.Run("degenerate cubic strokes like its line", func(t *testing.T) {
		var c Path
		c.MoveTo(Point{0, 0})
		c.CubicTo(Point{0, 0}, Point{10, 0}, Point{10, 0})
		var out Path
		Stroke(&out, &c, StrokeStyle{Width: 2}, Identity)
		for _, pr := range []probe{{5, 0.9, true}, {5, 1.1, false}, {-0.1, 0, false}} {
			if got := winding(&out, pr.x, pr.y) != 0; got != pr.in {
				t.Errorf("(%v,%v) inside=%v", pr.x, pr.y, got)
			}
		}
	})
	t.Run("huge dash count falls back to solid and stays bounded", func(t *testing.T) {
		var out Path
		Stroke(&out, polyline(false, Point{0, 0}, Point{1e12, 0}), StrokeStyle{Width: 1, Dash: []float64{1, 1}}, Identity)
		if len(out.Points) > 100 {
			t.Errorf("%d points", len(out.Points))
		}
	})
	t.Run("non-finite points are skipped", func(t *testing.T) {
		var out Path
		Stroke(&out, polyline(false, Point{0, 0}, Point{math.NaN(), 1}, Point{math.Inf(1), 0}, Point{10, 0}), StrokeStyle{Width: 2}, Identity)
		if winding(&out, 5, 0) == 0 {
			t.Errorf("finite part not stroked")
		}
	})
}

func TestHairline(t *testing.T) {
	for _, tc := range []struct {
		name  string
		st    StrokeStyle
		m     Matrix
		alpha float64
		ok    bool
	}{
		{"half pixel", StrokeStyle{Width: 0.5}, Identity, 0.5, true},
		{"one pixel", StrokeStyle{Width: 1}, Identity, 1, true},
		{"just over", StrokeStyle{Width: 1.01}, Identity, 0, false},
		{"scaled down", StrokeStyle{Width: 4}, Scale(0.2, 0.2), 0.8, true},
		{"one axis too wide", StrokeStyle{Width: 1}, Scale(0.5, 2), 0, false},
		// Skia's fast length of (0.6, 0.6) is 0.6 + 0.3 = 0.9.
		{"rotated by 45°", StrokeStyle{Width: 0.6 * math.Sqrt2}, Rotate(math.Pi / 4), 0.9, true},
		{"zero width", StrokeStyle{Width: 0}, Identity, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, ok := HairlineAlpha(tc.st, tc.m)
			if ok != tc.ok || math.Abs(a-tc.alpha) > 1e-9 {
				t.Errorf("HairlineAlpha = %v, %v; want %v, %v", a, ok, tc.alpha, tc.ok)
			}
		})
	}
	// A 2:1 diagonal hairline covers |dx| = 100 pixels, not its length 111.8.
	var p, out Path
	p.MoveTo(Point{0, 0})
	p.LineTo(Point{100, 50})
	StrokeHairline(&out, &p, StrokeStyle{Width: 1}, Identity)
	if a := signedArea(&out); math.Abs(math.Abs(a)-100) > 1e-9 {
		t.Errorf("hairline area %v, want 100", a)
	}
	// Square caps push each open end half a pixel along the line, which
	// widens the x-major parallelogram by 0.5·dx/len at each end.
	out.Reset()
	StrokeHairline(&out, &p, StrokeStyle{Width: 1, Cap: SquareCap}, Identity)
	if a, want := math.Abs(signedArea(&out)), 100+100/math.Hypot(100, 50); math.Abs(a-want) > 1e-6 {
		t.Errorf("square-capped hairline area %v, want %v", a, want)
	}
	// Dashes apply in user units: under a 0.5 scale a [10, 10] dash is 5 px on.
	var h, ho Path
	h.MoveTo(Point{0, 0.5})
	h.LineTo(Point{40, 0.5})
	StrokeHairline(&ho, &h, StrokeStyle{Width: 1, Dash: []float64{10, 10}}, Scale(0.5, 0.5))
	if winding(&ho, 2, 0.5) == 0 || winding(&ho, 7, 0.5) != 0 || winding(&ho, 12, 0.5) == 0 {
		t.Errorf("dashed hairline misplaced")
	}
}

// A dashed horizontal line far longer than MaxDashes allows is trimmed to the
// cull rectangle first (as Skia does), so it stays dashed where it is visible
// and the dashes keep the phase they have on the untrimmed line.
func TestDashCullsLongLine(t *testing.T) {
	cull := Rect{MinX: -1, MinY: -1, MaxX: 81, MaxY: 61}
	for _, tc := range []struct {
		name string
		a, b Point
		m    Matrix
	}{
		{"rightwards", Point{0, 5}, Point{1e9, 5}, Identity},
		{"leftwards from far right", Point{1e9, 5}, Point{0, 5}, Identity},
		{"both ends far out", Point{-1e12, 5}, Point{1e12, 5}, Identity},
		{"scaled", Point{0, 5}, Point{1e9, 5}, Scale(2, 2)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var dev Path
			dev.MoveTo(tc.m.Apply(tc.a))
			dev.LineTo(tc.m.Apply(tc.b))
			var out Path
			Stroke(&out, &dev, StrokeStyle{Width: 2, Dash: []float64{1, 1}, Cull: cull}, tc.m)
			// User-space probes along the line: each unit interval alternates
			// on, off, counting from the line's start.
			for x := 0.25; x < 40; x += 0.5 {
				d := math.Abs(x - tc.a.X)
				on := math.Mod(d, 2) < 1
				p := tc.m.Apply(Point{x, 5})
				if got := winding(&out, p.X, p.Y) != 0; got != on {
					t.Errorf("x=%v: inside=%v, want %v", x, got, on)
				}
			}
			// Nothing is drawn far beyond the cull area.
			if _, hi, ok := out.Bounds(); !ok || hi.X > 81+2*10*2+2 {
				t.Errorf("outline reaches x=%v", hi.X)
			}
		})
	}
	// Without a cull rectangle the same line is beyond the dash budget and
	// drawn solid.
	var out Path
	Stroke(&out, polyline(false, Point{0, 5}, Point{1e9, 5}), StrokeStyle{Width: 2, Dash: []float64{1, 1}}, Identity)
	if winding(&out, 1.5, 5) == 0 {
		t.Error("unculled long dashed line is not solid")
	}
}

// A subpath that starts with a curve collapsed to a point has, as in Skia, an
// upright square start cap (a zero-length line has no direction, so it points
// down the y axis), joined to the next segment; a zero-length lineTo is
// dropped instead and the cap follows the line.
func TestUprightStartCap(t *testing.T) {
	p0, end := Point{128, 20}, Point{134, 50}
	var curve, line Path
	curve.MoveTo(p0)
	curve.CubicTo(p0, p0, p0)
	curve.LineTo(end)
	line.MoveTo(p0)
	line.LineTo(p0)
	line.LineTo(end)
	st := StrokeStyle{Width: 7, Cap: SquareCap, Join: RoundJoin}
	for _, tc := range []struct {
		name   string
		path   *Path
		probes []probe
	}{
		// The upright cap spans x 124.5-131.5 and y 16.5-20; the cap along
		// the line is a square tilted by 11°.
		{"degenerate cubic", &curve, []probe{{124.7, 16.7, true}, {131.3, 16.7, true}, {131.6, 19.9, false}, {124.3, 18, false}}},
		{"zero-length line", &line, []probe{{124.7, 16.7, false}, {131.3, 16.7, false}}},
	} {
		var out Path
		Stroke(&out, tc.path, st, Identity)
		for _, pr := range tc.probes {
			if got := winding(&out, pr.x, pr.y) != 0; got != pr.in {
				t.Errorf("%s: (%v, %v) inside=%v, want %v", tc.name, pr.x, pr.y, got, pr.in)
			}
		}
	}
}
