//go:build !amd64 || purego

package recorder

// i420Fast has no vector version here: the caller converts every pixel pair.
func i420Fast(r0, r1 []uint64, l0, l1 []uint16, cu, cv []byte) int { return 0 }

var haveAVX2 = false
