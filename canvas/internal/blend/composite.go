package blend

import "encoding/binary"

// Composite blends n = len(dst)/4 premultiplied pixels of src into dst with op:
// dst = lerp(dst, op(src, dst), cov/255), except lighter, where coverage scales
// the source before the saturating add, as in Skia. cov nil means full coverage; otherwise
// it holds one value per pixel. Extra bytes in src or cov are ignored; if src or
// cov is shorter than dst, only the pixels they cover are written.
func Composite(op Op, dst, src, cov []uint8) {
	n := len(dst) / 4
	if len(src)/4 < n {
		n = len(src) / 4
	}
	if cov != nil && len(cov) < n {
		n = len(cov)
	}
	if n <= 0 {
		return
	}
	dst, src = dst[:4*n], src[:4*n]
	if cov != nil {
		cov = cov[:n]
	}
	switch {
	case op == SourceOver:
		if cov == nil {
			srcOverSpan(dst, src)
		} else {
			srcOverSpanCov(dst, src, cov)
		}
	case op == Copy:
		if cov == nil {
			copy(dst, src)
		} else {
			lerpSpan(dst, src, cov)
		}
	case op == Lighter:
		lighterSpan(dst, src, cov)
	case op.IsPorterDuff():
		porterDuffSpan(op, dst, src, cov)
	case op <= Exclusion && op != ColorDodge && op != ColorBurn && op != SoftLight:
		separableSpan(op, dst, src, cov)
	case op < numOps:
		floatSpan(op, dst, src, cov)
	}
}

// solidChunk is how many pixels of a solid colour are expanded on the stack for
// operators without a dedicated solid path.
const solidChunk = 64

// CompositeSolid is Composite with every source pixel equal to src (premultiplied).
func CompositeSolid(op Op, dst []uint8, src [4]uint8, cov []uint8) {
	n := len(dst) / 4
	if cov != nil && len(cov) < n {
		n = len(cov)
	}
	if n <= 0 {
		return
	}
	dst = dst[:4*n]
	if cov != nil {
		cov = cov[:n]
	}
	switch op {
	case SourceOver:
		switch {
		case src[3] == 0 && src[0]|src[1]|src[2] == 0:
			return
		case src[3] == 255:
			fillOpaque(dst, src, cov)
		default:
			srcOverSolid(dst, src, cov)
		}
		return
	case Copy:
		fillOpaque(dst, src, cov) // copy is a fill whatever the alpha
		return
	case DestinationOut:
		if cov == nil {
			// Only the source alpha matters: scale dst by (255-sa).
			scaleSpan(dst, 255-uint32(src[3]))
			return
		}
	}
	var buf [solidChunk * 4]uint8
	for i := 0; i < len(buf); i += 4 {
		buf[i], buf[i+1], buf[i+2], buf[i+3] = src[0], src[1], src[2], src[3]
	}
	for len(dst) > 0 {
		m := len(dst) / 4
		if m > solidChunk {
			m = solidChunk
		}
		var c []uint8
		if cov != nil {
			c, cov = cov[:m], cov[m:]
		}
		Composite(op, dst[:4*m], buf[:4*m], c)
		dst = dst[4*m:]
	}
}

// div255 is round(x/255); exact because x/255 can never end in .5. The
// compiler turns the constant division into a multiply and shift.
func div255(x uint32) uint32 { return (x + 127) / 255 }

// finish converts rnum, a result channel scaled by 255 (0..65025), into a byte
// after the coverage lerp, rounding once: round((rnum×c + d×255×(255−c)) / 255²).
func finish(rnum int32, d uint8, c uint32) uint8 {
	if rnum < 0 {
		rnum = 0
	} else if rnum > 65025 {
		rnum = 65025 // only reachable with invalid (colour > alpha) input
	}
	if c == 255 {
		return uint8(div255(uint32(rnum)))
	}
	return uint8((uint32(rnum)*c + uint32(d)*255*(255-c) + 32512) / 65025)
}

// lerpSpan is copy with coverage: dst = lerp(dst, src, cov).
func lerpSpan(dst, src, cov []uint8) {
	for i, c := range cov {
		j := 4 * i
		d, s := dst[j:j+4:j+4], src[j:j+4:j+4]
		switch c {
		case 0:
		case 255:
			copy(d, s)
		default:
			cc, ic := uint32(c), 255-uint32(c)
			d[0] = uint8(div255(uint32(s[0])*cc + uint32(d[0])*ic))
			d[1] = uint8(div255(uint32(s[1])*cc + uint32(d[1])*ic))
			d[2] = uint8(div255(uint32(s[2])*cc + uint32(d[2])*ic))
			d[3] = uint8(div255(uint32(s[3])*cc + uint32(d[3])*ic))
		}
	}
}

// fillOpaque writes src everywhere with full coverage and lerps elsewhere.
func fillOpaque(dst []uint8, src [4]uint8, cov []uint8) {
	if cov == nil {
		fillPixels(dst, src)
		return
	}
	s := binary.LittleEndian.Uint32(src[:])
	// The lerp s×c + d×(255−c) is at most 255² per channel, so the R/B and
	// G/A pairs share one multiply each in 16-bit lanes, rounded as div255.
	sLo, sHi := s&laneMask, (s>>8)&laneMask
	for i, c := range cov {
		j := 4 * i
		switch c {
		case 0:
		case 255:
			binary.LittleEndian.PutUint32(dst[j:], s)
		default:
			cc, ic := uint32(c), 255-uint32(c)
			d := binary.LittleEndian.Uint32(dst[j:])
			lo := sLo*cc + (d&laneMask)*ic + 0x00800080
			hi := sHi*cc + ((d>>8)&laneMask)*ic + 0x00800080
			lo = ((lo + ((lo >> 8) & laneMask)) >> 8) & laneMask
			hi = ((hi + ((hi >> 8) & laneMask)) >> 8) & laneMask
			binary.LittleEndian.PutUint32(dst[j:], lo|hi<<8)
		}
	}
}

// fillPixels sets every pixel to px, doubling the copied prefix so the bulk of
// the work is memmove.
func fillPixels(dst []uint8, px [4]uint8) {
	if len(dst) == 0 {
		return
	}
	copy(dst, px[:])
	for k := 4; k < len(dst); k *= 2 {
		copy(dst[k:], dst[:k])
	}
}

// scaleSpan multiplies every channel by f/255.
func scaleSpan(dst []uint8, f uint32) {
	if f == 255 {
		return
	}
	if f == 0 {
		clear(dst)
		return
	}
	for i, v := range dst {
		dst[i] = uint8(div255(uint32(v) * f))
	}
}
