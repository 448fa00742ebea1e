package css

import (
	"bufio"
	"image/color"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want color.NRGBA
		ok   bool
	}{
		{"red", color.NRGBA{255, 0, 0, 255}, true},
		{"ReBeccaPurple", color.NRGBA{0x66, 0x33, 0x99, 255}, true},
		{"transparent", color.NRGBA{}, true},
		{"currentColor", color.NRGBA{0, 0, 0, 255}, true},
		{"#ABCD", color.NRGBA{0xaa, 0xbb, 0xcc, 0xdd}, true},
		{"#abc", color.NRGBA{0xaa, 0xbb, 0xcc, 255}, true},
		{"#12345678", color.NRGBA{0x12, 0x34, 0x56, 0x78}, true},
		{"rgb(10%,20%,30%)", color.NRGBA{26, 51, 77, 255}, true},
		{"hsl(120deg 100% 50% / 0.5)", color.NRGBA{0, 255, 0, 128}, true},
		{"rgba(0,0,0,0.3)", color.NRGBA{0, 0, 0, 77}, true},
		{"rgb(127.5 128.5 0.5)", color.NRGBA{128, 129, 1, 255}, true}, // half up
		{"rgb(1 2 3", color.NRGBA{1, 2, 3, 255}, true},                // EOF closes the function
		{"rgb(1-2-3)", color.NRGBA{1, 0, 0, 255}, true},               // signs separate numbers
		{"rgb(none 20 30 / none)", color.NRGBA{0, 20, 30, 0}, true},
		{"hwb(0 60% 60%)", color.NRGBA{128, 128, 128, 255}, true},
		{"rgb(10%,20,30)", color.NRGBA{}, false}, // legacy syntax cannot mix number kinds
		{"rgb(10,20,30 / 0.5)", color.NRGBA{}, false},
		{"hsl(120, 100, 50)", color.NRGBA{}, false}, // legacy hsl needs percentages
		{"rgb(1,2,3,)", color.NRGBA{}, false},
		{"#fffff", color.NRGBA{}, false},
		{"", color.NRGBA{}, false},
		{"rgb(1px,2,3)", color.NRGBA{}, false},
		{"lab(50 0 0)", color.NRGBA{}, false}, // wide-gamut spaces are not supported
		{strings.Repeat(" ", 1000) + "red", color.NRGBA{255, 0, 0, 255}, true},
		{"rgb(" + strings.Repeat("1 ", 300) + ")", color.NRGBA{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseColor(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseColor(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestChromiumColors replays testdata/chromium_colors.txt: inputs set as
// fillStyle in headless Chromium and what its getter returned (see the HTML file
// beside it to regenerate). Both parsing and serialisation must match exactly.
func TestChromiumColors(t *testing.T) {
	f, err := os.Open("testdata/chromium_colors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		in, want, found := strings.Cut(sc.Text(), "\t")
		if !found {
			t.Fatalf("bad line %q", sc.Text())
		}
		in, err := strconv.Unquote(`"` + in + `"`)
		if err != nil {
			t.Fatal(err)
		}
		n++
		c, ok := ParseColor(in)
		got := "INVALID"
		if ok {
			got = SerializeColor(c)
		}
		if got != want {
			t.Errorf("%q: got %s, Chromium %s", in, got, want)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d reference lines", n)
	}
}

func TestSerializeColor(t *testing.T) {
	tests := []struct {
		c    color.NRGBA
		want string
	}{
		{color.NRGBA{0, 0, 0, 255}, "#000000"},
		{color.NRGBA{0xab, 0xcd, 0xef, 255}, "#abcdef"},
		{color.NRGBA{}, "rgba(0, 0, 0, 0)"},
		{color.NRGBA{1, 2, 3, 1}, "rgba(1, 2, 3, 0.004)"},
		{color.NRGBA{1, 2, 3, 77}, "rgba(1, 2, 3, 0.3)"},
		{color.NRGBA{1, 2, 3, 127}, "rgba(1, 2, 3, 0.498)"},
		{color.NRGBA{1, 2, 3, 128}, "rgba(1, 2, 3, 0.5)"},
		{color.NRGBA{255, 255, 255, 254}, "rgba(255, 255, 255, 0.996)"},
	}
	for _, tt := range tests {
		if got := SerializeColor(tt.c); got != tt.want {
			t.Errorf("SerializeColor(%v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

// Every serialised colour must parse back to itself, or getters would not
// round-trip through setters.
func TestSerializeRoundTrip(t *testing.T) {
	for a := 0; a < 256; a++ {
		c := color.NRGBA{uint8(a * 7), uint8(255 - a), uint8(a * 3), uint8(a)}
		if a == 0 {
			c = color.NRGBA{}
		}
		got, ok := ParseColor(SerializeColor(c))
		if !ok || got != c {
			t.Errorf("round trip %v -> %q -> %v %v", c, SerializeColor(c), got, ok)
		}
	}
}

func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"red", "#abcd", "rgb(10%,20%,30%)", "hsl(120deg 100% 50% / 0.5)",
		"rgba(1,2,3,.5)", "hwb(0 0 0)", "rgb(1 2 3", "rgb(1e400 0 0)", "hsl(none 1 2 / none)", "#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := ParseColor(s)
		if !ok {
			return
		}
		back, ok2 := ParseColor(SerializeColor(c))
		if !ok2 || back != c {
			t.Fatalf("%q parsed to %v, serialised %q, reparsed %v %v", s, c, SerializeColor(c), back, ok2)
		}
	})
}

func BenchmarkParseColor(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ParseColor("rgba(12, 34, 56, 0.5)")
	}
}
