package canvas

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/webp"
)

// pix returns the premultiplied RGBA of pixel (x, y).
func pix(ctx *Context2D, x, y int) [4]uint8 {
	img := ctx.Canvas().RGBA()
	o := img.PixOffset(x, y)
	return [4]uint8(img.Pix[o : o+4])
}

func near(a, b [4]uint8, tol int) bool {
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < -tol || d > tol {
			return false
		}
	}
	return true
}

// Each row draws on a fresh 20×20 canvas and checks pixels; tol is the
// per-channel tolerance (0 where the result is exact by construction, a few
// levels where it depends on anti-aliasing or gradient interpolation).
func TestRenderPixels(t *testing.T) {
	type probe struct {
		x, y int
		want [4]uint8
	}
	red := [4]uint8{255, 0, 0, 255}
	blue := [4]uint8{0, 0, 255, 255}
	clear := [4]uint8{}
	tests := []struct {
		name   string
		draw   func(c *Context2D)
		tol    int
		probes []probe
	}{
		{"fillRect default black", func(c *Context2D) { c.FillRect(2, 2, 5, 5) }, 0,
			[]probe{{2, 2, [4]uint8{0, 0, 0, 255}}, {6, 6, [4]uint8{0, 0, 0, 255}}, {7, 7, clear}, {1, 2, clear}}},
		{"fillRect negative size", func(c *Context2D) { c.SetFillStyle("red"); c.FillRect(10, 10, -5, -5) }, 0,
			[]probe{{5, 5, red}, {9, 9, red}, {10, 10, clear}}},
		{"fillRect half pixel", func(c *Context2D) { c.SetFillStyle("red"); c.FillRect(0.5, 0, 1, 1) }, 1,
			[]probe{{0, 0, [4]uint8{127, 0, 0, 127}}, {1, 0, [4]uint8{127, 0, 0, 127}}}},
		{"globalAlpha folds into colour", func(c *Context2D) {
			c.SetFillStyle("rgba(255,0,0,0.3)")
			c.SetGlobalAlpha(0.7)
			c.FillRect(0, 0, 4, 4)
		}, 0, []probe{{1, 1, [4]uint8{54, 0, 0, 54}}}}, // Chromium: (255,0,0,54) un-premultiplied
		{"transform", func(c *Context2D) {
			c.SetFillStyle("blue")
			c.Translate(10, 10)
			c.Scale(2, 2)
			c.FillRect(0, 0, 2, 2)
		}, 0, []probe{{10, 10, blue}, {13, 13, blue}, {14, 14, clear}, {9, 9, clear}}},
		{"clearRect", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
			c.SetGlobalAlpha(0.1) // ignored by clearRect
			c.ClearRect(5, 5, 5, 5)
		}, 0, []probe{{5, 5, clear}, {9, 9, clear}, {10, 10, red}, {4, 4, red}}},
		{"clip", func(c *Context2D) {
			c.Rect(0, 0, 10, 10)
			c.Clip()
			c.SetFillStyle("red")
			c.FillRect(5, 5, 10, 10)
		}, 0, []probe{{5, 5, red}, {9, 9, red}, {10, 10, clear}, {12, 6, clear}}},
		{"clip restore", func(c *Context2D) {
			c.Save()
			c.Rect(0, 0, 5, 5)
			c.Clip()
			c.Restore()
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
		}, 0, []probe{{10, 10, red}}},
		{"clip nested intersects", func(c *Context2D) {
			c.Rect(0, 0, 10, 10)
			c.Clip()
			c.BeginPath()
			c.Rect(5, 5, 10, 10)
			c.Clip()
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
		}, 0, []probe{{7, 7, red}, {3, 3, clear}, {12, 12, clear}}},
		{"clearRect through an anti-aliased clip", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
			c.Rect(0, 0, 10.5, 20)
			c.Clip()
			c.ClearRect(0, 0, 20, 20)
		}, 1, []probe{{5, 5, clear}, {10, 5, [4]uint8{128, 0, 0, 128}}, {15, 5, red}}},
		{"clearRect respects clip", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
			c.Rect(0, 0, 10, 20)
			c.Clip()
			c.ClearRect(0, 0, 20, 20)
		}, 0, []probe{{5, 5, clear}, {15, 5, red}}},
		{"copy clears outside the shape", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
			c.SetGlobalCompositeOperation("copy")
			c.SetFillStyle("blue")
			c.FillRect(0, 0, 5, 5)
		}, 0, []probe{{2, 2, blue}, {10, 10, clear}}},
		{"copy only inside the clip", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
			c.Rect(0, 0, 10, 20)
			c.Clip()
			c.SetGlobalCompositeOperation("copy")
			c.SetFillStyle("blue")
			c.FillRect(0, 0, 5, 5)
		}, 0, []probe{{2, 2, blue}, {7, 10, clear}, {15, 10, red}}},
		{"destination-in", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 20, 20)
			c.SetGlobalCompositeOperation("destination-in")
			c.FillRect(0, 0, 5, 5)
		}, 0, []probe{{2, 2, red}, {10, 10, clear}}},
		{"destination-over", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 5, 5)
			c.SetGlobalCompositeOperation("destination-over")
			c.SetFillStyle("blue")
			c.FillRect(0, 0, 10, 10)
		}, 0, []probe{{2, 2, red}, {7, 7, blue}}},
		{"xor", func(c *Context2D) {
			c.SetFillStyle("red")
			c.FillRect(0, 0, 10, 10)
			c.SetGlobalCompositeOperation("xor")
			c.SetFillStyle("blue")
			c.FillRect(5, 5, 10, 10)
		}, 0, []probe{{2, 2, red}, {7, 7, clear}, {12, 12, blue}}},
		{"multiply", func(c *Context2D) {
			c.SetFillStyle("#ff8000")
			c.FillRect(0, 0, 10, 10)
			c.SetGlobalCompositeOperation("multiply")
			c.SetFillStyle("#8080ff")
			c.FillRect(0, 0, 10, 10)
		}, 1, []probe{{5, 5, [4]uint8{128, 64, 0, 255}}}},
		{"fill evenodd hole", func(c *Context2D) {
			c.Rect(0, 0, 20, 20)
			c.Rect(5, 5, 10, 10)
			c.SetFillStyle("red")
			c.Fill(EvenOdd)
		}, 0, []probe{{2, 2, red}, {10, 10, clear}}},
		{"fill nonzero no hole", func(c *Context2D) {
			c.Rect(0, 0, 20, 20)
			c.Rect(5, 5, 10, 10)
			c.SetFillStyle("red")
			c.Fill()
		}, 0, []probe{{2, 2, red}, {10, 10, red}}},
		{"stroke", func(c *Context2D) {
			c.SetStrokeStyle("blue")
			c.SetLineWidth(4)
			c.MoveTo(0, 10)
			c.LineTo(20, 10)
			c.Stroke()
		}, 0, []probe{{10, 8, blue}, {10, 11, blue}, {10, 12, clear}, {10, 7, clear}}},
		{"strokeRect", func(c *Context2D) { c.SetStrokeStyle("blue"); c.SetLineWidth(2); c.StrokeRect(5, 5, 10, 10) }, 0,
			[]probe{{4, 10, blue}, {5, 10, blue}, {10, 10, clear}, {10, 4, blue}}},
		{"linear gradient", func(c *Context2D) {
			g, _ := c.CreateLinearGradient(0, 0, 20, 0)
			_ = g.AddColorStop(0, "red")
			_ = g.AddColorStop(1, "blue")
			c.SetFillStyle(g)
			c.FillRect(0, 0, 20, 20)
		}, 4, []probe{{0, 5, [4]uint8{249, 0, 6, 255}}, {19, 5, [4]uint8{6, 0, 249, 255}}}},
		{"gradient without stops paints nothing", func(c *Context2D) {
			g, _ := c.CreateLinearGradient(0, 0, 20, 0)
			c.SetFillStyle(g)
			c.FillRect(0, 0, 20, 20)
		}, 0, []probe{{5, 5, clear}}},
		{"shadow offset", func(c *Context2D) {
			c.SetShadowColor("blue")
			c.SetShadowOffsetX(10)
			c.SetShadowOffsetY(10)
			c.SetFillStyle("red")
			c.FillRect(0, 0, 5, 5)
		}, 0, []probe{{2, 2, red}, {12, 12, blue}, {7, 7, clear}}},
		{"shadow alpha is shadow × colour × globalAlpha", func(c *Context2D) {
			c.SetShadowColor("rgba(0,0,0,0.6)")
			c.SetShadowOffsetX(10)
			c.SetGlobalAlpha(0.7)
			c.SetFillStyle("rgba(255,0,0,0.5)")
			c.FillRect(0, 0, 5, 5)
		}, 0, []probe{{12, 2, [4]uint8{0, 0, 0, 54}}}}, // Chromium: (0,0,0,54)
		{"shadow transparent colour draws none", func(c *Context2D) {
			c.SetShadowOffsetX(10)
			c.SetFillStyle("red")
			c.FillRect(0, 0, 5, 5)
		}, 0, []probe{{12, 2, clear}}},
		{"shadow offset ignores transform", func(c *Context2D) {
			c.Scale(2, 2)
			c.SetShadowColor("blue")
			c.SetShadowOffsetX(10)
			c.SetFillStyle("red")
			c.FillRect(0, 0, 2, 2)
		}, 0, []probe{{11, 1, blue}, {14, 1, clear}}},
		{"NaN draws nothing", func(c *Context2D) {
			c.FillRect(math.NaN(), 0, 10, 10)
			c.FillRect(0, 0, math.Inf(1), 10)
			c.MoveTo(0, 0)
			c.LineTo(math.NaN(), 5)
			c.Rect(0, 0, math.NaN(), 4)
			c.Fill()
		}, 0, []probe{{2, 2, clear}}},
		{"singular transform draws nothing", func(c *Context2D) {
			c.Scale(0, 1)
			c.FillRect(0, 0, 10, 10)
		}, 0, []probe{{0, 0, clear}}},
		{"arc full circle", func(c *Context2D) {
			c.SetFillStyle("red")
			_ = c.Arc(10, 10, 8, 0, 2*math.Pi, false)
			c.Fill()
		}, 0, []probe{{10, 10, red}, {10, 4, red}, {0, 0, clear}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newCtx(t, 20, 20)
			tt.draw(ctx)
			for _, p := range tt.probes {
				if got := pix(ctx, p.x, p.y); !near(got, p.want, tt.tol) {
					t.Errorf("pixel (%d,%d) = %v, want %v ±%d", p.x, p.y, got, p.want, tt.tol)
				}
			}
		})
	}
}

