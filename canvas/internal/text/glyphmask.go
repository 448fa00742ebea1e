package text

import (
	"image"
	"math"
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/font"

	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// Glyph coverage masks: like Skia's glyph cache, a glyph drawn upright at a
// given scale is rasterized once per horizontal sub-pixel phase and its
// 8-bit coverage reused for every later draw, by every canvas and goroutine.

// MaskPhases is the number of horizontal sub-pixel positions a mask is made
// for. Skia uses 4; with 64 the pen moves by at most 1/128 px, so glyph edges
// stay within a level or two of rasterizing the outline at its exact position
// (goldens made that way still hold), and repeated text still hits the cache.
const MaskPhases = 64

// MaxMaskPixels bounds one glyph mask; larger glyphs are filled as outlines.
const MaxMaskPixels = 160 * 160

// MaskBudget bounds the bytes of all cached masks.
var MaskBudget int64 = 32 << 20

// MaskCache switches the cache; with it off every mask is rasterized afresh
// (tests compare the two).
var MaskCache = true

// MaskKey identifies a glyph mask: the glyph, its synthetic bold, its scale
// in device px per em (x and y, positive) and its phase in 1/MaskPhases px.
type MaskKey struct {
	Face   *Face
	GID    font.GID
	Bold   bool
	SX, SY float64
	Phase  uint8
}

// GlyphMask is the coverage of one glyph with its pen at (Phase/MaskPhases, 0)
// of a pixel grid whose origin is the pen's whole-pixel position: pixel (x, y)
// of the mask is Pix[(y-Rect.Min.Y)*Rect.Dx() + x-Rect.Min.X]. Lo and Hi bound
// each row's non-zero coverage (Lo == Hi: an empty row), relative to Rect.Min.X.
type GlyphMask struct {
	Rect   image.Rectangle
	Pix    []uint8
	Lo, Hi []int32
}

type maskEntry struct {
	key   MaskKey
	m     *GlyphMask
	size  int64
	stamp uint64 // maskClock when stored
}

// masks is a set-associative table (sets of maskWays slots of a slotTable)
// of 65536 masks: a poster's few hundred glyphs × sizes × phases run to
// thousands, and with one way the keys whose hashes meet would evict each
// other on every line, each time costing a rasterization. The bytes of the
// masks are bounded by MaskBudget.
var (
	masks     = newSlotTable[maskEntry](16)
	maskClock atomic.Uint64 // orders mask entries for replacement; advances on a miss only
	maskBytes atomic.Int64
	maskPaths = sync.Pool{New: func() any { return new(geom.Path) }}
)

func (k MaskKey) hash() uint64 {
	h := mix(uint64(k.Face.id)<<32 | uint64(k.GID))
	h = mix(h ^ math.Float64bits(k.SX))
	h = mix(h ^ math.Float64bits(k.SY)<<1)
	b := uint64(0)
	if k.Bold {
		b = 1
	}
	return mix(h ^ uint64(k.Phase)<<1 ^ b)
}

// MaskOf returns the mask of k, whose outline is o (ems, y down), from the
// cache or rasterized with rast. It returns nil when the glyph is too large
// for a mask or draws nothing.
func MaskOf(k MaskKey, o *Outline, rast *raster.Rasterizer, scratch *raster.Mask) *GlyphMask {
	var h uint64
	if MaskCache {
		h = k.hash()
		if m := lookupMask(h, k); m != nil {
			return m
		}
	}
	m := rasterizeMask(k, o, rast, scratch)
	if MaskCache && m != nil {
		size := int64(len(m.Pix) + 8*len(m.Lo) + 128)
		if maskBytes.Load()+size <= MaskBudget {
			storeMask(h, &maskEntry{key: k, m: m, size: size})
		}
	}
	return m
}

// maskWays is the associativity of the mask table: a key may sit in any of
// the maskWays slots of its set (h with its low bits varied, so one cache
// line). Glyph masks come in many near-identical keys (sizes × phases), and
// with two ways the odd three hot keys of one set still evicted each other
// on every line (measured on BenchmarkFillText1000Lines).
const maskWays = 4

// lookupMask finds k in any slot of its set.
func lookupMask(h uint64, k MaskKey) *GlyphMask {
	for i := uint64(0); i < maskWays; i++ {
		if e := masks.slots[(h^i)&masks.mask].Load(); e != nil && e.key == k {
			return e.m
		}
	}
	return nil
}

// storeMask puts e in an empty slot of its set, else in place of the set's
// oldest entry, and keeps maskBytes the bytes of the stored masks. Swap
// makes the accounting exact even when two goroutines store into one slot
// at once: each removes the size of the entry it actually replaced.
func storeMask(h uint64, e *maskEntry) {
	e.stamp = maskClock.Add(1)
	var dst *atomic.Pointer[maskEntry]
	oldest := ^uint64(0)
	for i := uint64(0); i < maskWays; i++ {
		s := &masks.slots[(h^i)&masks.mask]
		o := s.Load()
		if o == nil {
			dst = s
			break
		}
		if o.stamp < oldest {
			dst, oldest = s, o.stamp
		}
	}
	old := dst.Swap(e)
	maskBytes.Add(e.size)
	if old != nil {
		maskBytes.Add(-old.size)
	}
}

func rasterizeMask(k MaskKey, o *Outline, rast *raster.Rasterizer, scratch *raster.Mask) *GlyphMask {
	if o.Empty {
		return nil
	}
	px := float64(k.Phase) / MaskPhases
	x0, x1 := k.SX*o.MinX+px, k.SX*o.MaxX+px
	y0, y1 := k.SY*o.MinY, k.SY*o.MaxY
	if !finite4(x0, x1, y0, y1) || (x1-x0+2)*(y1-y0+2) > MaxMaskPixels {
		return nil
	}
	region := image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
	p := maskPaths.Get().(*geom.Path)
	p.Reset()
	p.Append(&o.Path, geom.Matrix{A: k.SX, D: k.SY, E: px})
	rast.Reset(region)
	rast.AddPath(p)
	maskPaths.Put(p)
	rast.RasterizeMask(raster.NonZero, scratch)
	r := scratch.Rect
	if r.Empty() {
		return nil
	}
	w, hgt := r.Dx(), r.Dy()
	m := &GlyphMask{Rect: r, Pix: make([]uint8, w*hgt), Lo: make([]int32, hgt), Hi: make([]int32, hgt)}
	for y := 0; y < hgt; y++ {
		row := scratch.Pix[y*scratch.Stride : y*scratch.Stride+w]
		copy(m.Pix[y*w:], row)
		lo, hi := 0, w
		for lo < hi && row[lo] == 0 {
			lo++
		}
		for hi > lo && row[hi-1] == 0 {
			hi--
		}
		m.Lo[y], m.Hi[y] = int32(lo), int32(hi)
	}
	return m
}

func finite4(a, b, c, d float64) bool {
	return !math.IsNaN(a+b+c+d) && !math.IsInf(a+b+c+d, 0)
}

// CachedMask returns the cached mask of k, or nil (for tests).
func CachedMask(k MaskKey) *GlyphMask {
	return lookupMask(k.hash(), k)
}
