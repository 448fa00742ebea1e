package canvas

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"

	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/paint"
	"github.com/seed92233726/mediad/canvas/internal/raster"
	"github.com/seed92233726/mediad/canvas/internal/text"
)

// TextMetrics is the result of measureText, with every field of the HTML
// TextMetrics interface. Distances are in CSS px of the current font (the
// transform does not apply), relative to the textAlign anchor and the
// textBaseline, as in the browser.
type TextMetrics struct {
	Width                    float64
	ActualBoundingBoxLeft    float64
	ActualBoundingBoxRight   float64
	FontBoundingBoxAscent    float64
	FontBoundingBoxDescent   float64
	ActualBoundingBoxAscent  float64
	ActualBoundingBoxDescent float64
	EmHeightAscent           float64
	EmHeightDescent          float64
	HangingBaseline          float64
	AlphabeticBaseline       float64
	IdeographicBaseline      float64
}

// MaxFontSize bounds the font size text is drawn at; larger sizes draw and
// measure nothing (a browser would too, practically: the glyphs would be far
// larger than any canvas).
const MaxFontSize = 1 << 14

// fontCache keeps parsed ctx.font strings (the state stores the serialised
// form) with their font query, so a draw call does no parsing.
var fontCache struct {
	sync.RWMutex
	m map[string]*fontEntry
}

type fontEntry struct {
	font Font
	q    text.Query // Aspect.Stretch filled per call from fontStretch
}

func parsedFont(s string) Font { return fontEntryOf(s).font }

func fontEntryOf(s string) *fontEntry {
	fontCache.RLock()
	e := fontCache.m[s]
	fontCache.RUnlock()
	if e != nil {
		return e
	}
	f, ok := ParseFont(s)
	if !ok {
		f, _ = ParseFont("10px sans-serif")
	}
	e = &fontEntry{font: f}
	e.q.Aspect = font.Aspect{Style: font.StyleNormal, Weight: font.Weight(f.Weight), Stretch: 1}
	if f.Style == "italic" {
		e.q.Aspect.Style = font.StyleItalic
	}
	for _, fam := range f.Family {
		e.q.Families = append(e.q.Families, text.Family{Name: fam.Name, Generic: fam.IsGeneric()})
	}
	e.q.Key = text.QueryKey(e.q)
	fontCache.Lock()
	if fontCache.m == nil || len(fontCache.m) > 1024 {
		fontCache.m = map[string]*fontEntry{}
	}
	fontCache.m[s] = e
	fontCache.Unlock()
	return e
}

// setFontCache keeps what SetFont makes of a font string (also of strings
// that do not parse): scripts set ctx.font before every line, mostly to a
// handful of values, and parsing plus serialising cost ~8 allocations each.
// It is bounded like fontCache.
var setFontCache struct {
	sync.RWMutex
	m map[string]setFontResult
}

type setFontResult struct {
	ok                     bool
	font, stretch, variant string // serialised font, fontStretch, fontVariantCaps
}

func setFontOf(v string) setFontResult {
	setFontCache.RLock()
	r, hit := setFontCache.m[v]
	setFontCache.RUnlock()
	if hit {
		return r
	}
	if f, ok := ParseFont(v); ok {
		r = setFontResult{ok: true, font: f.String(), stretch: f.Stretch, variant: f.Variant}
	}
	if len(v) > 1024 {
		return r // ParseFont refuses those anyway; do not keep long keys
	}
	setFontCache.Lock()
	if setFontCache.m == nil || len(setFontCache.m) > 1024 {
		setFontCache.m = map[string]setFontResult{}
	}
	setFontCache.m[v] = r
	setFontCache.Unlock()
	return r
}

// textSetup is the shaping input of the current state.
type textSetup struct {
	res   *text.Resolver
	style text.Style
	size  float64
}

func (c *Context2D) textSetup() (textSetup, bool) {
	e := fontEntryOf(c.st.text.font)
	f := e.font
	size := f.Size
	if !(size > 0) || size > MaxFontSize {
		return textSetup{}, false
	}
	q := e.q
	if s, ok := stretchValues[c.st.text.fontStretch]; ok && s != 1 {
		q.Aspect.Stretch = s
		q.Key = ""
	}
	st := text.Style{
		Size:          size,
		LetterSpacing: spacingPx(c.st.text.letterSpacing, size),
		WordSpacing:   spacingPx(c.st.text.wordSpacing, size),
		NoKerning:     c.st.text.fontKerning == "none",
		NoLigatures:   c.st.text.textRendering == "optimizeSpeed",
		SmallCaps:     c.st.text.fontVariantCaps == "small-caps" || f.Variant == "small-caps",
		RTL:           c.st.text.direction == "rtl",
		Lang:          c.st.text.lang,
	}
	return textSetup{res: c.canvas.registry().Resolver(q), style: st, size: size}, true
}

