package canvas

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seed92233726/mediad/internal/browser"
)

const filterW, filterH = 96, 64

// filterCase is one filter string drawn over the filter scene, after an
// optional setup that both engines perform the same way (see filterSetup).
type filterCase struct {
	name, filter, setup string
}

var filterCases = []filterCase{
	{"none", "none", ""},
	{"blur2", "blur(2px)", ""},
	{"blur_small", "blur(0.8px)", ""},
	{"blur_huge", "blur(1e9px)", "bg"}, // sigma capped as Skia caps it: a faint haze
	{"blur6_bg", "blur(6px)", "bg"},
	{"brightness", "brightness(1.6)", ""},
	{"brightness_dark", "brightness(40%)", "bg"},
	{"contrast", "contrast(2.5)", ""},
	{"contrast_low", "contrast(30%)", "bg"},
	{"grayscale", "grayscale(1)", ""},
	{"grayscale_half", "grayscale(50%)", ""},
	{"hue_rotate", "hue-rotate(90deg)", ""},
	{"hue_rotate_turn", "hue-rotate(0.6turn)", ""},
	{"invert", "invert(100%)", ""},
	{"invert_part", "invert(0.3)", "bg"},
	{"opacity", "opacity(40%)", ""},
	{"saturate", "saturate(3)", ""},
	{"saturate_low", "saturate(20%)", ""},
	{"sepia", "sepia(1)", ""},
	{"drop_shadow", "drop-shadow(4px 5px 3px rgba(0, 0, 80, 0.7))", ""},
	{"drop_shadow_sharp", "drop-shadow(red -3px 2px)", ""},
	{"chain", "blur(1.5px) brightness(1.2) sepia(0.5)", ""},
	{"chain_colour", "grayscale(0.5) contrast(1.4) invert(0.2) opacity(0.8)", ""},
	{"blur_alpha", "blur(3px)", "alpha"},
	{"blur_clip", "blur(4px)", "clip"},
	{"blur_shadow", "blur(2px)", "shadow"},
	{"blur_atop", "blur(2px)", "atop"},
	{"blur_copy", "blur(2px)", "copy"},
	{"invert_multiply", "invert(1)", "multiply"},
	{"blur_scaled", "blur(2px)", "scale"},
	{"drop_shadow_scaled", "drop-shadow(6px 4px 2px navy)", "scale"},
	{"bad_ignored", "blur(2px) bogus(3)", ""}, // invalid: drawn unfiltered
}

// filterSetup is the JavaScript (and, in filterScene, the Go) prelude of a
// case. It runs before the filter is set.
var filterSetup = map[string]string{
	"":         "",
	"bg":       "ctx.fillStyle = '#f0e0c0'; ctx.fillRect(0, 0, 96, 64);",
	"alpha":    "ctx.globalAlpha = 0.6;",
	"scale":    "ctx.translate(20, 10); ctx.scale(0.75, 0.6);",
	"clip":     "ctx.beginPath(); ctx.rect(10, 6, 60, 44); ctx.clip();",
	"shadow":   "ctx.shadowColor = 'rgba(0, 0, 0, 0.5)'; ctx.shadowBlur = 4; ctx.shadowOffsetX = 5; ctx.shadowOffsetY = 4;",
	"atop":     "ctx.fillStyle = '#8080ff'; ctx.fillRect(0, 0, 96, 64); ctx.globalCompositeOperation = 'source-atop';",
	"copy":     "ctx.fillStyle = '#8080ff'; ctx.fillRect(0, 0, 96, 64); ctx.globalCompositeOperation = 'copy';",
	"multiply": "ctx.fillStyle = '#c0ffc0'; ctx.fillRect(0, 0, 96, 64); ctx.globalCompositeOperation = 'multiply';",
}

// filterSceneJS draws the scene every case shares: a fillRect, a
// translucent arc fill, a strokeRect and a drawImage of a small canvas.
const filterSceneJS = `
const sprite = document.createElement('canvas'); sprite.width = 24; sprite.height = 18;
{ const s = sprite.getContext('2d'); s.fillStyle = '#ffd000'; s.fillRect(0, 0, 24, 18); s.fillStyle = '#6000c0'; s.fillRect(4, 4, 12, 8); }
ctx.fillStyle = '#e04020'; ctx.fillRect(8, 8, 30, 20);
ctx.fillStyle = 'rgba(40, 120, 220, 0.7)'; ctx.beginPath(); ctx.arc(60, 26, 16, 0, 2 * Math.PI); ctx.fill();
ctx.strokeStyle = '#20a040'; ctx.lineWidth = 4; ctx.strokeRect(14, 36, 36, 18);
ctx.drawImage(sprite, 64, 40);
`

