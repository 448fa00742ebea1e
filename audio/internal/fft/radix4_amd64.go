//go:build !purego

package fft

import "golang.org/x/sys/cpu"

// haveAVX2 selects radix4AVX2 for the radix-4 stages with two or more butterflies per block;
// x/sys/cpu also checks that the OS saves the YMM registers.
var haveAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// radix4AVX2 runs one radix-4 stage over x (n values, blocks of 4l, l even) with the stage's
// twiddles w (W^q, W^2q, W^3q for q < l, forward direction).
//
//go:noescape
func radix4AVX2(x *complex128, n, l int, w *complex128, inverse bool)
