package recorder

import (
	"bytes"
	"errors"
	"image"
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// flatBlocks is a w x h picture of random opaque colours, constant over each 2x2
// block so that 4:2:0 subsampling loses nothing and every converter must agree.
func flatBlocks(w, h int, seed uint64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, 1))
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			c := [4]byte{byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256)), 255}
			for dy := 0; dy < 2 && y+dy < h; dy++ {
				for dx := 0; dx < 2 && x+dx < w; dx++ {
					copy(img.Pix[img.PixOffset(x+dx, y+dy):], c[:])
				}
			}
		}
	}
	// The extremes, where rounding or overflow would show first.
	for i, c := range [][4]byte{{0, 0, 0, 255}, {255, 255, 255, 255}, {255, 0, 0, 255}, {0, 0, 255, 255}} {
		for k := 0; k < 4; k++ {
			copy(img.Pix[img.PixOffset(2*i+k%2, k/2):], c[:])
		}
	}
	return img
}

type planes struct {
	y, u, v []byte
	w, h    int
}

func convertGo(img *image.RGBA, w, h, y0, y1 int) planes {
	p := planes{make([]byte, w*h), make([]byte, w*h/4), make([]byte, w*h/4), w, h}
	off := img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y)
	rgbaToI420Rows(p.y, p.u, p.v, w, w/2, img.Pix[off:], img.Stride, w, y0, y1)
	return p
}

// TestConverterMatchesBT601 checks every sample against the BT.601 limited-range
// formula in floating point: within rounding (half a level) plus the 16-bit fixed
// point's error.
func TestConverterMatchesBT601(t *testing.T) {
	const w, h = 64, 32
	img := flatBlocks(w, h, 1)
	p := convertGo(img, w, h, 0, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			px := img.Pix[img.PixOffset(x, y):]
			r, g, b := float64(px[0]), float64(px[1]), float64(px[2])
			wantY := 16 + 219*(0.299*r+0.587*g+0.114*b)/255
			wantU := 128 + 224*(-0.168736*r-0.331264*g+0.5*b)/255
			wantV := 128 + 224*(0.5*r-0.418688*g-0.081312*b)/255
			got := []byte{p.y[y*w+x], p.u[y/2*w/2+x/2], p.v[y/2*w/2+x/2]}
			for k, want := range []float64{wantY, wantU, wantV} {
				if math.Abs(float64(got[k])-want) > 0.51 {
					t.Fatalf("(%d,%d) rgb %v: plane %d = %d, want %.2f", x, y, px[:3], k, got[k], want)
				}
			}
		}
	}
}

// TestConverterVectorMatchesScalar checks the AVX2 version against the scalar loop
// byte for byte, on random pixels (any alpha) and widths that leave every tail length.
func TestConverterVectorMatchesScalar(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no vector version on this machine")
	}
	r := rand.New(rand.NewPCG(4, 1))
	for _, w := range []int{2, 6, 8, 10, 14, 16, 18, 30, 64, 1080} {
		const h = 6
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = byte(r.IntN(256))
		}
		vec := convertGo(img, w, h, 0, h)
		haveAVX2 = false
		ref := convertGo(img, w, h, 0, h)
		haveAVX2 = true
		for k, pl := range [][2][]byte{{vec.y, ref.y}, {vec.u, ref.u}, {vec.v, ref.v}} {
			if !bytes.Equal(pl[0], pl[1]) {
				for i := range pl[0] {
					if pl[0][i] != pl[1][i] {
						t.Fatalf("width %d plane %d sample %d: vector %d, scalar %d", w, k, i, pl[0][i], pl[1][i])
					}
				}
			}
		}
	}
}

