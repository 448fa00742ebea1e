package raster

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// runsImage collects what RasterizeRuns reports into coverage per pixel,
// checking the Runs contract on the way: rows in increasing y, pieces in
// increasing x that never overlap, Fill runs non-empty with coverage above
// zero, every pixel inside the clip.
type runsImage struct {
	t            *testing.T
	clip         image.Rectangle
	got          map[image.Point]uint8
	lastY, lastX int
}

func (r *runsImage) next(y, x, n int) {
	r.t.Helper()
	if n <= 0 {
		r.t.Fatalf("empty piece at (%d,%d)", x, y)
	}
	if y < r.lastY || (y == r.lastY && x < r.lastX) {
		r.t.Fatalf("piece (%d,%d) before the end of the last one (%d,%d)", x, y, r.lastX, r.lastY)
	}
	r.lastY, r.lastX = y, x+n
	if !image.Rect(x, y, x+n, y+1).In(r.clip) {
		r.t.Fatalf("piece (%d,%d)+%d outside clip %v", x, y, n, r.clip)
	}
}

func (r *runsImage) Cover(y, x int, cov []uint8) {
	r.next(y, x, len(cov))
	for i, c := range cov {
		if c != 0 {
			r.got[image.Pt(x+i, y)] = c
		}
	}
}

func (r *runsImage) Fill(y, x, n int, c uint8) {
	r.next(y, x, n)
	if c == 0 {
		r.t.Fatalf("Fill with coverage 0 at (%d,%d)", x, y)
	}
	for i := range n {
		r.got[image.Pt(x+i, y)] = c
	}
}

// TestRunsMatchSpansAndMask: the three ways out of the sweep (runs for
// painters that take whole runs, spans of per-pixel coverage, masks) give
// the same coverage, pixel for pixel, for random shapes under both rules,
// inside, across and beyond the clip, in one band and in many.
func TestRunsMatchSpansAndMask(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	clip := image.Rect(7, 3, 260, 190)
	saved := bandCells
	defer func() { bandCells = saved }()
	for iter := range 300 {
		var p geom.Path
		cx, cy := rng.Float64()*300-20, rng.Float64()*220-15
		size := 2 + rng.Float64()*150
		switch iter % 3 {
		case 0:
			p.Arc(cx, cy, size/2, 0, 2*math.Pi, false, geom.Identity)
		case 1:
			p.MoveTo(pt(cx, cy))
			for range 3 {
				p.CubicTo(pt(cx+(rng.Float64()-0.5)*size, cy+(rng.Float64()-0.5)*size),
					pt(cx+(rng.Float64()-0.5)*size, cy+(rng.Float64()-0.5)*size),
					pt(cx+(rng.Float64()-0.5)*size, cy+(rng.Float64()-0.5)*size))
			}
			p.Close()
		default:
			p = *star(cx, cy, size, 5+2*rng.IntN(20), 2)
		}
		rule := FillRule(iter / 3 % 2)
		bandCells = saved
		if iter%4 == 3 {
			bandCells = 16 * 300
		}
		spans := coverage(t, &p, clip, rule)
		runs := &runsImage{t: t, clip: clip, got: map[image.Point]uint8{}, lastY: math.MinInt, lastX: math.MinInt}
		var r Rasterizer
		r.Reset(clip)
		r.AddPath(&p)
		r.RasterizeRuns(rule, runs)
		if len(runs.got) != len(spans) {
			t.Fatalf("shape %d: %d pixels from runs, %d from spans", iter, len(runs.got), len(spans))
		}
		for q, c := range spans {
			if runs.got[q] != c {
				t.Fatalf("shape %d: pixel %v has %d from runs, %d from spans", iter, q, runs.got[q], c)
			}
		}
		var m Mask
		r.RasterizeMask(rule, &m)
		for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
			for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
				if c := m.At(x, y); c != spans[image.Pt(x, y)] {
					t.Fatalf("shape %d: mask pixel (%d,%d) is %d, span %d", iter, x, y, c, spans[image.Pt(x, y)])
				}
			}
		}
		for q := range spans {
			if !q.In(m.Rect) {
				t.Fatalf("shape %d: covered pixel %v outside the mask's %v", iter, q, m.Rect)
			}
		}
	}
}
