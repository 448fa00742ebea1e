package canvas

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// TestSolidRunsMatchSpans: a solid source-over fill, translucent or opaque,
// painted from the rasterizer's runs (edge pixels one by one, insides as
// whole runs) leaves exactly the pixels the general per-pixel-coverage path
// does, on a
// random scene of overlapping shapes, including ones cut by the canvas edges
// and thin bars whose insides are runs of partial coverage.
func TestSolidRunsMatchSpans(t *testing.T) {
	const w, h = 300, 200
	rng := rand.New(rand.NewPCG(8, 9))
	fast := image.NewRGBA(image.Rect(0, 0, w, h))
	slow := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range fast.Pix {
		v := uint8(rng.IntN(256))
		fast.Pix[i], slow.Pix[i] = v, v
	}
	for i := 3; i < len(fast.Pix); i += 4 { // keep the destination premultiplied
		fast.Pix[i], slow.Pix[i] = 255, 255
	}
	var r raster.Rasterizer
	pf, ps := newSpanPainter(), newSpanPainter()
	for iter := range 400 {
		var p geom.Path
		cx, cy := rng.Float64()*w*1.2-30, rng.Float64()*h*1.2-20
		size := 1 + rng.Float64()*120
		switch iter % 3 {
		case 0:
			p.Arc(cx, cy, size/2, 0, 2*math.Pi, false, geom.Identity)
		case 1:
			p.MoveTo(geom.Point{X: cx, Y: cy})
			p.CubicTo(geom.Point{X: cx + size, Y: cy - size}, geom.Point{X: cx - size, Y: cy + size}, geom.Point{X: cx + size/2, Y: cy + size})
			p.Close()
		default: // a bar a fraction of a pixel high: its inside is partly covered
			y0 := math.Floor(cy) + rng.Float64()*0.5
			y1 := y0 + 0.1 + rng.Float64()*0.4
			p.MoveTo(geom.Point{X: cx, Y: y0})
			p.LineTo(geom.Point{X: cx + size*2, Y: y0})
			p.LineTo(geom.Point{X: cx + size*2, Y: y1})
			p.LineTo(geom.Point{X: cx, Y: y1})
			p.Close()
		}
		a := 0.05 + rng.Float64()*0.9
		if iter%4 == 0 {
			a = 1
		}
		src := source{solid: true, color: premulColor(uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), a)}
		rule := raster.FillRule(iter % 2)
		pf.set(fast, nil, blend.SourceOver, src)
		ps.set(slow, nil, blend.SourceOver, src)
		if !pf.runs {
			t.Fatalf("shape %d: colour %v does not take the run path", iter, src.color)
		}
		ps.overOK, ps.runs = false, false
		for _, pt := range []struct {
			p   *spanPainter
			img *image.RGBA
		}{{pf, fast}, {ps, slow}} {
			r.Reset(pt.img.Rect)
			r.AddPath(&p)
			pt.p.rasterize(&r, rule)
		}
		for i := range fast.Pix {
			if fast.Pix[i] != slow.Pix[i] {
				q := i / 4
				t.Fatalf("shape %d: pixel (%d,%d) channel %d is %d from runs, %d from spans",
					iter, q%w, q/w, i%4, fast.Pix[i], slow.Pix[i])
			}
		}
	}
}
