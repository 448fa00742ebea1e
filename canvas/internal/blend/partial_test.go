package blend

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// overPartialRef is the scalar partial-coverage case of SolidOver.Span.
func overPartialRef(d []uint8, src [4]uint8, c uint32) {
	sa := uint32(src[3])
	f := 65025 - sa*c
	for i := range 4 {
		d[i] = uint8((uint32(src[i])*255*c + uint32(d[i])*f + 32512) / 65025)
	}
}

// The vector kernels agree with the scalar formula for every coverage and
// destination byte, on colours of every alpha with channels at 0, alpha and
// in between.
func TestOverPartial4MatchesScalar(t *testing.T) {
	kernels := partial4Kernels()
	if len(kernels) == 0 {
		t.Skip("no vector kernel on this platform")
	}
	var got, want [16]uint8
	var cov [4]uint8
	for name, kernel := range kernels {
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
					kernel(got[:], cov[:], &k)
					if got != want {
						t.Fatalf("%s: src %v cov %v: got %v, want %v", name, src, cov, got, want)
					}
				}
			}
		}
	}
}

// The AVX2 kernel's division: for every x = S×c + d×(65025 − sa×c) + 32512
// it can meet (0 ≤ x − 32512 ≤ 255×65025), fl(x'×r + 2^23) with
// x' = x − 32512 and r = float32(1/65025), rounded once as an FMA does (the
// product of two float32s is exact in float64, and so is the sum here), has
// 2^23 + x/65025 as its bits. The steps before it are exact: every product
// and sum is an integer below 2^24.
func TestEdgeFloatDivisionExact(t *testing.T) {
	k := newSolidOver(0x80000000)
	r, bias := k.fv[10], k.fv[11]
	if k.fv[9] != 65025 || r != float32(1.0/65025) || bias != 1<<23 {
		t.Fatalf("constants %v", k.fv[8:])
	}
	for x := uint32(0); x <= 255*65025; x++ {
		z := float32(float64(x)*float64(r) + float64(bias))
		if got, want := math.Float32bits(z)-math.Float32bits(bias), (x+32512)/65025; got != want {
			t.Fatalf("x = %d: got %d, want %d", x, got, want)
		}
	}
}

// Edge gives the same pixels as the scalar formula for runs of every short
// length (so each tail of the AVX2 kernel is taken), for every coverage and
// many destination bytes, and touches no pixel past the run but leaves it as
// it was.
func TestSolidOverEdgeExact(t *testing.T) {
	const pad = 16
	kernelChoices(func(name string) {
		buf := make([]uint8, 4*8+pad)
		for sa := 1; sa < 255; sa += 3 {
			src := [4]uint8{uint8(sa), uint8(sa / 2), 0, uint8(sa)}
			k, _ := NewSolidOver(src)
			for n := 1; n <= 8; n++ {
				cov := make([]uint8, n)
				for c := 0; c < 256; c++ {
					for d := 0; d < 256; d += 8 {
						for i := range buf {
							buf[i] = uint8(d + 29*i)
						}
						for i := range cov {
							cov[i] = uint8(c + 97*i)
						}
						want := append([]uint8(nil), buf...)
						for i := range n {
							overPartialRef(want[4*i:4*i+4], src, uint32(cov[i]))
						}
						k.Edge(buf, cov)
						if string(buf) != string(want) {
							t.Fatalf("%s: src %v cov %v dst from %d:\n got %v\nwant %v", name, src, cov, d, buf, want)
						}
					}
				}
			}
		}
	})
}

// Edge is exact, and changes no pixel past the run, wherever the run starts
// in a cache line and however much room dst has after it (the AVX2 kernel
// loads and stores a short tail on its own, the SSE2 one blends four pixels
// when dst has room for them).
func TestSolidOverEdgeAlignment(t *testing.T) {
	kernelChoices(func(name string) {
		r := rand.New(rand.NewPCG(10, 11))
		raw := make([]uint8, 64*4)
		base := 64 - int(uintptr(unsafe.Pointer(&raw[0]))%64)
		for off := 0; off < 64; off += 4 {
			for n := 1; n <= 9; n++ {
				for _, extra := range []int{0, 1, 2, 3, 4, 7} {
					for range 100 {
						src := [4]uint8{uint8(r.IntN(100)), uint8(r.IntN(100)), uint8(r.IntN(100)), uint8(100 + r.IntN(150))}
						k, _ := NewSolidOver(src)
						for i := range raw {
							raw[i] = uint8(r.IntN(256))
						}
						cov := make([]uint8, n)
						for i := range cov {
							cov[i] = uint8(r.IntN(256))
						}
						a := base + off
						dst := raw[a : a+4*(n+extra)]
						want := append([]uint8(nil), raw...)
						for i, c := range cov {
							overPartialRef(want[a+4*i:a+4*i+4], src, uint32(c))
						}
						k.Edge(dst, cov)
						if string(raw) != string(want) {
							t.Fatalf("%s: line offset %d, %d pixels, room for %d more: cov %v\n got %v\nwant %v",
								name, off, n, extra, cov, raw[a:a+4*(n+extra)], want[a:a+4*(n+extra)])
						}
					}
				}
			}
		}
	})
}

// Edge is exact on rows shaped like the rasterizer's runs (partly covered,
// full and empty pixels mixed, up to 40 long), whether dst runs on past the
// run or ends with it.
func TestSolidOverEdgeMixedRuns(t *testing.T) {
	kernelChoices(func(name string) {
		r := rand.New(rand.NewPCG(8, 9))
		for iter := 0; iter < 20000; iter++ {
			a := uint8(1 + r.IntN(254))
			src := [4]uint8{uint8(r.IntN(int(a) + 1)), uint8(r.IntN(int(a) + 1)), uint8(r.IntN(int(a) + 1)), a}
			k, _ := NewSolidOver(src)
			n := 1 + r.IntN(40)
			cov := make([]uint8, n)
			for i := range cov {
				switch r.IntN(4) {
				case 0:
					cov[i] = 0
				case 1:
					cov[i] = 255
				default:
					cov[i] = uint8(r.IntN(256))
				}
			}
			extra := r.IntN(2) * r.IntN(20)
			dst := make([]uint8, 4*(n+extra))
			for i := range dst {
				dst[i] = uint8(r.IntN(256))
			}
			want := append([]uint8(nil), dst...)
			for i, c := range cov {
				if c != 0 {
					srcOverPixelSlow(want[4*i:4*i+4:4*i+4], src[:], uint32(c))
				}
			}
			k.Edge(dst, cov)
			if string(dst) != string(want) {
				t.Fatalf("%s: colour %v, coverage %v:\n got %v\nwant %v", name, src, cov, dst, want)
			}
		}
	})
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
