package canvas

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"

	"github.com/seed92233726/mediad/canvas/internal/geom"
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

// fontCache keeps parsed ctx.font strings, since the state stores the
// serialised form.
var fontCache struct {
	sync.Mutex
	m map[string]Font
}

func parsedFont(s string) Font {
	fontCache.Lock()
	defer fontCache.Unlock()
	if f, ok := fontCache.m[s]; ok {
		return f
	}
	f, ok := ParseFont(s)
	if !ok {
		f, _ = ParseFont("10px sans-serif")
	}
	if fontCache.m == nil || len(fontCache.m) > 1024 {
		fontCache.m = map[string]Font{}
	}
	fontCache.m[s] = f
	return f
}

// textSetup is the shaping input of the current state.
type textSetup struct {
	res   *text.Resolver
	style text.Style
	size  float64
}

func (c *Context2D) textSetup() (textSetup, bool) {
	f := parsedFont(c.st.text.font)
	size := f.Size
	if !(size > 0) || size > MaxFontSize {
		return textSetup{}, false
	}
	q := text.Query{Aspect: font.Aspect{Style: font.StyleNormal, Weight: font.Weight(f.Weight), Stretch: 1}}
	if f.Style == "italic" {
		q.Aspect.Style = font.StyleItalic
	}
	if s, ok := stretchValues[c.st.text.fontStretch]; ok {
		q.Aspect.Stretch = s
	}
	for _, fam := range f.Family {
		q.Families = append(q.Families, text.Family{Name: fam.Name, Generic: fam.IsGeneric()})
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
	return textSetup{res: text.Default.Resolver(q), style: st, size: size}, true
}

// spacingPx resolves a serialised letterSpacing/wordSpacing length.
func spacingPx(v string, size float64) float64 {
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

// MeasureText returns the metrics of text in the current font.
func (c *Context2D) MeasureText(s string) TextMetrics {
	ts, ok := c.textSetup()
	if !ok {
		return TextMetrics{}
	}
	line := text.Shape(s, ts.res, ts.style)
	m := metricsOf(line.Primary.Face, ts.size)
	by := m.baselineOffset(c.st.text.textBaseline)
	dx := c.alignOffset(line.Width)
	tm := TextMetrics{
		Width:                  line.Width,
		FontBoundingBoxAscent:  m.ascent - by,
		FontBoundingBoxDescent: m.descent + by,
		// Chromium 156 reports 0 for both em-height fields whatever the
		// baseline (it does not implement them yet); we match it, since
		// scripts are tested against Chromium. EmHeight gives the values.
		HangingBaseline:     m.hanging - by,
		AlphabeticBaseline:  -by,
		IdeographicBaseline: m.ideo - by,
	}
	if minX, minY, maxX, maxY, ok := inkBounds(&line); ok {
		tm.ActualBoundingBoxLeft = -minX + dx
		tm.ActualBoundingBoxRight = maxX - dx
		tm.ActualBoundingBoxAscent = -minY - by
		tm.ActualBoundingBoxDescent = maxY + by
	} else {
		tm.ActualBoundingBoxLeft = dx
		tm.ActualBoundingBoxRight = -dx
		tm.ActualBoundingBoxAscent = -by
		tm.ActualBoundingBoxDescent = by
	}
	return tm
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
			o := text.GlyphOutline(r.Face, g.ID)
			if o.Empty {
				continue
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
	line := text.Shape(s, ts.res, ts.style)
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
	c.appendGlyphs(&c.work, &line, lm)
	if c.work.Empty() {
		return
	}
	if stroke {
		c.strokeDevice(&c.work)
		return
	}
	c.fillDevice(&c.work, raster.NonZero, &c.st.fill)
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
			o := text.GlyphOutline(r.Face, g.ID)
			if o.Empty {
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
