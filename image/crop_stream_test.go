package image

import (
	"bytes"
	"fmt"
	stdimage "image"
	"runtime"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

// TestCropJPEGStreamed: JPEG crops that need no resize decode only the crop's rows and
// columns (codec.CropJPEG for JPEG output, codec.DecodeRegion otherwise). They must show
// the same rectangle of the upright picture as the full decode.
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

// checkStreamedCrop crops jpg to JPEG (codec.CropJPEG) and to PNG (codec.DecodeRegion)
// and compares both with the full decode, turned upright and cut where cropRect says.
func checkStreamedCrop(t *testing.T, jpg []byte, opts CropOptions) {
	t.Helper()
	full, cfg, err := codec.Decode(bytes.NewReader(jpg), codec.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	upright := codec.ApplyOrientation(full, cfg.Orientation)
	r, err := cropRect(upright, opts.Rect, opts.Scale, opts.Gravity, "")
	if err != nil {
		t.Fatal(err)
	}
	want := subImage(upright, stdimage.Rect(r.X, r.Y, r.X+r.Width, r.Y+r.Height))
	opts.Quality = 95
	for _, f := range []codec.Format{codec.JPEG, codec.PNG} {
		opts.Format = f
		res, err := Crop(bytes.NewReader(jpg), opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Format != f {
			t.Fatalf("format %s, want %s", res.Format, f)
		}
		if res.Width != r.Width || res.Height != r.Height {
			t.Fatalf("%s: %dx%d, want %dx%d", f, res.Width, res.Height, r.Width, r.Height)
		}
		got := decodeResult(t, res)
		if b := got.Bounds(); b.Dx() != r.Width || b.Dy() != r.Height {
			t.Fatalf("%s: decoded %v, want %dx%d", f, b.Size(), r.Width, r.Height)
		}
		// A rectangle one pixel off (or turned the wrong way) drops far below this on
		// the random blocks; the q95 re-encode alone stays well above it.
		if p := psnr(t, got, want); p < 36 {
			t.Errorf("%s: PSNR against the full decode's crop %.1f dB, want >= 36", f, p)
		}
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
