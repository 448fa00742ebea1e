package blur

import (
	"fmt"
	"image"
	"math"
	"testing"
)

func sum(p []uint8) int {
	s := 0
	for _, v := range p {
		s += int(v)
	}
	return s
}

// plane returns a w×h plane (stride w+pad) with a filled rectangle in the middle.
func plane(w, h, pad int) []uint8 {
	stride := w + pad
	p := make([]uint8, h*stride)
	for y := h / 3; y < 2*h/3; y++ {
		for x := w / 3; x < 2*w/3; x++ {
			p[y*stride+x] = 200
		}
	}
	return p
}

func TestEnergyPreserved(t *testing.T) {
	for _, sigma := range []float64{0.5, 1, 1.9, 2, 3.3, 5, 10, 20} {
		w := 60 + int(12*sigma)
		p := plane(w, w, 0)
		before := sum(p)
		GaussianAlpha(p, w, w, w, sigma)
		after := sum(p)
		// Each pixel's rounding is at most ±0.5, and it averages out.
		if d := math.Abs(float64(after-before)) / float64(before); d > 0.005 {
			t.Errorf("sigma %v: energy %d -> %d (%.3f%%)", sigma, before, after, 100*d)
		}
	}
}

// svgSigma is the spread of SVG's three-box approximation for sigma: boxes of
// d, d, d (d odd) or d, d, d+1 (d even), each of variance (w²−1)/12.
func svgSigma(sigma float64) float64 {
	d := math.Floor(sigma*3*math.Sqrt(2*math.Pi)/4 + 0.5)
	if int(d)%2 == 1 {
		return math.Sqrt(3 * (d*d - 1) / 12)
	}
	return math.Sqrt((2*(d*d-1) + (d+1)*(d+1) - 1) / 12)
}

// From sigma 2 the blurred impulse's second moment is the SVG boxes' variance
// (below, Skia's discrete kernel is checked against Chromium instead).
func TestImpulseVariance(t *testing.T) {
	for _, sigma := range []float64{2, 3, 3.99, 4, 4.5, 5, 6.3, 8, 15, 40} {
		want := svgSigma(sigma)
		if got := measureSigma(GaussianAlpha, sigma); math.Abs(got-want)/want > 0.01 {
			t.Errorf("sigma %v: measured %.3f, want %.3f", sigma, got, want)
		}
	}
}

func measureSigma(blur func([]uint8, int, int, int, float64), sigma float64) float64 {
	{
		n := 2*int(6*sigma) + 41
		p := make([]uint8, n*n)
		c := n / 2
		// A 5-pixel wide bar of 255 down the whole plane keeps the blurred
		// values well above rounding; its own variance (2) is subtracted below.
		for y := 0; y < n; y++ {
			for x := c - 2; x <= c+2; x++ {
				p[y*n+x] = 255
			}
		}
		blur(p, n, n, n, sigma)
		var m0, m2 float64
		for x := 0; x < n; x++ {
			v := float64(p[c*n+x])
			dx := float64(x - c)
			m0 += v
			m2 += v * dx * dx
		}
		return math.Sqrt(m2/m0 - 2)
	}
}

func TestConstantAndSymmetry(t *testing.T) {
	for _, sigma := range []float64{0.7, 1.2, 2, 3, 4, 9} {
		testConstantAndSymmetry(t, sigma, GaussianAlpha)
	}
}

func testConstantAndSymmetry(t *testing.T, sigma float64, blur func([]uint8, int, int, int, float64)) {
	{
		const n = 41
		p := make([]uint8, n*n)
		for i := range p {
			p[i] = 77
		}
		blur(p, n, n, n, sigma)
		r := int(3 * sigma)
		for y := r; y < n-r; y++ {
			for x := r; x < n-r; x++ {
				if d := int(p[y*n+x]) - 77; d < -1 || d > 1 {
					t.Fatalf("sigma %v: constant plane changed to %d at (%d,%d)", sigma, p[y*n+x], x, y)
				}
			}
		}
		q := make([]uint8, n*n)
		q[20*n+20] = 255
		q[20*n+21] = 255
		q[20*n+19] = 255
		blur(q, n, n, n, sigma)
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				if q[y*n+x] != q[y*n+(n-1-x)] || q[y*n+x] != q[(n-1-y)*n+x] {
					t.Fatalf("sigma %v: asymmetric at (%d,%d)", sigma, x, y)
				}
			}
		}
	}
}

