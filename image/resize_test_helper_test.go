package image

import (
	stdimage "image"

	"github.com/seed92233726/mediad/image/internal/resample"
)

func resampleLanczos(img stdimage.Image, w, h int) stdimage.Image {
	return resample.Resize(img, w, h, resample.Lanczos3)
}
