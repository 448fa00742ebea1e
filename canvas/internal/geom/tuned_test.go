package geom

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// sameF is float equality that also matches NaN with NaN.
func sameF(a, b float64) bool { return a == b || (a != a && b != b) }

func samePt(a, b Point) bool { return sameF(a.X, b.X) && sameF(a.Y, b.Y) }

type flatLine struct {
	a, b Point
	t    float64
}

func sameLines(x, y []flatLine) (int, bool) {
	if len(x) != len(y) {
		return min(len(x), len(y)), false
	}
	for i := range x {
		if !samePt(x[i].a, y[i].a) || !samePt(x[i].b, y[i].b) || !sameF(x[i].t, y[i].t) {
			return i, false
		}
	}
	return 0, true
}

// flattenCorpus is a spread of paths: random curves from sub-pixel to far
// beyond any canvas, circles and ellipses of many sizes, lines, closes, and
// non-finite points.
func flattenCorpus() []*Path {
	rng := rand.New(rand.NewPCG(7, 11))
	var out []*Path
	for _, scale := range []float64{0.5, 3, 30, 120, 1000, 5000, 1e5, 1e9} {
		for i := 0; i < 100; i++ {
			pt := func() Point {
				return Point{rng.Float64()*scale*2 - scale/2, rng.Float64()*scale*2 - scale/2}
			}
			p := &Path{}
			p.MoveTo(pt())
			for k := 0; k < 1+i%4; k++ {
				switch rng.IntN(4) {
				case 0:
					p.LineTo(pt())
				case 1:
					p.QuadTo(pt(), pt())
				default:
					p.CubicTo(pt(), pt(), pt())
				}
				if rng.IntN(5) == 0 {
					p.Close()
				}
			}
			out = append(out, p)
		}
	}
	m := Rotate(0.4).Mul(Scale(1.5, 0.7))
	for i := 0; i < 400; i++ {
		x, y := rng.Float64()*2200-100, rng.Float64()*1300-100
		r := []float64{1, 5, 25, 45, 0.3, 300, 4000}[i%7] * (0.5 + rng.Float64())
		p := &Path{}
		mm := Identity
		if i%3 == 0 {
			mm = m
		}
		p.Arc(x, y, r, 0, 2*math.Pi, i%2 == 0, mm)
		p.Ellipse(x, y, r, r/3, rng.Float64(), rng.Float64()*7-3, rng.Float64()*9-3, i%5 == 0, mm)
		out = append(out, p)
	}
	nan, inf := math.NaN(), math.Inf(1)
	for _, bad := range []Point{{nan, 5}, {5, nan}, {inf, 5}, {-inf, inf}, {inf, nan}, {1e300, -1e300}, {1e200, 3}} {
		p := &Path{}
		p.MoveTo(Point{10, 10})
		p.CubicTo(Point{50, 80}, bad, Point{90, 10})
		p.QuadTo(bad, Point{20, 40})
		p.LineTo(bad)
		out = append(out, p)
	}
	return out
}

// TestFlattenMatchesReference: the tuned flattener emits exactly the lines
// of the reference one, for every clip (whole canvas, bands, Everywhere) and
// tolerance, and with the stroker's tangent lines and curve parameters.
func TestFlattenMatchesReference(t *testing.T) {
	clips := []Rect{Everywhere, {0, 0, 1920, 1080}, {0, 256, 1920, 320}, {100, 900, 400, 1000}}
	for pi, p := range flattenCorpus() {
		for _, clip := range clips {
			for _, tol := range []float64{0.1, 0.01, 0.5, 0} {
				var got, want []flatLine
				FlattenClip(p, tol, clip, func(a, b Point) { got = append(got, flatLine{a, b, 0}) })
				refFlattenClip(p, tol, clip, func(a, b Point) { want = append(want, flatLine{a, b, 0}) })
				if i, ok := sameLines(got, want); !ok {
					t.Fatalf("path %d clip %v tol %g: %d vs %d lines, first difference at %d", pi, clip, tol, len(got), len(want), i)
				}
			}
		}
		// The stroker's flattening: tangent lines and parameters.
		var got, want []flatLine
		f := &flattener{clip: Everywhere, tol: 0.1, tangents: true}
		f.line = func(a, b Point) { got = append(got, flatLine{a, b, f.t}) }
		r := &refFlattener{clip: Everywhere, tol: 0.1, tangents: true}
		r.line = func(a, b Point) { want = append(want, flatLine{a, b, r.t}) }
		pts := p.Points
		cur := Point{}
		for _, v := range p.Verbs {
			switch v {
			case QuadTo:
				f.quad(cur, pts[0], pts[1], 0)
				r.quad(cur, pts[0], pts[1], 0)
			case CubicTo:
				f.cubic(cur, pts[0], pts[1], pts[2], 0)
				r.cubic(cur, pts[0], pts[1], pts[2], 0)
			}
			if n := NumPoints[v]; n > 0 {
				cur = pts[n-1]
			}
			pts = pts[NumPoints[v]:]
		}
		if i, ok := sameLines(got, want); !ok {
			t.Fatalf("path %d tangents: %d vs %d lines, first difference at %d", pi, len(got), len(want), i)
		}
	}
}

