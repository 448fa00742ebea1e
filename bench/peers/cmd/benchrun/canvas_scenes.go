package main

import (
	"bytes"
	"fmt"
	stdimage "image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"

	"github.com/fogleman/gg"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"

	"github.com/seed92233726/mediad/canvas"
)

// The canvas scenes, drawn with mediad's canvas and with gg. bench/node/scenes.js draws
// the same scenes for @napi-rs/canvas and Chromium; keep them in step.

// lehmer is the generator scenes.js uses, so every engine draws the same random shapes.
func lehmer(seed int64) func() float64 {
	s := seed
	return func() float64 {
		s = (s * 16807) % 2147483647
		return float64(s) / 2147483647
	}
}

type canvasScene struct {
	name string
	w, h int
	mime string // "" (draw only), "image/png" or "image/jpeg"
	ours func(ctx *canvas.Context2D, photo *canvas.Image)
	gg   func(dc *gg.Context, f *ggFonts, photo stdimage.Image)
	desc string
}

var canvasScenes = []canvasScene{
	{"poster-png", 1080, 1920, "image/png", oursPoster, ggPoster,
		"1080×1920 share poster (gradient, photo drawn scaled from 2560 px, shadowed card and badge, text, dashes, QR grid) + PNG encode"},
	{"poster-jpeg", 1080, 1920, "image/jpeg", oursPoster, ggPoster,
		"the same poster + JPEG q90 encode"},
	{"paths", 1920, 1080, "", oursPaths, ggPaths,
		"10,000 random anti-aliased Bézier and arc fills with alpha, 1920×1080"},
	{"star", 1920, 1080, "", oursStar, ggStar,
		"1001-vertex self-intersecting star, even-odd fill, 1920×1080"},
	{"dashed", 1920, 1080, "", oursDashed, ggDashed,
		"200 thick dashed line+quadratic strokes, round joins and caps"},
}

// runOurs draws sc on a fresh canvas and encodes it as the scene asks.
func runOurs(sc canvasScene, photo *canvas.Image, w io.Writer) error {
	cv, err := canvas.NewCanvas(sc.w, sc.h)
	if err != nil {
		return err
	}
	ctx := cv.Context2D()
	sc.ours(ctx, photo)
	switch sc.mime {
	case "image/png":
		return cv.Encode(w, "png", canvas.EncodeOptions{})
	case "image/jpeg":
		return cv.Encode(w, "jpeg", canvas.EncodeOptions{Quality: 0.9})
	}
	// The same one-pixel read the JavaScript scenes end with.
	_, err = ctx.GetImageData(0, 0, 1, 1)
	return err
}

