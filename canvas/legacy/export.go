package legacy

import (
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"strings"
	"sync"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec"
	xdraw "golang.org/x/image/draw"
)

// ExportOptions are canvasToTempFilePath's parameters. Zero values mean the
// documented defaults.
type ExportOptions struct {
	// X, Y, Width, Height select the region in CSS pixels. Width 0 means
	// canvas width − X, Height 0 canvas height − Y.
	X, Y, Width, Height float64
	// DestWidth and DestHeight are the output size in pixels (the region is
	// scaled to it); 0 means Width × PixelRatio and Height × PixelRatio.
	DestWidth, DestHeight float64
	// PixelRatio is the canvas's device pixel ratio (0 means 1): CSS pixel
	// coordinates are multiplied by it to address bitmap pixels.
	PixelRatio float64
	// FileType is "png" (the default) or "jpg" ("jpeg" is accepted too).
	FileType string
	// Quality is the JPEG quality in (0, 1]; anything else means 1.0.
	Quality float64
	// MaxPixels bounds DestWidth × DestHeight; 0 means
	// canvas.DefaultLimits.MaxPixels.
	MaxPixels int64
}

// ErrEmptyRegion is returned for an export region or output with no pixels.
var ErrEmptyRegion = errors.New("legacy: export region has no pixels")

// CanvasToTempFilePath is wx.canvasToTempFilePath: it encodes a region of c,
// scaled to the destination size, into a new file in dir (os.TempDir() when
// dir is "") with a unique name and mode 0600, and returns the file's path.
// Pixels of the region that lie outside the canvas are transparent.
func CanvasToTempFilePath(c *canvas.Canvas, opts ExportOptions, dir string) (string, error) {
	format, ext, err := fileType(opts.FileType)
	if err != nil {
		return "", err
	}
	img, err := exportImage(c, opts)
	if err != nil {
		return "", err
	}
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.CreateTemp(dir, "canvas-*."+ext)
	if err != nil {
		return "", fmt.Errorf("legacy: export: %w", err)
	}
	err = encode(f, img, format, opts.Quality)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("legacy: export: %w", err)
	}
	return f.Name(), nil
}

// Export writes the region opts selects, scaled to the destination size, to
// w as PNG or JPEG: CanvasToTempFilePath without the file, for callers that
// stream the image (an HTTP response).
func Export(w io.Writer, c *canvas.Canvas, opts ExportOptions) error {
	format, _, err := fileType(opts.FileType)
	if err != nil {
		return err
	}
	img, err := exportImage(c, opts)
	if err != nil {
		return err
	}
	return encode(w, img, format, opts.Quality)
}

func fileType(t string) (codec.Format, string, error) {
	switch strings.ToLower(t) {
	case "", "png":
		return codec.PNG, "png", nil
	case "jpg", "jpeg":
		return codec.JPEG, "jpg", nil
	}
	return codec.PNG, "", fmt.Errorf("legacy: export: fileType %q is not png or jpg", t)
}

// exportImage resolves the defaults of §3.10 and returns the region of c at
// the destination size (premultiplied). The result may share c's pixels and
// must only be read.
func exportImage(c *canvas.Canvas, o ExportOptions) (*image.RGBA, error) {
	dpr, err := pixelRatio(o.PixelRatio)
	if err != nil {
		return nil, err
	}
	for _, v := range []float64{o.X, o.Y, o.Width, o.Height, o.DestWidth, o.DestHeight} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("legacy: export: %g is not a finite number", v)
		}
	}
	if o.Width < 0 || o.Height < 0 || o.DestWidth < 0 || o.DestHeight < 0 {
		return nil, fmt.Errorf("legacy: export: negative size: %w", ErrEmptyRegion)
	}
	w, h := o.Width, o.Height
	if w == 0 {
		w = float64(c.Width())/dpr - o.X
	}
	if h == 0 {
		h = float64(c.Height())/dpr - o.Y
	}
	if !(w > 0 && h > 0) {
		// Also a default width or height when X or Y lie beyond the canvas.
		return nil, ErrEmptyRegion
	}
	dw, dh := o.DestWidth, o.DestHeight
	if dw == 0 {
		dw = w * dpr
	}
	if dh == 0 {
		dh = h * dpr
	}
	// The region in bitmap pixels; edges round to the nearest pixel.
	src := image.Rectangle{
		Min: image.Pt(clampInt(math.Round(o.X*dpr)), clampInt(math.Round(o.Y*dpr))),
		Max: image.Pt(clampInt(math.Round((o.X+w)*dpr)), clampInt(math.Round((o.Y+h)*dpr))),
	}
	dw, dh = math.Round(dw), math.Round(dh)
	if src.Empty() || dw < 1 || dh < 1 {
		return nil, ErrEmptyRegion
	}
	lim := canvas.DefaultLimits
	if o.MaxPixels > 0 {
		lim.MaxPixels = o.MaxPixels
	}
	if dw > float64(lim.MaxSide) || dh > float64(lim.MaxSide) || dw*dh > float64(lim.MaxPixels) {
		return nil, fmt.Errorf("legacy: export: output %gx%g: %w", dw, dh, canvas.ErrTooLarge)
	}
	pix := c.RGBA()
	if src == pix.Rect && src.Dx() == int(dw) && src.Dy() == int(dh) {
		// The whole canvas at its own size (the default): encode in place.
		return pix, nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, int(dw), int(dh)))
	if src.Dx() == dst.Rect.Dx() && src.Dy() == dst.Rect.Dy() {
		// No scaling: copy what overlaps the canvas; the rest stays transparent.
		xdraw.Draw(dst, dst.Rect, pix, src.Min, xdraw.Src)
		return dst, nil
	}
	// Scaling reads only the part of the region inside the canvas, placed
	// where it falls in the output, so outside pixels stay transparent.
	in := src.Intersect(pix.Rect)
	if in.Empty() {
		return dst, nil
	}
	sx, sy := dw/float64(src.Dx()), dh/float64(src.Dy())
	out := image.Rect(
		int(math.Round(float64(in.Min.X-src.Min.X)*sx)), int(math.Round(float64(in.Min.Y-src.Min.Y)*sy)),
		int(math.Round(float64(in.Max.X-src.Min.X)*sx)), int(math.Round(float64(in.Max.Y-src.Min.Y)*sy)))
	// Catmull-Rom filters properly when shrinking and is sharp when enlarging;
	// premultiplied pixels keep transparent edges from darkening.
	xdraw.CatmullRom.Scale(dst, out, pix, in, xdraw.Src, nil)
	return dst, nil
}

