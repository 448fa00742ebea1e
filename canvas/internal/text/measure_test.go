package text

import (
	"math"
	"sync"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// TestMinMax checks fmin and fmax against math.Min and math.Max on the
// values measuring meets: infinities, signed zeros, integers and fractions.
func TestMinMax(t *testing.T) {
	vals := []float64{math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 2.5, -2.5, 1e300}
	bits := math.Float64bits
	for _, a := range vals {
		for _, b := range vals {
			if bits(fmin(a, b)) != bits(math.Min(a, b)) {
				t.Errorf("fmin(%v, %v) = %v, math.Min %v", a, b, fmin(a, b), math.Min(a, b))
			}
			if bits(fmax(a, b)) != bits(math.Max(a, b)) {
				t.Errorf("fmax(%v, %v) = %v, math.Max %v", a, b, fmax(a, b), math.Max(a, b))
			}
		}
	}
}

// TestFloorCeil checks ffloor and fceil against math.Floor and math.Ceil on
// glyph-bound values, up to the sign of a zero result.
func TestFloorCeil(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 0.5, -0.5, 1, -1, 1.0000001, -1.0000001, 2.999, -2.999,
		123456.75, -123456.75, 1e15 + 0.5, -1e15 - 0.5, 4503599627370497, -4503599627370497, 0.1 * 3, -0.1 * 3} {
		if f := ffloor(v); f != math.Floor(v) {
			t.Errorf("ffloor(%v) = %v, want %v", v, f, math.Floor(v))
		}
		if c := fceil(v); c != math.Ceil(v) {
			t.Errorf("fceil(%v) = %v, want %v", v, c, math.Ceil(v))
		}
	}
}

// TestConcurrentMeasure measures from several goroutines on a fresh
// resolver, so the per-character pages, fast glyphs and kerning cache are
// built concurrently (run with -race); every goroutine must see the
// extents one goroutine alone gets.
func TestConcurrentMeasure(t *testing.T) {
	reg := NewRegistry(nil)
	if err := reg.Register("Go", goregular.TTF, Descriptor{}); err != nil {
		t.Fatal(err)
	}
	q := Query{Families: []Family{{Name: "Go"}, {Name: "sans-serif", Generic: true}}}
	texts := []string{"The quick brown fox 你好", "AVATAR Typography 1,234.50", "Привет Ελληνικά カタカナ", "商品 123 价格 ¥12.99 Item-861"}
	want := make([]Extents, len(texts))
	for i, s := range texts {
		var ok bool
		if want[i], ok = Measure(s, reg.Resolver(q), Style{Size: 20}); !ok && i != 2 {
			t.Errorf("%q is shaped", s)
		}
	}
	reg = NewRegistry(nil)
	if err := reg.Register("Go", goregular.TTF, Descriptor{}); err != nil {
		t.Fatal(err)
	}
	res := reg.Resolver(q)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				k := (g + i) % len(texts)
				got, _ := Measure(texts[k], res, Style{Size: 20})
				w := want[k]
				got.Primary, w.Primary = Choice{}, Choice{} // faces of two registries
				if got != w {
					t.Errorf("%q: %+v, want %+v", texts[k], got, w)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}
