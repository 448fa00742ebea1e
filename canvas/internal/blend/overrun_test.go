package blend

import (
	"bytes"
	"testing"
)

// The vector kernel, the portable one and the SWAR tail must all give
// round(d×(255−sa)/255) + s for every byte d and every valid colour, at
// every run length (so each path and each remainder is taken).
func TestOverSolidRunExact(t *testing.T) {
	var d0 [256 * 4]uint8 // every byte value in every channel
	for i := range d0 {
		d0[i] = uint8(i*5 + i/256)
	}
	for sa := 0; sa < 256; sa++ {
		col := [4]uint8{uint8(sa), uint8(sa / 2), uint8(sa / 3 * 2), uint8(sa)}
		s := uint32(col[0]) | uint32(col[1])<<8 | uint32(col[2])<<16 | uint32(col[3])<<24
		ia := 255 - uint32(sa)
		want := d0
		for i := range want {
			want[i] = col[i%4] + uint8(div255(uint32(want[i])*ia))
		}
		for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 256} {
			got := d0
			overSolidRun(got[:4*n], s, ia)
			if !bytes.Equal(got[:4*n], want[:4*n]) || !bytes.Equal(got[4*n:], d0[4*n:]) {
				t.Fatalf("alpha %d, %d pixels: got %v, want %v", sa, n, got[:4*n], want[:4*n])
			}
			got = d0
			overSolidGroupsGo(got[:n/4*16], s, ia)
			if !bytes.Equal(got[:n/4*16], want[:n/4*16]) || !bytes.Equal(got[n/4*16:], d0[n/4*16:]) {
				t.Fatalf("portable, alpha %d, %d pixels: got %v", sa, n, got[:4*n])
			}
		}
	}
}
