package text

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

func colrFace(t testing.TB, version int) *Face {
	t.Helper()
	f, err := ParseFace(buildColrFont(version), 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestColorGlyphOf(t *testing.T) {
	v0, v1, bad := colrFace(t, 0), colrFace(t, 1), colrFace(t, 2)
	tests := []struct {
		name   string
		face   *Face
		r      rune
		colour bool
		fg     bool
	}{
		{"plain glyph has no colour paint", v1, 'A', false, false},
		{"v0 stack with the foreground colour", v0, 'B', true, true},
		{"v0 stack of palette colours", v0, 'C', true, false},
		{"v0 records also serve in a v1 table", v1, 'B', true, true},
		{"v1 layers with the foreground colour", v1, 'D', true, true},
		{"v1 linear gradient", v1, 'E', true, false},
		{"v1 radial gradient", v1, 'F', true, false},
		{"v1 sweep gradient", v1, 'G', true, false},
		{"v1 rotate and scale about a centre", v1, 'H', true, false},
		{"v1 PaintColrGlyph, translate, uniform scale, skew", v1, 'I', true, true},
		{"v1 composite src-in", v1, 'J', true, false},
		{"v1 composite multiply", v1, 'K', true, false},
		{"v1 nested glyph clips", v1, 'L', true, false},
		{"v1 affine transform under a ClipBox", v1, 'M', true, true},
		{"v1 repeating linear gradient", v1, 'N', true, false},
		{"v1 reflecting radial gradient", v1, 'O', true, false},
		{"v1 composite overlay", v1, 'P', true, false},
		{"supported glyph in the fallback font", bad, 'B', true, false},
		{"PaintColrGlyph cycle falls back", bad, 'D', false, false},
		{"the other half of the cycle falls back", bad, 'E', false, false},
		{"composites nested too deep fall back", bad, 'F', false, false},
		{"glyph clips nested too deep fall back", bad, 'G', false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gid, ok := tc.face.GlyphID(tc.r)
			if !ok {
				t.Fatalf("no glyph for %q", tc.r)
			}
			cg := ColorGlyphOf(tc.face, gid)
			if (cg != nil) != tc.colour {
				t.Fatalf("colour glyph = %v, want %v", cg != nil, tc.colour)
			}
			if cg == nil {
				return
			}
			if cg.Foreground != tc.fg {
				t.Errorf("Foreground = %v, want %v", cg.Foreground, tc.fg)
			}
			if !(cg.MaxX > cg.MinX && cg.MaxY > cg.MinY) {
				t.Errorf("empty bounds %v %v %v %v", cg.MinX, cg.MinY, cg.MaxX, cg.MaxY)
			}
		})
	}
	// The ClipBox (0,0)-(1000,500) bounds M although its triangle reaches
	// higher.
	gid, _ := v1.GlyphID('M')
	if cg := ColorGlyphOf(v1, gid); cg.MinY < -0.5-1e-9 || cg.MaxY > 1e-9 {
		t.Errorf("M bounds y %v..%v, want within the clip box -0.5..0", cg.MinY, cg.MaxY)
	}
}

// renderAt renders glyph r of f at size px with the pen at (0, 0) and
// returns the image and where its pixel (0, 0) lies.
func renderAt(t *testing.T, f *Face, r rune, size float64, fg color.NRGBA) (*image.RGBA, int, int) {
	t.Helper()
	gid, _ := f.GlyphID(r)
	cg := ColorGlyphOf(f, gid)
	if cg == nil {
		t.Fatalf("%q is not a colour glyph", r)
	}
	ci, fx, fy := RenderColor(cg, ColorKey{Face: f, GID: gid, FG: fg}, geom.Matrix{A: size, D: size}, image.Rectangle{})
	if ci == nil || ci.Scale != 1 {
		t.Fatalf("no image (%v)", ci)
	}
	return ci.Img, fx + ci.X, fy + ci.Y
}

// TestColrV0Pixels checks the layer stack of B at 100 px, y down, pen at the
// origin: a red square (10..90, -80..0), the foreground circle (centre
// (50, -40), radius 35) and a translucent blue triangle, source-over in
// that order.
func TestColrV0Pixels(t *testing.T) {
	f := colrFace(t, 0)
	fg := color.NRGBA{R: 0x20, G: 0x80, B: 0x20, A: 0xff}
	img, ox, oy := renderAt(t, f, 'B', 100, fg)
	at := func(x, y int) [4]uint8 {
		i := img.PixOffset(x-ox, y-oy)
		return [4]uint8(img.Pix[i : i+4])
	}
	// Blue at alpha 128 over a colour c: c×127/255 + (0, 0, 128).
	over := func(r, g, b uint8) [4]uint8 {
		m := func(v uint8) uint8 { return uint8((int(v)*127 + 127) / 255) }
		return [4]uint8{m(r), m(g), m(b) + 128, 255}
	}
	tests := []struct {
		name string
		x, y int
		want [4]uint8
		tol  int
	}{
		{"square corner: red", 12, -78, [4]uint8{255, 0, 0, 255}, 0},
		{"circle: foreground", 22, -40, [4]uint8{0x20, 0x80, 0x20, 255}, 0},
		{"triangle over circle", 50, -40, over(0x20, 0x80, 0x20), 1},
		{"triangle over square", 15, -3, over(255, 0, 0), 1},
	}
	if r := img.Rect.Add(image.Pt(ox, oy)); r != image.Rect(10, -80, 90, 0) {
		t.Errorf("image covers %v, want the square (10,-80)-(90,0)", r)
	}
	for _, tc := range tests {
		got := at(tc.x, tc.y)
		for k := range got {
			if d := int(got[k]) - int(tc.want[k]); d > tc.tol || d < -tc.tol {
				t.Errorf("%s: pixel (%d, %d) = %v, want %v", tc.name, tc.x, tc.y, got, tc.want)
				break
			}
		}
	}
}

// TestColrV1Gradients samples the gradients of E (linear, red → orange →
// blue along x with a slant) and G (sweep from 225° to 450°).
func TestColrV1Gradients(t *testing.T) {
	f := colrFace(t, 1)
	img, ox, oy := renderAt(t, f, 'E', 100, color.NRGBA{A: 255})
	px := func(x, y int) color.RGBA { return img.RGBAAt(x-ox, y-oy) }
	if c := px(11, -1); c.R < 250 || c.B > 5 {
		t.Errorf("E left end %v, want red", c)
	}
	if c := px(89, -1); c.B < 200 || c.R > 40 {
		t.Errorf("E right end %v, want blue", c)
	}
	img, ox, oy = renderAt(t, f, 'G', 100, color.NRGBA{A: 255})
	px = func(x, y int) color.RGBA { return img.RGBAAt(x-ox, y-oy) }
	polar := func(deg float64) color.RGBA {
		a := deg * math.Pi / 180
		return px(int(math.Round(50+25*math.Cos(a))), int(math.Round(-40-25*math.Sin(a))))
	}
	if c := polar(90); c != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("sweep at 90° %v, want the padded first colour (red)", c)
	}
	if c := polar(337.5); c.G < 150 || c.R > 10 {
		t.Errorf("sweep at 337.5° %v, want green (the middle stop)", c)
	}
}

