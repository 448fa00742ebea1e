package text

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/font/gofont/goregular"
)

func unitAdvances(s []rune) []float64 {
	adv := make([]float64, len(s))
	for i := range adv {
		adv[i] = 1
	}
	return adv
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		width    float64
		maxLines int
		want     []string
		more     bool
	}{
		{"breaks at spaces", "hello world", 7, 0, []string{"hello", "world"}, false},
		{"everything fits", "hello world", 20, 0, []string{"hello world"}, false},
		{"trailing spaces hang outside the box", "ab   cd", 2, 0, []string{"ab", "cd"}, false},
		{"ideographs break anywhere", "一二三四五六七", 3, 0, []string{"一二三", "四五六", "七"}, false},
		{"no line starts with a comma", "一二三四五，六", 5, 0, []string{"一二三四", "五，六"}, false},
		{"no line starts with a full stop", "一二三四。五六", 4, 0, []string{"一二三", "四。五六"}, false},
		{"no line ends with an opening bracket", "一二三四「五」", 5, 0, []string{"一二三四", "「五」"}, false},
		{"closing bracket stays with its text", "一二三」四五", 3, 0, []string{"一二", "三」四", "五"}, false},
		{"long words break between graphemes", "abcdefghij", 4, 0, []string{"abcd", "efgh", "ij"}, false},
		{"newlines are mandatory breaks", "ab\ncd", 10, 0, []string{"ab", "cd"}, false},
		{"empty lines are kept", "ab\n\ncd", 10, 0, []string{"ab", "", "cd"}, false},
		{"max lines reports the rest", "a b c d", 1, 2, []string{"a", "b"}, true},
		{"no width: newlines only", "ab cd\nef", 0, 0, []string{"ab cd", "ef"}, false},
		{"a line after a newline whose first character overflows", "ab\ncd", 0.5, 0, []string{"a", "b", "c", "d"}, false},
		{"mixed Latin and Chinese", "海报Poster设计", 4, 0, []string{"海报", "Post", "er设计"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := []rune(tc.text)
			lines, more := Wrap(r, unitAdvances(r), tc.width, tc.maxLines)
			var got []string
			for _, l := range lines {
				got = append(got, string(r[l.Start:l.End]))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || more != tc.more {
				t.Errorf("Wrap(%q, %g) = %q more=%v, want %q more=%v", tc.text, tc.width, got, more, tc.want, tc.more)
			}
		})
	}
}

// FuzzWrap: lines are in order, inside the text, and never empty unless the
// text has an empty line there; Wrap terminates on any input.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{"hello world", "一二三四五，六", "ab\n\ncd", "「」", "a\u0301b\u0301", "👩‍👩‍👧 x", ""} {
		f.Add(s, 3.0, 0)
	}
	f.Fuzz(func(t *testing.T, s string, width float64, maxLines int) {
		r := []rune(s)
		if len(r) > 2000 {
			r = r[:2000]
		}
		lines, _ := Wrap(r, unitAdvances(r), width, maxLines%50)
		prev := 0
		for _, l := range lines {
			if l.Start < prev || l.End < l.Start || l.End > len(r) {
				t.Fatalf("bad span %v after %d in %d runes", l, prev, len(r))
			}
			prev = l.End
		}
	})
}

func TestParseFaces(t *testing.T) {
	woff := toWOFF(t, goregular.TTF)
	tests := []struct {
		name    string
		data    []byte
		wantErr bool
	}{
		{"TrueType", goregular.TTF, false},
		{"WOFF", woff, false},
		{"empty", nil, true},
		{"truncated", goregular.TTF[:200], true},
		{"garbage", bytes.Repeat([]byte{0x42}, 1000), true},
		{"bad WOFF2", append([]byte("wOF2"), make([]byte, 100)...), true},
		{"truncated WOFF", woff[:100], true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			faces, err := ParseFaces(tc.data)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !errors.Is(err, ErrBadFont) {
					t.Errorf("error %v does not wrap ErrBadFont", err)
				}
				return
			}
			f := faces[0]
			if !f.HasGlyph('A') || f.Upem() != 2048 || f.Family != "Go" {
				t.Errorf("face: glyph A %v, upem %v, family %q", f.HasGlyph('A'), f.Upem(), f.Family)
			}
			o := GlyphOutline(f, mustGlyph(t, f, 'A'))
			if o.Empty || o.MaxY > 0.01 || o.MinY > -0.6 {
				t.Errorf("outline of A: %+v", o)
			}
		})
	}
}

