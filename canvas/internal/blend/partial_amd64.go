//go:build !purego

package blend

import "golang.org/x/sys/cpu"

// hasPartial4 says overPartial4 is a vector kernel, worth calling for any
// four pixels that start with a partly covered one.
const hasPartial4 = true

// hasAVX2 selects the AVX2(+FMA) kernels for edges and full-coverage runs
// (x/sys/cpu also checks that the OS saves the YMM registers); without it
// the SSE2 ones serve.
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// overPartial4 blends four pixels with coverage cov[0..3] exactly as the
// scalar partial-coverage case of SolidOver.Span does (for coverage 0 and
// 255 too, so a group may run into a shape's inside or out of it).
func overPartial4(dst, cov []uint8, k *SolidOver) {
	_ = dst[15]
	_ = cov[3]
	if hasAVX2 {
		overPartialAVX2(&dst[0], &cov[0], 4, &k.fv)
		return
	}
	overPartial4SSE2(&dst[0], &cov[0], &k.vec)
}

//go:noescape
func overPartial4SSE2(dst *uint8, cov *uint8, k *[4]uint64)

// overPartialAVX2 blends the n pixels at dst with coverages cov[0 … n) as
// overPartial4 does, four at a time, reading and writing no byte past them;
// hasAVX2 must be set.
//
//go:noescape
func overPartialAVX2(dst *uint8, cov *uint8, n int, k *[12]float32)