// TestColrCacheIdentical: a cached render is the same image as a fresh one,
// and a different foreground colour is a different entry.
func TestColrCacheIdentical(t *testing.T) {
	f := colrFace(t, 1)
	fg := color.NRGBA{R: 10, G: 200, B: 30, A: 255}
	for _, r := range "BDEFGHIJKLMNOP" {
		a, _, _ := renderAt(t, f, r, 37, fg)
		b, _, _ := renderAt(t, f, r, 37, fg)
		ColorCache = false
		c, _, _ := renderAt(t, f, r, 37, fg)
		ColorCache = true
		if a != b {
			t.Errorf("%q: second render not served from the cache", r)
		}
		if !bytes.Equal(a.Pix, c.Pix) {
			t.Errorf("%q: cached image differs from a fresh render", r)
		}
	}
	a, _, _ := renderAt(t, f, 'B', 37, fg)
	b, _, _ := renderAt(t, f, 'B', 37, color.NRGBA{R: 200, A: 255})
	if bytes.Equal(a.Pix, b.Pix) {
		t.Error("foreground colour ignored by the cache key")
	}
}

// TestColrHugeGlyph: a glyph far larger than MaxColorPixels renders at a
// lower resolution instead of allocating without bound, and the visible
// rectangle limits the work.
func TestColrHugeGlyph(t *testing.T) {
	f := colrFace(t, 1)
	gid, _ := f.GlyphID('E')
	cg := ColorGlyphOf(f, gid)
	ci, _, _ := RenderColor(cg, ColorKey{Face: f, GID: gid}, geom.Matrix{A: 5000, D: 5000}, image.Rectangle{})
	if ci == nil || ci.Img.Rect.Dx()*ci.Img.Rect.Dy() > MaxColorPixels+2*int(math.Sqrt(MaxColorPixels))+1 || ci.Scale <= 1 {
		t.Fatalf("huge glyph: %v", ci)
	}
	vis := image.Rect(1000, -3000, 1100, -2900)
	ci, fx, fy := RenderColor(cg, ColorKey{Face: f, GID: gid}, geom.Matrix{A: 5000, D: 5000}, vis)
	if ci == nil || ci.Scale != 1 || !ci.Img.Rect.Add(image.Pt(fx+ci.X, fy+ci.Y)).Eq(vis) {
		t.Fatalf("visible part: %v at %d,%d", ci, fx, fy)
	}
}

