package geom

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkFlatten flattens 1,000 random cubics of canvas size at the
// rasterizer's 0.1 px tolerance.
func BenchmarkFlatten(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 9))
	var p Path
	pt := func() Point { return Point{rng.Float64() * 1000, rng.Float64() * 1000} }
	p.MoveTo(pt())
	for i := 0; i < 1000; i++ {
		p.CubicTo(pt(), pt(), pt())
	}
	n := 0
	line := func(a, b Point) { n++ }
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n = 0
		Flatten(&p, 0.1, line)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mlines/s")
}

// BenchmarkArcPath builds the path of a rounded poster card: a roundRect, a
// circle and an arcTo corner, under a rotation.
func BenchmarkArcPath(b *testing.B) {
	var p Path
	m := Rotate(0.3).Mul(Scale(2, 2))
	r := [4]Point{{12, 12}, {12, 12}, {30, 30}, {0, 0}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p.Reset()
		p.RoundRect(10, 10, 300, 200, r, m)
		p.Arc(100, 100, 40, 0, 2*math.Pi, false, m)
		p.MoveTo(m.Apply(Point{0, 0}))
		p.ArcTo(50, 0, 50, 50, 10, m)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/path")
}

// canvasClip is the clip the rasterizer flattens with for a 1920×1080 canvas.
var canvasClip = Rect{0, 0, 1920, 1080}

// BenchmarkFlattenCircle flattens one arc(x, y, r, 0, 2π) circle, as the
// rasterizer does (canvas clip, 0.1 px), for the radii of small poster dots
// up to the largest circles of BenchmarkRandomPaths10k.
func BenchmarkFlattenCircle(b *testing.B) {
	for _, r := range []float64{1, 5, 25, 45} {
		b.Run(fmt.Sprintf("r=%g", r), func(b *testing.B) {
			var p Path
			p.Arc(517.3, 311.7, r, 0, 2*math.Pi, false, Identity)
			n := 0
			line := func(a, b Point) { n++ }
			b.ReportAllocs()
			for b.Loop() {
				FlattenClip(&p, 0.1, canvasClip, line)
			}
			b.ReportMetric(float64(n)/float64(b.N), "lines/path")
		})
	}
}

// BenchmarkFlattenCubic flattens the closed single cubics of
// BenchmarkRandomPaths10k (controls within ±60 px), cycling through 256 of them.
func BenchmarkFlattenCubic(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	paths := make([]Path, 256)
	for i := range paths {
		x, y := rng.Float64()*1920, rng.Float64()*1080
		d := func(s float64) float64 { return rng.Float64()*2*s - s }
		paths[i].MoveTo(Point{x, y})
		paths[i].CubicTo(Point{x + d(60), y + d(60)}, Point{x + d(60), y + d(60)}, Point{x + d(40), y + d(40)})
	}
	n := 0
	line := func(a, b Point) { n++ }
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		FlattenClip(&paths[i&255], 0.1, canvasClip, line)
		i++
	}
	b.ReportMetric(float64(n)/float64(b.N), "lines/path")
}

// BenchmarkArcCircle builds the path of one full circle, as ctx.arc(x, y, r,
// 0, 2π) does after beginPath.
func BenchmarkArcCircle(b *testing.B) {
	var p Path
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		p.Arc(517.3, 311.7, 25, 0, 2*math.Pi, false, Identity)
	}
}
