package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// The benchmark scenes, shared by this package's benchmarks and the
// fogleman/gg peer benchmarks so both draw exactly the same geometry.

const sceneW, sceneH = 1920, 1080

// starPoints is a 1,000-segment self-intersecting star {1000/499} filling
// most of a 1000x1000 square.
func starPoints() []geom.Point {
	const n, k = 1000, 499
	pts := make([]geom.Point, n)
	for i := range pts {
		a := float64(i*k) * 2 * math.Pi / n
		pts[i] = geom.Point{X: 500 + 490*math.Cos(a), Y: 500 + 490*math.Sin(a)}
	}
	return pts
}

func starPath() *geom.Path {
	pts := starPoints()
	var p geom.Path
	p.MoveTo(pts[0])
	for _, q := range pts[1:] {
		p.LineTo(q)
	}
	p.Close()
	return &p
}

// randomShape is one shape of the 10,000-path scene: either a closed loop of
// three cubic Béziers or a circular arc wedge, 4..60 px across, anywhere on a
// 1920x1080 canvas.
type randomShape struct {
	arc       bool
	pts       [10]geom.Point // cubic loop: start + 3×3 control/end points
	cx, cy, r float64
	a0, a1    float64
	col       color.NRGBA
}

func randomShapes(n int) []randomShape {
	rng := rand.New(rand.NewPCG(7, 11))
	out := make([]randomShape, n)
	for i := range out {
		s := &out[i]
		cx, cy := rng.Float64()*sceneW, rng.Float64()*sceneH
		size := 4 + rng.Float64()*56
		s.col = color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(64 + rng.IntN(128))}
		if i%2 == 0 {
			s.arc = true
			s.cx, s.cy, s.r = cx, cy, size/2
			s.a0 = rng.Float64() * 2 * math.Pi
			s.a1 = s.a0 + 0.5 + rng.Float64()*5.5
			continue
		}
		for j := range s.pts {
			s.pts[j] = geom.Point{X: cx + (rng.Float64()-0.5)*size, Y: cy + (rng.Float64()-0.5)*size}
		}
	}
	return out
}

func (s *randomShape) path(p *geom.Path) {
	p.Reset()
	if s.arc {
		p.MoveTo(geom.Point{X: s.cx, Y: s.cy})
		p.Arc(s.cx, s.cy, s.r, s.a0, s.a1, false, geom.Identity)
		p.Close()
		return
	}
	p.MoveTo(s.pts[0])
	p.CubicTo(s.pts[1], s.pts[2], s.pts[3])
	p.CubicTo(s.pts[4], s.pts[5], s.pts[6])
	p.CubicTo(s.pts[7], s.pts[8], s.pts[9])
	p.Close()
}

// strokeScene is a long wandering path of lines and curves for the thick
// dashed stroke benchmark.
func strokeScene() *geom.Path {
	rng := rand.New(rand.NewPCG(3, 5))
	var p geom.Path
	pt := func() geom.Point {
		return geom.Point{X: 40 + rng.Float64()*(sceneW-80), Y: 40 + rng.Float64()*(sceneH-80)}
	}
	p.MoveTo(pt())
	for i := 0; i < 100; i++ {
		switch i % 3 {
		case 0:
			p.LineTo(pt())
		case 1:
			p.QuadTo(pt(), pt())
		default:
			p.CubicTo(pt(), pt(), pt())
		}
	}
	return &p
}

var strokeSceneStyle = geom.StrokeStyle{Width: 12, Join: geom.RoundJoin, Cap: geom.RoundCap, Dash: []float64{40, 15}}

// fillSpan composites a solid premultiplied colour through coverage with
// source-over: the least any painter must do, so the gg comparison (which
// always paints) is like for like.
func fillSpan(dst *image.RGBA, c color.NRGBA) func(y, x int, cov []uint8) {
	r, g, b, a := div255(uint32(c.R)*uint32(c.A)), div255(uint32(c.G)*uint32(c.A)), div255(uint32(c.B)*uint32(c.A)), uint32(c.A)
	return func(y, x int, cov []uint8) {
		row := dst.Pix[y*dst.Stride+x*4 : y*dst.Stride+(x+len(cov))*4]
		for i, cv := range cov {
			px := row[i*4 : i*4+4 : i*4+4]
			if cv == 255 && a == 255 {
				px[0], px[1], px[2], px[3] = uint8(r), uint8(g), uint8(b), 255
				continue
			}
			m := uint32(cv)
			inv := 255 - div255(a*m)
			px[0] = uint8(div255(r*m + uint32(px[0])*inv))
			px[1] = uint8(div255(g*m + uint32(px[1])*inv))
			px[2] = uint8(div255(b*m + uint32(px[2])*inv))
			px[3] = uint8(div255(a*m + uint32(px[3])*inv))
		}
	}
}

func div255(v uint32) uint32 {
	v += 128
	return (v + v>>8) >> 8
}