// Shadows with operators, observed in Chromium 156: the shadow is composited
// with the operator first (over the whole clip region for the operators that
// clear outside their shape), then the shape.
func TestShadowOperators(t *testing.T) {
	green, red := [4]uint8{0, 255, 0, 255}, [4]uint8{255, 0, 0, 255}
	black, none := [4]uint8{0, 0, 0, 255}, [4]uint8{}
	tests := []struct {
		op   string
		want [4][4]uint8 // pixels (7,7) (17,17) (12,12) (30,2)
	}{
		{"copy", [4][4]uint8{green, none, green, none}},
		{"source-in", [4][4]uint8{none, none, none, none}},
		{"destination-in", [4][4]uint8{none, none, none, none}},
		{"source-out", [4][4]uint8{green, none, green, none}},
		{"destination-atop", [4][4]uint8{green, none, green, none}},
		{"xor", [4][4]uint8{none, none, none, red}},
		{"destination-over", [4][4]uint8{red, red, red, red}},
		{"multiply", [4][4]uint8{black, black, black, red}},
	}
	for _, tt := range tests {
		ctx := newCtx(t, 40, 40)
		ctx.SetFillStyle("red")
		ctx.FillRect(0, 0, 40, 40)
		ctx.SetGlobalCompositeOperation(tt.op)
		ctx.SetShadowColor("blue")
		ctx.SetShadowOffsetX(10)
		ctx.SetShadowOffsetY(10)
		ctx.SetFillStyle("#0f0")
		ctx.FillRect(5, 5, 10, 10)
		for i, p := range [4][2]int{{7, 7}, {17, 17}, {12, 12}, {30, 2}} {
			if got := pix(ctx, p[0], p[1]); got != tt.want[i] {
				t.Errorf("%s: pixel %v = %v, want %v", tt.op, p, got, tt.want[i])
			}
		}
	}
}

