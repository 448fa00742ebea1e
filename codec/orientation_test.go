package codec

import (
	"bytes"
	"image"
	"image/draw"
	"testing"

	"github.com/seed92233726/mediad/codec/internal/testimg"
)

// storedFromUpright builds what a camera stores for an upright image, straight from the
// EXIF definition of each value: which visual side the stored 0th row and 0th column
// are. It shares nothing with ApplyOrientation's implementation.
func storedFromUpright(up *image.RGBA, o Orientation) *image.RGBA {
	// rowSide/colSide: the visual side where stored row 0 / column 0 lie.
	sides := map[Orientation][2]string{
		1: {"top", "left"}, 2: {"top", "right"}, 3: {"bottom", "right"}, 4: {"bottom", "left"},
		5: {"left", "top"}, 6: {"right", "top"}, 7: {"right", "bottom"}, 8: {"left", "bottom"},
	}[o]
	uw, uh := up.Rect.Dx(), up.Rect.Dy()
	sw, sh := uw, uh
	if sides[0] == "left" || sides[0] == "right" {
		sw, sh = uh, uw
	}
	st := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for r := 0; r < sh; r++ {
		for c := 0; c < sw; c++ {
			var x, y int
			// Stored row r lies r steps in from its side; stored column c, c steps in.
			switch sides[0] {
			case "top":
				y = r
			case "bottom":
				y = uh - 1 - r
			case "left":
				x = r
			case "right":
				x = uw - 1 - r
			}
			switch sides[1] {
			case "top":
				y = c
			case "bottom":
				y = uh - 1 - c
			case "left":
				x = c
			case "right":
				x = uw - 1 - c
			}
			st.Set(c, r, up.At(x, y))
		}
	}
	return st
}

func TestApplyOrientationAllValues(t *testing.T) {
	up := testimg.Marker(6, 4)
	names := []string{"", "up", "up-mirrored", "down", "down-mirrored", "left-mirrored", "right", "right-mirrored", "left"}
	for o := Orientation(1); o <= 8; o++ {
		if o.String() != names[o] {
			t.Errorf("Orientation(%d).String() = %q, want %q", o, o.String(), names[o])
		}
		stored := storedFromUpright(up, o)
		if o.SwapsAxes() != (stored.Rect.Dx() != up.Rect.Dx()) {
			t.Errorf("%v: SwapsAxes = %v", o, o.SwapsAxes())
		}
		// Every pixel type the fast paths handle, plus the generic fallback.
		nrgba := image.NewNRGBA(stored.Rect)
		draw.Draw(nrgba, nrgba.Rect, stored, image.Point{}, draw.Src)
		gray := image.NewGray(stored.Rect)
		draw.Draw(gray, gray.Rect, stored, image.Point{}, draw.Src)
		grayUp := image.NewGray(up.Rect)
		draw.Draw(grayUp, grayUp.Rect, up, image.Point{}, draw.Src)
		// A sub-image with a non-zero origin checks the offset handling.
		big := image.NewRGBA(image.Rect(-3, -2, stored.Rect.Dx()+5, stored.Rect.Dy()+1))
		draw.Draw(big, stored.Rect.Add(image.Pt(1, 1)), stored, image.Point{}, draw.Src)
		sub := big.SubImage(stored.Rect.Add(image.Pt(1, 1)))
		cases := []struct {
			name string
			in   image.Image
			want image.Image
		}{
			{"RGBA", stored, up},
			{"NRGBA", nrgba, up},
			{"Gray", gray, grayUp},
			{"RGBA sub-image", sub, up},
			{"generic (RGBA64)", toRGBA64(stored), up},
		}
		for _, c := range cases {
			got := ApplyOrientation(c.in, o)
			if o == 1 {
				if got != c.in {
					t.Errorf("%s: orientation 1 did not return the image itself", c.name)
				}
				continue
			}
			if got.Bounds() != up.Rect {
				t.Errorf("%v %s: bounds %v, want %v", o, c.name, got.Bounds(), up.Rect)
				continue
			}
			if d, _, err := compareImages(got, c.want); err != nil || d != 0 {
				t.Errorf("%v %s: differs from upright by %d (%v)", o, c.name, d, err)
			}
		}
	}
	// Out-of-range values leave the image alone.
	for _, o := range []Orientation{0, 9, -1} {
		if got := ApplyOrientation(up, o); got != image.Image(up) || o.String() != "up" {
			t.Errorf("Orientation(%d) changed the image or is named %q", o, o.String())
		}
	}
}

func toRGBA64(m image.Image) *image.RGBA64 {
	out := image.NewRGBA64(m.Bounds())
	draw.Draw(out, out.Rect, m, m.Bounds().Min, draw.Src)
	return out
}

// TestOrientationInContainers writes every orientation into each container that can
// carry EXIF and checks DecodeConfig reads it back.
func TestOrientationInContainers(t *testing.T) {
	src := testimg.Photo(16, 8)
	var jb, pb, wb, tb bytes.Buffer
	for f, b := range map[Format]*bytes.Buffer{JPEG: &jb, PNG: &pb, WebP: &wb, TIFF: &tb} {
		if err := Encode(b, src, f, EncodeOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	for o := 1; o <= 8; o++ {
		for _, be := range []bool{false, true} {
			files := map[string][]byte{
				"jpeg": testimg.InsertJPEGAPP1(jb.Bytes(), testimg.EXIF(o, be, true)),
				"png":  testimg.InsertPNGChunk(pb.Bytes(), "eXIf", testimg.EXIF(o, be, false)),
				"webp": testimg.WebPWithEXIF(wb.Bytes(), 16, 8, false, testimg.EXIF(o, be, false)),
				"tiff": testimg.TIFFWithOrientation(tb.Bytes(), o),
			}
			for name, data := range files {
				c, err := DecodeConfig(bytes.NewReader(data))
				if err != nil || c.Orientation != Orientation(o) || c.Width != 16 || c.Height != 8 {
					t.Errorf("%s orientation %d big-endian=%v: %+v, %v", name, o, be, c, err)
				}
				// Decoding keeps the stored pixels.
				img, _, err := Decode(bytes.NewReader(data), DecodeOptions{})
				if err != nil || img.Bounds().Dx() != 16 {
					t.Errorf("%s orientation %d: decode %v, %v", name, o, img.Bounds(), err)
				}
			}
		}
	}
}

func BenchmarkApplyOrientation(b *testing.B) {
	img := testimg.Photo(1000, 1000)
	for _, o := range []Orientation{2, 3, 6, 8} {
		b.Run(o.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ApplyOrientation(img, o)
			}
			b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds()/1e6, "MPix/s")
		})
	}
}