func TestStrideAndEdges(t *testing.T) {
	const w, h, pad = 30, 20, 5
	p := plane(w, h, pad)
	for y := 0; y < h; y++ {
		for x := w; x < w+pad; x++ {
			p[y*(w+pad)+x] = 99 // bytes beyond the row must not be read or written
		}
	}
	GaussianAlpha(p, w, h, w+pad, 3)
	for y := 0; y < h; y++ {
		for x := w; x < w+pad; x++ {
			if p[y*(w+pad)+x] != 99 {
				t.Fatalf("padding byte (%d,%d) changed", x, y)
			}
		}
	}
}

func TestNoOpAndBadInput(t *testing.T) {
	p := plane(10, 10, 0)
	orig := append([]uint8(nil), p...)
	for _, s := range []float64{0, 0.1, 0.33, -3, math.NaN(), math.Inf(1)} {
		GaussianAlpha(p, 10, 10, 10, s)
		if string(p) != string(orig) {
			t.Fatalf("sigma %v changed the plane", s)
		}
	}
	GaussianAlphaImage(p, 10, 10, 10, 0.5) // a box width of one: no change
	if string(p) != string(orig) {
		t.Fatal("GaussianAlphaImage with sigma 0.5 changed the plane")
	}
	// Geometry that does not fit the slice is ignored rather than panicking.
	GaussianAlphaImage(p, 10, 11, 10, 2)
	GaussianAlpha(p, 10, 11, 10, 2)
	GaussianAlpha(p, 11, 10, 10, 2)
	GaussianAlpha(p, -1, 10, 10, 2)
	GaussianAlpha(p, 10, 10, 1<<62, 2)
	GaussianAlpha(nil, 1, 1, 1, 2)
	if string(p) != string(orig) {
		t.Fatal("rejected call changed the plane")
	}
	// A huge sigma on a small plane neither hangs nor overflows: the energy
	// spreads evenly and mostly leaves the plane.
	GaussianAlpha(p, 10, 10, 10, 1e9)
	GaussianAlpha(p, 10, 10, 10, 5e4)
}

func BenchmarkGaussianAlpha1080p(b *testing.B) {
	for _, sigma := range []float64{1.5, 5, 20} {
		b.Run(fmt.Sprintf("sigma=%g", sigma), func(b *testing.B) {
			const w, h = 1920, 1080
			p := plane(w, h, 0)
			GaussianAlpha(p, w, h, w, sigma) // warm the buffer pool
			b.SetBytes(w * h)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				GaussianAlpha(p, w, h, w, sigma)
			}
			b.ReportMetric(float64(b.N)*w*h/b.Elapsed().Seconds()/1e6, "MPix/s")
		})
	}
}

