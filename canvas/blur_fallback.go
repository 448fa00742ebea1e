package canvas

import "math"

// gaussianAlpha blurs an 8-bit alpha plane in place with a separable Gaussian
// of standard deviation sigma (kernel radius 3σ, edges treated as zero). It
// stands in until canvas/internal/blur lands and is then replaced by it.
func gaussianAlpha(pix []uint8, w, h, stride int, sigma float64) {
	if sigma <= 0 || w <= 0 || h <= 0 {
		return
	}
	r := int(math.Ceil(3 * sigma))
	k := make([]float32, 2*r+1)
	var sum float32
	for i := range k {
		d := float64(i - r)
		k[i] = float32(math.Exp(-d * d / (2 * sigma * sigma)))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	n := max(w, h)
	line := make([]float32, n)
	out := make([]float32, n)
	pass := func(count, length int, at func(i, j int) *uint8) {
		for i := 0; i < count; i++ {
			for j := 0; j < length; j++ {
				line[j] = float32(*at(i, j))
			}
			for j := 0; j < length; j++ {
				var acc float32
				lo, hi := max(j-r, 0), min(j+r, length-1)
				for t := lo; t <= hi; t++ {
					acc += line[t] * k[t-j+r]
				}
				out[j] = acc
			}
			for j := 0; j < length; j++ {
				*at(i, j) = uint8(min(out[j]+0.5, 255))
			}
		}
	}
	pass(h, w, func(y, x int) *uint8 { return &pix[y*stride+x] })
	pass(w, h, func(x, y int) *uint8 { return &pix[y*stride+x] })
}
