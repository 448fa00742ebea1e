//go:build !purego

package audio

import "golang.org/x/sys/cpu"

// haveAVX2 selects the four-lane kernels of fastmath_amd64.s for expSlice and logSlice.
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
