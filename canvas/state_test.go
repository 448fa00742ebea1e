package canvas

import (
	"errors"
	"image"
	"math"
	"reflect"
	"testing"
)

func newCtx(t testing.TB, w, h int) *Context2D {
	t.Helper()
	cv, err := NewCanvas(w, h)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := cv.GetContext("2d")
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

func TestDefaults(t *testing.T) {
	ctx := newCtx(t, 10, 10)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"fillStyle", ctx.FillStyle(), "#000000"},
		{"strokeStyle", ctx.StrokeStyle(), "#000000"},
		{"globalAlpha", ctx.GlobalAlpha(), 1.0},
		{"globalCompositeOperation", ctx.GlobalCompositeOperation(), "source-over"},
		{"lineWidth", ctx.LineWidth(), 1.0},
		{"lineCap", ctx.LineCap(), "butt"},
		{"lineJoin", ctx.LineJoin(), "miter"},
		{"miterLimit", ctx.MiterLimit(), 10.0},
		{"lineDash", ctx.GetLineDash(), []float64{}},
		{"lineDashOffset", ctx.LineDashOffset(), 0.0},
		{"shadowColor", ctx.ShadowColor(), "rgba(0, 0, 0, 0)"},
		{"shadowBlur", ctx.ShadowBlur(), 0.0},
		{"shadowOffsetX", ctx.ShadowOffsetX(), 0.0},
		{"shadowOffsetY", ctx.ShadowOffsetY(), 0.0},
		{"imageSmoothingEnabled", ctx.ImageSmoothingEnabled(), true},
		{"imageSmoothingQuality", ctx.ImageSmoothingQuality(), "low"},
		{"font", ctx.Font(), "10px sans-serif"},
		{"textAlign", ctx.TextAlign(), "start"},
		{"textBaseline", ctx.TextBaseline(), "alphabetic"},
		{"direction", ctx.Direction(), "inherit"},
		{"fontKerning", ctx.FontKerning(), "auto"},
		{"letterSpacing", ctx.LetterSpacing(), "0px"},
		{"filter", ctx.Filter(), "none"},
		{"transform", ctx.GetTransform(), IdentityMatrix},
		{"attributes", ctx.GetContextAttributes(), ContextAttributes{Alpha: true, ColorSpace: "srgb", ColorType: "unorm8"}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
}

// Each row sets a value and reads the attribute back: invalid values must leave
// the previous (valid) value in place, as the browser does.
func g[T any](fn func(*Context2D) T) func(*Context2D) any {
	return func(c *Context2D) any { return fn(c) }
}

func TestSettersIgnoreInvalid(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	type row struct {
		name string
		set  func(*Context2D)
		get  func(*Context2D) any
		want any
	}
	tests := []row{
		{"fillStyle named", func(c *Context2D) { c.SetFillStyle("red") }, g((*Context2D).FillStyle), "#ff0000"},
		{"fillStyle alpha", func(c *Context2D) { c.SetFillStyle("rgba(0,0,255,0.5)") }, g((*Context2D).FillStyle), "rgba(0, 0, 255, 0.5)"},
		{"fillStyle bogus kept", func(c *Context2D) { c.SetFillStyle("red"); c.SetFillStyle("bogus") }, g((*Context2D).FillStyle), "#ff0000"},
		{"fillStyle number ignored", func(c *Context2D) { c.SetFillStyle(42) }, g((*Context2D).FillStyle), "#000000"},
		{"strokeStyle hsl", func(c *Context2D) { c.SetStrokeStyle("hsl(120, 100%, 50%)") }, g((*Context2D).StrokeStyle), "#00ff00"},
		{"globalAlpha", func(c *Context2D) { c.SetGlobalAlpha(0.5) }, g((*Context2D).GlobalAlpha), 0.5},
		{"globalAlpha >1", func(c *Context2D) { c.SetGlobalAlpha(0.5); c.SetGlobalAlpha(1.5) }, g((*Context2D).GlobalAlpha), 0.5},
		{"globalAlpha <0", func(c *Context2D) { c.SetGlobalAlpha(-0.1) }, g((*Context2D).GlobalAlpha), 1.0},
		{"globalAlpha NaN", func(c *Context2D) { c.SetGlobalAlpha(nan) }, g((*Context2D).GlobalAlpha), 1.0},
		{"gco xor", func(c *Context2D) { c.SetGlobalCompositeOperation("xor") }, g((*Context2D).GlobalCompositeOperation), "xor"},
		{"gco luminosity", func(c *Context2D) { c.SetGlobalCompositeOperation("luminosity") }, g((*Context2D).GlobalCompositeOperation), "luminosity"},
		{"gco case-sensitive", func(c *Context2D) { c.SetGlobalCompositeOperation("XOR") }, g((*Context2D).GlobalCompositeOperation), "source-over"},
		{"gco unknown", func(c *Context2D) { c.SetGlobalCompositeOperation("plus-lighter") }, g((*Context2D).GlobalCompositeOperation), "source-over"},
		{"lineWidth", func(c *Context2D) { c.SetLineWidth(2.5) }, g((*Context2D).LineWidth), 2.5},
		{"lineWidth float32", func(c *Context2D) { c.SetLineWidth(0.1) }, g((*Context2D).LineWidth), 0.10000000149011612},
		{"lineWidth clamps to FLT_MAX", func(c *Context2D) { c.SetLineWidth(1e39) }, g((*Context2D).LineWidth), math.MaxFloat32},
		{"globalAlpha stays float64", func(c *Context2D) { c.SetGlobalAlpha(0.1) }, g((*Context2D).GlobalAlpha), 0.1},
		{"dash float32", func(c *Context2D) { c.SetLineDash([]float64{0.1}) }, g((*Context2D).GetLineDash), []float64{0.10000000149011612, 0.10000000149011612}},
		{"shadowOffsetX float32", func(c *Context2D) { c.SetShadowOffsetX(0.1) }, g((*Context2D).ShadowOffsetX), 0.10000000149011612},
		{"lineWidth 0", func(c *Context2D) { c.SetLineWidth(0) }, g((*Context2D).LineWidth), 1.0},
		{"lineWidth -1", func(c *Context2D) { c.SetLineWidth(-1) }, g((*Context2D).LineWidth), 1.0},
		{"lineWidth inf", func(c *Context2D) { c.SetLineWidth(inf) }, g((*Context2D).LineWidth), 1.0},
		{"lineCap round", func(c *Context2D) { c.SetLineCap("round") }, g((*Context2D).LineCap), "round"},
		{"lineCap bad", func(c *Context2D) { c.SetLineCap("Round") }, g((*Context2D).LineCap), "butt"},
		{"lineJoin bevel", func(c *Context2D) { c.SetLineJoin("bevel") }, g((*Context2D).LineJoin), "bevel"},
		{"lineJoin bad", func(c *Context2D) { c.SetLineJoin("square") }, g((*Context2D).LineJoin), "miter"},
		{"miterLimit", func(c *Context2D) { c.SetMiterLimit(3) }, g((*Context2D).MiterLimit), 3.0},
		{"miterLimit 0", func(c *Context2D) { c.SetMiterLimit(0) }, g((*Context2D).MiterLimit), 10.0},
		{"dash odd doubled", func(c *Context2D) { c.SetLineDash([]float64{5, 10, 15}) }, g((*Context2D).GetLineDash), []float64{5, 10, 15, 5, 10, 15}},
		{"dash negative ignored", func(c *Context2D) { c.SetLineDash([]float64{1, 2}); c.SetLineDash([]float64{1, -2}) }, g((*Context2D).GetLineDash), []float64{1, 2}},
		{"dash NaN ignored", func(c *Context2D) { c.SetLineDash([]float64{1, nan}) }, g((*Context2D).GetLineDash), []float64{}},
		{"dash empty resets", func(c *Context2D) { c.SetLineDash([]float64{1, 2}); c.SetLineDash(nil) }, g((*Context2D).GetLineDash), []float64{}},
		{"dashOffset", func(c *Context2D) { c.SetLineDashOffset(-3) }, g((*Context2D).LineDashOffset), -3.0},
		{"dashOffset NaN", func(c *Context2D) { c.SetLineDashOffset(nan) }, g((*Context2D).LineDashOffset), 0.0},
		{"shadowColor", func(c *Context2D) { c.SetShadowColor("#0f08") }, g((*Context2D).ShadowColor), "rgba(0, 255, 0, 0.533)"},
		{"shadowColor bad", func(c *Context2D) { c.SetShadowColor("nope") }, g((*Context2D).ShadowColor), "rgba(0, 0, 0, 0)"},
		{"shadowBlur", func(c *Context2D) { c.SetShadowBlur(4) }, g((*Context2D).ShadowBlur), 4.0},
		{"shadowBlur negative", func(c *Context2D) { c.SetShadowBlur(-4) }, g((*Context2D).ShadowBlur), 0.0},
		{"shadowOffsetX", func(c *Context2D) { c.SetShadowOffsetX(-2) }, g((*Context2D).ShadowOffsetX), -2.0},
		{"shadowOffsetY inf", func(c *Context2D) { c.SetShadowOffsetY(inf) }, g((*Context2D).ShadowOffsetY), 0.0},
		{"smoothingQuality", func(c *Context2D) { c.SetImageSmoothingQuality("high") }, g((*Context2D).ImageSmoothingQuality), "high"},
		{"smoothingQuality bad", func(c *Context2D) { c.SetImageSmoothingQuality("best") }, g((*Context2D).ImageSmoothingQuality), "low"},
		{"textAlign", func(c *Context2D) { c.SetTextAlign("center") }, g((*Context2D).TextAlign), "center"},
		{"textAlign bad", func(c *Context2D) { c.SetTextAlign("middle") }, g((*Context2D).TextAlign), "start"},
		{"textBaseline", func(c *Context2D) { c.SetTextBaseline("hanging") }, g((*Context2D).TextBaseline), "hanging"},
		{"direction", func(c *Context2D) { c.SetDirection("rtl") }, g((*Context2D).Direction), "rtl"},
		{"font bold", func(c *Context2D) { c.SetFont("bold 20px Arial") }, g((*Context2D).Font), "bold 20px Arial"},
		{"font pt", func(c *Context2D) { c.SetFont("italic 12pt serif") }, g((*Context2D).Font), "italic 16px serif"},
		{"font line-height", func(c *Context2D) { c.SetFont("12px/30px Georgia, serif") }, g((*Context2D).Font), "12px Georgia, serif"},
		{"font em", func(c *Context2D) { c.SetFont("2em sans-serif") }, g((*Context2D).Font), "20px sans-serif"},
		{"font no family", func(c *Context2D) { c.SetFont("12px") }, g((*Context2D).Font), "10px sans-serif"},
		{"font garbage", func(c *Context2D) { c.SetFont("hello") }, g((*Context2D).Font), "10px sans-serif"},
		{"font oblique", func(c *Context2D) { c.SetFont("bold oblique 10px a") }, g((*Context2D).Font), "italic bold 10px a"},
		{"font order", func(c *Context2D) { c.SetFont("italic small-caps bold condensed 12px/1.5 x") }, g((*Context2D).Font), "italic bold small-caps 12px x"},
		{"font stretch to fontStretch", func(c *Context2D) { c.SetFont("condensed 10px a") }, g((*Context2D).FontStretch), "condensed"},
		{"font quoted ident unquoted", func(c *Context2D) { c.SetFont("10px 'Arial'") }, g((*Context2D).Font), "10px Arial"},
		{"font quoted generic kept", func(c *Context2D) { c.SetFont("10px 'serif'") }, g((*Context2D).Font), `10px "serif"`},
		{"font multi-word quoted", func(c *Context2D) { c.SetFont("10px a  b, 'b c', serif") }, g((*Context2D).Font), `10px "a b", "b c", serif`},
		{"font escape", func(c *Context2D) { c.SetFont(`10px 'a"b'`) }, g((*Context2D).Font), `10px "a\"b"`},
		{"font case", func(c *Context2D) { c.SetFont("BOLD 10PX A") }, g((*Context2D).Font), "bold 10px A"},
		{"font weight 1000", func(c *Context2D) { c.SetFont("1000 10px a") }, g((*Context2D).Font), "1000 10px a"},
		{"font negative size", func(c *Context2D) { c.SetFont("-1px a") }, g((*Context2D).Font), "10px sans-serif"},
		{"font trailing comma", func(c *Context2D) { c.SetFont("10px a,") }, g((*Context2D).Font), "10px sans-serif"},
		{"font inherit family", func(c *Context2D) { c.SetFont("10px inherit") }, g((*Context2D).Font), "10px sans-serif"},
		{"font digit family", func(c *Context2D) { c.SetFont("12px 3d") }, g((*Context2D).Font), "10px sans-serif"},
		{"font lighter", func(c *Context2D) { c.SetFont("lighter 10px a") }, g((*Context2D).Font), "100 10px a"},
		{"font percent", func(c *Context2D) { c.SetFont("150% a") }, g((*Context2D).Font), "15px a"},
		{"font keyword size", func(c *Context2D) { c.SetFont("x-large a") }, g((*Context2D).Font), "24px a"},
		// Chromium 156: a family list of just "monospace" scales relative sizes by 13/16.
		{"font em monospace", func(c *Context2D) { c.SetFont("1.5em monospace") }, g((*Context2D).Font), "12.1875px monospace"},
		{"font em serif", func(c *Context2D) { c.SetFont("2em serif") }, g((*Context2D).Font), "20px serif"},
		{"font em monospace list", func(c *Context2D) { c.SetFont("1em monospace, serif") }, g((*Context2D).Font), "10px monospace, serif"},
		{"font percent monospace", func(c *Context2D) { c.SetFont("150% monospace") }, g((*Context2D).Font), "12.1875px monospace"},
		{"font larger monospace", func(c *Context2D) { c.SetFont("larger monospace") }, g((*Context2D).Font), "9.75px monospace"},
		{"font smaller monospace", func(c *Context2D) { c.SetFont("smaller monospace") }, g((*Context2D).Font), "6.77083px monospace"},
		{"font px monospace", func(c *Context2D) { c.SetFont("12px monospace") }, g((*Context2D).Font), "12px monospace"},
		{"font keyword monospace", func(c *Context2D) { c.SetFont("x-large monospace") }, g((*Context2D).Font), "20px monospace"},
		{"font medium monospace", func(c *Context2D) { c.SetFont("medium monospace") }, g((*Context2D).Font), "13px monospace"},
		{"font rem monospace", func(c *Context2D) { c.SetFont("1rem monospace") }, g((*Context2D).Font), "10px monospace"},
		{"font generic case", func(c *Context2D) { c.SetFont("1em MONOSPACE") }, g((*Context2D).Font), "8.125px monospace"},
		{"font quoted monospace", func(c *Context2D) { c.SetFont("1em 'monospace'") }, g((*Context2D).Font), `10px "monospace"`},
		{"font ui-monospace", func(c *Context2D) { c.SetFont("2em ui-monospace") }, g((*Context2D).Font), "20px ui-monospace"},
		{"font smaller six digits", func(c *Context2D) { c.SetFont("smaller serif") }, g((*Context2D).Font), "8.33333px serif"},
		{"font keyword xxx-large", func(c *Context2D) { c.SetFont("xxx-large serif") }, g((*Context2D).Font), "48px serif"},
		{"font exponent", func(c *Context2D) { c.SetFont("1e1px a") }, g((*Context2D).Font), "10px a"},
		{"letterSpacing em", func(c *Context2D) { c.SetLetterSpacing("1em") }, g((*Context2D).LetterSpacing), "1em"},
		{"letterSpacing upper unit", func(c *Context2D) { c.SetLetterSpacing("2PX") }, g((*Context2D).LetterSpacing), "2px"},
		{"letterSpacing negative", func(c *Context2D) { c.SetLetterSpacing("-1px") }, g((*Context2D).LetterSpacing), "-1px"},
		{"letterSpacing trailing zero", func(c *Context2D) { c.SetLetterSpacing("1.50px") }, g((*Context2D).LetterSpacing), "1.5px"},
		{"letterSpacing percent", func(c *Context2D) { c.SetLetterSpacing("10%") }, g((*Context2D).LetterSpacing), "0px"},
		{"filter blur", func(c *Context2D) { c.SetFilter("blur(2px) grayscale(50%)") }, g((*Context2D).Filter), "blur(2px) grayscale(50%)"},
		{"filter keeps case", func(c *Context2D) { c.SetFilter("BLUR(2px)") }, g((*Context2D).Filter), "BLUR(2px)"},
		{"filter url", func(c *Context2D) { c.SetFilter("url(#x)") }, g((*Context2D).Filter), "url(#x)"},
		{"filter drop-shadow", func(c *Context2D) { c.SetFilter("drop-shadow(1px 1px 2px red)") }, g((*Context2D).Filter), "drop-shadow(1px 1px 2px red)"},
		{"filter bogus", func(c *Context2D) { c.SetFilter("bogus") }, g((*Context2D).Filter), "none"},
		{"filter unknown function", func(c *Context2D) { c.SetFilter("foo(2px)") }, g((*Context2D).Filter), "none"},
		{"filter negative blur", func(c *Context2D) { c.SetFilter("blur(-1px)") }, g((*Context2D).Filter), "none"},
		{"filter none plus", func(c *Context2D) { c.SetFilter("none blur(1px)") }, g((*Context2D).Filter), "none"},
		{"filter empty", func(c *Context2D) { c.SetFilter("blur(1px)"); c.SetFilter("") }, g((*Context2D).Filter), "blur(1px)"},
		{"letterSpacing", func(c *Context2D) { c.SetLetterSpacing("2px") }, g((*Context2D).LetterSpacing), "2px"},
		{"letterSpacing bad", func(c *Context2D) { c.SetLetterSpacing("2") }, g((*Context2D).LetterSpacing), "0px"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newCtx(t, 4, 4)
			tt.set(ctx)
			if got := tt.get(ctx); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestSaveRestore(t *testing.T) {
	ctx := newCtx(t, 4, 4)
	ctx.SetFillStyle("red")
	ctx.SetLineDash([]float64{1, 2})
	ctx.Translate(5, 6)
	ctx.Save()
	ctx.SetFillStyle("blue")
	ctx.SetLineDash([]float64{3, 4})
	ctx.Rotate(1)
	ctx.SetGlobalAlpha(0.25)
	ctx.Restore()
	if got := ctx.FillStyle(); got != "#ff0000" {
		t.Errorf("fillStyle after restore = %v", got)
	}
	if got := ctx.GetLineDash(); !reflect.DeepEqual(got, []float64{1, 2}) {
		t.Errorf("dash after restore = %v", got)
	}
	if got := ctx.GetTransform(); got != NewMatrix(1, 0, 0, 1, 5, 6) {
		t.Errorf("transform after restore = %v", got)
	}
	if got := ctx.GlobalAlpha(); got != 1 {
		t.Errorf("globalAlpha after restore = %v", got)
	}
	// Restore on an empty stack is a no-op.
	ctx.Restore()
	ctx.Restore()
	if got := ctx.FillStyle(); got != "#ff0000" {
		t.Errorf("extra restore changed state: %v", got)
	}
	// The path is not part of the state.
	ctx.BeginPath()
	ctx.Save()
	ctx.Rect(0, 0, 2, 2)
	ctx.Restore()
	// isPointInPath takes canvas pixels: the rect was built under translate(5, 6).
	if !ctx.IsPointInPath(6, 7) || ctx.IsPointInPath(1, 1) {
		t.Error("restore dropped the current path")
	}
}

func TestResetAndResize(t *testing.T) {
	cv, _ := NewCanvas(4, 4)
	ctx := cv.Context2D()
	ctx.SetFillStyle("red")
	ctx.FillRect(0, 0, 4, 4)
	ctx.Save()
	ctx.Scale(2, 2)
	ctx.Rect(0, 0, 1, 1)
	if err := cv.SetWidth(4); err != nil { // same size still resets
		t.Fatal(err)
	}
	if cv.RGBA().Pix[3] != 0 {
		t.Error("SetWidth did not clear the bitmap")
	}
	if ctx.FillStyle() != "#000000" || !ctx.GetTransform().IsIdentity() || ctx.IsPointInPath(0.5, 0.5) {
		t.Error("SetWidth did not reset the state and path")
	}
	ctx.Restore() // the stack was emptied: no-op
	if !ctx.GetTransform().IsIdentity() {
		t.Error("state stack survived the reset")
	}
	if err := cv.SetHeight(7); err != nil || cv.Height() != 7 || len(cv.RGBA().Pix) != 4*7*4 {
		t.Errorf("SetHeight: err %v, h %d", err, cv.Height())
	}
	ctx.FillRect(0, 0, 4, 4)
	ctx.Reset()
	if cv.RGBA().Pix[3] != 0 {
		t.Error("reset() did not clear")
	}
}

func TestCanvasLimits(t *testing.T) {
	tests := []struct {
		w, h int
		lim  Limits
		err  error
	}{
		{300, 150, DefaultLimits, nil},
		{0, 0, DefaultLimits, nil},
		{16385, 1, DefaultLimits, ErrTooLarge},
		{100000, 100000, DefaultLimits, ErrTooLarge},
		{-1, 5, DefaultLimits, ErrRange},
		{100, 100, Limits{MaxSide: 50}, ErrTooLarge},
		{100, 100, Limits{MaxPixels: 9999}, ErrTooLarge},
	}
	for _, tt := range tests {
		_, err := NewCanvasWithLimits(tt.w, tt.h, tt.lim)
		if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("%dx%d %+v: err %v, want %v", tt.w, tt.h, tt.lim, err, tt.err)
		}
	}
	if !errors.Is(ErrTooLarge, ErrRange) {
		t.Error("ErrTooLarge should be a RangeError")
	}
	cv, _ := NewCanvasWithLimits(10, 10, Limits{MaxSide: 20})
	if err := cv.SetWidth(21); !errors.Is(err, ErrTooLarge) || cv.Width() != 10 {
		t.Errorf("SetWidth over limit: %v, width %d", err, cv.Width())
	}
	ctx := cv.Context2D()
	if _, err := ctx.GetImageData(0, 0, 1<<30, 1<<30); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge getImageData: %v", err)
	}
}

var _ image.Image = (*Canvas)(nil)

func TestContextTypes(t *testing.T) {
	cv, _ := NewCanvas(2, 2)
	if _, err := cv.GetContext("webgl"); !errors.Is(err, ErrNotSupported) {
		t.Errorf("webgl: %v", err)
	}
	a, _ := cv.GetContext("2d")
	b, _ := cv.GetContext("2d")
	if a != b || a.Canvas() != cv {
		t.Error("GetContext must return the same context")
	}
	oc, err := NewOffscreenCanvas("2d", 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := oc.GetContext("webgl"); !errors.Is(err, ErrInvalidState) {
		t.Errorf("offscreen type mismatch: %v", err)
	}
	ctx, err := oc.GetContext("2d")
	if err != nil || ctx.Canvas().Width() != 3 {
		t.Errorf("offscreen 2d: %v", err)
	}
	if _, err := NewOffscreenCanvas("webgl", 3, 2); !errors.Is(err, ErrNotSupported) {
		t.Errorf("webgl offscreen: %v", err)
	}
}

func TestTransforms(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		do   func(*Context2D)
		want Matrix
	}{
		{"translate", func(c *Context2D) { c.Translate(3, 4) }, NewMatrix(1, 0, 0, 1, 3, 4)},
		{"scale then translate", func(c *Context2D) { c.Scale(2, 3); c.Translate(1, 1) }, NewMatrix(2, 0, 0, 3, 2, 3)},
		{"rotate 90", func(c *Context2D) { c.Rotate(math.Pi / 2) }, NewMatrix(math.Cos(math.Pi/2), 1, -1, math.Cos(math.Pi/2), 0, 0)},
		{"transform", func(c *Context2D) { c.Translate(1, 0); c.Transform(1, 2, 3, 4, 5, 6) }, NewMatrix(1, 2, 3, 4, 6, 6)},
		{"setTransform", func(c *Context2D) { c.Scale(9, 9); c.SetTransform(1, 2, 3, 4, 5, 6) }, NewMatrix(1, 2, 3, 4, 5, 6)},
		{"setTransform matrix", func(c *Context2D) { c.SetTransformMatrix(NewMatrix(2, 0, 0, 2, 1, 1)) }, NewMatrix(2, 0, 0, 2, 1, 1)},
		{"NaN ignored", func(c *Context2D) { c.Translate(1, 1); c.Translate(nan, 1); c.Scale(1, nan); c.Rotate(nan) }, NewMatrix(1, 0, 0, 1, 1, 1)},
		{"setTransform NaN ignored", func(c *Context2D) { c.SetTransform(1, 0, 0, 1, nan, 0) }, IdentityMatrix},
		// Chromium's numbers: float32 arguments, float64 products, float64 rotate.
		{"transform accumulates float32 args", func(c *Context2D) { c.Transform(1, 0.2, 0.3, 1, 10, 5); c.Transform(2, 0, 0, 0.5, 3, 4) },
			NewMatrix(2, 0.4000000059604645, 0.15000000596046448, 0.5, 14.200000047683716, 9.600000008940697)},
		{"translate float32", func(c *Context2D) { c.Translate(1e-3, 0); c.Translate(1e-3, 0) }, NewMatrix(1, 0, 0, 1, 0.0020000000949949026, 0)},
		{"setTransform clamps", func(c *Context2D) { c.SetTransform(1, 0, 0, 1, 1e39, 0) }, NewMatrix(1, 0, 0, 1, math.MaxFloat32, 0)},
		{"resetTransform", func(c *Context2D) { c.Scale(2, 2); c.ResetTransform() }, IdentityMatrix},
	}
	for _, tt := range tests {
		ctx := newCtx(t, 2, 2)
		tt.do(ctx)
		if got := ctx.GetTransform(); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// rotate keeps its angle in float64 (Go's cos may differ from libm by an ulp).
	rc := newCtx(t, 2, 2)
	rc.Rotate(0.1)
	if m := rc.GetTransform(); math.Abs(m.B-0.09983341664682815) > 1e-16 || math.Abs(m.A-0.9950041652780258) > 2e-16 {
		t.Errorf("rotate(0.1) = %v", m)
	}
	// getTransform returns a copy.
	ctx := newCtx(t, 2, 2)
	m := ctx.GetTransform()
	m.A = 7
	if ctx.GetTransform().A != 1 {
		t.Error("GetTransform aliased the state")
	}
}

func f(v float64) *float64 { return &v }

func TestMatrixInit(t *testing.T) {
	tests := []struct {
		name string
		in   MatrixInit
		want Matrix
		err  error
	}{
		{"empty is identity", MatrixInit{}, IdentityMatrix, nil},
		{"a-f", MatrixInit{A: f(1), B: f(2), C: f(3), D: f(4), E: f(5), F: f(6)}, NewMatrix(1, 2, 3, 4, 5, 6), nil},
		{"m11 alias", MatrixInit{M11: f(2), M42: f(7)}, NewMatrix(2, 0, 0, 1, 0, 7), nil},
		{"agreeing pair", MatrixInit{A: f(2), M11: f(2)}, NewMatrix(2, 0, 0, 1, 0, 0), nil},
		{"conflict", MatrixInit{A: f(2), M11: f(3)}, Matrix{}, ErrType},
		{"3d member", MatrixInit{M33: f(2)}, Matrix{}, ErrType},
	}
	for _, tt := range tests {
		got, err := tt.in.Matrix()
		if !errors.Is(err, tt.err) || (tt.err == nil && got != tt.want) {
			t.Errorf("%s: %v %v, want %v %v", tt.name, got, err, tt.want, tt.err)
		}
	}
	m := NewMatrix(2, 0, 0, 4, 10, 20)
	if got := m.Multiply(m.Inverse()); got != IdentityMatrix {
		t.Errorf("m × m⁻¹ = %v", got)
	}
	if inv := NewMatrix(0, 0, 0, 0, 0, 0).Inverse(); !math.IsNaN(inv.A) {
		t.Errorf("singular inverse = %v", inv)
	}
}
