package image

import (
	"bytes"
	"context"
	"errors"
	stdimage "image"
	"image/color"
	"image/draw"
	"io"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

func TestCompressSize(t *testing.T) {
	jpg := encode(t, photo(400, 300), codec.JPEG)
	cases := []struct {
		name    string
		opts    CompressOptions
		w, h    int
		rotated int // EXIF orientation to add, 0 = none
	}{
		{"width only", CompressOptions{CompressedWidth: 200}, 200, 150, 0},
		{"height only", CompressOptions{CompressedHeight: 60}, 80, 60, 0},
		{"both fit the box", CompressOptions{CompressedWidth: 100, CompressedHeight: 100}, 100, 75, 0},
		{"both, height binds", CompressOptions{CompressedWidth: 1000, CompressedHeight: 30}, 40, 30, 0},
		{"neither keeps size", CompressOptions{}, 400, 300, 0},
		{"no upscale", CompressOptions{CompressedWidth: 800}, 400, 300, 0},
		{"upscale asked", CompressOptions{CompressedWidth: 800, Upscale: true}, 800, 600, 0},
		{"shrink on load 1/8", CompressOptions{CompressedWidth: 37}, 37, 28, 0},
		{"orientation 6 swaps axes", CompressOptions{CompressedWidth: 150}, 150, 200, 6},
		{"orientation 3 keeps axes", CompressOptions{CompressedWidth: 200}, 200, 150, 3},
		{"mitchell", CompressOptions{CompressedWidth: 100, Output: Output{Filter: "mitchell"}}, 100, 75, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := jpg
			if c.rotated != 0 {
				in = withOrientation(jpg, c.rotated)
			}
			r, err := Compress(bytes.NewReader(in), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Width != c.w || r.Height != c.h || r.Format != codec.JPEG {
				t.Fatalf("got %s %dx%d, want jpeg %dx%d", r.Format, r.Width, r.Height, c.w, c.h)
			}
			decodeResult(t, r)
		})
	}
}

// TestCompressOrientationPixels: a marker in the stored top-left corner must end up
// where the orientation says (6 = rotate 90° clockwise: top-left goes to top-right).
func TestCompressOrientationPixels(t *testing.T) {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 160, 80))
	draw.Draw(m, m.Rect, image1(color.RGBA{0, 0, 255, 255}), stdimage.Point{}, draw.Src)
	draw.Draw(m, stdimage.Rect(0, 0, 40, 40), image1(color.RGBA{255, 0, 0, 255}), stdimage.Point{}, draw.Src)
	jpg := withOrientation(encode(t, m, codec.JPEG), 6)
	r, err := Compress(bytes.NewReader(jpg), CompressOptions{CompressedWidth: 40})
	if err != nil {
		t.Fatal(err)
	}
	img := decodeResult(t, r)
	if r.Width != 40 || r.Height != 80 {
		t.Fatalf("size %dx%d", r.Width, r.Height)
	}
	if c := rgbaAt(img, 35, 4); !near(c, color.RGBA{255, 0, 0, 255}, 40) {
		t.Errorf("top-right is %v, want red", c)
	}
	if c := rgbaAt(img, 4, 4); !near(c, color.RGBA{0, 0, 255, 255}, 40) {
		t.Errorf("top-left is %v, want blue", c)
	}
}

func image1(c color.Color) stdimage.Image { return stdimage.NewUniform(c) }

func TestCompressFormatRule(t *testing.T) {
	opaquePNG := encode(t, photo(64, 48), codec.PNG)
	alpha := stdimage.NewNRGBA(stdimage.Rect(0, 0, 64, 48))
	draw.Draw(alpha, alpha.Rect, image1(color.NRGBA{200, 100, 50, 128}), stdimage.Point{}, draw.Src)
	alphaPNG := encode(t, alpha, codec.PNG)
	alphaWebP := encode(t, alpha, codec.WebP)
	cases := []struct {
		name string
		in   []byte
		f    codec.Format
		want codec.Format
	}{
		{"opaque png becomes jpeg", opaquePNG, "", codec.JPEG},
		{"alpha png stays png", alphaPNG, "", codec.PNG},
		{"alpha webp stays webp", alphaWebP, "", codec.WebP},
		{"explicit webp", opaquePNG, codec.WebP, codec.WebP},
		{"explicit png", encode(t, photo(64, 48), codec.JPEG), codec.PNG, codec.PNG},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Compress(bytes.NewReader(c.in), CompressOptions{CompressedWidth: 32, Output: Output{Format: c.f}})
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != c.want {
				t.Fatalf("format %s, want %s", r.Format, c.want)
			}
			img := decodeResult(t, r)
			if c.want != codec.JPEG && c.in[0] != 0xFF && !bytes.Equal(c.in, opaquePNG) {
				// Alpha survives: 50% stays 50% (premultiplied 128 ± rounding).
				if a := rgbaAt(img, 10, 10).A; a < 120 || a > 136 {
					t.Errorf("alpha %d, want about 128", a)
				}
			}
		})
	}
}

