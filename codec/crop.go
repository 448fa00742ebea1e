package codec

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"

	"github.com/seed92233726/mediad/codec/internal/turbo"
)

// CropJPEG writes the rectangle r of a JPEG file's stored pixels (before Orientation,
// like Decode's result) to w as a new JPEG encoded with enc (Quality, Subsampling,
// Progressive). It does what Decode, SubImage and Encode would, without their
// full-size pixel buffer: for YCbCr and grey files it decodes only the rows down to
// r's bottom edge and only the iMCU columns that cover r, passing a few rows at a time
// straight from the decoder to the encoder in YCbCr, so memory is the input, a few
// rows and the output. Other JPEGs (CMYK, YCCK, RGB-coded) take the full decode.
//
// data is only read. dec.MaxPixels limits the stored image as in Decode (checked from
// the headers first); dec's target size is ignored. r must lie inside the image.
func CropJPEG(w io.Writer, data []byte, r image.Rectangle, dec DecodeOptions, enc EncodeOptions) error {
	cfg, err := DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if cfg.Format != JPEG {
		return newErr(cfg.Format, ErrUnsupportedFormat, "CropJPEG needs a JPEG")
	}
	if px, limit := cfg.Pixels(), dec.maxPixels(); px > limit {
		return newErr(JPEG, ErrTooLarge, "%dx%d exceeds the limit of %d pixels", cfg.Width, cfg.Height, limit)
	}
	if r.Empty() || !r.In(image.Rect(0, 0, cfg.Width, cfg.Height)) {
		return fmt.Errorf("codec: jpeg: crop rectangle %v is not inside the %dx%d image", r, cfg.Width, cfg.Height)
	}
	if err := checkJPEGStream(data); err != nil {
		return corrupt(JPEG, err)
	}
	sub := turbo.Samp420
	switch enc.Subsampling {
	case Subsampling444:
		sub = turbo.Samp444
	case Subsampling422:
		sub = turbo.Samp422
	}
	h, err := turbo.ReadHeader(data)
	if err == nil && h.Width == cfg.Width && h.Height == cfg.Height {
		// Writer errors are the caller's; they must not come back as ErrCorrupt.
		ew := &errWriter{w: w}
		err = turbo.CropRecode(ew, data, r.Min.X, r.Min.Y, r.Dx(), r.Dy(), sub, enc.quality(), enc.Progressive)
		switch {
		case ew.err != nil:
			return fmt.Errorf("codec: jpeg: encode: %w", ew.err)
		case err == nil:
			return nil
		case !errors.Is(err, turbo.ErrColorspace):
			return corrupt(JPEG, err)
		}
	}
	img, err := decodeJPEG(data, cfg, DecodeOptions{MaxPixels: dec.MaxPixels})
	if err != nil {
		return corrupt(JPEG, err)
	}
	return Encode(w, img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r), JPEG, enc)
}

// errWriter remembers the first error of the writer it wraps.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}
