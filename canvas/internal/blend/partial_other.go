//go:build !amd64 || purego

package blend

const hasPartial4 = false

func overPartial4(dst, cov []uint8, k *SolidOver) {}
