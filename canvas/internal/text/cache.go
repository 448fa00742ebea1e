package text

import "sync/atomic"

// slotTable is a direct-mapped cache: a fixed array of atomically replaced
// entries indexed by a hash. Reads are a plain atomic load (no lock, no
// shared counter to bounce between cores), a miss or a collision simply
// replaces the slot, and memory is bounded by the slot count. Glyph and word
// working sets are far smaller than the tables, so collisions are rare.
type slotTable[E any] struct {
	slots []atomic.Pointer[E]
	mask  uint64
}

func newSlotTable[E any](log2 uint) *slotTable[E] {
	return &slotTable[E]{slots: make([]atomic.Pointer[E], 1<<log2), mask: 1<<log2 - 1}
}

func (t *slotTable[E]) load(h uint64) *E     { return t.slots[h&t.mask].Load() }
func (t *slotTable[E]) store(h uint64, e *E) { t.slots[h&t.mask].Store(e) }

// mix scrambles a key into a well distributed slot hash (splitmix64).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
