package canvas

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/seed92233726/mediad/codec"
)

// Image is a decoded picture that can be drawn (DrawImage) or tiled
// (CreatePatternFrom): the Go side of canvas.createImage() / new Image().
// Its pixels are premultiplied RGBA in display orientation — the EXIF
// orientation has been applied as browsers apply it — and never change after
// loading, so one Image may be drawn by many contexts at once.
type Image struct {
	img    *image.RGBA
	src    string
	opaque bool // every pixel has alpha 255: enables the copying blit

	mipMu sync.Mutex
	mips  []*image.RGBA // downscaled levels for "low" shrinking, built on demand

	svg       []byte      // the document of an SVG image, redrawn at drawing scale
	svgRaster *image.RGBA // its last raster at a drawing scale …
	svgScale  [2]float64  // … and that scale
}

// ErrImageSource reports an image source that cannot be loaded: an unknown
// scheme, a remote URL without a fetcher, a malformed data: URL, a file or
// body over the byte limit. Decoding failures wrap the codec's errors
// (codec.ErrUnsupportedFormat, codec.ErrCorrupt, codec.ErrTooLarge) instead.
var ErrImageSource = errors.New("image source cannot be loaded")

// ImageLoadOptions bound and route LoadImage. The zero value loads bytes,
// data: URLs and local paths (opened as given) up to the default limits and
// refuses http(s) URLs.
type ImageLoadOptions struct {
	// MaxBytes bounds the encoded size read from a file, a data: URL or a
	// fetch; 0 means 64 MiB.
	MaxBytes int64
	// MaxPixels bounds width×height of the decoded image, checked from the
	// headers before any pixel buffer is allocated; 0 means
	// codec.DefaultMaxPixels.
	MaxPixels int64
	// Root, when set, confines file paths to one directory: "/img/a.png" and
	// "img/a.png" both name root/img/a.png, and neither ".." nor symbolic links
	// can leave it.
	Root *os.Root
	// Fetch loads http and https URLs. Nil refuses them; the script layer
	// supplies its sandboxed fetcher (allow-list, address checks, timeouts).
	// At most MaxBytes of the body are read.
	Fetch func(ctx context.Context, url string) (io.ReadCloser, error)
}

func (o ImageLoadOptions) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return 64 << 20
	}
	return o.MaxBytes
}

// LoadImage loads src the way an Image's src attribute does: a data: URL, an
// http(s) URL (through opts.Fetch) or a file path.
func LoadImage(ctx context.Context, src string, opts ImageLoadOptions) (*Image, error) {
	scheme, _, hasScheme := strings.Cut(src, ":")
	if !hasScheme {
		scheme = ""
	}
	switch strings.ToLower(scheme) {
	case "data":
		data, err := decodeDataURL(src, opts.maxBytes())
		if err != nil {
			return nil, err
		}
		img, err := NewImageFromBytes(data, opts)
		if img != nil {
			img.src = src
		}
		return img, err
	case "http", "https":
		return fetchImage(ctx, src, opts)
	}
	if len(scheme) > 1 && !strings.ContainsAny(scheme, `/\.`) {
		// "file:", "ftp:", "blob:" …: nothing here can resolve them.
		return nil, fmt.Errorf("%w: unsupported URL scheme %q", ErrImageSource, scheme)
	}
	return loadImageFile(src, opts)
}

// NewImageFromBytes decodes an encoded image (any format codec reads).
func NewImageFromBytes(data []byte, opts ImageLoadOptions) (*Image, error) {
	if int64(len(data)) > opts.maxBytes() {
		return nil, fmt.Errorf("%w: %d bytes (max %d)", ErrImageSource, len(data), opts.maxBytes())
	}
	return decodeImage(data, opts)
}

// NewImageFromImage wraps an already decoded image (copying and
// premultiplying its pixels). No orientation is applied.
func NewImageFromImage(src image.Image) (*Image, error) {
	if src == nil {
		return nil, errorf(ErrType, "no image")
	}
	b := src.Bounds()
	if err := DefaultLimits.check(b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	return newImage(toRGBA(src)), nil
}

func newImage(img *image.RGBA) *Image {
	im := &Image{img: img, opaque: true}
	w := 4 * img.Rect.Dx()
	for y := 0; y < img.Rect.Dy() && im.opaque; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 255 {
				im.opaque = false
				break
			}
		}
	}
	return im
}

// toRGBA returns src as premultiplied RGBA with bounds at the origin, without
// copying when it already is.
func toRGBA(src image.Image) *image.RGBA {
	b := src.Bounds()
	if r, ok := src.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return r
	}
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Rect, src, b.Min, draw.Src)
	return dst
}

