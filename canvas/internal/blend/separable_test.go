package blend

import (
	"math/rand/v2"
	"testing"
)

// TestSeparableFastPathsExact: the written-out multiply and screen loops
// give exactly what the generic loop gives, with and without coverage, on
// premultiplied and on invalid (colour above alpha) pixels.
func TestSeparableFastPathsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	const n = 4096
	for _, op := range []Op{Multiply, Screen} {
		for _, withCov := range []bool{false, true} {
			src, dst := make([]uint8, 4*n), make([]uint8, 4*n)
			for i := range n {
				for _, p := range [][]uint8{src[4*i : 4*i+4], dst[4*i : 4*i+4]} {
					a := rng.IntN(256)
					lim := a + 1
					if rng.IntN(8) == 0 {
						lim = 256 // not premultiplied
					}
					p[0], p[1], p[2], p[3] = uint8(rng.IntN(lim)), uint8(rng.IntN(lim)), uint8(rng.IntN(lim)), uint8(a)
				}
			}
			var cov []uint8
			if withCov {
				cov = make([]uint8, n)
				for i := range cov {
					cov[i] = uint8(rng.IntN(256))
				}
			}
			want := append([]uint8(nil), dst...)
			separableGeneric(op, want, src, cov)
			separableSpan(op, dst, src, cov)
			for i := range dst {
				if dst[i] != want[i] {
					t.Fatalf("%v (coverage %v): byte %d is %d, generic loop %d", op, withCov, i, dst[i], want[i])
				}
			}
		}
	}
}
