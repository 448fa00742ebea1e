package text

import (
	"fmt"
	"os"
	"testing"

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
// must go through the shaper.
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
	for _, w := range []string{"商品", "价格", "¥", "。", "quality", "1234", "¥99.99", "AVATAR", "Item-5678", "Tokyo"} {
		if !s.fastWord([]rune(w), res, false) {
			t.Errorf("%q does not take the fast path", w)
		}
	}
	for _, w := range []string{"e\u0301", "عربي", "😀", "カタカナ", "office", "fi"} {
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
