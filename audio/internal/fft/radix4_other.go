//go:build purego || !amd64

package fft

const haveAVX2 = false

func radix4AVX2(x *complex128, n, l int, w *complex128, inverse bool) { panic("no AVX2") }
