package blend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// refComposite is the spec written out in float64 on unpremultiplied colour,
// independent of the integer rewrites in the package: Porter-Duff by its Fa/Fb
// table, blend modes by co = cs(1−αb) + cb(1−αs) + αs·αb·B(Cs, Cb), then the
// coverage lerp (for lighter: coverage scales the source) and one rounding.
func refComposite(op Op, s, d [4]uint8, cov uint8) [4]uint8 {
	var ps, pd [4]float64
	for i := range 4 {
		ps[i], pd[i] = float64(s[i])/255, float64(d[i])/255
	}
	as, ab := ps[3], pd[3]
	var out [4]float64
	switch op {
	case Lighter:
		// Coverage scales the source (Skia's coverage-as-alpha), then saturate.
		c := float64(cov) / 255
		var r [4]uint8
		for i := range 4 {
			r[i] = uint8(math.Round(math.Min(1, ps[i]*c+pd[i]) * 255))
		}
		return r
	case SourceOver, SourceIn, SourceOut, SourceAtop, DestinationOver, DestinationIn,
		DestinationOut, DestinationAtop, Copy, Xor:
		var fa, fb float64
		switch op {
		case SourceOver:
			fa, fb = 1, 1-as
		case SourceIn:
			fa, fb = ab, 0
		case SourceOut:
			fa, fb = 1-ab, 0
		case SourceAtop:
			fa, fb = ab, 1-as
		case DestinationOver:
			fa, fb = 1-ab, 1
		case DestinationIn:
			fa, fb = 0, as
		case DestinationOut:
			fa, fb = 0, 1-as
		case DestinationAtop:
			fa, fb = 1-ab, as
		case Copy:
			fa, fb = 1, 0
		case Xor:
			fa, fb = 1-ab, 1-as
		}
		for i := range 4 {
			out[i] = ps[i]*fa + pd[i]*fb
		}
	default:
		var cs, cb [3]float64
		for i := range 3 {
			if as > 0 {
				cs[i] = ps[i] / as
			}
			if ab > 0 {
				cb[i] = pd[i] / ab
			}
		}
		b := refBlend(op, cs, cb)
		for i := range 3 {
			out[i] = ps[i]*(1-ab) + pd[i]*(1-as) + as*ab*b[i]
		}
		out[3] = as + ab - as*ab
	}
	c := float64(cov) / 255
	var r [4]uint8
	for i := range 4 {
		v := out[i]*c + pd[i]*(1-c)
		r[i] = uint8(math.Round(math.Max(0, math.Min(1, v)) * 255))
	}
	return r
}

