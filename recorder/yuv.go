package recorder

import (
	"image"
	"runtime"
	"sync"
	"unsafe"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// BT.601 limited-range RGB→YCbCr in 15-bit fixed point (Y from 16 to 235, Cb and Cr
// from 16 to 240 around 128), the matrix and range the encoder declares in the
// stream; 15 bits so the multipliers fit the signed 16-bit lanes of the vector
// version. The Cb and Cr rows each sum to zero, so greys get exactly 128.
const (
	yR, yG, yB    = 8414, 16520, 3208
	cbR, cbG, cbB = -4857, -9535, 14392
	crR, crG, crB = 14392, -12052, -2340
	// yOff adds the offset 16 and rounds; chroma works on sums of 2x2 blocks
	// (four times the scale), hence 17 bits there.
	yOff = 16<<15 + 1<<14
	cOff = 128<<17 + 1<<16
)

// rgbaToI420Rows converts rows [y0, y1) (y0 even) of the w x (y1-y0) RGBA picture pix
// (stride bytes a row; w even) into 4:2:0 planes: luma per pixel, chroma the mean of
// each 2x2 block. Alpha is ignored, so premultiplied pixels come out composited over
// black, as a video of a transparent canvas shows in browsers. A trailing odd row
// takes its chroma from itself alone.
func rgbaToI420Rows(py, pu, pv []byte, ys, cs int, pix []byte, stride, w, y0, y1 int) {
	// Two pixels a load: R,B and G,A of both sit in 16-bit lanes after one mask, so
	// the 2x2 sums for chroma cost a few adds instead of twelve byte loads.
	const m = 0x00ff00ff00ff00ff
	n := w / 2
	for y := y0; y < y1; y += 2 {
		y2 := min(y+1, y1-1)
		// The rows seen as pixel pairs and luma pairs, all n long, so the loop
		// indexes six slices of one length and the compiler drops every bounds
		// check (stepping slices or indexing bytes at 2i+1 keeps them, and costs
		// a third more time).
		r0 := pairs64(pix[y*stride : y*stride+8*n])
		r1 := pairs64(pix[y2*stride : y2*stride+8*n])
		l0 := pairs16(py[y*ys : y*ys+2*n])
		l1 := pairs16(py[y2*ys : y2*ys+2*n])
		cu := pu[y/2*cs : y/2*cs+n]
		cv := pv[y/2*cs : y/2*cs+n]
		r0, r1, l0, l1, cv = r0[:len(cu)], r1[:len(cu)], l0[:len(cu)], l1[:len(cu)], cv[:len(cu)]
		for i := i420Fast(r0, r1, l0, l1, cu, cv); i < len(cu); i++ {
			a, b := r0[i], r1[i]
			l0[i] = uint16(luma(uint32(a))) | uint16(luma(uint32(a>>32)))<<8
			l1[i] = uint16(luma(uint32(b))) | uint16(luma(uint32(b>>32)))<<8
			rb := a&m + b&m
			ga := a>>8&m + b>>8&m
			rb += rb >> 32
			ga += ga >> 32
			r, g, bl := int32(rb&0xffff), int32(ga&0xffff), int32(rb>>16&0xffff)
			cu[i] = byte((cbR*r + cbG*g + cbB*bl + cOff) >> 17)
			cv[i] = byte((crR*r + crG*g + crB*bl + cOff) >> 17)
		}
	}
}

// pairs64 and pairs16 view bytes as little-endian words (x86 and arm64 load them
// unaligned at full speed); b's length is a multiple of the word size.
func pairs64(b []byte) []uint64 {
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/8)
}
func pairs16(b []byte) []uint16 {
	return unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/2)
}

func luma(p uint32) byte {
	return byte((lumR[p&0xff] + lumG[p>>8&0xff] + lumB[p>>16&0xff]) >> 15)
}

// lumR, lumG, lumB hold each channel's share of luma (the offset folded into G):
// three table loads run beside the chroma multiplies, where three more multiplies
// per pixel would queue behind them.
var lumR, lumG, lumB = func() (r, g, b [256]uint32) {
	for i := range uint32(256) {
		r[i], g[i], b[i] = yR*i, yG*i+yOff, yB*i
	}
	return
}()

// band is one horizontal strip of a conversion.
type band struct {
	p      *ffmpeg.Picture
	img    *image.RGBA
	y0, y1 int
}

// converter turns canvas pixels into encoder pictures on the drawing goroutine,
// split into row bands across helper goroutines so the drawer is held up as briefly
// as possible. The helpers live as long as the recording (no goroutine or closure
// per frame); with one CPU there are none.
type converter struct {
	bands chan band
	wg    sync.WaitGroup
	n     int // helper goroutines
}

func newConverter() *converter { return newConverterN(min(runtime.GOMAXPROCS(0), 4) - 1) }

// newConverterN starts a converter with n helpers.
func newConverterN(n int) *converter {
	c := &converter{n: max(n, 0)}
	if c.n > 0 {
		bands := make(chan band, c.n)
		c.bands = bands
		for range c.n {
			go func() {
				for b := range bands {
					b.convert()
					c.wg.Done()
				}
			}()
		}
	}
	return c
}

// convert fills p from the top-left p.Width x p.Height pixels of img (an odd
// canvas side loses its last column or row, as MP4 sizes are even).
func (c *converter) convert(p *ffmpeg.Picture, img *image.RGBA) {
	h := p.Height
	// Bands of whole 2-row chroma lines, at least 64 rows so tiny pictures stay on
	// the caller.
	per := max(64, (h/(c.n+1)+1)&^1)
	y := 0
	for ; y+per < h && c.n > 0; y += per {
		c.wg.Add(1)
		c.bands <- band{p, img, y, y + per}
	}
	band{p, img, y, h}.convert()
	c.wg.Wait()
}

func (b band) convert() {
	img := b.img
	off := img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y)
	rgbaToI420Rows(b.p.Y, b.p.Cb, b.p.Cr, b.p.YStride, b.p.CStride, img.Pix[off:], img.Stride, b.p.Width, b.y0, b.y1)
}

// close ends the helpers.
func (c *converter) close() {
	if c.bands != nil {
		close(c.bands)
		c.bands = nil
	}
}
