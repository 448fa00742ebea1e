package canvas

import (
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// Context2D is CanvasRenderingContext2D for a Canvas or OffscreenCanvas.
// Obtain it with Canvas.GetContext("2d").
type Context2D struct {
	canvas *Canvas
	st     drawState
	stack  []drawState

	// path is the current default path in device space: points are transformed
	// by the CTM when moveTo/lineTo/… are called, as the spec requires.
	path geom.Path

	// Scratch owned by the context and reused by every draw call.
	rast       raster.Rasterizer
	work       geom.Path    // device path of a Path2D or a rect
	stroked    geom.Path    // stroker output
	stroker    geom.Stroker // keeps the stroker's scratch between calls
	src        []uint8      // shader output span (premultiplied RGBA)
	cov        []uint8      // coverage span
	shape      raster.Mask  // shape coverage for operators that clear outside it
	shadowPath geom.Path    // the shape moved by the shadow offset
	shadowMask raster.Mask  // its coverage
	layer      []uint8      // shadow alpha layer
	flayer     []uint8      // filter layer (premultiplied RGBA)
	fplanes    [4][]uint8   // single channels of the filter layer
	fpath      geom.Path    // a path moved into the filter layer
	painter    *spanPainter // composites the spans of unbanded fills
	rows       rowJob       // the row job of a whole-row draw
	rowFn      func(y int, src, cov []uint8)
	pool       []*worker  // band workers, created on first use
	colors     colorCache // recently parsed fillStyle/strokeStyle strings
}

func newContext2D(c *Canvas) *Context2D {
	ctx := &Context2D{canvas: c, st: defaultState(), painter: newSpanPainter()}
	ctx.rowFn = ctx.rows.row // bound once: passing it on allocates nothing
	return ctx
}

// Canvas returns the canvas this context draws into.
func (c *Context2D) Canvas() *Canvas { return c.canvas }

func (c *Context2D) resetState() {
	c.st = defaultState()
	c.stack = c.stack[:0]
	c.path.Reset()
}

// Save pushes the drawing state (styles, transform, clip, line, shadow, text
// and smoothing attributes) onto the stack. The current path is not part of it.
func (c *Context2D) Save() {
	c.stack = append(c.stack, c.st)
}

// Restore pops the drawing state; with an empty stack it does nothing.
func (c *Context2D) Restore() {
	if n := len(c.stack); n > 0 {
		c.st = c.stack[n-1]
		c.stack[n-1] = drawState{} // release references (patterns, masks)
		c.stack = c.stack[:n-1]
	}
}

// Reset is ctx.reset(): clears the bitmap to transparent black and resets the
// drawing state, the state stack and the current path.
func (c *Context2D) Reset() {
	clear(c.canvas.img.Pix)
	c.resetState()
}

// IsContextLost is always false: a server-side context is never lost.
func (c *Context2D) IsContextLost() bool { return false }

// ContextAttributes is the dictionary getContextAttributes returns.
type ContextAttributes struct {
	Alpha              bool
	ColorSpace         string // "srgb"
	ColorType          string // "unorm8": 8 bits per channel
	Desynchronized     bool
	WillReadFrequently bool
}

// GetContextAttributes returns the attributes the context was created with;
// contexts here always have alpha, in sRGB.
func (c *Context2D) GetContextAttributes() ContextAttributes {
	return ContextAttributes{Alpha: true, ColorSpace: "srgb", ColorType: "unorm8"}
}

// --- transforms ---

// The transform methods round their arguments to float32 before the (float64)
// matrix product, as Chromium does; rotate keeps its angle in float64. This
// is visible through getTransform, so the binding sees Chromium's numbers.

// Scale post-multiplies a scale; non-finite arguments make it a no-op.
func (c *Context2D) Scale(x, y float64) {
	if finite(x, y) {
		c.st.ctm = c.st.ctm.Mul(geom.Scale(f32(x), f32(y)))
	}
}

// Rotate post-multiplies a clockwise rotation by angle radians.
func (c *Context2D) Rotate(angle float64) {
	if finite(angle) {
		c.st.ctm = c.st.ctm.Mul(geom.Rotate(angle))
	}
}

// Translate post-multiplies a translation.
func (c *Context2D) Translate(x, y float64) {
	if finite(x, y) {
		c.st.ctm = c.st.ctm.Mul(geom.Translate(f32(x), f32(y)))
	}
}

// Transform post-multiplies the matrix (a, b, c, d, e, f).
func (c *Context2D) Transform(a, b, cc, d, e, f float64) {
	if finite(a, b, cc, d, e, f) {
		c.st.ctm = c.st.ctm.Mul(f32Matrix(a, b, cc, d, e, f))
	}
}

// SetTransform replaces the matrix with (a, b, c, d, e, f).
func (c *Context2D) SetTransform(a, b, cc, d, e, f float64) {
	if finite(a, b, cc, d, e, f) {
		c.st.ctm = f32Matrix(a, b, cc, d, e, f)
	}
}

// SetTransformMatrix is setTransform(matrix); a matrix with non-finite entries
// is ignored. (Use MatrixInit.Matrix to validate a DOMMatrix2DInit first.)
func (c *Context2D) SetTransformMatrix(m Matrix) {
	if m.IsFinite() {
		c.st.ctm = f32Matrix(m.A, m.B, m.C, m.D, m.E, m.F)
	}
}

func f32Matrix(a, b, c, d, e, f float64) geom.Matrix {
	return geom.Matrix{A: f32(a), B: f32(b), C: f32(c), D: f32(d), E: f32(e), F: f32(f)}
}

// ResetTransform sets the identity matrix (also setTransform() with no argument).
func (c *Context2D) ResetTransform() { c.st.ctm = geom.Identity }

// GetTransform returns a copy of the current transformation matrix.
func (c *Context2D) GetTransform() Matrix { return fromGeom(c.st.ctm) }