// spacingPx resolves a serialised letterSpacing/wordSpacing length.
func spacingPx(v string, size float64) float64 {
	if v == "0px" {
		return 0 // the default, on every draw and measure: skip the parsing
	}
	num, unit := splitNumber(v)
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !finite(f) {
		return 0
	}
	switch strings.ToLower(unit) {
	case "em":
		return f * size
	case "rem":
		return f * 16
	case "ex", "ch":
		return f * size / 2
	}
	return f * lengthUnits[strings.ToLower(unit)]
}

// lineMetrics are the primary font's metrics at the current size, rounded as
// Chromium rounds them.
type lineMetrics struct {
	ascent, descent     float64 // rounded font ascent/descent (fontBoundingBox)
	emAscent, emDescent float64 // normalised typo ascent/descent (em height)
	hanging, ideo       float64 // hanging and ideographic baselines above the alphabetic one
}

func metricsOf(face *text.Face, size float64) lineMetrics {
	var m lineMetrics
	if face == nil {
		return m
	}
	a, d := face.Ascent*size, face.Descent*size
	m.ascent, m.descent = math.Round(a), math.Round(d)
	m.hanging, m.ideo = m.ascent*0.8, -m.descent
	if face.HasHanging {
		m.hanging = face.Hanging * size
	}
	if face.HasIdeographic {
		m.ideo = face.Ideographic * size
	}
	ta, td := face.TypoAscent, face.TypoDescent
	if !face.HasTypo || ta <= 0 || ta+td <= 0 {
		ta, td = m.ascent/size, m.descent/size
	}
	// NormalizeEmHeight: the typo ascent scaled so ascent + descent is the em,
	// in LayoutUnits (1/64 px).
	lu := func(v float64) float64 { return math.Round(v*64) / 64 }
	m.emAscent = lu(ta / (ta + td) * size)
	m.emDescent = lu(size) - m.emAscent
	return m
}

// baselineOffset is the position of the textBaseline above the alphabetic
// baseline, in px.
func (m lineMetrics) baselineOffset(baseline string) float64 {
	switch baseline {
	case "top":
		return m.emAscent
	case "hanging":
		return m.hanging
	case "middle":
		return (m.emAscent - m.emDescent) / 2
	case "ideographic":
		return m.ideo
	case "bottom":
		return -m.emDescent
	}
	return 0
}

// alignOffset is how far left of the anchor the line starts, in px.
func (c *Context2D) alignOffset(width float64) float64 {
	rtl := c.st.text.direction == "rtl"
	switch c.st.text.textAlign {
	case "center":
		return width / 2
	case "right":
		return width
	case "start":
		if rtl {
			return width
		}
	case "end":
		if !rtl {
			return width
		}
	}
	return 0
}

// EmHeight returns the em box of the current font above and below the
// current textBaseline (the emHeightAscent/Descent of the HTML spec, which
// Chromium's measureText leaves at 0).
func (c *Context2D) EmHeight() (ascent, descent float64) {
	ts, ok := c.textSetup()
	if !ok {
		return 0, 0
	}
	m := metricsOf(ts.res.Primary().Face, ts.size)
	by := m.baselineOffset(c.st.text.textBaseline)
	return m.emAscent - by, m.emDescent + by
}

// inkBounds is the union of the glyphs' boxes in px, relative to the line's
// left end on the alphabetic baseline (y down). Each glyph's box is rounded
// out to whole pixels about its pen position, as Skia's glyph bounds are.
func inkBounds(line *text.Line) (minX, minY, maxX, maxY float64, ok bool) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	for i := range line.Runs {
		r := &line.Runs[i]
		for _, g := range r.Glyphs {
			o := glyphOutline(r, g, line.Size)
			if o.Empty {
				if b := text.GlyphBitmap(r.Face, g.ID); b != nil {
					o = &text.Outline{MinX: b.MinX, MinY: b.MinY, MaxX: b.MaxX, MaxY: b.MaxY}
				} else {
					continue
				}
			}
			s := line.Size
			x0, x1 := o.MinX*s, o.MaxX*s
			if r.SynthItalic {
				x0 += -syntheticSkew * o.MaxY * s
				x1 += -syntheticSkew * o.MinY * s
			}
			minX = math.Min(minX, g.X+math.Floor(x0))
			maxX = math.Max(maxX, g.X+math.Ceil(x1))
			minY = math.Min(minY, g.Y+math.Floor(o.MinY*s))
			maxY = math.Max(maxY, g.Y+math.Ceil(o.MaxY*s))
			ok = true
		}
	}
	return
}

