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

// hpass filters rows [y0, y1) of src horizontally into the same rows of dst. When
// premul is set the source is non-premultiplied RGBA and each row is premultiplied into
// scratch (len >= src.w*4) before filtering.
func hpass(dst, src plane, wt *weights, y0, y1 int, premul bool, scratch []uint8) {
	for y := y0; y < y1; y++ {
		in := src.row(y)
		if premul {
			premultiplyRow(scratch[:len(in)], in)
			in = scratch[:len(in)]
		}
		out := dst.row(y)
		if src.ch == 4 {
			hrow4(out, in, wt)
		} else {
			hrow1(out, in, wt)
		}
	}
}

func hrow4(out, in []uint8, wt *weights) {
	for x := 0; x < len(out)/4; x++ {
		n := int(wt.count[x])
		ws := wt.w[x*wt.stride : x*wt.stride+n]
		s := int(wt.start[x]) * 4
		p := in[s : s+n*4]
		var r, g, b, a int32
		for k, w := range ws {
			q := p[k*4 : k*4+4 : k*4+4]
			r += int32(q[0]) * w
			g += int32(q[1]) * w
			b += int32(q[2]) * w
			a += int32(q[3]) * w
		}
		o := out[x*4 : x*4+4 : x*4+4]
		o[0], o[1], o[2], o[3] = clamp8(r), clamp8(g), clamp8(b), clamp8(a)
	}
}

func hrow1(out, in []uint8, wt *weights) {
	for x := range out {
		n := int(wt.count[x])
		ws := wt.w[x*wt.stride : x*wt.stride+n]
		s := int(wt.start[x])
		p := in[s : s+n]
		var v int32
		for k, w := range ws {
			v += int32(p[k]) * w
		}
		out[x] = clamp8(v)
	}
}

// vpass filters src vertically into rows [y0, y1) of dst, accumulating whole rows in acc
// (len >= dst.w*dst.ch) so every tap is one sequential sweep over a source row. With
// alpha set the output is premultiplied RGBA and colour is clamped to alpha, since
// negative lobes can otherwise push a channel above its alpha.
func vpass(dst, src plane, wt *weights, y0, y1 int, alpha bool, acc []int32) {
	acc = acc[:dst.w*dst.ch]
	for y := y0; y < y1; y++ {
		n := int(wt.count[y])
		ws := wt.w[y*wt.stride : y*wt.stride+n]
		s := int(wt.start[y])
		in := src.row(s)
		w0 := ws[0]
		for i, v := range in[:len(acc)] {
			acc[i] = int32(v) * w0
		}
		for k := 1; k < n; k++ {
			in = src.row(s + k)
			w := ws[k]
			for i, v := range in[:len(acc)] {
				acc[i] += int32(v) * w
			}
		}
		out := dst.row(y)
		for i, v := range acc {
			out[i] = clamp8(v)
		}
		if alpha {
			clampToAlpha(out)
		}
	}
}

func clampToAlpha(row []uint8) {
	for i := 0; i+3 < len(row); i += 4 {
		p := row[i : i+4 : i+4]
		a := p[3]
		p[0], p[1], p[2] = min(p[0], a), min(p[1], a), min(p[2], a)
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
