package canvas

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/codec"
)

// exifJPEG encodes img as a JPEG carrying an EXIF orientation tag.
func exifJPEG(img image.Image, orientation uint16) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		panic(err)
	}
	// APP1: "Exif\0\0", a little-endian TIFF header and one IFD with a single
	// SHORT entry, tag 0x0112 (Orientation).
	var tiff bytes.Buffer
	tiff.WriteString("II*\x00")
	le := func(v any) { _ = binary.Write(&tiff, binary.LittleEndian, v) }
	le(uint32(8))
	le(uint16(1))
	le([]uint16{0x0112, 3})
	le(uint32(1))
	le([]uint16{orientation, 0})
	le(uint32(0))
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	data := buf.Bytes()
	out := append([]byte{}, data[:2]...) // SOI
	out = append(out, seg...)
	return append(out, data[2:]...)
}

// orientedSource is a 24×16 picture whose corners are told apart by colour.
func orientedSource() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 24, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 24; x++ {
			c := color.NRGBA{200, 200, 200, 255}
			switch {
			case x < 8 && y < 8:
				c = color.NRGBA{230, 20, 20, 255} // top left: red
			case x >= 16 && y < 8:
				c = color.NRGBA{20, 200, 20, 255} // top right: green
			case x < 8 && y >= 8:
				c = color.NRGBA{20, 20, 230, 255} // bottom left: blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func TestImageOrientation(t *testing.T) {
	red := func(c color.RGBA) bool { return c.R > 150 && c.G < 80 && c.B < 80 }
	green := func(c color.RGBA) bool { return c.G > 150 && c.R < 80 && c.B < 80 }
	for _, tc := range []struct {
		o          uint16
		w, h       int
		redAt      image.Point // where the stored top-left corner is displayed
		greenAt    image.Point // … and the stored top-right corner
		descriptor string
	}{
		{1, 24, 16, image.Pt(2, 2), image.Pt(21, 2), "upright"},
		{3, 24, 16, image.Pt(21, 13), image.Pt(2, 13), "rotated 180°"},
		{6, 16, 24, image.Pt(13, 2), image.Pt(13, 21), "rotated 90° clockwise"},
		{8, 16, 24, image.Pt(2, 21), image.Pt(2, 2), "rotated 90° anticlockwise"},
	} {
		t.Run(tc.descriptor, func(t *testing.T) {
			img, err := NewImageFromBytes(exifJPEG(orientedSource(), tc.o), ImageLoadOptions{})
			must(t, err)
			if img.Width() != tc.w || img.Height() != tc.h {
				t.Fatalf("size %dx%d, want %dx%d", img.Width(), img.Height(), tc.w, tc.h)
			}
			if c := img.RGBA().RGBAAt(tc.redAt.X, tc.redAt.Y); !red(c) {
				t.Errorf("at %v: %v, want red", tc.redAt, c)
			}
			if c := img.RGBA().RGBAAt(tc.greenAt.X, tc.greenAt.Y); !green(c) {
				t.Errorf("at %v: %v, want green", tc.greenAt, c)
			}
		})
	}
}

func TestLoadImage(t *testing.T) {
	photo := photoPNG()
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "img"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "img", "photo.png"), photo, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "img", "junk.png"), []byte("not an image at all"), 0o644))
	outside := filepath.Join(t.TempDir(), "secret.png")
	must(t, os.WriteFile(outside, photo, 0o644))
	if err := os.Symlink(outside, filepath.Join(dir, "img", "link.png")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	must(t, err)
	defer root.Close()

	b64 := base64.StdEncoding.EncodeToString(photo)
	fetched := ""
	fetch := func(_ context.Context, u string) (io.ReadCloser, error) {
		fetched = u
		if strings.Contains(u, "missing") {
			return nil, fs.ErrNotExist
		}
		return io.NopCloser(bytes.NewReader(photo)), nil
	}
	for _, tc := range []struct {
		name    string
		src     string
		opts    ImageLoadOptions
		wantErr error // nil: loads a 32×24 image
	}{
		{"data URL base64", "data:image/png;base64," + b64, ImageLoadOptions{}, nil},
		{"data URL unpadded with spaces", "data:image/png;base64," + strings.TrimRight(b64[:40], "=") + " \n" + strings.TrimRight(b64[40:], "="), ImageLoadOptions{}, nil},
		{"data URL percent-encoded base64", "data:image/png;base64," + url.PathEscape(b64), ImageLoadOptions{}, nil},
		{"data URL percent-encoded bytes", "data:image/png," + url.PathEscape(string(photo)), ImageLoadOptions{}, nil},
		{"data URL upper-case scheme", "DATA:image/png;BASE64," + b64, ImageLoadOptions{}, nil},
		{"data URL without comma", "data:image/png;base64", ImageLoadOptions{}, ErrImageSource},
		{"data URL bad base64", "data:image/png;base64,@@@@", ImageLoadOptions{}, ErrImageSource},
		{"data URL over byte limit", "data:image/png;base64," + b64, ImageLoadOptions{MaxBytes: 100}, ErrImageSource},
		{"data URL not an image", "data:text/plain,hello", ImageLoadOptions{}, codec.ErrUnsupportedFormat},
		{"path", filepath.Join(dir, "img", "photo.png"), ImageLoadOptions{}, nil},
		{"path in root", "/img/photo.png", ImageLoadOptions{Root: root}, nil},
		{"relative path in root", "img/photo.png", ImageLoadOptions{Root: root}, nil},
		{"escape root with ..", "../" + filepath.Base(filepath.Dir(outside)) + "/secret.png", ImageLoadOptions{Root: root}, nil},
		{"escape root by symlink", "img/link.png", ImageLoadOptions{Root: root}, nil},
		{"missing file", "img/none.png", ImageLoadOptions{Root: root}, fs.ErrNotExist},
		{"directory", "img", ImageLoadOptions{Root: root}, ErrImageSource},
		{"file over byte limit", "img/photo.png", ImageLoadOptions{Root: root, MaxBytes: 64}, ErrImageSource},
		{"file over pixel limit", "img/photo.png", ImageLoadOptions{Root: root, MaxPixels: 100}, codec.ErrTooLarge},
		{"undecodable file", "img/junk.png", ImageLoadOptions{Root: root}, codec.ErrUnsupportedFormat},
		{"http without fetcher", "https://example.com/a.png", ImageLoadOptions{}, ErrImageSource},
		{"http with fetcher", "https://example.com/a.png", ImageLoadOptions{Fetch: fetch}, nil},
		{"fetch error", "http://example.com/missing.png", ImageLoadOptions{Fetch: fetch}, fs.ErrNotExist},
		{"fetched body over limit", "https://example.com/a.png", ImageLoadOptions{Fetch: fetch, MaxBytes: 64}, ErrImageSource},
		{"other scheme", "ftp://example.com/a.png", ImageLoadOptions{}, ErrImageSource},
		{"empty", "", ImageLoadOptions{}, ErrImageSource},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := LoadImage(context.Background(), tc.src, tc.opts)
			if strings.HasPrefix(tc.name, "escape root") {
				// os.Root refuses both with its own error.
				if err == nil {
					t.Fatal("loaded a file outside the root")
				}
				return
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				return
			}
			must(t, err)
			if img.Width() != 32 || img.Height() != 24 || img.Src() != tc.src {
				t.Fatalf("got %dx%d from %q", img.Width(), img.Height(), img.Src())
			}
		})
	}
	if fetched != "https://example.com/a.png" {
		t.Errorf("fetcher saw %q", fetched)
	}
}

