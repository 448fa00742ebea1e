package legacy

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec"
)

// recordPoster records a share poster in CSS pixels (360×640, drawn at pixel
// ratio 3 for 1080×1920): gradient background, shadowed rounded card, a
// patterned "photo", circular avatar, title, body and price text, a price
// tag and a QR-like block grid.
func recordPoster(c *CanvasContext) {
	bg := c.CreateLinearGradient(0, 0, 360, 640)
	bg.AddColorStop(0, "#ff9a9e")
	bg.AddColorStop(0.6, "#fecfef")
	bg.AddColorStop(1, "#a18cd1")
	c.SetFillStyle(bg)
	c.FillRect(0, 0, 360, 640)

	// Card with a soft shadow.
	roundRect := func(x, y, w, h, r float64) {
		c.BeginPath()
		c.MoveTo(x+r, y)
		c.ArcTo(x+w, y, x+w, y+h, r)
		c.ArcTo(x+w, y+h, x, y+h, r)
		c.ArcTo(x, y+h, x, y, r)
		c.ArcTo(x, y, x+w, y, r)
		c.ClosePath()
	}
	c.Save()
	c.SetShadow(0, 6, 18, "rgba(0, 0, 0, 0.25)")
	c.SetFillStyle("#ffffff")
	roundRect(20, 40, 320, 560, 16)
	c.Fill()
	c.Restore()

	// The photo area: clipped tiles standing in for a picture.
	c.Save()
	roundRect(36, 56, 288, 288, 10)
	c.Clip()
	c.SetFillStyle(c.CreatePattern("/img/tile.png", "repeat"))
	c.Scale(6, 6)
	c.FillRect(0, 0, 60, 60)
	c.Restore()
	vignette := c.CreateCircularGradient(180, 200, 200)
	vignette.AddColorStop(0, "rgba(0,0,0,0)")
	vignette.AddColorStop(1, "rgba(0,0,0,0.35)")
	c.Save()
	roundRect(36, 56, 288, 288, 10)
	c.Clip()
	c.SetFillStyle(vignette)
	c.FillRect(36, 56, 288, 288)
	c.Restore()

	// Avatar: a circle with a ring.
	c.Save()
	c.BeginPath()
	c.Arc(72, 392, 26, 0, 2*math.Pi, false)
	c.Clip()
	av := c.CreateLinearGradient(46, 366, 98, 418)
	av.AddColorStop(0, "#4facfe")
	av.AddColorStop(1, "#00f2fe")
	c.SetFillStyle(av)
	c.FillRect(46, 366, 52, 52)
	c.Restore()
	c.SetStrokeStyle("#ffd666")
	c.SetLineWidth(3)
	c.BeginPath()
	c.Arc(72, 392, 26, 0, 2*math.Pi, false)
	c.Stroke()

	// Title, subtitle and body text, then a dashed divider.
	c.SetFillStyle("#222222")
	c.SetFont("bold 20px GoPoster")
	c.FillText("Autumn Collection", 110, 386)
	c.SetFont("13px GoPoster")
	c.SetFillStyle("#666666")
	c.FillText("Limited edition, free shipping", 110, 408)
	for i := 0; i < 5; i++ {
		c.FillText("Soft wool blend, relaxed fit, two colours.", 36, 450+float64(i)*18, 196)
	}
	c.SetStrokeStyle("#dddddd")
	c.SetLineWidth(1)
	c.SetLineDash([]float64{4, 3}, 0)
	c.BeginPath()
	c.MoveTo(36, 545)
	c.LineTo(236, 545)
	c.Stroke()
	c.SetLineDash(nil, 0)

	// Price tag.
	c.SetFillStyle("#ff4d4f")
	roundRect(36, 556, 110, 32, 16)
	c.Fill()
	c.SetFillStyle("#ffffff")
	c.SetFont("bold 18px GoPoster")
	c.SetTextAlign("center")
	c.SetTextBaseline("middle")
	c.FillText("$ 299", 91, 572)
	c.SetStrokeStyle("rgba(255,255,255,0.6)")
	c.SetLineWidth(0.5)
	c.StrokeText("$ 299", 91, 572)

	// QR-like code.
	c.SetFillStyle("#111111")
	c.BeginPath()
	seed := uint32(7)
	for y := 0; y < 21; y++ {
		for x := 0; x < 21; x++ {
			seed = seed*1664525 + 1013904223
			finder := (x < 7 && y < 7) || (x > 13 && y < 7) || (x < 7 && y > 13)
			if finder || seed>>28&1 == 1 {
				c.Rect(250+float64(x)*3.4, 520+float64(y)*3.4, 3.4, 3.4)
			}
		}
	}
	c.Fill()
}

func posterActions() []Action {
	c := NewCanvasContext(nil, ContextOptions{})
	recordPoster(c)
	return c.Actions()
}

// registerTestFonts registers the Go fonts (they ship with golang.org/x/image,
// so the tests need no font files and do not depend on installed fonts).
var registerTestFonts = sync.OnceValue(func() error {
	if err := canvas.RegisterFont("GoPoster", goregular.TTF, canvas.FontDescriptors{}); err != nil {
		return err
	}
	return canvas.RegisterFont("GoPoster", gobold.TTF, canvas.FontDescriptors{Weight: "bold"})
})

