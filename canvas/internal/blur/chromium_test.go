package blur

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

// chromiumShadows is testdata/chromium_shadows.json: rows of shadow alpha
// rendered by Chromium (see chromium_shadows.html for the scenes), keyed by
// shadowBlur (and "blur_size" for squares).
type chromiumShadows struct {
	Edges        map[string][]uint8 `json:"edges"`
	Lines        map[string][]uint8 `json:"lines"`
	PatternLines map[string][]uint8 `json:"patternLines"`
	Squares      map[string][]uint8 `json:"squares"`
}

func loadShadows(t *testing.T) chromiumShadows {
	t.Helper()
	raw, err := os.ReadFile("testdata/chromium_shadows.json")
	if err != nil {
		t.Fatal(err)
	}
	var s chromiumShadows
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Edges) == 0 || len(s.Lines) == 0 || len(s.PatternLines) == 0 || len(s.Squares) == 0 {
		t.Fatal("reference data incomplete")
	}
	return s
}

func shadowBlur(t *testing.T, key string) float64 {
	b, err := strconv.ParseFloat(key, 64)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func maxDiff(got, want []uint8) int {
	m := 0
	for i := range got {
		d := int(got[i]) - int(want[i])
		m = max(m, d, -d)
	}
	return m
}

// lineShadow blurs a 1-pixel vertical line of the given alpha at x=60 on a
// 121×121 plane with blur, and returns row 60.
func lineShadow(blur func([]uint8, int, int, int, float64), alpha uint8, sigma float64) []uint8 {
	const n = 121
	p := make([]uint8, n*n)
	for y := 0; y < n; y++ {
		p[y*n+60] = alpha
	}
	blur(p, n, n, n, sigma)
	return p[60*n : 61*n]
}

// TestChromiumPathShadows: the shadow of a 1-pixel strip drawn as a path is
// Skia's mask blur, which GaussianAlpha reproduces to the level at every
// shadowBlur measured (the discrete Gaussian below 4, SVG boxes above).
func TestChromiumPathShadows(t *testing.T) {
	for key, want := range loadShadows(t).Lines {
		got := lineShadow(GaussianAlpha, 255, shadowBlur(t, key)/2)
		if d := maxDiff(got, want); d > 1 {
			t.Errorf("shadowBlur %s: max diff %d\n got %v\nwant %v", key, d, got, want)
		}
	}
}

// TestChromiumPatternShadows: the same strip filled with a pattern of alpha
// 0.5 is shadowed through Skia's blur image filter: GaussianAlphaImage.
func TestChromiumPatternShadows(t *testing.T) {
	for key, want := range loadShadows(t).PatternLines {
		got := lineShadow(GaussianAlphaImage, 128, shadowBlur(t, key)/2)
		if d := maxDiff(got, want); d > 1 {
			t.Errorf("shadowBlur %s: max diff %d\n got %v\nwant %v", key, d, got, want)
		}
	}
}

// TestChromiumShadowEdges: the edge of a rectangle far wider than the blur is
// drawn analytically by Chromium; RectMask matches it. shadowBlur 1 is left
// out: there Chromium keeps the pixel just inside the edge fully opaque (255
// where the profile gives 212) while the pixel outside matches, which no
// symmetric profile reproduces.
func TestChromiumShadowEdges(t *testing.T) {
	const w, h = 300, 20
	for key, want := range loadShadows(t).Edges {
		if shadowBlur(t, key) < 2 {
			continue
		}
		p := make([]uint8, w*h)
		RectMask(p, w, h, w, 150, -1000, 1150, 1000, shadowBlur(t, key)/2)
		if d := maxDiff(p[10*w:11*w], want); d > 1 {
			t.Errorf("shadowBlur %s: max diff %d\n got %v\nwant %v", key, d, p[10*w:11*w], want)
		}
	}
}

// TestChromiumRectShadows checks that RectUsesProfile picks the path Chromium
// takes for squares of several sizes and that the chosen blur reproduces it.
func TestChromiumRectShadows(t *testing.T) {
	const n = 200
	for key, want := range loadShadows(t).Squares {
		bs, ss, _ := strings.Cut(key, "_")
		sigma := shadowBlur(t, bs) / 2
		size, _ := strconv.Atoi(ss)
		lo := 100 - size/2
		p := make([]uint8, n*n)
		analytic := RectUsesProfile(float64(size), float64(size), sigma)
		if analytic {
			RectMask(p, n, n, n, float64(lo), float64(lo), float64(lo+size), float64(lo+size), sigma)
		} else {
			for y := lo; y < lo+size; y++ {
				for x := lo; x < lo+size; x++ {
					p[y*n+x] = 255
				}
			}
			GaussianAlpha(p, n, n, n, sigma)
		}
		if d := maxDiff(p[100*n:101*n], want); d > 1 {
			t.Errorf("square %s (analytic %v): max diff %d\n got %v\nwant %v", key, analytic, d, p[100*n:101*n], want)
		}
	}
}
