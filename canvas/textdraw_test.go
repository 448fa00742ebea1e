package canvas

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gomono"

	"github.com/seed92233726/mediad/canvas/internal/text"
	"github.com/seed92233726/mediad/internal/browser"
)

// inkBox returns the bounding box of pixels with alpha, or ok=false.
func inkBox(cv *Canvas) (x0, y0, x1, y1 int, ok bool) {
	img := cv.RGBA()
	x0, y0 = math.MaxInt, math.MaxInt
	for y := 0; y < img.Rect.Dy(); y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			if img.Pix[y*img.Stride+4*x+3] != 0 {
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x+1), max(y1, y+1)
				ok = true
			}
		}
	}
	return
}

// TestFallbackNoNotdef: a string mixing Latin, Chinese, Arabic and emoji,
// in a font list naming only a Latin font, shapes with no .notdef glyph for
// any character an installed font covers, and Chinese goes to a CJK font.
func TestFallbackNoNotdef(t *testing.T) {
	setupTestFonts(t)
	if !hasSystemFamily("Noto Sans CJK SC") {
		t.Fatal("Noto Sans CJK SC is not installed: scripts/deps.sh must install fonts-noto-cjk")
	}
	s := "Poster 海报 مرحبا بالعالم 😀 Ünïcödé ½ №"
	for _, fontSpec := range []string{"20px GoTest", "20px sans-serif", "20px serif", "20px 'No Such Font'", "bold 20px monospace"} {
		t.Run(fontSpec, func(t *testing.T) {
			cv, _ := NewCanvas(8, 8)
			ctx := cv.Context2D()
			ctx.SetFont(fontSpec)
			ts, ok := ctx.textSetup()
			if !ok {
				t.Fatal("no text setup")
			}
			line := text.Shape(s, ts.res, ts.style)
			runes := []rune(s)
			for _, r := range line.Runs {
				for _, g := range r.Glyphs {
					if g.ID == 0 {
						t.Errorf("character %q (U+%04X) drew .notdef from %s", g.Rune, g.Rune, r.Face.Family)
					}
					if g.Rune == '海' && !strings.Contains(strings.ToLower(r.Face.Family), "cjk") {
						t.Errorf("Chinese went to %s, want a Noto CJK face", r.Face.Family)
					}
				}
			}
			if line.Width <= 0 || len(runes) == 0 {
				t.Errorf("empty line")
			}
		})
	}
}

// TestChineseOnBareMachine: with no font registered by the program, Chinese
// in the default font renders ink (the installed Noto CJK), not boxes: the
// glyphs of different characters differ.
func TestChineseOnBareMachine(t *testing.T) {
	draw := func(s string) *Canvas {
		cv, _ := NewCanvas(120, 40)
		ctx := cv.Context2D()
		ctx.SetFont("24px sans-serif")
		ctx.FillText(s, 4, 30)
		return cv
	}
	a, b := draw("中文"), draw("海报")
	if _, _, _, _, ok := inkBox(a); !ok {
		t.Fatal("Chinese drew nothing (is fonts-noto-cjk installed? scripts/deps.sh installs it)")
	}
	same := true
	for i := range a.RGBA().Pix {
		if a.RGBA().Pix[i] != b.RGBA().Pix[i] {
			same = false
			break
		}
	}
	if same {
		t.Error("different Chinese characters drew identical pixels (tofu boxes)")
	}
}

func TestFillTextArguments(t *testing.T) {
	setupTestFonts(t)
	tests := []struct {
		name    string
		font    string
		text    string
		x, y    float64
		max     []float64
		wantInk bool
	}{
		{"plain", "20px GoTest", "Hello", 10, 30, nil, true},
		{"maxWidth zero draws nothing", "20px GoTest", "Hello", 10, 30, []float64{0}, false},
		{"maxWidth negative draws nothing", "20px GoTest", "Hello", 10, 30, []float64{-5}, false},
		{"maxWidth NaN draws nothing", "20px GoTest", "Hello", 10, 30, []float64{math.NaN()}, false},
		{"maxWidth +Inf is no limit", "20px GoTest", "Hello", 10, 30, []float64{math.Inf(1)}, true},
		{"NaN position draws nothing", "20px GoTest", "Hello", math.NaN(), 30, nil, false},
		{"empty string", "20px GoTest", "", 10, 30, nil, false},
		{"only spaces", "20px GoTest", "   ", 10, 30, nil, false},
		{"absurd font size is refused", "100000px GoTest", "Hello", 10, 30, nil, false},
		{"far off canvas", "20px GoTest", "Hello", 1e9, 30, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cv, _ := NewCanvas(200, 50)
			ctx := cv.Context2D()
			ctx.SetFont(tc.font)
			ctx.FillText(tc.text, tc.x, tc.y, tc.max...)
			if _, _, _, _, ok := inkBox(cv); ok != tc.wantInk {
				t.Errorf("ink = %v, want %v", ok, tc.wantInk)
			}
		})
	}
}

