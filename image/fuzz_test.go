package image

import (
	"bytes"
	"errors"
	stdimage "image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// fuzzLimits keeps each fuzz input cheap: a mutated header can claim any size.
var fuzzLimits = Limits{MaxPixels: 1 << 18, MaxInputBytes: 1 << 20}

func seedImages(f *testing.F) [][]byte {
	small := photo(24, 16)
	alpha := stdimage.NewNRGBA(stdimage.Rect(0, 0, 9, 7))
	draw.Draw(alpha, alpha.Rect, stdimage.NewUniform(color.NRGBA{1, 2, 3, 100}), stdimage.Point{}, draw.Src)
	jpg := encode(f, small, codec.JPEG)
	return [][]byte{
		jpg,
		withOrientation(jpg, 6),
		encode(f, small, codec.PNG),
		encode(f, alpha, codec.PNG),
		encode(f, small, codec.GIF),
		encode(f, alpha, codec.WebP),
		encode(f, small, codec.BMP),
		jpg[:len(jpg)/2],
		[]byte("not an image"),
		{},
	}
}

// checkErr fails on errors outside the documented families.
func checkErr(t *testing.T, err error) {
	if err == nil {
		return
	}
	for _, e := range []error{ErrInvalidParameter, ErrTooLarge, codec.ErrCorrupt, codec.ErrUnsupportedFormat} {
		if errors.Is(err, e) {
			return
		}
	}
	t.Fatalf("undocumented error: %v", err)
}

func FuzzCompress(f *testing.F) {
	for i, s := range seedImages(f) {
		f.Add(s, 80, i*7, 0, "")
	}
	f.Add(seedImages(f)[0], 101, -1, 5, "gif")
	f.Fuzz(func(t *testing.T, data []byte, q, w, h int, format string) {
		r, err := Compress(bytes.NewReader(data), CompressOptions{
			Output: Output{Quality: q, Format: codec.Format(format)}, Limits: fuzzLimits,
			CompressedWidth: w % 2048, CompressedHeight: h % 2048,
		})
		checkErr(t, err)
		if err == nil && (r.Width <= 0 || r.Height <= 0 || len(r.Data) == 0) {
			t.Fatalf("empty result %+v", r)
		}
	})
}

func FuzzCrop(f *testing.F) {
	for _, s := range seedImages(f) {
		f.Add(s, "16:9", 0, 0, 0, 0, "centre")
	}
	f.Add(seedImages(f)[0], "", 1, 2, 10, 5, "")
	f.Add(seedImages(f)[0], "2:1", 0, 0, 10, 5, "attention")
	f.Fuzz(func(t *testing.T, data []byte, scale string, x, y, w, h int, gravity string) {
		opts := CropOptions{Scale: scale, Gravity: Gravity(gravity), Limits: fuzzLimits}
		if w != 0 || h != 0 {
			opts.Rect = &Rect{x, y, w, h}
		}
		r, err := Crop(bytes.NewReader(data), opts)
		checkErr(t, err)
		if err == nil && opts.Rect != nil && (r.Width != w || r.Height != h) {
			t.Fatalf("rect %dx%d gave %dx%d", w, h, r.Width, r.Height)
		}
	})
}

func FuzzEdit(f *testing.F) {
	for _, s := range seedImages(f) {
		f.Add(s, "rotate", 90, 0.0, 0.0)
	}
	for _, op := range []string{"flip", "brightness", "contrast", "saturation", "blur", "sharpen", "resize", "crop"} {
		f.Add(seedImages(f)[0], op, 3, 1.5, 2.0)
	}
	f.Fuzz(func(t *testing.T, data []byte, op string, n int, v, sigma float64) {
		e := EditOp{Op: op, Degrees: n, Direction: "vertical", Width: n % 300, Value: v, Sigma: sigma, Scale: "1:1"}
		if n%2 == 0 {
			e.Direction = "horizontal"
		}
		_, err := Edit(bytes.NewReader(data), EditOptions{Ops: []EditOp{e}, Limits: fuzzLimits})
		checkErr(t, err)
	})
}

func FuzzInfo(f *testing.F) {
	for _, s := range seedImages(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Info(bytes.NewReader(data))
		checkErr(t, err)
		if err == nil && (info.Width <= 0 || info.Height <= 0 || info.Type == "") {
			t.Fatalf("implausible info %+v", info)
		}
	})
}

func FuzzParseCropScale(f *testing.F) {
	for _, s := range []string{"16:9", "1.91:1", "0:1", ":", "1e400:1", "-0:-0", "9:16 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, h, err := ParseCropScale(s)
		if err != nil {
			checkErr(t, err)
			return
		}
		if !(w > 0 && h > 0 && w <= maxRatio && h <= maxRatio) {
			t.Fatalf("%q accepted as %v:%v", s, w, h)
		}
		// Any accepted ratio gives a non-empty rectangle inside any image.
		cw, ch := ratioSize(7, 3, w, h)
		if cw < 1 || ch < 1 || cw > 7 || ch > 3 {
			t.Fatalf("%q: rectangle %dx%d in 7x3", s, cw, ch)
		}
	})
}