// clearRect is not anti-aliased in Chromium 156: pixel centres inside the
// rectangle are cleared, edges rounding half up.
func TestClearRectPixelCentres(t *testing.T) {
	tests := []struct {
		name  string
		setup func(c *Context2D)
		x, y  float64
		w, h  float64
		alpha map[[2]int]uint8
	}{
		{"fractional", nil, 10.3, 20.6, 30.5, 20.2, map[[2]int]uint8{
			{9, 30}: 255, {10, 30}: 0, {11, 30}: 0, {40, 30}: 0, {41, 30}: 255,
			{25, 19}: 255, {25, 20}: 255, {25, 21}: 0, {25, 40}: 0, {25, 41}: 255}},
		{"half-pixel edges", func(c *Context2D) { c.Translate(0.5, 0.5) }, 10, 20, 30, 20, map[[2]int]uint8{
			{9, 30}: 255, {10, 30}: 255, {11, 30}: 0, {39, 30}: 0, {40, 30}: 0,
			{25, 19}: 255, {25, 20}: 255, {25, 21}: 0, {25, 39}: 0, {25, 40}: 0}},
		{"negative size", nil, 40.8, 40.8, -30.5, -20.2, map[[2]int]uint8{
			{9, 30}: 255, {10, 30}: 0, {40, 30}: 0, {41, 30}: 255, {25, 20}: 255, {25, 21}: 0, {25, 41}: 255}},
		{"rotated", func(c *Context2D) { c.Rotate(0.3) }, 20, 5, 30, 20, map[[2]int]uint8{
			{15, 20}: 0, {29, 20}: 0, {5, 5}: 255}},
	}
	for _, tt := range tests {
		ctx := newCtx(t, 60, 60)
		ctx.FillRect(0, 0, 60, 60)
		if tt.setup != nil {
			tt.setup(ctx)
		}
		ctx.ClearRect(tt.x, tt.y, tt.w, tt.h)
		for p, want := range tt.alpha {
			if got := pix(ctx, p[0], p[1])[3]; got != want {
				t.Errorf("%s: alpha at %v = %d, want %d", tt.name, p, got, want)
			}
		}
	}
}

// Chromium normalises strokeRect's rectangle, so dashes start at the top-left
// corner whatever the signs of the sides.
func TestStrokeRectNormalised(t *testing.T) {
	draw := func(x, y, w, h float64) []uint8 {
		ctx := newCtx(t, 60, 60)
		ctx.SetLineDash([]float64{7, 5})
		ctx.SetLineWidth(3)
		ctx.StrokeRect(x, y, w, h)
		return ctx.Canvas().RGBA().Pix
	}
	want := draw(10, 12, 35, 30)
	for _, r := range [][4]float64{{45, 12, -35, 30}, {10, 42, 35, -30}, {45, 42, -35, -30}} {
		if !bytes.Equal(draw(r[0], r[1], r[2], r[3]), want) {
			t.Errorf("strokeRect%v differs from strokeRect(10, 12, 35, 30)", r)
		}
	}
}

// strokeRect with a zero side, observed in Chromium 156: a closed two-point
// path, so joins (not caps) shape its ends; both sides zero draws nothing.
func TestStrokeRectDegenerate(t *testing.T) {
	black, none := [4]uint8{0, 0, 0, 255}, [4]uint8{}
	tests := []struct {
		join, cap  string
		x, y, w, h float64
		probes     map[[2]int][4]uint8
	}{
		{"round", "butt", 30, 30, 0, 0, map[[2]int][4]uint8{{30, 30}: none, {33, 33}: none}},
		{"round", "butt", 30, 20, 0, 20, map[[2]int][4]uint8{{30, 17}: black, {30, 43}: black}},
		{"miter", "square", 30, 20, 0, 20, map[[2]int][4]uint8{{30, 17}: none, {30, 43}: none, {30, 30}: black}},
		{"bevel", "round", 30, 20, 0, 20, map[[2]int][4]uint8{{30, 17}: none, {30, 43}: none}},
		{"round", "butt", 30, 20, 0, -10, map[[2]int][4]uint8{{30, 7}: black, {30, 22}: black, {30, 15}: black}},
		{"miter", "square", 30, 20, 0, -10, map[[2]int][4]uint8{{30, 7}: none, {30, 22}: none, {30, 15}: black}},
	}
	for _, tt := range tests {
		ctx := newCtx(t, 60, 60)
		ctx.SetLineWidth(10)
		ctx.SetLineJoin(tt.join)
		ctx.SetLineCap(tt.cap)
		ctx.StrokeRect(tt.x, tt.y, tt.w, tt.h)
		for p, want := range tt.probes {
			if got := pix(ctx, p[0], p[1]); !near(got, want, 2) {
				t.Errorf("%s/%s strokeRect(%v,%v,%v,%v): pixel %v = %v, want %v", tt.join, tt.cap, tt.x, tt.y, tt.w, tt.h, p, got, want)
			}
		}
	}
}

// The blurred shadow of a large rectangle, observed in Chromium 156: its
// rectangle (shape + offset) snaps to whole pixels, so offsets 3.75 and 4 give
// the same shadow; path shadows keep fractional offsets.
func TestRectShadowSnapsToPixels(t *testing.T) {
	tests := []struct {
		y0, y1, oy float64
		want       []uint8 // alpha of column x=80 from the first row below the shape
	}{
		{22.5, 57.75, 3.75, []uint8{207, 187, 164, 140, 116, 92, 69, 49}},
		{22.5, 57.75, 4, []uint8{207, 187, 164, 140, 116, 92, 69, 49}},
		{22, 58, 3.75, []uint8{187, 164, 140, 116, 92, 69, 49, 34}},
		{22.5, 57.75, 0.25, []uint8{116, 92, 69, 49, 34, 21, 13, 7}},
	}
	for _, tt := range tests {
		c := newCtx(t, 120, 80)
		c.SetShadowColor("black")
		c.SetShadowBlur(7.75)
		c.SetShadowOffsetY(tt.oy)
		c.SetFillStyle("red")
		c.FillRect(66.75, tt.y0, 40, tt.y1-tt.y0)
		first := int(math.Floor(tt.y1)) + 1
		for i, want := range tt.want {
			if got := pix(c, 80, first+i)[3]; abs(int(got)-int(want)) > 2 {
				t.Errorf("rect %v..%v offset %v: alpha at y=%d is %d, Chromium %d", tt.y0, tt.y1, tt.oy, first+i, got, want)
			}
		}
	}
}

