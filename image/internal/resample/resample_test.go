package resample

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand"
	"runtime"
	"testing"
)

var filters = []Filter{Lanczos3, Mitchell, CatmullRom, Linear, Box}

// noisy returns a w×h RGBA image of smooth gradients plus noise, deterministic by seed.
func noisy(w, h int, seed int64) *image.RGBA {
	r := rand.New(rand.NewSource(seed))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := m.PixOffset(x, y)
			m.Pix[i+0] = uint8(x*255/w + r.Intn(16))
			m.Pix[i+1] = uint8(y*255/h + r.Intn(16))
			m.Pix[i+2] = uint8((x+y)*127/(w+h) + r.Intn(64))
			m.Pix[i+3] = 255
		}
	}
	return m
}

// reference resizes with float64 arithmetic straight from the kernel, no fixed point and
// no trimming: the ground truth the fixed-point passes are checked against.
func reference(src *image.RGBA, w, h int, f Filter) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	tmp := make([]float64, sh*w*4)
	axis := func(in, out, i int) (lo, hi int, ws []float64) {
		scale := float64(in) / float64(out)
		fs := math.Max(scale, 1)
		c := (float64(i) + 0.5) * scale
		lo = max(int(math.Floor(c-f.Support*fs)), 0)
		hi = min(int(math.Ceil(c+f.Support*fs)), in)
		sum := 0.0
		for k := lo; k < hi; k++ {
			v := f.Kernel((float64(k) + 0.5 - c) / fs)
			ws = append(ws, v)
			sum += v
		}
		for k := range ws {
			ws[k] /= sum
		}
		return lo, hi, ws
	}
	for x := 0; x < w; x++ {
		lo, _, ws := axis(sw, w, x)
		for y := 0; y < sh; y++ {
			for c := 0; c < 4; c++ {
				s := 0.0
				for k, wk := range ws {
					s += wk * float64(src.Pix[src.PixOffset(lo+k, y)+c])
				}
				tmp[(y*w+x)*4+c] = s
			}
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		lo, _, ws := axis(sh, h, y)
		for x := 0; x < w; x++ {
			for c := 0; c < 4; c++ {
				s := 0.0
				for k, wk := range ws {
					s += wk * math.Max(0, math.Min(255, math.Round(tmp[((lo+k)*w+x)*4+c])))
				}
				dst.Pix[dst.PixOffset(x, y)+c] = uint8(math.Max(0, math.Min(255, math.Round(s))))
			}
		}
	}
	return dst
}

func maxDiff(t *testing.T, a, b []uint8) int {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("length %d vs %d", len(a), len(b))
	}
	d := 0
	for i := range a {
		d = max(d, int(a[i])-int(b[i]), int(b[i])-int(a[i]))
	}
	return d
}

func TestMatchesFloatReference(t *testing.T) {
	src := noisy(97, 61, 1)
	cases := []struct {
		name string
		w, h int
	}{
		{"downscale 3x", 32, 20},
		{"downscale non-integer", 41, 37},
		{"upscale", 150, 90},
		{"mixed axes", 200, 17},
		{"to one pixel", 1, 1},
	}
	for _, f := range filters {
		for _, c := range cases {
			got := Resize(src, c.w, c.h, f).(*image.RGBA)
			want := reference(src, c.w, c.h, f)
			// Fixed-point weights and the 8-bit intermediate may each be off by one step.
			if d := maxDiff(t, got.Pix, want.Pix); d > 2 {
				t.Errorf("%s %s: max difference %d from the float reference", f.Name, c.name, d)
			}
		}
	}
}

func TestFlatStaysFlat(t *testing.T) {
	colours := []color.RGBA{{0, 0, 0, 255}, {255, 255, 255, 255}, {200, 17, 90, 255}, {40, 20, 10, 128}}
	for _, f := range filters {
		for _, c := range colours {
			src := image.NewRGBA(image.Rect(0, 0, 53, 29))
			draw.Draw(src, src.Rect, image.NewUniform(c), image.Point{}, draw.Src)
			for _, sz := range [][2]int{{7, 5}, {100, 80}, {53, 3}} {
				out := Resize(src, sz[0], sz[1], f).(*image.RGBA)
				for i := 0; i < len(out.Pix); i += 4 {
					if got := (color.RGBA{out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3]}); got != c {
						t.Fatalf("%s %v → %v: pixel %d is %v", f.Name, c, sz, i/4, got)
					}
				}
			}
		}
	}
}

