package canvas

import (
	"image"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// Large row-independent jobs (filling a whole-pixel rectangle with a gradient
// or pattern, operators that sweep the whole clip region, big paths) are split
// into horizontal bands on several goroutines. Every pixel is computed by
// exactly the same arithmetic whichever worker runs its band, and where bands
// fall depends only on the geometry, so the output does not depend on the
// number of CPUs.

// parallelMinPixels is the smallest row job worth splitting: below it the
// goroutine start-up costs more than it saves.
const parallelMinPixels = 1 << 17

// maxWorkers bounds the goroutines of one draw call.
const maxWorkers = 8

// rowBuffers are one worker's span buffers.
type rowBuffers struct{ src, cov []uint8 }

func (b *rowBuffers) grow(n int) (src, cov []uint8) {
	if cap(b.src) < 4*n {
		b.src = make([]uint8, 4*n)
		b.cov = make([]uint8, n)
	}
	return b.src[:4*n], b.cov[:n]
}

// spanPainter composites coverage spans into the bitmap: the last stage of
// the pipeline. Its span method is bound once to fn, so handing it to the
// rasterizer allocates nothing per draw call.
type spanPainter struct {
	img  *image.RGBA
	clip *raster.Mask
	op   blend.Op
	src  source
	buf  rowBuffers
	fn   func(y, x int, cov []uint8)
	warm func(y, x int, lo, hi []int32)
	// over is set, with overOK, for the commonest fill: a translucent
	// solid colour, source-over, no clip.
	over   blend.SolidOver
	overOK bool
	// runs says the fill takes the rasterizer's runs (Cover and Fill): a
	// solid colour, source-over, no clip, translucent (overOK) or opaque.
	runs bool
}

func newSpanPainter() *spanPainter {
	p := &spanPainter{}
	p.fn = p.span
	p.warm = p.warmRows
	return p
}

// warmBudget bounds the bytes warmRows asks for per call (a quarter of a
// typical L2), so a wide shape does not evict the rows it is about to paint.
const warmBudget = 256 << 10

// warmRows asks the CPU to start loading the destination rows a fill is
// about to paint, just before the rasterizer sweeps them. Small shapes land
// anywhere on a canvas larger than the cache, so every row of every shape
// starts cold, and rows too short for the hardware prefetcher to lock on
// stay cold throughout; prefetching them all at once overlaps the misses
// instead of paying a memory round trip per row (a quarter of the time of
// 10,000 small translucent fills on a 1920×1080 canvas).
func (p *spanPainter) warmRows(y, x int, lo, hi []int32) {
	pix, stride := p.img.Pix, p.img.Stride
	w := p.img.Rect.Dx()
	budget := warmBudget
	for i := range lo {
		if hi[i] < 0 {
			continue
		}
		xa, xb := x+int(lo[i]), min(x+int(hi[i]), w-1)
		if xa > xb {
			continue
		}
		n := 4 * (xb + 1 - xa)
		if budget -= n; budget < 0 {
			return
		}
		blend.PrefetchRows(pix, (y+i)*stride+xa*4, stride, n, 1)
	}
}

func (p *spanPainter) set(img *image.RGBA, clip *raster.Mask, op blend.Op, src source) {
	p.img, p.clip, p.op, p.src = img, clip, op, src
	p.overOK, p.runs = false, false
	if op == blend.SourceOver && src.solid && clip == nil {
		p.over, p.overOK = blend.NewSolidOver(src.color)
		p.runs = p.overOK || src.color[3] == 255
	}
}

// rasterize sweeps r into the painter: solid fills take the inside of a
// shape as whole runs, any other fill coverage pixel by pixel.
func (p *spanPainter) rasterize(r *raster.Rasterizer, rule raster.FillRule) {
	if p.runs {
		r.RasterizeRuns(rule, p)
		return
	}
	r.Rasterize(rule, p.fn)
}

// Cover and Fill take the runs of a solid source-over fill (runs): an
// opaque colour fills the inside of a shape as a row copy.
func (p *spanPainter) Cover(y, x int, cov []uint8) {
	row := p.img.Pix[y*p.img.Stride : y*p.img.Stride+4*p.img.Rect.Dx()]
	if p.overOK {
		p.over.Edge(row[x*4:], cov)
		return
	}
	blend.CompositeSolid(blend.SourceOver, row[x*4:x*4+4*len(cov)], p.src.color, cov)
}

func (p *spanPainter) Fill(y, x, n int, c uint8) {
	o := y*p.img.Stride + x*4
	dst := p.img.Pix[o : o+4*n]
	switch {
	case p.overOK:
		p.over.Fill(dst, c)
	case c == 255:
		blend.CompositeSolid(blend.SourceOver, dst, p.src.color, nil)
	default:
		_, cov := p.buf.grow(n)
		for i := range cov {
			cov[i] = c
		}
		blend.CompositeSolid(blend.SourceOver, dst, p.src.color, cov)
	}
}

func (p *spanPainter) span(y, x int, cov []uint8) {
	n := len(cov)
	if p.overOK {
		o := y*p.img.Stride + x*4
		p.over.Span(p.img.Pix[o:o+4*n], cov)
		return
	}
	sbuf, cbuf := p.buf.grow(n)
	if p.clip != nil {
		copy(cbuf, cov)
		mulCov(cbuf, p.clip.Row(y, x, x+n))
		cov = cbuf
	}
	dst := p.img.Pix[y*p.img.Stride+x*4:][:4*n]
	if p.src.solid {
		blend.CompositeSolid(p.op, dst, p.src.color, cov)
		return
	}
	p.src.shade(x, y, sbuf)
	blend.Composite(p.op, dst, sbuf, cov)
}

// worker is the state one band goroutine owns; the context keeps them so that
// steady-state drawing allocates nothing.
type worker struct {
	rast    raster.Rasterizer
	mask    raster.Mask
	painter *spanPainter
}

// workers returns n workers, creating them on first use.
func (c *Context2D) workers(n int) []*worker {
	for len(c.pool) < n {
		c.pool = append(c.pool, &worker{painter: newSpanPainter()})
	}
	return c.pool[:n]
}

func workerCount(jobs int) int {
	return max(1, min(runtime.GOMAXPROCS(0), jobs, maxWorkers))
}

// forRows calls fn(y, src, cov) for every row in [y0, y1), with span buffers
// of width pixels; fn must only touch its own row.
func (c *Context2D) forRows(y0, y1, width int, fn func(y int, src, cov []uint8)) {
	rows := y1 - y0
	n := workerCount(rows / 16)
	if n < 2 || rows*width < parallelMinPixels {
		src, cov := c.buffers(width)
		for y := y0; y < y1; y++ {
			fn(y, src, cov)
		}
		return
	}
	var wg sync.WaitGroup
	per := (rows + n - 1) / n
	for i, w := range c.workers(n) {
		lo, hi := y0+i*per, min(y0+(i+1)*per, y1)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			src, cov := w.painter.buf.grow(width)
			for y := lo; y < hi; y++ {
				fn(y, src, cov)
			}
		}()
	}
	wg.Wait()
}