// Degenerate fills under "copy", observed in Chromium 156: a lone line (and
// an empty arc, which Skia records as one) is not filled at all; a lone moveTo,
// a flat triangle or a zero-width fillRect clears the canvas.
func TestDegenerateFillsWithCopy(t *testing.T) {
	tests := []struct {
		name    string
		draw    func(c *Context2D)
		cleared bool
	}{
		{"empty path", func(c *Context2D) { c.Fill() }, false},
		{"moveTo only", func(c *Context2D) { c.MoveTo(5, 5); c.Fill() }, true},
		{"line", func(c *Context2D) { c.MoveTo(5, 5); c.LineTo(15, 5); c.Fill() }, false},
		{"line closed", func(c *Context2D) { c.MoveTo(5, 5); c.LineTo(15, 5); c.ClosePath(); c.Fill() }, true},
		{"flat triangle", func(c *Context2D) { c.MoveTo(5, 5); c.LineTo(15, 5); c.LineTo(10, 5); c.Fill() }, true},
		{"two lines", func(c *Context2D) { c.MoveTo(5, 5); c.LineTo(15, 5); c.MoveTo(5, 8); c.LineTo(15, 8); c.Fill() }, true},
		{"Path2D line", func(c *Context2D) { p := NewPath2D(); p.MoveTo(5, 5); p.LineTo(15, 5); c.FillPath(p) }, false},
		{"empty arc", func(c *Context2D) { _ = c.Arc(20, 20, 10, 1, 1, false); c.Fill() }, false},
		{"empty ellipse", func(c *Context2D) { _ = c.Ellipse(20, 20, 10, 5, 0, 2, 2, false); c.Fill() }, false},
		{"fillRect zero width", func(c *Context2D) { c.FillRect(5, 5, 0, 5) }, true},
		{"fillRect zero height", func(c *Context2D) { c.FillRect(5, 5, 5, 0) }, true},
		{"fillRect off canvas", func(c *Context2D) { c.FillRect(30, 30, 5, 5) }, true},
	}
	for _, tt := range tests {
		ctx := newCtx(t, 20, 20)
		ctx.SetFillStyle("red")
		ctx.FillRect(0, 0, 20, 20)
		ctx.SetGlobalCompositeOperation("copy")
		ctx.SetFillStyle("blue")
		ctx.BeginPath()
		tt.draw(ctx)
		if got := pix(ctx, 10, 10)[3] == 0; got != tt.cleared {
			t.Errorf("%s: cleared = %v, Chromium %v", tt.name, got, tt.cleared)
		}
	}
	// An empty arc still starts a subpath: lineTo draws from its point.
	ctx := newCtx(t, 40, 40)
	ctx.SetLineWidth(3)
	_ = ctx.Arc(20, 20, 10, 1, 1, false)
	ctx.LineTo(35, 35)
	if !ctx.IsPointInStroke(30.2, 31.7) {
		t.Error("lineTo after an empty arc does not start at the arc's point")
	}
}

// Chromium's getImageData after putImageData (observed in Chromium 156):
// low-alpha colours lose precision through the premultiplied store.
func TestImageDataRoundTrip(t *testing.T) {
	tests := []struct{ in, want [4]uint8 }{
		{[4]uint8{100, 150, 200, 3}, [4]uint8{85, 170, 170, 3}},
		{[4]uint8{128, 128, 128, 2}, [4]uint8{128, 128, 128, 2}},
		{[4]uint8{1, 2, 3, 4}, [4]uint8{0, 0, 0, 4}},
		{[4]uint8{255, 128, 77, 1}, [4]uint8{255, 255, 0, 1}},
		{[4]uint8{10, 200, 30, 128}, [4]uint8{10, 199, 30, 128}},
		{[4]uint8{77, 77, 77, 127}, [4]uint8{76, 76, 76, 127}},
		{[4]uint8{200, 100, 50, 51}, [4]uint8{200, 100, 50, 51}},
		{[4]uint8{100, 150, 200, 1}, [4]uint8{0, 255, 255, 1}},
		{[4]uint8{255, 255, 255, 2}, [4]uint8{255, 255, 255, 2}},
		{[4]uint8{10, 20, 30, 128}, [4]uint8{10, 20, 30, 128}},
		{[4]uint8{77, 88, 99, 254}, [4]uint8{77, 88, 99, 254}},
		{[4]uint8{128, 64, 32, 17}, [4]uint8{135, 60, 30, 17}},
		{[4]uint8{9, 8, 7, 0}, [4]uint8{0, 0, 0, 0}},
		{[4]uint8{9, 8, 7, 255}, [4]uint8{9, 8, 7, 255}},
	}
	ctx := newCtx(t, 4, 4)
	id, err := ctx.CreateImageData(1, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		copy(id.Data, tt.in[:])
		if err := ctx.PutImageData(id, 2, 1); err != nil {
			t.Fatal(err)
		}
		got, err := ctx.GetImageData(2, 1, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		if [4]uint8(got.Data) != tt.want {
			t.Errorf("%v → %v, want %v", tt.in, got.Data, tt.want)
		}
	}
}

func TestImageDataRects(t *testing.T) {
	ctx := newCtx(t, 4, 4)
	src, _ := NewImageData(3, 3)
	for i := range src.Data {
		src.Data[i] = uint8(i)
		if i%4 == 3 {
			src.Data[i] = 255
		}
	}
	// Dirty rect (1,1,1,2) of src lands at (1+1, 0+1) and (2, 2).
	if err := ctx.PutImageDataDirty(src, 1, 0, 1, 1, 1, 2); err != nil {
		t.Fatal(err)
	}
	got, _ := ctx.GetImageData(0, 0, 4, 4)
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			a := got.Data[(y*4+x)*4+3]
			in := x == 2 && (y == 1 || y == 2)
			if (a == 255) != in {
				t.Errorf("pixel (%d,%d) alpha %d, written %v", x, y, a, in)
			}
		}
	}
	if r := got.Data[(1*4+2)*4]; r != src.Data[(1*3+1)*4] {
		t.Errorf("wrong source pixel: %d", r)
	}
	// Negative dirty size and offsets off the canvas are clipped, not errors.
	if err := ctx.PutImageDataDirty(src, -2, -2, 3, 3, -3, -3); err != nil {
		t.Fatal(err)
	}
	// getImageData partly outside reads transparent black there; negative
	// sizes select leftwards/upwards.
	out, err := ctx.GetImageData(4, 4, -6, -6)
	if err != nil || out.Width != 6 || out.Height != 6 {
		t.Fatalf("negative getImageData: %v %v", out, err)
	}
	if out.Data[3] != 0 {
		t.Error("outside pixel not transparent")
	}
	for _, tt := range []struct {
		sw, sh int
	}{{0, 1}, {1, 0}} {
		if _, err := ctx.GetImageData(0, 0, tt.sw, tt.sh); !errors.Is(err, ErrIndexSize) {
			t.Errorf("getImageData %v: %v", tt, err)
		}
		if _, err := ctx.CreateImageData(tt.sw, tt.sh); !errors.Is(err, ErrIndexSize) {
			t.Errorf("createImageData %v: %v", tt, err)
		}
	}
	// Go callers may pass any int: nothing overflows or panics.
	big := []int{math.MaxInt, math.MinInt, math.MaxInt32, math.MinInt32}
	for _, a := range big {
		for _, b := range big {
			_ = ctx.PutImageDataDirty(src, a, b, b, a, a, b)
			_ = ctx.PutImageDataDirty(src, 1, 1, a, b, b, a)
			_, _ = ctx.GetImageData(a, b, 2, 2)
			_, _ = ctx.GetImageData(1, 1, a, b)
		}
	}
	if id, err := ctx.CreateImageData(-3, 2); err != nil || id.Width != 3 || id.Height != 2 {
		t.Errorf("createImageData(-3, 2) = %v, %v", id, err)
	}
	if _, err := NewImageDataFrom(make([]uint8, 24), 2, 0); err != nil {
		t.Errorf("ImageData(data, 2): %v", err)
	}
	if _, err := NewImageDataFrom(make([]uint8, 24), 4, 0); !errors.Is(err, ErrIndexSize) {
		t.Errorf("ImageData(24 bytes, 4): %v", err)
	}
}

