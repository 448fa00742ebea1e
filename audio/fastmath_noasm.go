//go:build purego || !amd64

package audio

const haveAVX2 = false

func expAVX2(*float64, int) int { return 0 }
func logAVX2(*float64, int) int { return 0 }

func cmacAVX2(acc, x, h *complex128, n int)              { panic("no AVX2") }
func cmac2AVX2(accL, accR, x, hl, hr *complex128, n int) { panic("no AVX2") }

func warpAVX2(g, s *float64, n int, makeup float64) { panic("no AVX2") }

func oscAVX2(d *float32, n int, t0, t1 *float32, mix float32, phase, inc, size, invSize float64) {
	panic("no AVX2")
}

func scaleAVX2(dst, src *float32, n int, k float32) { panic("no AVX2") }
func mulAVX2(dst, src, k *float32, n int)           { panic("no AVX2") }
func addAVX2(dst, src *float32, n int)              { panic("no AVX2") }

func kneeInAVX2(peak, x, t *float64, n int, lt, negKK float64)          { panic("no AVX2") }
func kneeRatioAVX2(e, x, atten, l *float64, n int, lt, invKnee float64) { panic("no AVX2") }
func releaseArgAVX2(l, v *float64, n int, negNepersToDB, scale float64) { panic("no AVX2") }
func releaseStepAVX2(rq, rp, atten *float64, n int)                     { panic("no AVX2") }

func peakAVX2(pk *float64, src *float32, n int, first bool) { panic("no AVX2") }
func applyGainAVX2(dst, src *float32, gain *float64, n int) { panic("no AVX2") }
