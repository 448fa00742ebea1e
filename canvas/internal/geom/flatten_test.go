package geom

import (
	"math"
	"math/rand/v2"
	"testing"
)

func quadAt(p0, p1, p2 Point, t float64) Point {
	u := 1 - t
	return Point{u*u*p0.X + 2*u*t*p1.X + t*t*p2.X, u*u*p0.Y + 2*u*t*p1.Y + t*t*p2.Y}
}

func cubicAt(p0, p1, p2, p3 Point, t float64) Point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return Point{a*p0.X + b*p1.X + c*p2.X + d*p3.X, a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y}
}

func distToSegment(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// TestFlattenErrorBound checks Wang's bound: every point of the true curve is
// within tol of the polyline, for random curves of many sizes and tolerances.
func TestFlattenErrorBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name  string
		scale float64
		tol   float64
	}{
		{"small curves fine tol", 10, 0.01},
		{"canvas-size curves raster tol", 500, 0.1},
		{"large curves coarse tol", 3000, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for iter := 0; iter < 200; iter++ {
				var pts [4]Point
				for i := range pts {
					pts[i] = Point{rng.Float64() * tc.scale, rng.Float64() * tc.scale}
				}
				cubic := iter%2 == 0
				var p Path
				p.MoveTo(pts[0])
				if cubic {
					p.CubicTo(pts[1], pts[2], pts[3])
				} else {
					p.QuadTo(pts[1], pts[2])
				}
				var segs [][2]Point
				Flatten(&p, tc.tol, func(a, b Point) { segs = append(segs, [2]Point{a, b}) })
				// The last segment is the implicit close; drop it.
				segs = segs[:len(segs)-1]
				for k := 0; k <= 2000; k++ {
					tt := float64(k) / 2000
					var c Point
					if cubic {
						c = cubicAt(pts[0], pts[1], pts[2], pts[3], tt)
					} else {
						c = quadAt(pts[0], pts[1], pts[2], tt)
					}
					best := math.Inf(1)
					for _, s := range segs {
						best = math.Min(best, distToSegment(c, s[0], s[1]))
					}
					if best > tc.tol*1.0001 {
						t.Fatalf("curve %v cubic=%v: point t=%v is %.4g from the polyline, tol %v", pts, cubic, tt, best, tc.tol)
					}
				}
			}
		})
	}
}