// glyphOutline is the glyph's outline, grown for synthetic bold when the
// family has no bold face (as Chromium's fake bold does).
func glyphOutline(r *text.Run, g text.Glyph, size float64) *text.Outline {
	if r.SynthBold {
		return text.BoldOutline(r.Face, g.ID, text.FakeBoldRatio(size))
	}
	return text.GlyphOutline(r.Face, g.ID)
}

// syntheticSkew is the horizontal shear of synthesised italics (Skia's fake
// italic skews by a quarter).
const syntheticSkew = -0.25

// FillText draws text with fillStyle at (x, y) per textAlign and textBaseline.
// With maxWidth, text wider than it is condensed horizontally to fit; a
// maxWidth that is zero, negative or not finite draws nothing.
func (c *Context2D) FillText(s string, x, y float64, maxWidth ...float64) {
	c.drawText(s, x, y, maxWidth, false)
}

// StrokeText strokes the outlines of text with strokeStyle and the line state.
func (c *Context2D) StrokeText(s string, x, y float64, maxWidth ...float64) {
	c.drawText(s, x, y, maxWidth, true)
}

func (c *Context2D) drawText(s string, x, y float64, maxWidth []float64, stroke bool) {
	if !finite(x, y) || s == "" {
		return
	}
	mw := math.Inf(1)
	if len(maxWidth) > 0 {
		mw = maxWidth[0]
		if math.IsNaN(mw) || mw <= 0 || math.IsInf(mw, -1) {
			return
		}
	}
	if !c.st.ctm.Invertible() || c.clipRect().Empty() {
		return
	}
	ts, ok := c.textSetup()
	if !ok {
		return
	}
	// The line lives only for this call, so its glyphs and runs go into
	// pooled storage instead of being allocated per call.
	buf := measureBufs.Get().(*text.LineBuf)
	defer measureBufs.Put(buf)
	line := text.ShapeBuf(s, ts.res, ts.style, buf)
	if len(line.Runs) == 0 {
		return
	}
	m := metricsOf(line.Primary.Face, ts.size)
	sx := 1.0
	if line.Width > mw {
		sx = mw / line.Width
	}
	ox := x - c.alignOffset(line.Width)*sx
	oy := y + m.baselineOffset(c.st.text.textBaseline)
	// The line's transform: user space, then condensing about the line start.
	lm := c.st.ctm.Mul(geom.Matrix{A: sx, D: 1, E: ox, F: oy})
	if lm.B == 0 && lm.C == 0 {
		// Chromium puts glyphs at sub-pixel x but snaps the baseline to a
		// whole device pixel.
		lm.F = math.Round(lm.F)
	}
	c.work.Reset()
	if !stroke && c.maskable(lm) {
		// Glyph coverage masks from the shared cache, composited one by
		// one as Skia does; glyphs a mask cannot express go to c.work.
		c.fillGlyphMasks(&c.work, &line, lm)
	} else {
		c.appendGlyphs(&c.work, &line, lm)
	}
	if !c.work.Empty() {
		if stroke {
			c.strokeDevice(&c.work)
		} else {
			c.fillDevice(&c.work, raster.NonZero, &c.st.fill)
		}
	}
	c.drawBitmapGlyphs(&line, lm)
	c.drawColorGlyphs(&line, lm, stroke)
}

// hasColorGlyph reports whether g is drawn from the face's COLR table (and
// so not as an outline).
func hasColorGlyph(r *text.Run, g text.Glyph) bool {
	return r.Face.HasColorGlyphs() && text.ColorGlyphOf(r.Face, g.ID) != nil
}