func oursPoster(ctx *canvas.Context2D, photo *canvas.Image) {
	const W, H = 1080.0, 1920.0
	bg, _ := ctx.CreateLinearGradient(0, 0, 0, H)
	_ = bg.AddColorStop(0, "#ff9a6b")
	_ = bg.AddColorStop(0.5, "#ff5e7e")
	_ = bg.AddColorStop(1, "#6a3cbc")
	ctx.SetFillStyle(bg)
	ctx.FillRect(0, 0, W, H)

	_ = ctx.DrawImage(photo, 0, 120, W, 1600*W/2560)

	ctx.Save()
	ctx.SetShadowColor("rgba(0,0,0,0.35)")
	ctx.SetShadowBlur(30)
	ctx.SetShadowOffsetY(12)
	ctx.SetFillStyle("#ffffff")
	ctx.BeginPath()
	_ = ctx.RoundRect(60, 760, W-120, 1000, canvas.R(32))
	ctx.Fill()
	ctx.Restore()

	av, _ := ctx.CreateRadialGradient(190, 880, 10, 200, 890, 80)
	_ = av.AddColorStop(0, "#ffe29f")
	_ = av.AddColorStop(1, "#ff719a")
	ctx.SetFillStyle(av)
	ctx.BeginPath()
	_ = ctx.Arc(200, 890, 80, 0, 2*math.Pi, false)
	ctx.Fill()
	ctx.SetLineWidth(6)
	ctx.SetStrokeStyle("#ffffff")
	ctx.Stroke()

	ctx.SetFillStyle("#222222")
	ctx.SetFont("bold 64px sans-serif")
	ctx.FillText("Summer Sale 2026", 310, 880)
	ctx.SetFont("30px sans-serif")
	ctx.SetFillStyle("#555555")
	ctx.FillText("Limited offer for early birds", 310, 940)
	for i := 0; i < 8; i++ {
		ctx.FillText(fmt.Sprintf("Line %d: fresh fruit, cold drinks and sunny days ahead", i+1), 110, 1080+float64(i)*56)
	}

	ctx.Save()
	ctx.SetShadowColor("rgba(120,0,0,0.4)")
	ctx.SetShadowBlur(16)
	ctx.SetShadowOffsetX(4)
	ctx.SetShadowOffsetY(6)
	ctx.SetFillStyle("#e8333a")
	ctx.BeginPath()
	for i := 0; i < 24; i++ {
		r := 92.0
		if i%2 == 0 {
			r = 120
		}
		a := float64(i) * math.Pi / 12
		ctx.LineTo(880+r*math.Cos(a), 760+r*math.Sin(a))
	}
	ctx.ClosePath()
	ctx.Fill()
	ctx.Restore()
	ctx.SetFillStyle("#ffffff")
	ctx.SetFont("bold 48px sans-serif")
	ctx.FillText("-50%", 822, 778)

	ctx.SetLineDash([]float64{18, 12})
	ctx.SetLineWidth(3)
	ctx.SetStrokeStyle("#bbbbbb")
	ctx.BeginPath()
	ctx.MoveTo(100, 1560)
	ctx.LineTo(W-100, 1560)
	ctx.Stroke()
	ctx.SetLineDash(nil)

	rnd := lehmer(7)
	ctx.SetFillStyle("#111111")
	for y := 0; y < 29; y++ {
		for x := 0; x < 29; x++ {
			if rnd() < 0.5 {
				ctx.FillRect(760+float64(x)*6, 1590+float64(y)*6, 6, 6)
			}
		}
	}
}

var pathFills = []string{"rgba(255,0,0,0.5)", "rgba(0,128,0,0.4)", "rgba(0,0,255,0.3)", "rgba(250,200,0,0.6)"}

func oursPaths(ctx *canvas.Context2D, _ *canvas.Image) {
	const W, H = 1920.0, 1080.0
	rnd := lehmer(1)
	var p [8]float64
	for i := 0; i < 10000; i++ {
		for j := range p {
			p[j] = rnd()
		}
		x, y := p[0]*W, p[1]*H
		ctx.BeginPath()
		if i%2 == 1 {
			_ = ctx.Arc(x, y, 5+p[2]*40, 0, 2*math.Pi, false)
		} else {
			ctx.MoveTo(x, y)
			ctx.BezierCurveTo(x+p[2]*120-60, y+p[3]*120-60, x+p[4]*120-60, y+p[5]*120-60, x+p[6]*80-40, y+p[7]*80-40)
		}
		ctx.SetFillStyle(pathFills[i%4])
		ctx.Fill()
	}
}

func starPoint(i int) (float64, float64) {
	const n = 1001
	k := n/2 - 1
	a := float64(i*k) * 2 * math.Pi / n
	return 960 + 500*math.Cos(a), 540 + 500*math.Sin(a)
}

func oursStar(ctx *canvas.Context2D, _ *canvas.Image) {
	ctx.SetFillStyle("navy")
	ctx.BeginPath()
	for i := 0; i < 1001; i++ {
		ctx.LineTo(starPoint(i))
	}
	ctx.ClosePath()
	ctx.Fill(canvas.EvenOdd)
}

func oursDashed(ctx *canvas.Context2D, _ *canvas.Image) {
	ctx.SetLineWidth(12)
	ctx.SetLineJoin("round")
	ctx.SetLineCap("round")
	ctx.SetLineDash([]float64{40, 20})
	ctx.SetStrokeStyle("rgba(200, 30, 30, 0.8)")
	ctx.BeginPath()
	for i := 0; i < 200; i++ {
		x, y := float64(i%20)*96, float64(i/20)*108
		ctx.MoveTo(x+10, y+10)
		ctx.LineTo(x+86, y+50)
		ctx.QuadraticCurveTo(x+10, y+98, x+86, y+98)
	}
	ctx.Stroke()
}

// gg versions. gg has no shadows, so its poster is drawn without them (it does less
// work than the others); everything else is the same geometry.

// ggFonts are parsed once, outside the timed region, as a poster service would keep them.
type ggFonts struct{ bold64, bold48, regular30 font.Face }

