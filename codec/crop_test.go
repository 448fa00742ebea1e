package codec

import (
	"bytes"
	"errors"
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
			if err := CropJPEG(&buf, c.data, c.r, DecodeOptions{}, c.enc); err != nil {
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
			err := CropJPEG(c.w, c.data, c.r, c.dec, EncodeOptions{})
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
	if err := CropJPEG(&bytes.Buffer{}, cut, image.Rect(0, 0, cfg.Width, cfg.Height), DecodeOptions{}, EncodeOptions{}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("cut file: %v, want ErrCorrupt", err)
	}
}
