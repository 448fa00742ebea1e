package geom

import (
	"math"
	"testing"
)

func TestArcSweep(t *testing.T) {
	const pi = math.Pi
	for _, tc := range []struct {
		name        string
		a0, a1      float64
		ccw         bool
		start, swep float64
	}{
		{"quarter clockwise", 0, pi / 2, false, 0, pi / 2},
		{"quarter anticlockwise goes the long way", 0, pi / 2, true, 0, -3 * pi / 2},
		{"full turn", 0, 2 * pi, false, 0, 2 * pi},
		{"more than a turn is clamped", 1, 100, false, 1, 2 * pi},
		{"anticlockwise more than a turn", 1, -100, true, 1, -2 * pi},
		{"Chromium: arc(2π, 0) clockwise is a full circle", 2 * pi, 0, false, 0, 2 * pi},
		{"end before start clockwise wraps", pi, pi / 2, false, pi, 3 * pi / 2},
		{"negative start is canonicalised", -pi / 2, 0, false, 3 * pi / 2, pi / 2},
		{"anticlockwise small", pi / 2, 0, true, pi / 2, -pi / 2},
		{"same angle is empty", 1, 1, false, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, sw := ArcSweep(tc.a0, tc.a1, tc.ccw)
			if math.Abs(s-tc.start) > 1e-12 || math.Abs(sw-tc.swep) > 1e-12 {
				t.Errorf("ArcSweep(%v, %v, %v) = %v, %v; want %v, %v", tc.a0, tc.a1, tc.ccw, s, sw, tc.start, tc.swep)
			}
		})
	}
}

// maxRadiusError flattens p finely and returns how far its points stray from
// the circle (c, r).
func maxRadiusError(p *Path, c Point, r float64, skipFirst int) float64 {
	e := 0.0
	i := 0
	pts := p.Points
	Flatten(&Path{Verbs: p.Verbs[skipFirst:], Points: pts[skipFirst:]}, 1e-4, func(a, b Point) {
		i++
		e = math.Max(e, math.Abs(math.Hypot(a.X-c.X, a.Y-c.Y)-r))
	})
	return e
}

func TestArc(t *testing.T) {
	t.Run("full circle area and radius", func(t *testing.T) {
		var p Path
		p.Arc(50, 40, 20, 0, 2*math.Pi, false, Identity)
		if p.Verbs[0] != MoveTo || p.Points[0] != (Point{70, 40}) {
			t.Fatalf("arc starts with %v %v, want MoveTo (70,40)", p.Verbs[0], p.Points[0])
		}
		if e := maxRadiusError(&p, Point{50, 40}, 20, 0); e > 20*3e-4 {
			t.Errorf("radius error %v", e)
		}
		if a := signedArea(&p); math.Abs(a-math.Pi*400) > 0.5 {
			t.Errorf("area %v, want %v", a, math.Pi*400)
		}
	})
	t.Run("anticlockwise circle has negative area", func(t *testing.T) {
		var p Path
		p.Arc(0, 0, 10, 0, -2*math.Pi, true, Identity)
		if a := signedArea(&p); math.Abs(a+math.Pi*100) > 0.2 {
			t.Errorf("area %v, want %v", a, -math.Pi*100)
		}
	})
	t.Run("connecting line from current point", func(t *testing.T) {
		var p Path
		p.MoveTo(Point{0, 0})
		p.Arc(10, 10, 5, math.Pi/2, math.Pi, false, Identity)
		if p.Verbs[1] != LineTo || !near(p.Points[1], Point{10, 15}, 1e-12) {
			t.Fatalf("want a line to (10,15), got %v %v", p.Verbs[1], p.Points[1])
		}
		end, _ := p.CurrentPoint()
		if !near(end, Point{5, 10}, 1e-12) {
			t.Errorf("arc ends at %v, want (5,10)", end)
		}
	})
	t.Run("transform applies to control points", func(t *testing.T) {
		var p Path
		m := Translate(100, 0).Mul(Scale(2, 1))
		p.Arc(0, 0, 10, 0, math.Pi, false, m)
		end, _ := p.CurrentPoint()
		if !near(p.Points[0], Point{120, 0}, 1e-12) || !near(end, Point{80, 0}, 1e-9) {
			t.Errorf("start %v end %v", p.Points[0], end)
		}
		// Area of the half ellipse 20×10 closed by its diameter.
		if a := signedArea(&p); math.Abs(a-math.Pi*200/2) > 0.2 {
			t.Errorf("area %v", a)
		}
	})
	t.Run("zero radius is a line to the centre", func(t *testing.T) {
		var p Path
		p.MoveTo(Point{0, 0})
		p.Arc(5, 5, 0, 0, math.Pi, false, Identity)
		for _, v := range p.Verbs {
			if v == CubicTo {
				t.Fatalf("zero radius produced a curve: %v", p.Verbs)
			}
		}
		end, _ := p.CurrentPoint()
		if end != (Point{5, 5}) {
			t.Errorf("ends at %v", end)
		}
	})
	t.Run("empty sweep adds only the line", func(t *testing.T) {
		var p Path
		p.MoveTo(Point{0, 0})
		p.Arc(10, 0, 5, 1, 1, false, Identity)
		if len(p.Verbs) != 2 || p.Verbs[1] != LineTo {
			t.Errorf("verbs %v", p.Verbs)
		}
	})
}