func filterScene(t testing.TB, ctx *Context2D, fc filterCase) {
	switch fc.setup {
	case "bg":
		ctx.SetFillStyle("#f0e0c0")
		ctx.FillRect(0, 0, 96, 64)
	case "alpha":
		ctx.SetGlobalAlpha(0.6)
	case "scale":
		ctx.Translate(20, 10)
		ctx.Scale(0.75, 0.6)
	case "clip":
		ctx.BeginPath()
		ctx.Rect(10, 6, 60, 44)
		ctx.Clip()
	case "shadow":
		ctx.SetShadowColor("rgba(0, 0, 0, 0.5)")
		ctx.SetShadowBlur(4)
		ctx.SetShadowOffsetX(5)
		ctx.SetShadowOffsetY(4)
	case "atop", "copy", "multiply":
		col, op := "#8080ff", "source-atop"
		switch fc.setup {
		case "copy":
			op = "copy"
		case "multiply":
			col, op = "#c0ffc0", "multiply"
		}
		ctx.SetFillStyle(col)
		ctx.FillRect(0, 0, 96, 64)
		ctx.SetGlobalCompositeOperation(op)
	}
	ctx.SetFilter(fc.filter)
	sprite, err := NewOffscreenCanvas("2d", 24, 18)
	must(t, err)
	s, _ := sprite.GetContext("2d")
	s.SetFillStyle("#ffd000")
	s.FillRect(0, 0, 24, 18)
	s.SetFillStyle("#6000c0")
	s.FillRect(4, 4, 12, 8)
	ctx.SetFillStyle("#e04020")
	ctx.FillRect(8, 8, 30, 20)
	ctx.SetFillStyle("rgba(40, 120, 220, 0.7)")
	ctx.BeginPath()
	must(t, ctx.Arc(60, 26, 16, 0, 2*math.Pi, false))
	ctx.Fill()
	ctx.SetStrokeStyle("#20a040")
	ctx.SetLineWidth(4)
	ctx.StrokeRect(14, 36, 36, 18)
	must(t, ctx.DrawImage(sprite, 64, 40))
}

