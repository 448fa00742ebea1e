package text

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"sync"

	"github.com/go-text/typesetting/font"
)

// Bitmap is a colour glyph image (CBDT/sbix PNG strikes, as in Noto Color
// Emoji) with the box it covers in ems (y down, relative to the pen).
type Bitmap struct {
	Img                    *image.RGBA // premultiplied
	MinX, MinY, MaxX, MaxY float64
}

// maxBitmapSide bounds a decoded glyph image; colour emoji strikes are 136 px.
const maxBitmapSide = 1024

var bitmaps struct {
	sync.Mutex
	m     map[glyphKey]*Bitmap
	bytes int
}

// BitmapBudget bounds the decoded colour glyphs kept, in bytes of pixels.
var BitmapBudget = 32 << 20

// HasBitmaps reports whether the face has colour bitmap strikes (CBDT or
// sbix), so callers can skip the per-glyph lookup for the rest.
func (f *Face) HasBitmaps() bool { return f.hasBitmaps }

// GlyphBitmap returns the colour bitmap of gid, or nil when the glyph has
// none (or it cannot be decoded).
func GlyphBitmap(f *Face, gid font.GID) *Bitmap {
	if !f.hasBitmaps {
		return nil
	}
	k := glyphKey{f.id, gid}
	bitmaps.Lock()
	b, ok := bitmaps.m[k]
	bitmaps.Unlock()
	if ok {
		return b
	}
	b = loadBitmap(f, gid)
	bitmaps.Lock()
	if bitmaps.m == nil || bitmaps.bytes > BitmapBudget {
		bitmaps.m, bitmaps.bytes = map[glyphKey]*Bitmap{}, 0
	}
	bitmaps.m[k] = b
	if b != nil {
		bitmaps.bytes += len(b.Img.Pix)
	}
	bitmaps.Unlock()
	return b
}

func loadBitmap(f *Face, gid font.GID) (b *Bitmap) {
	defer func() {
		if recover() != nil {
			b = nil
		}
	}()
	ff, done := privateFace(f)
	defer done()
	// Ask for the largest strike; it is scaled down when drawn.
	ff.SetPpem(0xffff, 0xffff)
	g, ok := ff.GlyphDataBitmap(gid)
	if !ok || g.Format != font.PNG || g.Width <= 0 || g.Height <= 0 || g.Width > maxBitmapSide || g.Height > maxBitmapSide {
		return nil
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(g.Data))
	if err != nil || cfg.Width > maxBitmapSide || cfg.Height > maxBitmapSide || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil
	}
	src, err := png.Decode(bytes.NewReader(g.Data))
	if err != nil {
		return nil
	}
	img := image.NewRGBA(image.Rect(0, 0, cfg.Width, cfg.Height))
	draw.Draw(img, img.Rect, src, src.Bounds().Min, draw.Src)
	ext, ok := ff.GlyphExtents(gid)
	if !ok || ext.Width == 0 || ext.Height == 0 {
		return nil
	}
	s := 1 / f.upem
	x0, y0 := float64(ext.XBearing)*s, -float64(ext.YBearing)*s
	return &Bitmap{Img: img, MinX: x0, MinY: y0, MaxX: x0 + float64(ext.Width)*s, MaxY: y0 - float64(ext.Height)*s}
}