func TestNewImage(t *testing.T) {
	if _, err := NewImageFromBytes(nil, ImageLoadOptions{}); err == nil {
		t.Error("empty bytes decoded")
	}
	trunc := photoPNG()
	if _, err := NewImageFromBytes(trunc[:len(trunc)/2], ImageLoadOptions{}); !errors.Is(err, codec.ErrCorrupt) {
		t.Errorf("truncated PNG: %v", err)
	}
	// A header claiming a huge image is refused before pixels are allocated.
	huge := image.NewGray(image.Rect(0, 0, 1, 1))
	var buf bytes.Buffer
	must(t, jpeg.Encode(&buf, huge, nil))
	data := buf.Bytes()
	for i := 0; i+8 < len(data); i++ {
		if data[i] == 0xff && data[i+1] == 0xc0 { // SOF0: height, width at +5, +7
			binary.BigEndian.PutUint16(data[i+5:], 60000)
			binary.BigEndian.PutUint16(data[i+7:], 60000)
		}
	}
	if _, err := NewImageFromBytes(data, ImageLoadOptions{}); !errors.Is(err, codec.ErrTooLarge) {
		t.Errorf("huge header: %v", err)
	}
	// An unbounded image (image.Uniform) is over any limit.
	opaque, err := NewImageFromImage(image.NewUniform(color.White))
	if err == nil {
		t.Errorf("an unbounded image was accepted: %dx%d", opaque.Width(), opaque.Height())
	}
	// Opaque detection drives the copy blit.
	src := image.NewNRGBA(image.Rect(5, 5, 9, 8))
	for i := range src.Pix {
		src.Pix[i] = 255
	}
	im, err := NewImageFromImage(src)
	must(t, err)
	if !im.opaque || im.Width() != 4 || im.Height() != 3 || im.Bounds().Min != (image.Point{}) {
		t.Errorf("opaque %v, %dx%d at %v", im.opaque, im.Width(), im.Height(), im.Bounds().Min)
	}
	src.Pix[3] = 10
	im, err = NewImageFromImage(src)
	must(t, err)
	if im.opaque {
		t.Error("translucent image marked opaque")
	}
	// Premultiplied on the way in.
	if c := im.RGBA().RGBAAt(0, 0); c.A != 10 || c.R != 10 {
		t.Errorf("first pixel %v, want premultiplied (10,10,10,10)", c)
	}
}