// TestMaxWidthCondenses: text wider than maxWidth is scaled to fit it,
// about the alignment point, as browsers do.
func TestMaxWidthCondenses(t *testing.T) {
	setupTestFonts(t)
	for _, align := range []string{"left", "center", "right"} {
		cv, _ := NewCanvas(300, 40)
		ctx := cv.Context2D()
		ctx.SetFont("20px GoTest")
		ctx.SetTextAlign(align)
		w := ctx.MeasureText("A fairly long line").Width
		ax := map[string]float64{"left": 50, "center": 150, "right": 250}[align]
		ctx.FillText("A fairly long line", ax, 30, 100)
		x0, _, x1, _, ok := inkBox(cv)
		if !ok || w <= 100 {
			t.Fatalf("%s: ink %v, width %v", align, ok, w)
		}
		left := map[string]float64{"left": ax, "center": ax - 50, "right": ax - 100}[align]
		if float64(x0) < left-1 || float64(x1) > left+101 || x1-x0 < 90 {
			t.Errorf("%s: ink spans [%d, %d), want inside [%g, %g]", align, x0, x1, left, left+100)
		}
	}
}

func TestLoadFontFace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mono.ttf")
	must(t, os.WriteFile(path, gomono.TTF, 0o644))
	dataURL := "data:font/ttf;base64," + base64.StdEncoding.EncodeToString(gomono.TTF)
	tests := []struct {
		name    string
		source  string
		desc    FontDescriptors
		allowed []string
		wantErr error
	}{
		{"data URL in url()", `url("` + dataURL + `")`, FontDescriptors{}, nil, nil},
		{"bare data URL", dataURL, FontDescriptors{Weight: "bold"}, nil, nil},
		{"file path", path, FontDescriptors{Style: "italic"}, nil, nil},
		{"file URL in url()", "url('file://" + path + "')", FontDescriptors{Weight: "300"}, nil, nil},
		{"allowed directory", path, FontDescriptors{}, []string{dir}, nil},
		{"outside the allowed directories", path, FontDescriptors{}, []string{"/nonexistent"}, ErrFontSource},
		{"network URL is refused", `url("https://example.com/a.ttf")`, FontDescriptors{}, nil, ErrFontSource},
		{"missing file", filepath.Join(dir, "none.ttf"), FontDescriptors{}, nil, ErrFontSource},
		{"bad base64", "data:font/ttf;base64,@@@", FontDescriptors{}, nil, ErrFontSource},
		{"not a font", "data:text/plain,hello", FontDescriptors{}, nil, ErrSyntax},
		{"bad weight", dataURL, FontDescriptors{Weight: "heavy"}, nil, ErrSyntax},
		{"bad style", dataURL, FontDescriptors{Style: "slanted"}, nil, ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := LoadFontFace("LoadTest "+tc.name, tc.source, tc.desc, tc.allowed...)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				cv, _ := NewCanvas(8, 8)
				ctx := cv.Context2D()
				ctx.SetFont(`20px "LoadTest ` + tc.name + `"`)
				// Go Mono: every advance is 1229/2048 em.
				if w := ctx.MeasureText("iiii").Width; math.Abs(w-4*1229.0/2048*20) > 1e-9 {
					t.Errorf("width %v: the registered font is not used", w)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}
}

// TestHugeText: long strings are capped, not allowed to run away.
func TestHugeText(t *testing.T) {
	setupTestFonts(t)
	cv, _ := NewCanvas(100, 30)
	ctx := cv.Context2D()
	ctx.SetFont("12px GoTest")
	s := strings.Repeat("long text 长文本 ", 20000) // 280,000 characters
	start := time.Now()
	ctx.FillText(s, 0, 20)
	m := ctx.MeasureText(s)
	if el := time.Since(start); el > 20*time.Second {
		t.Errorf("took %v", el)
	}
	if m.Width <= 0 || m.Width > float64(text.MaxRunes)*13 {
		t.Errorf("width %v", m.Width)
	}
}

func TestLayoutText(t *testing.T) {
	setupTestFonts(t)
	cv, _ := NewCanvas(300, 300)
	ctx := cv.Context2D()
	ctx.SetFont("20px GoMonoTest")
	adv := 1229.0 / 2048 * 20 // Go Mono advance at 20px
	tests := []struct {
		name      string
		text      string
		box       TextBox
		want      []string
		truncated bool
	}{
		{"wraps at spaces", "aaa bbb ccc", TextBox{Width: 7 * adv}, []string{"aaa bbb", "ccc"}, false},
		{"max lines with ellipsis", "aaa bbb ccc ddd", TextBox{Width: 7 * adv, MaxLines: 1}, []string{"aaa bb…"}, true},
		{"custom ellipsis", "aaa bbb ccc ddd", TextBox{Width: 7 * adv, MaxLines: 1, Ellipsis: "..."}, []string{"aaa..."}, true}, // spaces before the ellipsis are dropped
		{"no ellipsis", "aaa bbb ccc ddd", TextBox{Width: 7 * adv, MaxLines: 1, NoEllipsis: true}, []string{"aaa bbb"}, true},
		{"height limits lines", "aaa bbb ccc ddd", TextBox{Width: 3 * adv, LineHeight: 30, Height: 65}, []string{"aaa", "bb…"}, true},
		{"newlines", "a\nb", TextBox{Width: 100}, []string{"a", "b"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ctx.LayoutText(tc.text, 0, 0, tc.box)
			var got []string
			for _, l := range res.Lines {
				got = append(got, l.Text)
				if tc.box.Width > 0 && l.Width > tc.box.Width+1e-9 {
					t.Errorf("line %q is %v wide, box %v", l.Text, l.Width, tc.box.Width)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || res.Truncated != tc.truncated {
				t.Errorf("lines %q truncated %v, want %q %v", got, res.Truncated, tc.want, tc.truncated)
			}
		})
	}
	// Alignment and line height.
	res := ctx.LayoutText("ab\nabcd", 10, 100, TextBox{Width: 200, Align: "center", LineHeight: 1.5})
	if len(res.Lines) != 2 || res.Lines[1].Y-res.Lines[0].Y != 30 ||
		math.Abs(res.Lines[0].X-(10+(200-2*adv)/2)) > 1e-9 || math.Abs(res.Lines[1].X-(10+(200-4*adv)/2)) > 1e-9 {
		t.Errorf("centred layout %+v", res.Lines)
	}
	// Drawing puts ink inside the box.
	res = ctx.FillTextBox("中文排版测试，标点不在行首。Poster layout", 20, 20, TextBox{Width: 120})
	x0, y0, x1, y1, ok := inkBox(cv)
	if !ok || x0 < 19 || x1 > 141 || y0 < 19 || float64(y1) > 20+res.Height+1 {
		t.Errorf("ink box (%d,%d)-(%d,%d) outside the text box (height %v)", x0, y0, x1, y1, res.Height)
	}
	for _, l := range res.Lines {
		if r := []rune(l.Text); len(r) > 0 && strings.ContainsRune("，。", r[0]) {
			t.Errorf("line %q starts with punctuation", l.Text)
		}
	}
}

// gridScene draws every textAlign × textBaseline combination against guide
// lines, plus direction, spacing, maxWidth, stroke and a transform; the same
// scene runs in Chromium (gridSceneJS) for the reference.
func gridScene(ctx *Context2D) {
	ctx.SetFillStyle("#fff")
	ctx.FillRect(0, 0, 520, 420)
	aligns := []string{"left", "center", "right", "start", "end"}
	baselines := []string{"top", "hanging", "middle", "alphabetic", "ideographic", "bottom"}
	for i, b := range baselines {
		y := 30.0 + float64(i)*50
		ctx.SetFillStyle("#f88")
		ctx.FillRect(0, y, 520, 1)
		for j, a := range aligns {
			x := 50.0 + float64(j)*100
			ctx.SetFillStyle("#88f")
			ctx.FillRect(x, y-20, 1, 40)
			ctx.SetFillStyle("#000")
			ctx.SetFont("18px GoTest")
			ctx.SetTextAlign(a)
			ctx.SetTextBaseline(b)
			ctx.FillText("Ag"+b[:2], x, y)
		}
	}
	ctx.SetTextBaseline("alphabetic")
	ctx.SetTextAlign("start")
	ctx.SetDirection("rtl")
	ctx.SetFont("italic 16px GoTest")
	ctx.FillText("rtl start", 510, 340)
	ctx.SetDirection("ltr")
	ctx.SetFont("bold 16px GoTest")
	ctx.SetLetterSpacing("2px")
	ctx.FillText("spaced", 10, 340)
	ctx.SetLetterSpacing("0px")
	ctx.SetFont("16px GoTest")
	ctx.FillText("condensed by maxWidth", 150, 340, 100)
	ctx.SetStrokeStyle("#060")
	ctx.SetLineWidth(1)
	ctx.SetFont("40px GoTest")
	ctx.StrokeText("Stroke", 10, 400)
	ctx.SetFont("bold italic 20px GoRegularOnly")
	ctx.FillText("synthetic", 150, 375)
	ctx.SetFont("20px OpenSansW2")
	ctx.FillText("WOFF2 Åg&", 380, 310)
	ctx.Save()
	ctx.Translate(300, 390)
	ctx.Rotate(-0.2)
	ctx.SetFillStyle("rgba(0,0,200,0.7)")
	ctx.SetFont("24px GoTest")
	ctx.FillText("rotated", 0, 0)
	ctx.Restore()
}

const gridSceneJS = `
ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 520, 420);
const aligns = ['left', 'center', 'right', 'start', 'end'];
const baselines = ['top', 'hanging', 'middle', 'alphabetic', 'ideographic', 'bottom'];
baselines.forEach((b, i) => {
  const y = 30 + i * 50;
  ctx.fillStyle = '#f88'; ctx.fillRect(0, y, 520, 1);
  aligns.forEach((a, j) => {
    const x = 50 + j * 100;
    ctx.fillStyle = '#88f'; ctx.fillRect(x, y - 20, 1, 40);
    ctx.fillStyle = '#000'; ctx.font = '18px GoTest';
    ctx.textAlign = a; ctx.textBaseline = b;
    ctx.fillText('Ag' + b.slice(0, 2), x, y);
  });
});
ctx.textBaseline = 'alphabetic'; ctx.textAlign = 'start';
ctx.direction = 'rtl'; ctx.font = 'italic 16px GoTest'; ctx.fillText('rtl start', 510, 340);
ctx.direction = 'ltr'; ctx.font = 'bold 16px GoTest'; ctx.letterSpacing = '2px'; ctx.fillText('spaced', 10, 340);
ctx.letterSpacing = '0px'; ctx.font = '16px GoTest'; ctx.fillText('condensed by maxWidth', 150, 340, 100);
ctx.strokeStyle = '#060'; ctx.lineWidth = 1; ctx.font = '40px GoTest'; ctx.strokeText('Stroke', 10, 400);
ctx.font = 'bold italic 20px GoRegularOnly'; ctx.fillText('synthetic', 150, 375);
ctx.font = '20px OpenSansW2'; ctx.fillText('WOFF2 Åg&', 380, 310);
ctx.save(); ctx.translate(300, 390); ctx.rotate(-0.2); ctx.fillStyle = 'rgba(0,0,200,0.7)';
ctx.font = '24px GoTest'; ctx.fillText('rotated', 0, 0); ctx.restore();
`

// noHintingConf makes Chromium's canvas text unhinted (its hinting comes
// from fontconfig, see the Chromium notes), so glyph shapes are comparable.
const noHintingConf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="font">
    <edit name="hinting" mode="assign"><bool>false</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
  </match>
</fontconfig>
`

// TestTextGridChromium compares the alignment/baseline grid with Chromium's
// rendering of the same JavaScript and font bytes (testdata/text/grid.png;
// MAKE_REF=1 regenerates it, with fontconfig hinting off). Tolerance, on
// premultiplied channels: glyph edges (a neighbour differs by more than 24
// levels) may differ by up to 96 levels — Skia's glyph masks are rendered at
// quarter-pixel positions with its own coverage quantisation, ours at the
// exact position; elsewhere 8 levels; at most 0.2% of the pixels may exceed
// their limit (measured: none does; the worst edge pixel is 88 levels off).
func TestTextGridChromium(t *testing.T) {
	setupTestFonts(t)
	ref := filepath.Join("testdata", "text", "grid.png")
	if os.Getenv("MAKE_REF") != "" {
		if _, err := browser.Find(); err != nil {
			t.Skipf("no Chromium to regenerate references: %v", err)
		}
		conf := filepath.Join(t.TempDir(), "fonts.conf")
		must(t, os.WriteFile(conf, []byte(noHintingConf), 0o644))
		t.Setenv("FONTCONFIG_FILE", conf)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		b, err := browser.Start(ctx)
		if err != nil {
			t.Skipf("cannot start Chromium: %v", err)
		}
		defer b.Close()
		res, err := b.RunCanvas(ctx, 520, 420, "return (async () => {\n"+fontFaceJS()+gridSceneJS+"})();")
		if err != nil || res.Error != "" {
			t.Fatalf("%v %s", err, res.Error)
		}
		must(t, writePNG(ref, res.Image))
		return
	}
	want, err := readPNG(ref)
	if err != nil {
		t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run TextGridChromium ./canvas)", err)
	}
	cv, err := NewCanvas(520, 420)
	must(t, err)
	gridScene(cv.Context2D())
	got := toNRGBA(cv)
	checkEdgeAware(t, want, got, edgeTolerance{interior: 8, edge: 96, fail: 520 * 420 / 500}, "text-grid.png")
}

// scriptsScene draws Chinese, Arabic (right to left) and a mixed fallback line
// with installed fonts that Chromium reads from the same files.
func scriptsScene(ctx *Context2D) {
	ctx.SetFillStyle("#fff")
	ctx.FillRect(0, 0, 420, 160)
	ctx.SetFillStyle("#000")
	ctx.SetFont(`28px "Noto Sans CJK SC"`)
	ctx.FillText("中文海报：标点「测试」。", 10, 40)
	ctx.SetFont(`24px "DejaVu Sans"`)
	ctx.SetDirection("rtl")
	ctx.FillText("مرحبا بالعالم 2026", 410, 85)
	ctx.SetDirection("ltr")
	ctx.SetFont(`22px "DejaVu Sans", "Noto Sans CJK SC"`)
	ctx.FillText("Mixed 混合 text", 10, 130)
	ctx.SetFont(`20px "DejaVu Sans"`)
	ctx.FillText("Hi مرحبا 123 ok", 220, 130)
}

const scriptsSceneJS = `
ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 420, 160); ctx.fillStyle = '#000';
ctx.font = '28px "Noto Sans CJK SC"'; ctx.fillText('中文海报：标点「测试」。', 10, 40);
ctx.font = '24px "DejaVu Sans"'; ctx.direction = 'rtl'; ctx.fillText('مرحبا بالعالم 2026', 410, 85);
ctx.direction = 'ltr'; ctx.font = '22px "DejaVu Sans", "Noto Sans CJK SC"'; ctx.fillText('Mixed 混合 text', 10, 130);
ctx.font = '20px "DejaVu Sans"'; ctx.fillText('Hi مرحبا 123 ok', 220, 130);
`

// TestScriptsChromium: Chinese (with CJK punctuation trimming), Arabic shaping
// right to left and per-character fallback render like Chromium, with the
// tolerance of TestTextGridChromium (testdata/text/scripts.png).
func TestScriptsChromium(t *testing.T) {
	for _, f := range []string{"Noto Sans CJK SC", "DejaVu Sans"} {
		if !hasSystemFamily(f) {
			t.Fatalf("%s is not installed (scripts/deps.sh installs fonts-noto-cjk and fonts-dejavu-core)", f)
		}
	}
	ref := filepath.Join("testdata", "text", "scripts.png")
	if os.Getenv("MAKE_REF") != "" {
		if _, err := browser.Find(); err != nil {
			t.Skipf("no Chromium to regenerate references: %v", err)
		}
		conf := filepath.Join(t.TempDir(), "fonts.conf")
		must(t, os.WriteFile(conf, []byte(noHintingConf), 0o644))
		t.Setenv("FONTCONFIG_FILE", conf)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		b, err := browser.Start(ctx)
		if err != nil {
			t.Skipf("cannot start Chromium: %v", err)
		}
		defer b.Close()
		res, err := b.RunCanvas(ctx, 420, 160, scriptsSceneJS)
		if err != nil || res.Error != "" {
			t.Fatalf("%v %s", err, res.Error)
		}
		must(t, writePNG(ref, res.Image))
		return
	}
	want, err := readPNG(ref)
	if err != nil {
		t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run ScriptsChromium ./canvas)", err)
	}
	cv, err := NewCanvas(420, 160)
	must(t, err)
	scriptsScene(cv.Context2D())
	got := toNRGBA(cv)
	checkEdgeAware(t, want, got, edgeTolerance{interior: 8, edge: 96, fail: 420 * 160 / 500}, "text-scripts.png")
}

// TestFontSetIsolation: fonts loaded into one job's FontSet are visible to
// its canvases only.
func TestFontSetIsolation(t *testing.T) {
	fs := NewFontSet()
	must(t, fs.RegisterFont("JobOnlyFont", gomono.TTF, FontDescriptors{}))
	mono := 4 * 1229.0 / 2048 * 20
	width := func(cv *Canvas) float64 {
		ctx := cv.Context2D()
		ctx.SetFont("20px JobOnlyFont")
		return ctx.MeasureText("iiii").Width
	}
	job, _ := NewCanvas(8, 8)
	job.UseFonts(fs)
	other, _ := NewCanvas(8, 8)
	if w := width(job); math.Abs(w-mono) > 1e-9 {
		t.Errorf("job canvas width %v, want the job font's %v", w, mono)
	}
	if w := width(other); math.Abs(w-mono) < 1e-9 {
		t.Errorf("another canvas sees the job's font (width %v)", w)
	}
	job.UseFonts(nil)
	if w := width(job); math.Abs(w-mono) < 1e-9 {
		t.Errorf("UseFonts(nil) kept the job font")
	}
}

// A poster caption: Chinese and Latin wrapped into a 200 px box, at most
// three lines, centred, 1.5 line height, ellipsis when cut.
func ExampleContext2D_FillTextBox() {
	cv, _ := NewCanvas(240, 160)
	ctx := cv.Context2D()
	ctx.SetFont("18px sans-serif")
	ctx.SetFillStyle("#333")
	res := ctx.FillTextBox("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。Spring dawn, by Meng Haoran.",
		20, 20, TextBox{Width: 200, MaxLines: 3, LineHeight: 1.5, Align: "center"})
	fmt.Println(len(res.Lines), res.Truncated, res.Height)
	// Output: 3 true 81
}

// FuzzTextOps: any font string, text, position, maxWidth, alignment,
// baseline, spacing and box never panic fillText, strokeText, measureText or
// the layout helper.
func FuzzTextOps(f *testing.F) {
	f.Add("20px sans-serif", "Hello 你好 مرحبا 😀", 10.0, 20.0, 100.0, uint8(0), "2px", 120.0)
	f.Add("bold italic 1e3px serif", "\u0301\u200d\ufe0f", -1e9, 1e9, 0.0, uint8(7), "-5em", 0.0)
	f.Add("10px 'x', monospace", "「」。，\n\t", 0.5, 0.5, math.NaN(), uint8(13), "1e30px", -1.0)
	// Once looped forever: a line after a newline whose first character
	// is wider than the box.
	f.Add("0", "「」。，\n0", 3.5, 0.5, math.NaN(), uint8('p'), "1e30pC", 40.0)
	f.Fuzz(func(t *testing.T, font, s string, x, y, mw float64, k uint8, spacing string, boxW float64) {
		if len(s) > 4000 {
			s = s[:4000]
		}
		cv, _ := NewCanvas(64, 32)
		ctx := cv.Context2D()
		ctx.SetFont(font)
		ctx.SetTextAlign([]string{"left", "right", "center", "start", "end"}[k%5])
		ctx.SetTextBaseline([]string{"top", "hanging", "middle", "alphabetic", "ideographic", "bottom"}[k%6])
		ctx.SetDirection([]string{"ltr", "rtl", "inherit"}[k%3])
		ctx.SetLetterSpacing(spacing)
		ctx.SetWordSpacing(spacing)
		if k&8 != 0 {
			ctx.Rotate(float64(k))
			ctx.Scale(3, 0.5)
		}
		ctx.FillText(s, x, y, mw)
		ctx.StrokeText(s, x, y)
		ctx.MeasureText(s)
		ctx.FillTextBox(s, x, y, TextBox{Width: boxW, MaxLines: int(k % 4), LineHeight: mw})
	})
}

// TestTextExtremeTransforms: huge scales and tiny ones finish quickly.
func TestTextExtremeTransforms(t *testing.T) {
	setupTestFonts(t)
	for _, sc := range []float64{1e-9, 1e-3, 1e3, 1e6} {
		cv, _ := NewCanvas(100, 100)
		ctx := cv.Context2D()
		ctx.SetFont("1000px GoTest")
		ctx.Scale(sc, sc)
		start := time.Now()
		ctx.FillText("Wide text", 0, 50/sc)
		ctx.StrokeText("Wide text", 0, 50/sc)
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("scale %g took %v", sc, el)
		}
	}
}

// glyphMaskScene draws text through every branch of the glyph mask path:
// several sub-pixel phases, a clip cutting glyphs, a scaled transform, globalAlpha
// with a blend mode, synthetic italics (outlines) and a rotation (outlines).
func glyphMaskScene(ctx *Context2D) {
	ctx.SetFillStyle("#fff")
	ctx.FillRect(0, 0, 300, 200)
	ctx.SetFillStyle("#123")
	ctx.SetFont(`21px "Noto Sans CJK SC"`)
	for i := 0; i < 4; i++ {
		ctx.FillText("海报 Poster ¥99", 3+float64(i)*0.25, 25+float64(i)*22)
	}
	ctx.Save()
	ctx.BeginPath()
	ctx.Rect(10, 100, 120, 14)
	ctx.Clip()
	ctx.FillText("被裁剪的文字 clipped", 5, 118)
	ctx.Restore()
	ctx.Save()
	ctx.Scale(1.3, 0.9)
	ctx.SetGlobalAlpha(0.6)
	ctx.SetGlobalCompositeOperation("multiply")
	ctx.SetFillStyle("#c30")
	ctx.FillText("缩放 scaled", 120, 40)
	ctx.Restore()
	ctx.SetFont(`italic 18px "Noto Sans CJK SC"`)
	ctx.FillText("斜体 italic", 150, 150)
	ctx.Rotate(0.1)
	ctx.SetFont(`16px "DejaVu Sans"`)
	ctx.FillText("rotated", 200, 120)
}

// TestGlyphMaskCacheIdentical: text drawn through cached glyph masks is
// pixel-identical to text whose masks are rasterized afresh, first use and
// reuse alike, and the same from many goroutines at once.
func TestGlyphMaskCacheIdentical(t *testing.T) {
	render := func() []uint8 {
		cv, err := NewCanvas(300, 200)
		must(t, err)
		glyphMaskScene(cv.Context2D())
		return toNRGBA(cv).Pix
	}
	text.MaskCache = false
	want := render()
	text.MaskCache = true
	defer func() { text.MaskCache = true }()
	for pass := 0; pass < 2; pass++ {
		if got := render(); string(got) != string(want) {
			t.Fatalf("pass %d: cached glyph masks change the output", pass)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 3; k++ {
				if got := render(); string(got) != string(want) {
					errs <- "concurrent draw differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestGlyphMaskTaken makes sure fillText uses the mask path (the cache
// fills) for upright text, so the test above is not vacuous.
func TestGlyphMaskTaken(t *testing.T) {
	cv, err := NewCanvas(100, 40)
	must(t, err)
	ctx := cv.Context2D()
	ctx.SetFont(`17.25px "Noto Sans CJK SC"`)
	ctx.FillText("海", 10, 30)
	if !ctx.maskable(ctx.st.ctm) {
		t.Fatal("identity transform not maskable")
	}
	res := cv.registry().Resolver(fontEntryOf(ctx.Font()).q)
	c := res.Resolve('海')
	gid, _ := c.Face.GlyphID('海')
	if text.CachedMask(text.MaskKey{Face: c.Face, GID: gid, SX: 17.25, SY: 17.25}) == nil {
		t.Fatal("no cached mask after fillText")
	}
}