func TestEllipse(t *testing.T) {
	var p Path
	// Rotated by 90°: the x radius now points down.
	p.Ellipse(0, 0, 20, 10, math.Pi/2, 0, 2*math.Pi, false, Identity)
	if !near(p.Points[0], Point{0, 20}, 1e-9) {
		t.Errorf("start %v, want (0,20)", p.Points[0])
	}
	if a := signedArea(&p); math.Abs(a-math.Pi*200) > 0.2 {
		t.Errorf("area %v, want %v", a, math.Pi*200)
	}
	// Every flattened point satisfies the ellipse equation in the rotated frame.
	Flatten(&p, 1e-4, func(a, _ Point) {
		x, y := a.Y, -a.X // undo the rotation
		if e := math.Abs(math.Hypot(x/20, y/10) - 1); e > 1e-3 {
			t.Fatalf("point %v off the ellipse by %v", a, e)
		}
	})
	t.Run("flat ellipse traces its extremes", func(t *testing.T) {
		var q Path
		q.Ellipse(0, 0, 10, 0, 0, 0, 2*math.Pi, false, Identity)
		want := []Point{{10, 0}, {0, 0}, {-10, 0}, {0, 0}, {10, 0}}
		if len(q.Points) != len(want) {
			t.Fatalf("points %v, want %v", q.Points, want)
		}
		for i := range want {
			if !near(q.Points[i], want[i], 1e-9) {
				t.Errorf("point %d %v, want %v", i, q.Points[i], want[i])
			}
		}
	})
}

func TestArcTo(t *testing.T) {
	for _, tc := range []struct {
		name   string
		start  *Point
		x1, y1 float64
		x2, y2 float64
		r      float64
		m      Matrix
		verbs  []Verb
		end    Point
		first  Point // first point added after start
	}{
		{"right angle corner", &Point{0, 0}, 10, 0, 10, 10, 4, Identity,
			[]Verb{MoveTo, LineTo, CubicTo}, Point{10, 4}, Point{6, 0}},
		{"turning the other way", &Point{0, 0}, 10, 0, 10, -10, 4, Identity,
			[]Verb{MoveTo, LineTo, CubicTo}, Point{10, -4}, Point{6, 0}},
		{"zero radius is a line to p1", &Point{0, 0}, 10, 0, 10, 10, 0, Identity,
			[]Verb{MoveTo, LineTo}, Point{10, 0}, Point{10, 0}},
		{"collinear is a line to p1", &Point{0, 0}, 10, 0, 20, 0, 5, Identity,
			[]Verb{MoveTo, LineTo}, Point{10, 0}, Point{10, 0}},
		{"collinear backwards is a line to p1", &Point{0, 0}, 10, 0, 5, 0, 5, Identity,
			[]Verb{MoveTo, LineTo}, Point{10, 0}, Point{10, 0}},
		{"p0 equals p1", &Point{10, 0}, 10, 0, 10, 10, 5, Identity,
			[]Verb{MoveTo, LineTo}, Point{10, 0}, Point{10, 0}},
		{"no subpath starts one", nil, 3, 4, 10, 10, 5, Identity,
			[]Verb{MoveTo}, Point{3, 4}, Point{3, 4}},
		{"transformed: current point taken back to user space", &Point{0, 0}, 10, 0, 10, 10, 4, Scale(2, 2),
			[]Verb{MoveTo, LineTo, CubicTo}, Point{20, 8}, Point{12, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p Path
			if tc.start != nil {
				p.MoveTo(*tc.start)
			}
			p.ArcTo(tc.x1, tc.y1, tc.x2, tc.y2, tc.r, tc.m)
			if len(p.Verbs) != len(tc.verbs) {
				t.Fatalf("verbs %v, want %v", p.Verbs, tc.verbs)
			}
			for i := range tc.verbs {
				if p.Verbs[i] != tc.verbs[i] {
					t.Fatalf("verbs %v, want %v", p.Verbs, tc.verbs)
				}
			}
			end, _ := p.CurrentPoint()
			if !near(end, tc.end, 1e-9) {
				t.Errorf("ends at %v, want %v", end, tc.end)
			}
			fi := 1
			if tc.start == nil {
				fi = 0
			}
			if !near(p.Points[fi], tc.first, 1e-9) {
				t.Errorf("first new point %v, want %v", p.Points[fi], tc.first)
			}
		})
	}
	t.Run("arc is tangent and on the circle", func(t *testing.T) {
		var p Path
		p.MoveTo(Point{0, 0})
		p.ArcTo(10, 0, 10, 10, 4, Identity)
		c := Point{6, 4}
		cub := p.Points[2:]
		// Control points continue the tangents: first along +x, last along +y.
		if cub[0].Y != 0 || cub[1].X != 10 {
			t.Errorf("control points %v not tangent", cub)
		}
		if e := maxRadiusError(&Path{Verbs: []Verb{MoveTo, CubicTo}, Points: p.Points[1:]}, c, 4, 0); e > 4*3e-4 {
			t.Errorf("radius error %v", e)
		}
	})
}

