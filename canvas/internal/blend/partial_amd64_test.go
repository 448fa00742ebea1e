//go:build !purego

package blend

// partial4Kernels are the four-pixel partial-coverage kernels this CPU can
// run, by name, so the tests check each one and not only the one chosen.
func partial4Kernels() map[string]func(dst, cov []uint8, k *SolidOver) {
	m := map[string]func(dst, cov []uint8, k *SolidOver){
		"SSE2": func(dst, cov []uint8, k *SolidOver) { overPartial4SSE2(&dst[0], &cov[0], &k.vec) },
	}
	if hasAVX2 {
		m["AVX2"] = func(dst, cov []uint8, k *SolidOver) { overPartialAVX2(&dst[0], &cov[0], 4, &k.fv) }
	}
	return m
}

// kernelChoices runs f once with each set of kernels this CPU can run in
// turn (AVX2, then SSE2 with Span's and the portable code), and restores the
// choice.
func kernelChoices(f func(name string)) {
	saved := hasAVX2
	defer func() { hasAVX2 = saved }()
	if saved {
		f("AVX2")
	}
	hasAVX2 = false
	f("SSE2")
}