func TestIdentityIsExact(t *testing.T) {
	src := noisy(40, 30, 2)
	for _, f := range []Filter{Lanczos3, CatmullRom, Linear, Box} {
		out := Resize(src, 40, 30, f).(*image.RGBA)
		if d := maxDiff(t, out.Pix, src.Pix); d != 0 {
			t.Errorf("%s: same-size resize changed pixels by up to %d", f.Name, d)
		}
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	src := noisy(640, 480, 3)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	one := Resize(src, 213, 161, Lanczos3).(*image.RGBA)
	for _, n := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(n)
		got := Resize(src, 213, 161, Lanczos3).(*image.RGBA)
		if d := maxDiff(t, got.Pix, one.Pix); d != 0 {
			t.Errorf("GOMAXPROCS=%d differs from 1 worker by %d", n, d)
		}
	}
}

func TestSubImageOffset(t *testing.T) {
	src := noisy(100, 80, 4)
	sub := src.SubImage(image.Rect(13, 7, 77, 71)).(*image.RGBA)
	cp := image.NewRGBA(image.Rect(0, 0, 64, 64))
	draw.Draw(cp, cp.Rect, sub, sub.Rect.Min, draw.Src)
	a := Resize(sub, 20, 20, Lanczos3).(*image.RGBA)
	b := Resize(cp, 20, 20, Lanczos3).(*image.RGBA)
	if d := maxDiff(t, a.Pix, b.Pix); d != 0 {
		t.Errorf("sub-image and its copy differ by %d", d)
	}
}

func TestGray(t *testing.T) {
	src := noisy(90, 70, 5)
	g := image.NewGray(src.Rect)
	rgba := image.NewRGBA(src.Rect)
	for i := range g.Pix {
		v := src.Pix[i*4]
		g.Pix[i] = v
		rgba.Pix[i*4], rgba.Pix[i*4+1], rgba.Pix[i*4+2], rgba.Pix[i*4+3] = v, v, v, 255
	}
	out, ok := Resize(g, 31, 23, Mitchell).(*image.Gray)
	if !ok {
		t.Fatal("gray input did not give *image.Gray")
	}
	want := Resize(rgba, 31, 23, Mitchell).(*image.RGBA)
	for i, v := range out.Pix {
		if v != want.Pix[i*4] {
			t.Fatalf("pixel %d: gray %d, rgba %d", i, v, want.Pix[i*4])
		}
	}
}

// TestNRGBANoBleed: colour hidden under alpha 0 must not leak into visible neighbours,
// which is what resizing straight (non-premultiplied) values would do.
func TestNRGBANoBleed(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 40, 10))
	for y := 0; y < 10; y++ {
		for x := 0; x < 40; x++ {
			c := color.NRGBA{255, 0, 0, 0} // invisible red
			if x >= 20 {
				c = color.NRGBA{0, 0, 255, 255}
			}
			src.SetNRGBA(x, y, c)
		}
	}
	out := Resize(src, 13, 4, Lanczos3).(*image.RGBA)
	for i := 0; i < len(out.Pix); i += 4 {
		p := out.Pix[i : i+4]
		if p[0] != 0 || p[1] != 0 {
			t.Fatalf("pixel %d = %v: hidden red leaked", i/4, p)
		}
		if p[2] > p[3] {
			t.Fatalf("pixel %d = %v: not valid premultiplied", i/4, p)
		}
	}
}

func TestYCbCrMatchesRGBA(t *testing.T) {
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411} {
		// Chroma that varies slowly, as in photographs, so subsampling loses little.
		full := image.NewYCbCr(image.Rect(0, 0, 120, 90), ratio)
		for y := 0; y < 90; y++ {
			for x := 0; x < 120; x++ {
				full.Y[full.YOffset(x, y)] = uint8(x + y)
				ci := full.COffset(x, y)
				full.Cb[ci] = uint8(100 + x/3)
				full.Cr[ci] = uint8(150 - y/3)
			}
		}
		for _, r := range []image.Rectangle{full.Rect, image.Rect(5, 3, 101, 88)} {
			src := full.SubImage(r).(*image.YCbCr)
			rgba := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
			draw.Draw(rgba, rgba.Rect, src, r.Min, draw.Src)
			got := Resize(src, 37, 29, Lanczos3).(*image.RGBA)
			want := Resize(rgba, 37, 29, Lanczos3).(*image.RGBA)
			if d := maxDiff(t, got.Pix, want.Pix); d > 4 {
				t.Errorf("%v %v: YCbCr path differs from RGBA path by %d", ratio, r, d)
			}
		}
	}
}

func TestOtherTypesConverted(t *testing.T) {
	src := image.NewRGBA64(image.Rect(0, 0, 30, 30))
	draw.Draw(src, src.Rect, image.NewUniform(color.RGBA{10, 20, 30, 255}), image.Point{}, draw.Src)
	out := Resize(src, 10, 10, Lanczos3).(*image.RGBA)
	if got := out.RGBAAt(5, 5); got != (color.RGBA{10, 20, 30, 255}) {
		t.Errorf("RGBA64 input: got %v", got)
	}
}

