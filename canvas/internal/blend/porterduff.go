package blend

import (
	"encoding/binary"
	"unsafe"
)

// Pixels are handled as little-endian uint32 words (R in the low byte) in the
// source-over paths so that two channels share one multiply: the R/B and G/A
// pairs each sit in 16-bit lanes with room for a product up to 255×255.
const laneMask = 0x00ff00ff

// mulDiv255Lanes returns round(v×f/255) for all four bytes of v (f ≤ 255).
func mulDiv255Lanes(v, f uint32) uint32 {
	lo := (v & laneMask) * f
	hi := ((v >> 8) & laneMask) * f
	lo += 0x00800080
	hi += 0x00800080
	// (x+128 + ((x+128)>>8)) >> 8 is round(x/255) for x ≤ 65025, per lane.
	lo = ((lo + ((lo >> 8) & laneMask)) >> 8) & laneMask
	hi = ((hi + ((hi >> 8) & laneMask)) >> 8) & laneMask
	return lo | hi<<8
}

// mulDiv255Lanes64 is mulDiv255Lanes for two pixels packed in a uint64.
func mulDiv255Lanes64(v, f uint64) uint64 {
	const mask = 0x00ff00ff00ff00ff
	const half = 0x0080008000800080
	lo := (v&mask)*f + half
	hi := ((v>>8)&mask)*f + half
	lo = ((lo + ((lo >> 8) & mask)) >> 8) & mask
	hi = ((hi + ((hi >> 8) & mask)) >> 8) & mask
	return lo | hi<<8
}

// validPremul reports whether no colour channel exceeds alpha; only then can the
// lane arithmetic below add bytes without a carry spilling into the next one.
func validPremul(p uint32) bool {
	a := p >> 24
	return p&0xff <= a && (p>>8)&0xff <= a && (p>>16)&0xff <= a
}

// srcOverSpan is source-over with full coverage. Images, patterns and
// gradients are mostly runs of opaque or of fully transparent pixels: the
// first are copied and the second skipped a run at a time, found eight bytes
// at a time, so only translucent pixels are blended one by one.
func srcOverSpan(dst, src []uint8) {
	n := min(len(src), len(dst)) &^ 3
	for j := 0; j < n; {
		s := binary.LittleEndian.Uint32(src[j:])
		sa := s >> 24
		switch {
		case sa == 255:
			const alphas = 0xff000000ff000000
			e := j + 4
			for e+32 <= n {
				q := src[e : e+32 : e+32]
				if binary.LittleEndian.Uint64(q)&binary.LittleEndian.Uint64(q[8:])&
					binary.LittleEndian.Uint64(q[16:])&binary.LittleEndian.Uint64(q[24:])&alphas != alphas {
					break
				}
				e += 32
			}
			for e+8 <= n && binary.LittleEndian.Uint64(src[e:])&alphas == alphas {
				e += 8
			}
			if e+4 <= n && src[e+3] == 255 {
				e += 4
			}
			copy(dst[j:e], src[j:e])
			j = e
			continue
		case s == 0:
			e := j + 4
			for e+32 <= n {
				q := src[e : e+32 : e+32]
				if binary.LittleEndian.Uint64(q)|binary.LittleEndian.Uint64(q[8:])|
					binary.LittleEndian.Uint64(q[16:])|binary.LittleEndian.Uint64(q[24:]) != 0 {
					break
				}
				e += 32
			}
			for e+8 <= n && binary.LittleEndian.Uint64(src[e:]) == 0 {
				e += 8
			}
			j = e
			continue
		case validPremul(s):
			d := binary.LittleEndian.Uint32(dst[j:])
			binary.LittleEndian.PutUint32(dst[j:], s+mulDiv255Lanes(d, 255-sa))
		default:
			srcOverPixelSlow(dst[j:j+4:j+4], src[j:j+4:j+4], 255)
		}
		j += 4
	}
}

