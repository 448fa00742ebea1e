package paint

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// wildFloat returns values a script can pass in: ordinary, tiny, huge, zero,
// negative, infinite and NaN.
func wildFloat(r *rand.Rand) float64 {
	switch r.IntN(10) {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1 - 2*r.IntN(2))
	case 2:
		return (r.Float64() - 0.5) * 1e300
	case 3:
		return (r.Float64() - 0.5) * 1e-300
	case 4:
		return 0
	}
	return (r.Float64() - 0.5) * 200
}

// TestShadersSurviveWildInput drives every shader with random matrices, stops,
// geometry, positions and buffer lengths: nothing may panic, and every pixel
// written must be valid premultiplied colour.
func TestShadersSurviveWildInput(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	img := image.NewRGBA(image.Rect(3, 5, 9, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i-1], img.Pix[i-2], img.Pix[i-3] = min(img.Pix[i-1], img.Pix[i]), min(img.Pix[i-2], img.Pix[i]), min(img.Pix[i-3], img.Pix[i])
	}
	for iter := 0; iter < 5000; iter++ {
		m := geom.Matrix{A: wildFloat(r), B: wildFloat(r), C: wildFloat(r), D: wildFloat(r), E: wildFloat(r), F: wildFloat(r)}
		if r.IntN(3) == 0 {
			m = geom.Identity
		}
		var stops []Stop
		for k := r.IntN(5); k > 0; k-- {
			stops = append(stops, Stop{Offset: r.Float64()*1.4 - 0.2, Color: nrgba(uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)))})
		}
		f := wildFloat
		var s Shader
		switch r.IntN(5) {
		case 0:
			s = NewLinear(f(r), f(r), f(r), f(r), stops, m)
		case 1:
			s = NewRadial(f(r), f(r), math.Abs(f(r)), f(r), f(r), math.Abs(f(r)), stops, m)
		case 2:
			s = NewConic(f(r), f(r), f(r), stops, m)
		case 3:
			s = NewPattern(img, Repeat(r.IntN(4)), m, Filter(r.IntN(4)))
		case 4:
			s = NewImage(img, m, Filter(r.IntN(4)))
		}
		x := r.IntN(1<<20) - 1<<19
		y := r.IntN(1<<20) - 1<<19
		if r.IntN(4) == 0 {
			x, y = math.MaxInt32-100, math.MinInt32+100
		}
		dst := make([]uint8, r.IntN(70))
		s.Shade(x, y, dst)
		for i := 0; i+4 <= len(dst); i += 4 {
			if dst[i] > dst[i+3] || dst[i+1] > dst[i+3] || dst[i+2] > dst[i+3] {
				t.Fatalf("iteration %d (%T): pixel %v is not premultiplied", iter, s, dst[i:i+4])
			}
		}
	}
}
