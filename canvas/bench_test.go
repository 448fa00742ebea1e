package canvas

import (
	"bytes"
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// Benchmarks of the scenes issue 3 lists. MPix/s is the canvas area of one
// scene (w×h) times scenes per second, so figures are comparable across
// scenes of the same size; run with -benchmem to see allocations per scene.

const benchW, benchH = 1920, 1080

func benchCanvas(b *testing.B) *Context2D {
	b.Helper()
	cv, err := NewCanvas(benchW, benchH)
	if err != nil {
		b.Fatal(err)
	}
	return cv.Context2D()
}

// cpuClock measures the process's CPU time (user+system, all threads). On a
// shared machine wall-clock figures swing with the load; MPix per CPU-second
// does not, and with one CPU it equals MPix/s.
type cpuClock struct{ start time.Duration }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{cpuNow()} }

// report records MPix/s (wall clock) and MPix/cpu-s for pixels per scene.
func report(b *testing.B, pixels int, clk cpuClock) {
	mpix := float64(pixels) * float64(b.N) / 1e6
	b.ReportMetric(mpix/b.Elapsed().Seconds(), "MPix/s")
	if cpu := (cpuNow() - clk.start).Seconds(); cpu > 0 {
		b.ReportMetric(mpix/cpu, "MPix/cpu-s")
	}
}

func BenchmarkFillRectSolid(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.SetFillStyle("#336699")
	clk := startCPU()
	for b.Loop() {
		ctx.FillRect(0, 0, benchW, benchH)
	}
	report(b, benchW*benchH, clk)
}

// Fractional edges and alpha take the general rasterize+composite path.
func BenchmarkFillRectAlphaAA(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.SetFillStyle("rgba(51, 102, 153, 0.5)")
	clk := startCPU()
	for b.Loop() {
		ctx.FillRect(0.5, 0.5, benchW-1, benchH-1)
	}
	report(b, benchW*benchH, clk)
}

func starPath(n int, cx, cy, r float64) *Path2D {
	p := NewPath2D()
	// A {n/2}-pointed star polygon of n segments, self-intersecting so that
	// nonzero and evenodd differ.
	k := n/2 - 1
	for i := 0; i < n; i++ {
		a := float64(i*k) * 2 * math.Pi / float64(n)
		p.LineTo(cx+r*math.Cos(a), cy+r*math.Sin(a))
	}
	p.ClosePath()
	return p
}

func BenchmarkStar1000(b *testing.B) {
	for _, rule := range []FillRule{NonZero, EvenOdd} {
		b.Run(rule.String(), func(b *testing.B) {
			ctx := benchCanvas(b)
			star := starPath(1001, benchW/2, benchH/2, 500)
			ctx.SetFillStyle("navy")
			clk := startCPU()
			for b.Loop() {
				ctx.FillPath(star, rule)
			}
			report(b, benchW*benchH, clk)
		})
	}
}

// 10,000 random anti-aliased Bézier and arc paths with alpha per op.
func BenchmarkRandomPaths10k(b *testing.B) {
	ctx := benchCanvas(b)
	rng := rand.New(rand.NewPCG(1, 2))
	type shape struct {
		pts  [8]float64
		arc  bool
		fill string
	}
	shapes := make([]shape, 10000)
	for i := range shapes {
		s := &shapes[i]
		for j := range s.pts {
			s.pts[j] = rng.Float64()
		}
		s.arc = i%2 == 1
		s.fill = []string{"rgba(255,0,0,0.5)", "rgba(0,128,0,0.4)", "rgba(0,0,255,0.3)", "rgba(250,200,0,0.6)"}[i%4]
	}
	clk := startCPU()
	for b.Loop() {
		for i := range shapes {
			s := &shapes[i]
			x, y := s.pts[0]*benchW, s.pts[1]*benchH
			ctx.BeginPath()
			if s.arc {
				_ = ctx.Arc(x, y, 5+s.pts[2]*40, 0, 2*math.Pi, false)
			} else {
				ctx.MoveTo(x, y)
				ctx.BezierCurveTo(x+s.pts[2]*120-60, y+s.pts[3]*120-60, x+s.pts[4]*120-60, y+s.pts[5]*120-60, x+s.pts[6]*80-40, y+s.pts[7]*80-40)
			}
			ctx.SetFillStyle(s.fill)
			ctx.Fill()
		}
	}
	report(b, benchW*benchH, clk)
}

func BenchmarkStrokeThickDashed(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.SetLineWidth(12)
	ctx.SetLineJoin("round")
	ctx.SetLineCap("round")
	ctx.SetLineDash([]float64{40, 20})
	ctx.SetStrokeStyle("rgba(200, 30, 30, 0.8)")
	p := NewPath2D()
	for i := 0; i < 200; i++ {
		x := float64(i%20) * 96
		y := float64(i/20) * 108
		p.MoveTo(x+10, y+10)
		p.LineTo(x+86, y+50)
		p.QuadraticCurveTo(x+10, y+98, x+86, y+98)
	}
	clk := startCPU()
	for b.Loop() {
		ctx.StrokePath(p)
	}
	report(b, benchW*benchH, clk)
}

