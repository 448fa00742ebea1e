package geom

import (
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
