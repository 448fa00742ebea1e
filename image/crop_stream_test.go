package image

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// TestCropJPEGStreamed: JPEG to JPEG crops that need no resize go through
// codec.CropJPEG (only the rows and columns of the crop are decoded). They must cut the
// same rectangle as the full decode, which a PNG output still takes.
func TestCropJPEGStreamed(t *testing.T) {
	// 5×5 blocks of random brightness over the photo: sharp edges off the 8×8 grid,
	// so a rectangle one pixel off shows.
	m := photo(643, 421)
	for y := 0; y < 421; y++ {
		for x := 0; x < 643; x++ {
			d := int(uint32((x/5)*7919+(y/5)*104729)*2654435761>>24) / 3
			i := m.PixOffset(x, y)
			for c := 0; c < 3; c++ {
				m.Pix[i+c] = uint8(min(255, int(m.Pix[i+c])/2+d))
			}
		}
	}
	jpg := encode(t, m, codec.JPEG)
	cases := []struct {
		name string
		opts CropOptions
	}{
		{"16:9 centred", CropOptions{Scale: "16:9"}},
		{"1:1 west", CropOptions{Scale: "1:1", Gravity: GravityWest}},
		{"1:1 east", CropOptions{Scale: "1:1", Gravity: GravityEast}},
		{"3:1 south", CropOptions{Scale: "3:1", Gravity: GravitySouth}},
		{"4:5 southeast", CropOptions{Scale: "4:5", Gravity: GravitySouthEast}},
		{"rect off the MCU grid", CropOptions{Rect: &Rect{X: 101, Y: 77, Width: 203, Height: 149}}},
		{"rect on the right edge", CropOptions{Rect: &Rect{X: 350, Y: 0, Width: 71, Height: 80}}},
		{"one pixel", CropOptions{Rect: &Rect{X: 420, Y: 420, Width: 1, Height: 1}}},
	}
	for o := 1; o <= 8; o++ {
		for _, c := range cases {
			t.Run(fmt.Sprintf("orientation %d %s", o, c.name), func(t *testing.T) {
				checkStreamedCrop(t, withOrientation(jpg, o), c.opts)
			})
		}
	}
}

// checkStreamedCrop crops jpg to JPEG (the streamed path) and to PNG (the full decode)
// and compares the two.
func checkStreamedCrop(t *testing.T, jpg []byte, opts CropOptions) {
	t.Helper()
	opts.Quality = 95
	streamed, err := Crop(bytes.NewReader(jpg), opts)
	if err != nil {
		t.Fatal(err)
	}
	if streamed.Format != codec.JPEG {
		t.Fatalf("format %s, want jpeg", streamed.Format)
	}
	opts.Format = codec.PNG
	full, err := Crop(bytes.NewReader(jpg), opts)
	if err != nil {
		t.Fatal(err)
	}
	if streamed.Width != full.Width || streamed.Height != full.Height {
		t.Fatalf("streamed %dx%d, full decode %dx%d", streamed.Width, streamed.Height, full.Width, full.Height)
	}
	got, want := decodeResult(t, streamed), decodeResult(t, full)
	if b := got.Bounds(); b.Dx() != streamed.Width || b.Dy() != streamed.Height {
		t.Fatalf("decoded %v, result says %dx%d", b.Size(), streamed.Width, streamed.Height)
	}
	// A rectangle one pixel off (or turned the wrong way) drops far below this on the
	// random blocks; the q95 re-encode alone stays well above it.
	if p := psnr(t, got, want); p < 36 {
		t.Errorf("PSNR against the full-decode crop %.1f dB, want >= 36", p)
	}
}

// TestCropHeap24MP: a 16:9 crop of a 24 MP JPEG never holds the decoded image (96 MB as
// RGBA). Everything the Go heap is asked for during the call — an upper bound on its
// peak growth — is the input and the output plus a little.
func TestCropHeap24MP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 24 MP JPEG")
	}
	data := generated24MP(t)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r, err := Crop(bytes.NewReader(data), CropOptions{Scale: "16:9", Output: Output{Quality: 85}})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if r.Width != 6000 || r.Height != 3375 {
		t.Fatalf("size %dx%d, want 6000x3375", r.Width, r.Height)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	limit := uint64(len(data)+2*len(r.Data)) + 4<<20
	t.Logf("input %.1f MB, output %.1f MB, Go heap allocated %.1f MB during the crop (limit %.1f MB)",
		mb(len(data)), mb(len(r.Data)), mb(int(alloc)), mb(int(limit)))
	if alloc > limit {
		t.Errorf("the crop allocated %.1f MB on the Go heap, more than the %.1f MB of input, output and slack", mb(int(alloc)), mb(int(limit)))
	}
}

func mb(n int) float64 { return float64(n) / (1 << 20) }
