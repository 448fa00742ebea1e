package audio

// sincosQuarter returns sin(x) and cos(x) for x in [0, π/2] by Taylor polynomials to x^15 and
// x^16; the error (below 1e-9) is far under float32 resolution, and it costs a fraction of
// math.Sincos in the panners' per-sample loops.
func sincosQuarter(x float64) (s, c float64) {
	x2 := x * x
	s = sinQuarter(x)
	c = 1 + x2*(-0.5+x2*(1.0/24+x2*(-1.0/720+x2*(1.0/40320+x2*(-1.0/3628800+x2*(1.0/479001600+x2*(-1.0/87178291200+x2*(1.0/20922789888000))))))))
	return s, c
}

// sinQuarter is the sine half of sincosQuarter, for loops that need no cosine.
func sinQuarter(x float64) float64 {
	x2 := x * x
	return x * (1 + x2*(-1.0/6+x2*(1.0/120+x2*(-1.0/5040+x2*(1.0/362880+x2*(-1.0/39916800+x2*(1.0/6227020800+x2*(-1.0/1307674368000))))))))
}
