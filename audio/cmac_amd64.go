//go:build !purego

package audio

// cmacAVX2 adds x[i]·h[i] into acc[i] for i < n.
//
//go:noescape
func cmacAVX2(acc, x, h *complex128, n int)

// cmac2AVX2 adds x[i]·hl[i] into accL[i] and x[i]·hr[i] into accR[i] for i < n.
//
//go:noescape
func cmac2AVX2(accL, accR, x, hl, hr *complex128, n int)