func clampInt(v float64) int {
	return int(max(min(v, math.MaxInt32), math.MinInt32))
}

// encode writes a premultiplied image as PNG (un-premultiplied, so the file
// holds what getImageData would read) or JPEG (composited onto black, as the
// browser exports it).
func encode(f io.Writer, img *image.RGBA, format codec.Format, quality float64) error {
	if format == codec.JPEG {
		if !(quality > 0 && quality <= 1) {
			quality = 1
		}
		q := max(1, min(100, int(quality*100+0.5)))
		return codec.Encode(f, img, codec.JPEG, codec.EncodeOptions{Quality: q})
	}
	// The fast level: an export is on the request path, and its size is
	// within a few per cent of the default level's for poster-like images.
	opts := codec.EncodeOptions{PNGLevel: codec.PNGFast}
	if img.Opaque() {
		// Opaque premultiplied pixels are already straight: no copy.
		return codec.Encode(f, img, codec.PNG, opts)
	}
	n := &image.NRGBA{Pix: make([]uint8, len(img.Pix)), Stride: img.Stride, Rect: img.Rect}
	unpremultiply(n.Pix, img.Pix)
	return codec.Encode(f, n, codec.PNG, opts)
}

// unpremultiply converts premultiplied RGBA to straight RGBA exactly as
// getImageData does (the float32 division of Chromium's pipeline, rounded to
// nearest even), so an exported PNG holds the bytes a script would read.
func unpremultiply(dst, src []uint8) {
	t := unpremulTable()
	for i := 0; i+3 < len(src); i += 4 {
		a := src[i+3]
		switch a {
		case 255:
			copy(dst[i:i+4], src[i:i+4])
		case 0:
			dst[i], dst[i+1], dst[i+2], dst[i+3] = 0, 0, 0, 0
		default:
			row := &t[a]
			dst[i], dst[i+1], dst[i+2], dst[i+3] = row[src[i]], row[src[i+1]], row[src[i+2]], a
		}
	}
}

var unpremulTable = sync.OnceValue(func() *[256][256]uint8 {
	t := new([256][256]uint8)
	for a := 1; a < 256; a++ {
		inv := 1 / (float32(a) * (1.0 / 255))
		for c := range 256 {
			v := min(float32(c)*(1.0/255)*inv, 1)
			t[a][c] = uint8(math.RoundToEven(float64(v * 255)))
		}
	}
	return t
})

// CanvasGetImageData is wx.canvasGetImageData on a bitmap: the un-premultiplied
// RGBA pixels of the w×h rectangle at (x, y), in bitmap pixels. Pixels
// outside the canvas read as transparent black; a zero size is an error.
func CanvasGetImageData(c *canvas.Canvas, x, y, w, h int) (*canvas.ImageData, error) {
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("canvasGetImageData: size %dx%d has no pixels", w, h)
	}
	id, err := c.Context2D().GetImageData(x, y, w, h)
	if err != nil {
		return nil, fmt.Errorf("canvasGetImageData: %w", err)
	}
	return id, nil
}

// CanvasPutImageData is wx.canvasPutImageData: data holds w×h un-premultiplied
// RGBA pixels written with their top-left at (x, y), replacing what is there.
// len(data) must be exactly w×h×4; pixels falling outside the canvas are
// dropped. The drawing state (transform, clip, alpha) does not apply.
func CanvasPutImageData(c *canvas.Canvas, data []uint8, x, y, w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("canvasPutImageData: size %dx%d has no pixels", w, h)
	}
	// Compared in pixels, which cannot overflow for sizes up to 2^31.
	if w > math.MaxInt32 || h > math.MaxInt32 || len(data)%4 != 0 || int64(len(data)/4) != int64(w)*int64(h) {
		return fmt.Errorf("canvasPutImageData: data has %d bytes, want width × height × 4 for %dx%d", len(data), w, h)
	}
	id, err := canvas.NewImageDataFrom(data, w, h)
	if err != nil {
		return fmt.Errorf("canvasPutImageData: %w", err)
	}
	if err := c.Context2D().PutImageData(id, x, y); err != nil {
		return fmt.Errorf("canvasPutImageData: %w", err)
	}
	return nil
}
