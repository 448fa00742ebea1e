package blend

import (
	"encoding/binary"
	"unsafe"
)

// overSolidRun is source-over of one valid premultiplied colour s (ia =
// 255 − its alpha) at full coverage over every pixel of dst:
// d = s + round(d×ia/255) per channel. With AVX2 one call blends them all;
// else whole groups of four pixels go to the vector kernel where there is
// one, the rest two pixels per step in 16-bit lanes of a uint64. All round
// exactly the same way.
func overSolidRun(dst []uint8, s, ia uint32) {
	if hasAVX2 && len(dst) >= 4 {
		overSolidAVX2(unsafe.SliceData(dst), len(dst)/4, s, ia)
		return
	}
	j := 0
	if g := len(dst) / 16; g >= minVectorGroups {
		overSolidGroups(dst[:16*g], s, ia)
		j = 16 * g
	}
	s2, ia2 := uint64(s)|uint64(s)<<32, uint64(ia)
	for ; j+8 <= len(dst); j += 8 {
		d := binary.LittleEndian.Uint64(dst[j:])
		binary.LittleEndian.PutUint64(dst[j:], s2+mulDiv255Lanes64(d, ia2))
	}
	if j+4 <= len(dst) {
		d := binary.LittleEndian.Uint32(dst[j:])
		binary.LittleEndian.PutUint32(dst[j:], s+mulDiv255Lanes(d, ia))
	}
}

// overSolidGroupsGo is the portable overSolidGroups: four pixels per step in
// two independent chains, so the multiplies of one overlap the shifts of the
// other.
func overSolidGroupsGo(dst []uint8, s, ia uint32) {
	s2, ia2 := uint64(s)|uint64(s)<<32, uint64(ia)
	for k := 0; k+16 <= len(dst); k += 16 {
		q := dst[k : k+16 : k+16]
		d0 := binary.LittleEndian.Uint64(q)
		d1 := binary.LittleEndian.Uint64(q[8:])
		binary.LittleEndian.PutUint64(q, s2+mulDiv255Lanes64(d0, ia2))
		binary.LittleEndian.PutUint64(q[8:], s2+mulDiv255Lanes64(d1, ia2))
	}
}
