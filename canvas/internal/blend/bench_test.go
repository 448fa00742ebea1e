package blend

import (
	"math/rand/v2"
	"testing"
)

const benchW = 1024 // one row of a wide canvas; small enough to stay in L1/L2

func benchRow(seed uint64, alpha func(r *rand.Rand) int) []uint8 {
	r := rand.New(rand.NewPCG(seed, 9))
	p := make([]uint8, 4*benchW)
	for i := 0; i < benchW; i++ {
		a := alpha(r)
		p[4*i], p[4*i+1], p[4*i+2], p[4*i+3] = uint8(r.IntN(a+1)), uint8(r.IntN(a+1)), uint8(r.IntN(a+1)), uint8(a)
	}
	return p
}

func opaque(*rand.Rand) int     { return 255 }
func anyAlpha(r *rand.Rand) int { return r.IntN(256) }
func mostlyOpaque(r *rand.Rand) int {
	if r.IntN(4) == 0 {
		return r.IntN(256)
	}
	return 255
}

// aaCoverage looks like a rasterized shape row: runs of full coverage with
// anti-aliased edges every few pixels.
func aaCoverage() []uint8 {
	c := make([]uint8, benchW)
	for i := range c {
		switch i % 16 {
		case 0:
			c[i] = 40
		case 1:
			c[i] = 200
		case 15:
			c[i] = 120
		default:
			c[i] = 255
		}
	}
	return c
}

func report(b *testing.B) {
	b.ReportMetric(float64(b.N)*benchW/b.Elapsed().Seconds()/1e6, "MPix/s")
}

func benchSolid(b *testing.B, op Op, src [4]uint8, cov []uint8) {
	dst := benchRow(1, mostlyOpaque)
	b.SetBytes(4 * benchW)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		CompositeSolid(op, dst, src, cov)
	}
	report(b)
}

func benchSpan(b *testing.B, op Op, alpha func(*rand.Rand) int, cov []uint8) {
	dst := benchRow(1, mostlyOpaque)
	src := benchRow(2, alpha)
	orig := append([]uint8(nil), dst...)
	b.SetBytes(4 * benchW)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i&63 == 0 { // keep ops like lighter from saturating to a trivial state
			copy(dst, orig)
		}
		Composite(op, dst, src, cov)
	}
	report(b)
}

func BenchmarkSolidOverOpaque(b *testing.B) {
	benchSolid(b, SourceOver, [4]uint8{200, 100, 50, 255}, nil)
}
func BenchmarkSolidOverOpaqueAA(b *testing.B) {
	benchSolid(b, SourceOver, [4]uint8{200, 100, 50, 255}, aaCoverage())
}
func BenchmarkSolidOverAlpha(b *testing.B) {
	benchSolid(b, SourceOver, [4]uint8{100, 50, 25, 128}, nil)
}
func BenchmarkSolidOverAlphaAA(b *testing.B) {
	benchSolid(b, SourceOver, [4]uint8{100, 50, 25, 128}, aaCoverage())
}
func BenchmarkSolidCopy(b *testing.B) { benchSolid(b, Copy, [4]uint8{100, 50, 25, 128}, nil) }
func BenchmarkSolidDestinationOut(b *testing.B) {
	benchSolid(b, DestinationOut, [4]uint8{0, 0, 0, 128}, nil)
}
func BenchmarkSolidMultiply(b *testing.B) { benchSolid(b, Multiply, [4]uint8{100, 50, 25, 128}, nil) }

func BenchmarkSpanOverOpaque(b *testing.B)   { benchSpan(b, SourceOver, opaque, nil) }
func BenchmarkSpanOverAlpha(b *testing.B)    { benchSpan(b, SourceOver, anyAlpha, nil) }
func BenchmarkSpanOverAlphaAA(b *testing.B)  { benchSpan(b, SourceOver, anyAlpha, aaCoverage()) }
func BenchmarkSpanCopyAA(b *testing.B)       { benchSpan(b, Copy, anyAlpha, aaCoverage()) }
func BenchmarkSpanPorterDuff(b *testing.B)   { benchSpan(b, SourceAtop, anyAlpha, nil) }
func BenchmarkSpanPorterDuffAA(b *testing.B) { benchSpan(b, Xor, anyAlpha, aaCoverage()) }
func BenchmarkSpanLighter(b *testing.B)      { benchSpan(b, Lighter, anyAlpha, nil) }
func BenchmarkSpanSeparable(b *testing.B)    { benchSpan(b, Overlay, anyAlpha, nil) }
func BenchmarkSpanSeparableAA(b *testing.B)  { benchSpan(b, Multiply, anyAlpha, aaCoverage()) }
func BenchmarkSpanFloatSeparable(b *testing.B) {
	benchSpan(b, SoftLight, anyAlpha, nil)
}
func BenchmarkSpanNonSeparable(b *testing.B) { benchSpan(b, Hue, anyAlpha, nil) }
