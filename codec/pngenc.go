package codec

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// The fast PNG writer covers the images a canvas produces (*image.RGBA, *image.NRGBA)
// at PNGFast. image/png tries all five filters on every row, which is more than half
// of its time at its fastest level; choosing between Sub and Up only, with zlib's
// fastest level, halves the time for similar files. The deflate is
// klauspost/compress's: at its fastest level it takes 1.4–1.8x less time than
// compress/flate's on canvas output (photographs, gradients, flat artwork) and its
// files come out 0.5–7% smaller. Other types and levels go to image/png.

// zlibWriters keeps deflate state (several hundred KiB) between encodes.
var zlibWriters = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return z
}}

// idatWriter cuts the zlib stream into IDAT chunks.
type idatWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

const idatSize = 1 << 16

func (c *idatWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 && c.err == nil {
		k := min(len(p), idatSize-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == idatSize {
			c.flush()
		}
	}
	return n, c.err
}

func (c *idatWriter) flush() {
	if len(c.buf) > 0 && c.err == nil {
		c.err = writeChunk(c.w, "IDAT", c.buf)
	}
	c.buf = c.buf[:0]
}

func writeChunk(w io.Writer, typ string, data []byte) error {
	var h [8]byte
	binary.BigEndian.PutUint32(h[:4], uint32(len(data)))
	copy(h[4:], typ)
	crc := crc32.Update(crc32.ChecksumIEEE(h[4:]), crc32.IEEETable, data)
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc)
	_, err := w.Write(c[:])
	return err
}

// absResidual is |b| with b read as a signed residual, without a branch.
func absResidual(b byte) int32 {
	v := int32(int8(b))
	m := v >> 31
	return (v ^ m) - m
}

// encodePNGFast writes m as 8-bit RGB (when opaque) or RGBA, un-premultiplying
// *image.RGBA on the fly, filtering each row with Sub or Up.
func encodePNGFast(w io.Writer, m image.Image) error {
	var pix []byte
	var stride int
	premul := false
	b := m.Bounds()
	switch s := m.(type) {
	case *image.RGBA:
		pix, stride, premul = s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], s.Stride, true
	case *image.NRGBA:
		pix, stride = s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], s.Stride
	default:
		panic("encodePNGFast: unsupported type")
	}
	opaque := m.(interface{ Opaque() bool }).Opaque()
	width, height := b.Dx(), b.Dy()
	bpp := 4
	if opaque {
		bpp = 3
	}
	bw := bufio.NewWriterSize(w, 1<<15)
	if _, err := bw.WriteString("\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8
	ihdr[9] = 6
	if opaque {
		ihdr[9] = 2
	}
	if err := writeChunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}
	iw := &idatWriter{w: bw, buf: make([]byte, 0, idatSize)}
	z := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(z)
	z.Reset(iw)
	sub := make([]byte, 1+width*bpp)
	up := make([]byte, 1+width*bpp)
	cur := make([]byte, width*bpp)
	prev := make([]byte, width*bpp)
	sub[0], up[0] = 1, 2
	for y := 0; y < height; y++ {
		src := pix[y*stride : y*stride+width*4]
		switch {
		case opaque:
			for x, j := 0, 0; x < len(src); x, j = x+4, j+3 {
				cur[j], cur[j+1], cur[j+2] = src[x], src[x+1], src[x+2]
			}
		case premul:
			for x := 0; x < len(src); x += 4 {
				a := uint32(src[x+3])
				switch a {
				case 0xff:
					copy(cur[x:x+4], src[x:x+4])
				case 0:
					cur[x], cur[x+1], cur[x+2], cur[x+3] = 0, 0, 0, 0
				default:
					cur[x] = uint8((uint32(src[x])*255 + a/2) / a)
					cur[x+1] = uint8((uint32(src[x+1])*255 + a/2) / a)
					cur[x+2] = uint8((uint32(src[x+2])*255 + a/2) / a)
					cur[x+3] = uint8(a)
				}
			}
		default:
			copy(cur, src)
		}
		// Sub suits photographs and gradients, Up the repeated rows of flat artwork;
		// the smaller sum of absolute residuals picks one per row.
		n := len(cur)
		so, uo, pv := sub[1:1+n], up[1:1+n], prev[:n]
		var us int32
		for i := range uo {
			uo[i] = cur[i] - pv[i]
			us += absResidual(uo[i])
		}
		// Sub is tried second and abandoned as soon as it cannot win, which makes
		// rows repeating the previous one (flat artwork) nearly free.
		ss := int32(0)
		for i := 0; i < bpp; i++ {
			so[i] = cur[i]
			ss += absResidual(so[i])
		}
		for i := bpp; i < n && ss < us; i++ {
			s := cur[i] - cur[i-bpp]
			so[i] = s
			ss += absResidual(s)
		}
		row := sub
		if us <= ss {
			row = up
		}
		if _, err := z.Write(row); err != nil {
			return err
		}
		cur, prev = prev, cur
	}
	if err := z.Close(); err != nil {
		return err
	}
	iw.flush()
	if iw.err != nil {
		return iw.err
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}