// drawColorGlyphs paints COLR glyphs: each is rendered (or found in the
// cache) as an image at its device transform, then drawn like the bitmap
// glyphs above, so clip, shadow and compositing apply to the glyph as a
// whole. As in Chromium, strokeText draws them filled too, and the paint of
// the call (fillStyle or strokeStyle) decides two things: its colour is the
// foreground of palette index 0xFFFF (opaque black for a gradient or
// pattern: Skia's paint colour under a shader), and its alpha times
// globalAlpha fades the whole glyph, foreground layers included, so those
// fade twice (all measured against Chromium).
func (c *Context2D) drawColorGlyphs(line *text.Line, lm geom.Matrix, stroke bool) {
	size := line.Size
	var vis image.Rectangle
	if !c.shadowActive() {
		vis = c.clipRect()
	}
	st := &c.st.fill
	if stroke {
		st = &c.st.stroke
	}
	fg := st.color
	if st.gradient != nil || st.pattern != nil {
		fg = color.NRGBA{A: 255}
	}
	alpha := float64(fg.A) / 255 * c.st.globalAlpha
	fg.A = uint8(math.Round(alpha * 255))
	var pat glyphPattern
	defer pat.release()
	for i := range line.Runs {
		r := &line.Runs[i]
		if !r.Face.HasColorGlyphs() {
			continue
		}
		for _, g := range r.Glyphs {
			cg := text.ColorGlyphOf(r.Face, g.ID)
			if cg == nil {
				continue
			}
			gm := lm.Mul(geom.Matrix{A: size, D: size, E: g.X, F: g.Y})
			if r.SynthItalic {
				gm = gm.Mul(geom.Matrix{A: 1, D: 1, C: syntheticSkew})
			}
			// Chromium puts colour glyph images at the whole device pixel
			// below the pen, without sub-pixel positioning (measured on
			// x = 320.3 + 15.5k and on rotated text).
			gm.E, gm.F = math.Floor(gm.E), math.Floor(gm.F)
			ci, fx, fy := text.RenderColor(cg, text.ColorKey{Face: r.Face, GID: g.ID, FG: fg}, gm, vis)
			if ci == nil {
				continue
			}
			place := geom.Matrix{A: ci.Scale, D: ci.Scale, E: float64(fx + ci.X), F: float64(fy + ci.Y)}
			src := source{shader: pat.reset(ci.Img, place, paint.Bilinear),
				alpha: uint32(math.Round(alpha * 65536)), image: true}
			c.work.Reset()
			c.work.Rect(0, 0, float64(ci.Img.Rect.Dx()), float64(ci.Img.Rect.Dy()), place)
			if c.shadowActive() {
				c.drawShadow(&c.work, raster.NonZero, src)
			}
			c.compositePath(&c.work, raster.NonZero, src, c.st.op)
		}
	}
}

// colorPatterns recycles the shaders colour glyph images are drawn with.
var colorPatterns = sync.Pool{New: func() any { return new(paint.Pattern) }}

// glyphPattern is the one no-repeat pattern shader a text draw sets up again
// for each colour glyph's image and place: each glyph is drawn to the end
// before the next, so none outlives its draw, and cached glyphs allocate
// nothing.
type glyphPattern struct{ p *paint.Pattern }

func (g *glyphPattern) reset(img *image.RGBA, m geom.Matrix, f paint.Filter) *paint.Pattern {
	if g.p == nil {
		g.p = colorPatterns.Get().(*paint.Pattern)
	}
	return paint.ResetPattern(g.p, img, paint.NoRepeat, m, f)
}

// release drops the last glyph image and returns the shader to the pool.
func (g *glyphPattern) release() {
	if g.p != nil {
		paint.ResetPattern(g.p, nil, paint.NoRepeat, geom.Matrix{}, paint.Bilinear)
		colorPatterns.Put(g.p)
	}
}