func TestErrors(t *testing.T) {
	ctx := newCtx(t, 4, 4)
	p := NewPath2D()
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"arc negative", ctx.Arc(0, 0, -1, 0, 1, false), ErrIndexSize},
		{"arc NaN negative is a no-op", ctx.Arc(math.NaN(), 0, -1, 0, 1, false), nil},
		{"arcTo negative", ctx.ArcTo(0, 0, 1, 1, -2), ErrIndexSize},
		{"ellipse negative", ctx.Ellipse(0, 0, 1, -1, 0, 0, 1, false), ErrIndexSize},
		{"path arc negative", p.Arc(0, 0, -1, 0, 1, false), ErrIndexSize},
		{"roundRect negative", ctx.RoundRect(0, 0, 5, 5, R(-1)), ErrRange},
		{"roundRect 5 radii", ctx.RoundRect(0, 0, 5, 5, R(1), R(1), R(1), R(1), R(1)), ErrRange},
		{"roundRect point radius", ctx.RoundRect(0, 0, 5, 5, Radius{1, 2}), nil},
		{"roundRect NaN radius is a no-op", ctx.RoundRect(0, 0, 5, 5, R(math.NaN())), nil},
		{"roundRect negative before NaN throws", ctx.RoundRect(0, 0, 5, 5, R(-1), R(math.NaN())), ErrRange},
		{"roundRect NaN before negative is a no-op", ctx.RoundRect(0, 0, 5, 5, R(math.NaN()), R(-1)), nil},
		{"roundRect NaN size skips radius checks", ctx.RoundRect(math.NaN(), 0, 5, 5, R(-1)), nil},
		{"roundRect NaN size still counts radii", ctx.RoundRect(math.NaN(), 0, 5, 5, R(1), R(1), R(1), R(1), R(1)), ErrRange},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) || (tt.want == nil) != (tt.err == nil) {
			t.Errorf("%s: %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	g, err := ctx.CreateLinearGradient(0, 0, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.AddColorStop(1.5, "red"); !errors.Is(err, ErrIndexSize) {
		t.Errorf("stop 1.5: %v", err)
	}
	if err := g.AddColorStop(math.NaN(), "red"); !errors.Is(err, ErrType) {
		t.Errorf("stop NaN: %v", err)
	}
	if err := g.AddColorStop(0.5, "bogus"); !errors.Is(err, ErrSyntax) {
		t.Errorf("stop bogus: %v", err)
	}
	if _, err := ctx.CreateLinearGradient(math.NaN(), 0, 1, 1); !errors.Is(err, ErrType) {
		t.Errorf("NaN gradient: %v", err)
	}
	if _, err := ctx.CreateRadialGradient(0, 0, -1, 1, 1, 1); !errors.Is(err, ErrIndexSize) {
		t.Errorf("negative radial: %v", err)
	}
	if _, err := ctx.CreatePattern(ctx.Canvas(), "bogus"); !errors.Is(err, ErrSyntax) {
		t.Errorf("pattern bogus: %v", err)
	}
	zero, _ := NewCanvas(0, 5)
	if _, err := ctx.CreatePattern(zero, "repeat"); !errors.Is(err, ErrInvalidState) {
		t.Errorf("pattern of empty canvas: %v", err)
	}
	if _, err := ParseFillRule("bogus"); !errors.Is(err, ErrType) {
		t.Errorf("fill rule: %v", err)
	}
}

func TestHitTesting(t *testing.T) {
	ctx := newCtx(t, 50, 50)
	ctx.Translate(10, 10)
	ctx.Rect(0, 0, 10, 10)
	ctx.Rect(2, 2, 6, 6)
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"inside, device coords", ctx.IsPointInPath(15, 15), true},
		{"user coords are not transformed", ctx.IsPointInPath(5, 5), false},
		{"evenodd hole", ctx.IsPointInPath(15, 15, EvenOdd), false},
		{"evenodd ring", ctx.IsPointInPath(11, 11, EvenOdd), true},
		{"NaN", ctx.IsPointInPath(math.NaN(), 15), false},
		{"stroke edge", ctx.IsPointInStroke(10, 15), true},
		{"stroke interior", ctx.IsPointInStroke(15, 15), false},
	}
	p, _ := NewPath2DSVG("M0 0 H10 V10 H0 Z")
	tests = append(tests,
		struct {
			name string
			got  bool
			want bool
		}{"Path2D under CTM", ctx.IsPointInPath2D(p, 15, 15), true},
		struct {
			name string
			got  bool
			want bool
		}{"Path2D outside", ctx.IsPointInPath2D(p, 25, 15), false},
		struct {
			name string
			got  bool
			want bool
		}{"Path2D stroke", ctx.IsPointInStroke2D(p, 20, 15), true},
	)
	ctx.SetLineDash([]float64{2, 2})
	tests = append(tests,
		struct {
			name string
			got  bool
			want bool
		}{"dash on", ctx.IsPointInStroke(11, 10), true},
		struct {
			name string
			got  bool
			want bool
		}{"dash gap", ctx.IsPointInStroke(13, 10), false},
	)
	ctx.SetTransform(0, 0, 0, 0, 0, 0)
	tests = append(tests, struct {
		name string
		got  bool
		want bool
	}{"singular transform", ctx.IsPointInPath(15, 15), false})
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// After roundRect the current point is the normalised top-left corner in
// Chromium 156 (unlike rect(), which leaves it at (x, y)).
func TestRoundRectCurrentPoint(t *testing.T) {
	tests := []struct {
		name       string
		add        func(p *Path2D)
		wantX, wan float64
	}{
		{"positive", func(p *Path2D) { _ = p.RoundRect(10, 10, 20, 20, R(3)) }, 10, 10},
		{"negative width", func(p *Path2D) { _ = p.RoundRect(60, 10, -20, 20, R(3)) }, 40, 10},
		{"negative height", func(p *Path2D) { _ = p.RoundRect(10, 30, 20, -20, R(3)) }, 10, 10},
		{"both negative", func(p *Path2D) { _ = p.RoundRect(60, 30, -20, -20, R(3)) }, 40, 10},
		{"rect keeps x, y", func(p *Path2D) { p.Rect(60, 10, -20, 20) }, 60, 10},
	}
	for _, tt := range tests {
		p := NewPath2D()
		tt.add(p)
		got, ok := p.p.CurrentPoint()
		if !ok || got.X != tt.wantX || got.Y != tt.wan {
			t.Errorf("%s: current point %v, want (%v, %v)", tt.name, got, tt.wantX, tt.wan)
		}
	}
	// A roundRect that adds nothing leaves the path alone.
	p := NewPath2D()
	p.MoveTo(5, 5)
	_ = p.RoundRect(1, 1, 2, 2, R(math.NaN()))
	if got, _ := p.p.CurrentPoint(); got.X != 5 || got.Y != 5 {
		t.Errorf("no-op roundRect moved the current point to %v", got)
	}
}