func mustGlyph(t *testing.T, f *Face, r rune) font.GID {
	t.Helper()
	g, ok := f.font.NominalGlyph(r)
	if !ok {
		t.Fatalf("no glyph for %q", r)
	}
	return g
}

// toWOFF wraps an sfnt in WOFF 1.0 with zlib-compressed tables, so the WOFF
// path is tested without a binary fixture.
func toWOFF(t testing.TB, ttf []byte) []byte {
	numTables := int(binary.BigEndian.Uint16(ttf[4:]))
	type entry struct {
		tag                      []byte
		checksum, offset, length uint32
		data                     []byte
	}
	var entries []entry
	for i := 0; i < numTables; i++ {
		rec := ttf[12+16*i:]
		e := entry{tag: rec[:4], checksum: binary.BigEndian.Uint32(rec[4:]), offset: binary.BigEndian.Uint32(rec[8:]),
			length: binary.BigEndian.Uint32(rec[12:])}
		orig := ttf[e.offset : e.offset+e.length]
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		w.Write(orig)
		w.Close()
		e.data = buf.Bytes()
		if len(e.data) >= len(orig) {
			e.data = orig
		}
		entries = append(entries, e)
	}
	hdr := 44 + 20*numTables
	var body bytes.Buffer
	dir := make([]byte, 20*numTables)
	off := hdr
	for i, e := range entries {
		d := dir[20*i:]
		copy(d, e.tag)
		binary.BigEndian.PutUint32(d[4:], uint32(off))
		binary.BigEndian.PutUint32(d[8:], uint32(len(e.data)))
		binary.BigEndian.PutUint32(d[12:], e.length)
		binary.BigEndian.PutUint32(d[16:], e.checksum)
		body.Write(e.data)
		off += len(e.data)
		for off%4 != 0 {
			body.WriteByte(0)
			off++
		}
	}
	out := make([]byte, 44)
	copy(out, "wOFF")
	copy(out[4:], ttf[:4])
	binary.BigEndian.PutUint32(out[8:], uint32(off))
	binary.BigEndian.PutUint16(out[12:], uint16(numTables))
	binary.BigEndian.PutUint32(out[16:], uint32(len(ttf)))
	out = append(out, dir...)
	return append(out, body.Bytes()...)
}

// FuzzParseFaces: arbitrary bytes never panic the loader, the shaper or the
// outline loader.
func FuzzParseFaces(f *testing.F) {
	f.Add(goregular.TTF)
	f.Add(toWOFF(f, goregular.TTF))
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0c"))
	f.Add([]byte("OTTO"))
	if w2, err := os.ReadFile(woff2Font); err == nil {
		f.Add(w2)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		faces, err := ParseFaces(data)
		if err != nil {
			return
		}
		// A resolver over the fuzzed face alone (plus the embedded fallback
		// for what it lacks), so no system font is loaded per input.
		res := &Resolver{cands: []candidate{{face: faces[0]}}, runes: newSlotTable[runeEntry](4)}
		line := Shape("Hello, fi AVA", res, Style{Size: 16})
		for _, r := range line.Runs {
			for _, g := range r.Glyphs {
				GlyphOutline(r.Face, g.ID)
			}
		}
		for gid := font.GID(0); gid < 32; gid++ {
			loadOutline(faces[0], gid)
		}
	})
}

func TestVisualOrder(t *testing.T) {
	tests := []struct {
		levels []int
		want   []int
	}{
		{[]int{0, 0, 0}, []int{0, 1, 2}},
		{[]int{0, 1, 1, 0}, []int{0, 2, 1, 3}},
		{[]int{1, 1, 1}, []int{2, 1, 0}},
		{[]int{1, 2, 2, 1}, []int{3, 1, 2, 0}},
	}
	for _, tc := range tests {
		if got := visualOrder(tc.levels); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("visualOrder(%v) = %v, want %v", tc.levels, got, tc.want)
		}
	}
}