// drawBitmapGlyphs paints colour glyphs (emoji) in their own colours, through
// a pattern so that globalAlpha, clip, shadow and compositing apply as for
// any fill. Chromium draws them for strokeText too.
func (c *Context2D) drawBitmapGlyphs(line *text.Line, lm geom.Matrix) {
	inv, ok := c.st.ctm.Invert()
	if !ok || c.clipRect().Empty() {
		return
	}
	user := inv.Mul(lm) // line space to user space, baseline snapping included
	size := line.Size
	// Each glyph is filled as a no-repeat pattern of its image would be
	// (the same matrices, filter and alpha), through one recycled shader.
	var pat glyphPattern
	defer pat.release()
	for i := range line.Runs {
		r := &line.Runs[i]
		if !r.Face.HasBitmaps() {
			continue
		}
		for _, g := range r.Glyphs {
			b := text.GlyphBitmap(r.Face, g.ID)
			if b == nil || hasColorGlyph(r, g) {
				// A glyph with both a bitmap and a COLR paint is drawn from
				// COLR only, as Chromium does.
				continue
			}
			w, h := float64(b.Img.Rect.Dx()), float64(b.Img.Rect.Dy())
			place := geom.Matrix{A: size * (b.MaxX - b.MinX) / w, D: size * (b.MaxY - b.MinY) / h,
				E: g.X + size*b.MinX, F: g.Y + size*b.MinY}
			c.work.Reset()
			c.work.Rect(0, 0, w, h, lm.Mul(place))
			if c.work.Empty() {
				continue
			}
			src := source{shader: pat.reset(b.Img, c.st.ctm.Mul(user.Mul(place)), c.filter()),
				alpha: uint32(math.Round(c.st.globalAlpha * 65536)), image: true}
			if c.shadowActive() {
				c.drawShadow(&c.work, raster.NonZero, src)
			}
			c.compositePath(&c.work, raster.NonZero, src, c.st.op)
		}
	}
}

// maskable reports whether fillText can composite cached glyph masks: an
// upright transform with positive scale, and no shadow, filter or operator
// that also changes pixels outside the glyphs (those need the whole shape).
func (c *Context2D) maskable(lm geom.Matrix) bool {
	return lm.B == 0 && lm.C == 0 && lm.A > 0 && lm.D > 0 && !c.shadowActive() && !c.st.op.ClearsOutsideShape()
}

// fillGlyphMasks composites the fill style through each glyph's cached
// coverage mask, through the clip, with the current operator, as the span
// painter composites a rasterized path. Glyphs at a fractional baseline
// (marks moved vertically), synthetic italics and glyphs too large for a mask
// are added to dst as outlines instead.
func (c *Context2D) fillGlyphMasks(dst *geom.Path, line *text.Line, lm geom.Matrix) {
	clip := c.clipRect()
	c.painter.set(c.canvas.img, c.st.clip, c.st.op, c.sourceOf(&c.st.fill))
	size := line.Size
	key := text.MaskKey{SX: lm.A * size, SY: lm.D * size}
	for i := range line.Runs {
		r := &line.Runs[i]
		for _, g := range r.Glyphs {
			o := glyphOutline(r, g, size)
			if o.Empty || hasColorGlyph(r, g) {
				continue
			}
			gm := lm.Mul(geom.Matrix{A: size, D: size, E: g.X, F: g.Y})
			if r.SynthItalic {
				dst.Append(&o.Path, gm.Mul(geom.Matrix{A: 1, D: 1, C: syntheticSkew}))
				continue
			}
			x0, x1 := gm.A*o.MinX+gm.E, gm.A*o.MaxX+gm.E
			y0, y1 := gm.D*o.MinY+gm.F, gm.D*o.MaxY+gm.F
			if x1 < float64(clip.Min.X) || x0 > float64(clip.Max.X) || y1 < float64(clip.Min.Y) || y0 > float64(clip.Max.Y) {
				continue
			}
			if gm.F != math.Floor(gm.F) {
				dst.Append(&o.Path, gm)
				continue
			}
			// The pen snaps to the nearest 1/MaskPhases pixel.
			fx := math.Floor(gm.E)
			ph := math.Round((gm.E - fx) * text.MaskPhases)
			if ph == text.MaskPhases {
				fx, ph = fx+1, 0
			}
			key.Face, key.GID, key.Bold, key.Phase = r.Face, g.ID, r.SynthBold, uint8(ph)
			m := text.MaskOf(key, o, &c.rast, &c.shape)
			if m == nil {
				dst.Append(&o.Path, gm)
				continue
			}
			ox, oy := int(fx)+m.Rect.Min.X, int(gm.F)+m.Rect.Min.Y
			w := m.Rect.Dx()
			for row := range m.Lo {
				y := oy + row
				if y < clip.Min.Y || y >= clip.Max.Y {
					continue
				}
				lo, hi := ox+int(m.Lo[row]), ox+int(m.Hi[row])
				lo, hi = max(lo, clip.Min.X), min(hi, clip.Max.X)
				if lo >= hi {
					continue
				}
				c.painter.fn(y, lo, m.Pix[row*w+lo-ox:row*w+hi-ox])
			}
		}
	}
}

