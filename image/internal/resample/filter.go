package resample

import "math"

// Filter is a separable reconstruction kernel.
type Filter struct {
	Name string
	// Support is the kernel radius in input pixels at scale 1.
	Support float64
	Kernel  func(x float64) float64
}

// Lanczos3 is the windowed sinc with three lobes: the sharpest of the set, with slight
// ringing at hard edges. It is the default for downscaling photographs.
var Lanczos3 = Filter{Name: "lanczos3", Support: 3, Kernel: func(x float64) float64 {
	x = math.Abs(x)
	if x >= 3 {
		return 0
	}
	return sinc(x) * sinc(x/3)
}}

// Mitchell is the Mitchell–Netravali cubic with B = C = 1/3: softer than Lanczos3 and
// almost free of ringing.
var Mitchell = Filter{Name: "mitchell", Support: 2, Kernel: func(x float64) float64 {
	return cubic(math.Abs(x), 1.0/3, 1.0/3)
}}

// CatmullRom is the cubic with B = 0, C = 1/2.
var CatmullRom = Filter{Name: "catmullrom", Support: 2, Kernel: func(x float64) float64 {
	return cubic(math.Abs(x), 0, 0.5)
}}

// Linear is the triangle (tent) filter.
var Linear = Filter{Name: "linear", Support: 1, Kernel: func(x float64) float64 {
	x = math.Abs(x)
	if x >= 1 {
		return 0
	}
	return 1 - x
}}

// Box averages the input pixels an output pixel covers.
var Box = Filter{Name: "box", Support: 0.5, Kernel: func(x float64) float64 {
	if x >= -0.5 && x < 0.5 {
		return 1
	}
	return 0
}}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	x *= math.Pi
	return math.Sin(x) / x
}

func cubic(x, b, c float64) float64 {
	switch {
	case x < 1:
		return ((12-9*b-6*c)*x*x*x + (-18+12*b+6*c)*x*x + (6 - 2*b)) / 6
	case x < 2:
		return ((-b-6*c)*x*x*x + (6*b+30*c)*x*x + (-12*b-48*c)*x + (8*b + 24*c)) / 6
	}
	return 0
}

// Gaussian returns a Gaussian kernel of standard deviation sigma input pixels,
// truncated at 3 sigma. Resizing to the same size with it is a Gaussian blur whose
// edges renormalise (no dark border).
func Gaussian(sigma float64) Filter {
	return Filter{Name: "gaussian", Support: 3 * sigma, Kernel: func(x float64) float64 {
		return math.Exp(-x * x / (2 * sigma * sigma))
	}}
}
