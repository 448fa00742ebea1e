package canvas

import (
	"strconv"
	"strings"
	"sync"

	"github.com/seed92233726/mediad/canvas/internal/text"
)

// textState holds the text attributes of the drawing state. Text rendering
// comes with the text engine; the attributes are already stored, validated and
// serialised as the browser does so that scripts setting and reading them work.
type textState struct {
	font            string // serialised font shorthand
	textAlign       string
	textBaseline    string
	direction       string
	fontKerning     string
	fontStretch     string
	fontVariantCaps string
	textRendering   string
	letterSpacing   string
	wordSpacing     string
	lang            string
}

func defaultTextState() textState {
	return textState{
		font:            "10px sans-serif",
		textAlign:       "start",
		textBaseline:    "alphabetic",
		direction:       "inherit",
		fontKerning:     "auto",
		fontStretch:     "normal",
		fontVariantCaps: "normal",
		textRendering:   "auto",
		letterSpacing:   "0px",
		wordSpacing:     "0px",
		lang:            "inherit",
	}
}

// measureBufs recycles the glyph storage of measured lines; a buffer holds at
// most one line of text.MaxRunes glyphs.
var measureBufs = sync.Pool{New: func() any { return new(text.LineBuf) }}

// MeasureText returns the metrics of text in the current font.
func (c *Context2D) MeasureText(s string) TextMetrics {
	ts, ok := c.textSetup()
	if !ok {
		return TextMetrics{}
	}
	// Text of simple words is measured from cached advances, kerning and
	// glyph bounds without laying out glyphs; the rest is shaped into
	// pooled storage (the line lives only for this call) and its glyphs'
	// boxes are walked. Both give the same bits.
	ext, ok := text.Measure(s, ts.res, ts.style)
	if !ok {
		buf := measureBufs.Get().(*text.LineBuf)
		line := text.ShapeBuf(s, ts.res, ts.style, buf)
		ext = text.Extents{Width: line.Width, Primary: line.Primary}
		ext.MinX, ext.MinY, ext.MaxX, ext.MaxY, ext.Ink = inkBounds(&line)
		measureBufs.Put(buf)
	}
	m := metricsOf(ext.Primary.Face, ts.size)
	by := m.baselineOffset(c.st.text.textBaseline)
	dx := c.alignOffset(ext.Width)
	tm := TextMetrics{
		Width:                  ext.Width,
		FontBoundingBoxAscent:  m.ascent - by,
		FontBoundingBoxDescent: m.descent + by,
		// Chromium 156 reports 0 for both em-height fields whatever the
		// baseline (it does not implement them yet); we match it, since
		// scripts are tested against Chromium. EmHeight gives the values.
		HangingBaseline:     m.hanging - by,
		AlphabeticBaseline:  0 - by,
		IdeographicBaseline: m.ideo - by,
	}
	if ext.Ink {
		tm.ActualBoundingBoxLeft = -ext.MinX + dx
		tm.ActualBoundingBoxRight = ext.MaxX - dx
		tm.ActualBoundingBoxAscent = -ext.MinY - by
		tm.ActualBoundingBoxDescent = ext.MaxY + by
	} else {
		tm.ActualBoundingBoxLeft = dx
		tm.ActualBoundingBoxRight = -dx
		tm.ActualBoundingBoxAscent = -by
		tm.ActualBoundingBoxDescent = by
	}
	return tm
}

func setEnum(dst *string, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			*dst = v
			return
		}
	}
}

// SetFont sets the CSS font shorthand ("bold 16px sans-serif"); strings that
// do not parse are ignored. The getter returns the browser's serialisation
// (sizes in px, line-height dropped, "normal" keywords omitted).
func (c *Context2D) SetFont(v string) {
	if r := setFontOf(v); r.ok {
		c.st.text.font = r.font
		c.st.text.fontStretch = r.stretch
		c.st.text.fontVariantCaps = r.variant
	}
}

// Font returns the serialised font.
func (c *Context2D) Font() string { return c.st.text.font }

// SetTextAlign sets "start", "end", "left", "right" or "center".
func (c *Context2D) SetTextAlign(v string) {
	setEnum(&c.st.text.textAlign, v, "start", "end", "left", "right", "center")
}

// TextAlign returns textAlign.
func (c *Context2D) TextAlign() string { return c.st.text.textAlign }

