package recorder

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	"github.com/seed92233726/mediad/codec"
)

// webpSink streams an animated WebP: each frame is encoded as a still WebP by codec
// (libwebp) and its bitstream chunks (ALPH, VP8 or VP8L) are wrapped in an ANMF chunk.
// The RIFF size and the alpha flag are patched in when the file is finished.
type webpSink struct {
	f        *os.File
	bw       *bufio.Writer
	sc       scaler
	fps      int
	opts     codec.EncodeOptions
	buf      bytes.Buffer
	size     int64 // bytes written so far
	anyAlpha bool
}

const webpVP8XFlagsOffset = 20 // RIFF(12) + "VP8X" + size (8)

func newWebPSink(f *os.File, o Options, w, h int) (*webpSink, error) {
	if w > 16383 || h > 16383 {
		f.Close()
		return nil, fmt.Errorf("recorder: %dx%d is larger than WebP allows", w, h)
	}
	s := &webpSink{f: f, bw: bufio.NewWriterSize(f, 1<<16), sc: scaler{w: w, h: h}, fps: o.FPS,
		opts: codec.EncodeOptions{Quality: o.Quality, Lossless: o.Lossless}}
	var hdr [12 + 18 + 14]byte
	copy(hdr[0:], "RIFF")
	copy(hdr[8:], "WEBP")
	copy(hdr[12:], "VP8X")
	binary.LittleEndian.PutUint32(hdr[16:], 10)
	hdr[webpVP8XFlagsOffset] = 0x02 // animation
	put24(hdr[24:], uint32(w-1))
	put24(hdr[27:], uint32(h-1))
	copy(hdr[30:], "ANIM")
	binary.LittleEndian.PutUint32(hdr[34:], 6)
	// Background colour transparent black and loop count 0 (forever): all zero.
	s.bw.Write(hdr[:])
	s.size = int64(len(hdr))
	return s, nil
}

func put24(b []byte, v uint32) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }

func (s *webpSink) write(f *frameBuf) error {
	img := s.sc.frame(f)
	s.buf.Reset()
	if err := codec.Encode(&s.buf, img, codec.WebP, s.opts); err != nil {
		return fmt.Errorf("recorder: webp frame %d: %w", f.idx, err)
	}
	data := s.buf.Bytes()
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return errors.New("recorder: webp encoder returned no RIFF file")
	}
	// Keep the bitstream chunks; the per-frame VP8X header is replaced by ANMF.
	var frame []byte
	for off := 12; off+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[off+4:]))
		end := off + 8 + n + n&1
		if n < 0 || off+8+n > len(data) {
			return errors.New("recorder: webp encoder returned a truncated chunk")
		}
		switch string(data[off : off+4]) {
		case "ALPH":
			s.anyAlpha = true
			frame = append(frame, data[off:min(end, len(data))]...)
		case "VP8 ", "VP8L":
			frame = append(frame, data[off:min(end, len(data))]...)
		}
		off = end
	}
	if len(frame)&1 == 1 {
		frame = append(frame, 0)
	}
	if !s.anyAlpha && !img.Opaque() && s.opts.Lossless {
		s.anyAlpha = true // VP8L carries alpha inside its bitstream
	}
	var hdr [8 + 16]byte
	copy(hdr[0:], "ANMF")
	binary.LittleEndian.PutUint32(hdr[4:], uint32(16+len(frame)))
	// X, Y offsets 0; frame size; duration in ms; flags: do not blend (the frame
	// replaces the canvas, transparency included), do not dispose.
	put24(hdr[14:], uint32(s.sc.w-1))
	put24(hdr[17:], uint32(s.sc.h-1))
	put24(hdr[20:], uint32(frameDelay(f.idx, s.fps, 1000)))
	hdr[23] = 0x02
	s.bw.Write(hdr[:])
	if _, err := s.bw.Write(frame); err != nil {
		return err
	}
	s.size += int64(len(hdr) + len(frame))
	if s.size > 1<<32-16 {
		return errors.New("recorder: animated WebP exceeds the 4 GiB RIFF limit")
	}
	return nil
}

func (s *webpSink) finish(frames int64) error {
	err := s.bw.Flush()
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(s.size-8))
	if _, werr := s.f.WriteAt(b[:], 4); err == nil {
		err = werr
	}
	flags := byte(0x02)
	if s.anyAlpha {
		flags |= 0x10
	}
	if _, werr := s.f.WriteAt([]byte{flags}, webpVP8XFlagsOffset); err == nil {
		err = werr
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *webpSink) abort() { s.f.Close() }
