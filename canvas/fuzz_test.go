package canvas

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// FuzzParseFont: the font parser never panics, and what it accepts
// serialises to a string that parses back to the same serialisation.
func FuzzParseFont(f *testing.F) {
	for _, s := range []string{"10px sans-serif", "italic small-caps bold condensed 12px/1.5 'A B', serif",
		"1e1px a", "150% a", "x-large a", "10px", "bold", "10px 'a\"b'", "-1px a", "10px a,", "12px 3d", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		font, ok := ParseFont(s)
		if !ok {
			return
		}
		out := font.String()
		again, ok := ParseFont(out)
		if !ok || again.String() != out {
			t.Fatalf("%q → %q → %q (ok %v)", s, out, again.String(), ok)
		}
	})
}

// FuzzFilter: the filter validator never panics and accepts what it returns.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{"none", "blur(2px) grayscale(50%)", "url(#x)", "drop-shadow(1px 1px 2px rgb(1,2,3))", "blur(-1px)", "((", "a(b(c)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ctx := newCtx(t, 1, 1)
		ctx.SetFilter(s)
		if got := ctx.Filter(); got != "none" && got != s {
			t.Fatalf("filter %q stored as %q", s, got)
		}
	})
}

// fuzzValues are the numbers the op fuzzer draws from: ordinary values,
// boundaries and everything the spec says must be a harmless no-op.
var fuzzValues = []float64{0, 1, -1, 0.5, 3.7, 16, 31.5, -20, 255, 1e6, -1e6, 1e30, 1e308, -1e308, 1e-300,
	math.NaN(), math.Inf(1), math.Inf(-1), math.Pi, 2 * math.Pi, -math.Pi / 3, 7e-8}

// FuzzContextOps runs arbitrary sequences of context calls with hostile
// arguments on a small canvas: nothing may panic, hang or allocate beyond the
// canvas limits.
func FuzzContextOps(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
	f.Add([]byte{3, 4, 5, 11, 12, 13, 14, 15, 16, 17, 9, 19, 20, 21, 22, 23, 24})
	f.Add([]byte{13, 17, 17, 17, 2, 9, 9, 9, 9, 25, 26, 11, 11, 11, 11, 13, 17, 9, 0})
	f.Fuzz(func(t *testing.T, data []byte) { runOps(t, data) })
}

func runOps(t testing.TB, data []byte) {
	// A hang must fail with its input: a panic in the watchdog crashes the
	// fuzz worker, which makes the fuzzer save the input.
	wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("hang: %v", data)) })
	defer wd.Stop()
	{
		if len(data) > 256 {
			data = data[:256]
		}
		cv, err := NewCanvas(32, 24)
		if err != nil {
			t.Fatal(err)
		}
		ctx := cv.Context2D()
		tile, _ := NewCanvas(3, 2)
		tile.Context2D().FillRect(0, 0, 2, 1)
		pos := 0
		next := func() byte {
			if pos >= len(data) {
				return 0
			}
			b := data[pos]
			pos++
			return b
		}
		v := func() float64 { return fuzzValues[int(next())%len(fuzzValues)] }
		ops := []string{"source-over", "copy", "xor", "destination-in", "source-out", "multiply", "hue", "lighter", "destination-atop"}
		for pos < len(data) {
			switch next() % 32 {
			case 0:
				ctx.FillRect(v(), v(), v(), v())
			case 1:
				ctx.StrokeRect(v(), v(), v(), v())
			case 2:
				ctx.ClearRect(v(), v(), v(), v())
			case 3:
				ctx.MoveTo(v(), v())
			case 4:
				ctx.LineTo(v(), v())
			case 5:
				ctx.QuadraticCurveTo(v(), v(), v(), v())
			case 6:
				ctx.BezierCurveTo(v(), v(), v(), v(), v(), v())
			case 7:
				_ = ctx.Arc(v(), v(), v(), v(), v(), next()%2 == 0)
			case 8:
				_ = ctx.ArcTo(v(), v(), v(), v(), v())
			case 9:
				_ = ctx.Ellipse(v(), v(), v(), v(), v(), v(), v(), next()%2 == 0)
			case 10:
				ctx.Rect(v(), v(), v(), v())
			case 11:
				_ = ctx.RoundRect(v(), v(), v(), v(), R(v()), Radius{v(), v()})
			case 12:
				ctx.Fill(FillRule(next() % 2))
			case 13:
				ctx.Stroke()
			case 14:
				ctx.Clip(FillRule(next() % 2))
			case 15:
				ctx.Save()
			case 16:
				ctx.Restore()
			case 17:
				ctx.Transform(v(), v(), v(), v(), v(), v())
			case 18:
				ctx.Rotate(v())
			case 19:
				ctx.SetLineWidth(v())
				ctx.SetLineJoin([]string{"miter", "round", "bevel"}[next()%3])
				ctx.SetLineCap([]string{"butt", "round", "square"}[next()%3])
			case 20:
				ctx.SetLineDash([]float64{v(), v(), v()})
				ctx.SetLineDashOffset(v())
			case 21:
				ctx.SetGlobalAlpha(v())
			case 22:
				ctx.SetGlobalCompositeOperation(ops[int(next())%len(ops)])
			case 23:
				ctx.SetShadowColor("rgba(0,0,0,0.5)")
				ctx.SetShadowBlur(math.Min(math.Abs(v()), 40))
				ctx.SetShadowOffsetX(v())
				ctx.SetShadowOffsetY(v())
			case 24:
				if g, err := ctx.CreateLinearGradient(v(), v(), v(), v()); err == nil {
					_ = g.AddColorStop(0, "red")
					_ = g.AddColorStop(1, "blue")
					ctx.SetFillStyle(g)
				}
			case 25:
				if g, err := ctx.CreateRadialGradient(v(), v(), v(), v(), v(), v()); err == nil {
					_ = g.AddColorStop(0.5, "lime")
					ctx.SetStrokeStyle(g)
				}
			case 26:
				if p, err := ctx.CreatePattern(tile, []string{"repeat", "no-repeat", "repeat-x", "repeat-y"}[next()%4]); err == nil {
					p.SetTransform(NewMatrix(v(), v(), v(), v(), v(), v()))
					ctx.SetFillStyle(p)
				}
			case 27:
				ctx.SetFillStyle("rgba(10, 200, 30, 0.5)")
				ctx.SetStrokeStyle("#00f")
			case 28:
				if id, err := ctx.GetImageData(int(next())-128, int(next())-128, int(next())-128, int(next())-128); err == nil {
					_ = ctx.PutImageDataDirty(id, int(next())-128, int(next())-128, int(next())-128, int(next())-128, int(next())-128, int(next())-128)
				}
			case 29:
				_ = ctx.IsPointInPath(v(), v(), FillRule(next()%2))
				_ = ctx.IsPointInStroke(v(), v())
			case 30:
				ctx.BeginPath()
			case 31:
				ctx.SetTransform(v(), v(), v(), v(), v(), v())
			}
		}
	}
}