func TestCompressQualityChangesSize(t *testing.T) {
	jpg := encode(t, photo(300, 200), codec.JPEG)
	lo, err := Compress(bytes.NewReader(jpg), CompressOptions{Output: Output{Quality: 10}})
	if err != nil {
		t.Fatal(err)
	}
	hi, err := Compress(bytes.NewReader(jpg), CompressOptions{Output: Output{Quality: 95}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lo.Data) >= len(hi.Data) {
		t.Errorf("quality 10 gave %d bytes, quality 95 %d", len(lo.Data), len(hi.Data))
	}
}

func TestBadInput(t *testing.T) {
	jpg := encode(t, photo(200, 100), codec.JPEG)
	cases := []struct {
		name  string
		run   func() error
		param string // ParamError.Param expected, "" when another error
		is    error
	}{
		{"quality too high", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{Output: Output{Quality: 101}})
			return err
		}, "quality", ErrInvalidParameter},
		{"negative width", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{CompressedWidth: -1})
			return err
		}, "compressedWidth", ErrInvalidParameter},
		{"huge height", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{CompressedHeight: 1 << 20})
			return err
		}, "compressedHeight", ErrInvalidParameter},
		{"upscale beyond pixel limit", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{CompressedWidth: 60000, Upscale: true})
			return err
		}, "compressedWidth", ErrInvalidParameter},
		{"bad format", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{Output: Output{Format: "gif"}})
			return err
		}, "format", ErrInvalidParameter},
		{"bad filter", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{Output: Output{Filter: "nearest"}})
			return err
		}, "filter", ErrInvalidParameter},
		{"over pixel limit", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{Limits: Limits{MaxPixels: 100}})
			return err
		}, "", ErrTooLarge},
		{"over byte limit", func() error {
			_, err := Compress(bytes.NewReader(jpg), CompressOptions{Limits: Limits{MaxInputBytes: 100}})
			return err
		}, "", ErrTooLarge},
		{"absurdly long strip", func() error {
			strip := encode(t, photo(8, 1), codec.PNG)
			copy(strip[16:24], []byte{0, 0x10, 0, 0, 0, 0, 0, 1}) // 1048576×1
			_, err := Compress(bytes.NewReader(strip), CompressOptions{CompressedWidth: 1})
			return err
		}, "", ErrTooLarge},
		{"truncated", func() error {
			_, err := Compress(bytes.NewReader(jpg[:len(jpg)/2]), CompressOptions{})
			return err
		}, "", codec.ErrCorrupt},
		{"not an image", func() error {
			_, err := Compress(strings.NewReader("hello world, not an image"), CompressOptions{})
			return err
		}, "", codec.ErrUnsupportedFormat},
		{"empty", func() error {
			_, err := Compress(strings.NewReader(""), CompressOptions{})
			return err
		}, "", codec.ErrUnsupportedFormat},
		{"nil src", func() error {
			_, err := Compress(nil, CompressOptions{})
			return err
		}, "src", ErrInvalidParameter},
		{"crop without scale or rect", func() error {
			_, err := Crop(bytes.NewReader(jpg), CropOptions{})
			return err
		}, "cropScale", ErrInvalidParameter},
		{"crop scale malformed", func() error {
			_, err := Crop(bytes.NewReader(jpg), CropOptions{Scale: "16x9"})
			return err
		}, "cropScale", ErrInvalidParameter},
		{"crop scale zero", func() error {
			_, err := Crop(bytes.NewReader(jpg), CropOptions{Scale: "0:1"})
			return err
		}, "cropScale", ErrInvalidParameter},
		{"crop rect outside", func() error {
			_, err := Crop(bytes.NewReader(jpg), CropOptions{Rect: &Rect{150, 0, 100, 50}})
			return err
		}, "rect", ErrInvalidParameter},
		{"crop rect wrong ratio", func() error {
			_, err := Crop(bytes.NewReader(jpg), CropOptions{Scale: "1:1", Rect: &Rect{0, 0, 100, 50}})
			return err
		}, "rect", ErrInvalidParameter},
		{"crop bad gravity", func() error {
			_, err := Crop(bytes.NewReader(jpg), CropOptions{Scale: "1:1", Gravity: "up"})
			return err
		}, "gravity", ErrInvalidParameter},
		{"edit unknown op", func() error {
			_, err := Edit(bytes.NewReader(jpg), EditOptions{Ops: []EditOp{{Op: "rotate", Degrees: 90}, {Op: "explode"}}})
			return err
		}, "ops[1].op", ErrInvalidParameter},
		{"edit rotate 45", func() error {
			_, err := Edit(bytes.NewReader(jpg), EditOptions{Ops: []EditOp{{Op: "rotate", Degrees: 45}}})
			return err
		}, "ops[0].degrees", ErrInvalidParameter},
		{"edit blur huge", func() error {
			_, err := Edit(bytes.NewReader(jpg), EditOptions{Ops: []EditOp{{Op: "blur", Sigma: 1e9}}})
			return err
		}, "ops[0].sigma", ErrInvalidParameter},
		{"edit brightness NaN", func() error {
			_, err := Edit(bytes.NewReader(jpg), EditOptions{Ops: []EditOp{{Op: "brightness", Value: nan()}}})
			return err
		}, "ops[0].value", ErrInvalidParameter},
		{"edit blur too costly for the size", func() error {
			big := encode(t, photo(2000, 1000), codec.JPEG)
			_, err := Edit(bytes.NewReader(big), EditOptions{Ops: []EditOp{{Op: "blur", Sigma: 90}}})
			return err
		}, "ops[0].sigma", ErrInvalidParameter},
		{"edit crop outside", func() error {
			_, err := Edit(bytes.NewReader(jpg), EditOptions{Ops: []EditOp{{Op: "crop", Rect: &Rect{0, 0, 201, 10}}}})
			return err
		}, "ops[0].rect", ErrInvalidParameter},
		{"edit resize beyond limit", func() error {
			_, err := Edit(bytes.NewReader(jpg), EditOptions{Limits: Limits{MaxPixels: 50000}, Ops: []EditOp{{Op: "resize", Width: 1000}}})
			return err
		}, "ops[0].width", ErrInvalidParameter},
		{"info of garbage", func() error {
			_, err := Info(strings.NewReader("GIF89a"))
			return err
		}, "", codec.ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, c.is) {
				t.Fatalf("error %q is not %v", err, c.is)
			}
			var pe *ParamError
			if c.param != "" && (!errors.As(err, &pe) || pe.Param != c.param) {
				t.Fatalf("error %q does not name parameter %s", err, c.param)
			}
			if c.param != "" && !strings.Contains(err.Error(), c.param) {
				t.Fatalf("message %q does not name %s", err, c.param)
			}
		})
	}
}