// TestColrExpansionGuard: a COLRv1 table whose composites share their
// children (2^40 paints once expanded) is dropped before go-text parses it,
// so loading the 300-byte font is immediate and its glyphs draw as outlines.
func TestColrExpansionGuard(t *testing.T) {
	var b bytes.Buffer
	w := func(v any) { _ = binary.Write(&b, binary.BigEndian, v) }
	w(uint16(1))
	w(uint16(0))
	w(uint32(0))
	w(uint32(0))
	w(uint16(0))
	w(uint32(34)) // BaseGlyphList
	b.Write(make([]byte, 16))
	w(uint32(1))
	w(uint16(tgOf('B')))
	w(uint32(10))
	for i := 0; i < 40; i++ {
		b.Write([]byte{32, 0, 0, 8, 3, 0, 0, 8}) // source and backdrop: the next paint
	}
	b.Write([]byte{2, 0, 0, 0x40, 0})
	if colrExpansionOK(b.Bytes()) {
		t.Fatal("the shared composite chain passes the guard")
	}
	tables := colrTables(0)
	tables["COLR"] = b.Bytes()
	f, err := ParseFace(assembleSfnt(tables), 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.HasColorGlyphs() {
		t.Error("the COLR table was kept")
	}
	if !colrExpansionOK(colrTables(1)["COLR"]) || !colrFace(t, 1).HasColorGlyphs() {
		t.Error("the test font's COLR table is refused")
	}
}

// FuzzColrTables feeds arbitrary COLR and CPAL tables, in a font that is
// otherwise the COLRv1 test font, through loading, compiling and rendering
// every glyph: nothing may panic or hang.
func FuzzColrTables(f *testing.F) {
	for _, v := range []int{0, 1, 2} {
		tb := colrTables(v)
		f.Add(tb["COLR"], tb["CPAL"])
	}
	f.Fuzz(func(t *testing.T, colr, cpal []byte) {
		tables := colrTables(1)
		tables["COLR"], tables["CPAL"] = colr, cpal
		face, err := ParseFace(assembleSfnt(tables), 0)
		if err != nil {
			return
		}
		for gid := font.GID(0); gid < tgFirstMap+colrLastChar-'A'+1; gid++ {
			cg := ColorGlyphOf(face, gid)
			if cg == nil {
				continue
			}
			for _, m := range []geom.Matrix{{A: 24, D: 24, E: 3.3, F: 20}, {A: 20, B: 8, C: -8, D: 20}} {
				RenderColor(cg, ColorKey{Face: face, GID: gid, FG: color.NRGBA{A: 255}}, m, image.Rect(-50, -50, 100, 100))
			}
		}
	})
}

// TestColrCacheBudget: the cached images stay within ColorBudget while
// glyphs of many sizes are drawn, and the latest glyph is still cached once
// the budget is full (it takes its slot over).
func TestColrCacheBudget(t *testing.T) {
	defer func(b int64) { ColorBudget = b }(ColorBudget)
	ColorBudget = colorBytes.Load() + 64<<10
	f := colrFace(t, 1)
	gid, _ := f.GlyphID('E')
	cg := ColorGlyphOf(f, gid)
	for size := 20.0; size < 120; size += 0.5 {
		m := geom.Matrix{A: size, D: size}
		a, _, _ := RenderColor(cg, ColorKey{Face: f, GID: gid}, m, image.Rectangle{})
		if n := colorBytes.Load(); n > ColorBudget {
			t.Fatalf("cache holds %d bytes, budget %d", n, ColorBudget)
		}
		if size > 100 {
			if b, _, _ := RenderColor(cg, ColorKey{Face: f, GID: gid}, m, image.Rectangle{}); a != b {
				t.Fatalf("size %v not cached after the budget filled", size)
			}
		}
	}
}