// FuzzDecodeDataURL feeds arbitrary text to the data: URL parser: it must
// never panic or return more than the byte limit.
func FuzzDecodeDataURL(f *testing.F) {
	for _, s := range []string{
		"data:,", "data:image/png;base64,iVBORw0KGgo=", "data:;base64,%41%42", "data:text/plain,%zz",
		"data:image/png;base64", "data:a;base64, Q U J D ", "data:,%00%ff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data, err := decodeDataURL("data:"+strings.TrimPrefix(s, "data:"), 256)
		if err == nil && len(data) > 256 {
			t.Fatalf("returned %d bytes over a 256-byte limit", len(data))
		}
		if err != nil && !errors.Is(err, ErrImageSource) {
			t.Fatalf("error %v is not ErrImageSource", err)
		}
	})
}

func TestSVGImage(t *testing.T) {
	for _, tc := range []struct {
		name    string
		svg     string
		w, h    int // requested size
		ww, wh  int // resulting size
		wantErr error
	}{
		{"size attributes", `<svg width="40" height="30"/>`, 0, 0, 40, 30, nil},
		{"units", `<svg width="3in" height="12pt"/>`, 0, 0, 288, 16, nil},
		{"viewBox only", `<svg viewBox="0 0 64 32"/>`, 0, 0, 64, 32, nil},
		{"width and viewBox keep the aspect", `<svg width="100" viewBox="0 0 50 10"/>`, 0, 0, 100, 20, nil},
		{"no size at all", `<svg/>`, 0, 0, 300, 150, nil},
		{"requested width keeps the aspect", `<svg width="40" height="30"/>`, 80, 0, 80, 60, nil},
		{"requested size", `<svg width="40" height="30"/>`, 10, 10, 10, 10, nil},
		{"percent size falls back", `<svg width="100%" height="100%" viewBox="0 0 20 10"/>`, 0, 0, 20, 10, nil},
		{"declaration, doctype and comment first", `<?xml version="1.0"?><!DOCTYPE svg><!-- c --><svg width="2" height="2"/>`, 0, 0, 2, 2, nil},
		{"malformed XML", `<svg width="10" height="10"><rect></svg>`, 0, 0, 0, 0, nil},
		{"not svg", `<html><svg/></html>`, 0, 0, 0, 0, ErrSVG},
		{"empty", ``, 0, 0, 0, 0, ErrSVG},
		{"zero size", `<svg width="0" height="10"/>`, 0, 0, 0, 0, ErrSVG},
		{"huge size", `<svg width="100000" height="100000"/>`, 0, 0, 0, 0, codec.ErrTooLarge},
		{"deep nesting", strings.Repeat("<g>", 300) + strings.Repeat("</g>", 300), 0, 0, 0, 0, ErrSVG},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := tc.svg
			if tc.name == "deep nesting" {
				svg = `<svg width="5" height="5">` + svg + `</svg>`
			}
			img, err := NewImageFromSVG([]byte(svg), tc.w, tc.h)
			if tc.name == "malformed XML" {
				// encoding/xml in non-strict mode closes unclosed elements, as
				// browsers render what they can; what matters is no panic.
				return
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				return
			}
			must(t, err)
			if img.Width() != tc.ww || img.Height() != tc.wh {
				t.Fatalf("size %dx%d, want %dx%d", img.Width(), img.Height(), tc.ww, tc.wh)
			}
		})
	}
	t.Run("through LoadImage as a data: URL", func(t *testing.T) {
		src := "data:image/svg+xml;utf8," + url.PathEscape(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4"><rect width="4" height="4" fill="#00f"/></svg>`)
		img, err := LoadImage(context.Background(), src, ImageLoadOptions{})
		must(t, err)
		if img.Width() != 8 || img.Height() != 4 {
			t.Fatalf("size %dx%d", img.Width(), img.Height())
		}
		if c := img.RGBA().RGBAAt(1, 1); c != (color.RGBA{0, 0, 255, 255}) {
			t.Errorf("inside the rect: %v", c)
		}
		if c := img.RGBA().RGBAAt(6, 1); c.A != 0 {
			t.Errorf("outside the rect: %v", c)
		}
		// Unescaped "%" (and "#") are common in hand-written SVG data: URLs.
		raw := `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4"><rect width="50%" height="100%" fill="#00f"/></svg>`
		img2, err := LoadImage(context.Background(), raw, ImageLoadOptions{})
		must(t, err)
		if !bytes.Equal(img.RGBA().Pix, img2.RGBA().Pix) {
			t.Error("the raw and the escaped SVG data: URLs differ")
		}
		if _, err := LoadImage(context.Background(), src, ImageLoadOptions{MaxPixels: 16}); !errors.Is(err, codec.ErrTooLarge) {
			t.Errorf("pixel limit: %v", err)
		}
	})
	t.Run("hostile geometry stays bounded", func(t *testing.T) {
		svg := `<svg width="200" height="200"><circle cx="100" cy="100" r="1e6" fill="none" stroke="red" stroke-dasharray="0.0001"/>` +
			`<path d="M0 0 L1e300 1e300 L-1e300 5 Z" fill="blue" stroke="black" stroke-width="1e9"/>` +
			`<rect width="NaN" height="5"/><polygon points="1,1 2"/><g transform="scale(1e308) scale(1e308)"><rect width="5" height="5"/></g></svg>`
		// Ten levels of ten <use>s would be 10^10 shapes without a budget.
		svg += `<svg width="50" height="50"><g id="l0"><rect width="1" height="1"/></g>`
		for i := 1; i <= 10; i++ {
			svg += fmt.Sprintf(`<g id="l%d">`, i) + strings.Repeat(fmt.Sprintf(`<use href="#l%d"/>`, i-1), 10) + "</g>"
		}
		svg += `<use href="#self" id="self"/></svg>`
		done := make(chan error, 1)
		go func() {
			var err error
			for _, doc := range strings.SplitAfter(svg, "</svg>")[:2] {
				if _, e := NewImageFromSVG([]byte(doc), 0, 0); e != nil {
					err = e
				}
			}
			done <- err
		}()
		select {
		case err := <-done:
			must(t, err)
		case <-time.After(20 * time.Second):
			t.Fatal("rasterising took more than 20 s")
		}
	})
}

