package text

import (
	"math/bits"
	"sync"
	"sync/atomic"
	"unicode"
	"unsafe"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Fast path for simple words: when the only OpenType lookups the shaper
// would run on a word are context-free single substitutions, ligatures that
// cannot form and pair adjustments that are zero, HarfBuzz's output is just
// each character's glyph (its cmap glyph after those substitutions) with that
// glyph's own advance, so the word is laid out from a cache of per-character
// (glyph, advance) pairs instead of being shaped. Every lookup starts at a
// glyph of its subtable's coverage, so "no glyph the word's characters may
// pass through is in the coverage of any other lookup of any feature the
// shaper may enable" is a sufficient condition; ligatures and pair
// positioning are checked pair by pair, and the glyph and advance come from
// shaping the character alone once, so they are bit-identical to the shaped
// ones.

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
// Pair kerning and ligatures are kept apart: nearly every Latin glyph starts
// some kerning pair (and in CJK fonts some ligature of ccmp), but most pairs
// of a word have no adjustment and form no ligature, so pairs are checked
// one by one (kern, ligates) instead of excluding their first glyphs.
// Single substitutions (locl digits, for one) are context-free: a character
// always ends as the same glyph, whatever its neighbours.
type layoutGlyphs struct {
	all       bool               // the face shapes in ways the set cannot describe (AAT, kern table, variations)
	bits      []uint64           // bit per glyph id: starts a lookup of another kind
	pairFirst []uint64           // bit per glyph id: first glyph of a pair positioning subtable
	pairs     [][]tables.PairPos // the subtables of each pair lookup
	ligFirst  []uint64           // bit per glyph id: first glyph of a ligature
	ligs      []tables.LigatureSubs
	ctxFirst  []uint64 // bit per glyph id: first input glyph of a contextual rule
	ctxs      []ctxSub
	singles   []tables.SingleSubs
}

func hasBit(bits []uint64, g font.GID) bool {
	i := int(g) >> 6
	return i < len(bits) && bits[i]&(1<<(uint(g)&63)) != 0
}

func (l *layoutGlyphs) has(g font.GID) bool { return l.all || hasBit(l.bits, g) }

// kern returns what the pair positioning lookups add to a's advance when b
// follows it, in font units. It follows the shaper exactly: in each lookup
// the first subtable that matches the pair decides (even with a zero
// value), and the lookups add up. ok is false when a matching subtable
// would do anything else: move a glyph, adjust b, or (with a second value
// format) make b skip its own pair.
func (l *layoutGlyphs) kern(a, b font.GID) (dx int32, ok bool) {
	if !hasBit(l.pairFirst, a) {
		return 0, true
	}
	g1, g2 := tables.GlyphID(a), tables.GlyphID(b)
	for _, lk := range l.pairs {
		for _, p := range lk {
			idx, covered := p.Cov().Index(g1)
			if !covered {
				continue
			}
			var v tables.ValueRecord
			var f2 tables.ValueFormat
			switch d := p.Data.(type) {
			case tables.PairPosData1:
				if idx >= len(d.PairSets) {
					return 0, false
				}
				rec, found := d.PairSets[idx].FindGlyph(g2)
				if !found {
					continue
				}
				v, f2 = rec.ValueRecord1, d.ValueFormat2
			case tables.PairPosData2:
				c2, found := d.ClassDef2.Class(g2)
				if !found {
					continue
				}
				c1, _ := d.ClassDef1.Class(g1)
				v, f2 = d.Record(c1, c2).ValueRecord1, d.ValueFormat2
			default:
				return 0, false
			}
			if f2 != 0 || v.XPlacement != 0 || v.YPlacement != 0 || v.XPlaDevice != nil || v.YPlaDevice != nil ||
				v.XAdvDevice != nil || v.YAdvDevice != nil {
				return 0, false
			}
			dx += int32(v.XAdvance)
			break
		}
	}
	return dx, true
}

// kernEntry caches kern for one pair of glyphs of one lookup set.
type kernEntry struct {
	l    *layoutGlyphs
	a, b font.GID
	dx   int32
	ok   bool
}

// kerns caches pair kerning: 16384 direct-mapped slots. Looking a pair up
// in the pair tables costs coverage and class searches (and go-text
// allocates to read a class pair's values); text repeats its pairs.
var kerns = newSlotTable[kernEntry](14)

// kernOf is kern for two fast glyphs of one face and group, checked once per
// pair against the shaper: the pair is shaped on its own (kerning depends on
// the two glyphs only) and must come out as the two glyphs with the first
// one's advance moved by exactly the adjustment read from the tables. A
// pair the shaper treats otherwise goes to the shaper every time. (go-text
// leaves some class pairs of Noto Sans CJK's Cyrillic and Greek unkerned
// that its tables list; the check keeps the fast path to what the shaper
// does whatever the reason.)
func (s *state) kernOf(a, b *fastGlyph) (int32, bool) {
	l := a.l
	if !hasBit(l.pairFirst, a.gid) {
		return 0, true
	}
	h := mix(uint64(uintptr(unsafe.Pointer(l))) ^ uint64(a.gid)<<32 ^ uint64(b.gid))
	if e := kerns.load(h); e != nil && e.l == l && e.a == a.gid && e.b == b.gid {
		return e.dx, e.ok
	}
	dx, ok := l.kern(a.gid, b.gid)
	if ok {
		two := [2]rune{a.r, b.r}
		in := shaping.Input{Text: two[:], RunStart: 0, RunEnd: 2, Direction: di.DirectionLTR, Language: groupLangs[a.group],
			Script: groupScripts[a.group], Face: s.face(Choice{Face: a.face}), Size: fixed.I(int(a.face.upem))}
		out := s.shaper.ShapeNoExtents(in)
		ok = len(out.Glyphs) == 2 && out.Glyphs[0].GlyphID == a.gid && out.Glyphs[1].GlyphID == b.gid &&
			out.Glyphs[0].XOffset == 0 && out.Glyphs[0].YOffset == 0 && out.Glyphs[1].XOffset == 0 &&
			out.Glyphs[1].YOffset == 0 && int32(out.Glyphs[0].Advance) == a.adv+dx*64 && int32(out.Glyphs[1].Advance) == b.adv
	}
	kerns.store(h, &kernEntry{l: l, a: a.gid, b: b.gid, dx: dx, ok: ok})
	return dx, ok
}

// ligates reports whether a ligature starting at a has b as its second
// component (the rest of it is not checked: the answer errs towards "may
// form").
func (l *layoutGlyphs) ligates(a, b font.GID) bool {
	if !hasBit(l.ligFirst, a) {
		return false
	}
	g1, g2 := tables.GlyphID(a), tables.GlyphID(b)
	for _, lg := range l.ligs {
		i, ok := lg.Coverage.Index(g1)
		if !ok || i >= len(lg.LigatureSets) {
			continue
		}
		for _, lig := range lg.LigatureSets[i].Ligatures {
			if len(lig.ComponentGlyphIDs) == 0 || lig.ComponentGlyphIDs[0] == g2 {
				return true
			}
		}
	}
	return false
}

// ctxSub is a contextual subtable: its coverage (of the first input glyph)
// and its rules in one of the sequence-context formats.
type ctxSub struct {
	cov  tables.Coverage
	rule any
}

// addContext files the glyphs of a contextual subtable's coverage: in
// ctxFirst when every rule that may start at the glyph needs a glyph after
// it (checked pair by pair, contextFires), else in bits: a rule whose
// context is the glyph alone, or it and glyphs before it, may fire at the
// end of a word, where no pair is checked. It reports false for a coverage
// it cannot enumerate.
func (l *layoutGlyphs) addContext(sub ctxSub) bool {
	ok := true
	var glyphs []tables.GlyphID
	switch c := sub.cov.(type) {
	case tables.Coverage1:
		glyphs = c.Glyphs
	case tables.Coverage2:
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				glyphs = append(glyphs, tables.GlyphID(g))
			}
		}
	case nil:
	default:
		return false
	}
	var first, other []tables.GlyphID
	for _, g := range glyphs {
		idx, _ := sub.cov.Index(g)
		alone := false
		contextNext(sub.rule, g, idx, func(n nextNeed) bool {
			alone = n.alone
			return !alone
		})
		if alone {
			other = append(other, g)
		} else {
			first = append(first, g)
		}
	}
	if len(first) > 0 {
		l.ctxs = append(l.ctxs, sub)
		ok = addCoverage(&l.ctxFirst, tables.Coverage1{Glyphs: first})
	}
	return ok && addCoverage(&l.bits, tables.Coverage1{Glyphs: other})
}

