//go:build !purego

package blend

// minVectorGroups is the shortest run (in groups of four pixels) worth the
// call into assembly.
const minVectorGroups = 2

// overSolidGroups blends len(dst)/16 groups of four pixels with SSE2 (part of
// every amd64 CPU, so nothing to detect): eight 16-bit lanes per register,
// the same round(d×ia/255) as mulDiv255Lanes64.
func overSolidGroups(dst []uint8, s, ia uint32) {
	overSolidSSE2(&dst[0], len(dst)/16, s, ia)
}

//go:noescape
func overSolidSSE2(dst *uint8, groups int, s, ia uint32)

// overSolidAVX2 blends all n pixels at dst as overSolidGroups does, eight at
// a time, touching no byte past them; hasAVX2 must be set.
//
//go:noescape
func overSolidAVX2(dst *uint8, n int, s, ia uint32)