// srcOverPixelSlow handles partial coverage and invalid premultiplied input
// with one exact rounding: round((s×255×c + d×(255² − sa×c)) / 255²).
func srcOverPixelSlow(d, s []uint8, c uint32) {
	k := 65025 - uint32(s[3])*c
	sc := 255 * c
	for i := 0; i < 4; i++ {
		v := (uint32(s[i])*sc + uint32(d[i])*k + 32512) / 65025
		if v > 255 {
			v = 255
		}
		d[i] = uint8(v)
	}
}

// srcOverSpanCov is source-over with per-pixel coverage.
func srcOverSpanCov(dst, src, cov []uint8) {
	for i, c := range cov {
		j := 4 * i
		switch c {
		case 0:
		case 255:
			s := binary.LittleEndian.Uint32(src[j:])
			sa := s >> 24
			switch {
			case sa == 255:
				binary.LittleEndian.PutUint32(dst[j:], s)
			case s == 0:
			case validPremul(s):
				d := binary.LittleEndian.Uint32(dst[j:])
				binary.LittleEndian.PutUint32(dst[j:], s+mulDiv255Lanes(d, 255-sa))
			default:
				srcOverPixelSlow(dst[j:j+4:j+4], src[j:j+4:j+4], 255)
			}
		default:
			srcOverPixelSlow(dst[j:j+4:j+4], src[j:j+4:j+4], uint32(c))
		}
	}
}

// srcOverSolid is source-over of one translucent colour.
func srcOverSolid(dst []uint8, src [4]uint8, cov []uint8) {
	s := binary.LittleEndian.Uint32(src[:])
	ia := 255 - uint32(src[3])
	if !validPremul(s) {
		for i := 0; i+4 <= len(dst); i += 4 {
			c := uint32(255)
			if cov != nil {
				c = uint32(cov[i/4])
			}
			srcOverPixelSlow(dst[i:i+4:i+4], src[:], c)
		}
		return
	}
	if cov == nil {
		overSolidRun(dst[:len(dst)/4*4], s, ia)
		return
	}
	k := newSolidOver(s)
	k.Span(dst, cov)
}

// SolidOver is source-over of one valid, translucent premultiplied colour
// with per-pixel coverage, prepared once for a whole draw: the commonest
// fill (a solid colour with alpha) then costs one call per row.
type SolidOver struct {
	s, ia          uint32 // the colour as a little-endian word; 255 − alpha
	s0, s1, s2, s3 uint32 // the channels × 255
	// vec is s0…s3 as 16-bit words (twice), then 255 − ia in all eight:
	// the constants of the SSE2 partial-coverage kernel.
	vec [4]uint64
	// fv is s0…s3 (twice), sa, 65025, float32(1/65025) and 2^23 as
	// float32: the constants of the AVX2 one.
	fv [12]float32
}

// NewSolidOver prepares the kernel for src; ok is false when src is opaque,
// fully transparent or not a valid premultiplied colour, which CompositeSolid
// handles.
func NewSolidOver(src [4]uint8) (k SolidOver, ok bool) {
	s := binary.LittleEndian.Uint32(src[:])
	if src[3] == 0 || src[3] == 255 || !validPremul(s) {
		return SolidOver{}, false
	}
	return newSolidOver(s), true
}

func newSolidOver(s uint32) SolidOver {
	k := SolidOver{
		s: s, ia: 255 - s>>24,
		s0: (s & 0xff) * 255, s1: (s >> 8 & 0xff) * 255, s2: (s >> 16 & 0xff) * 255, s3: (s >> 24) * 255,
	}
	w := uint64(k.s0) | uint64(k.s1)<<16 | uint64(k.s2)<<32 | uint64(k.s3)<<48
	sa := uint64(s >> 24)
	sa |= sa << 16
	sa |= sa << 32
	k.vec = [4]uint64{w, w, sa, sa}
	f0, f1, f2, f3 := float32(k.s0), float32(k.s1), float32(k.s2), float32(k.s3)
	k.fv = [12]float32{f0, f1, f2, f3, f0, f1, f2, f3, float32(s >> 24), 65025, 1.0 / 65025, 1 << 23}
	return k
}

