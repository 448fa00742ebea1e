package canvas

import (
	"math"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/text"
)

// TestMeasureFastIdentical checks measureText's glyph-free path two ways:
// its extents are bit for bit those of shaping the line and walking its
// glyphs' boxes (the path it replaces), and every TextMetrics field equals
// what full HarfBuzz shaping gives with the fast path switched off. Fonts
// cover kerning and ligatures (Open Sans, Noto CJK), synthetic bold and
// italic (GoRegularOnly), a CJK fallback chain and the system sans-serif;
// texts cover CJK punctuation trimming, digits, spaces and text that must
// be shaped.
func TestMeasureFastIdentical(t *testing.T) {
	setupTestFonts(t)
	fonts := []string{"24px GoTest", "bold 24px GoRegularOnly", "italic 30px GoRegularOnly",
		"bold italic 17.5px GoRegularOnly", "37.5px OpenSansW2, 'Noto Sans CJK SC'", "13px sans-serif",
		"20px 'Noto Sans CJK SC'", "bold 22px 'Noto Sans CJK SC'", "16px serif", "31px GoMonoTest"}
	if hasSystemFamily("Droid Sans Fallback") {
		fonts = append(fonts, "24px 'Droid Sans Fallback'")
	}
	texts := []string{
		"", " ", "   ", "商品 123 价格 ¥12.99 Item-861", "Typography AVAVA To Ty Yo Wa Vote LT",
		"Hello, world! office fifty", "「你好」，（世界）。、《书》・テスト", "「你好」，（世界）。、《书》「）」", "你好，（世界）。", "海报 Poster 限时优惠 2026 新品上市 quality",
		"tab\there\nnewline\rcr\fff", "  spaces   between  ", "1,000,000.00 ¥99.99 €5 $7 100%",
		"e\u0301 cafe\u0301 naïve", "mixed عربي text", "emoji 😀 ok", "Привет 123", "ÀÉÎõü Ærøskøbing Łódź",
		"商品Item-5678价格 AV商 (Tokyo) 「Tokyo」", strings.Repeat("长", 300),
	}
	cv, _ := NewCanvas(8, 8)
	ctx := cv.Context2D()
	fast := 0
	for _, f := range fonts {
		ctx.SetFont(f)
		for _, s := range texts {
			ts, ok := ctx.textSetup()
			if !ok {
				t.Fatalf("%s: no text setup", f)
			}
			ext, ok := text.Measure(s, ts.res, ts.style)
			if ok {
				fast++
				line := text.ShapeBuf(s, ts.res, ts.style, new(text.LineBuf))
				minX, minY, maxX, maxY, ink := inkBounds(&line)
				want := text.Extents{Width: line.Width, MinX: minX, MinY: minY, MaxX: maxX, MaxY: maxY, Ink: ink, Primary: line.Primary}
				if !sameBits(ext, want) {
					t.Errorf("%s %q: measured %+v, shaped %+v", f, s, ext, want)
				}
			}
			for _, align := range []string{"start", "center", "right"} {
				for _, base := range []string{"alphabetic", "top", "ideographic"} {
					ctx.SetTextAlign(align)
					ctx.SetTextBaseline(base)
					got := ctx.MeasureText(s)
					text.FastPath = false
					want := ctx.MeasureText(s)
					text.FastPath = true
					if got != want {
						t.Errorf("%s %q %s %s:\n got %+v\nwant %+v", f, s, align, base, got, want)
					}
				}
			}
		}
	}
	// The benchmark's strings and plain Latin and Chinese must not need
	// shaping.
	ctx.SetFont("24px OpenSansW2, 'Noto Sans CJK SC'")
	ts, _ := ctx.textSetup()
	for _, s := range []string{"商品 123 价格 ¥12.99 Item-861", "Typography AVAVA To", "海报 Poster 限时优惠"} {
		if _, ok := text.Measure(s, ts.res, ts.style); !ok {
			t.Errorf("%q is shaped", s)
		}
	}
	if fast < len(fonts)*len(texts)/3 {
		t.Errorf("only %d of %d lines measured without shaping", fast, len(fonts)*len(texts))
	}
}

func sameBits(a, b text.Extents) bool {
	eq := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	return eq(a.Width, b.Width) && a.Ink == b.Ink && a.Primary == b.Primary &&
		(!a.Ink || eq(a.MinX, b.MinX) && eq(a.MinY, b.MinY) && eq(a.MaxX, b.MaxX) && eq(a.MaxY, b.MaxY))
}
