package testimg

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image/color"
)

// RawPNG describes a PNG to be written sample by sample, for the colour types and bit
// depths image/png does not write (low-depth grey, 16-bit grey+alpha, Adam7 interlacing,
// tRNS on truecolour).
type RawPNG struct {
	Width, Height int
	ColorType     byte // 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
	Depth         byte // 1, 2, 4, 8 or 16
	Interlaced    bool
	Palette       []color.NRGBA // colour type 3; alpha below 255 goes to tRNS
	TRNS          []byte        // raw tRNS for colour types 0 and 2
	// Sample returns the samples of pixel (x, y): channel values in 0..2^Depth-1
	// (palette index for type 3).
	Sample func(x, y int) []uint16
}

func (p RawPNG) channels() int {
	return map[byte]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[p.ColorType]
}

// Encode writes the PNG.
func (p RawPNG) Encode() []byte {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(p.Width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(p.Height))
	ihdr[8], ihdr[9] = p.Depth, p.ColorType
	if p.Interlaced {
		ihdr[12] = 1
	}
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, PNGChunk("IHDR", ihdr[:])...)
	if p.ColorType == 3 {
		var plte, trns []byte
		hasAlpha := false
		for _, c := range p.Palette {
			plte = append(plte, c.R, c.G, c.B)
			trns = append(trns, c.A)
			hasAlpha = hasAlpha || c.A != 255
		}
		out = append(out, PNGChunk("PLTE", plte)...)
		if hasAlpha {
			out = append(out, PNGChunk("tRNS", trns)...)
		}
	}
	if p.TRNS != nil {
		out = append(out, PNGChunk("tRNS", p.TRNS)...)
	}
	var raw bytes.Buffer
	if p.Interlaced {
		passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
		for _, ps := range passes {
			p.writeRows(&raw, ps[0], ps[1], ps[2], ps[3])
		}
	} else {
		p.writeRows(&raw, 0, 0, 1, 1)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	out = append(out, PNGChunk("IDAT", z.Bytes())...)
	return append(out, PNGChunk("IEND", nil)...)
}

// writeRows writes the scanlines of one (interlace) pass with filter type 0.
func (p RawPNG) writeRows(buf *bytes.Buffer, x0, y0, dx, dy int) {
	if x0 >= p.Width || y0 >= p.Height {
		return
	}
	for y := y0; y < p.Height; y += dy {
		buf.WriteByte(0)
		var acc uint32
		nbits := 0
		for x := x0; x < p.Width; x += dx {
			for _, s := range p.Sample(x, y)[:p.channels()] {
				switch p.Depth {
				case 16:
					buf.WriteByte(byte(s >> 8))
					buf.WriteByte(byte(s))
				case 8:
					buf.WriteByte(byte(s))
				default:
					acc = acc<<p.Depth | uint32(s)
					nbits += int(p.Depth)
					if nbits == 8 {
						buf.WriteByte(byte(acc))
						acc, nbits = 0, 0
					}
				}
			}
		}
		if nbits > 0 {
			buf.WriteByte(byte(acc << (8 - nbits)))
		}
	}
}
