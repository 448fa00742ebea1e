package codec

import (
	"image"
	"image/draw"
)

// Orientation is the EXIF orientation (1..8): how the stored pixels must be transformed
// to display the image upright. Zero and out-of-range values behave as 1.
type Orientation int

var orientationNames = [...]string{"up", "up", "up-mirrored", "down", "down-mirrored",
	"left-mirrored", "right", "right-mirrored", "left"}

// String returns the name wx.getImageInfo uses for the orientation.
func (o Orientation) String() string {
	if o < 1 || o > 8 {
		return "up"
	}
	return orientationNames[o]
}

// SwapsAxes reports whether the upright image is the stored one turned by 90°, so its
// width and height are exchanged (orientations 5 to 8).
func (o Orientation) SwapsAxes() bool { return o >= 5 && o <= 8 }

// ApplyOrientation returns img transformed to display upright. Orientation 1 (and
// invalid values) return img itself; otherwise the result is a new image whose bounds
// start at (0, 0), of the same pixel type for *image.RGBA, *image.NRGBA and *image.Gray
// and *image.RGBA for any other type.
func ApplyOrientation(img image.Image, o Orientation) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o.SwapsAxes() {
		dw, dh = h, w
	}
	var src, dst []byte
	var sStride, dStride, bpp int
	var out image.Image
	switch s := img.(type) {
	case *image.RGBA:
		d := image.NewRGBA(image.Rect(0, 0, dw, dh))
		src, sStride, dst, dStride, bpp, out = s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], s.Stride, d.Pix, d.Stride, 4, d
	case *image.NRGBA:
		d := image.NewNRGBA(image.Rect(0, 0, dw, dh))
		src, sStride, dst, dStride, bpp, out = s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], s.Stride, d.Pix, d.Stride, 4, d
	case *image.Gray:
		d := image.NewGray(image.Rect(0, 0, dw, dh))
		src, sStride, dst, dStride, bpp, out = s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], s.Stride, d.Pix, d.Stride, 1, d
	default:
		c := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(c, c.Rect, img, b.Min, draw.Src)
		return ApplyOrientation(c, o)
	}
	if w == 0 || h == 0 {
		return out
	}
	// Walk the destination row by row; (sx, sy) steps through the source along the
	// direction that the orientation maps onto a destination row.
	for dy := 0; dy < dh; dy++ {
		sx, sy, stepX, stepY := orientSource(o, w, h, dy)
		si := sy*sStride + sx*bpp
		step := stepY*sStride + stepX*bpp
		row := dst[dy*dStride : dy*dStride+dw*bpp]
		if bpp == 4 {
			for dx := 0; dx < len(row); dx += 4 {
				copy(row[dx:dx+4], src[si:si+4])
				si += step
			}
		} else {
			for dx := range row {
				row[dx] = src[si]
				si += step
			}
		}
	}
	return out
}

// orientSource gives the source pixel shown at the start of destination row dy and the
// source step for each destination pixel to its right.
func orientSource(o Orientation, w, h, dy int) (sx, sy, stepX, stepY int) {
	switch o {
	case 2: // mirror horizontally
		return w - 1, dy, -1, 0
	case 3: // rotate 180°
		return w - 1, h - 1 - dy, -1, 0
	case 4: // mirror vertically
		return 0, h - 1 - dy, 1, 0
	case 5: // transpose
		return dy, 0, 0, 1
	case 6: // rotate 90° clockwise
		return dy, h - 1, 0, -1
	case 7: // transverse
		return w - 1 - dy, h - 1, 0, -1
	case 8: // rotate 90° counter-clockwise
		return w - 1 - dy, 0, 0, 1
	}
	return 0, dy, 1, 0
}
