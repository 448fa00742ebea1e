package recorder

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"image"
	"os"

	"github.com/klauspost/compress/zlib"
)

// apngSink streams an animated PNG: 8-bit RGBA (un-premultiplied), each row filtered
// with Sub or Up (whichever leaves smaller residuals), deflated at the fastest level.
// Frame delays are exact (1/fps as a fraction); the frame count in acTL is patched in
// when the file is finished.
type apngSink struct {
	f    *os.File
	bw   *bufio.Writer
	sc   scaler
	fps  int
	seq  uint32
	zw   *zlib.Writer
	cw   apngChunkWriter
	rows [4][]byte // current straight row, previous row, Sub and Up candidates
}

const apngACTLOffset = 8 + 12 + 13 // signature, IHDR chunk

func newAPNGSink(f *os.File, o Options, w, h int) (*apngSink, error) {
	s := &apngSink{f: f, bw: bufio.NewWriterSize(f, 1<<16), sc: scaler{w: w, h: h}, fps: o.FPS}
	s.bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6
	pngChunk(s.bw, "IHDR", ihdr[:])
	var actl [8]byte // frame count (patched), plays 0 = forever
	pngChunk(s.bw, "acTL", actl[:])
	s.cw.s = s
	var err error
	if s.zw, err = zlib.NewWriterLevel(&s.cw, zlib.BestSpeed); err != nil {
		f.Close()
		return nil, err
	}
	for i := range s.rows {
		s.rows[i] = make([]byte, 1+4*w)
	}
	return s, nil
}

func pngChunk(w *bufio.Writer, typ string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(data)))
	copy(hdr[4:], typ)
	w.Write(hdr[:])
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc.Sum32())
	_, err := w.Write(c[:])
	return err
}

func (s *apngSink) write(f *frameBuf) error {
	img := s.sc.frame(f)
	var fctl [26]byte
	binary.BigEndian.PutUint32(fctl[0:], s.seq)
	s.seq++
	binary.BigEndian.PutUint32(fctl[4:], uint32(s.sc.w))
	binary.BigEndian.PutUint32(fctl[8:], uint32(s.sc.h))
	binary.BigEndian.PutUint16(fctl[20:], 1)
	binary.BigEndian.PutUint16(fctl[22:], uint16(s.fps))
	// dispose_op NONE, blend_op SOURCE: every frame replaces the whole canvas.
	if err := pngChunk(s.bw, "fcTL", fctl[:]); err != nil {
		return err
	}
	s.cw.fdAT = f.idx > 0
	s.zw.Reset(&s.cw)
	if err := s.deflate(img); err != nil {
		return err
	}
	if err := s.zw.Close(); err != nil {
		return err
	}
	return s.cw.flush()
}

func (s *apngSink) deflate(img *image.RGBA) error {
	w := s.sc.w
	cur, prev, sub, up := s.rows[0][1:], s.rows[1][1:], s.rows[2], s.rows[3]
	clear(prev)
	sub[0], up[0] = 1, 2
	for y := 0; y < s.sc.h; y++ {
		src := img.Pix[img.PixOffset(0, y):][:4*w]
		for x := 0; x < 4*w; x += 4 {
			a := src[x+3]
			switch a {
			case 255:
				copy(cur[x:x+4], src[x:x+4])
			case 0:
				cur[x], cur[x+1], cur[x+2], cur[x+3] = 0, 0, 0, 0
			default:
				r, g, b := straight(src[x : x+4])
				cur[x], cur[x+1], cur[x+2], cur[x+3] = byte(r), byte(g), byte(b), a
			}
		}
		var sumSub, sumUp int
		for i := 0; i < 4*w; i++ {
			var left byte
			if i >= 4 {
				left = cur[i-4]
			}
			ds, du := cur[i]-left, cur[i]-prev[i]
			sub[1+i], up[1+i] = ds, du
			sumSub += int(int8(ds)) * sign(int8(ds))
			sumUp += int(int8(du)) * sign(int8(du))
		}
		row := sub
		if sumUp < sumSub {
			row = up
		}
		if _, err := s.zw.Write(row); err != nil {
			return err
		}
		cur, prev = prev, cur
	}
	return nil
}

func sign(v int8) int {
	if v < 0 {
		return -1
	}
	return 1
}

func (s *apngSink) finish(frames int64) error {
	pngChunk(s.bw, "IEND", nil)
	err := s.bw.Flush()
	var actl [8]byte
	binary.BigEndian.PutUint32(actl[0:], uint32(frames))
	crc := crc32.NewIEEE()
	crc.Write([]byte("acTL"))
	crc.Write(actl[:])
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc.Sum32())
	if _, werr := s.f.WriteAt(actl[:], apngACTLOffset+8); err == nil {
		err = werr
	}
	if _, werr := s.f.WriteAt(c[:], apngACTLOffset+16); err == nil {
		err = werr
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *apngSink) abort() { s.f.Close() }

// apngChunkWriter collects deflated data into IDAT chunks (first frame) or fdAT chunks
// (later frames, each with its sequence number) of up to 256 KiB.
type apngChunkWriter struct {
	s       *apngSink
	fdAT    bool
	buf     []byte
	scratch []byte
}

const apngChunkMax = 256 << 10

func (c *apngChunkWriter) Write(p []byte) (int, error) {
	c.buf = append(c.buf, p...)
	for len(c.buf) >= apngChunkMax {
		if err := c.emit(c.buf[:apngChunkMax]); err != nil {
			return 0, err
		}
		c.buf = append(c.buf[:0], c.buf[apngChunkMax:]...)
	}
	return len(p), nil
}

func (c *apngChunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := c.emit(c.buf)
	c.buf = c.buf[:0]
	return err
}

func (c *apngChunkWriter) emit(data []byte) error {
	if !c.fdAT {
		return pngChunk(c.s.bw, "IDAT", data)
	}
	// fdAT = sequence number + data; built in a scratch slice to checksum once.
	c.scratch = binary.BigEndian.AppendUint32(c.scratch[:0], c.s.seq)
	c.s.seq++
	c.scratch = append(c.scratch, data...)
	return pngChunk(c.s.bw, "fdAT", c.scratch)
}