func loadGGFonts() (*ggFonts, error) {
	regular, err := parseTTF("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	if err != nil {
		return nil, err
	}
	bold, err := parseTTF("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
	if err != nil {
		return nil, err
	}
	// gg sizes faces in points at 72 dpi, so points equal CSS pixels here.
	return &ggFonts{
		bold64:    truetype.NewFace(bold, &truetype.Options{Size: 64}),
		bold48:    truetype.NewFace(bold, &truetype.Options{Size: 48}),
		regular30: truetype.NewFace(regular, &truetype.Options{Size: 30}),
	}, nil
}

func parseTTF(path string) (*truetype.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return truetype.Parse(b)
}

func hex(s string) color.Color {
	var r, g, b uint8
	fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b)
	return color.NRGBA{r, g, b, 255}
}

func runGG(sc canvasScene, f *ggFonts, photo stdimage.Image, w io.Writer) error {
	dc := gg.NewContext(sc.w, sc.h)
	sc.gg(dc, f, photo)
	switch sc.mime {
	case "image/png":
		return png.Encode(w, dc.Image())
	case "image/jpeg":
		return jpeg.Encode(w, dc.Image(), &jpeg.Options{Quality: 90})
	}
	return nil
}

func ggPoster(dc *gg.Context, f *ggFonts, photo stdimage.Image) {
	const W, H = 1080.0, 1920.0
	bg := gg.NewLinearGradient(0, 0, 0, H)
	bg.AddColorStop(0, hex("#ff9a6b"))
	bg.AddColorStop(0.5, hex("#ff5e7e"))
	bg.AddColorStop(1, hex("#6a3cbc"))
	dc.SetFillStyle(bg)
	dc.DrawRectangle(0, 0, W, H)
	dc.Fill()

	s := W / 2560
	dc.Push()
	dc.Translate(0, 120)
	dc.Scale(s, s)
	dc.DrawImage(photo, 0, 0)
	dc.Pop()

	dc.SetColor(color.White)
	dc.DrawRoundedRectangle(60, 760, W-120, 1000, 32)
	dc.Fill()

	av := gg.NewRadialGradient(190, 880, 10, 200, 890, 80)
	av.AddColorStop(0, hex("#ffe29f"))
	av.AddColorStop(1, hex("#ff719a"))
	dc.SetFillStyle(av)
	dc.DrawCircle(200, 890, 80)
	dc.FillPreserve()
	dc.SetLineWidth(6)
	dc.SetColor(color.White)
	dc.Stroke()

	dc.SetColor(hex("#222222"))
	dc.SetFontFace(f.bold64)
	dc.DrawString("Summer Sale 2026", 310, 880)
	dc.SetFontFace(f.regular30)
	dc.SetColor(hex("#555555"))
	dc.DrawString("Limited offer for early birds", 310, 940)
	for i := 0; i < 8; i++ {
		dc.DrawString(fmt.Sprintf("Line %d: fresh fruit, cold drinks and sunny days ahead", i+1), 110, 1080+float64(i)*56)
	}

	dc.SetColor(hex("#e8333a"))
	for i := 0; i < 24; i++ {
		r := 92.0
		if i%2 == 0 {
			r = 120
		}
		a := float64(i) * math.Pi / 12
		dc.LineTo(880+r*math.Cos(a), 760+r*math.Sin(a))
	}
	dc.ClosePath()
	dc.Fill()
	dc.SetColor(color.White)
	dc.SetFontFace(f.bold48)
	dc.DrawString("-50%", 822, 778)

	dc.SetDash(18, 12)
	dc.SetLineWidth(3)
	dc.SetColor(hex("#bbbbbb"))
	dc.MoveTo(100, 1560)
	dc.LineTo(W-100, 1560)
	dc.Stroke()
	dc.SetDash()

	rnd := lehmer(7)
	dc.SetColor(hex("#111111"))
	for y := 0; y < 29; y++ {
		for x := 0; x < 29; x++ {
			if rnd() < 0.5 {
				dc.DrawRectangle(760+float64(x)*6, 1590+float64(y)*6, 6, 6)
				dc.Fill()
			}
		}
	}
}

var ggPathFills = []color.NRGBA{{255, 0, 0, 128}, {0, 128, 0, 102}, {0, 0, 255, 77}, {250, 200, 0, 153}}

