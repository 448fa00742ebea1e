//go:build !purego

package audio

import "golang.org/x/sys/cpu"

// haveAVX2 selects the AVX2+FMA kernels (exp, log, the compressor warp, complex MACs);
// x/sys/cpu also checks that the OS saves the YMM registers.
var haveAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// expAVX2 replaces x[i] by e^x[i] for i < n (n a multiple of 4) and returns how many it did: it
// stops at the first group of four with an argument outside (−700, 700) or NaN.
//
//go:noescape
func expAVX2(x *float64, n int) int

// logAVX2 replaces x[i] by ln x[i] for i < n (n a multiple of 4) and returns how many it did: it
// stops at the first group of four with an argument that is not a positive normal number.
//
//go:noescape
func logAVX2(x *float64, n int) int

// warpAVX2 is the compressor's gain warp for i < n (a multiple of 4): with
// w = sin(π/2·clamp(gp[i], 0, 1)), gp[i] becomes w·makeup and s[i] max(w, 1e-12).
//
//go:noescape
func warpAVX2(gp, s *float64, n int, makeup float64)

// oscAVX2 writes n frames (a multiple of 4) of a constant-frequency oscillator into d: frame k
// reads the tables at phase + k·inc wrapped into [0, size), as OscillatorNode's loop does.
//
//go:noescape
func oscAVX2(d *float32, n int, t0, t1 *float32, mix float32, phase, inc, size, invSize float64)

// scaleAVX2 sets dst[i] = src[i]·k, mulAVX2 dst[i] = src[i]·k[i] and addAVX2 dst[i] += src[i]
// for i < n, a multiple of 16.
//
//go:noescape
func scaleAVX2(dst, src *float32, n int, k float32)

//go:noescape
func mulAVX2(dst, src, k *float32, n int)

//go:noescape
func addAVX2(dst, src *float32, n int)

// The plain-arithmetic passes of the compressor's knee-only curve (knee_amd64.s), n a multiple
// of 4: kneeInAVX2 sets x = max(peak, lt), t = negKK·(x − lt); kneeRatioAVX2 sets
// atten = l = (lt + (1 − e)·invKnee)/x; releaseArgAVX2 sets v = max(l·negNepersToDB, 2)·scale;
// releaseStepAVX2 turns rq = e^v into rq = 1 − rate, rp = atten·rate with rate = e^v − 1.

//go:noescape
func kneeInAVX2(peak, x, t *float64, n int, lt, negKK float64)

//go:noescape
func kneeRatioAVX2(e, x, atten, l *float64, n int, lt, invKnee float64)

//go:noescape
func releaseArgAVX2(l, v *float64, n int, negNepersToDB, scale float64)

//go:noescape
func releaseStepAVX2(rq, rp, atten *float64, n int)

// peakAVX2 sets pk[i] = |src[i]| (first) or max(pk[i], |src[i]|), and applyGainAVX2
// dst[i] = float32(float64(src[i])·gain[i]), for i < n, a multiple of 4: the compressor's
// detector input and output, as its Go loops compute them.

//go:noescape
func peakAVX2(pk *float64, src *float32, n int, first bool)

//go:noescape
func applyGainAVX2(dst, src *float32, gain *float64, n int)
