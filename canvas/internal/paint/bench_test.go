package paint

import (
	"image"
	"math"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/geom"
)

const benchW = 1024

func benchShader(b *testing.B, s Shader) {
	dst := make([]uint8, 4*benchW)
	b.SetBytes(4 * benchW)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Shade(0, i&511, dst)
	}
	b.ReportMetric(float64(b.N)*benchW/b.Elapsed().Seconds()/1e6, "MPix/s")
}

func benchStops() []Stop {
	return []Stop{{0, nrgba(255, 0, 0, 255)}, {0.3, nrgba(0, 200, 0, 200)}, {0.7, nrgba(0, 0, 255, 255)}, {1, nrgba(255, 255, 0, 128)}}
}

func BenchmarkSolid(b *testing.B) { benchShader(b, NewSolid(nrgba(1, 2, 3, 4))) }
func BenchmarkLinear(b *testing.B) {
	benchShader(b, NewLinear(0, 0, 1000, 300, benchStops(), geom.Identity))
}
func BenchmarkRadial(b *testing.B) {
	benchShader(b, NewRadial(500, 200, 0, 520, 260, 600, benchStops(), geom.Identity))
}
func BenchmarkRadialFocalOutside(b *testing.B) {
	benchShader(b, NewRadial(-200, 200, 10, 520, 260, 300, benchStops(), geom.Identity))
}
func BenchmarkConic(b *testing.B) {
	benchShader(b, NewConic(0.3, 500, 250, benchStops(), geom.Identity))
}

func benchImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 255
	}
	return img
}

func rot(a, s float64) geom.Matrix {
	sin, cos := math.Sincos(a)
	return geom.Matrix{A: s * cos, B: s * sin, C: -s * sin, D: s * cos, E: 13, F: 7}
}

func BenchmarkPatternTranslate(b *testing.B) {
	benchShader(b, NewPattern(benchImage(), RepeatBoth, geom.Translate(17, 3), Bilinear))
}
func BenchmarkPatternNearestRotated(b *testing.B) {
	benchShader(b, NewPattern(benchImage(), RepeatBoth, rot(0.3, 1.7), Nearest))
}
func BenchmarkPatternBilinearScaled(b *testing.B) {
	benchShader(b, NewPattern(benchImage(), RepeatBoth, geom.Matrix{A: 1.7, D: 1.3, E: 0.3}, Bilinear))
}
func BenchmarkPatternBilinearRotated(b *testing.B) {
	benchShader(b, NewPattern(benchImage(), RepeatBoth, rot(0.3, 1.7), Bilinear))
}
func BenchmarkPatternMediumShrink(b *testing.B) {
	benchShader(b, NewPattern(benchImage(), RepeatBoth, rot(0.3, 0.3), Medium))
}
func BenchmarkImageHighEnlarge(b *testing.B) {
	benchShader(b, NewImage(benchImage(), rot(0.3, 3), High))
}

// benchFill shades each row into a span buffer and composites it source-over
// onto an opaque destination, the canvas's inner loop for a gradient or pattern
// fill.
func benchFill(b *testing.B, s Shader) {
	dst := make([]uint8, 4*benchW)
	for i := range dst {
		dst[i] = 200
	}
	span := make([]uint8, 4*benchW)
	b.SetBytes(4 * benchW)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Shade(0, i&511, span)
		blend.Composite(blend.SourceOver, dst, span, nil)
	}
	b.ReportMetric(float64(b.N)*benchW/b.Elapsed().Seconds()/1e6, "MPix/s")
}

func BenchmarkFillLinearOver(b *testing.B) {
	benchFill(b, NewLinear(0, 0, 1000, 300, benchStops(), geom.Identity))
}
func BenchmarkFillPatternOver(b *testing.B) {
	benchFill(b, NewPattern(benchImage(), RepeatBoth, rot(0.3, 1.7), Bilinear))
}

// BenchmarkLinearSetup is the per-gradient cost a fill pays once: a new
// gradient (as user code building one per frame makes) shading its first
// 1080-pixel row, which builds the colour cache.
func BenchmarkLinearSetup(b *testing.B) {
	stops := []Stop{{0, nrgba(15, 32, 39, 255)}, {0.5, nrgba(32, 58, 67, 255)}, {1, nrgba(44, 83, 100, 255)}}
	dst := make([]uint8, 4*1080)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewLinear(0, 0, 1000, 1920, stops, geom.Identity).Shade(0, 0, dst)
	}
}

// BenchmarkLinearPoster shades rows of a 1080-wide poster background: a
// gentle three-stop diagonal gradient, mostly long runs of one colour.
func BenchmarkLinearPoster(b *testing.B) {
	stops := []Stop{{0, nrgba(15, 32, 39, 255)}, {0.5, nrgba(32, 58, 67, 255)}, {1, nrgba(44, 83, 100, 255)}}
	benchShader(b, NewLinear(0, 0, 1000, 1920, stops, geom.Identity))
}
