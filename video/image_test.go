package video

import (
	"image"
	"image/draw"
)

// imageBytes returns img's pixels as tightly packed RGBA.
func imageBytes(img image.Image) []byte {
	b := img.Bounds()
	rgba, ok := img.(*image.RGBA)
	if !ok || rgba.Stride != 4*b.Dx() {
		rgba = image.NewRGBA(b)
		draw.Draw(rgba, b, img, b.Min, draw.Src)
	}
	return rgba.Pix
}
