package recorder

import (
	"bufio"
	"compress/lzw"
	"encoding/binary"
	"image"
	"os"
)

// gifSink streams an animated GIF: every frame is a full-canvas image with its own
// colour table, written as it arrives, so memory does not grow with the frame count.
// A frame with at most 256 colours (one of them transparent) keeps them exactly;
// others are dithered (Floyd–Steinberg) to a fixed 6×7×6 colour cube.
type gifSink struct {
	f    *os.File
	bw   *bufio.Writer
	sc   scaler
	fps  int
	q    gifQuantizer
	blk  gifBlockWriter
	head bool
}

func newGIFSink(f *os.File, o Options, w, h int) *gifSink {
	s := &gifSink{f: f, bw: bufio.NewWriterSize(f, 1<<16), sc: scaler{w: w, h: h}, fps: o.FPS}
	s.blk.w = s.bw
	return s
}

func (s *gifSink) writeHeader() {
	w, h := s.sc.w, s.sc.h
	s.bw.WriteString("GIF89a")
	var lsd [7]byte
	binary.LittleEndian.PutUint16(lsd[0:], uint16(w))
	binary.LittleEndian.PutUint16(lsd[2:], uint16(h))
	s.bw.Write(lsd[:]) // no global colour table
	// NETSCAPE2.0 application extension: loop forever.
	s.bw.Write([]byte{0x21, 0xff, 0x0b})
	s.bw.WriteString("NETSCAPE2.0")
	s.bw.Write([]byte{0x03, 0x01, 0x00, 0x00, 0x00})
	s.head = true
}

func (s *gifSink) write(f *frameBuf) error {
	if !s.head {
		s.writeHeader()
	}
	img := s.sc.frame(f)
	pal, trans := s.q.quantize(img)
	bits := 1
	for 1<<bits < len(pal) {
		bits++
	}
	// Graphic control extension: delay in centiseconds; a frame with transparency
	// clears to the background first so the previous frame does not show through.
	var gce [8]byte
	gce[0], gce[1], gce[2] = 0x21, 0xf9, 4
	disposal := byte(1)
	if trans >= 0 {
		disposal = 2
		gce[3] = 1
		gce[6] = byte(trans)
	}
	gce[3] |= disposal << 2
	binary.LittleEndian.PutUint16(gce[4:], uint16(frameDelay(f.idx, s.fps, 100)))
	s.bw.Write(gce[:])
	var id [10]byte
	id[0] = 0x2c
	binary.LittleEndian.PutUint16(id[5:], uint16(s.sc.w))
	binary.LittleEndian.PutUint16(id[7:], uint16(s.sc.h))
	id[9] = 0x80 | byte(bits-1)
	s.bw.Write(id[:])
	var table [256 * 3]byte
	for i, c := range pal {
		table[3*i], table[3*i+1], table[3*i+2] = byte(c>>16), byte(c>>8), byte(c)
	}
	s.bw.Write(table[:3<<bits])
	lit := max(2, bits)
	s.bw.WriteByte(byte(lit))
	lw := lzw.NewWriter(&s.blk, lzw.LSB, lit)
	if _, err := lw.Write(s.q.idx); err != nil {
		return err
	}
	if err := lw.Close(); err != nil {
		return err
	}
	if err := s.blk.flush(); err != nil {
		return err
	}
	return s.bw.WriteByte(0)
}

func (s *gifSink) finish(frames int64) error {
	if !s.head {
		s.writeHeader()
	}
	s.bw.WriteByte(0x3b)
	err := s.bw.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *gifSink) abort() { s.f.Close() }

// gifBlockWriter cuts LZW output into GIF's 255-byte sub-blocks.
type gifBlockWriter struct {
	w   *bufio.Writer
	buf [256]byte
	n   int
}

func (b *gifBlockWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		c := copy(b.buf[1+b.n:256], p)
		b.n += c
		p = p[c:]
		if b.n == 255 {
			if err := b.flush(); err != nil {
				return 0, err
			}
		}
	}
	return total, nil
}

func (b *gifBlockWriter) flush() error {
	if b.n == 0 {
		return nil
	}
	b.buf[0] = byte(b.n)
	_, err := b.w.Write(b.buf[:1+b.n])
	b.n = 0
	return err
}

// gifQuantizer maps a premultiplied RGBA frame to at most 256 palette indices.
type gifQuantizer struct {
	idx    []byte
	seen   map[uint32]byte
	errBuf []int32 // Floyd–Steinberg error, two rows of r, g, b
}

