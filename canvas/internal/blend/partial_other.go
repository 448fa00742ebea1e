//go:build !amd64 || purego

package blend

const hasPartial4 = false

func overPartial4(dst, cov []uint8, k *SolidOver) {}

const hasAVX2 = false

func overPartialAVX2(dst *uint8, cov *uint8, n int, k *[12]float32) {}
