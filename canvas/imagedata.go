package canvas

import (
	"image"
	"math"
)

// ImageData is un-premultiplied RGBA pixels, row-major from the top-left,
// 4 bytes per pixel (the data of a JS ImageData; the binding shares Data with a
// Uint8ClampedArray).
type ImageData struct {
	Width, Height int
	Data          []uint8
	// ColorSpace is always "srgb".
	ColorSpace string
}

// NewImageData returns transparent black w×h ImageData (new ImageData(w, h)).
// Zero sizes return ErrIndexSize; sizes over DefaultLimits return ErrTooLarge.
func NewImageData(w, h int) (*ImageData, error) {
	return newImageData(w, h, DefaultLimits)
}

// NewImageDataFrom wraps data (new ImageData(data, w, h)): len(data) must be a
// non-zero multiple of 4*w and, when h > 0, equal 4*w*h. h = 0 derives the
// height from the length. The slice is used, not copied.
func NewImageDataFrom(data []uint8, w, h int) (*ImageData, error) {
	if len(data) == 0 || len(data)%4 != 0 {
		return nil, errorf(ErrInvalidState, "the input data length is not a non-zero multiple of 4")
	}
	if w <= 0 {
		return nil, errorf(ErrIndexSize, "the source width is zero or not a number")
	}
	if (len(data)/4)%w != 0 {
		return nil, errorf(ErrIndexSize, "the input data length is not a multiple of (4 * width)")
	}
	rows := len(data) / 4 / w
	if h > 0 && h != rows {
		return nil, errorf(ErrIndexSize, "the input data length is not equal to (4 * width * height)")
	}
	return &ImageData{Width: w, Height: rows, Data: data, ColorSpace: "srgb"}, nil
}

func newImageData(w, h int, lim Limits) (*ImageData, error) {
	if w == 0 || h == 0 {
		return nil, errorf(ErrIndexSize, "the source %s is 0", map[bool]string{true: "width", false: "height"}[w == 0])
	}
	if err := lim.check(w, h); err != nil {
		return nil, err
	}
	return &ImageData{Width: w, Height: h, Data: make([]uint8, 4*w*h), ColorSpace: "srgb"}, nil
}

// The sizes and offsets below are WebIDL "long" in the spec; the binding
// converts JavaScript numbers to them (truncation, NaN → 0) before calling.

// clampLong limits an argument to the range of WebIDL long, so that the
// rectangle arithmetic below cannot overflow whatever a Go caller passes.
func clampLong(v int) int {
	return max(min(v, math.MaxInt32), math.MinInt32)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// CreateImageData returns transparent black ImageData of |sw|×|sh| pixels; a
// zero size returns ErrIndexSize.
func (c *Context2D) CreateImageData(sw, sh int) (*ImageData, error) {
	return newImageData(abs(clampLong(sw)), abs(clampLong(sh)), c.canvas.limits)
}

// CreateImageDataFrom returns transparent black ImageData the size of src.
func (c *Context2D) CreateImageDataFrom(src *ImageData) (*ImageData, error) {
	if src == nil {
		return nil, errorf(ErrType, "no ImageData")
	}
	return newImageData(src.Width, src.Height, c.canvas.limits)
}

// GetImageData copies the sw×sh rectangle at (sx, sy) out of the canvas,
// un-premultiplied. Negative sizes select the rectangle leftwards/upwards;
// pixels outside the canvas read as transparent black. A zero size returns
// ErrIndexSize. The transform, clip and alpha are ignored, as the spec says.
func (c *Context2D) GetImageData(sx, sy, sw, sh int) (*ImageData, error) {
	sx, sy, sw, sh = clampLong(sx), clampLong(sy), clampLong(sw), clampLong(sh)
	if sw == 0 || sh == 0 {
		return nil, errorf(ErrIndexSize, "the source %s is 0", map[bool]string{true: "width", false: "height"}[sw == 0])
	}
	if sw < 0 {
		sx, sw = sx+sw, -sw
	}
	if sh < 0 {
		sy, sh = sy+sh, -sh
	}
	id, err := newImageData(sw, sh, c.canvas.limits)
	if err != nil {
		return nil, err
	}
	img := c.canvas.img
	r := image.Rect(sx, sy, sx+sw, sy+sh).Intersect(img.Rect)
	if r.Empty() {
		return id, nil
	}
	n := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		srow := img.Pix[y*img.Stride+r.Min.X*4:][:n*4]
		drow := id.Data[((y-sy)*id.Width+r.Min.X-sx)*4:][:n*4]
		unpremultiplyRow(drow, srow)
	}
	return id, nil
}