func refBlend(op Op, cs, cb [3]float64) [3]float64 {
	var b [3]float64
	hard := func(s, d float64) float64 {
		if s <= 0.5 {
			return d * 2 * s
		}
		t := 2*s - 1
		return d + t - d*t
	}
	for i := range 3 {
		s, d := cs[i], cb[i]
		switch op {
		case Multiply:
			b[i] = s * d
		case Screen:
			b[i] = s + d - s*d
		case Overlay:
			b[i] = hard(d, s)
		case HardLight:
			b[i] = hard(s, d)
		case Darken:
			b[i] = math.Min(s, d)
		case Lighten:
			b[i] = math.Max(s, d)
		case Difference:
			b[i] = math.Abs(s - d)
		case Exclusion:
			b[i] = s + d - 2*s*d
		case ColorDodge:
			switch {
			case d == 0:
				b[i] = 0
			case s == 1:
				b[i] = 1
			default:
				b[i] = math.Min(1, d/(1-s))
			}
		case ColorBurn:
			switch {
			case d == 1:
				b[i] = 1
			case s == 0:
				b[i] = 0
			default:
				b[i] = 1 - math.Min(1, (1-d)/s)
			}
		case SoftLight:
			if s <= 0.5 {
				b[i] = d - (1-2*s)*d*(1-d)
			} else {
				dd := math.Sqrt(d)
				if d <= 0.25 {
					dd = ((16*d-12)*d + 4) * d
				}
				b[i] = d + (2*s-1)*(dd-d)
			}
		}
	}
	lum := func(c [3]float64) float64 { return 0.3*c[0] + 0.59*c[1] + 0.11*c[2] }
	clip := func(c [3]float64) [3]float64 {
		l := lum(c)
		n := math.Min(c[0], math.Min(c[1], c[2]))
		x := math.Max(c[0], math.Max(c[1], c[2]))
		if n < 0 {
			for i := range c {
				c[i] = l + (c[i]-l)*l/(l-n)
			}
		}
		if x > 1 {
			for i := range c {
				c[i] = l + (c[i]-l)*(1-l)/(x-l)
			}
		}
		return c
	}
	setLum := func(c [3]float64, l float64) [3]float64 {
		d := l - lum(c)
		return clip([3]float64{c[0] + d, c[1] + d, c[2] + d})
	}
	sat := func(c [3]float64) float64 {
		return math.Max(c[0], math.Max(c[1], c[2])) - math.Min(c[0], math.Min(c[1], c[2]))
	}
	setSat := func(c [3]float64, s float64) [3]float64 {
		mx := math.Max(c[0], math.Max(c[1], c[2]))
		mn := math.Min(c[0], math.Min(c[1], c[2]))
		var o [3]float64
		if mx == mn {
			return o
		}
		for i := range c {
			o[i] = (c[i] - mn) * s / (mx - mn)
		}
		return o
	}
	switch op {
	case Hue:
		b = setLum(setSat(cs, sat(cb)), lum(cb))
	case Saturation:
		b = setLum(setSat(cb, sat(cs)), lum(cb))
	case Color:
		b = setLum(cs, lum(cb))
	case Luminosity:
		b = setLum(cb, lum(cs))
	}
	return b
}

