package resample

// The 4-channel passes pack channels into 64-bit words so that one multiply serves two
// channels ("SIMD within a register"); Go does not vectorise, and this halves the
// multiplies in the hot loops.
//
// Source rows are spread once per row into pairs of words with 32-bit lanes,
// (R | B<<32) and (G | A<<32). A weighted sum of such words is the two lane sums
// side by side: the low lane may go negative (Lanczos lobes) and borrow from the high
// lane, which splitLanes undoes. Sums stay far inside 32 bits (|Σw| < 2·2^14, samples
// below 2^12).
//
// The intermediate image keeps 4 fractional bits per sample (12-bit values) in 16-bit
// lanes, one uint64 per pixel, R|G<<16|B<<32|A<<48: twice the memory of 8-bit RGBA but
// finer than it, and the vertical pass splits it into two 32-bit-lane words with one
// mask and one shift.

const (
	lanes32 = 0x0000FFFF_0000FFFF
	// interBits is the extra precision of the intermediate image.
	interBits = 4
	interMax  = 255 << interBits
)

// spreadRow writes each RGBA pixel of in as the pair (R|B<<32, G|A<<32).
func spreadRow(out []uint64, in []uint8) {
	out = out[:len(in)/2]
	for i := 0; i+1 < len(out); i += 2 {
		p := in[i*2 : i*2+4 : i*2+4]
		out[i] = uint64(p[0]) | uint64(p[2])<<32
		out[i+1] = uint64(p[1]) | uint64(p[3])<<32
	}
}

// splitLanes returns the signed low and high 32-bit lane sums of a packed accumulator.
func splitLanes(acc int64) (lo, hi int64) {
	lo = int64(int32(acc))
	hi = (acc - lo) >> 32
	return lo, hi
}

// to12 rounds a horizontal-pass lane sum (weights scaled by 2^prec) to a 12-bit sample.
func to12(v int64) uint64 {
	v = (v + 1<<(prec-interBits-1)) >> (prec - interBits)
	return uint64(min(max(v, 0), interMax))
}

// hpass4 filters rows [y0, y1) of the 8-bit RGBA src into the intermediate strip tmp
// (stride w words, source row base first). premul premultiplies each row first into
// row8; spread holds one spread row.
func hpass4(tmp []uint64, w int, src plane, wt *weights, y0, y1, base int, premul bool, spread []uint64, row8 []uint8) {
	for y := y0; y < y1; y++ {
		in := src.row(y)
		if premul {
			premultiplyRow(row8[:len(in)], in)
			in = row8[:len(in)]
		}
		spreadRow(spread, in)
		out := tmp[(y-base)*w : (y-base)*w+w]
		for x := range out {
			n := int(wt.count[x])
			ws := wt.w[x*wt.stride : x*wt.stride+n]
			s := int(wt.start[x]) * 2
			p := spread[s : s+2*n]
			// Two taps per iteration: half the loop and bounds-check overhead.
			var rb, ga int64
			k := 0
			for ; k+1 < n; k += 2 {
				q := p[2*k : 2*k+4 : 2*k+4]
				w0, w1 := int64(ws[k]), int64(ws[k+1])
				rb += int64(q[0])*w0 + int64(q[2])*w1
				ga += int64(q[1])*w0 + int64(q[3])*w1
			}
			if k < n {
				q := p[2*k : 2*k+2 : 2*k+2]
				rb += int64(q[0]) * int64(ws[k])
				ga += int64(q[1]) * int64(ws[k])
			}
			r, b := splitLanes(rb)
			g, a := splitLanes(ga)
			out[x] = to12(r) | to12(g)<<16 | to12(b)<<32 | to12(a)<<48
		}
	}
}

// vpass4 filters the intermediate strip (source row base first) vertically into rows
// [y0, y1) of the 8-bit RGBA dst, accumulating each output pixel over its taps in
// registers. With alpha set colour is clamped to alpha so the output stays valid
// premultiplied RGBA.
func vpass4(dst plane, tmp []uint64, w int, wt *weights, y0, y1, base int, alpha bool) {
	const shift = prec + interBits
	const round = 1 << (shift - 1)
	for y := y0; y < y1; y++ {
		n := int(wt.count[y])
		ws := wt.w[y*wt.stride : y*wt.stride+n]
		rows := tmp[(int(wt.start[y])-base)*w:]
		rows = rows[:(n-1)*w+w]
		out := dst.row(y)
		for x := 0; x < w; x++ {
			var rb, ga int64
			i := x
			k := 0
			for ; k+1 < n; k += 2 {
				v0, v1 := rows[i], rows[i+w]
				w0, w1 := int64(ws[k]), int64(ws[k+1])
				rb += int64(v0&lanes32)*w0 + int64(v1&lanes32)*w1
				ga += int64((v0>>16)&lanes32)*w0 + int64((v1>>16)&lanes32)*w1
				i += 2 * w
			}
			if k < n {
				v := rows[i]
				rb += int64(v&lanes32) * int64(ws[k])
				ga += int64((v>>16)&lanes32) * int64(ws[k])
			}
			r, b := splitLanes(rb)
			g, a := splitLanes(ga)
			o := out[x*4 : x*4+4 : x*4+4]
			o[0] = clampShift(r, shift, round)
			o[1] = clampShift(g, shift, round)
			o[2] = clampShift(b, shift, round)
			o[3] = clampShift(a, shift, round)
			if alpha {
				o[0], o[1], o[2] = min(o[0], o[3]), min(o[1], o[3]), min(o[2], o[3])
			}
		}
	}
}

func clampShift(v int64, shift uint, round int64) uint8 {
	v = (v + round) >> shift
	if uint64(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return uint8(v)
}