// SetTextBaseline sets "top", "hanging", "middle", "alphabetic", "ideographic" or "bottom".
func (c *Context2D) SetTextBaseline(v string) {
	setEnum(&c.st.text.textBaseline, v, "top", "hanging", "middle", "alphabetic", "ideographic", "bottom")
}

// TextBaseline returns textBaseline.
func (c *Context2D) TextBaseline() string { return c.st.text.textBaseline }

// SetDirection sets "ltr", "rtl" or "inherit".
func (c *Context2D) SetDirection(v string) { setEnum(&c.st.text.direction, v, "ltr", "rtl", "inherit") }

// Direction returns direction.
func (c *Context2D) Direction() string { return c.st.text.direction }

// SetFontKerning sets "auto", "normal" or "none".
func (c *Context2D) SetFontKerning(v string) {
	setEnum(&c.st.text.fontKerning, v, "auto", "normal", "none")
}

// FontKerning returns fontKerning.
func (c *Context2D) FontKerning() string { return c.st.text.fontKerning }

// SetFontStretch sets one of the CSS font-stretch keywords.
func (c *Context2D) SetFontStretch(v string) {
	setEnum(&c.st.text.fontStretch, v, "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
		"normal", "semi-expanded", "expanded", "extra-expanded", "ultra-expanded")
}

// FontStretch returns fontStretch.
func (c *Context2D) FontStretch() string { return c.st.text.fontStretch }

// SetFontVariantCaps sets one of the CSS font-variant-caps keywords.
func (c *Context2D) SetFontVariantCaps(v string) {
	setEnum(&c.st.text.fontVariantCaps, v, "normal", "small-caps", "all-small-caps", "petite-caps",
		"all-petite-caps", "unicase", "titling-caps")
}

// FontVariantCaps returns fontVariantCaps.
func (c *Context2D) FontVariantCaps() string { return c.st.text.fontVariantCaps }

// SetTextRendering sets "auto", "optimizeSpeed", "optimizeLegibility" or "geometricPrecision".
func (c *Context2D) SetTextRendering(v string) {
	setEnum(&c.st.text.textRendering, v, "auto", "optimizeSpeed", "optimizeLegibility", "geometricPrecision")
}

// TextRendering returns textRendering.
func (c *Context2D) TextRendering() string { return c.st.text.textRendering }

// SetLetterSpacing sets a CSS length ("2px", "0.1em"); anything else, including
// percentages, is ignored.
func (c *Context2D) SetLetterSpacing(v string) {
	if s, ok := parseSpacing(v); ok {
		c.st.text.letterSpacing = s
	}
}

// LetterSpacing returns letterSpacing.
func (c *Context2D) LetterSpacing() string { return c.st.text.letterSpacing }

// SetWordSpacing sets a CSS length; see SetLetterSpacing.
func (c *Context2D) SetWordSpacing(v string) {
	if s, ok := parseSpacing(v); ok {
		c.st.text.wordSpacing = s
	}
}

// WordSpacing returns wordSpacing.
func (c *Context2D) WordSpacing() string { return c.st.text.wordSpacing }

// SetLang sets the language tag used for text shaping ("inherit" by default).
func (c *Context2D) SetLang(v string) { c.st.text.lang = v }

// Lang returns lang.
func (c *Context2D) Lang() string { return c.st.text.lang }

// parseSpacing accepts a CSS <length> and returns its serialisation.
func parseSpacing(v string) (string, bool) {
	v = strings.TrimSpace(v)
	num, unit := splitNumber(v)
	if num == "" {
		return "", false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !finite(f) {
		return "", false
	}
	unit = strings.ToLower(unit)
	if unit == "" {
		if f != 0 {
			return "", false
		}
		unit = "px"
	}
	if _, ok := lengthUnits[unit]; !ok {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64) + unit, true
}

// splitNumber splits a leading CSS number off s.
func splitNumber(s string) (num, rest string) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return "", s
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	return s[:i], s[i:]
}

// lengthUnits maps absolute CSS units to px and font-relative ones to 0 (they
// resolve against the 10px default font).
var lengthUnits = map[string]float64{
	"px": 1, "pt": 4.0 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
	"em": 0, "rem": 0, "ex": 0, "ch": 0,
}

// Font is a parsed CSS font shorthand.
type Font struct {
	Style   string  // "normal", "italic", "oblique"
	Variant string  // "normal", "small-caps"
	Weight  int     // 100 … 900; 400 normal, 700 bold
	Stretch string  // font-stretch keyword
	Size    float64 // px
	Family  []FontFamily
}

