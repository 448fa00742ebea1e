//go:build !purego

package recorder

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// i420x8AVX2 converts n groups of 8 pixels of the RGBA rows r0 and r1 into luma rows
// l0, l1 and chroma cu, cv with the same arithmetic as rgbaToI420Rows (byte-identical,
// tested), eight pixels per step.
//
//go:noescape
func i420x8AVX2(r0, r1, l0, l1, cu, cv *byte, n int)

// haveAVX2 selects i420x8AVX2; x/sys/cpu also checks that the OS saves the YMM registers.
var haveAVX2 = cpu.X86.HasAVX2

// i420Fast converts the row pair's pixels in whole groups of eight with AVX2 and
// returns how many pixel pairs (chroma samples) it did; the caller does the rest.
func i420Fast(r0, r1 []uint64, l0, l1 []uint16, cu, cv []byte) int {
	n := len(cu) / 4
	if !haveAVX2 || n == 0 {
		return 0
	}
	// Each group reads 4 pairs of r0 and r1 and writes 4 of l0, l1, cu, cv; the
	// caller made them all len(cu) long.
	i420x8AVX2((*byte)(unsafe.Pointer(&r0[0])), (*byte)(unsafe.Pointer(&r1[0])),
		(*byte)(unsafe.Pointer(&l0[0])), (*byte)(unsafe.Pointer(&l1[0])), &cu[0], &cv[0], n)
	return 4 * n
}
