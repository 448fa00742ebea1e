//go:build !purego

package fft

// haveAVX2 selects radix4AVX2 for the radix-4 stages with two or more butterflies per block.
var haveAVX2 = cpuHasAVX2FMA()

// cpuHasAVX2FMA reports AVX2 and FMA with YMM state saved by the OS (CPUID, XGETBV).
func cpuHasAVX2FMA() bool

// radix4AVX2 runs one radix-4 stage over x (n values, blocks of 4l, l even) with the stage's
// twiddles w (W^q, W^2q, W^3q for q < l, forward direction).
//
//go:noescape
func radix4AVX2(x *complex128, n, l int, w *complex128, inverse bool)