// FontFamily is one entry of the family list. Quoted records whether the name
// was a string, which matters for generic names: "serif" quoted is a font
// called serif, unquoted it is the generic family.
type FontFamily struct {
	Name   string
	Quoted bool
}

// IsGeneric reports whether the entry is an unquoted CSS generic family.
func (f FontFamily) IsGeneric() bool {
	if f.Quoted {
		return false
	}
	switch strings.ToLower(f.Name) {
	case "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
		"ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong":
		return true
	}
	return false
}

// ParseFont parses a CSS font shorthand: [style] [variant] [weight] [stretch]
// size[/line-height] family[, family]*. Relative sizes resolve against the
// default 10px font, as the canvas spec says.
func ParseFont(s string) (Font, bool) {
	f := Font{Style: "normal", Variant: "normal", Weight: 400, Stretch: "normal"}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 1024 {
		return f, false
	}
	rest := s
	for n := 0; ; n++ {
		word, after := nextWord(rest)
		if word == "" || n > 4 {
			return f, false
		}
		lw := strings.ToLower(word)
		switch {
		case lw == "normal":
		case lw == "italic" || lw == "oblique":
			// Chromium serialises oblique as italic.
			f.Style = "italic"
		case lw == "small-caps":
			f.Variant = lw
		case lw == "bold":
			f.Weight = 700
		case lw == "bolder" || lw == "lighter":
			// Relative to the default weight 400.
			f.Weight = map[string]int{"bolder": 700, "lighter": 100}[lw]
		case isStretch(lw):
			f.Stretch = lw
		case isWeightNumber(lw):
			w, _ := strconv.Atoi(lw)
			f.Weight = w
		default:
			size, ok := parseFontSize(lw)
			if !ok {
				return f, false
			}
			rest = strings.TrimSpace(after)
			if strings.HasPrefix(rest, "/") {
				// line-height is parsed and then ignored by canvas.
				_, rest = nextWord(strings.TrimSpace(rest[1:]))
				rest = strings.TrimSpace(rest)
			}
			fam, ok := parseFamilies(rest)
			if !ok {
				return f, false
			}
			f.Family = fam
			f.Size = size.resolve(fam)
			return f, true
		}
		rest = after
	}
}

func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \t\n\r\f")
	i := 0
	for i < len(s) && !strings.ContainsRune(" \t\n\r\f/", rune(s[i])) {
		i++
	}
	return s[:i], s[i:]
}

func isStretch(w string) bool {
	switch w {
	case "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
		"semi-expanded", "expanded", "extra-expanded", "ultra-expanded":
		return true
	}
	return false
}

func isWeightNumber(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	n, err := strconv.Atoi(w)
	return err == nil && n >= 1 && n <= 1000
}

// Font-size keywords for the default 16px medium and, as Chromium uses for
// a family list that is just "monospace", the 13px medium of fixed fonts.
var (
	fontSizeKeywords = map[string]float64{
		"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24,
		"xx-large": 32, "xxx-large": 48,
	}
	monospaceSizeKeywords = map[string]float64{
		"xx-small": 9, "x-small": 9, "small": 10, "medium": 13, "large": 16, "x-large": 20,
		"xx-large": 26, "xxx-large": 40,
	}
)

// monospaceScale is how Chromium scales sizes relative to the parent (em, %,
// larger, smaller) when the family is just "monospace": 13px/16px.
const monospaceScale = 13.0 / 16

// fontSize is a parsed font-size before the family is known.
type fontSize struct {
	px       float64
	relative bool   // em, %, larger, smaller, ex, ch: scaled for monospace
	keyword  string // xx-small … xxx-large
}