// Fill blends the colour into every pixel of dst with the one coverage c,
// exactly as Span does with c for each pixel.
func (k *SolidOver) Fill(dst []uint8, c uint8) {
	if c == 255 {
		overSolidRun(dst, k.s, k.ia)
		return
	}
	cc := uint32(c)
	f := 65025 - k.s3/255*cc
	a0, a1, a2, a3 := k.s0*cc+32512, k.s1*cc+32512, k.s2*cc+32512, k.s3*cc+32512
	for j := 0; j+4 <= len(dst); j += 4 {
		d := dst[j : j+4 : j+4]
		d[0] = uint8((a0 + uint32(d[0])*f) / 65025)
		d[1] = uint8((a1 + uint32(d[1])*f) / 65025)
		d[2] = uint8((a2 + uint32(d[2])*f) / 65025)
		d[3] = uint8((a3 + uint32(d[3])*f) / 65025)
	}
}

// Edge blends the colour into the first len(cov) pixels of dst with coverage
// cov, as Span does. dst may run on past them (within one row that no other
// goroutine is painting). Edges of shapes come as such runs of one to three
// pixels, often with a few full ones after them: with AVX2 they are blended
// four at a time in float32, the last one to three pixels loaded and stored
// on their own, so no cache line past the run is read (right edges end where
// the prefetched rows do). Without it up to four pixels are blended in one
// SSE2 step, those past cov with coverage 0, which leaves them as they are.
func (k *SolidOver) Edge(dst, cov []uint8) {
	if n := len(cov); hasAVX2 && n > 0 && len(dst) >= 4*n {
		overPartialAVX2(unsafe.SliceData(dst), unsafe.SliceData(cov), n, &k.fv)
		return
	}
	if hasPartial4 && len(cov) < 4 && len(dst) >= 16 {
		// Gathered in a register and stored in one go: the kernel loads
		// the four bytes at once, which byte stores would stall.
		var v uint32
		for i := len(cov) - 1; i >= 0; i-- {
			v = v<<8 | uint32(cov[i])
		}
		var c4 [4]uint8
		binary.LittleEndian.PutUint32(c4[:], v)
		overPartial4(dst[:16], c4[:], k)
		return
	}
	k.Span(dst, cov)
}

// Span blends the colour into the n = min(len(cov), len(dst)/4) pixels of dst
// with coverage cov, exactly as CompositeSolid(SourceOver, …) does.
func (k *SolidOver) Span(dst, cov []uint8) {
	if hasAVX2 {
		k.spanAVX2(dst, cov)
		return
	}
	s0, s1, s2, s3 := k.s0, k.s1, k.s2, k.s3
	sa := s3 / 255
	n := min(len(cov), len(dst)/4)
	for i := 0; i < n; i++ {
		c := cov[i]
		j := 4 * i
		switch c {
		case 0:
		case 255:
			// The inside of a shape is a run of full coverage: find its end
			// eight bytes at a time and blend it as without coverage.
			e := i + 1
			for e+8 <= n && binary.LittleEndian.Uint64(cov[e:]) == ^uint64(0) {
				e += 8
			}
			for e < n && cov[e] == 255 {
				e++
			}
			if hasPartial4 && e < n && n-e < 4 && n-4 > i {
				// The span ends with the right edge's few partly
				// covered pixels: stop the run four pixels before the
				// end and blend those in one vector step.
				overSolidRun(dst[j:4*(n-4)], k.s, k.ia)
				overPartial4(dst[4*(n-4):4*n], cov[n-4:n], k)
				return
			}
			overSolidRun(dst[j:4*e], k.s, k.ia)
			i = e - 1
		default:
			if hasPartial4 && i+4 <= n {
				// Edge pixels come in short runs between the inside and
				// the outside: blend four at a time whatever follows (the
				// kernel gives 0 and 255 the same result as their cases).
				overPartial4(dst[j:j+16], cov[i:i+4], k)
				i += 3
				continue
			}
			cc := uint32(c)
			f := 65025 - sa*cc
			d := dst[j : j+4 : j+4]
			d[0] = uint8((s0*cc + uint32(d[0])*f + 32512) / 65025)
			d[1] = uint8((s1*cc + uint32(d[1])*f + 32512) / 65025)
			d[2] = uint8((s2*cc + uint32(d[2])*f + 32512) / 65025)
			d[3] = uint8((s3*cc + uint32(d[3])*f + 32512) / 65025)
		}
	}
}