// TestFilterChromium draws every filter case with the Go API and compares it
// with Chromium's drawing of the same script. References live in
// testdata/filter; MAKE_REF=1 regenerates them with headless Chromium.
//
// Tolerance (premultiplied channels, compareEdgeAware): a pixel whose 3×3
// neighbourhood in the reference jumps by more than 24 levels is an edge
// pixel and may differ by up to 96 (Chromium quantises anti-aliasing
// coverage, and applies colour functions to the paint before coverage where
// the layer here un-premultiplies the edge), any other pixel by up to 6
// (rounding of the blur boxes and colour tables), and at most 2% of the
// pixels may exceed their limit.
func TestFilterChromium(t *testing.T) {
	def := edgeTolerance{interior: 6, edge: 96, fail: filterW * filterH / 50}
	dir := filepath.Join("testdata", "filter")
	if os.Getenv("MAKE_REF") != "" {
		if _, err := browser.Find(); err != nil {
			t.Skipf("no Chromium to regenerate references: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		b, err := browser.Start(ctx)
		if err != nil {
			t.Skipf("cannot start Chromium: %v", err)
		}
		defer b.Close()
		must(t, os.MkdirAll(dir, 0o755))
		for _, fc := range filterCases {
			js := filterSetup[fc.setup] + fmt.Sprintf("ctx.filter = %q;\n", fc.filter) + filterSceneJS
			res, err := b.RunCanvas(ctx, filterW, filterH, js)
			if err != nil {
				t.Fatalf("%s: %v", fc.name, err)
			}
			if res.Error != "" {
				t.Fatalf("%s: %s", fc.name, res.Error)
			}
			must(t, writePNG(filepath.Join(dir, fc.name+".png"), res.Image))
		}
		t.Logf("references from Chromium %s", b.Version())
		return
	}
	for _, fc := range filterCases {
		t.Run(fc.name, func(t *testing.T) {
			want, err := readPNG(filepath.Join(dir, fc.name+".png"))
			if err != nil {
				t.Fatalf("%v (regenerate with MAKE_REF=1 go test -run FilterChromium ./canvas)", err)
			}
			cv, err := NewCanvas(filterW, filterH)
			must(t, err)
			filterScene(t, cv.Context2D(), fc)
			got := toNRGBA(cv)
			tl := def
			// The reference must show the filter at work (or, for an invalid
			// string, its absence): compared with the scene drawn without
			// the filter, some pixels must differ beyond the tolerance, or none.
			plain, err := NewCanvas(filterW, filterH)
			must(t, err)
			unfiltered := fc
			unfiltered.filter = "none"
			filterScene(t, plain.Context2D(), unfiltered)
			changed, _, _ := compareEdgeAware(want, toNRGBA(plain), tl.interior, tl.edge)
			if wantChange := fc.filter != "none" && fc.name != "bad_ignored"; (changed > 0) != wantChange {
				t.Errorf("reference differs from the unfiltered scene in %d pixels; want a change: %v", changed, wantChange)
			}
			checkEdgeAware(t, want, got, tl, "filter-"+fc.name+".png")
		})
	}
}

// TestFilterInvalidIgnored: a string Chromium rejects leaves the previous
// filter in place, both as the attribute and in what is drawn.
func TestFilterInvalidIgnored(t *testing.T) {
	bad := []string{
		"", "blur(2)", "blur(-1px)", "blur(2px", "blur(2px) bogus(1)", "none blur(1px)",
		"grayscale(-1)", "brightness(1px)", "hue-rotate(90)", "hue-rotate(1px)",
		"drop-shadow(1px)", "drop-shadow(1px 2px 3px 4px)", "drop-shadow(red blue 1px 1px)",
		"drop-shadow(1px red 2px)", "drop-shadow(1px 1px -2px)", "drop-shadow(1px 1px nocolour)",
		"opacity(50 %)", "sepia(1,2)",
	}
	for _, s := range bad {
		t.Run(s, func(t *testing.T) {
			cv, err := NewCanvas(8, 8)
			must(t, err)
			ctx := cv.Context2D()
			ctx.SetFilter("grayscale(1)")
			ctx.SetFilter(s)
			if got := ctx.Filter(); got != "grayscale(1)" {
				t.Fatalf("Filter() = %q after an invalid string", got)
			}
			ctx.SetFillStyle("#ff0000")
			ctx.FillRect(0, 0, 8, 8)
			p := cv.RGBA().Pix[4*(4*8+4):]
			// Grey from the Filter Effects grayscale matrix: 0.2126 × 255.
			if p[0] != p[1] || p[1] != p[2] || p[0] < 52 || p[0] > 56 || p[3] != 255 {
				t.Errorf("pixel %v, want the grayscale of red", p[:4])
			}
		})
	}
}

// TestFilterAppliesToText: fillText goes through the filter layer like any
// other drawing (a blur spreads ink beyond the glyphs; colour functions
// recolour it).
func TestFilterAppliesToText(t *testing.T) {
	draw := func(filter string) *Canvas {
		cv, err := NewCanvas(120, 48)
		must(t, err)
		ctx := cv.Context2D()
		ctx.SetFont("28px sans-serif")
		ctx.SetFillStyle("#ff0000")
		ctx.SetFilter(filter)
		ctx.FillText("Hi", 40, 34)
		return cv
	}
	plain, blurred, inverted := draw("none"), draw("blur(4px)"), draw("invert(1)")
	x0, _, x1, _, ok := inkBox(plain)
	if !ok {
		t.Fatal("text drew nothing")
	}
	bx0, _, bx1, _, ok := inkBox(blurred)
	if !ok || bx0 >= x0 || bx1 <= x1 {
		t.Errorf("blurred ink spans x %d…%d, want wider than the glyphs' %d…%d", bx0, bx1, x0, x1)
	}
	// Inverted red is cyan wherever the glyphs are opaque.
	pp, ip := plain.RGBA().Pix, inverted.RGBA().Pix
	found := false
	for i := 0; i < len(pp); i += 4 {
		if pp[i+3] == 255 {
			found = true
			if ip[i] != 0 || ip[i+1] != 255 || ip[i+2] != 255 || ip[i+3] != 255 {
				t.Fatalf("inverted pixel %v, want cyan", ip[i:i+4])
			}
		}
	}
	if !found {
		t.Fatal("no opaque glyph pixel to check")
	}
}

// TestFilterHugeRadii: blurs and shadow offsets far beyond the canvas finish
// quickly and stay within the pixel budget (the layer is bounded by what can
// reach the canvas).
func TestFilterHugeRadii(t *testing.T) {
	for _, f := range []string{"blur(1e9px)", "drop-shadow(1e9px -1e9px 1e9px red)", "blur(5000px) blur(5000px) blur(5000px)"} {
		t.Run(f, func(t *testing.T) {
			cv, err := NewCanvas(1080, 1920)
			must(t, err)
			ctx := cv.Context2D()
			ctx.SetFilter(f)
			if ctx.Filter() != f {
				t.Fatalf("filter %q not accepted", f)
			}
			start := time.Now()
			ctx.SetFillStyle("#204080")
			ctx.FillRect(100, 100, 400, 400)
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// BenchmarkFilterBlurBrightness: a full-canvas fill through
// "blur(4px) brightness(1.2)" — the layer, a four-channel blur and a colour
// table per pixel — on a 1080×1920 poster canvas.
func BenchmarkFilterBlurBrightness(b *testing.B) {
	cv, err := NewCanvas(1080, 1920)
	if err != nil {
		b.Fatal(err)
	}
	ctx := cv.Context2D()
	ctx.SetFilter("blur(4px) brightness(1.2)")
	ctx.SetFillStyle("#336699")
	clk := startCPU()
	for b.Loop() {
		ctx.FillRect(0, 0, 1080, 1920)
	}
	report(b, 1080*1920, clk)
}