// TestConverterBandsAndCrop checks that bands give the same bytes as one pass, that a
// sub-image (stride wider than the picture) converts its own pixels, and that a
// picture smaller than the canvas by one column and row takes the top-left part.
func TestConverterBandsAndCrop(t *testing.T) {
	needFFmpeg(t)
	checkLeaks(t)
	const w, h = 200, 334 // not a multiple of any band height
	big := flatBlocks(w+9, h+7, 2)
	sub := big.SubImage(image.Rect(3, 5, 3+w+1, 5+h+1)).(*image.RGBA) // odd: w+1 x h+1
	enc, err := ffmpeg.NewVideoEncoder(ffmpeg.VideoEncoderOptions{Codec: "rawvideo", Width: w, Height: h, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	p, err := enc.NewPicture()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Free()
	conv := newConverterN(3) // more bands than this machine may have CPUs for
	defer conv.close()
	conv.convert(p, sub)
	want := convertGo(sub, w, h, 0, h)
	for y := 0; y < h; y++ {
		if !bytes.Equal(p.Y[y*p.YStride:y*p.YStride+w], want.y[y*w:(y+1)*w]) {
			t.Fatalf("luma row %d differs from a single pass", y)
		}
	}
	for y := 0; y < h/2; y++ {
		if !bytes.Equal(p.Cb[y*p.CStride:y*p.CStride+w/2], want.u[y*w/2:(y+1)*w/2]) ||
			!bytes.Equal(p.Cr[y*p.CStride:y*p.CStride+w/2], want.v[y*w/2:(y+1)*w/2]) {
			t.Fatalf("chroma row %d differs from a single pass", y)
		}
	}
	// The sub-image's own pixels: its top-left block.
	px := sub.Pix[sub.PixOffset(3, 5):]
	if wantY := 16 + 219*(0.299*float64(px[0])+0.587*float64(px[1])+0.114*float64(px[2]))/255; math.Abs(float64(p.Y[0])-wantY) > 0.51 {
		t.Errorf("Y(0,0) = %d, want %.1f from the sub-image's first pixel", p.Y[0], wantY)
	}
}

// TestConverterMatchesSwscale compares with FFmpeg's conversion (what EncodeRGBA
// does when the canvas must be scaled) on flat 16x16 blocks. swscale's vertical chroma
// filter reaches into the next block, so chroma is compared inside blocks only.
func TestConverterMatchesSwscale(t *testing.T) {
	needFFmpeg(t)
	const w, h = 96, 64
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(3, 1))
	for by := 0; by < h; by += 16 {
		for bx := 0; bx < w; bx += 16 {
			c := [4]byte{byte(r.IntN(256)), byte(r.IntN(256)), byte(r.IntN(256)), 255}
			if bx == 0 && by == 0 {
				c = [4]byte{255, 255, 255, 255}
			}
			for y := by; y < by+16; y++ {
				for x := bx; x < bx+16; x++ {
					copy(img.Pix[img.PixOffset(x, y):], c[:])
				}
			}
		}
	}
	enc, err := ffmpeg.NewVideoEncoder(ffmpeg.VideoEncoderOptions{Codec: "rawvideo", Width: w, Height: h, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	if err := enc.EncodeRGBA(img.Pix, w, h, img.Stride, 0); err != nil {
		t.Fatal(err)
	}
	pkt := ffmpeg.NewPacket()
	defer pkt.Free()
	if err := enc.Receive(pkt); err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	ref := pkt.Data()
	if len(ref) != w*h*3/2 {
		t.Fatalf("rawvideo packet of %d bytes", len(ref))
	}
	got := convertGo(img, w, h, 0, h)
	for i, pl := range [][2][]byte{{got.y, ref[:w*h]}, {got.u, ref[w*h : w*h*5/4]}, {got.v, ref[w*h*5/4:]}} {
		pw := w
		if i > 0 {
			pw = w / 2
		}
		for k := range pl[0] {
			if x, y := k%pw, k/pw; i > 0 && (x%8 < 2 || x%8 > 5 || y%8 < 2 || y%8 > 5) {
				continue
			}
			// swscale works in 15-bit intermediates with its own rounding.
			if d := int(pl[0][k]) - int(pl[1][k]); d > 1 || d < -1 {
				t.Fatalf("plane %d sample %d: %d, swscale %d", i, k, pl[0][k], pl[1][k])
			}
		}
	}
}
