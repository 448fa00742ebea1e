package text

import (
	"fmt"
	"os"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"golang.org/x/image/font/gofont/goregular"
)

// TestFastPathIdentical checks that the simple-word fast path gives exactly
// the glyphs, positions and widths of full shaping, for fonts with and
// without OpenType layout (kerning, ligatures, CJK locl) and text that mixes
// Latin, Chinese, CJK punctuation (whose spacing is trimmed), digits and
// characters that must take the shaper (marks, Arabic, emoji, ligatures).
func TestFastPathIdentical(t *testing.T) {
	reg := NewRegistry(nil)
	if err := reg.Register("Go", goregular.TTF, Descriptor{}); err != nil {
		t.Fatal(err)
	}
	queries := []Query{
		{Families: []Family{{Name: "Go"}, {Name: "sans-serif", Generic: true}}},
		{Families: []Family{{Name: "sans-serif", Generic: true}}},
		{Families: []Family{{Name: "serif", Generic: true}}},
		{Families: []Family{{Name: "Noto Sans CJK SC"}}},
		{Families: []Family{{Name: "DejaVu Sans"}}},
	}
	if data, err := os.ReadFile("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"); err == nil {
		if err := reg.Register("Droid", data, Descriptor{}); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, Query{Families: []Family{{Name: "Droid"}}})
	}
	if data, err := os.ReadFile("../../testdata/text/OpenSans-Regular.woff2"); err == nil {
		if err := reg.Register("Open Sans", data, Descriptor{}); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, Query{Families: []Family{{Name: "Open Sans"}, {Name: "Noto Sans CJK SC"}}})
	}
	texts := []string{
		"Typography AVAVA To Ty Yo Wa Vote LT 'A' \"Y\" f. r, y. P. F, 7. 1/4 11 17 71",
		"Item-5678 price¥99 Tokyo2026 fifty office affluent ff fi fl ffl",
		"商品Item-5678价格 AV商 ¥99.99元 (Tokyo) 「Tokyo」 1,000,000.00",
		"ÀÉÎõü Ærøskøbing Łódź ŒUVRE ĳ Ǆ ß ſt",
		"quick jumps pijama fijn ij ĳ i. j, ï í ì î Ti Tj fi; 1st 2nd H2O x2 a-b --> <= != ->",
		"商品 1234 价格 ¥99.99 Item-5678",
		"Hello, world! office fifty AVATAR Tokyo",
		"「你好」，（世界）。、《书》・テスト",
		"海报 Poster 限时优惠 2026 新品上市 quality",
		"e\u0301 cafe\u0301 naïve ﬁ",
		"emoji 😀 and ❤️ 1/2 ½ 3⁄4",
		"mixed عربي text",
		"  spaces   between  ",
		"ＡＢＣ　全角　スペース",
		"한국어 텍스트",
		"AVATAR Tokyo To. Wa, LTA 1234567890 Item-5678 ¥99.99 Poster",
		"ひらがな 1,000円 カタカナ。「日本語」",
		"Привет 123 Ελληνικά 456",
	}
	for qi, q := range queries {
		res := reg.Resolver(q)
		for _, s := range texts {
			for _, st := range []Style{{Size: 24}, {Size: 37.5}, {Size: 13, NoKerning: true}, {Size: 20, NoLigatures: true}, {Size: 30, Lang: "ja"}, {Size: 16, Lang: "zh-CN"}} {
				FastPath = false
				want := Shape(s, res, st)
				FastPath = true
				got := Shape(s, res, st)
				if d := diffLines(want, got); d != "" {
					t.Errorf("query %d %q %+v: %s", qi, s, st, d)
				}
			}
		}
	}
}

func diffLines(a, b Line) string {
	if a.Width != b.Width {
		return fmt.Sprintf("width %v, fast %v", a.Width, b.Width)
	}
	if len(a.Runs) != len(b.Runs) {
		return fmt.Sprintf("%d runs, fast %d", len(a.Runs), len(b.Runs))
	}
	for i := range a.Runs {
		ra, rb := a.Runs[i], b.Runs[i]
		if ra.Choice != rb.Choice || ra.RTL != rb.RTL || len(ra.Glyphs) != len(rb.Glyphs) {
			return fmt.Sprintf("run %d differs: %+v/%d vs %+v/%d", i, ra.Choice, len(ra.Glyphs), rb.Choice, len(rb.Glyphs))
		}
		for j := range ra.Glyphs {
			if ra.Glyphs[j] != rb.Glyphs[j] {
				return fmt.Sprintf("run %d glyph %d: %+v, fast %+v", i, j, ra.Glyphs[j], rb.Glyphs[j])
			}
		}
	}
	return ""
}

