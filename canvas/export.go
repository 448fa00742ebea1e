package canvas

import (
	"bytes"
	"encoding/base64"
	"image"
	"io"
	"strings"

	"github.com/seed92233726/mediad/codec"
)

// EncodeOptions tune Encode. The zero value means the browser defaults.
type EncodeOptions struct {
	// Quality is the JPEG/WebP quality in (0, 1]; 0 (or anything outside
	// (0, 1]) means 0.92, toDataURL's default. PNG ignores it.
	Quality float64
	// PNGLevel trades PNG encoding time for size. The zero value, codec.PNGFast,
	// encodes a 1080×1920 poster about 6x faster than codec.PNGDefault for a
	// file about a quarter larger: a poster service is usually bound by CPU.
	PNGLevel codec.PNGLevel
}

// DefaultQuality is toDataURL's JPEG/WebP quality when none (or an invalid one) is given.
const DefaultQuality = 0.92

// formatOf maps a MIME type or short name to "png", "jpeg" or "webp"; ok is
// false for anything else.
func formatOf(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "png", "image/png":
		return "png", true
	case "jpeg", "jpg", "image/jpeg", "image/jpg":
		return "jpeg", true
	case "webp", "image/webp":
		return "webp", true
	}
	return "", false
}

// Encode writes the canvas in format ("png", "jpeg" or "webp", or their MIME
// types). Unknown formats, and formats no encoder is available for, return
// ErrNotSupported. JPEG has no alpha: transparent pixels come out black, as
// in the browser.
func (c *Canvas) Encode(w io.Writer, format string, opts EncodeOptions) error {
	f, ok := formatOf(format)
	if !ok {
		return errorf(ErrNotSupported, "image format %q", format)
	}
	if c.Width() == 0 || c.Height() == 0 {
		return errorf(ErrInvalidState, "cannot encode a canvas with no pixels")
	}
	q := opts.Quality
	if !(q > 0 && q <= 1) {
		q = DefaultQuality
	}
	return encodeImage(w, c.img, f, q, opts.PNGLevel)
}

// encodeImage is the single place that picks an encoder; the codecs are
// package codec's (libjpeg-turbo, libwebp, image/png).
func encodeImage(w io.Writer, img *image.RGBA, format string, quality float64, level codec.PNGLevel) error {
	q := codec.EncodeOptions{Quality: jpegQuality(quality)}
	switch format {
	case "png", "webp":
		// Un-premultiply exactly as getImageData does, so the file holds what
		// a script would read back.
		n := &image.NRGBA{Pix: make([]uint8, len(img.Pix)), Stride: img.Stride, Rect: img.Rect}
		unpremultiplyRow(n.Pix, img.Pix)
		f := codec.PNG
		if format == "webp" {
			f = codec.WebP
			// Chromium encodes WebP losslessly at quality 1.
			q.Lossless = quality >= 1
		} else {
			q.PNGLevel = level
		}
		return codec.Encode(w, n, f, q)
	case "jpeg":
		// Premultiplied RGB with alpha dropped is the browser's "composite
		// onto black".
		return codec.Encode(w, img, codec.JPEG, q)
	}
	return errorf(ErrNotSupported, "no %s encoder available", format)
}

// jpegQuality maps a 0..1 quality to the encoders' 1..100 scale as Chromium
// does (quality × 100, rounded, at least 1).
func jpegQuality(q float64) int {
	v := int(q*100 + 0.5)
	if v < 1 {
		v = 1
	}
	if v > 100 {
		v = 100
	}
	return v
}

// ToDataURL is canvas.toDataURL(type, quality): a data: URL of the canvas
// encoded as type ("image/png" by default; unsupported types fall back to PNG).
// quality in [0, 1] applies to JPEG and WebP; anything else means 0.92. A canvas
// with no pixels returns "data:,".
func (c *Canvas) ToDataURL(mimeType string, quality float64) string {
	if c.Width() == 0 || c.Height() == 0 {
		return "data:,"
	}
	f, ok := formatOf(mimeType)
	if !ok || !strings.HasPrefix(strings.ToLower(strings.TrimSpace(mimeType)), "image/") {
		f = "png"
	}
	if !(quality >= 0 && quality <= 1) {
		quality = DefaultQuality
	}
	var buf bytes.Buffer
	if err := encodeImage(&buf, c.img, f, quality, codec.PNGFast); err != nil {
		// A format without an encoder falls back to PNG, as the spec says.
		buf.Reset()
		f = "png"
		if err := encodeImage(&buf, c.img, f, quality, codec.PNGFast); err != nil {
			return "data:,"
		}
	}
	return "data:image/" + f + ";base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}
