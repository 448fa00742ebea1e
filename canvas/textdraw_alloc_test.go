package canvas

import "testing"

// TestFillTextAllocs: once the fonts, shaped words, outlines, glyph masks and
// colour glyph images are cached, setting ctx.font and filling a line
// allocates nothing, for outline glyphs, COLR glyphs and bitmap emoji alike.
func TestFillTextAllocs(t *testing.T) {
	if raceBuild {
		t.Skip("allocation counts of pooled storage are random under the race detector")
	}
	setupColrFonts(t)
	for _, tc := range []struct{ font, text string }{
		{"24px sans-serif", "Poster 海报 限时优惠 price ¥99"},
		{"32px ColrOne", "BDEFGHIJ"},
		{"32px ColrZero", "BCBC"},
		{"40px sans-serif", "A😀b🎉中👍"},
	} {
		cv, err := NewCanvas(600, 80)
		must(t, err)
		ctx := cv.Context2D()
		draw := func() {
			ctx.SetFont(tc.font)
			ctx.FillText(tc.text, 10.25, 50)
		}
		draw()
		if n := testing.AllocsPerRun(20, draw); n != 0 {
			t.Errorf("%s %q: %v allocations per line", tc.font, tc.text, n)
		}
	}
}