func BenchmarkGradient(b *testing.B) {
	for _, kind := range []string{"linear", "radial", "conic"} {
		b.Run(kind, func(b *testing.B) {
			ctx := benchCanvas(b)
			var g *Gradient
			switch kind {
			case "linear":
				g, _ = ctx.CreateLinearGradient(0, 0, benchW, benchH)
			case "radial":
				g, _ = ctx.CreateRadialGradient(900, 500, 30, 960, 540, 700)
			default:
				g, _ = ctx.CreateConicGradient(0.3, 960, 540)
			}
			_ = g.AddColorStop(0, "red")
			_ = g.AddColorStop(0.5, "rgba(255,255,0,0.5)")
			_ = g.AddColorStop(1, "blue")
			ctx.SetFillStyle(g)
			clk := startCPU()
			for b.Loop() {
				ctx.FillRect(0, 0, benchW, benchH)
			}
			report(b, benchW*benchH, clk)
		})
	}
}

func BenchmarkPattern(b *testing.B) {
	for _, tc := range []struct {
		name      string
		transform bool
		smooth    bool
	}{{"repeat", false, true}, {"rotated-bilinear", true, true}, {"rotated-nearest", true, false}} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := benchCanvas(b)
			tile, _ := NewCanvas(64, 64)
			tc2 := tile.Context2D()
			tc2.SetFillStyle("orange")
			tc2.FillRect(0, 0, 32, 32)
			tc2.FillRect(32, 32, 32, 32)
			p, _ := ctx.CreatePattern(tile, "repeat")
			if tc.transform {
				p.SetTransform(IdentityMatrix.Rotate(0.3).Scale(1.7, 1.7))
			}
			ctx.SetImageSmoothingEnabled(tc.smooth)
			ctx.SetFillStyle(p)
			clk := startCPU()
			for b.Loop() {
				ctx.FillRect(0, 0, benchW, benchH)
			}
			report(b, benchW*benchH, clk)
		})
	}
}

func BenchmarkShadowBlur10(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.SetShadowColor("rgba(0,0,0,0.5)")
	ctx.SetShadowBlur(10)
	ctx.SetShadowOffsetX(8)
	ctx.SetShadowOffsetY(8)
	ctx.SetFillStyle("skyblue")
	clk := startCPU()
	for b.Loop() {
		ctx.FillRect(100, 100, 800, 600)
	}
	report(b, 800*600, clk)
}

// A shadowBlur far beyond the canvas (sigma capped at 532, so a 3,200-pixel
// margin round a 300×150 canvas): only the part of the blur that lands on
// the canvas should cost anything.
func BenchmarkShadowHugeBlur(b *testing.B) {
	for _, shape := range []string{"rect", "circle"} {
		b.Run(shape, func(b *testing.B) {
			c, err := NewCanvas(300, 150)
			if err != nil {
				b.Fatal(err)
			}
			ctx := c.Context2D()
			ctx.SetShadowColor("black")
			ctx.SetShadowBlur(1e19)
			clk := startCPU()
			for b.Loop() {
				if shape == "rect" {
					ctx.FillRect(10, 10, 100, 100)
					continue
				}
				ctx.BeginPath()
				_ = ctx.Arc(60, 60, 50, 0, 2*math.Pi, false)
				ctx.Fill()
			}
			report(b, 300*150, clk)
		})
	}
}

func BenchmarkClipComposite(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.BeginPath()
	_ = ctx.Arc(960, 540, 500, 0, 2*math.Pi, false)
	ctx.Clip()
	ctx.SetGlobalCompositeOperation("multiply")
	ctx.SetFillStyle("rgba(40, 120, 220, 0.8)")
	clk := startCPU()
	for b.Loop() {
		ctx.FillRect(0, 0, benchW, benchH)
	}
	report(b, benchW*benchH, clk)
}

func BenchmarkGetPutImageData(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.SetFillStyle("rgba(10, 20, 30, 0.5)")
	ctx.FillRect(0, 0, benchW, benchH)
	id, _ := ctx.GetImageData(0, 0, benchW, benchH)
	clk := startCPU()
	for b.Loop() {
		_ = ctx.PutImageData(id, 0, 0)
		id, _ = ctx.GetImageData(0, 0, benchW, benchH)
	}
	report(b, benchW*benchH, clk)
}

// An operator that clears outside its shape works over the whole clip region.
func BenchmarkCompositeCopyCircle(b *testing.B) {
	ctx := benchCanvas(b)
	ctx.SetGlobalCompositeOperation("copy")
	ctx.SetFillStyle("rgba(40, 120, 220, 0.8)")
	p := NewPath2D()
	_ = p.Arc(960, 540, 400, 0, 2*math.Pi, false)
	clk := startCPU()
	for b.Loop() {
		ctx.FillPath(p)
	}
	report(b, benchW*benchH, clk)
}

// A whole 540×720 share poster (posterScene: gradient, shadowed card, clipped
// pattern, vignette, composite badge, dashes), drawing only and with PNG export.
func BenchmarkPoster(b *testing.B) {
	for _, encode := range []bool{false, true} {
		name := "draw"
		if encode {
			name = "draw+png"
		}
		b.Run(name, func(b *testing.B) {
			var buf bytes.Buffer
			clk := startCPU()
			for b.Loop() {
				cv, err := NewCanvas(posterScene.w, posterScene.h)
				if err != nil {
					b.Fatal(err)
				}
				posterScene.draw(b, cv.Context2D())
				if encode {
					buf.Reset()
					if err := cv.Encode(&buf, "png", EncodeOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			}
			report(b, posterScene.w*posterScene.h, clk)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posters/s")
		})
	}
}
