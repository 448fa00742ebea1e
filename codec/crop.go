package codec

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"io"

	"github.com/seed92233726/mediad/codec/internal/turbo"
)

// CropJPEG writes the rectangle r of a JPEG file's picture shown with orientation o to
// w as a new, upright JPEG encoded with enc (Quality, Subsampling, Progressive). With
// o = Config.Orientation, r is a rectangle of the upright image; with o = 1 it is one
// of the stored pixels. It does what Decode, ApplyOrientation, SubImage and Encode
// would, without their full-size pixel buffers: for YCbCr and grey files it decodes
// only the rows down to the region's bottom edge and only the iMCU columns that cover
// it, in YCbCr; unturned crops pass a few rows at a time straight from the decoder to
// the encoder, turned ones hold the region (3 bytes a pixel). Other JPEGs (CMYK, YCCK,
// RGB-coded) take the full decode.
//
// data is only read. dec.MaxPixels limits the stored image as in Decode (checked from
// the headers first); dec's target size is ignored. r must lie inside the image.
func CropJPEG(w io.Writer, data []byte, r image.Rectangle, o Orientation, dec DecodeOptions, enc EncodeOptions) error {
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
	if o < 1 || o > 8 {
		o = 1
	}
	uw, uh := cfg.Width, cfg.Height
	if o.SwapsAxes() {
		uw, uh = uh, uw
	}
	if r.Empty() || !r.In(image.Rect(0, 0, uw, uh)) {
		return fmt.Errorf("codec: jpeg: crop rectangle %v is not inside the %dx%d image", r, uw, uh)
	}
	sr := storedRect(r, o, cfg.Width, cfg.Height)
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
		err = turbo.CropRecode(ew, data, sr.Min.X, sr.Min.Y, sr.Dx(), sr.Dy(), int(o), sub, enc.quality(), enc.Progressive)
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
	region := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(sr)
	return Encode(w, ApplyOrientation(region, o), JPEG, enc)
}

// storedRect maps rectangle r of the image shown with orientation o onto the stored
// w×h pixels: the stored pixels of r's first and last corners span it.
func storedRect(r image.Rectangle, o Orientation, w, h int) image.Rectangle {
	a := storedPoint(r.Min.X, r.Min.Y, o, w, h)
	b := storedPoint(r.Max.X-1, r.Max.Y-1, o, w, h)
	return image.Rect(min(a.X, b.X), min(a.Y, b.Y), max(a.X, b.X)+1, max(a.Y, b.Y)+1)
}

// storedPoint is the stored pixel that shows at u,v once orientation o is applied.
func storedPoint(u, v int, o Orientation, w, h int) image.Point {
	switch o {
	case 2:
		return image.Pt(w-1-u, v)
	case 3:
		return image.Pt(w-1-u, h-1-v)
	case 4:
		return image.Pt(u, h-1-v)
	case 5:
		return image.Pt(v, u)
	case 6:
		return image.Pt(v, h-1-u)
	case 7:
		return image.Pt(w-1-v, h-1-u)
	case 8:
		return image.Pt(w-1-v, u)
	}
	return image.Pt(u, v)
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

// DecodeRegion decodes the rectangle r of an image's picture shown with orientation o
// (r on the upright image when o is Config.Orientation, on the stored pixels when o is
// 1) and returns it upright, with bounds (0,0)–r.Size(). For YCbCr and grey JPEGs only
// the rows down to the region's bottom edge and the iMCU columns over it are decoded,
// into a buffer of the region's size (*image.RGBA, or *image.Gray for grey files);
// other images are decoded whole and cut. Limits and errors are Decode's; r must lie
// inside the image.
func DecodeRegion(data []byte, r image.Rectangle, o Orientation, opts DecodeOptions) (image.Image, Config, error) {
	cfg, err := checkData(data, opts, 1)
	if err != nil {
		return nil, cfg, err
	}
	if o < 1 || o > 8 {
		o = 1
	}
	uw, uh := cfg.Width, cfg.Height
	if o.SwapsAxes() {
		uw, uh = uh, uw
	}
	if r.Empty() || !r.In(image.Rect(0, 0, uw, uh)) {
		return nil, cfg, fmt.Errorf("codec: %s: region %v is not inside the %dx%d image", cfg.Format, r, uw, uh)
	}
	sr := storedRect(r, o, cfg.Width, cfg.Height)
	var region image.Image
	if cfg.Format == JPEG {
		if err := checkJPEGStream(data); err != nil {
			return nil, cfg, corrupt(JPEG, err)
		}
		if h, err := turbo.ReadHeader(data); err == nil && h.Width == cfg.Width && h.Height == cfg.Height {
			var pix []byte
			var stride int
			gray := h.Colorspace == turbo.CSGray
			if gray {
				m := image.NewGray(sr)
				region, pix, stride = m, m.Pix, m.Stride
			} else {
				m := image.NewRGBA(sr)
				region, pix, stride = m, m.Pix, m.Stride
			}
			err := turbo.DecodeRegion(data, pix, sr.Min.X, sr.Min.Y, sr.Dx(), sr.Dy(), stride, gray)
			if errors.Is(err, turbo.ErrColorspace) {
				region = nil
			} else if err != nil {
				return nil, cfg, corrupt(JPEG, err)
			}
		}
	}
	if region == nil {
		img, err := decodeFirst(data, cfg, DecodeOptions{MaxPixels: opts.MaxPixels})
		if err != nil {
			return nil, cfg, corrupt(cfg.Format, err)
		}
		b := img.Bounds()
		region = subImage(img, sr.Add(b.Min))
	}
	out := ApplyOrientation(region, o)
	if b := out.Bounds(); b.Min != (image.Point{}) {
		out = translate(out)
	}
	return out, cfg, nil
}

// subImage cuts r out of img, sharing its pixels when the type allows.
func subImage(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	m := image.NewRGBA(r)
	draw.Draw(m, r, img, r.Min, draw.Src)
	return m
}

// translate moves an image's bounds to the origin, without copying the pixels of the
// types the decoders return most.
func translate(img image.Image) image.Image {
	b := img.Bounds()
	r := image.Rect(0, 0, b.Dx(), b.Dy())
	switch m := img.(type) {
	case *image.RGBA:
		return &image.RGBA{Pix: m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], Stride: m.Stride, Rect: r}
	case *image.NRGBA:
		return &image.NRGBA{Pix: m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], Stride: m.Stride, Rect: r}
	case *image.Gray:
		return &image.Gray{Pix: m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], Stride: m.Stride, Rect: r}
	}
	out := image.NewRGBA(r)
	draw.Draw(out, r, img, b.Min, draw.Src)
	return out
}