func nan() float64 { z := 0.0; return z / z }

// TestBombRefusedFromHeader: a PNG header claiming 100000×100000 fails with
// ErrTooLarge without reading further (the reader would fail if it were read on).
func TestBombRefusedFromHeader(t *testing.T) {
	small := encode(t, photo(8, 8), codec.PNG)
	// Rewrite IHDR's width and height (bytes 16..23); the size is checked before the
	// rest of the stream is looked at.
	bomb := append([]byte{}, small...)
	copy(bomb[16:24], []byte{0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0})
	_, err := Compress(bytes.NewReader(bomb), CompressOptions{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v", err)
	}
}

func TestCrop(t *testing.T) {
	// Quadrants of distinct colours so the crop's position is visible.
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 320, 180))
	quad := []color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}}
	for i, c := range quad {
		x, y := (i%2)*160, (i/2)*90
		draw.Draw(m, stdimage.Rect(x, y, x+160, y+90), image1(c), stdimage.Point{}, draw.Src)
	}
	png := encode(t, m, codec.PNG)
	cases := []struct {
		name       string
		opts       CropOptions
		w, h       int
		topLeft    color.RGBA
		bottomRght color.RGBA
	}{
		{"1:1 centred", CropOptions{Scale: "1:1"}, 180, 180, quad[0], quad[3]},
		{"3:4 west", CropOptions{Scale: "3:4", Gravity: GravityWest}, 135, 180, quad[0], quad[2]},
		{"3:4 east", CropOptions{Scale: "3:4", Gravity: GravityEast}, 135, 180, quad[1], quad[3]},
		{"16:3 north", CropOptions{Scale: "16:3", Gravity: GravityNorth}, 320, 60, quad[0], quad[1]},
		{"16:3 south", CropOptions{Scale: "16:3", Gravity: GravitySouth}, 320, 60, quad[2], quad[3]},
		{"1:2 southeast", CropOptions{Scale: "1:2", Gravity: GravitySouthEast}, 90, 180, quad[1], quad[3]},
		{"16:9 whole", CropOptions{Scale: "16:9"}, 320, 180, quad[0], quad[3]},
		{"9:16", CropOptions{Scale: "9:16"}, 101, 180, quad[0], quad[3]},
		{"4:3", CropOptions{Scale: "4:3"}, 240, 180, quad[0], quad[3]},
		{"3:4", CropOptions{Scale: "3:4"}, 135, 180, quad[0], quad[3]},
		{"5:4", CropOptions{Scale: "5:4"}, 225, 180, quad[0], quad[3]},
		{"4:5", CropOptions{Scale: "4:5"}, 144, 180, quad[0], quad[3]},
		{"any ratio 2.35:1", CropOptions{Scale: "2.35:1"}, 320, 136, quad[0], quad[3]},
		{"rect", CropOptions{Rect: &Rect{170, 100, 100, 50}}, 100, 50, quad[3], quad[3]},
		{"rect with matching scale", CropOptions{Scale: "2:1", Rect: &Rect{0, 0, 100, 50}}, 100, 50, quad[0], quad[0]},
		{"crop then resize", CropOptions{Scale: "1:1", Width: 90}, 90, 90, quad[0], quad[3]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Format = codec.PNG
			r, err := Crop(bytes.NewReader(png), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Width != c.w || r.Height != c.h {
				t.Fatalf("size %dx%d, want %dx%d", r.Width, r.Height, c.w, c.h)
			}
			img := decodeResult(t, r)
			if got := rgbaAt(img, 1, 1); !near(got, c.topLeft, 2) {
				t.Errorf("top-left %v, want %v", got, c.topLeft)
			}
			if got := rgbaAt(img, c.w-2, c.h-2); !near(got, c.bottomRght, 2) {
				t.Errorf("bottom-right %v, want %v", got, c.bottomRght)
			}
		})
	}
}

