package testimg

import (
	"encoding/binary"
	"image"
	"image/color"
)

// CMYKJPEG writes a baseline 4-component Adobe JPEG (APP14 transform 0: plain CMYK,
// not YCCK) as Photoshop does, with the ink values stored inverted (255 = no ink). Each
// 8×8 block is flat, so only DC coefficients are coded and no DCT is needed; the
// blocks' colours come from ink(bx, by). It also returns the RGB image a correct
// decoder produces (image/color's CMYK conversion of the blocks).
func CMYKJPEG(w, h int, ink func(bx, by int) color.CMYK) ([]byte, *image.RGBA) {
	out := []byte{0xff, 0xd8}
	seg := func(marker byte, data []byte) {
		out = append(out, 0xff, marker)
		out = binary.BigEndian.AppendUint16(out, uint16(len(data)+2))
		out = append(out, data...)
	}
	seg(0xee, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00")) // version 100, flags 0, transform 0
	dqt := make([]byte, 65)                                // table 0, all ones: DC = 8·(v−128) exactly
	for i := 1; i < 65; i++ {
		dqt[i] = 1
	}
	seg(0xdb, dqt)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 4}
	for c := byte(1); c <= 4; c++ {
		sof = append(sof, c, 0x11, 0)
	}
	seg(0xc0, sof)
	// The standard luminance DC table, and an AC table holding only end-of-block.
	dcBits := []byte{0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}
	dht := append([]byte{0x00}, dcBits...)
	dht = append(dht, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
	dht = append(dht, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00)
	seg(0xc4, dht)
	seg(0xda, []byte{4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0})

	// Canonical codes of the DC table.
	var dcCode [12]uint16
	var dcLen [12]uint8
	code, sym := uint16(0), 0
	for l := 1; l <= 16; l++ {
		for i := 0; i < int(dcBits[l-1]); i++ {
			dcCode[sym], dcLen[sym] = code, uint8(l)
			code++
			sym++
		}
		code <<= 1
	}
	var acc uint32
	var nbits uint
	put := func(v uint32, n uint) {
		for n > 0 {
			n--
			acc = acc<<1 | (v>>n)&1
			nbits++
			if nbits == 8 {
				out = append(out, byte(acc))
				if byte(acc) == 0xff {
					out = append(out, 0) // byte stuffing
				}
				acc, nbits = 0, 0
			}
		}
	}
	want := image.NewRGBA(image.Rect(0, 0, w, h))
	var pred [4]int
	for by := 0; by < (h+7)/8; by++ {
		for bx := 0; bx < (w+7)/8; bx++ {
			c := ink(bx, by)
			stored := [4]uint8{255 - c.C, 255 - c.M, 255 - c.Y, 255 - c.K}
			for i := 0; i < 4; i++ {
				dc := 8 * (int(stored[i]) - 128)
				diff := dc - pred[i]
				pred[i] = dc
				mag, cat := diff, 0
				if mag < 0 {
					mag = -mag
				}
				for mag>>cat != 0 {
					cat++
				}
				put(uint32(dcCode[cat]), uint(dcLen[cat]))
				if cat > 0 {
					bits := diff
					if diff < 0 {
						bits = diff + (1 << cat) - 1
					}
					put(uint32(bits), uint(cat))
				}
				put(0, 1) // end of block
			}
			r, g, b := color.CMYKToRGB(c.C, c.M, c.Y, c.K)
			for y := by * 8; y < min(h, by*8+8); y++ {
				for x := bx * 8; x < min(w, bx*8+8); x++ {
					want.SetRGBA(x, y, color.RGBA{r, g, b, 255})
				}
			}
		}
	}
	if nbits > 0 {
		put(0x7f, 8-nbits) // pad with ones
	}
	return append(out, 0xff, 0xd9), want
}