// appendGlyphs adds the outlines of line, placed by lm, to dst. Glyphs wholly
// outside the clip are skipped when the transform keeps axes (the common
// case), which keeps long off-canvas strings cheap.
func (c *Context2D) appendGlyphs(dst *geom.Path, line *text.Line, lm geom.Matrix) {
	clip := c.clipRect()
	axis := lm.B == 0 && lm.C == 0 && !c.shadowActive()
	size := line.Size
	for i := range line.Runs {
		r := &line.Runs[i]
		for _, g := range r.Glyphs {
			o := glyphOutline(r, g, size)
			if o.Empty || hasColorGlyph(r, g) {
				continue
			}
			gm := lm.Mul(geom.Matrix{A: size, D: size, E: g.X, F: g.Y})
			if r.SynthItalic {
				gm = gm.Mul(geom.Matrix{A: 1, D: 1, C: syntheticSkew})
			}
			if axis && !r.SynthItalic {
				x0, x1 := gm.A*o.MinX+gm.E, gm.A*o.MaxX+gm.E
				y0, y1 := gm.D*o.MinY+gm.F, gm.D*o.MaxY+gm.F
				if math.Max(x0, x1) < float64(clip.Min.X) || math.Min(x0, x1) > float64(clip.Max.X) ||
					math.Max(y0, y1) < float64(clip.Min.Y) || math.Min(y0, y1) > float64(clip.Max.Y) {
					continue
				}
			}
			dst.Append(&o.Path, gm)
		}
	}
}

// TextBox describes a box to lay text out in with FillTextBox or LayoutText:
// a non-standard helper, because every poster generator needs it and the
// canvas API has no line breaking.
type TextBox struct {
	// Width is the box width in px; lines are broken to fit it (UAX #14 with
	// Chinese/Japanese rules: no line starts with closing punctuation, none
	// ends with an opening bracket). Zero or less: break only at newlines.
	Width float64
	// MaxLines > 0 limits the lines; the last one then ends with Ellipsis
	// when text was cut.
	MaxLines int
	// Height > 0 also limits the lines to those whose line box fits.
	Height float64
	// LineHeight is the distance between baselines in px; zero means CSS
	// "normal" (the font's ascent + descent + line gap), a value below 8 is
	// taken as a multiple of the font size (1.5 → 1.5 × size).
	LineHeight float64
	// Align is "left", "right", "center", "start" or "end"; empty uses textAlign.
	Align string
	// Ellipsis ends a truncated last line; empty means "…". Use NoEllipsis to cut
	// without one.
	Ellipsis string
	// NoEllipsis cuts a truncated last line without any mark.
	NoEllipsis bool
}

// TextBoxLine is one laid out line: its text, advance width and where it is
// drawn (X is the line's left end, Y its alphabetic baseline).
type TextBoxLine struct {
	Text  string
	Width float64
	X, Y  float64
}

// TextBoxResult is the outcome of a layout.
type TextBoxResult struct {
	Lines     []TextBoxLine
	Height    float64 // lines × line height
	Truncated bool    // text was left out (MaxLines or Height)
}