func TestPath2D(t *testing.T) {
	p := NewPath2D()
	p.Rect(0, 0, 4, 4)
	cp := NewPath2DFrom(p)
	p.Rect(10, 10, 4, 4)
	ctx := newCtx(t, 20, 20)
	if ctx.IsPointInPath2D(cp, 12, 12) || !ctx.IsPointInPath2D(p, 12, 12) {
		t.Error("copy shares storage with the original")
	}
	sum := NewPath2D()
	sum.AddPath(cp, NewMatrix(1, 0, 0, 1, 5, 0))
	sum.AddPath(sum) // adding itself must not loop
	if !ctx.IsPointInPath2D(sum, 7, 2) || ctx.IsPointInPath2D(sum, 2, 2) {
		t.Error("addPath transform not applied")
	}
	sum.AddPath(cp, NewMatrix(math.NaN(), 0, 0, 1, 0, 0))
	if ctx.IsPointInPath2D(sum, 2, 2) {
		t.Error("addPath with a NaN matrix added geometry")
	}
	// SVG errors keep the path up to the error.
	bad, err := NewPath2DSVG("M0 0 L10 0 L10 10 X 0 10")
	if err == nil {
		t.Error("bad SVG data returned no error")
	}
	if !ctx.IsPointInPath2D(bad, 8, 2) {
		t.Error("SVG prefix before the error was dropped")
	}
	// Path2D with a transform at fill time.
	ctx.Scale(2, 2)
	ctx.SetFillStyle("red")
	ctx.FillPath(cp)
	if pix(ctx, 7, 7)[3] != 255 || pix(ctx, 9, 9)[3] != 0 {
		t.Error("FillPath ignored the CTM")
	}
}

// Huge or degenerate input must neither hang nor allocate without bound.
func TestHostileInput(t *testing.T) {
	ctx := newCtx(t, 64, 64)
	deadline := time.Now().Add(5 * time.Second)
	ctx.FillRect(-1e300, -1e300, 2e300, 2e300)
	ctx.BeginPath()
	ctx.MoveTo(-1e308, 0)
	ctx.LineTo(1e308, 1e308)
	ctx.BezierCurveTo(1e200, -1e200, 5, 5, -1e300, 7)
	ctx.SetLineWidth(1e10)
	ctx.Stroke()
	ctx.Fill()
	ctx.SetLineWidth(1)
	ctx.SetLineDash([]float64{1e-9, 1e-9})
	ctx.StrokeRect(0, 0, 1e12, 1e12)
	_ = ctx.Arc(0, 0, 1e300, 0, 1e10, false)
	ctx.SetShadowColor("red")
	ctx.SetShadowBlur(1e30)
	ctx.SetShadowOffsetX(1e30)
	ctx.FillRect(0, 0, 10, 10)
	ctx.SetShadowOffsetX(0)
	ctx.SetShadowBlur(400)
	ctx.FillRect(0, 0, 10, 10)
	ctx.Stroke()
	ctx.Clip()
	ctx.FillRect(0, 0, 10, 10)
	if time.Now().After(deadline) {
		t.Error("hostile input took too long")
	}
}

// A zero-sized canvas accepts every call and draws nothing.
func TestZeroSizedCanvas(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {0, 10}, {10, 0}} {
		cv, err := NewCanvas(sz[0], sz[1])
		if err != nil {
			t.Fatal(err)
		}
		ctx := cv.Context2D()
		ctx.SetShadowColor("red")
		ctx.SetShadowBlur(3)
		ctx.FillRect(0, 0, 5, 5)
		ctx.SetGlobalCompositeOperation("copy")
		ctx.FillRect(0.5, 0.5, 5, 5)
		ctx.Rect(0, 0, 3, 3)
		ctx.Clip()
		ctx.Stroke()
		ctx.ClearRect(0, 0, 9, 9)
		if id, err := ctx.GetImageData(0, 0, 2, 2); err != nil || id.Data[3] != 0 {
			t.Errorf("%v: getImageData %v", sz, err)
		}
		if err := ctx.PutImageData(&ImageData{Width: 1, Height: 1, Data: []uint8{1, 2, 3, 4}}, 0, 0); err != nil {
			t.Errorf("%v: putImageData %v", sz, err)
		}
		if _, err := ctx.CreatePattern(cv, "repeat"); !errors.Is(err, ErrInvalidState) {
			t.Errorf("%v: pattern from empty canvas: %v", sz, err)
		}
	}
}

