package text

import "math"

// Measuring without glyphs: measureText needs a line's advance width and the
// box of its ink, not its glyphs. For text the word fast path covers (see
// fast.go) both come from the per-character cache, which holds each glyph's
// advance and outline bounds, in one pass over the string. The arithmetic is
// shapeWords/placeFast's and the canvas's ink-bounds step for step, so the
// results are bit-identical to shaping the line and walking its glyphs
// (canvas tests compare the two).

// Extents is a measured line.
type Extents struct {
	Width float64 // sum of advances, as Line.Width
	// MinX … MaxY is the union of the glyphs' ink boxes in px, relative to
	// the line's left end on the alphabetic baseline (y down), each box
	// rounded out to whole pixels about its pen position as Skia's glyph
	// bounds are. Ink is false when no glyph has ink (the fields are then
	// ±Inf).
	MinX, MinY, MaxX, MaxY float64
	Ink                    bool
	Primary                Choice // the face the font metrics come from
}

// syntheticSkew is the shear of synthesised italics, as the canvas draws
// them (Skia's fake italic skews by a quarter).
const syntheticSkew = -0.25

// Measure returns the extents of one line of text when every word of it
// takes the fast path; ok is false when it does not (complex scripts,
// ligatures, spacing, small caps, a language, colour fonts …), and the
// caller shapes the line instead.
func Measure(s string, res *Resolver, st Style) (ext Extents, ok bool) {
	ext.Primary = res.Primary()
	if !FastPath || st.RTL || st.LetterSpacing != 0 || st.WordSpacing != 0 || st.SmallCaps ||
		(st.Lang != "" && st.Lang != "inherit") || !(st.Size > 0) || st.Size > 1e6 {
		return ext, false
	}
	stt := statePool.Get().(*state)
	defer statePool.Put(stt)
	stt.runes = PrepareCanvasText(s, stt.runes)
	text := stt.runes
	size := st.Size
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	var boldRatio float64
	x := 0.0
	for start := 0; start < len(text); {
		end := start + 1
		if text[start] != ' ' {
			for end < len(text) && text[end] != ' ' {
				end++
			}
		}
		word := text[start:end]
		if !stt.fastWord(word, res, st.NoKerning) {
			return ext, false
		}
		wx := 0.0 // pen in ems inside the word, as placeFast
		for i := range stt.fastBuf {
			ch := &stt.fastBuf[i]
			g := ch.g
			if !g.measurable {
				return ext, false
			}
			adv := float64(ch.adv) * g.unit
			xoff := 0.0
			if g.punct {
				if trim := spacingTrim(word, i); trim != 0 && float64(ch.adv) == g.face.upem*64 {
					adv -= 0.5
					if trim < 0 {
						xoff -= 0.5
					}
				}
			}
			gx := x + (wx+xoff)*size
			wx += adv
			ink, x0, y0, x1, y1 := g.ink, g.minX, g.minY, g.maxX, g.maxY
			if ch.c.SynthBold {
				if boldRatio == 0 {
					boldRatio = FakeBoldRatio(size)
				}
				o := BoldOutline(g.face, g.gid, boldRatio)
				ink, x0, y0, x1, y1 = !o.Empty, o.MinX, o.MinY, o.MaxX, o.MaxY
			}
			if !ink {
				continue
			}
			bx0, bx1 := x0*size, x1*size
			if ch.c.SynthItalic {
				bx0 += -syntheticSkew * y1 * size
				bx1 += -syntheticSkew * y0 * size
			}
			// The glyph's pen is on the baseline (y = +0): adding it turns
			// a -0 into +0. (gx is never -0, so a zero's sign does not
			// matter in x; see ffloor.)
			by0, by1 := ffloor(y0*size), fceil(y1*size)
			if by0 == 0 {
				by0 = 0
			}
			if by1 == 0 {
				by1 = 0
			}
			minX = fmin(minX, gx+ffloor(bx0))
			maxX = fmax(maxX, gx+fceil(bx1))
			minY = fmin(minY, by0)
			maxY = fmax(maxY, by1)
			ext.Ink = true
		}
		x += wx * size
		start = end
	}
	ext.Width = x
	ext.MinX, ext.MinY, ext.MaxX, ext.MaxY = minX, minY, maxX, maxY
	return ext, true
}

// fmin and fmax are math.Min and math.Max for values that are not NaN
// (finite positions and the ±Inf they start from), zeros' signs included;
// math's are calls to assembly on amd64, four per glyph here.
func fmin(a, b float64) float64 {
	if a < b {
		return a
	}
	if b < a || math.Signbit(b) {
		return b
	}
	return a
}

func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	if b > a || !math.Signbit(b) {
		return b
	}
	return a
}

// ffloor and fceil are math.Floor and math.Ceil for finite values below
// 2^63 in magnitude (glyph bounds in px), except that a zero result is
// always +0: they round through an integer conversion, one instruction,
// where math's are calls at the default GOAMD64 level. Callers add the
// result to a pen position that is never -0, which erases the difference.
func ffloor(v float64) float64 {
	t := float64(int64(v))
	if t > v {
		t--
	}
	return t
}

func fceil(v float64) float64 {
	t := float64(int64(v))
	if t < v {
		t++
	}
	return t
}
