package codec

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"sync"
	"testing"

	"github.com/seed92233726/mediad/codec/internal/testimg"
	"github.com/seed92233726/mediad/codec/internal/turbo"
)

// TestEncodeRoundTrip encodes with each option, decodes the result and checks the
// fidelity: exact for lossless paths, a PSNR floor for lossy ones.
func TestEncodeRoundTrip(t *testing.T) {
	photo := testimg.Photo(67, 45)
	alpha := testimg.Alpha(67, 45)
	tests := []struct {
		name    string
		src     image.Image
		want    image.Image
		f       Format
		opts    EncodeOptions
		minPSNR float64 // 0 = lossless: exact
		check   func(t *testing.T, data []byte)
	}{
		{"jpeg default", photo, photo, JPEG, EncodeOptions{}, 30, jpegHas(turbo.Samp420, false)},
		{"jpeg q95 444", photo, photo, JPEG, EncodeOptions{Quality: 95, Subsampling: Subsampling444}, 36, jpegHas(turbo.Samp444, false)},
		{"jpeg 422", photo, photo, JPEG, EncodeOptions{Subsampling: Subsampling422}, 30, jpegHas(turbo.Samp422, false)},
		{"jpeg progressive", photo, photo, JPEG, EncodeOptions{Progressive: true}, 30, jpegHas(turbo.Samp420, true)},
		{"jpeg q10 is smaller and worse", photo, photo, JPEG, EncodeOptions{Quality: 10}, 20, nil},
		{"jpeg quality above 100 clamps", photo, photo, JPEG, EncodeOptions{Quality: 500}, 38, nil},
		{"jpeg gray", toGray(photo), toGray(photo), JPEG, EncodeOptions{}, 30, jpegHas(turbo.SampGray, false)},
		{"jpeg alpha over black", alpha, testimg.Premultiplied(opaqueCopy(alpha)), JPEG, EncodeOptions{Quality: 95}, 30, nil},
		{"jpeg sub-image", photo.SubImage(image.Rect(5, 3, 40, 30)), photo.SubImage(image.Rect(5, 3, 40, 30)), JPEG, EncodeOptions{}, 30, nil},
		{"png rgba opaque", photo, photo, PNG, EncodeOptions{}, 0, nil},
		{"png fast nrgba alpha", alpha, alpha, PNG, EncodeOptions{}, 0, nil},
		{"png fast premultiplied alpha", testimg.Premultiplied(alpha), testimg.Premultiplied(alpha), PNG, EncodeOptions{}, 0, nil},
		{"png fast sub-image", photo.SubImage(image.Rect(5, 3, 40, 30)), photo.SubImage(image.Rect(5, 3, 40, 30)), PNG, EncodeOptions{}, 0, nil},
		{"png fast several IDAT chunks", testimg.Photo(300, 200), testimg.Photo(300, 200), PNG, EncodeOptions{}, 0, pngIDATs(2)},
		{"png fast flat artwork", testimg.Marker(64, 64), testimg.Marker(64, 64), PNG, EncodeOptions{}, 0, nil},
		{"png nrgba", alpha, alpha, PNG, EncodeOptions{PNGLevel: PNGBest}, 0, nil},
		{"png premultiplied alpha", testimg.Premultiplied(alpha), testimg.Premultiplied(alpha), PNG, EncodeOptions{PNGLevel: PNGDefault}, 0, nil},
		{"png no compression", photo, photo, PNG, EncodeOptions{PNGLevel: PNGNoCompression}, 0, nil},
		{"png gray16", gray16(), gray16(), PNG, EncodeOptions{}, 0, nil},
		{"gif few colours exact", testimg.Marker(20, 10), testimg.Marker(20, 10), GIF, EncodeOptions{}, 0, nil},
		{"gif photo dithered", photo, photo, GIF, EncodeOptions{}, 22, nil},
		{"gif keeps transparency", cutout(), cutout(), GIF, EncodeOptions{}, 0, nil},
		{"webp lossy", photo, photo, WebP, EncodeOptions{}, 30, webpIs("VP8 ")},
		{"webp lossless", alpha, testimg.Premultiplied(alpha), WebP, EncodeOptions{Lossless: true}, 0, webpIs("VP8L")},
		{"webp lossy alpha", alpha, testimg.Premultiplied(alpha), WebP, EncodeOptions{Quality: 90}, 28, webpIs("VP8X")},
		{"bmp", photo, photo, BMP, EncodeOptions{}, 0, nil},
		{"tiff", alpha, alpha, TIFF, EncodeOptions{}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, tc.src, tc.f, tc.opts); err != nil {
				t.Fatal(err)
			}
			img, c, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if c.Format != tc.f {
				t.Fatalf("wrote %s", c.Format)
			}
			d, psnr, err := compareImages(img, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if tc.minPSNR == 0 && d > 1 { // 1: rounding through premultiplied alpha
				t.Errorf("lossless round trip differs by %d", d)
			}
			if tc.minPSNR > 0 && psnr < tc.minPSNR {
				t.Errorf("PSNR %.1f dB < %.1f", psnr, tc.minPSNR)
			}
			if tc.check != nil {
				tc.check(t, buf.Bytes())
			}
			if bytes.Contains(buf.Bytes(), []byte("Exif")) || bytes.Contains(buf.Bytes(), []byte("eXIf")) {
				t.Error("output carries metadata")
			}
		})
	}
}

