package text

import (
	"testing"

	"github.com/go-text/typesetting/font"
)

// TestMaskCacheSet stores maskWays+1 masks of one set: the first maskWays
// stay findable together, the last replaces the oldest, and the byte count
// follows what the table holds.
func TestMaskCacheSet(t *testing.T) {
	const h = 0x3456 << 2
	const n = maskWays + 1
	var keys [n]MaskKey
	var ms [n]*GlyphMask
	for i := range keys {
		keys[i] = MaskKey{GID: font.GID(i + 1), SX: -1, SY: -1} // no real mask has a negative scale
		ms[i] = &GlyphMask{}
	}
	clear := func() {
		for i := uint64(0); i < maskWays; i++ {
			if old := masks.slots[(h^i)&masks.mask].Swap(nil); old != nil {
				maskBytes.Add(-old.size)
			}
		}
	}
	clear()
	defer clear()
	before := maskBytes.Load()
	for i := 0; i < maskWays; i++ {
		storeMask(h^uint64(i), &maskEntry{key: keys[i], m: ms[i], size: 100}) // each from another slot of the set
	}
	for i := 0; i < maskWays; i++ {
		if got := lookupMask(h, keys[i]); got != ms[i] {
			t.Errorf("mask %d: got %p, want %p", i, got, ms[i])
		}
	}
	storeMask(h, &maskEntry{key: keys[n-1], m: ms[n-1], size: 1000})
	if lookupMask(h, keys[0]) != nil {
		t.Error("the oldest mask was kept")
	}
	for i := 1; i < n; i++ {
		if got := lookupMask(h^1, keys[i]); got != ms[i] {
			t.Errorf("mask %d after replacement: got %p, want %p", i, got, ms[i])
		}
	}
	if d := maskBytes.Load() - before; d != (maskWays-1)*100+1000 {
		t.Errorf("cached mask bytes grew by %d, want %d", d, (maskWays-1)*100+1000)
	}
}
