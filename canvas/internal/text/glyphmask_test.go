package text

import (
	"testing"

	"github.com/go-text/typesetting/font"
)

// TestMaskCacheTwoWay stores three masks of one slot pair: the first two
// stay findable together, the third replaces the older, and the byte count
// follows what the table holds.
func TestMaskCacheTwoWay(t *testing.T) {
	const h = 0x3456 << 1
	var keys [3]MaskKey
	var ms [3]*GlyphMask
	for i := range keys {
		keys[i] = MaskKey{GID: font.GID(i + 1), SX: -1, SY: -1} // no real mask has a negative scale
		ms[i] = &GlyphMask{}
	}
	clear := func() {
		for _, i := range []uint64{h & masks.mask, (h ^ 1) & masks.mask} {
			if old := masks.slots[i].Swap(nil); old != nil {
				maskBytes.Add(-old.size)
			}
		}
	}
	clear()
	defer clear()
	before := maskBytes.Load()
	storeMask(h, &maskEntry{key: keys[0], m: ms[0], size: 100})
	storeMask(h^1, &maskEntry{key: keys[1], m: ms[1], size: 200})
	for i := 0; i < 2; i++ {
		if got := lookupMask(h, keys[i]); got != ms[i] {
			t.Errorf("mask %d: got %p, want %p", i, got, ms[i])
		}
	}
	storeMask(h, &maskEntry{key: keys[2], m: ms[2], size: 400})
	if lookupMask(h, keys[0]) != nil {
		t.Error("the older mask was kept")
	}
	for _, i := range []int{1, 2} {
		if got := lookupMask(h^1, keys[i]); got != ms[i] {
			t.Errorf("mask %d after replacement: got %p, want %p", i, got, ms[i])
		}
	}
	if d := maskBytes.Load() - before; d != 600 {
		t.Errorf("cached mask bytes grew by %d, want 600", d)
	}
}