func TestExport(t *testing.T) {
	zero, _ := NewCanvas(0, 10)
	if got := zero.ToDataURL("image/png", 0); got != "data:," {
		t.Errorf("zero canvas: %q", got)
	}
	cv, _ := NewCanvas(8, 8)
	ctx := cv.Context2D()
	ctx.SetFillStyle("rgba(255, 0, 0, 0.5)")
	ctx.FillRect(0, 0, 4, 8)
	for _, tt := range []struct{ typ, prefix string }{
		{"", "data:image/png;base64,"},
		{"image/png", "data:image/png;base64,"},
		{"image/jpeg", "data:image/jpeg;base64,"},
		{"image/webp", "data:image/webp;base64,"},
		{"image/bmp", "data:image/png;base64,"},
		{"jpeg", "data:image/png;base64,"}, // not a MIME type
	} {
		if got := cv.ToDataURL(tt.typ, 2); !strings.HasPrefix(got, tt.prefix) {
			t.Errorf("%q: %.40s", tt.typ, got)
		}
	}
	// The PNG holds un-premultiplied pixels as getImageData reports them.
	u := cv.ToDataURL("image/png", 0)
	raw, _ := base64.StdEncoding.DecodeString(u[strings.IndexByte(u, ',')+1:])
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ctx.GetImageData(0, 0, 8, 8)
	n, ok := img.(*image.NRGBA)
	if !ok {
		t.Fatalf("decoded %T, want *image.NRGBA", img)
	}
	if !bytes.Equal(n.Pix, want.Data) {
		t.Errorf("PNG pixels %v… differ from getImageData %v…", n.Pix[:8], want.Data[:8])
	}
	var buf bytes.Buffer
	if err := cv.Encode(&buf, "gif", EncodeOptions{}); !errors.Is(err, ErrNotSupported) {
		t.Errorf("gif: %v", err)
	}
	for _, f := range []string{"png", "jpeg", "webp", "image/webp"} {
		buf.Reset()
		if err := cv.Encode(&buf, f, EncodeOptions{Quality: 0.5}); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// WebP at quality 1 is lossless, as in Chromium: it decodes to the exact pixels.
	u = cv.ToDataURL("image/webp", 1)
	raw, _ = base64.StdEncoding.DecodeString(u[strings.IndexByte(u, ',')+1:])
	wimg, err := webp.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	wn := image.NewNRGBA(wimg.Bounds())
	draw.Draw(wn, wn.Rect, wimg, image.Point{}, draw.Src)
	if !bytes.Equal(wn.Pix, want.Data) {
		t.Errorf("lossless WebP pixels %v… differ from getImageData %v…", wn.Pix[:8], want.Data[:8])
	}
	// JPEG has no alpha: the half-transparent red is composited onto black.
	u = cv.ToDataURL("image/jpeg", 1)
	raw, _ = base64.StdEncoding.DecodeString(u[strings.IndexByte(u, ',')+1:])
	jimg, err := jpeg.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := jimg.At(1, 4).RGBA(); r>>8 < 120 || r>>8 > 136 || g>>8 > 8 || b>>8 > 8 {
		t.Errorf("JPEG pixel = %d,%d,%d, want about 128,0,0", r>>8, g>>8, b>>8)
	}
}

// Styles cache their shader; changing the style must rebuild it.
func TestStyleChangesAfterUse(t *testing.T) {
	ctx := newCtx(t, 10, 10)
	g, _ := ctx.CreateLinearGradient(0, 0, 10, 0)
	_ = g.AddColorStop(0, "red")
	ctx.SetFillStyle(g)
	ctx.FillRect(0, 0, 10, 10)
	if got := pix(ctx, 5, 5); got != [4]uint8{255, 0, 0, 255} {
		t.Fatalf("one red stop: %v", got)
	}
	_ = g.AddColorStop(0, "blue") // same offset, later: blue from 0 on
	ctx.FillRect(0, 0, 10, 10)
	if got := pix(ctx, 5, 5); got != [4]uint8{0, 0, 255, 255} {
		t.Errorf("after addColorStop: %v", got)
	}
	tile, _ := NewCanvas(2, 1)
	tile.Context2D().SetFillStyle("lime")
	tile.Context2D().FillRect(0, 0, 1, 1) // left texel lime, right transparent
	p, _ := ctx.CreatePattern(tile, "repeat")
	ctx.SetImageSmoothingEnabled(false)
	ctx.ClearRect(0, 0, 10, 10)
	ctx.SetFillStyle(p)
	ctx.FillRect(0, 0, 10, 10)
	if pix(ctx, 0, 0)[3] != 255 || pix(ctx, 1, 0)[3] != 0 {
		t.Fatalf("pattern texels: %v %v", pix(ctx, 0, 0), pix(ctx, 1, 0))
	}
	p.SetTransform(NewMatrix(1, 0, 0, 1, 1, 0))
	ctx.ClearRect(0, 0, 10, 10)
	ctx.FillRect(0, 0, 10, 10)
	if pix(ctx, 0, 0)[3] != 0 || pix(ctx, 1, 0)[3] != 255 {
		t.Errorf("after setTransform: %v %v", pix(ctx, 0, 0), pix(ctx, 1, 0))
	}
}

// Large jobs are split across goroutines; the pixels must not depend on it.
func TestParallelDeterministic(t *testing.T) {
	render := func(procs int) []uint8 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ctx := newCtx(t, 640, 400)
		g, _ := ctx.CreateRadialGradient(300, 200, 10, 320, 180, 300)
		_ = g.AddColorStop(0, "white")
		_ = g.AddColorStop(0.4, "rgba(255, 0, 0, 0.5)")
		_ = g.AddColorStop(1, "navy")
		ctx.SetFillStyle(g)
		ctx.FillRect(0, 0, 640, 400) // whole-pixel rectangle path
		ctx.SetFillStyle("rgba(0, 128, 0, 0.6)")
		ctx.FillPath(starPath(301, 320, 200, 190)) // banded rasterization
		ctx.SetFillStyle(g)
		ctx.SetGlobalCompositeOperation("source-in")
		ctx.BeginPath()
		_ = ctx.Ellipse(320, 200, 250, 150, 0.3, 0, 2*math.Pi, false)
		ctx.Fill() // clear-outside path
		return ctx.Canvas().RGBA().Pix
	}
	one, many := render(1), render(4)
	if !bytes.Equal(one, many) {
		t.Error("output depends on GOMAXPROCS")
	}
	if one[(200*640+320)*4+3] == 0 {
		t.Error("nothing drawn")
	}
}