func TestFlattenClosesSubpaths(t *testing.T) {
	var p Path
	p.MoveTo(Point{0, 0})
	p.LineTo(Point{10, 0})
	p.LineTo(Point{10, 10})
	p.MoveTo(Point{20, 20}) // first subpath left open
	p.LineTo(Point{30, 20})
	p.LineTo(Point{30, 30})
	p.Close()
	p.LineTo(Point{40, 20}) // continues from (20,20) after Close
	var got [][2]Point
	Flatten(&p, 0.1, func(a, b Point) { got = append(got, [2]Point{a, b}) })
	want := [][2]Point{
		{{0, 0}, {10, 0}}, {{10, 0}, {10, 10}}, {{10, 10}, {0, 0}},
		{{20, 20}, {30, 20}}, {{30, 20}, {30, 30}}, {{30, 30}, {20, 20}},
		{{20, 20}, {40, 20}}, {{40, 20}, {20, 20}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d segments %v, want %v", len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("segment %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestFlattenHugeBounded feeds curves with absurd coordinates: the number of
// segments stays bounded and nothing non-finite is produced from finite input.
func TestFlattenHugeBounded(t *testing.T) {
	for _, tc := range []struct {
		name string
		pts  [4]Point
		clip Rect
		max  int
	}{
		{"huge cubic no clip", [4]Point{{0, 0}, {1e300, 0}, {-1e300, 1e300}, {1e12, 5}}, Everywhere, MaxCurveSegments + 2},
		{"huge cubic clipped", [4]Point{{-1e9, -1e9}, {1e9, -1e9}, {1e9, 1e9}, {-1e9, 1e9}}, Rect{0, 0, 100, 100}, 2000},
		{"inf control point", [4]Point{{0, 0}, {math.Inf(1), 0}, {5, 5}, {10, 0}}, Everywhere, MaxCurveSegments + 2},
		{"far away cubic clipped", [4]Point{{1e7, 1e7}, {2e7, 1e7}, {2e7, 2e7}, {1e7, 2e7}}, Rect{0, 0, 100, 100}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p Path
			p.MoveTo(tc.pts[0])
			p.CubicTo(tc.pts[1], tc.pts[2], tc.pts[3])
			n := 0
			FlattenClip(&p, 0.1, tc.clip, func(a, b Point) { n++ })
			if n > tc.max {
				t.Errorf("%d segments, want at most %d", n, tc.max)
			}
		})
	}
}

// TestFlattenClipMatchesInsideClip: for a curve of ordinary size, every line
// FlattenClip emits that touches the clip is a line Flatten emits too, so
// rasterizing in bands gives the same polygon in every band.
func TestFlattenClipMatchesInsideClip(t *testing.T) {
	var p Path
	p.Arc(500, 500, 450, 0.1, 6, false, Identity)
	p.CubicTo(Point{-300, 900}, Point{1300, 1200}, Point{200, 40})
	all := map[[2]Point]bool{}
	Flatten(&p, 0.1, func(a, b Point) { all[[2]Point{a, b}] = true })
	for _, band := range []Rect{{0, 128, 1000, 256}, {0, 896, 1000, 1024}, {300, 0, 400, 1000}} {
		n := 0
		FlattenClip(&p, 0.1, band, func(a, b Point) {
			if math.Max(a.Y, b.Y) < band.MinY || math.Min(a.Y, b.Y) > band.MaxY || math.Max(a.X, b.X) < band.MinX || math.Min(a.X, b.X) > band.MaxX {
				return
			}
			n++
			if !all[[2]Point{a, b}] {
				t.Fatalf("band %v: line %v-%v differs from the unclipped flattening", band, a, b)
			}
		})
		if n == 0 {
			t.Fatalf("band %v: no lines", band)
		}
	}
}

// TestFlattenClipDropsOffRows: a band sees nothing of a curve or line lying
// entirely above or below its rows, and the winding of every point inside the band is that of
// the full flattening, so a row-sweeping filler draws the same pixels.
func TestFlattenClipDropsOffRows(t *testing.T) {
	var p Path
	p.Arc(500, 500, 450, 0.1, 6, false, Identity)
	p.CubicTo(Point{-300, 900}, Point{1300, 1200}, Point{200, 40})
	p.QuadTo(Point{900, 300}, Point{700, 980})
	p.LineTo(Point{20, 700})
	p.MoveTo(Point{100, -210})
	p.CubicTo(Point{300, -200}, Point{400, -160}, Point{600, -190}) // above every band
	p.LineTo(Point{100, -150})
	wind := func(lines [][2]Point, x, y float64) int {
		w := 0
		for _, l := range lines {
			a, b := l[0], l[1]
			if (a.Y <= y) == (b.Y <= y) {
				continue
			}
			if a.X+(y-a.Y)*(b.X-a.X)/(b.Y-a.Y) > x {
				if b.Y > a.Y {
					w++
				} else {
					w--
				}
			}
		}
		return w
	}
	var all [][2]Point
	Flatten(&p, 0.1, func(a, b Point) { all = append(all, [2]Point{a, b}) })
	for _, band := range []Rect{{0, 128, 1000, 256}, {0, 512, 1000, 640}, {0, 896, 1000, 1024}} {
		var got [][2]Point
		FlattenClip(&p, 0.1, band, func(a, b Point) {
			if a.Y < -100 && b.Y < -100 {
				t.Fatalf("band %v: line %v-%v from the subpath above the band", band, a, b)
			}
			got = append(got, [2]Point{a, b})
		})
		if len(got) >= len(all) {
			t.Errorf("band %v: %d lines, no fewer than the %d of the whole path", band, len(got), len(all))
		}
		for y := band.MinY + 0.5; y < band.MaxY; y += 7 {
			for x := -50.0; x < 1100; x += 13 {
				if w, want := wind(got, x, y), wind(all, x, y); w != want {
					t.Fatalf("band %v: winding at (%v, %v) is %d, want %d", band, x, y, w, want)
				}
			}
		}
	}
}
