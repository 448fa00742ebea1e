package paint

import (
	"encoding/binary"
	"image/color"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// Stop is one colour stop; Offset is in [0, 1] (the canvas validates it).
type Stop struct {
	Offset float64
	Color  color.NRGBA
}

// segment interpolates non-premultiplied colour linearly over [t0, t1):
// colour(t) = base + t×slope, channels 0..1.
type segment struct {
	t0          float32
	base, slope [4]float32
}

// ramp evaluates the colour of a gradient at parameter t.
type ramp struct {
	segs   []segment               // sorted by t0; segs[0].t0 is -Inf (the first colour below the first stop)
	bucket [rampBuckets * 2]uint16 // only 0..rampBuckets are used; the power-of-two size lets the index be masked instead of bounds-checked
	empty  bool                    // no stops: the gradient paints nothing

	// The colour cache serves spans of lutMinSpan pixels or more and is built
	// on the first of them, so gradients that only fill short spans never pay
	// for it; once built it is read-only and shared by every goroutine.
	once  sync.Once
	cache atomic.Pointer[rampCache]
}

// rampCache holds exactPixel at t = i/lutSize. Entry i may stand in for any t
// that rounds to it unless it holds exactMark: next to a stop (a hard edge or a
// change of slope could fall between) or where the colour changes by more than
// one level per entry, so a lookup is never more than one level from exact
// evaluation. Keeping the mark in the entry itself makes a lookup one load.
type rampCache struct {
	lut    [lutSize + 1]uint32
	lo, hi uint32 // exactPixel below 0 and above 1 (constant there)

	// runLo[i]..runHi[i] is the run of equal unmarked entries that holds
	// entry i (a marked entry is a run of its own), so a span can fill every
	// pixel whose t rounds into the run with one colour; meanRun is the mean
	// run length in entries, which tells whether that pays.
	runLo, runHi [lutSize + 1]uint16
	meanRun      float64
}

// exactMark flags a cache entry that must be evaluated exactly. Premultiplied
// colour never has red above alpha, so no colour is ever this word.
const exactMark = 0x000000ff

// lutSize is the number of steps of the colour cache over t in [0, 1].
const lutSize = 4096

// lutMinSpan is the span length from which building the cache (about 4k
// evaluations) is worth it.
const lutMinSpan = 64

// rampBuckets splits [0, 1] so a pixel finds its segment in O(1): bucket[i] is the
// segment containing t = i/rampBuckets, and a short forward scan does the rest.
const rampBuckets = 256

func newRamp(stops []Stop) *ramp {
	r := &ramp{}
	if len(stops) == 0 {
		r.empty = true
		return r
	}
	s := make([]Stop, 0, len(stops))
	for _, st := range stops {
		if math.IsNaN(st.Offset) {
			continue
		}
		st.Offset = math.Max(0, math.Min(1, st.Offset))
		s = append(s, st)
	}
	if len(s) == 0 {
		r.empty = true
		return r
	}
	// Stable: stops at equal offsets keep insertion order and form a hard edge.
	slices.SortStableFunc(s, func(a, b Stop) int {
		switch {
		case a.Offset < b.Offset:
			return -1
		case a.Offset > b.Offset:
			return 1
		}
		return 0
	})
	norm := func(c color.NRGBA) [4]float32 {
		return [4]float32{float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255, float32(c.A) / 255}
	}
	first := norm(s[0].Color)
	r.segs = append(r.segs, segment{t0: float32(math.Inf(-1)), base: first})
	for i := 0; i+1 < len(s); i++ {
		a, b := s[i], s[i+1]
		if b.Offset <= a.Offset {
			continue // zero width: only the hard edge remains
		}
		ca, cb := norm(a.Color), norm(b.Color)
		var sg segment
		sg.t0 = float32(a.Offset)
		inv := 1 / (b.Offset - a.Offset)
		for k := 0; k < 4; k++ {
			slope := float64(cb[k]-ca[k]) * inv
			sg.slope[k] = float32(slope)
			sg.base[k] = float32(float64(ca[k]) - a.Offset*slope)
		}
		r.segs = append(r.segs, sg)
	}
	last := s[len(s)-1]
	r.segs = append(r.segs, segment{t0: float32(last.Offset), base: norm(last.Color)})
	seg := 0
	for i := 0; i <= rampBuckets; i++ {
		t := float32(i) / rampBuckets
		for seg+1 < len(r.segs) && r.segs[seg+1].t0 <= t {
			seg++
		}
		r.bucket[i] = uint16(seg)
	}
	return r
}

// at writes the premultiplied colour for t (exactly evaluated); NaN paints
// transparent.
func (r *ramp) at(t float32, px []uint8) {
	binary.LittleEndian.PutUint32(px, r.exactPixel(t))
}

// table returns the colour cache for a span of n pixels, building it on first
// use, or nil (evaluate exactly) for spans shorter than lutMinSpan. The choice
// depends on the span alone, never on whether another span built the cache
// first, so output is the same whatever order goroutines shade rows in.
func (r *ramp) table(n int) *rampCache {
	if n < lutMinSpan || len(r.segs) == 0 {
		return nil
	}
	if c := r.cache.Load(); c != nil {
		return c
	}
	r.once.Do(func() { r.cache.Store(r.buildCache()) })
	return r.cache.Load()
}

// pixel returns the premultiplied colour for t as a little-endian RGBA word,
// from the cache c (if any) where that is within a level of exactPixel.
func (r *ramp) pixel(t float32, c *rampCache) uint32 {
	if c != nil {
		if p, ok := c.lookup(t); ok {
			return p
		}
	}
	return r.exactPixel(t)
}

// lookup returns the colour for t from the cache, or false when t must be
// evaluated exactly. It is small enough to inline into the shaders' loops.
func (c *rampCache) lookup(t float32) (uint32, bool) {
	switch {
	case t >= 0 && t <= 1:
		p := c.lut[int(t*lutSize+0.5)]
		return p, p != exactMark
	case t < 0:
		return c.lo, true
	case t > 1:
		return c.hi, true
	}
	return 0, true // NaN: no colour (exactPixel gives the same)
}

// buildCache fills the colour cache and marks the entries that must not be used.
func (r *ramp) buildCache() *rampCache {
	c := new(rampCache)
	var exact [(lutSize + 1 + 63) / 64]uint64 // bitset over lut entries
	mark := func(i int) {
		if i >= 0 && i <= lutSize {
			exact[i>>6] |= 1 << (i & 63)
		}
	}
	r.fillLUT(&c.lut)
	c.lo, c.hi = r.exactPixel(-1), r.exactPixel(2)
	// Entries whose rounding interval [i−½, i+½]/lutSize touches a stop.
	for _, s := range r.segs[1:] {
		c := float64(s.t0) * lutSize
		for i := int(math.Floor(c - 1)); i <= int(math.Ceil(c+1)); i++ {
			mark(i)
		}
	}
	// Entries whose neighbours differ by more than one level in any channel.
	for i := 0; i < lutSize; i++ {
		a, b := c.lut[i], c.lut[i+1]
		if a == b { // most neighbours on a gentle ramp are equal
			continue
		}
		for sh := 0; sh < 32; sh += 8 {
			d := int(a>>sh&0xff) - int(b>>sh&0xff)
			if d > 1 || d < -1 {
				mark(i)
				mark(i + 1)
				break
			}
		}
	}
	for w, set := range exact {
		for set != 0 {
			i := w*64 + bits.TrailingZeros64(set)
			set &= set - 1
			c.lut[i] = exactMark
		}
	}
	runs := 0
	for i := 0; i <= lutSize; runs++ {
		j := i
		if c.lut[i] != exactMark {
			for j < lutSize && c.lut[j+1] == c.lut[i] {
				j++
			}
		}
		for k := i; k <= j; k++ {
			c.runLo[k], c.runHi[k] = uint16(i), uint16(j)
		}
		i = j + 1
	}
	c.meanRun = float64(lutSize+1) / float64(runs)
	return c
}

// run names the run of equal colour that t falls in: the first entry of its
// run in the cache, -1 below 0, lutSize+1 above 1, -2 for NaN. Along a span t
// is monotonic, so the pixels of one run are contiguous.
func (c *rampCache) run(t float64) int {
	switch {
	case t >= 0 && t <= 1:
		return int(c.runLo[int(t*lutSize+0.5)])
	case t < 0:
		return -1
	case t > 1:
		return lutSize + 1
	}
	return -2
}

// fillLUT sets lut[i] to exactPixel(i/lutSize), walking the segments in
// step with t instead of finding each entry's segment from the buckets (the
// segment is the same: the last whose t0 ≤ t).
func (r *ramp) fillLUT(lut *[lutSize + 1]uint32) {
	seg := 0
	for i := range lut {
		t := float32(i) / lutSize
		for seg+1 < len(r.segs) && r.segs[seg+1].t0 <= t {
			seg++
		}
		lut[i] = r.segs[seg].pixel(t)
	}
}

// exactPixel evaluates the ramp at t directly.
func (r *ramp) exactPixel(t float32) uint32 {
	var seg int
	switch {
	case len(r.segs) == 0:
		return 0
	case t >= 0 && t <= 1:
		seg = int(r.bucket[int(t*rampBuckets)&(rampBuckets*2-1)])
		for seg+1 < len(r.segs) && r.segs[seg+1].t0 <= t {
			seg++
		}
	case t > 1:
		seg, t = len(r.segs)-1, 1
	case t < 0:
		seg, t = 0, 0
	default:
		return 0
	}
	return r.segs[seg].pixel(t)
}

// pixel is the segment's premultiplied colour at t.
func (s *segment) pixel(t float32) uint32 {
	a255 := clamp01(s.base[3]+t*s.slope[3]) * 255
	cr := uint32(clamp01(s.base[0]+t*s.slope[0])*a255 + 0.5)
	cg := uint32(clamp01(s.base[1]+t*s.slope[1])*a255 + 0.5)
	cb := uint32(clamp01(s.base[2]+t*s.slope[2])*a255 + 0.5)
	ca := uint32(a255 + 0.5)
	return cr | cg<<8 | cb<<16 | ca<<24
}

func clamp01(v float32) float32 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

// fillPixels writes the little-endian RGBA word p to every pixel of dst
// (len(dst) a multiple of 4), doubling the copied run so a long span costs a
// few memmoves.
func fillPixels(dst []uint8, p uint32) {
	if len(dst) >= 256 {
		binary.LittleEndian.PutUint32(dst, p)
		for k := 4; k < len(dst); k *= 2 {
			copy(dst[k:], dst[:k])
		}
		return
	}
	// Short runs: four pixels per step in two 8-byte stores.
	q := uint64(p) | uint64(p)<<32
	for len(dst) >= 16 {
		binary.LittleEndian.PutUint64(dst[:8], q)
		binary.LittleEndian.PutUint64(dst[8:16], q)
		dst = dst[16:]
	}
	for len(dst) >= 4 {
		binary.LittleEndian.PutUint32(dst[:4], p)
		dst = dst[4:]
	}
}
