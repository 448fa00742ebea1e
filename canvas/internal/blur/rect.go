package blur

import "math"

// RectUsesProfile reports whether Chromium draws the shadow of an axis-aligned
// rectangle of the given size analytically (RectMask) rather than by blurring
// its mask (GaussianAlpha). Skia takes the analytic path when the rectangle
// spans at least 2⌈3σ⌉+2 pixels both ways; measured in Chromium with
// shadowBlur 4, 10 and 20 on squares from 5 to 80 pixels, the switch falls
// between the sizes this threshold separates.
func RectUsesProfile(width, height, sigma float64) bool {
	if !(sigma > minSigma) || math.IsInf(sigma, 0) {
		return false
	}
	t := 2*math.Ceil(3*sigma) + 2
	return width >= t && height >= t
}

// RectMask writes into the w×h plane pix (row stride stride) the blurred
// coverage of the rectangle [left, right)×[top, bottom), in plane coordinates,
// as Chromium computes large rectangle shadows: each axis's profile is the
// integral of three box filters of width 2σ (a piecewise cubic, whose variance
// is exactly σ²) across the rectangle, rounded to 8 bits, and a pixel is the
// product of its column's and row's profiles. Every pixel of the plane is
// written. Bad geometry or sigma leave pix untouched.
func RectMask(pix []uint8, w, h, stride int, left, top, right, bottom, sigma float64) {
	if w <= 0 || h <= 0 || stride < w || !(sigma > minSigma) || math.IsInf(sigma, 0) {
		return
	}
	if len(pix) < w || (h-1) > (len(pix)-w)/stride {
		return
	}
	for _, v := range [4]float64{left, top, right, bottom} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
	}
	buf := getBuffers(max(w, h))
	defer buffers.Put(buf)
	cols, rows := buf.line[:w], buf.out[:h]
	profile(cols, left, right, sigma)
	profile(rows, top, bottom, sigma)
	for y := 0; y < h; y++ {
		row := pix[y*stride : y*stride+w]
		ry := uint32(rows[y])
		switch ry {
		case 255: // the rows beside the rectangle's inside: its column profile
			copy(row, cols)
		case 0:
			clear(row)
		default:
			for x, cx := range cols {
				t := uint32(cx)*ry + 128
				row[x] = uint8((t + t>>8) >> 8) // round(cx·ry/255)
			}
		}
	}
}

// profile fills p[i] with the blurred coverage of [lo, hi) at pixel centre i+0.5.
func profile(p []uint8, lo, hi, sigma float64) {
	inv := 1 / (2 * sigma)
	for i := range p {
		c := float64(i) + 0.5
		v := boxCDFComplement((lo-c)*inv) - boxCDFComplement((hi-c)*inv)
		p[i] = uint8(math.Max(0, math.Min(255, math.Floor(255*v+0.5))))
	}
}

// boxCDFComplement is 1 − F(x), where F is the distribution of the sum of three
// independent uniform variables on [−½, ½] (three unit boxes convolved): a
// piecewise cubic on [−1.5, 1.5]. With x measured in units of 2σ, its spread is
// σ.
func boxCDFComplement(x float64) float64 {
	switch {
	case x >= 1.5:
		return 0
	case x <= -1.5:
		return 1
	case x > 0.5:
		u := 1.5 - x // the tail: (1.5−x)³/6
		return u * u * u / 6
	case x > -0.5:
		return 0.5 - 0.75*x + x*x*x/3
	}
	u := 1.5 + x
	return 1 - u*u*u/6
}
