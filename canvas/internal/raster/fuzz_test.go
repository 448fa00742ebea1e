package raster

import (
	"encoding/binary"
	"image"
	"math"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// decodeFuzzPath turns bytes into a path, a stroke style and a transform.
// Coordinates come from a small table of troublesome values or from raw
// bytes, so NaN, ±Inf, huge and tiny numbers all show up.
func decodeFuzzPath(data []byte) (*geom.Path, geom.StrokeStyle, geom.Matrix) {
	specials := [...]float64{0, 1, -1, 0.5, 31.999, 32, 1e-9, 1e7, -1e7, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 64, -0.0}
	next := func() float64 {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		if b < 16 {
			return specials[b]
		}
		if b < 32 && len(data) >= 8 {
			v := math.Float64frombits(binary.LittleEndian.Uint64(data))
			data = data[8:]
			return v
		}
		return float64(b-32) * 0.37
	}
	pt := func() geom.Point { return geom.Point{X: next(), Y: next()} }
	st := geom.StrokeStyle{Width: math.Abs(next()) + 0.01, Cap: geom.Cap(next()), Join: geom.Join(next()), MiterLimit: next()}
	if n := int(math.Abs(next())) % 5; n > 0 {
		for i := 0; i < n; i++ {
			st.Dash = append(st.Dash, math.Abs(next()))
		}
		st.DashOffset = next()
	}
	m := geom.Identity
	if next() > 5 {
		m = geom.Matrix{A: next(), B: next(), C: next(), D: next(), E: next(), F: next()}
	}
	var p geom.Path
	for len(data) > 0 && len(p.Verbs) < 64 {
		switch int(data[0]) % 10 {
		case 0:
			p.MoveTo(pt())
		case 1, 2:
			p.LineTo(pt())
		case 3:
			p.QuadTo(pt(), pt())
		case 4:
			p.CubicTo(pt(), pt(), pt())
		case 5:
			p.Close()
		case 6:
			if _, ok := p.CurrentPoint(); ok {
				p.ArcTo(next(), next(), next(), next(), math.Abs(next()), m)
			}
		case 7:
			p.Ellipse(next(), next(), math.Abs(next()), math.Abs(next()), next(), next(), next(), next() > 10, m)
		case 8:
			var r [4]geom.Point
			for i := range r {
				r[i] = geom.Point{X: math.Abs(next()), Y: math.Abs(next())}
			}
			p.RoundRect(next(), next(), next(), next(), r, m)
		case 9:
			p.Rect(next(), next(), next(), next(), m)
		}
		if len(data) > 0 {
			data = data[1:]
		}
	}
	return &p, st, m
}

// FuzzStrokeRasterize strokes and fills random paths: nothing may panic or
// hang, spans stay inside the clip in order, and coverage is consistent.
func FuzzStrokeRasterize(f *testing.F) {
	f.Add([]byte{0, 40, 40, 1, 80, 90, 4, 100, 40, 60, 70, 90, 120, 5})
	f.Add([]byte{20, 1, 1, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f, 1, 2, 3, 4, 7, 50, 50, 40, 30, 1, 0, 60})
	f.Add([]byte{3, 2, 1, 4, 10, 10, 1, 9, 9, 1, 11, 11, 1, 12, 12, 5, 6, 7, 3, 3, 3, 3, 3})
	f.Add([]byte{13, 14, 15, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0})
	clip := image.Rect(0, 0, 64, 64)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, st, m := decodeFuzzPath(data)
		var out geom.Path
		geom.Stroke(&out, p, st, m)
		var r Rasterizer
		for _, src := range []*geom.Path{p, &out} {
			for _, rule := range []FillRule{NonZero, EvenOdd} {
				r.Reset(clip)
				r.AddPath(src)
				if b := r.Bounds(); !b.In(clip) && !b.Empty() {
					t.Fatalf("bounds %v outside clip", b)
				}
				lastY := -1
				spans := map[image.Point]uint8{}
				r.Rasterize(rule, func(y, x int, cov []uint8) {
					if y < lastY || y < clip.Min.Y || y >= clip.Max.Y || x < clip.Min.X || x+len(cov) > clip.Max.X {
						t.Fatalf("span y=%d x=%d len=%d out of order or outside clip", y, x, len(cov))
					}
					lastY = y
					for i, c := range cov {
						spans[image.Pt(x+i, y)] = c
					}
				})
				// The runs (checked for order and bounds as they come) and
				// the mask say the same as the spans.
				runs := &runsImage{t: t, clip: clip, got: map[image.Point]uint8{}, lastY: math.MinInt, lastX: math.MinInt}
				r.RasterizeRuns(rule, runs)
				if len(runs.got) != len(spans) {
					t.Fatalf("%d pixels from runs, %d from spans", len(runs.got), len(spans))
				}
				for q, c := range spans {
					if runs.got[q] != c {
						t.Fatalf("pixel %v: %d from runs, %d from spans", q, runs.got[q], c)
					}
				}
				var mk Mask
				r.RasterizeMask(rule, &mk)
				if len(mk.Pix) != mk.Rect.Dx()*mk.Rect.Dy() {
					t.Fatalf("mask size %d for %v", len(mk.Pix), mk.Rect)
				}
				for q, c := range spans {
					if mk.At(q.X, q.Y) != c {
						t.Fatalf("pixel %v: %d in the mask, %d from spans", q, mk.At(q.X, q.Y), c)
					}
				}
			}
		}
		Contains(p, 32, 32, NonZero)
		StrokeContains(p, st, m, 32, 32)
	})
}
