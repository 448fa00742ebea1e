//go:build !purego

package blend

// hasPartial4 says overPartial4 is a vector kernel, worth calling for any
// four pixels that start with a partly covered one.
const hasPartial4 = true

// overPartial4 blends four pixels with coverage cov[0..3] exactly as the
// scalar partial-coverage case of SolidOver.Span does (for coverage 0 and
// 255 too, so a group may run into a shape's inside or out of it).
func overPartial4(dst, cov []uint8, k *SolidOver) {
	_ = dst[15]
	_ = cov[3]
	overPartial4SSE2(&dst[0], &cov[0], &k.vec)
}

//go:noescape
func overPartial4SSE2(dst *uint8, cov *uint8, k *[4]uint64)
