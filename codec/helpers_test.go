package codec

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// nrgba64 returns the non-premultiplied 16-bit colour at (x, y).
func nrgba64(m image.Image, x, y int) color.NRGBA64 {
	return color.NRGBA64Model.Convert(m.At(x, y)).(color.NRGBA64)
}

// compareImages returns the largest channel difference (in 8-bit units) and the PSNR
// over premultiplied 8-bit RGBA. Colour under zero alpha is ignored, as it is invisible.
func compareImages(got, want image.Image) (maxDiff int, psnr float64, err error) {
	gb, wb := got.Bounds(), want.Bounds()
	if gb.Dx() != wb.Dx() || gb.Dy() != wb.Dy() {
		return 0, 0, fmt.Errorf("size %v, want %v", gb.Size(), wb.Size())
	}
	var se float64
	n := 0
	for y := 0; y < wb.Dy(); y++ {
		for x := 0; x < wb.Dx(); x++ {
			g := color.RGBAModel.Convert(got.At(gb.Min.X+x, gb.Min.Y+y)).(color.RGBA)
			w := color.RGBAModel.Convert(want.At(wb.Min.X+x, wb.Min.Y+y)).(color.RGBA)
			for _, d := range []int{int(g.R) - int(w.R), int(g.G) - int(w.G), int(g.B) - int(w.B), int(g.A) - int(w.A)} {
				if d < 0 {
					d = -d
				}
				maxDiff = max(maxDiff, d)
				se += float64(d * d)
				n++
			}
		}
	}
	if se == 0 {
		return maxDiff, math.Inf(1), nil
	}
	return maxDiff, 10 * math.Log10(255*255/(se/float64(n))), nil
}

// checkGolden compares img with testdata/golden/name.png within tol per channel;
// MAKE_REF=1 rewrites the golden file instead. On a mismatch it writes
// expected|actual|diff to testdata/failed/name.png.
func checkGolden(t *testing.T, name string, img image.Image, tol int) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if os.Getenv("MAKE_REF") == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (regenerate with MAKE_REF=1)", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := compareImages(img, want)
	if err != nil || d > tol {
		writeStrip(t, name, want, img)
		t.Errorf("%s: differs from golden: max channel diff %d > %d (%v)", name, d, tol, err)
	}
}

func writeStrip(t *testing.T, name string, want, got image.Image) {
	wb := want.Bounds()
	strip := image.NewNRGBA(image.Rect(0, 0, wb.Dx()*3, wb.Dy()))
	for y := 0; y < wb.Dy(); y++ {
		for x := 0; x < wb.Dx(); x++ {
			w := nrgba64(want, wb.Min.X+x, wb.Min.Y+y)
			g := w
			if image.Pt(x, y).In(got.Bounds().Sub(got.Bounds().Min)) {
				g = nrgba64(got, got.Bounds().Min.X+x, got.Bounds().Min.Y+y)
			}
			strip.Set(x, y, w)
			strip.Set(wb.Dx()+x, y, g)
			diff := func(a, b uint16) uint8 { return uint8(min(255, 8*int(math.Abs(float64(a)-float64(b)))/257)) }
			strip.Set(2*wb.Dx()+x, y, color.NRGBA{diff(w.R, g.R), diff(w.G, g.G), diff(w.B, g.B), 255})
		}
	}
	dir := filepath.Join("testdata", "failed")
	os.MkdirAll(dir, 0o755)
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Log(err)
		return
	}
	defer f.Close()
	png.Encode(f, strip)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