// FuzzSVGImage rasterises arbitrary documents at a bounded size: no panics,
// no unbounded work.
func FuzzSVGImage(f *testing.F) {
	f.Add([]byte(svgShapes))
	f.Add([]byte(svgStyled))
	f.Add([]byte(`<svg viewBox="0 0 10 10"><path d="M0 0 h10 v10 z" transform="rotate(45 5 5)"/></svg>`))
	f.Add([]byte(`<svg><linearGradient id="a" xlink:href="#a"/><rect width="9" height="9" fill="url(#a) red"/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<14 {
			return
		}
		img, err := rasterSVG(data, 0, 0, 1<<14, 0, 0)
		if err == nil && int64(img.Width())*int64(img.Height()) > 1<<14 {
			t.Fatalf("%dx%d over the pixel limit", img.Width(), img.Height())
		}
	})
}

// TestImageSharedAcrossGoroutines draws one Image from several goroutines
// at once through every lazily filled cache (mipmap levels, the SVG raster at
// drawing scale); run with -race. Each result must equal a serial draw.
func TestImageSharedAcrossGoroutines(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		args []float64
		q    string
	}{
		{"mipmaps at low", bigPNG(), []float64{0, 0, 37, 29}, "low"},
		{"mipmaps at medium", bigPNG(), []float64{0, 0, 19, 14}, "medium"},
		{"SVG at scale", []byte(svgCSS), []float64{0, 0, 90, 70}, "low"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			draw := func(img *Image) []byte {
				cv, _ := NewCanvas(100, 80)
				c := cv.Context2D()
				c.SetImageSmoothingQuality(tc.q)
				if err := c.DrawImage(img, tc.args...); err != nil {
					return nil // runs on other goroutines: report by mismatch
				}
				return cv.RGBA().Pix
			}
			fresh := func() *Image {
				img, err := NewImageFromBytes(tc.data, ImageLoadOptions{})
				must(t, err)
				return img
			}
			want := draw(fresh())
			if want == nil {
				t.Fatal("serial draw failed")
			}
			shared := fresh()
			results := make(chan []byte, 8)
			for range 8 {
				go func() { results <- draw(shared) }()
			}
			for range 8 {
				if got := <-results; !bytes.Equal(got, want) {
					t.Fatal("a concurrent draw differs from the serial one")
				}
			}
		})
	}
}
