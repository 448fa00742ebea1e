package codec

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/seed92233726/mediad/codec/internal/testimg"
)

// cropReference is what CropJPEG stands in for: decode everything, take the
// rectangle, encode it.
func cropReference(t *testing.T, data []byte, r image.Rectangle, enc EncodeOptions) image.Image {
	t.Helper()
	img, _, err := Decode(bytes.NewReader(data), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sub := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)
	var buf bytes.Buffer
	if err := Encode(&buf, sub, JPEG, enc); err != nil {
		t.Fatal(err)
	}
	out, _, err := Decode(&buf, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func encodedPhoto(t *testing.T, w, h int, opts EncodeOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, testimg.Photo(w, h), JPEG, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCropJPEG(t *testing.T) {
	photo420 := encodedPhoto(t, 333, 251, EncodeOptions{Quality: 90})
	photo444 := encodedPhoto(t, 333, 251, EncodeOptions{Quality: 90, Subsampling: Subsampling444})
	photo422 := encodedPhoto(t, 333, 251, EncodeOptions{Quality: 90, Subsampling: Subsampling422})
	photoProg := encodedPhoto(t, 333, 251, EncodeOptions{Quality: 90, Progressive: true})
	cases := []struct {
		name string
		data []byte
		r    image.Rectangle
		enc  EncodeOptions
	}{
		{"420 whole image", photo420, image.Rect(0, 0, 333, 251), EncodeOptions{Quality: 95}},
		// Offsets that are not on an MCU boundary: the row must be shifted inside
		// the iMCU columns the decoder keeps.
		{"420 odd offset", photo420, image.Rect(37, 21, 37+201, 21+113), EncodeOptions{Quality: 95}},
		{"420 bottom right corner", photo420, image.Rect(300, 240, 333, 251), EncodeOptions{Quality: 95}},
		{"420 single pixel", photo420, image.Rect(17, 250, 18, 251), EncodeOptions{Quality: 95}},
		{"420 to 444 output", photo420, image.Rect(9, 9, 300, 200), EncodeOptions{Quality: 95, Subsampling: Subsampling444}},
		{"444 input", photo444, image.Rect(5, 3, 205, 203), EncodeOptions{Quality: 95}},
		{"422 input to 422", photo422, image.Rect(15, 31, 315, 231), EncodeOptions{Quality: 95, Subsampling: Subsampling422}},
		{"progressive input and output", photoProg, image.Rect(64, 40, 264, 200), EncodeOptions{Quality: 95, Progressive: true}},
		{"fixture baseline", readFixture(t, "jpeg_baseline.jpg"), image.Rect(3, 5, 30, 21), EncodeOptions{Quality: 95}},
		{"fixture restart markers", readFixture(t, "jpeg_restart.jpg"), image.Rect(9, 10, 37, 23), EncodeOptions{Quality: 95}},
		{"fixture gray", readFixture(t, "jpeg_gray.jpg"), image.Rect(1, 2, 30, 20), EncodeOptions{Quality: 95}},
		// CMYK and YCCK cannot stay in their colour space: they take the full decode.
		{"fixture cmyk", readFixture(t, "jpeg_cmyk.jpg"), image.Rect(2, 2, 20, 20), EncodeOptions{Quality: 95}},
		{"fixture ycck", readFixture(t, "jpeg_ycck.jpg"), image.Rect(2, 2, 20, 20), EncodeOptions{Quality: 95}},
		{"fixture trailing junk", readFixture(t, "jpeg_trailing_junk.jpg"), image.Rect(0, 0, 16, 16), EncodeOptions{Quality: 95}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := CropJPEG(&buf, c.data, c.r, 1, DecodeOptions{}, c.enc); err != nil {
				t.Fatal(err)
			}
			got, cfg, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != c.r.Dx() || cfg.Height != c.r.Dy() {
				t.Fatalf("output %dx%d, want %v", cfg.Width, cfg.Height, c.r.Size())
			}
			// Both ways re-encode once; they differ only by the RGB round trip the
			// reference makes, so the pictures must be nearly identical.
			want := cropReference(t, c.data, c.r, c.enc)
			maxDiff, psnr, err := compareImages(got, want)
			if err != nil {
				t.Fatal(err)
			}
			// (A PSNR over a handful of pixels says little; the bound on the largest
			// difference covers those.)
			if (c.r.Dx()*c.r.Dy() >= 256 && psnr < 40) || maxDiff > 12 {
				t.Errorf("against decode+crop+encode: PSNR %.1f dB, max difference %d (want >= 40 dB, <= 12)", psnr, maxDiff)
			}
			// And against the source pixels themselves, at this quality.
			src, _, err := Decode(bytes.NewReader(c.data), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			_, psnr, _ = compareImages(got, src.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(c.r))
			if psnr < 30 {
				t.Errorf("against the source region: PSNR %.1f dB, want >= 30", psnr)
			}
		})
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestCropJPEGErrors(t *testing.T) {
	photo := encodedPhoto(t, 64, 48, EncodeOptions{})
	png := readFixture(t, "png_rgb8.png")
	diskFull := errors.New("disk full")
	cases := []struct {
		name string
		data []byte
		r    image.Rectangle
		dec  DecodeOptions
		w    interface{ Write([]byte) (int, error) }
		want error // nil: any error
	}{
		{"not a JPEG", png, image.Rect(0, 0, 4, 4), DecodeOptions{}, &bytes.Buffer{}, ErrUnsupportedFormat},
		{"empty", nil, image.Rect(0, 0, 4, 4), DecodeOptions{}, &bytes.Buffer{}, ErrUnsupportedFormat},
		{"over the pixel limit", photo, image.Rect(0, 0, 4, 4), DecodeOptions{MaxPixels: 1000}, &bytes.Buffer{}, ErrTooLarge},
		{"rectangle outside", photo, image.Rect(60, 0, 70, 10), DecodeOptions{}, &bytes.Buffer{}, nil},
		{"empty rectangle", photo, image.Rect(5, 5, 5, 9), DecodeOptions{}, &bytes.Buffer{}, nil},
		{"no end marker", readFixture(t, "jpeg_no_eoi.jpg"), image.Rect(0, 0, 4, 4), DecodeOptions{}, &bytes.Buffer{}, ErrCorrupt},
		{"progressive without end marker", readFixture(t, "jpeg_progressive_no_eoi.jpg"), image.Rect(0, 0, 4, 4), DecodeOptions{}, &bytes.Buffer{}, ErrCorrupt},
		{"writer fails", photo, image.Rect(0, 0, 32, 32), DecodeOptions{}, failingWriter{diskFull}, diskFull},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CropJPEG(c.w, c.data, c.r, 1, c.dec, EncodeOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
		})
	}
	// A file cut inside the scan data (an end marker appended) fails once the crop
	// reaches the missing rows.
	cut := readFixture(t, "jpeg_cut_with_eoi.jpg")
	cfg, err := DecodeConfig(bytes.NewReader(cut))
	if err != nil {
		t.Fatal(err)
	}
	if err := CropJPEG(&bytes.Buffer{}, cut, image.Rect(0, 0, cfg.Width, cfg.Height), 1, DecodeOptions{}, EncodeOptions{}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("cut file: %v, want ErrCorrupt", err)
	}
}

// blockyPhoto is testimg.Photo under 5×5 blocks of random brightness: sharp edges off
// the 8×8 grid, so a region turned the wrong way or one pixel off shows.
func blockyPhoto(w, h int) *image.RGBA {
	m := testimg.Photo(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			d := int(uint32((x/5)*7919+(y/5)*104729)*2654435761>>24) / 3
			i := m.PixOffset(x, y)
			for c := 0; c < 3; c++ {
				m.Pix[i+c] = uint8(min(255, int(m.Pix[i+c])/2+d))
			}
		}
	}
	return m
}

// TestCropJPEGOrientation: for every EXIF orientation the rectangle is taken from the
// upright picture and the output is upright, exactly as decoding, ApplyOrientation,
// SubImage and Encode make it.
func TestCropJPEGOrientation(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, blockyPhoto(301, 187), JPEG, EncodeOptions{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	colour := buf.Bytes()
	gray := readFixture(t, "jpeg_gray.jpg") // 37×23
	cmyk := readFixture(t, "jpeg_cmyk.jpg") // takes the full decode
	for o := Orientation(1); o <= 8; o++ {
		uw, uh := 301, 187
		if o.SwapsAxes() {
			uw, uh = uh, uw
		}
		cases := []struct {
			name string
			data []byte
			r    image.Rectangle
		}{
			{"whole", colour, image.Rect(0, 0, uw, uh)},
			{"inner", colour, image.Rect(13, 29, uw-41, uh-7)},
			{"top left corner", colour, image.Rect(0, 0, 50, 33)},
			{"one column", colour, image.Rect(uw-1, 3, uw, 120)},
			{"gray", gray, image.Rect(2, 3, 19, 20)},
			{"cmyk", cmyk, image.Rect(1, 2, 19, 20)},
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("orientation %d %s", o, c.name), func(t *testing.T) {
				var out bytes.Buffer
				if err := CropJPEG(&out, c.data, c.r, o, DecodeOptions{}, EncodeOptions{Quality: 95}); err != nil {
					t.Fatal(err)
				}
				got, _, err := Decode(&out, DecodeOptions{})
				if err != nil {
					t.Fatal(err)
				}
				src, _, err := Decode(bytes.NewReader(c.data), DecodeOptions{})
				if err != nil {
					t.Fatal(err)
				}
				upright := ApplyOrientation(src, o).(interface {
					SubImage(image.Rectangle) image.Image
				})
				var ref bytes.Buffer
				if err := Encode(&ref, upright.SubImage(c.r), JPEG, EncodeOptions{Quality: 95}); err != nil {
					t.Fatal(err)
				}
				want, _, err := Decode(&ref, DecodeOptions{})
				if err != nil {
					t.Fatal(err)
				}
				maxDiff, psnr, err := compareImages(got, want)
				if err != nil {
					t.Fatal(err)
				}
				if (c.r.Dx()*c.r.Dy() >= 256 && psnr < 40) || maxDiff > 12 {
					t.Errorf("PSNR %.1f dB, max difference %d (want >= 40 dB, <= 12)", psnr, maxDiff)
				}
			})
		}
	}
	// The rectangle is checked against the upright size.
	if err := CropJPEG(&bytes.Buffer{}, colour, image.Rect(0, 0, 301, 10), 6, DecodeOptions{}, EncodeOptions{}); err == nil {
		t.Error("a rectangle as wide as the stored image is accepted on the image turned upright")
	}
}

// FuzzCropJPEG: any bytes, any rectangle inside the image and any orientation give a
// region (DecodeRegion) and an output (CropJPEG) of the rectangle's size, or an error
// wrapping a sentinel; never a panic or a crash in C.
func FuzzCropJPEG(f *testing.F) {
	for _, name := range []string{"jpeg_baseline.jpg", "jpeg_444.jpg", "jpeg_progressive.jpg", "jpeg_restart.jpg",
		"jpeg_gray.jpg", "jpeg_cmyk.jpg", "jpeg_cut_with_eoi.jpg", "jpeg_exif6_be.jpg"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint16(3), uint16(5), uint16(20), uint16(11), uint8(1))
		f.Add(data, uint16(0), uint16(0), uint16(9999), uint16(9999), uint8(6))
	}
	f.Fuzz(func(t *testing.T, data []byte, x, y, w, h uint16, o uint8) {
		cfg, err := DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Format != JPEG || cfg.Pixels() > fuzzMaxPixels {
			return
		}
		ori := Orientation(o%9 + 1)
		uw, uh := cfg.Width, cfg.Height
		if ori.SwapsAxes() {
			uw, uh = uh, uw
		}
		x0, y0 := int(x)%uw, int(y)%uh
		r := image.Rect(x0, y0, x0+1+int(w)%(uw-x0), y0+1+int(h)%(uh-y0))
		img, _, err := DecodeRegion(data, r, ori, DecodeOptions{MaxPixels: fuzzMaxPixels})
		checkErr(t, err)
		if err == nil && img.Bounds() != image.Rect(0, 0, r.Dx(), r.Dy()) {
			t.Fatalf("DecodeRegion bounds %v, want %v", img.Bounds(), r.Size())
		}
		var out bytes.Buffer
		err = CropJPEG(&out, data, r, ori, DecodeOptions{MaxPixels: fuzzMaxPixels}, EncodeOptions{})
		checkErr(t, err)
		if err != nil {
			return
		}
		c, err := DecodeConfig(&out)
		if err != nil || c.Width != r.Dx() || c.Height != r.Dy() {
			t.Fatalf("output %+v (%v), want %v", c, err, r.Size())
		}
	})
}
