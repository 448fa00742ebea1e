package text

import (
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Outline is a glyph outline in ems with y pointing down (scale it by the
// font size in px and place it at the pen position), and its control box.
type Outline struct {
	Path       geom.Path
	MinX, MinY float64
	MaxX, MaxY float64
	Empty      bool
}

type glyphKey struct {
	face uint32
	gid  font.GID
}

type outlineEntry struct {
	key   glyphKey
	o     *Outline
	stamp uint64 // outlineClock when stored
}

// outlines is shared by all canvases and goroutines: a two-way
// set-associative table (slot pairs of a slotTable) of 32768 glyphs. Two
// ways matter: with one, two glyphs of a line whose hashes meet (glyphs 17
// and 73 of Noto Sans CJK SC, say) evict each other on every line and each
// reload parses the glyph again. A glyph outline is a few hundred bytes to a
// few kB, so the table stays within tens of MB; glyphs larger than
// maxCachedPoints are rebuilt on every use instead of cached.
var outlines = newSlotTable[outlineEntry](15)

// outlineClock orders outline entries for replacement; it advances only on
// a miss, so hits touch no shared counter.
var outlineClock atomic.Uint64

const maxCachedPoints = 4096

var outlineMisses atomic.Uint64

// CacheStats reports glyph outline cache hits and misses since start. Hits
// are not counted (a shared counter on every lookup would bounce between
// cores), so hits is always 0.
func CacheStats() (hits, misses uint64) { return 0, outlineMisses.Load() }

// GlyphOutline returns the cached outline of gid in face, loading it on a miss.
func GlyphOutline(f *Face, gid font.GID) *Outline {
	k := glyphKey{f.id, gid}
	h := mix(uint64(f.id)<<32 | uint64(gid))
	if o := lookupOutline(h, k); o != nil {
		return o
	}
	outlineMisses.Add(1)
	o := loadOutline(f, gid)
	if len(o.Path.Points) <= maxCachedPoints {
		storeOutline(h, &outlineEntry{key: k, o: o})
	}
	return o
}

// lookupOutline finds k in either slot of its pair.
func lookupOutline(h uint64, k glyphKey) *Outline {
	if e := outlines.slots[h&outlines.mask].Load(); e != nil && e.key == k {
		return e.o
	}
	if e := outlines.slots[(h^1)&outlines.mask].Load(); e != nil && e.key == k {
		return e.o
	}
	return nil
}

// storeOutline puts e in an empty slot of its pair, else in place of the
// pair's older entry. Two goroutines storing into one pair at once may both
// pick the same slot; one entry is then lost, which costs a later reload and
// nothing else (every slot always holds a whole entry).
func storeOutline(h uint64, e *outlineEntry) {
	a, b := &outlines.slots[h&outlines.mask], &outlines.slots[(h^1)&outlines.mask]
	ea, eb := a.Load(), b.Load()
	e.stamp = outlineClock.Add(1)
	switch {
	case ea == nil:
		a.Store(e)
	case eb == nil:
		b.Store(e)
	case ea.stamp <= eb.stamp:
		a.Store(e)
	default:
		b.Store(e)
	}
}

// facePool hands out private font.Face values for outline loading.
var facePool sync.Map // *Face -> *sync.Pool

func privateFace(f *Face) (*font.Face, func()) {
	p, _ := facePool.LoadOrStore(f, &sync.Pool{New: func() any { return font.NewFace(f.font) }})
	pool := p.(*sync.Pool)
	ff := pool.Get().(*font.Face)
	return ff, func() { pool.Put(ff) }
}

// maxOutlineSegments bounds one glyph; real glyphs have a few hundred.
const maxOutlineSegments = 1 << 16

func loadOutline(f *Face, gid font.GID) (o *Outline) {
	o = &Outline{Empty: true}
	defer func() {
		if r := recover(); r != nil {
			// A malformed glyph draws nothing rather than taking the process down.
			o = &Outline{Empty: true}
		}
	}()
	ff, done := privateFace(f)
	defer done()
	g, ok := ff.GlyphDataOutline(gid)
	if !ok || len(g.Segments) == 0 || len(g.Segments) > maxOutlineSegments {
		return o
	}
	s := 1 / f.upem
	pt := func(p font.SegmentPoint) geom.Point { return geom.Point{X: float64(p.X) * s, Y: -float64(p.Y) * s} }
	p := &o.Path
	open := false
	for _, seg := range g.Segments {
		switch seg.Op {
		case ot.SegmentOpMoveTo:
			if open {
				p.Close()
			}
			p.MoveTo(pt(seg.Args[0]))
			open = true
		case ot.SegmentOpLineTo:
			if open {
				p.LineTo(pt(seg.Args[0]))
			}
		case ot.SegmentOpQuadTo:
			if open {
				p.QuadTo(pt(seg.Args[0]), pt(seg.Args[1]))
			}
		case ot.SegmentOpCubeTo:
			if open {
				p.CubicTo(pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
			}
		}
	}
	if open {
		p.Close()
	}
	if mn, mx, ok := p.Bounds(); ok {
		o.MinX, o.MinY, o.MaxX, o.MaxY = mn.X, mn.Y, mx.X, mx.Y
		o.Empty = false
	}
	return o
}