// PutImageData writes src at (dx, dy), replacing pixels (no compositing, no
// transform, clip, alpha or shadow).
func (c *Context2D) PutImageData(src *ImageData, dx, dy int) error {
	if src == nil {
		return errorf(ErrType, "no ImageData")
	}
	return c.PutImageDataDirty(src, dx, dy, 0, 0, src.Width, src.Height)
}

// PutImageDataDirty is putImageData with a dirty rectangle (dirtyX, dirtyY,
// dirtyWidth, dirtyHeight) in src's coordinates that limits what is written;
// negative dirty sizes extend leftwards/upwards.
func (c *Context2D) PutImageDataDirty(src *ImageData, dx, dy, dirtyX, dirtyY, dirtyW, dirtyH int) error {
	if src == nil {
		return errorf(ErrType, "no ImageData")
	}
	if src.Width < 0 || src.Height < 0 || len(src.Data) < 4*src.Width*src.Height {
		return errorf(ErrInvalidState, "ImageData data is shorter than 4*width*height")
	}
	dx, dy = clampLong(dx), clampLong(dy)
	dirtyX, dirtyY, dirtyW, dirtyH = clampLong(dirtyX), clampLong(dirtyY), clampLong(dirtyW), clampLong(dirtyH)
	if dirtyW < 0 {
		dirtyX, dirtyW = dirtyX+dirtyW, -dirtyW
	}
	if dirtyH < 0 {
		dirtyY, dirtyH = dirtyY+dirtyH, -dirtyH
	}
	// The dirty rect clamped to the ImageData, moved to canvas space and
	// clamped to the canvas (spec steps 3–6).
	dirty := image.Rect(dirtyX, dirtyY, dirtyX+dirtyW, dirtyY+dirtyH).Intersect(image.Rect(0, 0, src.Width, src.Height))
	img := c.canvas.img
	r := dirty.Add(image.Pt(dx, dy)).Intersect(img.Rect)
	if r.Empty() {
		return nil
	}
	n := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		srow := src.Data[((y-dy)*src.Width+r.Min.X-dx)*4:][:n*4]
		drow := img.Pix[y*img.Stride+r.Min.X*4:][:n*4]
		premultiplyRow(drow, srow)
	}
	return nil
}

// premultiplyRow converts un-premultiplied RGBA to premultiplied, rounding as
// Chromium's raster pipeline does: round(c·a/255).
func premultiplyRow(dst, src []uint8) {
	for i := 0; i+3 < len(src) && i+3 < len(dst); i += 4 {
		a := uint32(src[i+3])
		switch a {
		case 255:
			copy(dst[i:i+4], src[i:i+4])
		case 0:
			dst[i], dst[i+1], dst[i+2], dst[i+3] = 0, 0, 0, 0
		default:
			// c·a/255 is never exactly x.5, so rounding half up is exact.
			dst[i] = uint8((uint32(src[i])*a*2 + 255) / 510)
			dst[i+1] = uint8((uint32(src[i+1])*a*2 + 255) / 510)
			dst[i+2] = uint8((uint32(src[i+2])*a*2 + 255) / 510)
			dst[i+3] = uint8(a)
		}
	}
}

// unpremultiplyRow converts premultiplied RGBA to un-premultiplied the way
// Chromium's getImageData does (Skia's unpremul stage in float32, then
// round-to-nearest-even to 8 bits): (1, 2, 2, 3) becomes (85, 170, 170, 3),
// so low-alpha colours lose precision exactly as in the browser.
func unpremultiplyRow(dst, src []uint8) {
	for i := 0; i+3 < len(src) && i+3 < len(dst); i += 4 {
		a := src[i+3]
		switch a {
		case 255:
			copy(dst[i:i+4], src[i:i+4])
		case 0:
			dst[i], dst[i+1], dst[i+2], dst[i+3] = 0, 0, 0, 0
		default:
			dst[i] = unpremulTable[a][src[i]]
			dst[i+1] = unpremulTable[a][src[i+1]]
			dst[i+2] = unpremulTable[a][src[i+2]]
			dst[i+3] = a
		}
	}
}

// unpremulTable[a][c] is the un-premultiplied value of channel c at alpha a.
var unpremulTable = func() *[256][256]uint8 {
	var t [256][256]uint8
	for a := 1; a < 256; a++ {
		inv := float32(1) / (float32(a) * (1.0 / 255))
		for c := 0; c < 256; c++ {
			v := float32(c) * (1.0 / 255) * inv
			if v > 1 {
				v = 1
			}
			t[a][c] = uint8(math.RoundToEven(float64(v * 255)))
		}
	}
	return &t
}()
