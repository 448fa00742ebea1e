package resample

import (
	"runtime"
	"sync"
)

// plane is an 8-bit image with ch interleaved channels (1 or 4).
type plane struct {
	pix    []uint8
	stride int
	w, h   int
	ch     int
}

func (p plane) row(y int) []uint8 { return p.pix[y*p.stride : y*p.stride+p.w*p.ch] }

// minRowsPerJob keeps goroutine start-up cost small next to the work it carries.
const minRowsPerJob = 16

// parallel calls fn on disjoint row ranges covering [0, n), concurrently.
func parallel(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if w := n / minRowsPerJob; w < workers {
		workers = max(w, 1)
	}
	if workers == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

// hpass1 filters rows [y0, y1) of a 1-channel src into the intermediate strip tmp
// (stride w, row base first),
// keeping 4 fractional bits as the 4-channel path does, so Gray and RGBA agree exactly.
func hpass1(tmp []uint16, w int, src plane, wt *weights, y0, y1, base int) {
	for y := y0; y < y1; y++ {
		in := src.row(y)
		out := tmp[(y-base)*w : (y-base)*w+w]
		for x := range out {
			n := int(wt.count[x])
			ws := wt.w[x*wt.stride : x*wt.stride+n]
			s := int(wt.start[x])
			p := in[s : s+n]
			var v int32
			for k, wk := range ws {
				v += int32(p[k]) * wk
			}
			out[x] = uint16(to12(int64(v)))
		}
	}
}

// vpass1 filters the 1-channel intermediate vertically into rows [y0, y1) of dst,
// adding one whole source row per tap into acc: sequential sweeps the compiler keeps
// free of bounds checks. 12-bit samples times 2^14 weights fit int32.
func vpass1(dst plane, tmp []uint16, w int, wt *weights, y0, y1, base int, acc []int32) {
	const shift = prec + interBits
	const round = 1 << (shift - 1)
	acc = acc[:w]
	for y := y0; y < y1; y++ {
		n := int(wt.count[y])
		ws := wt.w[y*wt.stride : y*wt.stride+n]
		s := int(wt.start[y]) - base
		w0 := ws[0]
		for i, v := range tmp[s*w : s*w+w] {
			acc[i] = int32(v) * w0
		}
		for k := 1; k < n; k++ {
			wk := ws[k]
			row := tmp[(s+k)*w : (s+k)*w+w]
			for i, v := range row {
				acc[i] += int32(v) * wk
			}
		}
		out := dst.row(y)[:w]
		for i, v := range acc {
			out[i] = clampShift(int64(v), shift, round)
		}
	}
}

// premultiplyRow converts non-premultiplied RGBA to premultiplied, exactly as
// image/color and image/draw do (on 16-bit values, truncating).
func premultiplyRow(dst, src []uint8) {
	for i := 0; i+3 < len(src); i += 4 {
		s := src[i : i+4 : i+4]
		d := dst[i : i+4 : i+4]
		a := uint32(s[3])
		switch a {
		case 255:
			d[0], d[1], d[2], d[3] = s[0], s[1], s[2], 255
		case 0:
			d[0], d[1], d[2], d[3] = 0, 0, 0, 0
		default:
			a16 := a * 0x101
			d[0] = uint8(uint32(s[0]) * 0x101 * a16 / 0xffff >> 8)
			d[1] = uint8(uint32(s[1]) * 0x101 * a16 / 0xffff >> 8)
			d[2] = uint8(uint32(s[2]) * 0x101 * a16 / 0xffff >> 8)
			d[3] = uint8(a)
		}
	}
}