// TestFastPathTaken makes sure the fast path is not vacuous: Chinese words,
// numbers, and Latin words take it. Droid Sans Fallback has no Latin; it
// falls back to Noto Sans CJK, which kerns "AV" and "te" (the kerning is
// applied from the pair tables), whose Latin-script locl lookup substitutes
// digits (a context-free single substitution), and whose ligatures (ffi, fi)
// must go through the shaper; kana takes it, Hangul (its own shaper) not.
func TestFastPathTaken(t *testing.T) {
	data, err := os.ReadFile("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
	if err != nil {
		t.Skip(err)
	}
	reg := NewRegistry(nil)
	if err := reg.Register("Droid", data, Descriptor{}); err != nil {
		t.Fatal(err)
	}
	res := reg.Resolver(Query{Families: []Family{{Name: "Droid"}}})
	s := statePool.Get().(*state)
	defer statePool.Put(s)
	for _, w := range []string{"商品", "价格", "¥", "。", "quality", "1234", "¥99.99", "AVATAR", "Item-5678", "Tokyo", "カタカナ", "ひらがな"} {
		if !s.fastWord([]rune(w), res, false) {
			t.Errorf("%q does not take the fast path", w)
		}
	}
	for _, w := range []string{"e\u0301", "عربي", "😀", "한국어", "office", "fi"} {
		if s.fastWord([]rune(w), res, false) {
			t.Errorf("%q takes the fast path", w)
		}
	}
}

// TestShapeBufIdentical checks that shaping into reused storage gives the
// lines Shape gives, one string after another through one buffer.
func TestShapeBufIdentical(t *testing.T) {
	res := Default.Resolver(Query{Families: []Family{{Name: "sans-serif", Generic: true}}})
	var buf LineBuf
	for _, s := range []string{"商品 1234 价格 ¥99.99 Item-5678", "a", "Hello, world! office AVATAR", "", "「你好」，（世界）。", "mixed عربي text"} {
		st := Style{Size: 24}
		if d := diffLines(Shape(s, res, st), ShapeBuf(s, res, st, &buf)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
}

// TestContextPairs checks how contextual subtables are read: a rule needing
// a following glyph (by id, by class, by coverage, as input or lookahead)
// fires only before a glyph that can be it, and a rule that needs none
// (one input glyph, or one and a backtrack) puts its glyph with the
// ordinary lookups.
func TestContextPairs(t *testing.T) {
	cov := func(g ...tables.GlyphID) tables.Coverage1 { return tables.Coverage1{Glyphs: g} }
	cls := tables.ClassDef1{StartGlyphID: 10, ClassValueArray: []uint16{1, 2, 2, 3}} // 10:1 11:2 12:2 13:3, others 0
	subs := []struct {
		name string
		sub  ctxSub
		// pairs that may fire, pairs that may not, glyphs that fire alone
		fire, quiet [][2]font.GID
		alone       []font.GID
	}{
		{"glyph input", ctxSub{cov(10, 20), tables.SequenceContextFormat1{SeqRuleSet: []tables.SequenceRuleSet{
			{SeqRule: []tables.SequenceRule{{InputSequence: []tables.GlyphID{11, 12}}}},
			{SeqRule: []tables.SequenceRule{{}}}}}},
			[][2]font.GID{{10, 11}}, [][2]font.GID{{10, 12}, {11, 11}}, []font.GID{20}},
		{"class input", ctxSub{cov(10, 11), tables.SequenceContextFormat2{ClassDef: cls, ClassSeqRuleSet: []tables.SequenceRuleSet{
			{}, {SeqRule: []tables.SequenceRule{{InputSequence: []tables.GlyphID{2}}}}, {SeqRule: []tables.SequenceRule{{InputSequence: []tables.GlyphID{0}}}}}}},
			[][2]font.GID{{10, 11}, {10, 12}, {11, 50}}, [][2]font.GID{{10, 13}, {10, 50}, {11, 10}}, nil},
		{"coverage input", ctxSub{cov(10), tables.SequenceContextFormat3{Coverages: []tables.Coverage{cov(10), cov(30, 31)}}},
			[][2]font.GID{{10, 31}}, [][2]font.GID{{10, 32}}, nil},
		{"chained glyph lookahead", ctxSub{cov(10, 11), tables.ChainedSequenceContextFormat1{ChainedSeqRuleSet: []tables.ChainedSequenceRuleSet{
			{ChainedSeqRules: []tables.ChainedSequenceRule{{LookaheadSequence: []tables.GlyphID{40}}}},
			{ChainedSeqRules: []tables.ChainedSequenceRule{{BacktrackSequence: []tables.GlyphID{5}}}}}}},
			[][2]font.GID{{10, 40}}, [][2]font.GID{{10, 41}}, []font.GID{11}},
		{"chained class input and lookahead", ctxSub{cov(10, 13), tables.ChainedSequenceContextFormat2{
			InputClassDef: cls, LookaheadClassDef: tables.ClassDef1{StartGlyphID: 60, ClassValueArray: []uint16{7}},
			ChainedClassSeqRuleSet: []tables.ChainedSequenceRuleSet{{}, {ChainedSeqRules: []tables.ChainedSequenceRule{{LookaheadSequence: []tables.GlyphID{7}}}},
				{}, {ChainedSeqRules: []tables.ChainedSequenceRule{{InputSequence: []tables.GlyphID{3}}}}}}},
			[][2]font.GID{{10, 60}, {13, 13}}, [][2]font.GID{{10, 61}, {13, 12}}, nil},
		{"chained coverage", ctxSub{cov(10, 11), tables.ChainedSequenceContextFormat3{InputCoverages: []tables.Coverage{cov(10, 11)},
			LookaheadCoverages: []tables.Coverage{cov(70)}}},
			[][2]font.GID{{10, 70}, {11, 70}}, [][2]font.GID{{10, 71}}, nil},
	}
	for _, c := range subs {
		var l layoutGlyphs
		if !l.addContext(c.sub) {
			t.Fatalf("%s: coverage not enumerated", c.name)
		}
		for _, p := range c.fire {
			if !l.contextFires(p[0], p[1]) {
				t.Errorf("%s: %v does not fire", c.name, p)
			}
		}
		for _, p := range c.quiet {
			if l.contextFires(p[0], p[1]) {
				t.Errorf("%s: %v fires", c.name, p)
			}
		}
		for _, g := range c.alone {
			if !hasBit(l.bits, g) || hasBit(l.ctxFirst, g) {
				t.Errorf("%s: glyph %d firing alone is not an ordinary lookup's", c.name, g)
			}
		}
	}
}

// TestFastPathPairs compares the fast path with full shaping on every pair
// of letters and digits of the Latin, Cyrillic, Greek and kana groups, in
// fonts with GPOS kerning (Open Sans, Noto CJK, whose Cyrillic and Greek
// class pairs go-text leaves unkerned) and with a kern table (DejaVu).
func TestFastPathPairs(t *testing.T) {
	reg := NewRegistry(nil)
	queries := []Query{{Families: []Family{{Name: "Noto Sans CJK SC"}}}, {Families: []Family{{Name: "DejaVu Sans"}}}}
	if data, err := os.ReadFile("../../testdata/text/OpenSans-Regular.woff2"); err == nil {
		if err := reg.Register("Open Sans", data, Descriptor{}); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, Query{Families: []Family{{Name: "Open Sans"}}})
	}
	sets := []string{"AFLPTVWYadefiloprtvwy017.,-'\"", "АГДЛРТУЬадлртуь", "ΑΓΛΤΥΩαγλτυω", "あいかきのカタトリーッ"}
	for _, q := range queries {
		res := reg.Resolver(q)
		for _, set := range sets {
			rs := []rune(set)
			for _, a := range rs {
				for _, b := range rs {
					w := string([]rune{a, b})
					FastPath = false
					want := Shape(w, res, Style{Size: 100})
					FastPath = true
					if d := diffLines(want, Shape(w, res, Style{Size: 100})); d != "" {
						t.Errorf("%v %q: %s", q.Families[0].Name, w, d)
					}
				}
			}
		}
	}
}