// TestCropOrientation: the crop rectangle is in upright coordinates.
func TestCropOrientation(t *testing.T) {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 200, 100))
	draw.Draw(m, m.Rect, image1(color.RGBA{0, 0, 255, 255}), stdimage.Point{}, draw.Src)
	draw.Draw(m, stdimage.Rect(0, 0, 50, 50), image1(color.RGBA{255, 0, 0, 255}), stdimage.Point{}, draw.Src)
	jpg := withOrientation(encode(t, m, codec.JPEG), 6) // upright: 100×200, red at top-right
	r, err := Crop(bytes.NewReader(jpg), CropOptions{Rect: &Rect{50, 0, 50, 50}})
	if err != nil {
		t.Fatal(err)
	}
	img := decodeResult(t, r)
	if c := rgbaAt(img, 25, 25); !near(c, color.RGBA{255, 0, 0, 255}, 40) {
		t.Errorf("centre of the crop is %v, want red", c)
	}
}

func TestCropAttention(t *testing.T) {
	// A flat sky with one detailed, colourful object near the right edge.
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 640, 360))
	draw.Draw(m, m.Rect, image1(color.RGBA{120, 130, 140, 255}), stdimage.Point{}, draw.Src)
	for y := 150; y < 230; y++ {
		for x := 520; x < 600; x++ {
			if (x/4+y/4)%2 == 0 {
				m.SetRGBA(x, y, color.RGBA{230, 40, 30, 255})
			} else {
				m.SetRGBA(x, y, color.RGBA{20, 200, 40, 255})
			}
		}
	}
	png := encode(t, m, codec.PNG)
	r, err := Crop(bytes.NewReader(png), CropOptions{Scale: "1:1", Gravity: GravityAttention, Output: Output{Format: codec.PNG}})
	if err != nil {
		t.Fatal(err)
	}
	img := decodeResult(t, r)
	// The crop is 360 wide; the object (x 520..600) must be inside it, i.e. the crop
	// starts at x >= 240. Find the object in the output.
	found := false
	for x := 0; x < r.Width && !found; x++ {
		if c := rgbaAt(img, x, 190); c.R > 200 && c.G < 80 {
			found = true
		}
	}
	if !found {
		t.Fatal("attention crop lost the salient object")
	}
	// A featureless image crops at the centre like GravityCentre.
	flat := stdimage.NewRGBA(stdimage.Rect(0, 0, 300, 100))
	draw.Draw(flat, flat.Rect, image1(color.RGBA{50, 50, 50, 255}), stdimage.Point{}, draw.Src)
	if got := attentionRect(flat, 100, 100); got != (Rect{100, 0, 100, 100}) {
		t.Errorf("flat image: %v, want the centre", got)
	}
}

