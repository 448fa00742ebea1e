package text

import (
	"testing"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/font/gofont/goregular"
)

// TestOutlineCacheTwoWay loads two glyphs of a real face whose hashes fall
// into one slot, alternately, as a line holding both does: after the
// first load of each, neither is loaded again.
func TestOutlineCacheTwoWay(t *testing.T) {
	f, err := ParseFace(goregular.TTF, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The same slot, not just the same pair: a direct-mapped table would
	// evict one for the other.
	slot := func(g font.GID) uint64 { return mix(uint64(f.id)<<32|uint64(g)) & outlines.mask }
	seen := map[uint64]font.GID{}
	var a, b font.GID
	found := false
	for r := rune(0x21); r < 0x2000 && !found; r++ {
		g, ok := f.font.NominalGlyph(r)
		if !ok {
			continue
		}
		if o, ok := seen[slot(g)]; ok && o != g {
			a, b, found = o, g, true
		}
		seen[slot(g)] = g
	}
	if !found {
		t.Skip("no two glyphs of the face share a slot")
	}
	t.Logf("glyphs %d and %d share a slot", a, b)
	oa, ob := GlyphOutline(f, a), GlyphOutline(f, b)
	_, miss := CacheStats()
	for i := 0; i < 10; i++ {
		if GlyphOutline(f, a) != oa || GlyphOutline(f, b) != ob {
			t.Fatalf("glyphs %d and %d of one slot: a lookup returned a new outline", a, b)
		}
	}
	if _, m := CacheStats(); m != miss {
		t.Errorf("glyphs %d and %d of one slot: %d reloads", a, b, m-miss)
	}
}

// TestOutlineCacheReplacesOlder stores three keys of one slot: the
// first two stay findable together and the third replaces the older.
func TestOutlineCacheReplacesOlder(t *testing.T) {
	const h = 0x2345 << 1
	keys := [3]glyphKey{{0, 1}, {0, 2}, {0, 3}} // face id 0 is never a real face
	os := [3]*Outline{{}, {}, {}}
	clear := func() {
		outlines.slots[h&outlines.mask].Store(nil)
		outlines.slots[(h^1)&outlines.mask].Store(nil)
	}
	clear()
	defer clear()
	storeOutline(h, &outlineEntry{key: keys[0], o: os[0]})
	storeOutline(h^1, &outlineEntry{key: keys[1], o: os[1]}) // the same pair from its other slot
	for i := 0; i < 2; i++ {
		if got := lookupOutline(h, keys[i]); got != os[i] {
			t.Errorf("key %d: got %p, want %p", i, got, os[i])
		}
	}
	lookupOutline(h, keys[0]) // a hit does not refresh: replacement is by store order
	storeOutline(h, &outlineEntry{key: keys[2], o: os[2]})
	if lookupOutline(h, keys[0]) != nil {
		t.Error("the older key was kept")
	}
	for _, i := range []int{1, 2} {
		if got := lookupOutline(h^1, keys[i]); got != os[i] {
			t.Errorf("key %d after replacement: got %p, want %p", i, got, os[i])
		}
	}
}