// contextRule converts a contextual subtable (GSUB or GPOS, chained or
// not) to its sequence-context format.
func contextRule(st any) any {
	switch st := st.(type) {
	case tables.ContextualSubs:
		return contextRule(st.Data)
	case tables.ChainedContextualSubs:
		return contextRule(st.Data)
	case tables.ContextualPos:
		return contextRule(st.Data)
	case tables.ChainedContextualPos:
		return contextRule(st.Data)
	case tables.ContextualSubs1:
		return tables.SequenceContextFormat1(st)
	case tables.ContextualSubs2:
		return tables.SequenceContextFormat2(st)
	case tables.ContextualSubs3:
		return tables.SequenceContextFormat3(st)
	case tables.ChainedContextualSubs1:
		return tables.ChainedSequenceContextFormat1(st)
	case tables.ChainedContextualSubs2:
		return tables.ChainedSequenceContextFormat2(st)
	case tables.ChainedContextualSubs3:
		return tables.ChainedSequenceContextFormat3(st)
	case tables.ContextualPos1:
		return tables.SequenceContextFormat1(st)
	case tables.ContextualPos2:
		return tables.SequenceContextFormat2(st)
	case tables.ContextualPos3:
		return tables.SequenceContextFormat3(st)
	case tables.ChainedContextualPos1:
		return tables.ChainedSequenceContextFormat1(st)
	case tables.ChainedContextualPos2:
		return tables.ChainedSequenceContextFormat2(st)
	case tables.ChainedContextualPos3:
		return tables.ChainedSequenceContextFormat3(st)
	}
	return nil
}