func setupFonts(t testing.TB) {
	t.Helper()
	if err := registerTestFonts(); err != nil {
		t.Fatal(err)
	}
}

// Golden tolerance: a pixel counts as different when a premultiplied channel
// differs by more than goldenTol; up to goldenFrac of the pixels may differ
// (room for floating-point differences between machines, nothing more).
const (
	goldenTol  = 2
	goldenFrac = 0.001
)

// TestGoldenPoster renders the poster through JSON at pixel ratio 1 and
// compares it with testdata/poster.png (regenerate with MAKE_REF=1).
func TestGoldenPoster(t *testing.T) {
	setupFonts(t)
	js, err := Marshal(posterActions())
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Unmarshal(js)
	if err != nil {
		t.Fatal(err)
	}
	cv, err := Render(acts, RenderOptions{Width: 360, Height: 640, Images: testImages})
	if err != nil {
		t.Fatal(err)
	}
	got := cv.RGBA()
	path := filepath.Join("testdata", "poster.png")
	if os.Getenv("MAKE_REF") != "" {
		var buf bytes.Buffer
		if err := codec.Encode(&buf, got, codec.PNG, codec.EncodeOptions{PNGLevel: codec.PNGBest}); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run GoldenPoster ./canvas/legacy)", err)
	}
	ref, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := image.NewRGBA(ref.Bounds())
	draw.Draw(want, want.Rect, ref, ref.Bounds().Min, draw.Src)
	if want.Rect != got.Rect {
		t.Fatalf("size %v, want %v", got.Rect, want.Rect)
	}
	bad, maxd := 0, 0
	diff := image.NewRGBA(got.Rect)
	for i := 0; i < len(got.Pix); i += 4 {
		d := 0
		for k := 0; k < 4; k++ {
			d = max(d, abs(int(got.Pix[i+k])-int(want.Pix[i+k])))
		}
		maxd = max(maxd, d)
		if d > goldenTol {
			bad++
			copy(diff.Pix[i:i+4], []uint8{255, 0, 0, 255})
		}
	}
	if float64(bad) > goldenFrac*float64(len(got.Pix)/4) {
		strip := image.NewRGBA(image.Rect(0, 0, 3*got.Rect.Dx(), got.Rect.Dy()))
		draw.Draw(strip, strip.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
		for i, img := range []*image.RGBA{want, got, diff} {
			draw.Draw(strip, got.Rect.Add(image.Pt(i*got.Rect.Dx(), 0)), img, image.Point{}, draw.Over)
		}
		out := filepath.Join("testdata", "failed", "poster.png")
		_ = os.MkdirAll(filepath.Dir(out), 0o755)
		var buf bytes.Buffer
		_ = png.Encode(&buf, strip)
		_ = os.WriteFile(out, buf.Bytes(), 0o644)
		t.Fatalf("%d pixels differ by more than %d (max %d); expected|actual|diff in %s", bad, goldenTol, maxd, out)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// BenchmarkPosterRenderPNG renders the poster at 1080×1920 from its action
// list and encodes it as PNG, as POST /v1/canvas/render does.
func BenchmarkPosterRenderPNG(b *testing.B) {
	setupFonts(b)
	acts := posterActions()
	opts := RenderOptions{Width: 360, Height: 640, PixelRatio: 3, Images: testImages}
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		cv, err := Render(acts, opts)
		if err != nil {
			b.Fatal(err)
		}
		p, err := CanvasToTempFilePath(cv, ExportOptions{PixelRatio: 3}, dir)
		if err != nil {
			b.Fatal(err)
		}
		os.Remove(p)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posters/s")
	b.ReportMetric(float64(b.N*1080*1920)/1e6/b.Elapsed().Seconds(), "MPix/s")
}

// BenchmarkPosterRender is the render alone.
func BenchmarkPosterRender(b *testing.B) {
	setupFonts(b)
	acts := posterActions()
	opts := RenderOptions{Width: 360, Height: 640, PixelRatio: 3, Images: testImages}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(acts, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*1080*1920)/1e6/b.Elapsed().Seconds(), "MPix/s")
}

// BenchmarkUnmarshal parses the poster's JSON.
func BenchmarkUnmarshal(b *testing.B) {
	js, err := Marshal(posterActions())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(js)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Unmarshal(js); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(posterActions()))/b.Elapsed().Seconds(), "actions/s")
}

// TestConcurrentRender: one parsed action list rendered by several requests
// at once gives the same pixels each time (run with -race).
func TestConcurrentRender(t *testing.T) {
	setupFonts(t)
	acts := posterActions()
	opts := RenderOptions{Width: 180, Height: 320, Images: testImages}
	want, err := Render(acts, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			cv, err := Render(acts, opts)
			if err == nil && !bytes.Equal(cv.RGBA().Pix, want.RGBA().Pix) {
				err = errors.New("concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
