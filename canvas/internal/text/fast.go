package text

import (
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Fast path for simple words: when no OpenType lookup the shaper would run
// can touch any glyph of a word, HarfBuzz's output is just the cmap glyph of
// each character with its own advance, so the word is laid out from a cache
// of per-character (glyph, advance) pairs instead of being shaped. Every
// lookup starts at a glyph of its subtable's coverage, so "no glyph of the
// word in the coverage of any lookup of any feature the shaper may enable"
// is a sufficient condition; the advance itself comes from shaping the
// character alone once, so it is bit-identical to the shaped one.

// FastPath switches the simple-word fast path; tests turn it off to compare
// against full shaping.
var FastPath = true

// optInFeatures are OpenType features HarfBuzz never applies unless asked
// (vertical forms, alternates, width and figure variants, small caps …).
// Every other feature of the font counts as one that may apply, so a feature
// unknown here makes the check stricter, never wrong.
var optInFeatures = func() map[ot.Tag]bool {
	m := map[ot.Tag]bool{}
	for _, s := range []string{"aalt", "vert", "vrt2", "vkrn", "vpal", "vhal", "valt", "vrtr", "palt", "halt",
		"salt", "swsh", "cswh", "onum", "lnum", "pnum", "tnum", "zero", "sups", "subs", "sinf", "ordn", "hist",
		"hlig", "dlig", "smcp", "c2sc", "pcap", "c2pc", "unic", "titl", "case", "cpsp", "fwid", "hwid", "pwid",
		"qwid", "twid", "trad", "simp", "jp78", "jp83", "jp90", "jp04", "expt", "hojo", "nlck", "ruby", "ital",
		"afrc", "ornm", "nalt", "pkna", "hkna", "vkna", "mgrk", "lfbd", "rtbd", "opbd", "jalt", "size", "kern_",
		"ss01", "ss02", "ss03", "ss04", "ss05", "ss06", "ss07", "ss08", "ss09", "ss10", "ss11", "ss12", "ss13",
		"ss14", "ss15", "ss16", "ss17", "ss18", "ss19", "ss20"} {
		if len(s) == 4 {
			m[ot.MustNewTag(s)] = true
		}
	}
	return m
}()

// layoutGlyphs is the set of glyphs some lookup of a face may start at.
type layoutGlyphs struct {
	all  bool     // the face shapes in ways the set cannot describe (AAT, kern table, variations)
	bits []uint64 // bit per glyph id
}

func (l *layoutGlyphs) has(g font.GID) bool {
	if l.all {
		return true
	}
	i := int(g) >> 6
	return i < len(l.bits) && l.bits[i]&(1<<(uint(g)&63)) != 0
}

func (l *layoutGlyphs) addCoverage(c tables.Coverage) {
	set := func(g tables.GlyphID) {
		i := int(g) >> 6
		for i >= len(l.bits) {
			l.bits = append(l.bits, 0)
		}
		l.bits[i] |= 1 << (uint(g) & 63)
	}
	switch c := c.(type) {
	case tables.Coverage1:
		for _, g := range c.Glyphs {
			set(g)
		}
	case tables.Coverage2:
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				set(tables.GlyphID(g))
			}
		}
	case nil:
	default:
		l.all = true // a coverage kind we cannot enumerate
	}
}

// lookupsOf collects the lookups of every non-opt-in feature of every
// language system (the shaper's script and language choice does not matter
// then), plus required features.
func lookupsOf(la *font.Layout) map[uint16]bool {
	out := map[uint16]bool{}
	addFeature := func(fi uint16) {
		if int(fi) >= len(la.Features) {
			return
		}
		f := la.Features[fi]
		if optInFeatures[f.Tag] {
			return
		}
		for _, li := range f.LookupListIndices {
			out[li] = true
		}
	}
	addLangSys := func(ls *tables.LangSys) {
		if ls.RequiredFeatureIndex != 0xFFFF {
			// A required feature applies whatever its tag.
			if int(ls.RequiredFeatureIndex) < len(la.Features) {
				for _, li := range la.Features[ls.RequiredFeatureIndex].LookupListIndices {
					out[li] = true
				}
			}
		}
		for _, fi := range ls.FeatureIndices {
			addFeature(fi)
		}
	}
	for _, s := range la.Scripts {
		if s.DefaultLangSys != nil {
			addLangSys(s.DefaultLangSys)
		}
		for i := range s.LangSys {
			addLangSys(&s.LangSys[i])
		}
	}
	return out
}