func TestInfo(t *testing.T) {
	jpg := encode(t, photo(120, 80), codec.JPEG)
	cases := []struct {
		name string
		in   []byte
		want ImageInfo
	}{
		{"jpeg up", jpg, ImageInfo{120, 80, "jpeg", "up", false, 1}},
		{"jpeg right", withOrientation(jpg, 6), ImageInfo{120, 80, "jpeg", "right", false, 1}},
		{"jpeg left-mirrored", withOrientation(jpg, 5), ImageInfo{120, 80, "jpeg", "left-mirrored", false, 1}},
		{"png", encode(t, photo(30, 20), codec.PNG), ImageInfo{30, 20, "png", "up", false, 1}},
		{"gif", encode(t, photo(30, 20), codec.GIF), ImageInfo{30, 20, "gif", "up", false, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Info(bytes.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

// TestInfoReadsHeadersOnly: Info answers for an image far over any decode limit.
func TestInfoReadsHeadersOnly(t *testing.T) {
	small := encode(t, photo(8, 8), codec.JPEG)
	r := io.MultiReader(bytes.NewReader(small[:len(small)/2]), failingReader{})
	if _, err := Info(r); err != nil && strings.Contains(err.Error(), "boom") {
		t.Fatalf("Info read past the headers: %v", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestEdit(t *testing.T) {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 60, 40))
	draw.Draw(m, m.Rect, image1(color.RGBA{40, 120, 200, 255}), stdimage.Point{}, draw.Src)
	draw.Draw(m, stdimage.Rect(0, 0, 10, 10), image1(color.RGBA{250, 250, 250, 255}), stdimage.Point{}, draw.Src)
	png := encode(t, m, codec.PNG)
	cases := []struct {
		name string
		ops  []EditOp
		w, h int
		x, y int // where to sample
		want color.RGBA
		tol  int
	}{
		{"no ops", nil, 60, 40, 30, 30, color.RGBA{40, 120, 200, 255}, 0},
		{"rotate 90 moves the corner right", []EditOp{{Op: "rotate", Degrees: 90}}, 40, 60, 35, 5, color.RGBA{250, 250, 250, 255}, 0},
		{"rotate 270", []EditOp{{Op: "rotate", Degrees: 270}}, 40, 60, 5, 55, color.RGBA{250, 250, 250, 255}, 0},
		{"rotate 180", []EditOp{{Op: "rotate", Degrees: 180}}, 60, 40, 55, 35, color.RGBA{250, 250, 250, 255}, 0},
		{"flip horizontal", []EditOp{{Op: "flip", Direction: "horizontal"}}, 60, 40, 55, 5, color.RGBA{250, 250, 250, 255}, 0},
		{"flip vertical", []EditOp{{Op: "flip", Direction: "vertical"}}, 60, 40, 5, 35, color.RGBA{250, 250, 250, 255}, 0},
		{"brightness 0 is black", []EditOp{{Op: "brightness", Value: 0}}, 60, 40, 30, 30, color.RGBA{0, 0, 0, 255}, 0},
		{"brightness 0.5 halves", []EditOp{{Op: "brightness", Value: 0.5}}, 60, 40, 30, 30, color.RGBA{20, 60, 100, 255}, 1},
		{"contrast 0 is grey", []EditOp{{Op: "contrast", Value: 0}}, 60, 40, 30, 30, color.RGBA{128, 128, 128, 255}, 1},
		{"contrast 2 spreads", []EditOp{{Op: "contrast", Value: 2}}, 60, 40, 30, 30, color.RGBA{0, 112, 255, 255}, 1},
		{"saturation 0 is grey", []EditOp{{Op: "saturation", Value: 0}}, 60, 40, 30, 30, color.RGBA{109, 109, 109, 255}, 1},
		{"saturation 1 unchanged", []EditOp{{Op: "saturation", Value: 1}}, 60, 40, 30, 30, color.RGBA{40, 120, 200, 255}, 1},
		{"blur keeps flat areas", []EditOp{{Op: "blur", Sigma: 2}}, 60, 40, 40, 30, color.RGBA{40, 120, 200, 255}, 0},
		{"blur softens the corner", []EditOp{{Op: "blur", Sigma: 3}}, 60, 40, 10, 10, color.RGBA{92, 154, 214, 255}, 25},
		{"sharpen keeps flat areas", []EditOp{{Op: "sharpen"}}, 60, 40, 40, 30, color.RGBA{40, 120, 200, 255}, 0},
		{"resize", []EditOp{{Op: "resize", Width: 30}}, 30, 20, 20, 15, color.RGBA{40, 120, 200, 255}, 1},
		{"crop then rotate", []EditOp{{Op: "crop", Rect: &Rect{0, 0, 20, 10}}, {Op: "rotate", Degrees: 90}}, 10, 20, 5, 5, color.RGBA{250, 250, 250, 255}, 0},
		{"crop by scale", []EditOp{{Op: "crop", Scale: "1:1", Gravity: GravityWest}}, 40, 40, 5, 5, color.RGBA{250, 250, 250, 255}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Edit(bytes.NewReader(png), EditOptions{Ops: c.ops, Output: Output{Format: codec.PNG}})
			if err != nil {
				t.Fatal(err)
			}
			if r.Width != c.w || r.Height != c.h {
				t.Fatalf("size %dx%d, want %dx%d", r.Width, r.Height, c.w, c.h)
			}
			img := decodeResult(t, r)
			if got := rgbaAt(img, c.x, c.y); !near(got, c.want, c.tol) {
				t.Errorf("pixel (%d,%d) = %v, want %v ±%d", c.x, c.y, got, c.want, c.tol)
			}
		})
	}
}

// TestSharpenRaisesEdgeContrast checks the unsharp mask does sharpen: the step
// between the two halves overshoots on both sides.
func TestSharpenRaisesEdgeContrast(t *testing.T) {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 40, 10))
	draw.Draw(m, m.Rect, image1(color.RGBA{80, 80, 80, 255}), stdimage.Point{}, draw.Src)
	draw.Draw(m, stdimage.Rect(20, 0, 40, 10), image1(color.RGBA{160, 160, 160, 255}), stdimage.Point{}, draw.Src)
	if err := sharpen(context.Background(), m, 1, 1); err != nil {
		t.Fatal(err)
	}
	if l, r := m.RGBAAt(19, 5).R, m.RGBAAt(20, 5).R; l >= 80 || r <= 160 {
		t.Errorf("edge %d|%d: no overshoot", l, r)
	}
}

func TestParseCropScale(t *testing.T) {
	cases := []struct {
		in   string
		w, h float64
		ok   bool
	}{
		{"16:9", 16, 9, true}, {"9:16", 9, 16, true}, {"1:1", 1, 1, true}, {" 4 : 3 ", 4, 3, true},
		{"1.91:1", 1.91, 1, true}, {"16/9", 0, 0, false}, {"16:", 0, 0, false}, {":9", 0, 0, false},
		{"-1:1", 0, 0, false}, {"0:0", 0, 0, false}, {"NaN:1", 0, 0, false}, {"Inf:1", 0, 0, false},
		{"1e9:1", 0, 0, false}, {"", 0, 0, false}, {"1:2:3", 0, 0, false},
	}
	for _, c := range cases {
		w, h, err := ParseCropScale(c.in)
		if (err == nil) != c.ok || (c.ok && (w != c.w || h != c.h)) {
			t.Errorf("ParseCropScale(%q) = %v, %v, %v", c.in, w, h, err)
		}
		if err != nil && !errors.Is(err, ErrInvalidParameter) {
			t.Errorf("ParseCropScale(%q) error %v is not ErrInvalidParameter", c.in, err)
		}
	}
}

func TestFitSize(t *testing.T) {
	cases := []struct{ w, h, tw, th, ow, oh int }{
		{4000, 3000, 1080, 0, 1080, 810},
		{3000, 4000, 1080, 0, 1080, 1440},
		{4000, 3000, 0, 1080, 1440, 1080},
		{4000, 3000, 1080, 1080, 1080, 810},
		{1, 10000, 100, 0, 1, 10000},
		{10000, 1, 0, 100, 10000, 1},
		{10000, 1, 10, 0, 10, 1},
	}
	for _, c := range cases {
		if ow, oh := fitSize(c.w, c.h, c.tw, c.th, false); ow != c.ow || oh != c.oh {
			t.Errorf("fitSize(%d,%d,%d,%d) = %d,%d want %d,%d", c.w, c.h, c.tw, c.th, ow, oh, c.ow, c.oh)
		}
	}
}

// TestCropShrinkOnLoad: a resized crop of a large JPEG decodes at reduced size and
// must still cut the same region.
func TestCropShrinkOnLoad(t *testing.T) {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, 1600, 900))
	quad := []color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}}
	for i, c := range quad {
		x, y := (i%2)*800, (i/2)*450
		draw.Draw(m, stdimage.Rect(x, y, x+800, y+450), image1(c), stdimage.Point{}, draw.Src)
	}
	jpg := encode(t, m, codec.JPEG)
	cases := []struct {
		name   string
		opts   CropOptions
		w, h   int
		tl, br color.RGBA
	}{
		{"3:4 east to 90 wide", CropOptions{Scale: "3:4", Gravity: GravityEast, Width: 90}, 90, 120, quad[1], quad[3]},
		{"rect in the last quadrant", CropOptions{Rect: &Rect{900, 500, 600, 300}, Width: 60}, 60, 30, quad[3], quad[3]},
		{"attention keeps the size", CropOptions{Scale: "1:1", Gravity: GravityAttention, Height: 50}, 50, 50, quad[0], quad[3]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Crop(bytes.NewReader(jpg), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Width != c.w || r.Height != c.h {
				t.Fatalf("size %dx%d, want %dx%d", r.Width, r.Height, c.w, c.h)
			}
			img := decodeResult(t, r)
			if got := rgbaAt(img, 2, 2); !near(got, c.tl, 40) {
				t.Errorf("top-left %v, want %v", got, c.tl)
			}
			if got := rgbaAt(img, c.w-3, c.h-3); !near(got, c.br, 40) {
				t.Errorf("bottom-right %v, want %v", got, c.br)
			}
		})
	}
}

// TestMetadataStripped: EXIF (here an orientation) does not reach the output; the
// orientation is in the pixels instead, so the output must not carry it again.
func TestMetadataStripped(t *testing.T) {
	jpg := withOrientation(encode(t, photo(64, 32), codec.JPEG), 6)
	for _, f := range []codec.Format{codec.JPEG, codec.PNG, codec.WebP} {
		r, err := Compress(bytes.NewReader(jpg), CompressOptions{Output: Output{Format: f}})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(r.Data, []byte("Exif\x00\x00")) || bytes.Contains(r.Data, []byte("eXIf")) {
			t.Errorf("%s output carries EXIF", f)
		}
		info, err := Info(bytes.NewReader(r.Data))
		if err != nil {
			t.Fatal(err)
		}
		if info.Orientation != "up" || info.Width != 32 || info.Height != 64 {
			t.Errorf("%s output: %+v, want upright 32x64", f, info)
		}
	}
}
