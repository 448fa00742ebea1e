//go:build linux && !purego

package blend

import (
	"syscall"
	"testing"
)

// Edge and Fill read and write nothing past dst: runs of every length
// ending at the last byte before an inaccessible page are blended without a
// fault.
func TestSolidOverEdgeEndsAtGuardPage(t *testing.T) {
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 2*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip("mmap:", err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Mprotect(mem[page:], syscall.PROT_NONE); err != nil {
		t.Skip("mprotect:", err)
	}
	src := [4]uint8{10, 20, 30, 128}
	k, _ := NewSolidOver(src)
	kernelChoices(func(name string) {
		for n := 1; n <= 12; n++ {
			dst := mem[page-4*n : page]
			for i := range dst {
				dst[i] = uint8(i * 7)
			}
			want := append([]uint8(nil), dst...)
			cov := make([]uint8, n)
			for i := range cov {
				cov[i] = uint8(40 + 20*i)
				overPartialRef(want[4*i:4*i+4], src, uint32(cov[i]))
			}
			k.Edge(dst, cov)
			if string(dst) != string(want) {
				t.Fatalf("%s, %d pixels: got %v, want %v", name, n, dst, want)
			}
		}
		// Runs of full coverage too, up to a few vector steps long.
		for n := 1; n <= 40; n++ {
			dst := mem[page-4*n : page]
			want := append([]uint8(nil), dst...)
			for i := range n {
				overPartialRef(want[4*i:4*i+4], src, 255)
			}
			k.Fill(dst, 255)
			if string(dst) != string(want) {
				t.Fatalf("%s, Fill of %d pixels: got %v, want %v", name, n, dst, want)
			}
		}
	})
}
