package difftest

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
)

// Diff is the outcome of comparing one image with its reference.
type Diff struct {
	Failed      int // pixels beyond their limit
	EdgePixels  int
	MaxInterior int // largest difference on interior pixels
	MaxEdge     int // largest difference on edge pixels
	Mask        *image.NRGBA
}

// OK reports whether the difference is within tol.
func (d Diff) OK(tol Tolerance) bool { return d.Failed <= tol.Fail }

func (d Diff) String() string {
	return fmt.Sprintf("%d pixels beyond tolerance (max interior diff %d, max edge diff %d over %d edge pixels)",
		d.Failed, d.MaxInterior, d.MaxEdge, d.EdgePixels)
}

// premul returns the pixel as premultiplied 8-bit values, rounding as a canvas
// stores them.
func premul(img *image.NRGBA, x, y int) [4]int {
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	a := int(p[3])
	return [4]int{(int(p[0])*a + 127) / 255, (int(p[1])*a + 127) / 255, (int(p[2])*a + 127) / 255, a}
}

func maxDiff(a, b [4]int) int {
	m := 0
	for i := range a {
		d := a[i] - b[i]
		if d < 0 {
			d = -d
		}
		m = max(m, d)
	}
	return m
}

// Compare measures got against ref with the edge-aware tolerance described in the
// package doc. Images of different sizes fail every pixel.
func Compare(ref, got *image.NRGBA, tol Tolerance) Diff {
	b := ref.Bounds()
	mask := image.NewNRGBA(b)
	d := Diff{Mask: mask}
	if got.Bounds() != b {
		d.Failed = b.Dx() * b.Dy()
		return d
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			rp := premul(ref, x, y)
			contrast := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					n := image.Point{x + dx, y + dy}
					if (dx == 0 && dy == 0) || !n.In(b) {
						continue
					}
					contrast = max(contrast, maxDiff(rp, premul(ref, n.X, n.Y)))
				}
			}
			diff := maxDiff(rp, premul(got, x, y))
			// A pixel may be off by as much as its local contrast (what moving the
			// content by a fraction of a pixel would do), within [Interior, Edge].
			limit := max(tol.Interior, min(tol.Edge, contrast))
			if contrast > EdgeStep {
				d.EdgePixels++
				d.MaxEdge = max(d.MaxEdge, diff)
			} else {
				d.MaxInterior = max(d.MaxInterior, diff)
			}
			switch {
			case diff > limit:
				d.Failed++
				mask.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 255})
			case diff > 0:
				// Tolerated differences show faintly, so a strip tells both apart.
				mask.SetNRGBA(x, y, color.NRGBA{255, 200, 0, uint8(min(255, 60+diff*3))})
			}
		}
	}
	return d
}

// Strip lays out expected | actual | diff side by side over a checkerboard, so
// transparency shows, for a failure report.
func Strip(ref, got *image.NRGBA, d Diff) *image.NRGBA {
	w, h := ref.Bounds().Dx(), ref.Bounds().Dy()
	const gap = 4
	out := image.NewNRGBA(image.Rect(0, 0, 3*w+2*gap, max(h, got.Bounds().Dy())))
	for i := 0; i < 3; i++ {
		r := image.Rect(i*(w+gap), 0, i*(w+gap)+w, out.Bounds().Dy())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				c := uint8(255)
				if ((x-r.Min.X)/4+(y/4))%2 == 1 {
					c = 220
				}
				out.SetNRGBA(x, y, color.NRGBA{c, c, c, 255})
			}
		}
	}
	draw.Draw(out, image.Rect(0, 0, w, h), ref, ref.Bounds().Min, draw.Over)
	draw.Draw(out, image.Rect(w+gap, 0, 2*w+gap, got.Bounds().Dy()), got, got.Bounds().Min, draw.Over)
	draw.Draw(out, image.Rect(2*(w+gap), 0, 3*w+2*gap, h), d.Mask, d.Mask.Bounds().Min, draw.Over)
	return out
}