// TestConcurrentShaping: the registry, resolvers, shaping states and glyph
// cache are shared; hammer them from several goroutines (run with -race).
func TestConcurrentShaping(t *testing.T) {
	reg := NewRegistry(nil)
	if err := reg.Register("Go", goregular.TTF, Descriptor{}); err != nil {
		t.Fatal(err)
	}
	res := reg.Resolver(Query{Families: []Family{{Name: "Go"}, {Name: "sans-serif", Generic: true}}})
	want := Shape("The quick brown fox 你好", res, Style{Size: 20}).Width
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				l := Shape("The quick brown fox 你好", res, Style{Size: 20})
				if l.Width != want {
					t.Errorf("width %v, want %v", l.Width, want)
					return
				}
				for _, r := range l.Runs {
					for _, gl := range r.Glyphs {
						GlyphOutline(r.Face, gl.ID)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestOutlineCache(t *testing.T) {
	f, err := ParseFace(goregular.TTF, 0)
	if err != nil {
		t.Fatal(err)
	}
	gid := mustGlyph(t, f, 'g')
	a := GlyphOutline(f, gid)
	_, miss := CacheStats()
	if b := GlyphOutline(f, gid); b != a {
		t.Error("second lookup did not hit the cache")
	}
	if _, m := CacheStats(); m != miss {
		t.Errorf("misses went from %d to %d on a hit", miss, m)
	}
	// The table is fixed-size: filling it with every glyph keeps it so.
	for g := font.GID(0); g < 700; g++ {
		GlyphOutline(f, g)
	}
	if len(outlines.slots) != 1<<15 {
		t.Errorf("table grew to %d slots", len(outlines.slots))
	}
}

func TestBaseTable(t *testing.T) {
	res := Default.Resolver(Query{Families: []Family{{Name: "Noto Sans CJK SC"}}})
	c := res.Resolve('汉')
	if c.Face == nil || NormalizeFamily(c.Face.Family) != NormalizeFamily("Noto Sans CJK SC") {
		t.Skip("Noto Sans CJK SC is not installed (scripts/deps.sh installs fonts-noto-cjk)")
	}
	if !c.Face.HasIdeographic || c.Face.Ideographic != -0.12 {
		t.Errorf("ideographic baseline %v (%v), want -0.12 em from the BASE table", c.Face.Ideographic, c.Face.HasIdeographic)
	}
	if _, _, _, ok := baseBaselines([]byte{0, 1, 0, 0, 0xff, 0xff}); ok {
		t.Error("a BASE table pointing past its end gave a baseline")
	}
}

// woff2Font is Open Sans Regular as WOFF2 (Apache License 2.0, see
// canvas/testdata/text/OpenSans-LICENSE.txt), with transformed glyf/loca.
const woff2Font = "../../testdata/text/OpenSans-Regular.woff2"

func TestWOFF2(t *testing.T) {
	data, err := os.ReadFile(woff2Font)
	if err != nil {
		t.Fatal(err)
	}
	faces, err := ParseFaces(data)
	if err != nil {
		t.Fatal(err)
	}
	f := faces[0]
	if f.Family != "Open Sans" || f.Upem() != 2048 {
		t.Errorf("family %q upem %v", f.Family, f.Upem())
	}
	for _, r := range "AgÅ&é" {
		o := GlyphOutline(f, mustGlyph(t, f, r))
		if o.Empty || o.MinY > -0.4 {
			t.Errorf("outline of %q: %+v", r, o)
		}
	}
	// Corrupt streams fail cleanly.
	for _, n := range []int{10, 48, 100, len(data) / 2, len(data) - 200} {
		if _, err := ParseFaces(data[:n]); err == nil {
			t.Errorf("WOFF2 truncated to %d bytes parsed", n)
		}
	}
	bad := append([]byte(nil), data...)
	for i := 200; i < len(bad); i += 97 {
		bad[i] ^= 0x5a
	}
	ParseFaces(bad) // must not panic
}

// FuzzDecodeWOFF2: the WOFF2 decoder never panics or over-allocates, and what
// it returns is an sfnt the table loader accepts or rejects cleanly.
func FuzzDecodeWOFF2(f *testing.F) {
	if w2, err := os.ReadFile(woff2Font); err == nil {
		f.Add(w2)
	}
	f.Add([]byte("wOF2\x00\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sfnt, err := decodeWOFF2(data)
		if err != nil {
			return
		}
		if len(sfnt) > 2*MaxFontBytes {
			t.Fatalf("decoded %d bytes", len(sfnt))
		}
		ParseFaces(sfnt)
	})
}
