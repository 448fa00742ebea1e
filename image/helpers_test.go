package image

import (
	"bytes"
	"encoding/binary"
	stdimage "image"
	"image/color"
	"math"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// photo is a deterministic, photograph-like test picture: smooth colour gradients,
// a few soft shapes and some texture, at any size.
func photo(w, h int) *stdimage.RGBA {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		fy := float64(y) / float64(h)
		for x := 0; x < w; x++ {
			fx := float64(x) / float64(w)
			d := math.Hypot(fx-0.6, fy-0.4)
			r := 120 + 100*math.Sin(fx*3.1) - 60*d
			g := 90 + 80*fy + 30*math.Cos(d*12)
			b := 160 - 90*fy + 20*math.Sin((fx+fy)*40)
			i := m.PixOffset(x, y)
			m.Pix[i+0] = clampF(r)
			m.Pix[i+1] = clampF(g)
			m.Pix[i+2] = clampF(b)
			m.Pix[i+3] = 255
		}
	}
	return m
}

func clampF(v float64) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(v)))) }

func encode(t testing.TB, img stdimage.Image, f codec.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := codec.Encode(&buf, img, f, codec.EncodeOptions{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withOrientation inserts an EXIF APP1 segment carrying orientation o after the SOI.
func withOrientation(jpg []byte, o int) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00*")
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{uint16(o), 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0))
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func decodeResult(t testing.TB, r Result) stdimage.Image {
	t.Helper()
	img, cfg, err := codec.Decode(bytes.NewReader(r.Data), codec.DecodeOptions{})
	if err != nil {
		t.Fatalf("decoding result: %v", err)
	}
	if cfg.Format != r.Format || cfg.Width != r.Width || cfg.Height != r.Height {
		t.Fatalf("result says %s %dx%d, file is %s %dx%d", r.Format, r.Width, r.Height, cfg.Format, cfg.Width, cfg.Height)
	}
	return img
}

func rgbaAt(img stdimage.Image, x, y int) color.RGBA {
	return color.RGBAModel.Convert(img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y)).(color.RGBA)
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol && d(a.A, b.A) <= tol
}

// psnr compares two images of the same size over RGB.
func psnr(t testing.TB, a, b stdimage.Image) float64 {
	t.Helper()
	ab, bb := a.Bounds(), b.Bounds()
	if ab.Dx() != bb.Dx() || ab.Dy() != bb.Dy() {
		t.Fatalf("sizes differ: %v vs %v", ab, bb)
	}
	ra, rb := toRGBA(a), toRGBA(b)
	var se float64
	n := 0
	// Row by row: a sub-image at the origin keeps its parent's stride.
	for y := 0; y < ab.Dy(); y++ {
		pa, pb := ra.Pix[ra.PixOffset(ra.Rect.Min.X, ra.Rect.Min.Y+y):], rb.Pix[rb.PixOffset(rb.Rect.Min.X, rb.Rect.Min.Y+y):]
		for i := 0; i < 4*ab.Dx(); i += 4 {
			for c := 0; c < 3; c++ {
				d := float64(pa[i+c]) - float64(pb[i+c])
				se += d * d
				n++
			}
		}
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}
