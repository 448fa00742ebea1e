package blend

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The vector kernel, the portable one and the SWAR tail must all give
// round(d×(255−sa)/255) + s for every byte d and every valid colour, at
// every run length (so each path and each remainder is taken).
func TestOverSolidRunExact(t *testing.T) {
	var d0 [256 * 4]uint8 // every byte value in every channel
	for i := range d0 {
		d0[i] = uint8(i*5 + i/256)
	}
	kernelChoices(func(name string) {
		for sa := 0; sa < 256; sa++ {
			col := [4]uint8{uint8(sa), uint8(sa / 2), uint8(sa / 3 * 2), uint8(sa)}
			s := uint32(col[0]) | uint32(col[1])<<8 | uint32(col[2])<<16 | uint32(col[3])<<24
			ia := 255 - uint32(sa)
			want := d0
			for i := range want {
				want[i] = col[i%4] + uint8(div255(uint32(want[i])*ia))
			}
			for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 33, 255, 256} {
				got := d0
				overSolidRun(got[:4*n], s, ia)
				if !bytes.Equal(got[:4*n], want[:4*n]) || !bytes.Equal(got[4*n:], d0[4*n:]) {
					t.Fatalf("%s: alpha %d, %d pixels: got %v, want %v", name, sa, n, got[:4*n], want[:4*n])
				}
				got = d0
				overSolidGroupsGo(got[:n/4*16], s, ia)
				if !bytes.Equal(got[:n/4*16], want[:n/4*16]) || !bytes.Equal(got[n/4*16:], d0[n/4*16:]) {
					t.Fatalf("portable, alpha %d, %d pixels: got %v", sa, n, got[:4*n])
				}
			}
		}
	})
}

// SolidOver.Span must agree with the one-rounding reference formula of
// srcOverPixelSlow for every coverage, including runs of full coverage long
// enough for the vector kernel.
func TestSolidOverSpanMatchesReference(t *testing.T) {
	kernelChoices(func(name string) { testSpanMatchesReference(t, name, false) })
}

// Spans made of runs (partly covered, full, empty) of 1 to 30 pixels, as a
// fill's rows are, take every path of Span: runs of one coverage found at
// any offset, long or short, at the start, middle and end.
func TestSolidOverSpanRuns(t *testing.T) {
	kernelChoices(func(name string) { testSpanMatchesReference(t, name, true) })
}

func testSpanMatchesReference(t *testing.T, name string, runs bool) {
	r := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 2000; iter++ {
		a := uint8(1 + r.IntN(254))
		src := [4]uint8{uint8(r.IntN(int(a) + 1)), uint8(r.IntN(int(a) + 1)), uint8(r.IntN(int(a) + 1)), a}
		k, ok := NewSolidOver(src)
		if !ok {
			t.Fatalf("NewSolidOver(%v) refused a valid translucent colour", src)
		}
		var cov []uint8
		if runs {
			for len(cov) < 120 {
				kind, m := r.IntN(3), 1+r.IntN(30)
				for range m {
					switch kind {
					case 0:
						cov = append(cov, uint8(1+r.IntN(254)))
					case 1:
						cov = append(cov, 0)
					default:
						cov = append(cov, 255)
					}
				}
			}
			cov = cov[:1+r.IntN(len(cov))]
		} else {
			cov = make([]uint8, 1+r.IntN(80))
			for i := range cov {
				switch r.IntN(4) {
				case 0:
					cov[i] = uint8(r.IntN(256))
				case 1:
					cov[i] = 0
				default:
					cov[i] = 255
				}
			}
		}
		n := len(cov)
		dst := make([]uint8, 4*n)
		for i := range n {
			da := uint8(r.IntN(256))
			dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = uint8(r.IntN(int(da)+1)), uint8(r.IntN(int(da)+1)), uint8(r.IntN(int(da)+1)), da
		}
		want := bytes.Clone(dst)
		for i, c := range cov {
			if c != 0 {
				srcOverPixelSlow(want[4*i:4*i+4:4*i+4], src[:], uint32(c))
			}
		}
		k.Span(dst, cov)
		if !bytes.Equal(dst, want) {
			t.Fatalf("%s: colour %v, coverage %v:\n got %v\nwant %v", name, src, cov, dst, want)
		}
	}
	for _, src := range [][4]uint8{{0, 0, 0, 0}, {10, 20, 30, 255}, {200, 0, 0, 100}, {5, 0, 0, 0}} {
		if _, ok := NewSolidOver(src); ok {
			t.Errorf("NewSolidOver(%v) accepted an opaque, transparent or invalid colour", src)
		}
	}
}

// fillOpaque's lane arithmetic must give div255(s×c + d×(255−c)) for every
// source byte, destination byte and coverage.
func TestFillOpaqueLerpExhaustive(t *testing.T) {
	dst := make([]uint8, 4*256)
	cov := make([]uint8, 256)
	for sv := 0; sv < 256; sv++ {
		src := [4]uint8{uint8(sv), uint8(255 - sv), uint8(sv / 2), 255}
		for c := 1; c < 255; c++ {
			for i := range 256 {
				dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = uint8(i), uint8(255-i), uint8(i*7), uint8(i)
				cov[i] = uint8(c)
			}
			fillOpaque(dst, src, cov)
			for i := range 256 {
				d := [4]uint8{uint8(i), uint8(255 - i), uint8(i * 7), uint8(i)}
				for k := range 4 {
					want := uint8(div255(uint32(src[k])*uint32(c) + uint32(d[k])*(255-uint32(c))))
					if got := dst[4*i+k]; got != want {
						t.Fatalf("src %v, dst %v, coverage %d, channel %d: got %d, want %d", src, d, c, k, got, want)
					}
				}
			}
		}
	}
}
