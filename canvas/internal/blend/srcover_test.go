package blend

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// srcOverSpanRef is source-over with full coverage, pixel by pixel: the
// definition srcOverSpan's runs must reproduce.
func srcOverSpanRef(dst, src []uint8) {
	for j := 0; j+4 <= len(src) && j+4 <= len(dst); j += 4 {
		s := binary.LittleEndian.Uint32(src[j:])
		sa := s >> 24
		switch {
		case sa == 255:
			binary.LittleEndian.PutUint32(dst[j:], s)
		case s == 0:
		case validPremul(s):
			d := binary.LittleEndian.Uint32(dst[j:])
			binary.LittleEndian.PutUint32(dst[j:], s+mulDiv255Lanes(d, 255-sa))
		default:
			srcOverPixelSlow(dst[j:j+4:j+4], src[j:j+4:j+4], 255)
		}
	}
}

// TestSrcOverSpanRuns: runs of opaque and of transparent pixels of every
// length and alignment, between translucent, zero-alpha-but-coloured and
// invalid premultiplied pixels, give exactly the pixel-by-pixel result,
// and nothing past the span is touched.
func TestSrcOverSpanRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 11))
	for iter := range 3000 {
		n := rng.IntN(150)
		src := make([]uint8, 0, 4*n)
		for len(src) < 4*n {
			run := 1 + rng.IntN(40)
			kind := rng.IntN(5)
			for range run {
				var p [4]uint8
				switch kind {
				case 0: // opaque
					p = [4]uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
				case 1: // transparent
				case 2: // translucent, premultiplied
					a := rng.IntN(255)
					p = [4]uint8{uint8(rng.IntN(a + 1)), uint8(rng.IntN(a + 1)), uint8(rng.IntN(a + 1)), uint8(a)}
				case 3: // alpha 0 with colour: not premultiplied
					p = [4]uint8{uint8(1 + rng.IntN(255)), 0, 0, 0}
				default: // alpha 255 but one byte of the next pixel zero: word checks must look at alpha only
					p = [4]uint8{0, 0, 0, 255}
				}
				src = append(src, p[:]...)
			}
		}
		src = src[:4*n]
		dst := make([]uint8, 4*n+8)
		for i := range dst {
			dst[i] = uint8(rng.IntN(256))
		}
		want := append([]uint8(nil), dst...)
		srcOverSpanRef(want[:4*n], src)
		srcOverSpan(dst[:4*n], src)
		for i := range dst {
			if dst[i] != want[i] {
				t.Fatalf("iter %d: byte %d is %d, pixel by pixel %d", iter, i, dst[i], want[i])
			}
		}
	}
}
