package canvas

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// Golden images: representative scenes rendered by this package and stored in
// testdata/golden/NAME.png (un-premultiplied, as toDataURL writes them).
// Regenerate with MAKE_REF=1 go test -run Golden ./canvas (or make golden).
//
// Tolerance: a channel may differ by goldenChannelTol levels, and up to
// goldenPixelFrac of the pixels may exceed that (anti-aliasing changes in the
// rasterizer move edge pixels, never interiors). On failure an
// expected|actual|diff strip is written to testdata/failed/NAME.png.
const (
	goldenChannelTol = 2
	goldenPixelFrac  = 0.002
)

type scene struct {
	name string
	w, h int
	draw func(t testing.TB, c *Context2D)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var goldenScenes = []scene{
	{"shapes", 160, 120, func(t testing.TB, c *Context2D) {
		c.SetFillStyle("#f0f0f0")
		c.FillRect(0, 0, 160, 120)
		c.SetFillStyle("tomato")
		c.FillRect(10.5, 10.25, 40, 30)
		c.SetFillStyle("rgba(30, 144, 255, 0.7)")
		c.BeginPath()
		must(t, c.Arc(80, 40, 28, 0, 2*math.Pi, false))
		c.Fill()
		c.SetFillStyle("seagreen")
		c.BeginPath()
		must(t, c.Ellipse(130, 40, 22, 12, math.Pi/6, 0, 2*math.Pi, false))
		c.Fill()
		c.SetFillStyle("goldenrod")
		c.BeginPath()
		must(t, c.RoundRect(10, 70, 60, 40, R(4), R(12), R(20), Radius{30, 10}))
		c.Fill()
		c.SetStrokeStyle("purple")
		c.SetLineWidth(3)
		c.BeginPath()
		c.MoveTo(90, 110)
		c.QuadraticCurveTo(110, 60, 130, 110)
		c.BezierCurveTo(140, 70, 150, 130, 155, 80)
		c.Stroke()
	}},
	{"star_evenodd", 120, 120, func(t testing.TB, c *Context2D) {
		c.SetFillStyle("navy")
		c.BeginPath()
		for i := 0; i < 5; i++ {
			a := float64(i)*4*math.Pi/5 - math.Pi/2
			c.LineTo(60+50*math.Cos(a), 60+50*math.Sin(a))
		}
		c.ClosePath()
		c.Fill(EvenOdd)
	}},
	{"strokes", 160, 120, func(t testing.TB, c *Context2D) {
		joins := []string{"miter", "round", "bevel"}
		caps := []string{"butt", "round", "square"}
		c.SetLineWidth(10)
		for i := range 3 {
			c.SetLineJoin(joins[i])
			c.SetLineCap(caps[i])
			c.SetStrokeStyle([]string{"crimson", "teal", "darkorange"}[i])
			c.BeginPath()
			x := 20 + float64(i)*50
			c.MoveTo(x, 60)
			c.LineTo(x+15, 20)
			c.LineTo(x+30, 60)
			c.Stroke()
		}
		c.SetLineWidth(4)
		c.SetLineCap("round")
		c.SetLineDash([]float64{12, 6, 2, 6})
		c.SetLineDashOffset(3)
		c.SetStrokeStyle("black")
		c.StrokeRect(15, 80, 130, 30)
	}},
	{"gradients", 180, 60, func(t testing.TB, c *Context2D) {
		lg, _ := c.CreateLinearGradient(0, 0, 60, 60)
		must(t, lg.AddColorStop(0, "red"))
		must(t, lg.AddColorStop(0.5, "yellow"))
		must(t, lg.AddColorStop(1, "rgba(0,0,255,0.5)"))
		c.SetFillStyle(lg)
		c.FillRect(0, 0, 60, 60)
		rg, _ := c.CreateRadialGradient(85, 25, 5, 90, 30, 28)
		must(t, rg.AddColorStop(0, "white"))
		must(t, rg.AddColorStop(1, "darkblue"))
		c.SetFillStyle(rg)
		c.FillRect(60, 0, 60, 60)
		cg, _ := c.CreateConicGradient(0, 150, 30)
		for i, col := range []string{"red", "lime", "blue", "red"} {
			must(t, cg.AddColorStop(float64(i)/3, col))
		}
		c.SetFillStyle(cg)
		c.FillRect(120, 0, 60, 60)
	}},
	{"pattern_transform", 120, 80, func(t testing.TB, c *Context2D) {
		tile, _ := NewCanvas(8, 8)
		tc := tile.Context2D()
		tc.SetFillStyle("orange")
		tc.FillRect(0, 0, 4, 4)
		tc.FillRect(4, 4, 4, 4)
		tc.SetFillStyle("rgba(0,0,128,0.5)")
		tc.FillRect(4, 0, 4, 4)
		p, err := c.CreatePattern(tile, "repeat")
		must(t, err)
		p.SetTransform(IdentityMatrix.Rotate(math.Pi/8).Scale(1.5, 1.5))
		c.SetFillStyle(p)
		c.FillRect(0, 0, 60, 80)
		px, err := c.CreatePattern(tile, "repeat-x")
		must(t, err)
		c.SetFillStyle(px)
		c.Translate(60, 20)
		c.FillRect(0, 0, 60, 60)
	}},
	{"shadow_blur", 120, 90, func(t testing.TB, c *Context2D) {
		c.SetShadowColor("rgba(0, 0, 0, 0.6)")
		c.SetShadowBlur(10)
		c.SetShadowOffsetX(6)
		c.SetShadowOffsetY(8)
		c.SetFillStyle("skyblue")
		c.FillRect(20, 15, 50, 40)
		c.SetShadowColor("red")
		c.SetShadowOffsetX(0)
		c.SetShadowOffsetY(0)
		c.SetShadowBlur(4)
		c.SetStrokeStyle("white")
		c.SetLineWidth(3)
		c.BeginPath()
		must(t, c.Arc(90, 60, 15, 0, 2*math.Pi, false))
		c.Stroke()
	}},
	{"clip_composite", 120, 120, func(t testing.TB, c *Context2D) {
		c.SetFillStyle("steelblue")
		c.FillRect(0, 0, 120, 120)
		c.BeginPath()
		must(t, c.Arc(60, 60, 45, 0, 2*math.Pi, false))
		c.Clip()
		c.SetGlobalCompositeOperation("source-atop")
		c.SetFillStyle("gold")
		c.FillRect(40, 0, 80, 60)
		c.SetGlobalCompositeOperation("destination-out")
		c.BeginPath()
		must(t, c.Arc(60, 90, 15, 0, 2*math.Pi, false))
		c.Fill()
		// copy clears the rest of the (nested) clip region: the left strip.
		c.Save()
		c.BeginPath()
		c.Rect(0, 30, 40, 60)
		c.Clip()
		c.SetGlobalCompositeOperation("copy")
		c.SetGlobalAlpha(0.5)
		c.SetFillStyle("crimson")
		c.FillRect(10, 45, 40, 20)
		c.Restore()
	}},
	{"blend_modes", 208, 52, func(t testing.TB, c *Context2D) {
		ops := []string{"multiply", "screen", "overlay", "darken", "lighten", "color-dodge", "color-burn", "hard-light",
			"soft-light", "difference", "exclusion", "hue", "saturation", "color", "luminosity", "lighter"}
		for i, op := range ops {
			x, y := float64(i%8)*26, float64(i/8)*26
			c.SetGlobalCompositeOperation("source-over")
			c.SetFillStyle("rgb(200, 80, 40)")
			c.FillRect(x, y, 26, 26)
			c.SetGlobalCompositeOperation(op)
			c.SetFillStyle("rgba(40, 120, 220, 0.8)")
			c.BeginPath()
			must(t, c.Arc(x+13, y+13, 10, 0, 2*math.Pi, false))
			c.Fill()
		}
	}},
	{"transforms_path2d", 120, 120, func(t testing.TB, c *Context2D) {
		heart, err := NewPath2DSVG("M10 30 A20 20 0 0 1 50 30 A20 20 0 0 1 90 30 Q90 60 50 90 Q10 60 10 30 z")
		must(t, err)
		c.SetFillStyle("rgba(220, 20, 60, 0.6)")
		for i := range 4 {
			c.Save()
			c.Translate(60, 60)
			c.Rotate(float64(i) * math.Pi / 2)
			c.Scale(0.5, 0.5)
			c.Translate(-50, -100)
			c.FillPath(heart)
			c.Restore()
		}
		c.SetStrokeStyle("black")
		c.Transform(1, 0.2, 0.3, 1, 0, 0)
		c.StrokePath(heart)
	}},
}

// posterScene is a share poster without text: gradient background, a card
// with a shadow and rounded corners, a clipped pattern "photo", badges drawn
// with composite operators. It is large enough to take the parallel paths.
var posterScene = scene{"poster", 540, 720, func(t testing.TB, c *Context2D) {
	bg, _ := c.CreateLinearGradient(0, 0, 540, 720)
	must(t, bg.AddColorStop(0, "#ff9a9e"))
	must(t, bg.AddColorStop(1, "#fad0c4"))
	c.SetFillStyle(bg)
	c.FillRect(0, 0, 540, 720)
	c.Save()
	c.SetShadowColor("rgba(0, 0, 0, 0.25)")
	c.SetShadowBlur(24)
	c.SetShadowOffsetY(12)
	c.SetFillStyle("white")
	c.BeginPath()
	must(t, c.RoundRect(40, 60, 460, 600, R(28)))
	c.Fill()
	c.Restore()
	tile, _ := NewCanvas(24, 24)
	tc := tile.Context2D()
	tc.SetFillStyle("#4facfe")
	tc.FillRect(0, 0, 24, 24)
	tc.SetFillStyle("#00f2fe")
	tc.BeginPath()
	must(t, tc.Arc(12, 12, 8, 0, 2*math.Pi, false))
	tc.Fill()
	pat, err := c.CreatePattern(tile, "repeat")
	must(t, err)
	pat.SetTransform(IdentityMatrix.Rotate(0.2).Scale(1.3, 1.3))
	c.Save()
	c.BeginPath()
	must(t, c.RoundRect(64, 84, 412, 360, R(18), R(18), R(0), R(0)))
	c.Clip()
	c.SetFillStyle(pat)
	c.FillRect(64, 84, 412, 360)
	vg, _ := c.CreateRadialGradient(270, 264, 40, 270, 264, 260)
	must(t, vg.AddColorStop(0, "rgba(0,0,0,0)"))
	must(t, vg.AddColorStop(1, "rgba(0,0,0,0.45)"))
	c.SetFillStyle(vg)
	c.FillRect(64, 84, 412, 360)
	c.Restore()
	c.SetFillStyle("#e0e0e0")
	for i := range 4 {
		c.FillRect(64, 470+float64(i)*28, 412-float64(i)*70, 14)
	}
	c.SetGlobalCompositeOperation("multiply")
	c.SetFillStyle("#ffd200")
	c.BeginPath()
	must(t, c.Arc(430, 600, 40, 0, 2*math.Pi, false))
	c.Fill()
	c.SetGlobalCompositeOperation("source-over")
	c.SetStrokeStyle("#333")
	c.SetLineWidth(3)
	c.SetLineDash([]float64{6, 4})
	c.StrokeRect(64, 590, 300, 40)
}}

// miscScene covers what the other scenes do not: arcTo, a non-uniform pen,
// fractional clearRect, a shadow through a clip, a translucent no-repeat
// pattern, negative-size roundRect, miter limit, source-atop, lighter and xor.
var miscScene = scene{"misc", 200, 140, func(t testing.TB, c *Context2D) {
	c.SetFillStyle("#eef")
	c.FillRect(0, 0, 200, 140)
	c.SetLineWidth(4)
	c.SetStrokeStyle("teal")
	c.BeginPath()
	c.MoveTo(10, 60)
	must(t, c.ArcTo(40, 10, 70, 60, 18))
	must(t, c.ArcTo(70, 60, 100, 10, 40))
	c.LineTo(100, 10)
	c.Stroke()
	c.Save()
	c.Translate(150, 35)
	c.Scale(3, 1)
	c.SetLineWidth(3)
	c.SetStrokeStyle("crimson")
	c.BeginPath()
	must(t, c.Arc(0, 0, 12, 0, 2*math.Pi, false))
	c.Stroke()
	c.Restore()
	c.ClearRect(10.3, 70.6, 30.5, 20.2)
	c.Save()
	c.BeginPath()
	c.Rect(50, 70, 50, 60)
	c.Clip()
	c.SetShadowColor("rgba(0,0,128,0.7)")
	c.SetShadowBlur(6)
	c.SetShadowOffsetX(8)
	c.SetShadowOffsetY(5)
	c.SetFillStyle("orange")
	c.BeginPath()
	must(t, c.Arc(65, 95, 15, 0, 2*math.Pi, false))
	c.Fill()
	c.Restore()
	tile, _ := NewCanvas(10, 10)
	tc := tile.Context2D()
	tc.SetFillStyle("purple")
	tc.FillRect(0, 0, 5, 10)
	tc.SetFillStyle("rgba(0,200,0,0.5)")
	tc.FillRect(5, 0, 5, 10)
	p, err := c.CreatePattern(tile, "no-repeat")
	must(t, err)
	p.SetTransform(NewMatrix(2, 0, 0, 2, 110, 70))
	c.SetGlobalAlpha(0.6)
	c.SetFillStyle(p)
	c.FillRect(105, 65, 40, 40)
	c.SetGlobalAlpha(1)
	c.SetFillStyle("rgba(255,0,0,0.5)")
	c.BeginPath()
	must(t, c.RoundRect(190, 130, -35, -20, R(8), R(2)))
	c.Fill()
	c.SetLineJoin("miter")
	c.SetMiterLimit(2)
	c.SetLineWidth(6)
	c.SetStrokeStyle("black")
	c.BeginPath()
	c.MoveTo(150, 80)
	c.LineTo(165, 60)
	c.LineTo(180, 80)
	c.Stroke()
	for i, op := range []string{"source-atop", "lighter", "xor"} {
		c.SetGlobalCompositeOperation(op)
		c.SetFillStyle([]string{"rgba(0,0,255,0.6)", "#404040", "green"}[i])
		c.FillRect(10+float64(i)*12, 100, 20, 30)
	}
}}

func TestGolden(t *testing.T) {
	update := os.Getenv("MAKE_REF") != ""
	for _, sc := range append(goldenScenes[:len(goldenScenes):len(goldenScenes)], posterScene, miscScene) {
		t.Run(sc.name, func(t *testing.T) {
			cv, err := NewCanvas(sc.w, sc.h)
			must(t, err)
			sc.draw(t, cv.Context2D())
			got := toNRGBA(cv)
			path := filepath.Join("testdata", "golden", sc.name+".png")
			if update {
				must(t, writePNG(path, got))
				return
			}
			want, err := readPNG(path)
			if err != nil {
				t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run Golden ./canvas)", err)
			}
			bad, maxd, diff := compareNRGBA(want, got)
			if bad > int(goldenPixelFrac*float64(sc.w*sc.h)) || want.Rect != got.Rect {
				strip := filepath.Join("testdata", "failed", sc.name+".png")
				_ = os.MkdirAll(filepath.Dir(strip), 0o755)
				if err := writePNG(strip, makeStrip(want, got, diff)); err != nil {
					t.Log(err)
				}
				t.Errorf("%d pixels differ by more than %d (max %d); expected|actual|diff: %s", bad, goldenChannelTol, maxd, strip)
			}
		})
	}
}

