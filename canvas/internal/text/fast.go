package text

import (
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"
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
// Pair kerning is kept apart: nearly every Latin glyph starts some kerning
// pair, but most pairs of a word have no adjustment, so pairs are checked one
// by one (kern) instead of excluding their first glyphs.
type layoutGlyphs struct {
	all       bool     // the face shapes in ways the set cannot describe (AAT, kern table, variations)
	bits      []uint64 // bit per glyph id: starts a lookup other than pair positioning
	pairFirst []uint64 // bit per glyph id: first glyph of a pair positioning subtable
	pairs     []tables.PairPos
}

func hasBit(bits []uint64, g font.GID) bool {
	i := int(g) >> 6
	return i < len(bits) && bits[i]&(1<<(uint(g)&63)) != 0
}

func (l *layoutGlyphs) has(g font.GID) bool { return l.all || hasBit(l.bits, g) }

// kerned reports whether some pair positioning subtable adjusts the pair
// (a, b). Every subtable is asked, not just the one the shaper would stop
// at, so the answer errs towards "adjusted".
func (l *layoutGlyphs) kerned(a, b font.GID) bool {
	if !hasBit(l.pairFirst, a) {
		return false
	}
	g1, g2 := tables.GlyphID(a), tables.GlyphID(b)
	for _, p := range l.pairs {
		switch d := p.Data.(type) {
		case tables.PairPosData1:
			i, ok := d.Cov().Index(g1)
			if !ok || i >= len(d.PairSets) {
				continue
			}
			if rec, ok := d.PairSets[i].FindGlyph(g2); ok && (!zeroValue(rec.ValueRecord1) || !zeroValue(rec.ValueRecord2)) {
				return true
			}
		case tables.PairPosData2:
			if _, ok := d.Cov().Index(g1); !ok {
				continue
			}
			c2, ok := d.ClassDef2.Class(g2)
			if !ok {
				continue
			}
			c1, _ := d.ClassDef1.Class(g1)
			rec := d.Record(c1, c2)
			if !zeroValue(rec.ValueRecord1) || !zeroValue(rec.ValueRecord2) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

func zeroValue(v tables.ValueRecord) bool {
	return v.XPlacement == 0 && v.YPlacement == 0 && v.XAdvance == 0 && v.YAdvance == 0 &&
		v.XPlaDevice == nil && v.YPlaDevice == nil && v.XAdvDevice == nil && v.YAdvDevice == nil
}

func addCoverage(bits *[]uint64, c tables.Coverage) bool {
	set := func(g tables.GlyphID) {
		i := int(g) >> 6
		for i >= len(*bits) {
			*bits = append(*bits, 0)
		}
		(*bits)[i] |= 1 << (uint(g) & 63)
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
		return false // a coverage kind we cannot enumerate
	}
	return true
}

// Script groups of fast words. The segmenter gives a word's common
// characters (digits, punctuation) the script of its letters, so a word is
// shaped as Latin, as Han, as both, or (no letters) as common text; each
// group has its own set of lookups.
const (
	groupCommon = iota
	groupLatin
	groupHan
	numGroups
)

// groupScriptTags are the OpenType script tags the shaper tries for a group,
// in order, before its fallbacks DFLT, dflt and latn.
var groupScriptTags = [numGroups][]string{groupCommon: {"zyyy"}, groupLatin: {"latn"}, groupHan: {"hani"}}

// selectScript is the script record the shaper selects for the group.
func selectScript(la *font.Layout, group int) int {
	for _, t := range append(groupScriptTags[group], "DFLT", "dflt", "latn") {
		if i := la.FindScript(ot.MustNewTag(t)); i >= 0 {
			return i
		}
	}
	return -1
}

func lookupsOf(la *font.Layout, group int) map[uint16]bool {
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
	if si := selectScript(la, group); si >= 0 {
		s := la.Scripts[si]
		// The language system the shaper selects for English: 'ENG ', else
		// 'dflt', else the default one.
		ls := s.DefaultLangSys
		for _, want := range []string{"dflt", "ENG "} {
			for i, r := range s.LangSysRecords {
				if r.Tag == ot.MustNewTag(want) && i < len(s.LangSys) {
					ls = &s.LangSys[i]
				}
			}
		}
		if ls != nil {
			addLangSys(ls)
		}
	}
	return out
}

func buildLayoutGlyphs(f *Face, group int) (l *layoutGlyphs) {
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
	for li := range lookupsOf(&ft.GSUB.Layout, group) {
		if int(li) < len(ft.GSUB.Lookups) {
			for _, st := range ft.GSUB.Lookups[li].Subtables {
				if !addCoverage(&l.bits, st.Cov()) {
					return &layoutGlyphs{all: true}
				}
			}
		}
	}
	for li := range lookupsOf(&ft.GPOS.Layout, group) {
		if int(li) >= len(ft.GPOS.Lookups) {
			continue
		}
		lk := ft.GPOS.Lookups[li]
		// Pair lookups that may skip base glyphs or ligatures could pair
		// glyphs that are not adjacent; those count as ordinary lookups.
		pairOnly := lk.Flag&(0x2|0x4) == 0
		for _, st := range lk.Subtables {
			if _, ok := st.(tables.PairPos); !ok {
				pairOnly = false
			}
		}
		for _, st := range lk.Subtables {
			bits := &l.bits
			if pairOnly {
				bits = &l.pairFirst
				l.pairs = append(l.pairs, st.(tables.PairPos))
			}
			if !addCoverage(bits, st.Cov()) {
				return &layoutGlyphs{all: true}
			}
		}
	}
	return l
}

// faceLayout holds a face's layoutGlyphs per script group.
type faceLayout [numGroups]*layoutGlyphs

var layoutSets sync.Map // *Face -> *faceLayout

func layoutOf(f *Face) *faceLayout {
	if v, ok := layoutSets.Load(f); ok {
		return v.(*faceLayout)
	}
	var fl faceLayout
	for g := range fl {
		fl[g] = buildLayoutGlyphs(f, g)
	}
	v, _ := layoutSets.LoadOrStore(f, &fl)
	return v.(*faceLayout)
}

// runeGroup is the script group of a fast character.
func runeGroup(r rune) int {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return groupLatin
		}
		return groupCommon
	case r >= 0x4E00 && r <= 0x9FFF:
		return groupHan
	case unicode.Is(unicode.Latin, r):
		return groupLatin
	case unicode.Is(unicode.Han, r):
		return groupHan
	}
	return groupCommon
}

// simpleRune reports characters HarfBuzz maps to their cmap glyph with no
// special treatment: no combining marks, joiners, variation selectors or
// other default ignorables, no emoji (sequences and modifiers), no fraction
// slash (automatic fractions), and only Latin, Han and common characters
// (other scripts have their own shapers or language systems).
func simpleRune(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f, r >= 0x4E00 && r <= 0x9FFF:
		return true // the common cases first: printable ASCII, CJK ideographs
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
	return !unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf, unicode.Cs, unicode.Co) &&
		unicode.In(r, unicode.Common, unicode.Latin, unicode.Han)
}

// fastGlyph is a character's glyph and its advance as the shaper gives it
// alone (26.6 font units at size = upem).
type fastGlyph struct {
	face *Face
	r    rune
	gid  font.GID
	adv  int32
	fl   *faceLayout
	ok   bool // the character alone is its cmap glyph with its hmtx advance
	// covered has bit 1<<group when a lookup of that script group may start
	// at the glyph.
	covered uint8
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
	fl := layoutOf(f)
	e.fl = fl
	gid, ok := f.font.NominalGlyph(r)
	if ok {
		for g, l := range fl {
			if l.has(gid) {
				e.covered |= 1 << g
			}
		}
	}
	// Shaped alone, the character is shaped as its own group (a common
	// character as common text); no lookup of that group may touch it.
	if ok && e.covered&(1<<runeGroup(r)) == 0 && !gdefMark(f, gid) {
		// Shape the character alone for its exact advance, and make sure
		// the shaper really gives the cmap glyph.
		one := [1]rune{r}
		in := shaping.Input{Text: one[:], RunStart: 0, RunEnd: 1, Direction: di.DirectionLTR, Language: "en",
			Script: language.LookupScript(r),
			Face:   s.face(Choice{Face: f}), Size: fixed.I(int(f.upem))}
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
	var groups uint8
	for _, r := range w {
		if !simpleRune(r) {
			return false
		}
		if g := runeGroup(r); g != groupCommon {
			groups |= 1 << g
		}
	}
	if groups == 0 {
		groups = 1 << groupCommon
	}
	for _, r := range w {
		c := res.Resolve(r)
		if c.Face == nil {
			return false
		}
		g := s.fastGlyph(c.Face, r)
		if !g.ok || g.covered&groups != 0 {
			return false
		}
		if n := len(s.fastBuf); n > 0 {
			// A kerning pair inside the word: let the shaper position it.
			if p := s.fastBuf[n-1]; p.c.Face == c.Face && g.fl.kerned(groups, p.g.gid, g.gid) {
				return false
			}
		}
		s.fastBuf = append(s.fastBuf, fastChar{c: c, g: g})
	}
	return true
}

// kerned reports whether a pair lookup of one of the groups adjusts (a, b).
func (fl *faceLayout) kerned(groups uint8, a, b font.GID) bool {
	for g, l := range fl {
		if groups&(1<<g) != 0 && l.kerned(a, b) {
			return true
		}
	}
	return false
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