func classOf(cd tables.ClassDef, g tables.GlyphID) uint16 {
	if cd == nil {
		return 0
	}
	c, _ := cd.Class(g)
	return c
}

// nextNeed is what a contextual rule needs of the glyph after its first
// input glyph: a glyph id (kind 0), a class of cd (kind 1) or a coverage
// (kind 2); alone when it needs none.
type nextNeed struct {
	glyph tables.GlyphID
	class uint16
	cd    tables.ClassDef
	cov   tables.Coverage
	kind  uint8
	alone bool
}

// contextNext calls yield with the need of each rule of a contextual
// subtable that may start at glyph a (index idx in its coverage), until
// yield returns false.
func contextNext(rule any, a tables.GlyphID, idx int, yield func(nextNeed) bool) {
	switch d := rule.(type) {
	case tables.SequenceContextFormat1:
		if idx < len(d.SeqRuleSet) {
			for _, r := range d.SeqRuleSet[idx].SeqRule {
				n := nextNeed{alone: len(r.InputSequence) == 0}
				if !n.alone {
					n.glyph = r.InputSequence[0]
				}
				if !yield(n) {
					return
				}
			}
		}
	case tables.SequenceContextFormat2:
		if c := int(classOf(d.ClassDef, a)); c < len(d.ClassSeqRuleSet) {
			for _, r := range d.ClassSeqRuleSet[c].SeqRule {
				n := nextNeed{kind: 1, cd: d.ClassDef, alone: len(r.InputSequence) == 0}
				if !n.alone {
					n.class = uint16(r.InputSequence[0])
				}
				if !yield(n) {
					return
				}
			}
		}
	case tables.SequenceContextFormat3:
		n := nextNeed{kind: 2, alone: len(d.Coverages) < 2}
		if !n.alone {
			n.cov = d.Coverages[1]
		}
		yield(n)
	case tables.ChainedSequenceContextFormat1:
		if idx < len(d.ChainedSeqRuleSet) {
			for _, r := range d.ChainedSeqRuleSet[idx].ChainedSeqRules {
				n := nextNeed{}
				switch {
				case len(r.InputSequence) > 0:
					n.glyph = r.InputSequence[0]
				case len(r.LookaheadSequence) > 0:
					n.glyph = r.LookaheadSequence[0]
				default:
					n.alone = true
				}
				if !yield(n) {
					return
				}
			}
		}
	case tables.ChainedSequenceContextFormat2:
		if c := int(classOf(d.InputClassDef, a)); c < len(d.ChainedClassSeqRuleSet) {
			for _, r := range d.ChainedClassSeqRuleSet[c].ChainedSeqRules {
				n := nextNeed{kind: 1}
				switch {
				case len(r.InputSequence) > 0:
					n.cd, n.class = d.InputClassDef, uint16(r.InputSequence[0])
				case len(r.LookaheadSequence) > 0:
					n.cd, n.class = d.LookaheadClassDef, uint16(r.LookaheadSequence[0])
				default:
					n.alone = true
				}
				if !yield(n) {
					return
				}
			}
		}
	case tables.ChainedSequenceContextFormat3:
		n := nextNeed{kind: 2}
		switch {
		case len(d.InputCoverages) > 1:
			n.cov = d.InputCoverages[1]
		case len(d.LookaheadCoverages) > 0:
			n.cov = d.LookaheadCoverages[0]
		default:
			n.alone = true
		}
		yield(n)
	default:
		yield(nextNeed{alone: true})
	}
}