func toNRGBA(cv *Canvas) *image.NRGBA {
	n := image.NewNRGBA(cv.Bounds())
	unpremultiplyRow(n.Pix, cv.RGBA().Pix)
	return n
}

func readPNG(path string) (*image.NRGBA, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	n := image.NewNRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(n, n.Rect, img, img.Bounds().Min, draw.Src)
	return n, nil
}

func writePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// compareNRGBA counts pixels whose premultiplied channels differ by more than
// the tolerance (premultiplied, so colour that low alpha cannot hold does not
// count) and returns a diff image: red where a pixel is out of tolerance, grey
// scaled by the difference elsewhere.
func compareNRGBA(a, b *image.NRGBA) (bad, maxd int, diff *image.NRGBA) {
	diff = image.NewNRGBA(a.Rect)
	if a.Rect != b.Rect {
		return a.Rect.Dx() * a.Rect.Dy(), 255, diff
	}
	for i := 0; i < len(a.Pix); i += 4 {
		d := 0
		for k := 0; k < 4; k++ {
			pa, pb := int(a.Pix[i+k]), int(b.Pix[i+k])
			if k < 3 {
				pa, pb = pa*int(a.Pix[i+3])/255, pb*int(b.Pix[i+3])/255
			}
			d = max(d, abs(pa-pb))
		}
		maxd = max(maxd, d)
		if d > goldenChannelTol {
			bad++
			copy(diff.Pix[i:i+4], []uint8{255, 0, 0, 255})
		} else {
			g := uint8(255 - d*40)
			copy(diff.Pix[i:i+4], []uint8{g, g, g, 255})
		}
	}
	return bad, maxd, diff
}

// makeStrip lays expected, actual and diff side by side on a checkerboard so
// transparency shows.
func makeStrip(want, got, diff *image.NRGBA) *image.NRGBA {
	w, h := want.Rect.Dx(), want.Rect.Dy()
	strip := image.NewNRGBA(image.Rect(0, 0, 3*w+8, max(h, got.Rect.Dy())))
	for y := 0; y < strip.Rect.Dy(); y++ {
		for x := 0; x < strip.Rect.Dx(); x++ {
			v := uint8(200)
			if (x/8+y/8)%2 == 0 {
				v = 240
			}
			strip.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	for i, img := range []*image.NRGBA{want, got, diff} {
		r := img.Rect.Add(image.Pt(i*(w+4), 0))
		draw.Draw(strip, r, img, img.Rect.Min, draw.Over)
	}
	return strip
}