// decodeImage decodes a raster image through codec, or rasterises an SVG
// document at its own size (within MaxPixels).
func decodeImage(data []byte, opts ImageLoadOptions) (*Image, error) {
	if looksLikeSVG(data) {
		return rasterSVG(data, 0, 0, opts.MaxPixels, 0, 0)
	}
	img, cfg, err := codec.Decode(bytes.NewReader(data), codec.DecodeOptions{MaxPixels: opts.MaxPixels})
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("%w: image has no pixels", codec.ErrCorrupt)
	}
	rgba := toRGBA(img)
	if o := cfg.DisplayOrientation(); o > 1 {
		rgba = toRGBA(codec.ApplyOrientation(rgba, o))
	}
	return newImage(rgba), nil
}

func loadImageFile(p string, opts ImageLoadOptions) (*Image, error) {
	if p == "" || strings.ContainsRune(p, 0) {
		return nil, fmt.Errorf("%w: invalid path %q", ErrImageSource, p)
	}
	var f *os.File
	var err error
	if opts.Root != nil {
		rel := strings.TrimLeft(p, "/")
		if rel == "" {
			rel = "."
		}
		f, err = opts.Root.Open(rel)
	} else {
		f, err = os.Open(p)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %q is not a regular file", ErrImageSource, p)
	}
	max := opts.maxBytes()
	if st.Size() > max {
		return nil, fmt.Errorf("%w: %q is larger than %d bytes", ErrImageSource, p, max)
	}
	data, err := readLimited(f, max)
	if err != nil {
		return nil, err
	}
	img, err := decodeImage(data, opts)
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", p, err)
	}
	img.src = p
	return img, nil
}

func fetchImage(ctx context.Context, src string, opts ImageLoadOptions) (*Image, error) {
	if opts.Fetch == nil {
		return nil, fmt.Errorf("%w: remote images are not enabled (%s)", ErrImageSource, src)
	}
	body, err := opts.Fetch(ctx, src)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	data, err := readLimited(body, opts.maxBytes())
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", src, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	img, err := decodeImage(data, opts)
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", src, err)
	}
	img.src = src
	return img, nil
}

// readLimited reads r to the end, failing once it has seen more than max bytes
// (the file may grow, or the body may be longer than announced).
func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrImageSource, max)
	}
	return data, nil
}

// decodeDataURL returns the payload of a data: URL (RFC 2397): base64 when the
// media type ends in ";base64", percent-encoded otherwise. The size is checked
// on the encoded text before anything is decoded.
func decodeDataURL(s string, max int64) ([]byte, error) {
	_, rest, _ := strings.Cut(s, ":")
	meta, payload, ok := strings.Cut(rest, ",")
	if !ok {
		return nil, fmt.Errorf("%w: data: URL without a comma", ErrImageSource)
	}
	// Base64 needs 4/3 as many characters as bytes, percent-encoding up to 3.
	if int64(len(payload)) > 3*max+16 {
		return nil, fmt.Errorf("%w: data: URL longer than %d bytes", ErrImageSource, max)
	}
	var data []byte
	var err error
	if strings.HasSuffix(strings.ToLower(strings.TrimSpace(meta)), ";base64") {
		// Browsers accept URL-escaped payloads, spaces and missing padding.
		payload = percentDecode(payload)
		payload = strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\t', '\n', '\r', '\f':
				return -1
			}
			return r
		}, payload)
		payload = strings.TrimRight(payload, "=")
		data, err = base64.RawStdEncoding.DecodeString(payload)
	} else {
		data = []byte(percentDecode(payload))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: malformed data: URL: %v", ErrImageSource, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %d bytes (max %d)", ErrImageSource, len(data), max)
	}
	return data, nil
}

// percentDecode decodes %XX escapes as the URL standard does: a "%" not
// followed by two hex digits stays as it is (an SVG's width="100%" in a
// data: URL is common).
func percentDecode(s string) string {
	if !strings.ContainsRune(s, '%') {
		return s
	}
	unhex := func(c byte) (byte, bool) {
		switch {
		case '0' <= c && c <= '9':
			return c - '0', true
		case 'a' <= c && c <= 'f':
			return c - 'a' + 10, true
		case 'A' <= c && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

// Width is the image's width in display orientation (naturalWidth).
func (i *Image) Width() int {
	if i == nil || i.img == nil {
		return 0
	}
	return i.img.Rect.Dx()
}

// Height is the image's height in display orientation (naturalHeight).
func (i *Image) Height() int {
	if i == nil || i.img == nil {
		return 0
	}
	return i.img.Rect.Dy()
}

// Src is what the image was loaded from (a path, URL or data: URL); empty for
// images made from bytes or image.Image values.
func (i *Image) Src() string { return i.src }

// Image is an image.Image of premultiplied RGBA pixels.

// Bounds is the image rectangle, at the origin.
func (i *Image) Bounds() image.Rectangle { return i.img.Rect }

// ColorModel is color.RGBAModel.
func (i *Image) ColorModel() color.Model { return color.RGBAModel }

// At returns the premultiplied colour of pixel (x, y).
func (i *Image) At(x, y int) color.Color { return i.img.RGBAAt(x, y) }

// RGBA returns the pixels without copying; callers must not modify them.
func (i *Image) RGBA() *image.RGBA { return i.img }