func TestRectMask(t *testing.T) {
	const n = 64
	p := make([]uint8, n*n)
	RectMask(p, n, n, n, 10, 12, 50, 40, 3)
	// Far inside the rectangle the mask is opaque, far outside empty, and on an
	// edge it is half.
	if p[26*n+30] != 255 || p[2*n+2] != 0 || p[60*n+60] != 0 {
		t.Errorf("inside %d, outside %d %d", p[26*n+30], p[2*n+2], p[60*n+60])
	}
	// Pixels 9 and 10 sit half a pixel either side of the edge at x=10, so
	// their coverages add up to one.
	if s := int(p[26*n+9]) + int(p[26*n+10]); s < 254 || s > 256 {
		t.Errorf("edge pixels %d + %d", p[26*n+9], p[26*n+10])
	}
	// Symmetric about the rectangle's centre lines.
	for y := 0; y < n; y++ {
		for x := 0; x < 30; x++ {
			if p[y*n+x] != p[y*n+59-x] {
				t.Fatalf("asymmetric at (%d,%d)", x, y)
			}
		}
	}
	// Bad input is ignored.
	q := append([]uint8(nil), p...)
	RectMask(p, n, n, n, math.NaN(), 0, 1, 1, 3)
	RectMask(p, n, n, n, 0, 0, math.Inf(1), 1, 3)
	RectMask(p, n, n, n, 0, 0, 1, 1, math.NaN())
	RectMask(p, n+1, n, n, 0, 0, 1, 1, 3)
	if string(p) != string(q) {
		t.Fatal("rejected call changed the plane")
	}
	RectMask(p, n, n, n, -1e300, -1e300, 1e300, 1e300, 1e6) // huge values must not panic
	if RectUsesProfile(10, 100, 5) || !RectUsesProfile(40, 40, 5) || RectUsesProfile(40, 40, math.NaN()) {
		t.Error("RectUsesProfile threshold")
	}
}

// refBlur is the plain two-pass blur with every row and column filtered, the
// reference for the shortcuts gaussian takes.
func refBlur(pix []uint8, w, h int, sigma float64, boxesOnly bool) {
	var k kernel
	k.init(sigma, boxesOnly)
	n := max(w, h)
	line, out, scratch := make([]uint8, n), make([]uint8, n), make([]uint64, 2*(n+1))
	rows := func() {
		for y := 0; y < h; y++ {
			copy(line, pix[y*w:y*w+w])
			k.apply(line[:w], pix[y*w:y*w+w], scratch)
		}
	}
	cols := func() {
		for x := 0; x < w; x++ {
			for y := 0; y < h; y++ {
				line[y] = pix[y*w+x]
			}
			k.apply(line[:h], out[:h], scratch)
			for y := 0; y < h; y++ {
				pix[y*w+x] = out[y]
			}
		}
	}
	if k.small > 0 {
		cols()
		rows()
	} else {
		rows()
		cols()
	}
}

// gaussian skips work (rows of zeros, repeated rows, and with a window the
// unread columns) but must give exactly the plain blur's pixels.
func TestShortcutsMatchPlainBlur(t *testing.T) {
	const w, h = 97, 83
	src := make([]uint8, w*h)
	for y := 20; y < 70; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x-40), float64(y-45)
			switch {
			case y >= 50 && y < 60: // a run of identical rows
				src[y*w+x] = uint8(x * 2)
			case dx*dx+dy*dy < 400:
				src[y*w+x] = uint8(255 - x)
			}
		}
	}
	win := image.Rect(30, 10, 61, 75)
	for _, img := range []bool{false, true} {
		for _, sigma := range []float64{0.8, 1.5, 2, 3.3, 20, 532} {
			ref := append([]uint8(nil), src...)
			refBlur(ref, w, h, sigma, img)
			full := append([]uint8(nil), src...)
			if img {
				GaussianAlphaImage(full, w, h, w, sigma)
			} else {
				GaussianAlpha(full, w, h, w, sigma)
			}
			part := append([]uint8(nil), src...)
			GaussianAlphaWithin(part, w, h, w, sigma, img, win)
			badFull, badPart := 0, 0
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					if full[y*w+x] != ref[y*w+x] {
						badFull++
					}
					if image.Pt(x, y).In(win) && part[y*w+x] != ref[y*w+x] {
						badPart++
					}
				}
			}
			if badFull > 0 || badPart > 0 {
				t.Errorf("image=%v sigma=%v: %d pixels of the full blur and %d in the window differ from the plain blur", img, sigma, badFull, badPart)
			}
		}
	}
}
