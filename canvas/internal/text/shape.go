package text

import (
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// MaxRunes bounds the characters shaped for one string; the rest is dropped.
// It keeps one call's work and memory bounded (and font-unit sums far from
// overflowing the shaper's 26.6 integers).
const MaxRunes = 1 << 15

// Style is everything besides the font list that changes shaping.
type Style struct {
	Size          float64 // px
	LetterSpacing float64 // px added after every character
	WordSpacing   float64 // px added to every space
	NoKerning     bool    // fontKerning = "none"
	NoLigatures   bool    // textRendering = "optimizeSpeed"
	SmallCaps     bool
	RTL           bool // base direction
	Lang          string
}

// Glyph is one positioned glyph; X and Y are the pen position in px from the
// line's left end on its baseline (y down).
type Glyph struct {
	ID      font.GID
	X, Y    float64
	Advance float64
	Rune    rune // the first character of its cluster, for diagnostics and tests
	Cluster int  // index in the shaped text of that character
}

// Run is a sequence of glyphs from one face, in visual order.
type Run struct {
	Choice
	Glyphs []Glyph
	RTL    bool
}

// Line is shaped text in visual order.
type Line struct {
	Runs    []Run
	Width   float64 // sum of advances, spacing included
	Primary Choice  // the face the metrics come from
	Size    float64
}

// state holds the per-goroutine scratch of shaping: the HarfBuzz shaper, the
// segmenter and private font.Face values (which cache and are not safe to
// share).
type state struct {
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	faces   map[*Face]*font.Face
	back    map[*font.Face]Choice
	runes   []rune
	res     *Resolver
	primary *font.Face
	wordBuf []placedWord
	keyBuf  []byte
	fastBuf []fastChar  // one word's characters (fastWord)
	infoBuf []*runeInfo // one word's characters (fastWord)
	fastAll []fastChar  // the fast words' characters of one line
	para    bidi.Paragraph
}

// primaryMap hands the segmenter one face so it splits by bidi and script only.
type primaryMap struct{ s *state }

func (p primaryMap) ResolveFace(rune) *font.Face { return p.s.primary }

// sticksToPrevious reports characters that never start a new face run:
// combining marks, joiners, variation selectors, emoji modifiers and tags.
func sticksToPrevious(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == 0x200C || r == 0x200D ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func (s *state) splitByFace(in shaping.Input, out []shaping.Input) []shaping.Input {
	cur := in
	cur.Face = nil
	for i := in.RunStart; i < in.RunEnd; i++ {
		r := in.Text[i]
		if cur.Face != nil && sticksToPrevious(r) {
			continue
		}
		c := s.res.Resolve(r)
		if c.Face == nil {
			continue
		}
		f := s.face(c)
		if cur.Face == nil {
			cur.Face = f
			continue
		}
		if f == cur.Face {
			continue
		}
		cur.RunEnd = i
		out = append(out, cur)
		cur = in
		cur.RunStart = i
		cur.Face = f
	}
	cur.RunEnd = in.RunEnd
	if cur.Face == nil {
		cur.Face = s.primary
	}
	return append(out, cur)
}

var statePool = sync.Pool{New: func() any {
	return &state{faces: map[*Face]*font.Face{}, back: map[*font.Face]Choice{}}
}}

func (s *state) face(c Choice) *font.Face {
	ff := s.faces[c.Face]
	if ff == nil {
		if len(s.faces) > 64 {
			clear(s.faces)
			clear(s.back)
		}
		ff = font.NewFace(c.Face.font)
		s.faces[c.Face] = ff
	}
	s.back[ff] = c
	return ff
}

var (
	tagKern = ot.MustNewTag("kern")
	tagLiga = ot.MustNewTag("liga")
	tagClig = ot.MustNewTag("clig")
	tagSmcp = ot.MustNewTag("smcp")
)

// PrepareCanvasText replaces ASCII whitespace by spaces, as the canvas text
// preparation algorithm says, and caps the length at MaxRunes.
func PrepareCanvasText(s string, buf []rune) []rune {
	buf = buf[:0]
	for _, r := range s {
		if len(buf) >= MaxRunes {
			break
		}
		switch r {
		case '\t', '\n', '\f', '\r':
			r = ' '
		}
		buf = append(buf, r)
	}
	return buf
}

// Shape shapes one line of text.
func Shape(s string, res *Resolver, st Style) Line {
	stt := statePool.Get().(*state)
	defer statePool.Put(stt)
	stt.runes = PrepareCanvasText(s, stt.runes)
	if wordEligible(stt.runes, st) {
		return stt.shapeWords(stt.runes, res, st, nil)
	}
	return stt.shape(stt.runes, res, st)
}

// LineBuf is storage that ShapeBuf reuses for the glyphs and runs of a line
// that does not outlive the caller's use of it (measuring).
type LineBuf struct {
	glyphs []Glyph
	runs   []Run
}

// ShapeBuf is Shape with the line's glyphs and runs held in buf where it can:
// the line is valid until buf is used again.
func ShapeBuf(s string, res *Resolver, st Style, buf *LineBuf) Line {
	stt := statePool.Get().(*state)
	defer statePool.Put(stt)
	stt.runes = PrepareCanvasText(s, stt.runes)
	if wordEligible(stt.runes, st) {
		return stt.shapeWords(stt.runes, res, st, buf)
	}
	return stt.shape(stt.runes, res, st)
}

// ShapeRunes is Shape for already prepared text.
func ShapeRunes(text []rune, res *Resolver, st Style) Line {
	stt := statePool.Get().(*state)
	defer statePool.Put(stt)
	if wordEligible(text, st) {
		return stt.shapeWords(text, res, st, nil)
	}
	return stt.shape(text, res, st)
}

func (s *state) shape(text []rune, res *Resolver, st Style) Line {
	line := Line{Primary: res.Primary(), Size: st.Size}
	if len(text) == 0 || !(st.Size > 0) || math.IsInf(st.Size, 0) {
		return line
	}
	if len(text) > MaxRunes {
		text = text[:MaxRunes]
	}
	s.res = res
	dir := di.DirectionLTR
	if st.RTL {
		dir = di.DirectionRTL
	}
	var lang language.Language
	if st.Lang != "" && st.Lang != "inherit" {
		lang = language.NewLanguage(st.Lang)
	}
	in := shaping.Input{Text: text, RunStart: 0, RunEnd: len(text), Direction: dir, Language: lang}
	var feats []shaping.FontFeature
	if st.NoKerning {
		feats = append(feats, shaping.FontFeature{Tag: tagKern, Value: 0})
	}
	if st.NoLigatures {
		feats = append(feats, shaping.FontFeature{Tag: tagLiga, Value: 0}, shaping.FontFeature{Tag: tagClig, Value: 0})
	}
	if st.SmallCaps {
		feats = append(feats, shaping.FontFeature{Tag: tagSmcp, Value: 1})
	}
	// Bidi and script runs first (one face for all), then faces per
	// character: like Chromium, a space takes the first listed font that has
	// it rather than the font of the text around it.
	s.primary = s.face(line.Primary)
	// The segmenter keeps only each run's direction; the embedding levels
	// (numbers inside Arabic are at level 2 in a left-to-right paragraph)
	// decide the visual order, so take them from the bidi algorithm.
	def := bidi.LeftToRight
	if st.RTL {
		def = bidi.RightToLeft
	}
	br := s.para.Segment(text, def)
	levelAt := func(i int) int {
		for k := 0; k < br.NumRuns(); k++ {
			if b := br.Run(k); i >= b.Start && i < b.End {
				return int(b.Level)
			}
		}
		if st.RTL {
			return 1
		}
		return 0
	}
	var runs []shaping.Input
	var levels []int
	add := func(r shaping.Input, lvl int) {
		n := len(runs)
		runs = s.splitByFace(r, runs)
		for ; n < len(runs); n++ {
			levels = append(levels, lvl)
		}
	}
	for _, r := range s.seg.Split(in, primaryMap{s}) {
		lvl := levelAt(r.RunStart)
		// The bidi runs merge levels of one parity: in a left-to-right
		// paragraph a number after Arabic (level 2) and the Latin after it
		// (level 0) come as one run. Split after the number.
		if !st.RTL && lvl >= 2 && lvl%2 == 0 {
			k := r.RunStart
			for k < r.RunEnd && numberish(text[k]) {
				k++
			}
			if k > r.RunStart && k < r.RunEnd {
				head, tail := r, r
				head.RunEnd, tail.RunStart = k, k
				add(head, lvl)
				add(tail, 0)
				continue
			}
		}
		add(r, lvl)
	}
	order := visualOrder(levels)
	line.Runs = make([]Run, 0, len(runs))
	x := 0.0
	for _, idx := range order {
		r := runs[idx]
		c, ok := s.back[r.Face]
		if !ok || c.Face == nil {
			continue
		}
		upem := c.Face.upem
		r.Size = fixed.I(int(upem))
		r.FontFeatures = feats
		out := s.shaper.ShapeNoExtents(r)
		k := st.Size / upem / 64 // 26.6 font units to px
		run := Run{Choice: c, RTL: r.Direction.Progression() == di.TowardTopLeft, Glyphs: make([]Glyph, len(out.Glyphs))}
		for i, g := range out.Glyphs {
			adv := float64(g.Advance) * k
			xoff := float64(g.XOffset) * k
			ch := rune(0)
			if g.ClusterIndex >= 0 && g.ClusterIndex < len(text) {
				ch = text[g.ClusterIndex]
				if trim := spacingTrim(text, g.ClusterIndex); trim != 0 && float64(g.Advance) == upem*64 {
					half := st.Size / 2
					adv -= half
					if trim < 0 {
						xoff -= half
					}
				}
			}
			// Spacing goes after the last glyph of each cluster (in logical
			// order), so ligatures and marks do not spread apart.
			lastOfCluster := i+1 == len(out.Glyphs) || out.Glyphs[i+1].ClusterIndex != g.ClusterIndex
			if run.RTL {
				lastOfCluster = i == 0 || out.Glyphs[i-1].ClusterIndex != g.ClusterIndex
			}
			if lastOfCluster {
				adv += st.LetterSpacing
				if ch == ' ' || ch == '\u00a0' {
					adv += st.WordSpacing
				}
			}
			run.Glyphs[i] = Glyph{
				ID:      g.GlyphID,
				X:       x + xoff,
				Y:       -float64(g.YOffset) * k,
				Advance: adv,
				Rune:    ch,
				Cluster: g.ClusterIndex,
			}
			x += adv
		}
		line.Runs = append(line.Runs, run)
	}
	line.Width = x
	return line
}

// numberish reports characters that stay with a number at its embedding
// level: digits and the separators and terminators inside numbers.
func numberish(r rune) bool {
	return unicode.IsDigit(r) || strings.ContainsRune(".,:/+-%#$€¥£°‰\u066B\u066C", r)
}

// visualOrder applies rule L2 of the bidi algorithm to run levels: reverse
// every maximal sequence at or above each level, from the highest level down
// to the lowest odd one.
func visualOrder(levels []int) []int {
	order := make([]int, len(levels))
	maxL, minOdd := 0, 1<<30
	for i, l := range levels {
		order[i] = i
		if l > maxL {
			maxL = l
		}
		if l%2 == 1 && l < minOdd {
			minOdd = l
		}
	}
	for lvl := maxL; lvl >= minOdd && lvl > 0; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}

// isSpace reports characters that draw nothing, for bounds.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// Punctuation classes of CSS text-spacing-trim.
const (
	punctNone = iota
	punctOpen
	punctClose // closing brackets and the ideographic comma and full stop
	punctMiddle
)

func punctClass(r rune) int {
	switch r {
	case '\u3008', '\u300A', '\u300C', '\u300E', '\u3010', '\u3014', '\u3016', '\u3018', '\u301A',
		'\uFF08', '\uFF3B', '\uFF5B':
		return punctOpen
	case '\u3009', '\u300B', '\u300D', '\u300F', '\u3011', '\u3015', '\u3017', '\u3019', '\u301B',
		'\uFF09', '\uFF3D', '\uFF5D', '\u3001', '\u3002', '\uFF0C', '\uFF0E':
		return punctClose
	case '\u30FB', '\u3000':
		return punctMiddle
	}
	return punctNone
}

// spacingTrim applies CSS text-spacing-trim: normal, which Chromium uses for
// canvas text too: full-width opening punctuation after opening, closing or
// middle punctuation loses its blank left half (-1); full-width closing
// punctuation before closing or middle punctuation loses its blank right
// half (+1). The ends of the string are left alone (a canvas line never
// wraps, so "end of line if it does not fit" never applies).
func spacingTrim(text []rune, i int) int {
	switch punctClass(text[i]) {
	case punctOpen:
		if i > 0 && punctClass(text[i-1]) != punctNone {
			return -1
		}
	case punctClose:
		if i+1 < len(text) {
			if c := punctClass(text[i+1]); c == punctClose || c == punctMiddle {
				return 1
			}
		}
	}
	return 0
}