func TestRoundRect(t *testing.T) {
	r := [4]Point{{2, 2}, {4, 4}, {6, 6}, {0, 0}}
	var p Path
	p.RoundRect(10, 20, 30, 40, r, Identity)
	if p.Points[0] != (Point{12, 20}) {
		t.Errorf("starts at %v, want (x+upperLeft.x, y)", p.Points[0])
	}
	if p.Verbs[len(p.Verbs)-1] != MoveTo || p.Points[len(p.Points)-1] != (Point{10, 20}) {
		t.Errorf("does not start a new subpath at (x,y)")
	}
	// Area of the rectangle minus the corners' (1-π/4)·r² each.
	want := 30*40 - (1-math.Pi/4)*(4+16+36)
	a := signedArea(&p)
	if math.Abs(a-want) > 0.05 {
		t.Errorf("area %v, want %v", a, want)
	}
	for _, pt := range []struct {
		x, y float64
		in   bool
	}{
		{10.2, 20.2, false}, // cut by the 2-radius corner
		{10.8, 20.8, true},
		{39.5, 59.5, false}, // 6-radius lower-right corner
		{10.1, 59.9, true},  // square lower-left
		{25, 40, true},
	} {
		if got := winding(&p, pt.x, pt.y) != 0; got != pt.in {
			t.Errorf("(%v,%v) inside=%v, want %v", pt.x, pt.y, got, pt.in)
		}
	}
	t.Run("negative width mirrors and reverses", func(t *testing.T) {
		var q Path
		q.RoundRect(40, 20, -30, 40, r, Identity)
		if a := signedArea(&q); math.Abs(a+want) > 0.05 {
			t.Errorf("area %v, want %v", a, -want)
		}
		// upperLeft (2) is now at the corner (40,20), the visual upper right.
		if winding(&q, 39.8, 20.2) != 0 || winding(&q, 39.2, 20.8) == 0 {
			t.Errorf("upper-left radius not at (x, y)")
		}
	})
	t.Run("negative width and height keep the direction", func(t *testing.T) {
		var q Path
		q.RoundRect(40, 60, -30, -40, r, Identity)
		if a := signedArea(&q); math.Abs(a-want) > 0.05 {
			t.Errorf("area %v, want %v", a, want)
		}
	})
}

func TestRectAndCurrentPoint(t *testing.T) {
	var p Path
	if _, ok := p.CurrentPoint(); ok {
		t.Fatal("empty path has a current point")
	}
	p.Rect(1, 2, 3, 4, Identity)
	want := []Point{{1, 2}, {4, 2}, {4, 6}, {1, 6}, {1, 2}}
	for i, w := range want {
		if p.Points[i] != w {
			t.Errorf("point %d = %v, want %v", i, p.Points[i], w)
		}
	}
	if cp, _ := p.CurrentPoint(); cp != (Point{1, 2}) {
		t.Errorf("current point %v", cp)
	}
	var q Path
	q.MoveTo(Point{5, 5})
	q.LineTo(Point{9, 5})
	q.Close()
	if cp, _ := q.CurrentPoint(); cp != (Point{5, 5}) {
		t.Errorf("after Close current point %v, want the subpath start", cp)
	}
}

func TestNonFiniteArgumentsAreNoOps(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name string
		call func(p *Path)
	}{
		{"arc NaN angle", func(p *Path) { p.Arc(0, 0, 5, nan, 1, false, Identity) }},
		{"ellipse Inf radius", func(p *Path) { p.Ellipse(0, 0, inf, 5, 0, 0, 1, false, Identity) }},
		{"arcTo NaN point", func(p *Path) { p.ArcTo(nan, 0, 5, 5, 2, Identity) }},
		{"rect Inf width", func(p *Path) { p.Rect(0, 0, inf, 5, Identity) }},
		{"roundRect NaN radius", func(p *Path) { p.RoundRect(0, 0, 5, 5, [4]Point{{X: nan}}, Identity) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p Path
			p.MoveTo(Point{1, 1})
			tc.call(&p)
			if len(p.Verbs) != 1 {
				t.Errorf("path changed: %v", p.Verbs)
			}
		})
	}
	t.Run("huge but finite values stay finite and bounded", func(t *testing.T) {
		var p Path
		p.Arc(1e300, -1e300, 1e300, 1e300, -1e300, true, Identity)
		p.Ellipse(0, 0, 1e-300, 1e300, 1e300, 0, 1e300, false, Identity)
		if len(p.Points) > 40 {
			t.Errorf("%d points", len(p.Points))
		}
	})
}
