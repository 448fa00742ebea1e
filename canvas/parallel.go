package canvas

import (
	"image"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// Large row-independent jobs (filling a whole-pixel rectangle with a gradient
// or pattern, operators that sweep the whole clip region) are split into
// horizontal bands on several goroutines. Every pixel is computed by exactly
// the same arithmetic whichever band it falls in, so the output does not
// depend on the number of CPUs.

// parallelMinPixels is the smallest job worth splitting: below it the
// goroutine start-up costs more than it saves.
const parallelMinPixels = 1 << 17

// rowBuffers are one band's span buffers.
type rowBuffers struct{ src, cov []uint8 }

var rowBufferPool = sync.Pool{New: func() any { return new(rowBuffers) }}

func (b *rowBuffers) grow(n int) (src, cov []uint8) {
	if cap(b.src) < 4*n {
		b.src = make([]uint8, 4*n)
		b.cov = make([]uint8, n)
	}
	return b.src[:4*n], b.cov[:n]
}

// forRows calls fn(y, src, cov) for every row in [y0, y1), with span buffers
// of width pixels; fn must only touch its own row.
func (c *Context2D) forRows(y0, y1, width int, fn func(y int, src, cov []uint8)) {
	bands := runtime.GOMAXPROCS(0)
	rows := y1 - y0
	if bands > 8 {
		bands = 8
	}
	if bands < 2 || rows*width < parallelMinPixels || rows < 2*bands {
		src, cov := c.buffers(width)
		for y := y0; y < y1; y++ {
			fn(y, src, cov)
		}
		return
	}
	var wg sync.WaitGroup
	per := (rows + bands - 1) / bands
	for b := 0; b < bands; b++ {
		lo, hi := y0+b*per, min(y0+(b+1)*per, y1)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := rowBufferPool.Get().(*rowBuffers)
			defer rowBufferPool.Put(buf)
			src, cov := buf.grow(width)
			for y := lo; y < hi; y++ {
				fn(y, src, cov)
			}
		}()
	}
	wg.Wait()
}

// Large paths are rasterized in horizontal bands of bandRows rows, aligned to
// multiples of bandRows in device space, each band with its own rasterizer.
// Whether and where a path is banded depends only on its geometry, never on
// the number of CPUs, so the output is identical on every machine; the bands
// are then spread over the available CPUs.
const (
	bandRows      = 128
	bandMinPixels = 1 << 17
)

// banding can be switched off by tests to compare against one rasterizer.
var banding = true

var rasterizerPool = sync.Pool{New: func() any { return new(raster.Rasterizer) }}

// rasterizeBanded fills p band by band when its bounds are large, calling
// the span function made by spanFn (one per band worker, each with its own
// buffers). It reports false, doing nothing, for paths below the threshold.
func (c *Context2D) rasterizeBanded(p *geom.Path, rule raster.FillRule, region image.Rectangle,
	spanFn func(*rowBuffers) func(y, x int, cov []uint8)) bool {
	lo, hi, ok := p.Bounds()
	if !banding || !ok || !finite(lo.X, lo.Y, hi.X, hi.Y) {
		return false
	}
	// Control-point bounds, clamped in float64 before converting to int.
	fb := image.Rect(
		int(math.Max(math.Floor(lo.X), float64(region.Min.X))), int(math.Max(math.Floor(lo.Y), float64(region.Min.Y))),
		int(math.Min(math.Ceil(hi.X), float64(region.Max.X))), int(math.Min(math.Ceil(hi.Y), float64(region.Max.Y))))
	b := fb.Intersect(region)
	if b.Empty() || b.Dx()*b.Dy() < bandMinPixels || b.Dy() < 2*bandRows {
		return false
	}
	first := floorDiv(b.Min.Y, bandRows)
	last := floorDiv(b.Max.Y-1, bandRows)
	bands := last - first + 1
	workers := min(runtime.GOMAXPROCS(0), bands, 8)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rasterizerPool.Get().(*raster.Rasterizer)
			defer rasterizerPool.Put(r)
			buf := rowBufferPool.Get().(*rowBuffers)
			defer rowBufferPool.Put(buf)
			span := spanFn(buf)
			for {
				k := int(next.Add(1)) - 1
				if k >= bands {
					return
				}
				y0 := (first + k) * bandRows
				band := image.Rect(region.Min.X, y0, region.Max.X, y0+bandRows).Intersect(region)
				r.Reset(band)
				r.AddPath(p)
				r.Rasterize(rule, span)
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