// contextFires reports whether a contextual rule starting at a may have b
// as the glyph after a. Only the first glyph of the context after a is
// checked, so the answer errs towards "may fire".
func (l *layoutGlyphs) contextFires(a, b font.GID) bool {
	if !hasBit(l.ctxFirst, a) {
		return false
	}
	g1, g2 := tables.GlyphID(a), tables.GlyphID(b)
	fires := false
	for _, sub := range l.ctxs {
		idx, ok := sub.cov.Index(g1)
		if !ok {
			continue
		}
		contextNext(sub.rule, g1, idx, func(n nextNeed) bool {
			switch {
			case n.alone:
				fires = true
			case n.kind == 0:
				fires = n.glyph == g2
			case n.kind == 1:
				fires = classOf(n.cd, g2) == n.class
			default:
				_, fires = n.cov.Index(g2)
			}
			return !fires
		})
		if fires {
			return true
		}
	}
	return false
}

// maxChain bounds the glyphs one character may pass through by single
// substitutions; a longer chain keeps the character off the fast path.
const maxChain = 8

// substitutes returns every glyph g may become through the single
// substitutions, g first. Each subtable is applied, not just the first of
// its lookup that covers the glyph, and in any order, so the set holds the
// shaper's glyph at every stage whatever the lookup order. ok is false when
// the set exceeds maxChain.
func (l *layoutGlyphs) substitutes(g font.GID) (chain []font.GID, ok bool) {
	chain = append(make([]font.GID, 0, 2), g)
	for i := 0; i < len(chain); i++ {
		gi := tables.GlyphID(chain[i])
		for _, st := range l.singles {
			var to font.GID
			switch d := st.Data.(type) {
			case tables.SingleSubstData1:
				if _, ok := d.Coverage.Index(gi); !ok {
					continue
				}
				to = font.GID(uint16(int(gi) + int(d.DeltaGlyphID)))
			case tables.SingleSubstData2:
				k, ok := d.Coverage.Index(gi)
				if !ok || k >= len(d.SubstituteGlyphIDs) {
					continue
				}
				to = font.GID(d.SubstituteGlyphIDs[k])
			default:
				return nil, false
			}
			seen := false
			for _, c := range chain {
				seen = seen || c == to
			}
			if !seen {
				if len(chain) == maxChain {
					return nil, false
				}
				chain = append(chain, to)
			}
		}
	}
	return chain, true
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

// Script groups of fast words: the scripts HarfBuzz shapes with its default
// shaper, plus common text. The segmenter splits a word into runs of one
// script, common characters (digits, punctuation) joining a neighbour's run,
// so a letter is always shaped in its own group and a common character in
// one of its word's groups (or, in a word without letters, as common text);
// each group has its own script, language and so set of lookups.
const (
	groupCommon = iota
	groupLatin
	groupHan
	groupCyrillic
	groupGreek
	groupHiragana
	groupKatakana
	numGroups
)

// groupScriptTags are the OpenType script tags the shaper tries for a group,
// in order, before its fallbacks DFLT, dflt and latn.
var groupScriptTags = [numGroups][]string{groupCommon: {"zyyy"}, groupLatin: {"latn"}, groupHan: {"hani"},
	groupCyrillic: {"cyrl"}, groupGreek: {"grek"}, groupHiragana: {"kana"}, groupKatakana: {"kana"}}

// groupScripts is the script of each group's runs.
var groupScripts = [numGroups]language.Script{groupCommon: language.Common, groupLatin: language.Latin,
	groupHan: language.Han, groupCyrillic: language.Cyrillic, groupGreek: language.Greek,
	groupHiragana: language.Hiragana, groupKatakana: language.Katakana}

// groupLangs is the language go-text's segmenter gives each group's runs
// when the text has none (it starts from English and, for a script English
// does not use, takes the script's usual language: Russian, Greek,
// Japanese), and groupLangTags the OpenType language system the shaper
// looks for with it. A group whose language has no tag here never takes the
// fast path.
var groupLangs, groupLangTags = func() (langs [numGroups]language.Language, tags [numGroups]string) {
	otTags := map[language.Language]string{"en": "ENG ", "ru": "RUS ", "el": "ELL ", "ja": "JAN "}
	en, _ := language.NewLangID("en")
	for g, sc := range groupScripts {
		lang := language.Language("en")
		if !en.UseScript(sc) {
			if l := language.ScriptToLang[sc]; l != 0 {
				lang = l.Language()
			}
		}
		langs[g], tags[g] = lang, otTags[lang]
	}
	return
}()

// selectScript is the script record the shaper selects for the group.
func selectScript(la *font.Layout, group int) int {
	for _, t := range append(groupScriptTags[group], "DFLT", "dflt", "latn") {
		if i := la.FindScript(ot.MustNewTag(t)); i >= 0 {
			return i
		}
	}
	return -1
}

// kernFeatures are the features whose pair lookups the fast path applies
// itself: the shaper turns them on by default for horizontal text. Pair
// lookups of any other feature only ever block the fast path, so a feature
// the shaper might leave off never adds a wrong adjustment.
var kernFeatures = map[ot.Tag]bool{ot.MustNewTag("kern"): true, ot.MustNewTag("dist"): true}

// lookupsOf returns the lookups the shaper may apply to text of the group;
// the value is true when a lookup is reached through a feature other than
// kernFeatures.
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
			out[li] = out[li] || !kernFeatures[f.Tag]
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
	if ls := selectLangSys(la, group); ls != nil {
		addLangSys(ls)
	}
	return out
}

