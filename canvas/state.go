package canvas

import (
	"image/color"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/css"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// style is one of fillStyle/strokeStyle: a colour, a gradient or a pattern.
type style struct {
	color    color.NRGBA
	gradient *Gradient
	pattern  *Pattern
}

func (s style) value() any {
	switch {
	case s.gradient != nil:
		return s.gradient
	case s.pattern != nil:
		return s.pattern
	}
	return css.SerializeColor(s.color)
}

// parseStyle converts what a binding may pass for fillStyle/strokeStyle. ok is
// false for anything the browser ignores.
func parseStyle(v any) (style, bool) {
	switch v := v.(type) {
	case string:
		c, ok := css.ParseColor(v)
		return style{color: c}, ok
	case *Gradient:
		return style{gradient: v}, v != nil
	case *Pattern:
		return style{pattern: v}, v != nil
	case color.Color:
		if v == nil {
			return style{}, false
		}
		return style{color: color.NRGBAModel.Convert(v).(color.NRGBA)}, true
	}
	return style{}, false
}

// colorCache remembers the last few colour strings given to fillStyle or
// strokeStyle and what they parsed to. Drawing code sets a style string
// before nearly every shape, usually from a small palette, and parsing it
// each time cost a few percent of drawing many small shapes. Only the parsed
// colour is kept (the getters serialise from it), so a hit is exactly what
// parsing again would give; ParseColor depends on nothing but the string.
type colorCache struct {
	keys [colorCacheSize]string
	vals [colorCacheSize]color.NRGBA
	ok   [colorCacheSize]bool
	used [colorCacheSize]bool
	next uint8 // the slot the next miss replaces (round robin)
}

const colorCacheSize = 8

func (cc *colorCache) parse(s string) (color.NRGBA, bool) {
	for i := range cc.keys {
		if cc.used[i] && cc.keys[i] == s {
			return cc.vals[i], cc.ok[i]
		}
	}
	col, ok := css.ParseColor(s)
	i := cc.next % colorCacheSize
	cc.keys[i], cc.vals[i], cc.ok[i], cc.used[i] = s, col, ok, true
	cc.next = i + 1
	return col, ok
}

// drawState is everything save() pushes and restore() pops (HTML "drawing
// state"). The dash slice and the clip mask are never mutated once stored, so
// copying the struct is a correct save.
type drawState struct {
	ctm geom.Matrix

	fill, stroke style
	globalAlpha  float64
	op           blend.Op

	lineWidth  float64
	lineCap    string
	lineJoin   string
	miterLimit float64
	dash       []float64
	dashOffset float64

	shadowColor   color.NRGBA
	shadowBlur    float64
	shadowOffsetX float64
	shadowOffsetY float64
	smoothing     bool
	smoothingQual string
	clip          *raster.Mask // nil: no clip (the whole canvas)
	clipEmpty     bool         // clipped to nothing
	filter        string
	filterOps     []filterOp // parsed filter; nil draws without a layer
	text          textState
}

func defaultState() drawState {
	return drawState{
		ctm:           geom.Identity,
		fill:          style{color: color.NRGBA{A: 255}},
		stroke:        style{color: color.NRGBA{A: 255}},
		globalAlpha:   1,
		op:            opSourceOver,
		lineWidth:     1,
		lineCap:       "butt",
		lineJoin:      "miter",
		miterLimit:    10,
		smoothing:     true,
		smoothingQual: "low",
		filter:        "none",
		text:          defaultTextState(),
	}
}

// opSourceOver is looked up by name so the state does not depend on the
// numbering of blend's operator constants.
var opSourceOver, _ = blend.ParseOp("source-over")

// f32 rounds a number to float32 the way Chromium stores most canvas state
// (ClampTo<float>: out-of-range values clamp to ±FLT_MAX). It is observable:
// ctx.lineWidth = 0.1 reads back 0.10000000149011612, and transform()
// arguments are rounded before the (double) matrix product.
func f32(v float64) float64 {
	switch {
	case v > math.MaxFloat32:
		return math.MaxFloat32
	case v < -math.MaxFloat32:
		return -math.MaxFloat32
	}
	return float64(float32(v))
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// --- fill and stroke styles ---

// SetFillStyle sets fillStyle. v may be a CSS colour string, a *Gradient, a
// *Pattern or a color.Color; anything else, or an unparsable colour, is
// ignored, as the browser does.
func (c *Context2D) SetFillStyle(v any) {
	if str, isStr := v.(string); isStr {
		if col, ok := c.colors.parse(str); ok {
			c.st.fill = style{color: col}
		}
		return
	}
	if s, ok := parseStyle(v); ok {
		c.st.fill = s
	}
}

// FillStyle returns fillStyle: the serialised colour string ("#rrggbb" or
// "rgba(r, g, b, a)"), or the *Gradient / *Pattern that was set.
func (c *Context2D) FillStyle() any { return c.st.fill.value() }

// SetStrokeStyle sets strokeStyle; see SetFillStyle.
func (c *Context2D) SetStrokeStyle(v any) {
	if str, isStr := v.(string); isStr {
		if col, ok := c.colors.parse(str); ok {
			c.st.stroke = style{color: col}
		}
		return
	}
	if s, ok := parseStyle(v); ok {
		c.st.stroke = s
	}
}

// StrokeStyle returns strokeStyle; see FillStyle.
func (c *Context2D) StrokeStyle() any { return c.st.stroke.value() }

// --- compositing ---

// SetGlobalAlpha sets globalAlpha; values outside [0, 1] or non-finite are ignored.
func (c *Context2D) SetGlobalAlpha(a float64) {
	if finite(a) && a >= 0 && a <= 1 {
		c.st.globalAlpha = a
	}
}

// GlobalAlpha returns globalAlpha.
func (c *Context2D) GlobalAlpha() float64 { return c.st.globalAlpha }

// SetGlobalCompositeOperation sets the compositing operator by its CSS name
// ("source-over" … "xor", "lighter", "copy", "multiply" … "luminosity");
// unknown names are ignored.
func (c *Context2D) SetGlobalCompositeOperation(op string) {
	if o, ok := blend.ParseOp(op); ok {
		c.st.op = o
	}
}

// GlobalCompositeOperation returns the operator's name.
func (c *Context2D) GlobalCompositeOperation() string { return c.st.op.String() }

// --- line styles ---

// SetLineWidth sets lineWidth; zero, negative and non-finite values are ignored.
func (c *Context2D) SetLineWidth(w float64) {
	if finite(w) && w > 0 {
		c.st.lineWidth = f32(w)
	}
}

// LineWidth returns lineWidth.
func (c *Context2D) LineWidth() float64 { return c.st.lineWidth }

// SetLineCap sets lineCap to "butt", "round" or "square"; other values are ignored.
func (c *Context2D) SetLineCap(v string) {
	switch v {
	case "butt", "round", "square":
		c.st.lineCap = v
	}
}

// LineCap returns lineCap.
func (c *Context2D) LineCap() string { return c.st.lineCap }

// SetLineJoin sets lineJoin to "round", "bevel" or "miter"; other values are ignored.
func (c *Context2D) SetLineJoin(v string) {
	switch v {
	case "round", "bevel", "miter":
		c.st.lineJoin = v
	}
}

// LineJoin returns lineJoin.
func (c *Context2D) LineJoin() string { return c.st.lineJoin }

// SetMiterLimit sets miterLimit; zero, negative and non-finite values are ignored.
func (c *Context2D) SetMiterLimit(v float64) {
	if finite(v) && v > 0 {
		c.st.miterLimit = f32(v)
	}
}

// MiterLimit returns miterLimit.
func (c *Context2D) MiterLimit() float64 { return c.st.miterLimit }

// SetLineDash sets the dash list. A list with a negative or non-finite entry is
// ignored as a whole; an odd-length list is repeated to make it even, as the
// spec says ([5, 10, 15] becomes [5, 10, 15, 5, 10, 15]).
func (c *Context2D) SetLineDash(segments []float64) {
	for _, v := range segments {
		if !finite(v) || v < 0 {
			return
		}
	}
	d := make([]float64, 0, 2*len(segments))
	for _, v := range segments {
		d = append(d, f32(v))
	}
	if len(segments)%2 == 1 {
		d = append(d, d...)
	}
	c.st.dash = d
}

// LineDash returns a copy of the dash list (getLineDash).
func (c *Context2D) LineDash() []float64 { return append([]float64{}, c.st.dash...) }

// GetLineDash is LineDash under the Web name.
func (c *Context2D) GetLineDash() []float64 { return c.LineDash() }

// SetLineDashOffset sets lineDashOffset; non-finite values are ignored.
func (c *Context2D) SetLineDashOffset(v float64) {
	if finite(v) {
		c.st.dashOffset = f32(v)
	}
}

// LineDashOffset returns lineDashOffset.
func (c *Context2D) LineDashOffset() float64 { return c.st.dashOffset }

// --- shadows ---

// SetShadowColor sets shadowColor from a CSS colour; unparsable strings are ignored.
func (c *Context2D) SetShadowColor(v string) {
	if col, ok := css.ParseColor(v); ok {
		c.st.shadowColor = col
	}
}

// ShadowColor returns shadowColor serialised like the colour getters.
func (c *Context2D) ShadowColor() string { return css.SerializeColor(c.st.shadowColor) }

// SetShadowBlur sets shadowBlur; negative and non-finite values are ignored.
func (c *Context2D) SetShadowBlur(v float64) {
	if finite(v) && v >= 0 {
		c.st.shadowBlur = f32(v)
	}
}

// ShadowBlur returns shadowBlur.
func (c *Context2D) ShadowBlur() float64 { return c.st.shadowBlur }

// SetShadowOffsetX sets shadowOffsetX; non-finite values are ignored.
func (c *Context2D) SetShadowOffsetX(v float64) {
	if finite(v) {
		c.st.shadowOffsetX = f32(v)
	}
}

// ShadowOffsetX returns shadowOffsetX.
func (c *Context2D) ShadowOffsetX() float64 { return c.st.shadowOffsetX }

// SetShadowOffsetY sets shadowOffsetY; non-finite values are ignored.
func (c *Context2D) SetShadowOffsetY(v float64) {
	if finite(v) {
		c.st.shadowOffsetY = f32(v)
	}
}

// ShadowOffsetY returns shadowOffsetY.
func (c *Context2D) ShadowOffsetY() float64 { return c.st.shadowOffsetY }

// --- image smoothing and filter ---

// SetImageSmoothingEnabled sets imageSmoothingEnabled (patterns now, drawImage later).
func (c *Context2D) SetImageSmoothingEnabled(v bool) { c.st.smoothing = v }

// ImageSmoothingEnabled returns imageSmoothingEnabled.
func (c *Context2D) ImageSmoothingEnabled() bool { return c.st.smoothing }

// SetImageSmoothingQuality sets "low", "medium" or "high"; other values are ignored.
func (c *Context2D) SetImageSmoothingQuality(v string) {
	switch v {
	case "low", "medium", "high":
		c.st.smoothingQual = v
	}
}

// ImageSmoothingQuality returns imageSmoothingQuality.
func (c *Context2D) ImageSmoothingQuality() string { return c.st.smoothingQual }

// SetFilter sets the filter attribute: "none" or a list of CSS filter
// functions (blur(2px) grayscale(50%) …), applied to every later drawing
// operation (see filter.go). Invalid strings are ignored and a valid one is
// kept as written, as Chromium does.
func (c *Context2D) SetFilter(v string) {
	ops, ok := parseFilter(v, c.canvas.img.Rect.Size())
	if !ok {
		return
	}
	c.st.filter = v
	if len(ops) == 0 {
		ops = nil // "none", or only functions that change nothing: no layer
	}
	c.st.filterOps = ops
}

// Filter returns the filter attribute.
func (c *Context2D) Filter() string { return c.st.filter }
