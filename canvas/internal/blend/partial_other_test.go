//go:build !amd64 || purego

package blend

func partial4Kernels() map[string]func(dst, cov []uint8, k *SolidOver) { return nil }

func kernelChoices(f func(name string)) { f("Go") }