// Banded rasterization agrees with a single rasterizer (to a level, from
// float rounding where lines are cut at band edges).
func TestBandedMatchesUnbanded(t *testing.T) {
	render := func(banded bool) []uint8 {
		defer func(b bool) { banding = b }(banding)
		banding = banded
		ctx := newCtx(t, 700, 500)
		ctx.SetFillStyle("rgba(0, 128, 255, 0.7)")
		ctx.FillPath(starPath(501, 350, 250, 240), EvenOdd)
		ctx.SetStrokeStyle("rgba(255, 0, 0, 0.5)")
		ctx.SetLineWidth(9)
		ctx.StrokePath(starPath(31, 350, 250, 200))
		// Banded masks: a large clip and a clear-outside operator.
		ctx.BeginPath()
		_ = ctx.Ellipse(350, 250, 330, 230, 0.2, 0, 2*math.Pi, false)
		ctx.Clip()
		ctx.SetGlobalCompositeOperation("destination-in")
		ctx.FillPath(starPath(7, 350, 250, 245))
		ctx.SetGlobalCompositeOperation("source-over")
		ctx.FillRect(0, 0, 700, 500)
		return ctx.Canvas().RGBA().Pix
	}
	a, b := render(true), render(false)
	worst := 0
	for i := range a {
		worst = max(worst, abs(int(a[i])-int(b[i])))
	}
	if worst > 1 {
		t.Errorf("banded differs from unbanded by %d levels", worst)
	}
	t.Logf("largest difference: %d levels", worst)
}

func TestAxisRect(t *testing.T) {
	rect := func(m Matrix) *Path2D {
		p := NewPath2D()
		p.Rect(1, 2, 3, 4)
		q := NewPath2D()
		q.AddPath(p, m)
		return q
	}
	svg := func(d string) *Path2D { p, _ := NewPath2DSVG(d); return p }
	tests := []struct {
		name string
		p    *Path2D
		want bool
	}{
		{"rect()", rect(IdentityMatrix), true},
		{"scaled rect", rect(NewMatrix(2, 0, 0, -3, 5, 5)), true},
		{"rotated 90", rect(IdentityMatrix.Rotate(math.Pi / 2)), false}, // cos(π/2) is not exactly 0
		{"rotated rect", rect(IdentityMatrix.Rotate(0.3)), false},
		{"closed by lineTo", svg("M0 0 H4 V3 H0 L0 0"), true},
		{"vertical first", svg("M0 0 V3 H4 V0 Z"), true},
		{"not closed back", svg("M0 0 H4 V3 H0 L1 0"), false},
		{"triangle", svg("M0 0 H4 V3 Z"), false},
		{"two rects", svg("M0 0 H4 V3 H0 Z M5 5 H6 V6 H5 Z"), false},
	}
	for _, tt := range tests {
		if _, got := axisRect(&tt.p.p); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Strokes at most a pixel wide, as Skia draws them: a path is a hairline one
// pixel thick with the paint's alpha scaled by the pen size (255 × 0.5 gives
// 127), unless the operator cannot take coverage as alpha (multiply); an
// axis-aligned strokeRect with miter joins is always the frame between two
// rectangles.
func TestThinStrokes(t *testing.T) {
	type probe struct {
		x, y int
		a    uint8
	}
	tests := []struct {
		name   string
		draw   func(c *Context2D)
		probes []probe
	}{
		{"half-width line is a hairline", func(c *Context2D) {
			c.SetLineWidth(0.5)
			c.MoveTo(2, 10.25)
			c.LineTo(18, 10.25)
			c.Stroke()
		}, []probe{{8, 10, 95}, {8, 9, 31}, {8, 11, 0}}},
		{"multiply strokes the thin outline", func(c *Context2D) {
			c.SetGlobalCompositeOperation("multiply")
			c.SetLineWidth(0.5)
			c.MoveTo(2, 10.25)
			c.LineTo(18, 10.25)
			c.Stroke()
		}, []probe{{8, 10, 128}, {8, 9, 0}}},
		{"strokeRect is a frame", func(c *Context2D) {
			c.SetLineWidth(0.5)
			c.StrokeRect(2.25, 2.25, 10, 10)
		}, []probe{{6, 2, 128}, {6, 1, 0}, {6, 3, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newCtx(t, 20, 20)
			tt.draw(ctx)
			for _, p := range tt.probes {
				if got := pix(ctx, p.x, p.y)[3]; int(got)-int(p.a) > 1 || int(p.a)-int(got) > 1 {
					t.Errorf("alpha at (%d,%d) = %d, want %d ±1", p.x, p.y, got, p.a)
				}
			}
		})
	}
}

// Steady-state drawing allocates nothing: every draw call below reuses the
// context's scratch (row jobs, masks, stroker, span buffers). The canvas is
// small enough that no call goes parallel (starting goroutines allocates).
func TestDrawAllocatesNothing(t *testing.T) {
	if raceBuild {
		t.Skip("the race detector makes sync.Pool drop items at random")
	}
	for _, tc := range []struct {
		name  string
		setup func(c *Context2D)
		f     func(c *Context2D)
	}{
		{"solid", nil, func(c *Context2D) { c.FillRect(10, 10, 50, 50) }},
		{"alpha", func(c *Context2D) { c.SetFillStyle("rgba(0,0,255,0.5)") }, func(c *Context2D) { c.FillRect(10, 10, 50, 50) }},
		{"alpha aa", func(c *Context2D) { c.SetFillStyle("rgba(0,0,255,0.5)") }, func(c *Context2D) { c.FillRect(10.5, 10.3, 50, 50) }},
		{"gradient", func(c *Context2D) {
			g, _ := c.CreateLinearGradient(0, 0, 100, 0)
			_ = g.AddColorStop(0, "red")
			_ = g.AddColorStop(1, "blue")
			c.SetFillStyle(g)
		}, func(c *Context2D) { c.FillRect(10, 10, 50, 50) }},
		{"copy", func(c *Context2D) { c.SetGlobalCompositeOperation("copy") }, func(c *Context2D) { c.FillRect(10, 10, 50, 50) }},
		{"clip", func(c *Context2D) { c.Rect(5.5, 5.5, 100, 100); c.Clip() }, func(c *Context2D) { c.FillRect(10, 10, 50, 50) }},
		{"shadow", func(c *Context2D) { c.SetShadowColor("black"); c.SetShadowBlur(4) }, func(c *Context2D) { c.FillRect(10, 10, 50, 50) }},
		{"arc fill", nil, func(c *Context2D) { c.BeginPath(); _ = c.Arc(50, 50, 30, 0, 2*math.Pi, false); c.Fill() }},
		{"stroke", nil, func(c *Context2D) { c.BeginPath(); _ = c.Arc(50, 50, 30, 0, 2*math.Pi, false); c.Stroke() }},
		{"strokeRect", nil, func(c *Context2D) { c.StrokeRect(10, 10, 50, 50) }},
	} {
		ctx := newCtx(t, 200, 200)
		if tc.setup != nil {
			tc.setup(ctx)
		}
		tc.f(ctx) // warm up the scratch buffers
		if a := testing.AllocsPerRun(20, func() { tc.f(ctx) }); a != 0 {
			t.Errorf("%s: %v allocations per call", tc.name, a)
		}
	}
}
