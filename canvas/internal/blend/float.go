package blend

import "math"

// floatSpan handles color-dodge, color-burn, soft-light and the non-separable
// modes, whose formulas divide or take square roots of unpremultiplied colour.
// Like Skia's float pipeline it works in float32 and rounds once at the end.
func floatSpan(op Op, dst, src, cov []uint8) {
	const inv = 1.0 / 255
	for j := 0; j+4 <= len(src) && j+4 <= len(dst); j += 4 {
		cf := float32(1)
		if cov != nil {
			if cov[j/4] == 0 {
				continue
			}
			cf = float32(cov[j/4]) * inv
		}
		d, s := dst[j:j+4:j+4], src[j:j+4:j+4]
		sa, da := float32(s[3])*inv, float32(d[3])*inv
		ps := [3]float32{float32(s[0]) * inv, float32(s[1]) * inv, float32(s[2]) * inv}
		pd := [3]float32{float32(d[0]) * inv, float32(d[1]) * inv, float32(d[2]) * inv}
		// B(Cs, Cb) on unpremultiplied colour; where either alpha is zero the
		// αs·αb·B term vanishes, so any finite B will do.
		var cs, cb, b [3]float32
		if sa > 0 && da > 0 {
			for k := 0; k < 3; k++ {
				cs[k] = min(ps[k]/sa, 1)
				cb[k] = min(pd[k]/da, 1)
			}
			switch op {
			case ColorDodge:
				for k := range b {
					b[k] = colorDodge(cs[k], cb[k])
				}
			case ColorBurn:
				for k := range b {
					b[k] = colorBurn(cs[k], cb[k])
				}
			case SoftLight:
				for k := range b {
					b[k] = softLight(cs[k], cb[k])
				}
			case Hue:
				b = setLum(setSat(cs, sat(cb)), lum(cb))
			case Saturation:
				b = setLum(setSat(cb, sat(cs)), lum(cb))
			case Color:
				b = setLum(cs, lum(cb))
			case Luminosity:
				b = setLum(cb, lum(cs))
			}
		}
		sada := sa * da
		for k := 0; k < 3; k++ {
			co := ps[k]*(1-da) + pd[k]*(1-sa) + sada*b[k]
			d[k] = toByte(co*cf + pd[k]*(1-cf))
		}
		ao := sa + da - sada
		d[3] = toByte(ao*cf + da*(1-cf))
	}
}

// toByte rounds a 0..1 value to 0..255 to nearest, clamping out-of-range input.
func toByte(v float32) uint8 {
	x := v*255 + 0.5
	if !(x > 0) {
		return 0
	}
	if x >= 255 {
		return 255
	}
	return uint8(x)
}

func colorDodge(cs, cb float32) float32 {
	switch {
	case cb == 0:
		return 0
	case cs >= 1:
		return 1
	}
	return min(1, cb/(1-cs))
}

func colorBurn(cs, cb float32) float32 {
	switch {
	case cb >= 1:
		return 1
	case cs == 0:
		return 0
	}
	return 1 - min(1, (1-cb)/cs)
}

func softLight(cs, cb float32) float32 {
	if cs <= 0.5 {
		return cb - (1-2*cs)*cb*(1-cb)
	}
	var dd float32
	if cb <= 0.25 {
		dd = ((16*cb-12)*cb + 4) * cb
	} else {
		dd = float32(math.Sqrt(float64(cb)))
	}
	return cb + (2*cs-1)*(dd-cb)
}

func lum(c [3]float32) float32 { return 0.3*c[0] + 0.59*c[1] + 0.11*c[2] }

func sat(c [3]float32) float32 { return max(c[0], c[1], c[2]) - min(c[0], c[1], c[2]) }

func clipColor(c [3]float32) [3]float32 {
	l := lum(c)
	n := min(c[0], c[1], c[2])
	x := max(c[0], c[1], c[2])
	if n < 0 && l-n > 0 {
		for k := range c {
			c[k] = l + (c[k]-l)*l/(l-n)
		}
	}
	if x > 1 && x-l > 0 {
		for k := range c {
			c[k] = l + (c[k]-l)*(1-l)/(x-l)
		}
	}
	return c
}

func setLum(c [3]float32, l float32) [3]float32 {
	d := l - lum(c)
	return clipColor([3]float32{c[0] + d, c[1] + d, c[2] + d})
}

// setSat gives c saturation s, keeping the order of its channels.
func setSat(c [3]float32, s float32) [3]float32 {
	// Indices of the max, mid and min channels.
	imax, imid, imin := 0, 1, 2
	if c[imax] < c[imid] {
		imax, imid = imid, imax
	}
	if c[imid] < c[imin] {
		imid, imin = imin, imid
	}
	if c[imax] < c[imid] {
		imax, imid = imid, imax
	}
	var out [3]float32
	if c[imax] > c[imin] {
		out[imid] = (c[imid] - c[imin]) * s / (c[imax] - c[imin])
		out[imax] = s
	}
	return out
}
