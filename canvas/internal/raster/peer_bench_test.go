package raster

import (
	"testing"

	"github.com/fogleman/gg"
)

// The same scenes drawn with github.com/fogleman/gg, the baseline peer. gg
// always paints into its RGBA image, so compare these with the *Paint
// variants above for like-for-like figures.

func BenchmarkPeerGGStar1000NonZero(b *testing.B) { benchGGStar(b, gg.FillRuleWinding) }
func BenchmarkPeerGGStar1000EvenOdd(b *testing.B) { benchGGStar(b, gg.FillRuleEvenOdd) }

func benchGGStar(b *testing.B, rule gg.FillRule) {
	pts := starPoints()
	dc := gg.NewContext(sceneW, sceneH)
	dc.SetRGB255(200, 30, 30)
	dc.SetFillRule(rule)
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		dc.MoveTo(pts[0].X, pts[0].Y)
		for _, q := range pts[1:] {
			dc.LineTo(q.X, q.Y)
		}
		dc.ClosePath()
		dc.Fill()
	}
	cpu := clk.report(b)
	b.ReportMetric(1/cpu, "MPix/s")
}

func BenchmarkPeerGGRandomPaths10k(b *testing.B) {
	shapes := randomShapes(10000)
	dc := gg.NewContext(sceneW, sceneH)
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		for i := range shapes {
			s := &shapes[i]
			dc.SetColor(s.col)
			if s.arc {
				dc.MoveTo(s.cx, s.cy)
				dc.DrawArc(s.cx, s.cy, s.r, s.a0, s.a1)
				dc.ClosePath()
			} else {
				p := &s.pts
				dc.MoveTo(p[0].X, p[0].Y)
				dc.CubicTo(p[1].X, p[1].Y, p[2].X, p[2].Y, p[3].X, p[3].Y)
				dc.CubicTo(p[4].X, p[4].Y, p[5].X, p[5].Y, p[6].X, p[6].Y)
				dc.CubicTo(p[7].X, p[7].Y, p[8].X, p[8].Y, p[9].X, p[9].Y)
				dc.ClosePath()
			}
			dc.Fill()
		}
	}
	cpu := clk.report(b)
	b.ReportMetric(float64(len(shapes))/cpu, "paths/s")
}

func BenchmarkPeerGGThickDashedStroke(b *testing.B) {
	src := strokeScene()
	dc := gg.NewContext(sceneW, sceneH)
	dc.SetRGB255(20, 40, 200)
	dc.SetLineWidth(strokeSceneStyle.Width)
	dc.SetLineJoin(gg.LineJoinRound)
	dc.SetLineCap(gg.LineCapRound)
	dc.SetDash(strokeSceneStyle.Dash...)
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		pts := src.Points
		for _, v := range src.Verbs {
			switch v {
			case 0:
				dc.MoveTo(pts[0].X, pts[0].Y)
				pts = pts[1:]
			case 1:
				dc.LineTo(pts[0].X, pts[0].Y)
				pts = pts[1:]
			case 2:
				dc.QuadraticTo(pts[0].X, pts[0].Y, pts[1].X, pts[1].Y)
				pts = pts[2:]
			case 3:
				dc.CubicTo(pts[0].X, pts[0].Y, pts[1].X, pts[1].Y, pts[2].X, pts[2].Y)
				pts = pts[3:]
			}
		}
		dc.Stroke()
	}
	cpu := clk.report(b)
	b.ReportMetric(1/cpu, "strokes/s")
}