func jpegHas(sub int, progressive bool) func(*testing.T, []byte) {
	return func(t *testing.T, data []byte) {
		h, err := turbo.ReadHeader(data)
		if err != nil || h.Subsamp != sub {
			t.Errorf("subsampling %d, want %d (%v)", h.Subsamp, sub, err)
		}
		if got := bytes.Contains(data, []byte{0xff, 0xc2}); got != progressive {
			t.Errorf("progressive SOF2 present = %v, want %v", got, progressive)
		}
	}
}

func pngIDATs(atLeast int) func(*testing.T, []byte) {
	return func(t *testing.T, data []byte) {
		if n := bytes.Count(data, []byte("IDAT")); n < atLeast {
			t.Errorf("%d IDAT chunks, want at least %d", n, atLeast)
		}
	}
}

func webpIs(chunk string) func(*testing.T, []byte) {
	return func(t *testing.T, data []byte) {
		if string(data[12:16]) != chunk {
			t.Errorf("first chunk %q, want %q", data[12:16], chunk)
		}
	}
}

func toGray(m image.Image) *image.Gray {
	g := image.NewGray(m.Bounds())
	for y := m.Bounds().Min.Y; y < m.Bounds().Max.Y; y++ {
		for x := m.Bounds().Min.X; x < m.Bounds().Max.X; x++ {
			g.Set(x, y, m.At(x, y))
		}
	}
	return g
}

func gray16() *image.Gray16 {
	g := image.NewGray16(image.Rect(0, 0, 30, 7))
	for i := 0; i < len(g.Pix); i += 2 {
		g.Pix[i], g.Pix[i+1] = byte(i*7), byte(i*13)
	}
	return g
}

// opaqueCopy is the non-premultiplied image's colour composited over black.
func opaqueCopy(m *image.NRGBA) *image.NRGBA {
	out := image.NewNRGBA(m.Rect)
	for i := 0; i < len(m.Pix); i += 4 {
		a := uint32(m.Pix[i+3])
		for c := 0; c < 3; c++ {
			out.Pix[i+c] = uint8((uint32(m.Pix[i+c])*a + 127) / 255)
		}
		out.Pix[i+3] = 255
	}
	return out
}

// cutout is a few colours with fully transparent holes: GIF must keep both exactly.
func cutout() *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, 12, 9))
	for y := 0; y < 9; y++ {
		for x := 0; x < 12; x++ {
			if (x+y)%4 == 0 {
				continue
			}
			m.SetNRGBA(x, y, color.NRGBA{uint8(x * 20), uint8(y * 25), 90, 255})
		}
	}
	return m
}

func TestEncodeErrors(t *testing.T) {
	photo := testimg.Photo(8, 8)
	tests := []struct {
		name string
		img  image.Image
		f    Format
		want error
	}{
		{"heic is not encodable", photo, HEIC, ErrUnsupportedFormat},
		{"unknown format", photo, Unknown, ErrUnsupportedFormat},
		{"empty image", image.NewRGBA(image.Rect(0, 0, 0, 5)), PNG, ErrCorrupt},
		{"webp side limit", image.NewRGBA(image.Rect(0, 0, 16384, 1)), WebP, ErrTooLarge},
		{"jpeg side limit", image.NewGray(image.Rect(0, 0, 65536, 1)), JPEG, ErrTooLarge},
	}
	for _, tc := range tests {
		if err := Encode(new(bytes.Buffer), tc.img, tc.f, EncodeOptions{}); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	// Write errors reach the caller.
	for _, f := range []Format{JPEG, PNG, GIF, WebP, BMP, TIFF} {
		if err := Encode(failWriter{}, photo, f, EncodeOptions{}); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: write error lost: %v", f, err)
		}
	}
}

type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// TestEncodeSubImage: every encoder writes only the sub-image, at the origin.
func TestEncodeSubImage(t *testing.T) {
	photo := testimg.Photo(50, 40)
	sub := photo.SubImage(image.Rect(7, 5, 30, 22))
	for _, f := range []Format{JPEG, PNG, GIF, WebP, BMP, TIFF} {
		for _, lvl := range []PNGLevel{PNGFast, PNGBest} {
			var buf bytes.Buffer
			if err := Encode(&buf, sub, f, EncodeOptions{Quality: 95, PNGLevel: lvl}); err != nil {
				t.Fatal(err)
			}
			img, _, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{})
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			_, psnr, err := compareImages(img, sub)
			if err != nil || psnr < 25 {
				t.Errorf("%s level %d: PSNR %.1f (%v)", f, lvl, psnr, err)
			}
		}
	}
}

// TestConcurrentUse runs every codec from several goroutines at once (pooled encoder
// state, the dither table); run it with -race.
func TestConcurrentUse(t *testing.T) {
	src := testimg.Photo(64, 40)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range []Format{JPEG, PNG, GIF, WebP} {
				var buf bytes.Buffer
				if err := Encode(&buf, src, f, EncodeOptions{}); err != nil {
					errs <- err
					return
				}
				if _, _, err := Decode(bytes.NewReader(buf.Bytes()), DecodeOptions{}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