// selectLangSys is the language system the shaper selects for the group's
// text in its language: that language's ('ENG ' for English), else 'dflt',
// else the script's default one.
func selectLangSys(la *font.Layout, group int) *tables.LangSys {
	si := selectScript(la, group)
	if si < 0 {
		return nil
	}
	s := la.Scripts[si]
	ls := s.DefaultLangSys
	for _, want := range []string{"dflt", groupLangTags[group]} {
		for i, r := range s.LangSysRecords {
			if r.Tag == ot.MustNewTag(want) && i < len(s.LangSys) {
				ls = &s.LangSys[i]
			}
		}
	}
	return ls
}

// hasFeature reports whether the language system the shaper selects for
// the group (as lookupsOf) lists the feature.
func hasFeature(la *font.Layout, group int, tag ot.Tag) bool {
	ls := selectLangSys(la, group)
	if ls == nil {
		return false
	}
	if i := int(ls.RequiredFeatureIndex); ls.RequiredFeatureIndex != 0xFFFF && i < len(la.Features) && la.Features[i].Tag == tag {
		return true
	}
	for _, fi := range ls.FeatureIndices {
		if int(fi) < len(la.Features) && la.Features[fi].Tag == tag {
			return true
		}
	}
	return false
}

func buildLayoutGlyphs(f *Face, group int) (l *layoutGlyphs) {
	l = &layoutGlyphs{}
	defer func() {
		if recover() != nil {
			l = &layoutGlyphs{all: true}
		}
	}()
	ft := f.font
	if f.aat || groupLangTags[group] == "" || len(ft.GSUB.FeatureVariations) > 0 || len(ft.GPOS.FeatureVariations) > 0 ||
		(f.legacyKern && !(len(ft.GPOS.Lookups) > 0 && hasFeature(&ft.GPOS.Layout, group, tagKern))) {
		// A kern table is what positions the group's text when GPOS has
		// no kern feature for its script (DejaVu's GPOS has one for Latin).
		l.all = true
		return l
	}
	for li := range lookupsOf(&ft.GSUB.Layout, group) {
		if int(li) >= len(ft.GSUB.Lookups) {
			continue
		}
		lk := ft.GSUB.Lookups[li]
		for _, st := range lk.Subtables {
			bits := &l.bits
			switch st := st.(type) {
			case tables.SingleSubs:
				l.singles = append(l.singles, st)
				continue
			case tables.ContextualSubs, tables.ChainedContextualSubs:
				// Contexts that may skip base glyphs or ligatures count as
				// ordinary lookups.
				if lk.Flag&(0x2|0x4) == 0 {
					if !l.addContext(ctxSub{cov: st.Cov(), rule: contextRule(st)}) {
						return &layoutGlyphs{all: true}
					}
					continue
				}
			case tables.LigatureSubs:
				// A ligature lookup that skips base glyphs or ligatures may
				// join glyphs that are not adjacent, and one with a single
				// component fires on its own: those count as ordinary
				// lookups. (Marks never reach the fast path, so skipping
				// them changes nothing.)
				single := false
				for _, set := range st.LigatureSets {
					for _, lig := range set.Ligatures {
						single = single || len(lig.ComponentGlyphIDs) == 0
					}
				}
				if lk.Flag&(0x2|0x4) == 0 && !single {
					bits = &l.ligFirst
					l.ligs = append(l.ligs, st)
				}
			}
			if !addCoverage(bits, st.Cov()) {
				return &layoutGlyphs{all: true}
			}
		}
	}
	for li, other := range lookupsOf(&ft.GPOS.Layout, group) {
		if int(li) >= len(ft.GPOS.Lookups) {
			continue
		}
		lk := ft.GPOS.Lookups[li]
		// Pair lookups that may skip base glyphs or ligatures could pair
		// glyphs that are not adjacent; those count as ordinary lookups,
		// as do those of features outside kernFeatures.
		pairOnly := lk.Flag&(0x2|0x4) == 0 && !other
		var subs []tables.PairPos
		for _, st := range lk.Subtables {
			p, ok := st.(tables.PairPos)
			pairOnly = pairOnly && ok
			subs = append(subs, p)
		}
		if pairOnly {
			l.pairs = append(l.pairs, subs)
		}
		for _, st := range lk.Subtables {
			bits := &l.bits
			switch st.(type) {
			case tables.PairPos:
				if pairOnly {
					bits = &l.pairFirst
				}
			case tables.ContextualPos, tables.ChainedContextualPos:
				if lk.Flag&(0x2|0x4) == 0 {
					if !l.addContext(ctxSub{cov: st.Cov(), rule: contextRule(st)}) {
						return &layoutGlyphs{all: true}
					}
					continue
				}
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
	case unicode.Is(unicode.Cyrillic, r):
		return groupCyrillic
	case unicode.Is(unicode.Greek, r):
		return groupGreek
	case unicode.Is(unicode.Hiragana, r):
		return groupHiragana
	case unicode.Is(unicode.Katakana, r):
		return groupKatakana
	}
	return groupCommon
}

// simpleRune reports characters HarfBuzz maps to their cmap glyph with no
// special treatment: no combining marks, joiners, variation selectors or
// other default ignorables, no emoji (sequences and modifiers), no fraction
// slash (automatic fractions), and only characters of the script groups
// (other scripts have their own shapers).
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
		unicode.In(r, unicode.Common, unicode.Latin, unicode.Han, unicode.Cyrillic, unicode.Greek, unicode.Hiragana,
			unicode.Katakana)
}

// fastGlyph is a character's glyph and its advance as the shaper gives it
// alone in one script group (26.6 font units at size = upem).
type fastGlyph struct {
	face  *Face
	r     rune
	group uint8
	ok    bool // no lookup but single substitutions, ligatures and pair positioning may touch it
	gid   font.GID
	adv   int32
	l     *layoutGlyphs // the group's lookups
	// chain is every glyph the character may be during substitution, its
	// cmap glyph first; ligatures are checked against all of them.
	chain    []font.GID
	ligStart bool // some glyph of chain starts a ligature or a contextual rule
	punct    bool // CJK punctuation whose spacing may be trimmed (punctClass)
	// unit is 1/upem/64, the 26.6-font-unit to em factor, worked out once
	// (as placeFast's k) rather than with two divisions per glyph.
	unit float64
	// The glyph's outline bounds in ems (Outline.MinX …), for measuring
	// without looking the outline up; ink is false for an empty outline.
	// measurable is false for faces whose glyphs may draw from colour
	// tables instead (their ink is not the outline's).
	ink                    bool
	measurable             bool
	minX, minY, maxX, maxY float64
}

// fastGlyphs caches fastGlyph per (face, character, group): 16384
// direct-mapped slots.
var fastGlyphs = newSlotTable[fastGlyph](14)

func fastKey(f *Face, r rune, group int) uint64 {
	return mix(uint64(f.id)<<34 | uint64(group)<<32 | uint64(uint32(r)))
}

func (s *state) fastGlyph(f *Face, r rune, group int) *fastGlyph {
	h := fastKey(f, r, group)
	if e := fastGlyphs.load(h); e != nil && e.face == f && e.r == r && int(e.group) == group {
		return e
	}
	e := &fastGlyph{face: f, r: r, group: uint8(group)}
	e.l = layoutOf(f)[group]
	if gid, ok := f.font.NominalGlyph(r); ok && !e.l.all {
		chain, ok := e.l.substitutes(gid)
		// Glyphs the font classes as marks (GDEF class 3) get their
		// advance zeroed by the shaper even with no lookup: keep them off
		// the fast path.
		for _, g := range chain {
			ok = ok && !hasBit(e.l.bits, g) && !gdefMark(f, g)
		}
		if ok {
			// Shape the character alone, as its group's text, for its
			// exact glyph and advance.
			one := [1]rune{r}
			in := shaping.Input{Text: one[:], RunStart: 0, RunEnd: 1, Direction: di.DirectionLTR, Language: groupLangs[group],
				Script: groupScripts[group], Face: s.face(Choice{Face: f}), Size: fixed.I(int(f.upem))}
			out := s.shaper.ShapeNoExtents(in)
			if len(out.Glyphs) == 1 && out.Glyphs[0].XOffset == 0 && out.Glyphs[0].YOffset == 0 {
				for _, g := range chain {
					if g == out.Glyphs[0].GlyphID {
						e.gid, e.adv, e.chain, e.ok = g, int32(out.Glyphs[0].Advance), chain, true
					}
				}
			}
		}
	}
	if e.ok {
		e.punct = punctClass(r) != punctNone
		e.unit = 1.0 / f.upem / 64
		for _, g := range e.chain {
			e.ligStart = e.ligStart || hasBit(e.l.ligFirst, g) || hasBit(e.l.ctxFirst, g)
		}
		o := GlyphOutline(f, e.gid)
		e.ink, e.minX, e.minY, e.maxX, e.maxY = !o.Empty, o.MinX, o.MinY, o.MaxX, o.MaxY
		e.measurable = !f.hasBitmaps && f.font.COLR == nil && len(f.font.CPAL) == 0
	}
	fastGlyphs.store(h, e)
	return e
}

// runeInfo is what the fast path needs of one character under one
// resolver: its face, whether it is simple and its script group, and its
// fastGlyph per group (filled on first use). A word's characters are found
// with one multiply and load each, and their glyphs by a pointer each.
type runeInfo struct {
	c      Choice
	r      rune
	simple bool
	group  uint8
	fg     [numGroups]atomic.Pointer[fastGlyph]
}

// infoBits sizes a resolver's runeInfo table.
const infoBits = 12

// info returns the runeInfo of r from the resolver's direct-mapped table
// (4096 slots, so a resolver's memory stays bounded whatever the text; a
// multiplicative hash keeps neighbouring code points in distinct slots).
// Two goroutines may build one at once; both build the same, and either is
// kept.
func (res *Resolver) info(r rune) *runeInfo {
	h := uint64(uint32(r)) * 0x9E3779B97F4A7C15 >> (64 - infoBits)
	if e := res.infos[h].Load(); e != nil && e.r == r {
		return e
	}
	e := res.newInfo(r)
	res.infos[h].Store(e)
	return e
}

func (res *Resolver) newInfo(r rune) *runeInfo {
	e := &runeInfo{r: r, simple: simpleRune(r), group: uint8(runeGroup(r))}
	if e.simple {
		e.c = res.Resolve(r)
		e.simple = e.c.Face != nil
	}
	return e
}

// glyph returns the character's fastGlyph in a group.
func (s *state) glyph(in *runeInfo, group int) *fastGlyph {
	if g := in.fg[group].Load(); g != nil {
		return g
	}
	g := s.fastGlyph(in.c.Face, in.r, group)
	in.fg[group].Store(g)
	return g
}

// fastWord lays out w from the per-character cache into s.fastBuf (one
// entry per character, in order) and reports whether every character could
// take the fast path. The result equals s.shape(w, res, unit) for unit size;
// noKern is unit.NoKerning.
func (s *state) fastWord(w []rune, res *Resolver, noKern bool) bool {
	s.fastBuf = s.fastBuf[:0]
	s.infoBuf = s.infoBuf[:0]
	var groups uint8
	for _, r := range w {
		in := res.info(r)
		if !in.simple {
			return false
		}
		if in.group != groupCommon {
			groups |= 1 << in.group
		}
		s.infoBuf = append(s.infoBuf, in)
	}
	if groups == 0 {
		groups = 1 << groupCommon
	}
	single := groups&(groups-1) == 0
	for i, in := range s.infoBuf {
		// A letter takes its group's glyph; a common character one of
		// the word's groups', so they must agree.
		cand := groups
		if in.group != groupCommon {
			cand = 1 << in.group
		}
		var g *fastGlyph
		for m := cand; m != 0; m &= m - 1 {
			o := s.glyph(in, bits.TrailingZeros8(m))
			if !o.ok || (g != nil && (o.gid != g.gid || o.adv != g.adv)) {
				return false
			}
			g = o
		}
		if i > 0 {
			// Kerning inside a run goes on the first glyph's advance; a
			// possible ligature or contextual rule is left to the shaper.
			p := &s.fastBuf[i-1]
			pin := s.infoBuf[i-1]
			pcand := groups
			if pin.group != groupCommon {
				pcand = 1 << pin.group
			}
			// The pair shares a run only in a group both may be in; two
			// letters of one group always do, and so does any pair of a
			// one-group word.
			if both := pcand & cand; p.c.Face == in.c.Face && both != 0 &&
				(p.g.ligStart || hasBit(p.g.l.pairFirst, p.g.gid) || both&(both-1) != 0) {
				exact := single || (pin.group != groupCommon && in.group != groupCommon)
				dx, ok := s.pairKern(pin, in, both, noKern || !exact)
				if !ok {
					return false
				}
				p.adv += dx
			}
		}
		s.fastBuf = append(s.fastBuf, fastChar{c: in.c, g: g, adv: g.adv})
	}
	return true
}

// pairKern returns the kerning of adjacent characters of one face (26.6
// font units, added to a's advance) when they are shaped in one run of a
// group in mask; ok is false when they may form a ligature or meet a
// contextual rule, or be positioned in a way the fast path does not
// reproduce. With zeroOnly any adjustment is refused: fontKerning none, or
// the shaper's runs may split the pair (common characters join a
// neighbour's run where the fast path cannot tell exactly, and nothing
// pairs across runs), so 0 is the answer only if no run would kern it.
func (s *state) pairKern(a, b *runeInfo, mask uint8, zeroOnly bool) (dx int32, ok bool) {
	for m := mask; m != 0; m &= m - 1 {
		grp := bits.TrailingZeros8(m)
		ga, gb := s.glyph(a, grp), s.glyph(b, grp)
		l := ga.l
		k, ok := s.kernOf(ga, gb)
		if !ok || (zeroOnly && k != 0) {
			return 0, false
		}
		dx = k * 64
		if ga.ligStart {
			for _, x := range ga.chain {
				for _, y := range gb.chain {
					if l.ligates(x, y) || l.contextFires(x, y) {
						return 0, false
					}
				}
			}
		}
	}
	return dx, true
}

type fastChar struct {
	c   Choice
	g   *fastGlyph
	adv int32 // g.adv plus the kerning with the next character
}

func gdefMark(f *Face, gid font.GID) bool {
	cd := f.font.GDEF.GlyphClassDef
	if cd == nil {
		return false
	}
	c, ok := cd.Class(tables.GlyphID(gid))
	return ok && c == 3
}