const (
	gifAlphaCut = 128     // pixels less opaque than this become transparent
	transKey    = 1 << 30 // colour key of transparent pixels (outside 0xRRGGBB)
)

// quantize fills q.idx and returns the palette (0xRRGGBB) and the transparent index
// (-1 when no pixel is transparent).
func (q *gifQuantizer) quantize(img *image.RGBA) ([]uint32, int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if cap(q.idx) < w*h {
		q.idx = make([]byte, w*h)
	}
	q.idx = q.idx[:w*h]
	if pal, trans, ok := q.exact(img, w, h); ok {
		return pal, trans
	}
	return q.dither(img, w, h)
}

// straight un-premultiplies one pixel.
func straight(p []byte) (r, g, b uint32) {
	a := uint32(p[3])
	if a == 255 {
		return uint32(p[0]), uint32(p[1]), uint32(p[2])
	}
	return (uint32(p[0])*255 + a/2) / a, (uint32(p[1])*255 + a/2) / a, (uint32(p[2])*255 + a/2) / a
}

func (q *gifQuantizer) exact(img *image.RGBA, w, h int) ([]uint32, int, bool) {
	if q.seen == nil {
		q.seen = make(map[uint32]byte, 256)
	}
	clear(q.seen)
	var pal []uint32
	trans := -1
	last, lastIdx := uint32(1<<31), byte(0)
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):]
		out := q.idx[y*w : (y+1)*w]
		for x := range out {
			p := row[4*x : 4*x+4]
			var key uint32
			if p[3] < gifAlphaCut {
				key = transKey
			} else {
				r, g, b := straight(p)
				key = r<<16 | g<<8 | b
			}
			if key == last {
				out[x] = lastIdx
				continue
			}
			i, ok := q.seen[key]
			if !ok {
				if len(pal) == 256 {
					return nil, 0, false
				}
				i = byte(len(pal))
				q.seen[key] = i
				entry := key
				if key == transKey {
					trans, entry = int(i), 0
				}
				pal = append(pal, entry)
			}
			out[x] = i
			last, lastIdx = key, i
		}
	}
	return pal, trans, true
}

// The fixed palette: 6 levels of red, 7 of green, 6 of blue (252 colours), then the
// transparent entry.
var cubeLevels = [3]int32{6, 7, 6}

func cubePalette() []uint32 {
	pal := make([]uint32, 0, 253)
	for r := int32(0); r < 6; r++ {
		for g := int32(0); g < 7; g++ {
			for b := int32(0); b < 6; b++ {
				pal = append(pal, uint32(r*255/5)<<16|uint32(g*255/6)<<8|uint32(b*255/5))
			}
		}
	}
	return append(pal, 0)
}

var fixedPalette = cubePalette()

func (q *gifQuantizer) dither(img *image.RGBA, w, h int) ([]uint32, int) {
	n := 3 * (w + 2)
	if cap(q.errBuf) < 2*n {
		q.errBuf = make([]int32, 2*n)
	}
	cur, next := q.errBuf[:n], q.errBuf[n:2*n]
	clear(cur)
	trans := -1
	for y := 0; y < h; y++ {
		clear(next)
		row := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):]
		out := q.idx[y*w : (y+1)*w]
		for x := range out {
			p := row[4*x : 4*x+4]
			if p[3] < gifAlphaCut {
				out[x] = 252
				trans = 252
				continue
			}
			r, g, b := straight(p)
			c := [3]int32{int32(r), int32(g), int32(b)}
			var lv [3]int32
			for k := 0; k < 3; k++ {
				v := c[k] + cur[3*(x+1)+k]/16
				v = min(255, max(0, v))
				steps := cubeLevels[k] - 1
				l := (v*steps + 127) / 255
				lv[k] = l
				e := v - l*255/steps
				// Distribute 7/16 right, 3/16 below-left, 5/16 below, 1/16 below-right
				// (the error is kept in sixteenths).
				cur[3*(x+2)+k] += e * 7
				next[3*x+k] += e * 3
				next[3*(x+1)+k] += e * 5
				next[3*(x+2)+k] += e
			}
			out[x] = byte(lv[0]*42 + lv[1]*6 + lv[2])
		}
		cur, next = next, cur
	}
	return fixedPalette, trans
}
