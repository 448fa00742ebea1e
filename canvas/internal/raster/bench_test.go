package raster

import (
	"image"
	"image/color"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Rates (MPix/s, paths/s, strokes/s) are per CPU second of this process
// (see cpuClock), so they hold on a loaded machine; ns/op is wall time.

func benchStar(b *testing.B, rule FillRule) {
	p := starPath()
	var r Rasterizer
	clip := image.Rect(0, 0, sceneW, sceneH)
	var sum int
	span := func(y, x int, cov []uint8) { sum += len(cov) }
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		r.Reset(clip)
		r.AddPath(p)
		r.Rasterize(rule, span)
	}
	cpu := clk.report(b)
	area := float64(r.Bounds().Dx() * r.Bounds().Dy())
	b.ReportMetric(area/cpu/1e6, "MPix/s")
}

// BenchmarkStar1000 rasterizes the 1,000-segment star (coverage only);
// MPix/s counts the pixels of its bounding box.
func BenchmarkStar1000NonZero(b *testing.B) { benchStar(b, NonZero) }
func BenchmarkStar1000EvenOdd(b *testing.B) { benchStar(b, EvenOdd) }

// BenchmarkRandomPaths10k rasterizes 10,000 random curved shapes on a
// 1920x1080 canvas, coverage only. MPix/s counts pixels with coverage.
func BenchmarkRandomPaths10k(b *testing.B) {
	shapes := randomShapes(10000)
	var r Rasterizer
	var p geom.Path
	clip := image.Rect(0, 0, sceneW, sceneH)
	pix := 0
	span := func(y, x int, cov []uint8) { pix += len(cov) }
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		pix = 0
		for i := range shapes {
			shapes[i].path(&p)
			r.Reset(clip)
			r.AddPath(&p)
			r.Rasterize(NonZero, span)
		}
	}
	cpu := clk.report(b)
	s := cpu
	b.ReportMetric(float64(pix)/s/1e6, "MPix/s")
	b.ReportMetric(float64(len(shapes))/s, "paths/s")
}

// BenchmarkRandomPaths10kPaint adds the cheapest possible solid source-over
// painting, to compare like for like with gg, which always paints.
func BenchmarkRandomPaths10kPaint(b *testing.B) {
	shapes := randomShapes(10000)
	dst := image.NewRGBA(image.Rect(0, 0, sceneW, sceneH))
	spans := make([]func(y, x int, cov []uint8), len(shapes))
	for i := range shapes {
		spans[i] = fillSpan(dst, shapes[i].col)
	}
	var r Rasterizer
	var p geom.Path
	clip := dst.Rect
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		for i := range shapes {
			shapes[i].path(&p)
			r.Reset(clip)
			r.AddPath(&p)
			r.Rasterize(NonZero, spans[i])
		}
	}
	cpu := clk.report(b)
	b.ReportMetric(float64(len(shapes))/cpu, "paths/s")
}

// BenchmarkThickDashedStroke strokes a 100-segment path of lines and curves,
// 12 px wide with round joins and caps and a 40/15 dash, then rasterizes the
// outline: stroker plus raster per op.
func BenchmarkThickDashedStroke(b *testing.B) {
	src := strokeScene()
	var out geom.Path
	var k geom.Stroker
	var r Rasterizer
	clip := image.Rect(0, 0, sceneW, sceneH)
	pix := 0
	span := func(y, x int, cov []uint8) { pix += len(cov) }
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		pix = 0
		out.Reset()
		k.Stroke(&out, src, strokeSceneStyle, geom.Identity)
		r.Reset(clip)
		r.AddPath(&out)
		r.Rasterize(NonZero, span)
	}
	cpu := clk.report(b)
	b.ReportMetric(float64(pix)/cpu/1e6, "MPix/s")
}

// BenchmarkThickDashedStrokePaint is the stroke scene painted solid, the
// like-for-like peer of gg's Stroke.
func BenchmarkThickDashedStrokePaint(b *testing.B) {
	src := strokeScene()
	dst := image.NewRGBA(image.Rect(0, 0, sceneW, sceneH))
	span := fillSpan(dst, color.NRGBA{20, 40, 200, 255})
	var out geom.Path
	var k geom.Stroker
	var r Rasterizer
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		out.Reset()
		k.Stroke(&out, src, strokeSceneStyle, geom.Identity)
		r.Reset(dst.Rect)
		r.AddPath(&out)
		r.Rasterize(NonZero, span)
	}
	cpu := clk.report(b)
	b.ReportMetric(1/cpu, "strokes/s")
}

// BenchmarkStar1000Paint is the star painted solid (peer of gg's Fill).
func BenchmarkStar1000Paint(b *testing.B) {
	p := starPath()
	dst := image.NewRGBA(image.Rect(0, 0, sceneW, sceneH))
	span := fillSpan(dst, color.NRGBA{200, 30, 30, 255})
	var r Rasterizer
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		r.Reset(dst.Rect)
		r.AddPath(p)
		r.Rasterize(NonZero, span)
	}
	cpu := clk.report(b)
	b.ReportMetric(1/cpu, "MPix/s")
}

func BenchmarkMaskIntersect(b *testing.B) {
	var r Rasterizer
	r.Reset(image.Rect(0, 0, 1024, 1024))
	var c geom.Path
	c.Arc(500, 500, 450, 0, 7, false, geom.Identity)
	r.AddPath(&c)
	var m1, m2 Mask
	r.RasterizeMask(NonZero, &m1)
	r.Reset(image.Rect(0, 0, 1024, 1024))
	c.Reset()
	c.Arc(600, 600, 400, 0, 7, false, geom.Identity)
	r.AddPath(&c)
	r.RasterizeMask(NonZero, &m2)
	work := Mask{Pix: make([]uint8, 0, len(m1.Pix))}
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		work.Rect, work.Stride, work.Pix = m1.Rect, m1.Stride, append(work.Pix[:0], m1.Pix...)
		work.Intersect(&m2)
	}
	cpu := clk.report(b)
	b.ReportMetric(float64(m1.Rect.Dx()*m1.Rect.Dy())/cpu/1e6, "MPix/s")
}

// BenchmarkFillRectLarge is an axis-aligned 1800x1000 rectangle at
// fractional coordinates: the common poster background.
func BenchmarkFillRectLarge(b *testing.B) {
	var p geom.Path
	p.Rect(60.5, 40.25, 1800, 1000, geom.Identity)
	var r Rasterizer
	clip := image.Rect(0, 0, sceneW, sceneH)
	span := func(y, x int, cov []uint8) {}
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		r.Reset(clip)
		r.AddPath(&p)
		r.Rasterize(NonZero, span)
	}
	cpu := clk.report(b)
	b.ReportMetric(1.8/cpu, "MPix/s")
}

// BenchmarkStrokerOnly is the stroker alone on the stroke scene: outline
// verbs produced per CPU second.
func BenchmarkStrokerOnly(b *testing.B) {
	src := strokeScene()
	var out geom.Path
	var k geom.Stroker
	b.ReportAllocs()
	b.ResetTimer()
	clk := startCPU()
	for b.Loop() {
		out.Reset()
		k.Stroke(&out, src, strokeSceneStyle, geom.Identity)
	}
	cpu := clk.report(b)
	b.ReportMetric(float64(len(out.Verbs))/cpu/1e6, "Mverbs/s")
}