func ggPaths(dc *gg.Context, _ *ggFonts, _ stdimage.Image) {
	const W, H = 1920.0, 1080.0
	rnd := lehmer(1)
	var p [8]float64
	for i := 0; i < 10000; i++ {
		for j := range p {
			p[j] = rnd()
		}
		x, y := p[0]*W, p[1]*H
		if i%2 == 1 {
			dc.DrawCircle(x, y, 5+p[2]*40)
		} else {
			dc.MoveTo(x, y)
			dc.CubicTo(x+p[2]*120-60, y+p[3]*120-60, x+p[4]*120-60, y+p[5]*120-60, x+p[6]*80-40, y+p[7]*80-40)
		}
		dc.SetColor(ggPathFills[i%4])
		dc.Fill()
	}
}

func ggStar(dc *gg.Context, _ *ggFonts, _ stdimage.Image) {
	dc.SetColor(color.NRGBA{0, 0, 128, 255})
	for i := 0; i < 1001; i++ {
		dc.LineTo(starPoint(i))
	}
	dc.ClosePath()
	dc.SetFillRuleEvenOdd()
	dc.Fill()
}

func ggDashed(dc *gg.Context, _ *ggFonts, _ stdimage.Image) {
	dc.SetLineWidth(12)
	dc.SetLineJoinRound()
	dc.SetLineCapRound()
	dc.SetDash(40, 20)
	dc.SetColor(color.NRGBA{200, 30, 30, 204})
	for i := 0; i < 200; i++ {
		x, y := float64(i%20)*96, float64(i/20)*108
		dc.MoveTo(x+10, y+10)
		dc.LineTo(x+86, y+50)
		dc.QuadraticTo(x+10, y+98, x+86, y+98)
	}
	dc.Stroke()
}

// canvasScenarios builds the canvas scenarios for every engine that is available.
func canvasScenarios(env *env) []scenario {
	photo, err := decodePhoto(env.photoPath)
	if err != nil {
		return []scenario{{group: "canvas", name: "canvas", ours: engine{name: "mediad", skip: "no photograph: " + err.Error()}}}
	}
	// Every engine gets the photograph decoded before timing starts, as a poster
	// service keeps its assets; mediad's as a canvas.Image.
	ourPhoto, err := canvas.NewImageFromImage(photo)
	if err != nil {
		return []scenario{{group: "canvas", name: "canvas", ours: engine{name: "mediad", skip: "photograph: " + err.Error()}}}
	}
	fonts, fontErr := loadGGFonts()
	var out []scenario
	for _, sc := range canvasScenes {
		var buf bytes.Buffer
		s := scenario{group: "canvas", name: sc.name, note: sc.desc}
		s.ours = engine{name: "mediad", how: "in-process", run: func() (sample, error) {
			buf.Reset()
			return timed(func() error { return runOurs(sc, ourPhoto, &buf) })
		}}
		g := engine{name: "gg", how: "in-process", run: func() (sample, error) {
			buf.Reset()
			return timed(func() error { return runGG(sc, fonts, photo, &buf) })
		}}
		if fontErr != nil {
			g.skip = "DejaVu fonts for gg: " + fontErr.Error()
		}
		s.peers = append(s.peers, g, env.node.canvasEngine(sc.name, env.photoPath), env.chromium.canvasEngine(sc.name))
		out = append(out, s)
	}
	return out
}

func decodePhoto(path string) (stdimage.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := stdimage.Decode(f)
	return img, err
}

// dumpScenes writes what mediad and gg draw for every scene, to check by eye that the
// engines do the same work.
func dumpScenes(dir, photoPath string) error {
	photo, err := decodePhoto(photoPath)
	if err != nil {
		return err
	}
	fonts, err := loadGGFonts()
	if err != nil {
		return err
	}
	ourPhoto, err := canvas.NewImageFromImage(photo)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, sc := range canvasScenes {
		sc.mime = "image/png"
		for _, e := range []struct {
			name string
			run  func(w io.Writer) error
		}{
			{"mediad", func(w io.Writer) error { return runOurs(sc, ourPhoto, w) }},
			{"gg", func(w io.Writer) error { return runGG(sc, fonts, photo, w) }},
		} {
			var buf bytes.Buffer
			if err := e.run(&buf); err != nil {
				return err
			}
			if err := os.WriteFile(fmt.Sprintf("%s/%s-%s.png", dir, sc.name, e.name), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
