//go:build !purego

package blend

// partial4Kernels are the four-pixel partial-coverage kernels this CPU can
// run, by name, so the tests check each one and not only the one chosen.
func partial4Kernels() map[string]func(dst, cov []uint8, k *SolidOver) {
	m := map[string]func(dst, cov []uint8, k *SolidOver){
		"SSE2": func(dst, cov []uint8, k *SolidOver) { overPartial4SSE2(&dst[0], &cov[0], &k.vec) },
	}
	if hasEdgeAVX2 {
		m["AVX2"] = func(dst, cov []uint8, k *SolidOver) { overPartialAVX2(&dst[0], &cov[0], 4, &k.fv) }
	}
	return m
}

// edgeKernelChoices runs f once with each edge kernel this CPU has enabled
// in turn (the AVX2 one, then the SSE2 one and Span), and restores the choice.
func edgeKernelChoices(f func(name string)) {
	saved := hasEdgeAVX2
	defer func() { hasEdgeAVX2 = saved }()
	if saved {
		f("AVX2")
	}
	hasEdgeAVX2 = false
	f("SSE2")
}