// samplePixels returns valid premultiplied pixels covering edge alphas and
// channel values at 0, 1/3, 1/2 and full alpha, plus random ones.
func samplePixels() [][4]uint8 {
	var px [][4]uint8
	for _, a := range []int{0, 1, 3, 64, 128, 200, 254, 255} {
		for _, f := range [][3]int{{0, 0, 0}, {3, 2, 1}, {1, 3, 2}, {2, 2, 2}, {0, 1, 2}, {2, 0, 0}} {
			// f/3 of alpha per channel: 0, a/3, 2a/3, a.
			px = append(px, [4]uint8{uint8(a * f[0] / 3), uint8(a * f[1] / 3), uint8(a * f[2] / 3), uint8(a)})
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		a := r.IntN(256)
		px = append(px, [4]uint8{uint8(r.IntN(a + 1)), uint8(r.IntN(a + 1)), uint8(r.IntN(a + 1)), uint8(a)})
	}
	return px
}

func TestCompositeMatchesSpec(t *testing.T) {
	px := samplePixels()
	covs := []int{-1, 0, 1, 128, 254, 255} // -1: nil coverage
	for op := Op(0); op < numOps; op++ {
		t.Run(op.String(), func(t *testing.T) {
			fails := 0
			for _, s := range px {
				for _, d := range px {
					for _, c := range covs {
						dst := d
						var cov []uint8
						cv := uint8(255)
						if c >= 0 {
							cv = uint8(c)
							cov = []uint8{cv}
						}
						Composite(op, dst[:], s[:], cov)
						want := refComposite(op, s, d, cv)
						for i := range 4 {
							if diff := int(dst[i]) - int(want[i]); diff < -1 || diff > 1 {
								if fails++; fails < 5 {
									t.Errorf("src %v dst %v cov %d: got %v, spec %v", s, d, c, dst, want)
								}
								break
							}
						}
					}
				}
			}
		})
	}
}

// The solid fast paths must agree exactly with the span paths.
func TestCompositeSolidMatchesSpan(t *testing.T) {
	px := samplePixels()
	const n = 150 // longer than solidChunk, to cross chunk boundaries
	cov := make([]uint8, n)
	for i := range cov {
		cov[i] = uint8(i * 37)
	}
	// Runs of full coverage of every length from 1 to 19 (odd and even, across
	// the 8-byte run detection), between partial and zero pixels.
	runs := make([]uint8, 0, n)
	for l := 1; len(runs) < n; l = l%19 + 1 {
		for k := 0; k < l && len(runs) < n; k++ {
			runs = append(runs, 255)
		}
		runs = append(runs, uint8(l*13), 0)[:min(len(runs)+2, n)]
	}
	for op := Op(0); op < numOps; op++ {
		for _, s := range px {
			for _, c := range [][]uint8{nil, cov, runs} {
				withCov := c != nil
				a, b, src := make([]uint8, 4*n), make([]uint8, 4*n), make([]uint8, 4*n)
				for i := 0; i < n; i++ {
					d := px[(i*7)%len(px)]
					copy(a[4*i:], d[:])
					copy(b[4*i:], d[:])
					copy(src[4*i:], s[:])
				}
				Composite(op, a, src, c)
				CompositeSolid(op, b, s, c)
				for i := range a {
					if a[i] != b[i] {
						t.Fatalf("%v src %v cov %v: pixel %d span %v solid %v", op, s, withCov, i/4, a[i/4*4:i/4*4+4], b[i/4*4:i/4*4+4])
					}
				}
			}
		}
	}
}

// Operations that should leave the destination alone must do so exactly, however
// often they are repeated: the rounding must not drift.
func TestNoDrift(t *testing.T) {
	dst := []uint8{10, 20, 30, 40, 200, 100, 50, 255, 1, 1, 1, 1, 0, 0, 0, 0}
	orig := append([]uint8(nil), dst...)
	cov := []uint8{255, 128, 1, 77}
	for range 1000 {
		CompositeSolid(SourceOver, dst, [4]uint8{}, nil)
		CompositeSolid(SourceOver, dst, [4]uint8{}, cov)
		CompositeSolid(DestinationIn, dst, [4]uint8{9, 9, 9, 255}, cov)
		CompositeSolid(DestinationOut, dst, [4]uint8{}, nil)
		CompositeSolid(SourceAtop, dst, [4]uint8{}, nil)
		CompositeSolid(Lighter, dst, [4]uint8{}, cov)
		Composite(DestinationOver, dst, make([]uint8, 16), nil)
	}
	for i := range dst {
		if dst[i] != orig[i] {
			t.Fatalf("drifted: %v -> %v", orig, dst)
		}
	}
	// Multiplying an opaque destination by opaque white is the identity too.
	op := []uint8{10, 20, 30, 255, 250, 128, 0, 255}
	want := append([]uint8(nil), op...)
	for range 1000 {
		CompositeSolid(Multiply, op, [4]uint8{255, 255, 255, 255}, nil)
		CompositeSolid(Darken, op, [4]uint8{255, 255, 255, 255}, nil)
		CompositeSolid(Luminosity, op, [4]uint8{0, 0, 0, 0}, nil)
	}
	for i := range op {
		if op[i] != want[i] {
			t.Fatalf("multiply by white drifted: %v -> %v", want, op)
		}
	}
}

func TestMulDiv255Lanes(t *testing.T) {
	for v := uint32(0); v < 256; v++ {
		for f := uint32(0); f < 256; f++ {
			want := uint32(math.Round(float64(v*f) / 255))
			p := v | (255-v)<<8 | v<<16 | (v/2)<<24
			got := mulDiv255Lanes(p, f)
			exp := want | uint32(math.Round(float64((255-v)*f)/255))<<8 | want<<16 | uint32(math.Round(float64(v/2*f)/255))<<24
			if got != exp {
				t.Fatalf("v=%d f=%d: got %08x want %08x", v, f, got, exp)
			}
		}
	}
}

func TestMulDiv255Lanes64(t *testing.T) {
	for v := uint64(0); v < 256; v++ {
		for f := uint64(0); f < 256; f += 3 {
			p := v | (255-v)<<8 | (v/3)<<16 | v<<24 | (v/2)<<32 | 255<<40 | (255-v)<<48 | 7<<56
			got := mulDiv255Lanes64(p, f)
			want := uint64(mulDiv255Lanes(uint32(p), uint32(f))) | uint64(mulDiv255Lanes(uint32(p>>32), uint32(f)))<<32
			if got != want {
				t.Fatalf("v=%d f=%d: got %016x want %016x", v, f, got, want)
			}
		}
	}
}

// Invalid premultiplied data (colour above alpha), odd lengths and short
// coverage must neither panic nor write outside the span.
func TestRobustness(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for op := Op(0); op < numOps; op++ {
		for range 50 {
			n := r.IntN(20)
			dst := make([]uint8, n+8)
			src := make([]uint8, r.IntN(n+3))
			cov := make([]uint8, r.IntN(n/4+2))
			for i := range dst {
				dst[i] = uint8(r.IntN(256))
			}
			for i := range src {
				src[i] = uint8(r.IntN(256))
			}
			for i := range cov {
				cov[i] = uint8(r.IntN(256))
			}
			guard := append([]uint8(nil), dst[n:]...)
			Composite(op, dst[:n], src, cov)
			Composite(op, dst[:n], src, nil)
			CompositeSolid(op, dst[:n], [4]uint8{255, 7, 9, 3}, cov)
			CompositeSolid(op, dst[:n], [4]uint8{255, 255, 255, 0}, nil)
			for i, g := range guard {
				if dst[n+i] != g {
					t.Fatalf("%v wrote past the span", op)
				}
			}
		}
	}
	Composite(Op(200), make([]uint8, 8), make([]uint8, 8), nil) // unknown op: no-op
}

func TestParseOp(t *testing.T) {
	for op := Op(0); op < numOps; op++ {
		got, ok := ParseOp(op.String())
		if !ok || got != op {
			t.Errorf("ParseOp(%q) = %v, %v", op.String(), got, ok)
		}
	}
	for _, bad := range []string{"", "Source-Over", "source-over ", "clear", "plus-lighter", "darker", "normal"} {
		if _, ok := ParseOp(bad); ok {
			t.Errorf("ParseOp(%q) accepted", bad)
		}
	}
	if NumOps != 26 {
		t.Errorf("NumOps = %d", NumOps)
	}
	var clears []string
	for op := Op(0); op < numOps; op++ {
		if op.ClearsOutsideShape() {
			clears = append(clears, op.String())
		}
	}
	if got := fmt.Sprint(clears); got != "[source-in source-out destination-in destination-atop copy]" {
		t.Errorf("ClearsOutsideShape: %s", got)
	}
}

func TestScale(t *testing.T) {
	px := []uint8{255, 128, 1, 255, 200, 100, 50, 200, 9, 8, 7, 6}
	for _, f := range []uint8{0, 1, 77, 128, 254, 255} {
		got := append([]uint8(nil), px...)
		Scale(got, f)
		for i := range px {
			if want := uint8(math.Round(float64(px[i]) * float64(f) / 255)); got[i] != want {
				t.Fatalf("Scale by %d: byte %d = %d, want %d", f, i, got[i], want)
			}
		}
		cov := []uint8{f, 255 - f, f}
		got = append([]uint8(nil), px...)
		ScaleByCoverage(got, cov)
		for i := range px {
			if want := uint8(math.Round(float64(px[i]) * float64(cov[i/4]) / 255)); got[i] != want {
				t.Fatalf("ScaleByCoverage %v: byte %d = %d, want %d", cov, i, got[i], want)
			}
		}
	}
	ScaleByCoverage(px[:7], []uint8{1}) // ragged input must not panic
}
