package canvas

import (
	"image"
	"image/color"
)

// DefaultWidth and DefaultHeight are the size of a canvas element that has no
// width/height attributes.
const (
	DefaultWidth  = 300
	DefaultHeight = 150
)

// Canvas is a bitmap with one 2D rendering context, like an HTML <canvas>.
// Its pixels are premultiplied RGBA; RGBA hands them out without copying.
type Canvas struct {
	img    *image.RGBA
	limits Limits
	ctx    *Context2D
}

// NewCanvas returns a transparent w×h canvas under DefaultLimits.
func NewCanvas(w, h int) (*Canvas, error) { return NewCanvasWithLimits(w, h, DefaultLimits) }

// NewCanvasWithLimits returns a transparent w×h canvas; the size, and every later
// SetWidth/SetHeight, is checked against lim before allocating.
func NewCanvasWithLimits(w, h int, lim Limits) (*Canvas, error) {
	if err := lim.check(w, h); err != nil {
		return nil, err
	}
	return &Canvas{img: newRGBA(w, h), limits: lim.normalized()}, nil
}

func newRGBA(w, h int) *image.RGBA { return image.NewRGBA(image.Rect(0, 0, w, h)) }

// Width is the bitmap width in pixels.
func (c *Canvas) Width() int { return c.img.Rect.Dx() }

// Height is the bitmap height in pixels.
func (c *Canvas) Height() int { return c.img.Rect.Dy() }

// SetWidth sets the bitmap width. As in the browser, assigning the width — even
// the same value — clears the bitmap to transparent black and resets the
// context's state (styles, transform, clip, path, state stack).
func (c *Canvas) SetWidth(w int) error { return c.resize(w, c.Height()) }

// SetHeight sets the bitmap height, with the same reset as SetWidth.
func (c *Canvas) SetHeight(h int) error { return c.resize(c.Width(), h) }

// SetSize sets both dimensions with one reset.
func (c *Canvas) SetSize(w, h int) error { return c.resize(w, h) }

func (c *Canvas) resize(w, h int) error {
	if err := c.limits.check(w, h); err != nil {
		return err
	}
	if w == c.Width() && h == c.Height() {
		clear(c.img.Pix)
	} else {
		// Drop the old bitmap before allocating the new one, so that a resize
		// does not hold both at once.
		c.img = nil
		c.img = newRGBA(w, h)
	}
	if c.ctx != nil {
		c.ctx.resetState()
	}
	return nil
}

// GetContext returns the canvas's 2D context, creating it on first use; the same
// context is returned every time. Only "2d" is supported: other types return
// ErrNotSupported (the browser returns null).
func (c *Canvas) GetContext(contextType string) (*Context2D, error) {
	if contextType != "2d" {
		return nil, errorf(ErrNotSupported, "context type %q", contextType)
	}
	if c.ctx == nil {
		c.ctx = newContext2D(c)
	}
	return c.ctx, nil
}

// Context2D is GetContext("2d") without the error.
func (c *Canvas) Context2D() *Context2D {
	ctx, _ := c.GetContext("2d")
	return ctx
}

// RGBA returns the canvas's pixels without copying: premultiplied RGBA, the
// same memory the context draws into. It stays valid until the next
// SetWidth/SetHeight/SetSize with a different size.
func (c *Canvas) RGBA() *image.RGBA { return c.img }

// Canvas is an image.Image (premultiplied RGBA), so it can be handed to
// image/draw, image/png or codec.Encode directly; RGBA is the faster view.

// Bounds is the canvas rectangle.
func (c *Canvas) Bounds() image.Rectangle { return c.img.Rect }

// ColorModel is color.RGBAModel.
func (c *Canvas) ColorModel() color.Model { return color.RGBAModel }

// At returns the premultiplied colour of pixel (x, y).
func (c *Canvas) At(x, y int) color.Color { return c.img.RGBAAt(x, y) }

// snapshot returns a copy of the bitmap (what a pattern or drawImage takes).
func (c *Canvas) snapshot() *image.RGBA {
	cp := newRGBA(c.Width(), c.Height())
	copy(cp.Pix, c.img.Pix)
	return cp
}

// OffscreenCanvas is wx.createOffscreenCanvas / the Web OffscreenCanvas: a
// Canvas created for one context type. GetContext fails when asked for another
// type (WeChat forbids mixing), and only "2d" can be created here.
type OffscreenCanvas struct {
	Canvas
	kind string
}

// NewOffscreenCanvas returns a w×h offscreen canvas for contextType ("2d"), under
// DefaultLimits. An empty type means "2d" (the Web OffscreenCanvas constructor
// has no type; WeChat's default, "webgl", is not available here).
func NewOffscreenCanvas(contextType string, w, h int) (*OffscreenCanvas, error) {
	return NewOffscreenCanvasWithLimits(contextType, w, h, DefaultLimits)
}

// NewOffscreenCanvasWithLimits is NewOffscreenCanvas with explicit limits.
func NewOffscreenCanvasWithLimits(contextType string, w, h int, lim Limits) (*OffscreenCanvas, error) {
	if contextType == "" {
		contextType = "2d"
	}
	if contextType != "2d" {
		return nil, errorf(ErrNotSupported, "offscreen canvas type %q", contextType)
	}
	c, err := NewCanvasWithLimits(w, h, lim)
	if err != nil {
		return nil, err
	}
	return &OffscreenCanvas{Canvas: *c, kind: contextType}, nil
}

// Type is the context type the canvas was created for.
func (o *OffscreenCanvas) Type() string { return o.kind }

// GetContext returns the 2D context; asking for a type other than the creation
// type fails with ErrInvalidState.
func (o *OffscreenCanvas) GetContext(contextType string) (*Context2D, error) {
	if contextType != o.kind {
		return nil, errorf(ErrInvalidState, "offscreen canvas of type %q cannot give a %q context", o.kind, contextType)
	}
	return o.Canvas.GetContext(contextType)
}
