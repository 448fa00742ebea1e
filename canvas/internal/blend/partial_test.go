package blend

import (
	"encoding/binary"
	"testing"
)

// overPartialRef is the scalar partial-coverage case of SolidOver.Span.
func overPartialRef(d []uint8, src [4]uint8, c uint32) {
	sa := uint32(src[3])
	f := 65025 - sa*c
	for i := range 4 {
		d[i] = uint8((uint32(src[i])*255*c + uint32(d[i])*f + 32512) / 65025)
	}
}

// The vector kernel agrees with the scalar formula for every coverage and
// destination byte, on colours of every alpha with channels at 0, alpha and
// in between.
func TestOverPartial4MatchesScalar(t *testing.T) {
	if !hasPartial4 {
		t.Skip("no vector kernel on this platform")
	}
	var got, want [16]uint8
	var cov [4]uint8
	for sa := 1; sa < 255; sa++ {
		src := [4]uint8{0, uint8(sa), uint8(sa / 3), uint8(sa)}
		if sa%2 == 0 {
			src = [4]uint8{uint8(sa - 1), uint8(sa * 2 / 3), 0, uint8(sa)}
		}
		k, ok := NewSolidOver(src)
		if !ok {
			t.Fatalf("NewSolidOver(%v) refused", src)
		}
		for c := 0; c < 256; c++ {
			for d := 0; d < 256; d += 4 {
				for p := range 4 {
					// Each pixel has its own coverage and bytes.
					cov[p] = uint8((c + 67*p) & 255)
					for ch := range 4 {
						got[4*p+ch] = uint8((d + p + 61*ch) & 255)
					}
				}
				want = got
				for p := range 4 {
					overPartialRef(want[4*p:4*p+4], src, uint32(cov[p]))
				}
				overPartial4(got[:], cov[:], &k)
				if got != want {
					t.Fatalf("src %v cov %v: got %v, want %v", src, cov, got, want)
				}
			}
		}
	}
}

// Span gives the same pixels with the vector kernel as pixel by pixel, on
// rows mixing empty, partial and full coverage.
func TestSolidOverSpanMixedCoverage(t *testing.T) {
	src := [4]uint8{40, 90, 10, 128}
	k, _ := NewSolidOver(src)
	s := binary.LittleEndian.Uint32(src[:])
	var seed uint32 = 7
	next := func() uint32 { seed = seed*1103515245 + 12345; return seed >> 16 }
	for n := 1; n < 40; n++ {
		cov := make([]uint8, n)
		dst := make([]uint8, 4*n)
		for i := range cov {
			switch next() % 4 {
			case 0:
				cov[i] = 0
			case 1:
				cov[i] = 255
			default:
				cov[i] = uint8(next())
			}
		}
		for i := range dst {
			dst[i] = uint8(next())
		}
		want := append([]uint8(nil), dst...)
		for i, c := range cov {
			switch c {
			case 0:
			case 255:
				d := binary.LittleEndian.Uint32(want[4*i:])
				binary.LittleEndian.PutUint32(want[4*i:], s+mulDiv255Lanes(d, 255-uint32(src[3])))
			default:
				overPartialRef(want[4*i:4*i+4], src, uint32(c))
			}
		}
		k.Span(dst, cov)
		if string(dst) != string(want) {
			t.Fatalf("n=%d cov %v:\n got %v\nwant %v", n, cov, dst, want)
		}
	}
}

// Rows shaped like a fill's (left edge, inside, right edge) of every short
// length give the same pixels as pixel by pixel: the right edge is blended
// with the end of the inside run in one vector step.
func TestSolidOverSpanEdgeInsideEdge(t *testing.T) {
	src := [4]uint8{200, 10, 90, 210}
	k, _ := NewSolidOver(src)
	s := binary.LittleEndian.Uint32(src[:])
	for a := 0; a < 6; a++ {
		for b := 0; b < 12; b++ {
			for c := 0; c < 6; c++ {
				var cov []uint8
				for i := range a {
					cov = append(cov, uint8(30+50*i))
				}
				for range b {
					cov = append(cov, 255)
				}
				for i := range c {
					cov = append(cov, uint8(220-40*i))
				}
				dst := make([]uint8, 4*len(cov))
				for i := range dst {
					dst[i] = uint8(i*37 + a + b + c)
				}
				want := append([]uint8(nil), dst...)
				for i, cv := range cov {
					if cv == 255 {
						d := binary.LittleEndian.Uint32(want[4*i:])
						binary.LittleEndian.PutUint32(want[4*i:], s+mulDiv255Lanes(d, 255-uint32(src[3])))
					} else {
						overPartialRef(want[4*i:4*i+4], src, uint32(cv))
					}
				}
				k.Span(dst, cov)
				if string(dst) != string(want) {
					t.Fatalf("cov %v:\n got %v\nwant %v", cov, dst, want)
				}
			}
		}
	}
}