func buildLayoutGlyphs(f *Face) (l *layoutGlyphs) {
	l = &layoutGlyphs{}
	defer func() {
		if recover() != nil {
			l = &layoutGlyphs{all: true}
		}
	}()
	ft := f.font
	if f.aatOrKern || len(ft.GSUB.FeatureVariations) > 0 || len(ft.GPOS.FeatureVariations) > 0 {
		l.all = true
		return l
	}
	for li := range lookupsOf(&ft.GSUB.Layout) {
		if int(li) < len(ft.GSUB.Lookups) {
			for _, st := range ft.GSUB.Lookups[li].Subtables {
				l.addCoverage(st.Cov())
			}
		}
	}
	for li := range lookupsOf(&ft.GPOS.Layout) {
		if int(li) < len(ft.GPOS.Lookups) {
			for _, st := range ft.GPOS.Lookups[li].Subtables {
				l.addCoverage(st.Cov())
			}
		}
	}
	return l
}

var layoutSets sync.Map // *Face -> *layoutGlyphs

func layoutOf(f *Face) *layoutGlyphs {
	if v, ok := layoutSets.Load(f); ok {
		return v.(*layoutGlyphs)
	}
	v, _ := layoutSets.LoadOrStore(f, buildLayoutGlyphs(f))
	return v.(*layoutGlyphs)
}

// simpleRune reports characters HarfBuzz maps to their cmap glyph with no
// special treatment: no combining marks, joiners, variation selectors or
// other default ignorables, no complex or right-to-left scripts, no Hangul
// jamo (composed by the Hangul shaper), no emoji (sequences and modifiers),
// no fraction slash (automatic fractions).
func simpleRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return false
	case r < 0x300:
		return r != 0xad // soft hyphen is default-ignorable
	case complexRune(r), r >= 0x1F000, r >= 0x2000 && r <= 0x200F, r >= 0x2028 && r <= 0x202F,
		r >= 0x2044 && r <= 0x2044, r >= 0x205F && r <= 0x206F, r >= 0x3130 && r <= 0x318F,
		r >= 0xA960 && r <= 0xA97F, r >= 0xD7B0 && r <= 0xD7FF, r >= 0xFE00 && r <= 0xFE0F,
		r >= 0xFFF0, r >= 0x1BCA0 && r <= 0x1BCA3, r >= 0xE0000:
		return false
	}
	return !unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf, unicode.Cs, unicode.Co)
}

// fastGlyph is a character's glyph and its advance as the shaper gives it
// alone (26.6 font units at size = upem).
type fastGlyph struct {
	face *Face
	r    rune
	gid  font.GID
	adv  int32
	ok   bool // the character can take the fast path in this face
}

// fastGlyphs caches fastGlyph per (face, character): 16384 direct-mapped slots.
var fastGlyphs = newSlotTable[fastGlyph](14)

func (s *state) fastGlyph(f *Face, r rune) *fastGlyph {
	h := mix(uint64(f.id)<<32 | uint64(uint32(r)))
	if e := fastGlyphs.load(h); e != nil && e.face == f && e.r == r {
		return e
	}
	e := &fastGlyph{face: f, r: r}
	// Glyphs the font classes as marks (GDEF class 3) get their advance
	// zeroed by the shaper even with no lookup: keep them off the fast path.
	if gid, ok := f.font.NominalGlyph(r); ok && !layoutOf(f).has(gid) && !gdefMark(f, gid) {
		// Shape the character alone for its exact advance, and make sure
		// the shaper really gives the cmap glyph.
		one := [1]rune{r}
		in := shaping.Input{Text: one[:], RunStart: 0, RunEnd: 1, Direction: di.DirectionLTR,
			Face: s.face(Choice{Face: f}), Size: fixed.I(int(f.upem))}
		out := s.shaper.ShapeNoExtents(in)
		if len(out.Glyphs) == 1 && out.Glyphs[0].GlyphID == gid && out.Glyphs[0].XOffset == 0 && out.Glyphs[0].YOffset == 0 {
			e.gid, e.adv, e.ok = gid, int32(out.Glyphs[0].Advance), true
		}
	}
	fastGlyphs.store(h, e)
	return e
}

// fastWord lays out w from the per-character cache into s.fastBuf (one
// entry per character, in order) and reports whether every character could
// take the fast path. The result equals s.shape(w, res, unit) for unit size.
func (s *state) fastWord(w []rune, res *Resolver) bool {
	s.fastBuf = s.fastBuf[:0]
	for _, r := range w {
		if !simpleRune(r) {
			return false
		}
		c := res.Resolve(r)
		if c.Face == nil {
			return false
		}
		g := s.fastGlyph(c.Face, r)
		if !g.ok {
			return false
		}
		s.fastBuf = append(s.fastBuf, fastChar{c: c, g: g})
	}
	return true
}

type fastChar struct {
	c Choice
	g *fastGlyph
}

func gdefMark(f *Face, gid font.GID) bool {
	cd := f.font.GDEF.GlyphClassDef
	if cd == nil {
		return false
	}
	c, ok := cd.Class(tables.GlyphID(gid))
	return ok && c == 3
}
