package canvas

import (
	"runtime"
	"sync"
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