func parseFontSize(w string) (fontSize, bool) {
	if _, ok := fontSizeKeywords[w]; ok {
		return fontSize{keyword: w}, true
	}
	switch w {
	case "larger":
		return fontSize{px: 10 * 1.2, relative: true}, true
	case "smaller":
		return fontSize{px: 10 / 1.2, relative: true}, true
	}
	num, unit := splitNumber(w)
	if num == "" {
		return fontSize{}, false
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || !finite(v) || v < 0 {
		return fontSize{}, false
	}
	// Relative units resolve against the canvas default, 10px sans-serif.
	switch unit {
	case "%":
		return fontSize{px: v / 100 * 10, relative: true}, true
	case "em":
		return fontSize{px: v * 10, relative: true}, true
	case "rem":
		return fontSize{px: v * 10}, true
	case "ex", "ch":
		// Font-dependent in the browser; half an em without font metrics.
		return fontSize{px: v * 5, relative: true}, true
	}
	k, ok := lengthUnits[unit]
	if !ok || k == 0 {
		return fontSize{}, false
	}
	return fontSize{px: v * k}, true
}

// resolve gives the size in px for the family list.
func (s fontSize) resolve(family []FontFamily) float64 {
	mono := len(family) == 1 && family[0].IsGeneric() && strings.EqualFold(family[0].Name, "monospace")
	switch {
	case s.keyword != "" && mono:
		return monospaceSizeKeywords[s.keyword]
	case s.keyword != "":
		return fontSizeKeywords[s.keyword]
	case s.relative && mono:
		return s.px * monospaceScale
	}
	return s.px
}

func parseFamilies(s string) ([]FontFamily, bool) {
	var out []FontFamily
	i := 0
	skip := func() {
		for i < len(s) && strings.IndexByte(" \t\n\r\f", s[i]) >= 0 {
			i++
		}
	}
	for {
		skip()
		if i >= len(s) {
			return nil, false // empty list or trailing comma
		}
		if q := s[i]; q == '"' || q == '\'' {
			// A CSS string: backslash escapes the next character.
			var name strings.Builder
			i++
			closed := false
			for i < len(s) {
				c := s[i]
				i++
				if c == q {
					closed = true
					break
				}
				if c == '\\' && i < len(s) {
					c = s[i]
					i++
				}
				name.WriteByte(c)
			}
			if !closed {
				return nil, false
			}
			out = append(out, FontFamily{Name: name.String(), Quoted: true})
		} else {
			// A sequence of identifiers; CSS-wide keywords and "default" are
			// reserved as a whole name.
			end := strings.IndexByte(s[i:], ',')
			if end < 0 {
				end = len(s) - i
			}
			words := strings.Fields(s[i : i+end])
			i += end
			if len(words) == 0 {
				return nil, false
			}
			for _, w := range words {
				if !isIdent(w) {
					return nil, false
				}
			}
			if len(words) == 1 {
				switch strings.ToLower(words[0]) {
				case "inherit", "initial", "unset", "revert", "revert-layer", "default":
					return nil, false
				}
			}
			out = append(out, FontFamily{Name: strings.Join(words, " ")})
		}
		skip()
		if i >= len(s) {
			return out, true
		}
		if s[i] != ',' {
			return nil, false
		}
		i++
	}
}

// isIdent reports whether s is one CSS identifier (ASCII rules plus any
// non-ASCII character; escapes are not supported).
func isIdent(s string) bool {
	nameStart := func(c byte) bool { return c == '_' || c >= 0x80 || (c|0x20) >= 'a' && (c|0x20) <= 'z' }
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i < len(s) && s[i] == '-' {
		i++
	} else if i >= len(s) || !nameStart(s[i]) {
		return false
	}
	for ; i < len(s); i++ {
		c := s[i]
		if !(nameStart(c) || c == '-' || (c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// String serialises the family as Chromium does: bare when it is a single
// identifier (and not a quoted generic name), else as a double-quoted string.
func (f FontFamily) String() string {
	if f.IsGeneric() {
		return strings.ToLower(f.Name)
	}
	if isIdent(f.Name) && !(f.Quoted && FontFamily{Name: f.Name}.IsGeneric()) {
		return f.Name
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(f.Name) + `"`
}

// String serialises the font as Chromium's ctx.font getter does.
func (f Font) String() string {
	var b strings.Builder
	if f.Style != "normal" {
		b.WriteString(f.Style + " ")
	}
	// Chromium's order is style, weight, variant; the stretch goes to
	// fontStretch instead of the string.
	switch f.Weight {
	case 400:
	case 700:
		b.WriteString("bold ")
	default:
		b.WriteString(strconv.Itoa(f.Weight) + " ")
	}
	if f.Variant != "normal" {
		b.WriteString(f.Variant + " ")
	}
	// Chromium prints the size with six significant digits (8.33333px).
	b.WriteString(strconv.FormatFloat(f.Size, 'g', 6, 64) + "px ")
	for i, fam := range f.Family {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(fam.String())
	}
	return b.String()
}