// spanAVX2 is Span with the AVX2 kernels: the edge kernel takes everything
// up to the next eight pixels of one coverage, 255 or 0, found eight bytes at
// a time; a run of 255 then goes to overSolidRun whole, one of 0 is skipped.
// The edge kernel gives 0 and 255 the same result as those, so where the runs
// are found only changes the cost.
func (k *SolidOver) spanAVX2(dst, cov []uint8) {
	n := min(len(cov), len(dst)/4)
	for i := 0; i < n; {
		j := i
		var w uint64
		for ; j+8 <= n; j += 8 {
			if w = binary.LittleEndian.Uint64(cov[j:]); w == 0 || w == ^uint64(0) {
				break
			}
		}
		if j+8 > n {
			j = n
		}
		if j > i {
			overPartialAVX2(&dst[4*i], &cov[i], j-i, &k.fv)
		}
		if j == n {
			return
		}
		e := j + 8
		for e+8 <= n && binary.LittleEndian.Uint64(cov[e:]) == w {
			e += 8
		}
		for e < n && cov[e] == uint8(w) {
			e++
		}
		if w != 0 {
			overSolidRun(dst[4*j:4*e], k.s, k.ia)
		}
		i = e
	}
}

// pdFactors gives each Porter-Duff operator's source and destination factors as
// Fa = fa0 + fada×da and Fb = fb0 + fbsa×sa (in 0..255 units), so one loop with
// no branches on the operator serves all ten.
var pdFactors = [numOps]struct{ fa0, fada, fb0, fbsa int32 }{
	SourceOver:      {255, 0, 255, -1},
	SourceIn:        {0, 1, 0, 0},
	SourceOut:       {255, -1, 0, 0},
	SourceAtop:      {0, 1, 255, -1},
	DestinationOver: {255, -1, 255, 0},
	DestinationIn:   {0, 0, 0, 1},
	DestinationOut:  {0, 0, 255, -1},
	DestinationAtop: {255, -1, 0, 1},
	Copy:            {255, 0, 0, 0},
	Xor:             {255, -1, 255, -1},
}

// porterDuffSpan computes s×Fa + d×Fb for any Porter-Duff operator.
func porterDuffSpan(op Op, dst, src, cov []uint8) {
	f := pdFactors[op]
	for j := 0; j+4 <= len(src) && j+4 <= len(dst); j += 4 {
		c := uint32(255)
		if cov != nil {
			c = uint32(cov[j/4])
			if c == 0 {
				continue
			}
		}
		d, s := dst[j:j+4:j+4], src[j:j+4:j+4]
		sa, da := int32(s[3]), int32(d[3])
		fa := f.fa0 + f.fada*da
		fb := f.fb0 + f.fbsa*sa
		d0 := finish(int32(s[0])*fa+int32(d[0])*fb, d[0], c)
		d1 := finish(int32(s[1])*fa+int32(d[1])*fb, d[1], c)
		d2 := finish(int32(s[2])*fa+int32(d[2])*fb, d[2], c)
		d3 := finish(sa*fa+da*fb, d[3], c)
		d[0], d[1], d[2], d[3] = d0, d1, d2, d3
	}
}

// lighterSpan is plus-lighter: min(s+d, 1) per channel. Unlike the other
// operators, coverage scales the source instead of lerping the result (Skia
// treats "plus" as coverage-as-alpha compatible), which differs where the sum
// saturates: a half-covered edge pixel over a nearly opaque destination still
// reaches full alpha, as in Chromium.
func lighterSpan(dst, src, cov []uint8) {
	for j := 0; j+4 <= len(src) && j+4 <= len(dst); j += 4 {
		c := uint32(255)
		if cov != nil {
			c = uint32(cov[j/4])
			if c == 0 {
				continue
			}
		}
		d, s := dst[j:j+4:j+4], src[j:j+4:j+4]
		for k := 0; k < 4; k++ {
			v := div255(uint32(s[k])*c + uint32(d[k])*255)
			d[k] = uint8(min(v, 255))
		}
	}
}
