package codec

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

// webpScan is what the RIFF chunk headers of a WebP say.
type webpScan struct {
	width, height int
	alpha         bool
	animated      bool
	frames        int
	orientation   Orientation
}

func (s webpScan) config() Config {
	return Config{Width: s.width, Height: s.height, HasAlpha: s.alpha, Frames: max(s.frames, 1), Orientation: max(s.orientation, 1)}
}

// scanWebP reads the chunk headers: the image header of a simple file, or the VP8X
// canvas followed by a walk over the remaining chunks to count ANMF frames and find EXIF.
func scanWebP(br *bufio.Reader) (webpScan, error) {
	var s webpScan
	var riff [12]byte
	if _, err := io.ReadFull(br, riff[:]); err != nil {
		return s, errNoFrame(err)
	}
	remaining := int64(binary.LittleEndian.Uint32(riff[4:8])) - 4
	first := true
	for remaining >= 8 {
		var h [8]byte
		if _, err := io.ReadFull(br, h[:]); err != nil {
			if !first && s.frames > 0 && err == io.EOF {
				break
			}
			return s, errNoFrame(err)
		}
		typ := string(h[:4])
		n := int64(binary.LittleEndian.Uint32(h[4:8]))
		padded := n + n&1
		remaining -= 8 + padded
		if first {
			first = false
			switch typ {
			case "VP8 ":
				var d [10]byte
				if n < 10 {
					return s, errors.New("short VP8 chunk")
				}
				if _, err := io.ReadFull(br, d[:]); err != nil {
					return s, errNoFrame(err)
				}
				if d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a {
					return s, errors.New("bad VP8 start code")
				}
				s.width = int(binary.LittleEndian.Uint16(d[6:8]) & 0x3fff)
				s.height = int(binary.LittleEndian.Uint16(d[8:10]) & 0x3fff)
				s.frames = 1
				return s, nil
			case "VP8L":
				var d [5]byte
				if n < 5 {
					return s, errors.New("short VP8L chunk")
				}
				if _, err := io.ReadFull(br, d[:]); err != nil {
					return s, errNoFrame(err)
				}
				if d[0] != 0x2f {
					return s, errors.New("bad VP8L signature")
				}
				v := binary.LittleEndian.Uint32(d[1:5])
				s.width = int(v&0x3fff) + 1
				s.height = int(v>>14&0x3fff) + 1
				s.alpha = v>>28&1 != 0
				s.frames = 1
				return s, nil
			case "VP8X":
				var d [10]byte
				if n < 10 {
					return s, errors.New("short VP8X chunk")
				}
				if _, err := io.ReadFull(br, d[:]); err != nil {
					return s, errNoFrame(err)
				}
				s.alpha = d[0]&0x10 != 0
				s.animated = d[0]&0x02 != 0
				s.width = int(uint32(d[4])|uint32(d[5])<<8|uint32(d[6])<<16) + 1
				s.height = int(uint32(d[7])|uint32(d[8])<<8|uint32(d[9])<<16) + 1
				if _, err := br.Discard(int(padded - 10)); err != nil {
					return s, errNoFrame(err)
				}
				continue
			default:
				return s, errors.New("unknown first chunk " + typ)
			}
		}
		switch {
		case typ == "ANMF":
			s.frames++
		case typ == "VP8 " || typ == "VP8L":
			if !s.animated {
				s.frames = 1
			}
		case typ == "EXIF" && n <= maxMetaChunk:
			d := make([]byte, n)
			if _, err := io.ReadFull(br, d); err != nil {
				return s, errNoFrame(err)
			}
			s.orientation, _ = ParseEXIFOrientation(d)
			padded -= n
		}
		if _, err := br.Discard(int(padded)); err != nil {
			if s.frames > 0 && err == io.EOF {
				break
			}
			return s, errNoFrame(err)
		}
	}
	if s.frames == 0 {
		return s, errors.New("no image data")
	}
	return s, nil
}