func TestWeightsSumToOne(t *testing.T) {
	for _, f := range filters {
		for _, c := range [][2]int{{1000, 7}, {7, 1000}, {3, 2}, {1, 5}, {5, 1}, {4000, 1080}} {
			wt := makeWeights(c[0], c[1], float64(c[0])/float64(c[1]), 0, f)
			for i := 0; i < c[1]; i++ {
				sum := int32(0)
				for _, w := range wt.w[i*wt.stride : i*wt.stride+int(wt.count[i])] {
					sum += w
				}
				if sum != one {
					t.Fatalf("%s %v: output %d weights sum to %d", f.Name, c, i, sum)
				}
				if s, n := int(wt.start[i]), int(wt.count[i]); s < 0 || n < 1 || s+n > c[0] {
					t.Fatalf("%s %v: output %d reads [%d,%d) outside [0,%d)", f.Name, c, i, s, s+n, c[0])
				}
			}
		}
	}
}

func benchResize(b *testing.B, src image.Image, w, h int, f Filter) {
	px := float64(src.Bounds().Dx() * src.Bounds().Dy())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Resize(src, w, h, f)
	}
	b.ReportMetric(px*float64(b.N)/b.Elapsed().Seconds()/1e6, "MPix/s")
}

func BenchmarkRGBALanczos3(b *testing.B) { benchResize(b, noisy(3000, 2000, 1), 1080, 720, Lanczos3) }
func BenchmarkRGBAMitchell(b *testing.B) { benchResize(b, noisy(3000, 2000, 1), 1080, 720, Mitchell) }
func BenchmarkNRGBALanczos3(b *testing.B) {
	src := noisy(3000, 2000, 1)
	benchResize(b, &image.NRGBA{Pix: src.Pix, Stride: src.Stride, Rect: src.Rect}, 1080, 720, Lanczos3)
}
func BenchmarkGrayLanczos3(b *testing.B) {
	src := noisy(3000, 2000, 1)
	g := image.NewGray(src.Rect)
	for i := range g.Pix {
		g.Pix[i] = src.Pix[i*4]
	}
	benchResize(b, g, 1080, 720, Lanczos3)
}
func BenchmarkYCbCr420Lanczos3(b *testing.B) {
	src := image.NewYCbCr(image.Rect(0, 0, 3000, 2000), image.YCbCrSubsampleRatio420)
	rand.New(rand.NewSource(1)).Read(src.Y)
	benchResize(b, src, 1080, 720, Lanczos3)
}

// FuzzResize drives every source type through arbitrary sizes and sub-image origins.
func FuzzResize(f *testing.F) {
	f.Add(uint8(0), 7, 5, 3, 2, 1, 1, uint8(0))
	f.Add(uint8(3), 1, 1, 9, 9, 0, 0, uint8(1))
	f.Add(uint8(2), 31, 17, 4, 40, 3, 1, uint8(2))
	f.Fuzz(func(t *testing.T, kind uint8, sw, sh, dw, dh, ox, oy int, fi uint8) {
		clampDim := func(v, m int) int { return 1 + (v%m+m)%m }
		sw, sh, dw, dh = clampDim(sw, 64), clampDim(sh, 64), clampDim(dw, 96), clampDim(dh, 96)
		ox, oy = (ox%5+5)%5, (oy%5+5)%5
		full := image.Rect(0, 0, sw+ox, sh+oy)
		r := image.Rect(ox, oy, sw+ox, sh+oy)
		var src image.Image
		switch kind % 5 {
		case 0:
			src = noisy(full.Dx(), full.Dy(), int64(sw)).SubImage(r)
		case 1:
			n := noisy(full.Dx(), full.Dy(), int64(sw))
			src = (&image.NRGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}).SubImage(r)
		case 2:
			g := image.NewGray(full)
			rand.New(rand.NewSource(int64(sh))).Read(g.Pix)
			src = g.SubImage(r)
		case 3:
			y := image.NewYCbCr(full, image.YCbCrSubsampleRatio(int(kind/5)%6))
			rand.New(rand.NewSource(int64(sh))).Read(y.Y)
			src = y.SubImage(r)
		case 4:
			p := image.NewPaletted(full, color.Palette{color.Black, color.White})
			src = p.SubImage(r)
		}
		out := Resize(src, dw, dh, filters[int(fi)%len(filters)])
		if b := out.Bounds(); b != image.Rect(0, 0, dw, dh) {
			t.Fatalf("bounds %v, want %dx%d", b, dw, dh)
		}
	})
}