// Large paths are rasterized in horizontal bands of bandRows rows, aligned to
// multiples of bandRows in device space, each band with its own rasterizer.
const (
	bandRows      = 128
	bandMinPixels = 1 << 17
)

// banding can be switched off by tests to compare against one rasterizer.
var banding = true

// rasterizeBanded fills p band by band when its bounds are large, compositing
// with op and src through the clip. It reports false, doing nothing, for paths
// below the threshold.
func (c *Context2D) rasterizeBanded(p *geom.Path, rule raster.FillRule, region image.Rectangle, op blend.Op, src source) bool {
	lo, hi, ok := p.Bounds()
	if !banding || !ok || !finite(lo.X, lo.Y, hi.X, hi.Y) {
		return false
	}
	// Control-point bounds, clamped in float64 before converting to int.
	b := image.Rect(
		int(math.Max(math.Floor(lo.X), float64(region.Min.X))), int(math.Max(math.Floor(lo.Y), float64(region.Min.Y))),
		int(math.Min(math.Ceil(hi.X), float64(region.Max.X))), int(math.Min(math.Ceil(hi.Y), float64(region.Max.Y)))).Intersect(region)
	if b.Empty() || b.Dx()*b.Dy() < bandMinPixels || b.Dy() < 2*bandRows {
		return false
	}
	first := floorDiv(b.Min.Y, bandRows)
	bands := floorDiv(b.Max.Y-1, bandRows) - first + 1
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range c.workers(workerCount(bands)) {
		w.painter.set(c.canvas.img, c.st.clip, op, src)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= bands {
					return
				}
				y0 := (first + k) * bandRows
				w.rast.Reset(image.Rect(region.Min.X, y0, region.Max.X, y0+bandRows).Intersect(region))
				w.rast.AddPath(p)
				w.painter.rasterize(&w.rast, rule)
			}
		}()
	}
	wg.Wait()
	return true
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// rasterizeMask writes the coverage of p over region into m (resized to the
// path's bounds within region). Large paths go band by band, in parallel, so
// the rasterizer's accumulation grid never exceeds one band: a clip on a
// 16384² canvas needs its 1-byte mask, not a 4-byte grid of the whole canvas.
func (c *Context2D) rasterizeMask(p *geom.Path, rule raster.FillRule, region image.Rectangle, m *raster.Mask) {
	lo, hi, ok := p.Bounds()
	var b image.Rectangle
	if ok && finite(lo.X, lo.Y, hi.X, hi.Y) {
		b = image.Rect(
			int(math.Max(math.Floor(lo.X), float64(region.Min.X))), int(math.Max(math.Floor(lo.Y), float64(region.Min.Y))),
			int(math.Min(math.Ceil(hi.X), float64(region.Max.X))), int(math.Min(math.Ceil(hi.Y), float64(region.Max.Y)))).Intersect(region)
	}
	if !banding || b.Empty() || b.Dx()*b.Dy() < bandMinPixels || b.Dy() < 2*bandRows {
		c.rast.Reset(region)
		c.rast.AddPath(p)
		c.rast.RasterizeMask(rule, m)
		return
	}
	// The mask covers the control-point bounds (a superset of the coverage);
	// every band writes its own rows. The goroutines capture a copy of b
	// (mb), so the common unbanded call keeps b off the heap.
	mb := b
	m.Rect, m.Stride = mb, mb.Dx()
	if n := mb.Dx() * mb.Dy(); cap(m.Pix) >= n {
		m.Pix = m.Pix[:n]
		clear(m.Pix)
	} else {
		m.Pix = make([]uint8, n)
	}
	first := floorDiv(mb.Min.Y, bandRows)
	bands := floorDiv(mb.Max.Y-1, bandRows) - first + 1
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range c.workers(workerCount(bands)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= bands {
					return
				}
				y0 := (first + k) * bandRows
				band := image.Rect(region.Min.X, y0, region.Max.X, y0+bandRows).Intersect(mb)
				w.rast.Reset(image.Rect(region.Min.X, band.Min.Y, region.Max.X, band.Max.Y))
				w.rast.AddPath(p)
				w.rast.RasterizeMask(rule, &w.mask)
				// Copy the band's rows into place (zero outside its bounds).
				for y := w.mask.Rect.Min.Y; y < w.mask.Rect.Max.Y; y++ {
					x0, x1 := max(w.mask.Rect.Min.X, mb.Min.X), min(w.mask.Rect.Max.X, mb.Max.X)
					if x0 < x1 {
						copy(m.Pix[(y-mb.Min.Y)*m.Stride+x0-mb.Min.X:], w.mask.Row(y, x0, x1))
					}
				}
			}
		}()
	}
	wg.Wait()
}