// LayoutText breaks s into lines for a box whose top-left corner is (x, y),
// using the current font, spacing and direction, without drawing.
func (c *Context2D) LayoutText(s string, x, y float64, box TextBox) TextBoxResult {
	var res TextBoxResult
	ts, ok := c.textSetup()
	if !ok || !finite(x, y) {
		return res
	}
	runes := []rune(s)
	if len(runes) > text.MaxRunes {
		runes = runes[:text.MaxRunes]
		res.Truncated = true
	}
	flat := make([]rune, len(runes))
	for i, r := range runes {
		if r == '\n' || r == '\r' || r == '\t' || r == '\f' {
			r = ' '
		}
		flat[i] = r
	}
	para := text.ShapeRunes(flat, ts.res, ts.style)
	adv := text.Advances(&para, len(runes))
	m := metricsOf(para.Primary.Face, ts.size)
	lh := box.LineHeight
	switch {
	case !(lh > 0) || math.IsInf(lh, 0):
		lh = m.ascent + m.descent
		if f := para.Primary.Face; f != nil {
			lh += math.Round(f.LineGap * ts.size)
		}
	case lh < 8:
		lh *= ts.size
	}
	maxLines := box.MaxLines
	if box.Height > 0 && finite(box.Height) {
		if n := int(math.Floor(box.Height/lh + 1e-9)); maxLines <= 0 || n < maxLines {
			maxLines = max(n, 0)
			if maxLines == 0 {
				return TextBoxResult{Truncated: len(runes) > 0}
			}
		}
	}
	spans, more := text.Wrap(runes, adv, box.Width, maxLines)
	res.Truncated = res.Truncated || more
	align := box.Align
	if align == "" {
		align = c.st.text.textAlign
	}
	// Half-leading puts the font's ascent+descent in the middle of the line box.
	baseline := y + (lh-(m.ascent+m.descent))/2 + m.ascent
	for i, sp := range spans {
		line := string(runes[sp.Start:sp.End])
		w := c.lineWidth(line, ts)
		if more && i == len(spans)-1 && !box.NoEllipsis {
			line, w = c.ellipsize(runes[sp.Start:], adv[sp.Start:], box.Width, box.Ellipsis, ts)
		}
		res.Lines = append(res.Lines, TextBoxLine{Text: line, Width: w, X: x + c.boxOffset(align, box.Width, w), Y: baseline})
		baseline += lh
	}
	res.Height = float64(len(res.Lines)) * lh
	return res
}

func (c *Context2D) lineWidth(s string, ts textSetup) float64 {
	l := text.Shape(s, ts.res, ts.style)
	return l.Width
}

// boxOffset is where a line of width w starts inside a box of width bw.
func (c *Context2D) boxOffset(align string, bw, w float64) float64 {
	if !(bw > 0) || math.IsInf(bw, 0) {
		bw = w
	}
	rtl := c.st.text.direction == "rtl"
	switch align {
	case "center":
		return (bw - w) / 2
	case "right":
		return bw - w
	case "start":
		if rtl {
			return bw - w
		}
	case "end":
		if !rtl {
			return bw - w
		}
	}
	return 0
}

// ellipsize cuts rest so that it plus the ellipsis fits width, at a grapheme
// boundary, dropping spaces before the ellipsis.
func (c *Context2D) ellipsize(rest []rune, adv []float64, width float64, ell string, ts textSetup) (string, float64) {
	if ell == "" {
		ell = "…"
	}
	ew := c.lineWidth(ell, ts)
	if !(width > 0) || math.IsInf(width, 0) {
		width = math.Inf(1)
	}
	// Stop at the paragraph end: a truncated line never joins the next one.
	end := len(rest)
	for i, r := range rest {
		if r == '\n' || r == '\r' {
			end = i
			break
		}
	}
	w, cut := 0.0, 0
	for cut < end && w+adv[cut]+ew <= width {
		w += adv[cut]
		cut++
	}
	// Keep combining marks with their base: back up to a base character.
	for cut > 0 && cut < end && isMark(rest[cut]) {
		cut--
	}
	for cut > 0 && (rest[cut-1] == ' ' || rest[cut-1] == '\u3000') {
		cut--
	}
	s := string(rest[:cut]) + ell
	return s, c.lineWidth(s, ts)
}

func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == '\u200d' || (r >= 0xfe00 && r <= 0xfe0f)
}

// FillTextBox lays s out in the box whose top-left corner is (x, y) (see
// TextBox) and fills each line with the current fill style, font and
// spacing. textAlign and textBaseline do not apply; Align does. It returns the
// layout so callers can place what follows.
func (c *Context2D) FillTextBox(s string, x, y float64, box TextBox) TextBoxResult {
	return c.drawTextBox(s, x, y, box, false)
}

// StrokeTextBox is FillTextBox with strokeText.
func (c *Context2D) StrokeTextBox(s string, x, y float64, box TextBox) TextBoxResult {
	return c.drawTextBox(s, x, y, box, true)
}

func (c *Context2D) drawTextBox(s string, x, y float64, box TextBox, stroke bool) TextBoxResult {
	res := c.LayoutText(s, x, y, box)
	align, baseline := c.st.text.textAlign, c.st.text.textBaseline
	c.st.text.textAlign, c.st.text.textBaseline = "left", "alphabetic"
	for _, l := range res.Lines {
		c.drawText(l.Text, l.X, l.Y, nil, stroke)
	}
	c.st.text.textAlign, c.st.text.textBaseline = align, baseline
	return res
}
