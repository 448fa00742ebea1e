package codec

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"testing"
)

// TestDecodeRegion: for every orientation the region is the same picture that
// decoding everything, turning it upright and cutting gives, with bounds at the origin.
func TestDecodeRegion(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, blockyPhoto(301, 187), JPEG, EncodeOptions{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	colour := buf.Bytes()
	buf = bytes.Buffer{}
	if err := Encode(&buf, blockyPhoto(301, 187), JPEG, EncodeOptions{Quality: 90, Subsampling: Subsampling444, Progressive: true}); err != nil {
		t.Fatal(err)
	}
	progressive := buf.Bytes()
	files := []struct {
		name string
		data []byte
	}{
		{"420", colour},
		{"444 progressive", progressive},
		{"gray", readFixture(t, "jpeg_gray.jpg")},
		{"cmyk (full decode)", readFixture(t, "jpeg_cmyk.jpg")},
		{"png (full decode)", readFixture(t, "png_rgb8.png")},
	}
	for _, f := range files {
		cfg, err := DecodeConfig(bytes.NewReader(f.data))
		if err != nil {
			t.Fatal(err)
		}
		full, _, err := Decode(bytes.NewReader(f.data), DecodeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for o := Orientation(1); o <= 8; o++ {
			uw, uh := cfg.Width, cfg.Height
			if o.SwapsAxes() {
				uw, uh = uh, uw
			}
			upright := ApplyOrientation(full, o)
			for _, r := range []image.Rectangle{
				image.Rect(0, 0, uw, uh),
				image.Rect(3, 5, uw-7, uh-2),
				image.Rect(uw/2, uh/3, min(uw, uw/2+9), uh/3+1),
				image.Rect(uw-1, uh-1, uw, uh),
			} {
				t.Run(fmt.Sprintf("%s orientation %d %v", f.name, o, r), func(t *testing.T) {
					got, gcfg, err := DecodeRegion(f.data, r, o, DecodeOptions{})
					if err != nil {
						t.Fatal(err)
					}
					if gcfg != cfg {
						t.Errorf("config %+v, want %+v", gcfg, cfg)
					}
					if b := got.Bounds(); b != image.Rect(0, 0, r.Dx(), r.Dy()) {
						t.Fatalf("bounds %v, want %v at the origin", b, r.Size())
					}
					want := subImage(upright, r.Add(upright.Bounds().Min))
					// Fancy upsampling at the iMCU column the decoder starts from may
					// round a chroma sample differently; nothing more.
					maxDiff, _, err := compareImages(got, want)
					if err != nil {
						t.Fatal(err)
					}
					if maxDiff > 2 {
						t.Errorf("differs from the full decode by up to %d", maxDiff)
					}
				})
			}
		}
	}
}

func TestDecodeRegionErrors(t *testing.T) {
	photo := encodedPhoto(t, 64, 48, EncodeOptions{})
	for _, c := range []struct {
		name string
		data []byte
		r    image.Rectangle
		o    Orientation
		opts DecodeOptions
		want error // nil: any error
	}{
		{"outside", photo, image.Rect(60, 0, 65, 5), 1, DecodeOptions{}, nil},
		{"outside once turned", photo, image.Rect(0, 0, 64, 5), 6, DecodeOptions{}, nil},
		{"empty", photo, image.Rect(3, 3, 3, 9), 1, DecodeOptions{}, nil},
		{"over the limit", photo, image.Rect(0, 0, 4, 4), 1, DecodeOptions{MaxPixels: 100}, ErrTooLarge},
		{"not an image", []byte("hello"), image.Rect(0, 0, 1, 1), 1, DecodeOptions{}, ErrUnsupportedFormat},
		{"no end marker", readFixture(t, "jpeg_no_eoi.jpg"), image.Rect(0, 0, 4, 4), 1, DecodeOptions{}, ErrCorrupt},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := DecodeRegion(c.data, c.r, c.o, c.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
		})
	}
}