// TestArcMatchesReference: the tuned arc builder records exactly the points
// of the reference one, for full circles, partial arcs in both directions,
// rotated ellipses and transformed paths.
func TestArcMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	mats := []Matrix{Identity, Rotate(0.3).Mul(Scale(2, 2)), Translate(3.5, -2), Scale(-1, 1)}
	angles := []float64{0, math.Pi / 2, math.Pi, 3 * math.Pi / 2, 2 * math.Pi, -2 * math.Pi, math.Copysign(0, -1), 1e-5, 7, -7, 4 * math.Pi}
	check := func(name string, build func(p *Path, ref bool)) {
		t.Helper()
		var got, want Path
		got.MoveTo(Point{1, 2}) // some calls continue a subpath
		want.MoveTo(Point{1, 2})
		build(&got, false)
		build(&want, true)
		if len(got.Verbs) != len(want.Verbs) || len(got.Points) != len(want.Points) {
			t.Fatalf("%s: %d verbs %d points, want %d %d", name, len(got.Verbs), len(got.Points), len(want.Verbs), len(want.Points))
		}
		for i := range got.Verbs {
			if got.Verbs[i] != want.Verbs[i] {
				t.Fatalf("%s: verb %d is %d, want %d", name, i, got.Verbs[i], want.Verbs[i])
			}
		}
		for i := range got.Points {
			if !samePt(got.Points[i], want.Points[i]) {
				t.Fatalf("%s: point %d is %v, want %v", name, i, got.Points[i], want.Points[i])
			}
		}
	}
	for mi, m := range mats {
		for _, a0 := range angles {
			for _, a1 := range angles {
				for _, ccw := range []bool{false, true} {
					for _, rot := range []float64{0, 0.7, math.Copysign(0, -1)} {
						cx, cy := rng.Float64()*1000, rng.Float64()*1000
						r := rng.Float64() * 50
						name := fmt.Sprintf("m%d a0=%g a1=%g ccw=%v rot=%g", mi, a0, a1, ccw, rot)
						check(name, func(p *Path, ref bool) {
							if ref {
								p.refEllipse(cx, cy, r, r*0.6, rot, a0, a1, ccw, m)
							} else {
								p.Ellipse(cx, cy, r, r*0.6, rot, a0, a1, ccw, m)
							}
						})
					}
				}
			}
		}
		for i := 0; i < 2000; i++ {
			cx, cy, r := rng.Float64()*2000, rng.Float64()*1000, rng.Float64()*100
			a0, a1 := rng.Float64()*20-10, rng.Float64()*20-10
			ccw := i%2 == 0
			check(fmt.Sprintf("m%d random %d", mi, i), func(p *Path, ref bool) {
				if ref {
					p.refEllipse(cx, cy, r, r, 0, a0, a1, ccw, m)
				} else {
					p.Arc(cx, cy, r, a0, a1, ccw, m)
				}
			})
			start, sweep := rng.Float64()*8-4, rng.Float64()*4*math.Pi-2*math.Pi
			check(fmt.Sprintf("m%d segments %d", mi, i), func(p *Path, ref bool) {
				if ref {
					p.refArcSegments(cx, cy, r, r/2, 0.2, start, sweep, m)
				} else {
					p.arcSegments(cx, cy, r, r/2, 0.2, start, sweep, m)
				}
			})
		}
		// The corners of roundRect.
		for _, a0 := range []float64{-math.Pi / 2, 0, math.Pi / 2, math.Pi, 3 * math.Pi / 2} {
			for _, sweep := range []float64{math.Pi / 2, -math.Pi / 2} {
				check(fmt.Sprintf("m%d corner %g %g", mi, a0, sweep), func(p *Path, ref bool) {
					if ref {
						p.refArcSegments(40, 50, 12, 7, 0, a0, sweep, m)
					} else {
						p.arcSegments(40, 50, 12, 7, 0, a0, sweep, m)
					}
				})
			}
		}
	}
}

// TestSegmentsForMatchesReference: rounding up by comparison gives
// math.Ceil's count, at and next to every perfect square it can return.
func TestSegmentsForMatchesReference(t *testing.T) {
	xs := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 0, 0.5, 1, math.MaxFloat64, 1e300}
	for k := 1.0; k <= MaxCurveSegments+1; k++ {
		sq := k * k
		xs = append(xs, sq, math.Nextafter(sq, 0), math.Nextafter(sq, math.Inf(1)), sq+k/2)
	}
	for _, x := range xs {
		if got, want := segmentsFor(x), refSegmentsFor(x); got != want {
			t.Fatalf("segmentsFor(%v) = %d, want %d", x, got, want)
		}
	}
}
