package legacy

import (
	"context"
	"errors"

	"github.com/seed92233726/mediad/canvas"
)

// ContextOptions configure a CanvasContext. The zero value is pixel ratio 1
// with no images.
type ContextOptions struct {
	// PixelRatio is the target's device pixel ratio (target width = CSS
	// width × PixelRatio); 0 means 1.
	PixelRatio float64
	// Images resolves drawImage and createPattern paths; nil refuses them.
	Images ImageLoader
}

// CanvasContext is wx.createCanvasContext's object: every call is recorded
// and nothing reaches the target canvas until Draw. Calls never fail; a bad
// argument is reported by Draw with the index of its action. Not safe for
// concurrent use.
type CanvasContext struct {
	target  *canvas.Canvas
	opts    ContextOptions
	actions []Action
	// font follows the recorded font, size and save/restore calls so that
	// MeasureText measures what the batch would draw with.
	font    string
	fonts   []string
	measure *canvas.Context2D
}

// NewCanvasContext returns a context that draws onto target. A nil target
// records only (for Actions and Marshal); Draw then fails.
func NewCanvasContext(target *canvas.Canvas, opts ContextOptions) *CanvasContext {
	return &CanvasContext{target: target, opts: opts, font: defaultFont}
}

// Canvas returns the target canvas.
func (c *CanvasContext) Canvas() *canvas.Canvas { return c.target }

// Actions returns a copy of the actions recorded since the last Draw.
func (c *CanvasContext) Actions() []Action {
	out := make([]Action, len(c.actions))
	for i, a := range c.actions {
		out[i] = Action{a.Method, append([]any(nil), a.Data...)}
	}
	return out
}

func (c *CanvasContext) record(method string, data ...any) {
	if data == nil {
		data = []any{}
	}
	c.actions = append(c.actions, Action{method, data})
}

// Draw is draw(reserve, callback): it replays the recorded actions onto the
// target and empties the list. reserve=false clears the canvas first; in
// both cases the batch starts from the default state. callback, if not nil,
// is called with Draw's result once the batch has been painted (or refused).
func (c *CanvasContext) Draw(reserve bool, callback func(error)) error {
	return c.DrawContext(context.Background(), reserve, callback)
}

// DrawContext is Draw that stops between actions once ctx is done.
func (c *CanvasContext) DrawContext(ctx context.Context, reserve bool, callback func(error)) error {
	actions := c.actions
	c.actions = nil
	c.font, c.fonts = defaultFont, nil
	err := c.draw(ctx, actions, reserve)
	if callback != nil {
		callback(err)
	}
	return err
}

func (c *CanvasContext) draw(ctx context.Context, actions []Action, reserve bool) error {
	if c.target == nil {
		return errors.New("legacy: draw: the context has no target canvas")
	}
	calls, err := normalize(actions)
	if err != nil {
		return err
	}
	dpr, err := pixelRatio(c.opts.PixelRatio)
	if err != nil {
		return err
	}
	return replay(ctx, c.target, calls, reserve, dpr, c.opts.Images)
}

// CreateLinearGradient is createLinearGradient(x0, y0, x1, y1).
func (c *CanvasContext) CreateLinearGradient(x0, y0, x1, y1 float64) *Gradient {
	return &Gradient{Type: "linear", Data: []float64{x0, y0, x1, y1}}
}

// CreateCircularGradient is createCircularGradient(x, y, r): from the centre
// (offset 0) to the circle (offset 1).
func (c *CanvasContext) CreateCircularGradient(x, y, r float64) *Gradient {
	return &Gradient{Type: "radial", Data: []float64{x, y, r}}
}

// CreatePattern is createPattern(image, repetition), image being a path the
// ImageLoader resolves.
func (c *CanvasContext) CreatePattern(image, repetition string) *Pattern {
	return &Pattern{Image: image, Repetition: repetition}
}

// MeasureText is measureText(text) in the font the recorded calls have set
// so far; like WeChat's, it returns the width only.
func (c *CanvasContext) MeasureText(text string) TextMetrics {
	return c.measureText(c.font, text)
}

// SetFillStyle records setFillStyle(style): a colour string, *Gradient or *Pattern.
func (c *CanvasContext) SetFillStyle(style any) { c.record("setFillStyle", style) }

// SetStrokeStyle records setStrokeStyle(style).
func (c *CanvasContext) SetStrokeStyle(style any) { c.record("setStrokeStyle", style) }

// SetShadow records setShadow(offsetX, offsetY, blur, color).
func (c *CanvasContext) SetShadow(offsetX, offsetY, blur float64, color string) {
	c.record("setShadow", offsetX, offsetY, blur, color)
}

// SetShadowOffsetX records the shadowOffsetX property.
func (c *CanvasContext) SetShadowOffsetX(v float64) { c.record("shadowOffsetX", v) }

// SetShadowOffsetY records the shadowOffsetY property.
func (c *CanvasContext) SetShadowOffsetY(v float64) { c.record("shadowOffsetY", v) }

// SetShadowBlur records the shadowBlur property.
func (c *CanvasContext) SetShadowBlur(v float64) { c.record("shadowBlur", v) }

// SetShadowColor records the shadowColor property.
func (c *CanvasContext) SetShadowColor(color string) { c.record("shadowColor", color) }

// SetFontSize records setFontSize(size): only the size part of font changes.
func (c *CanvasContext) SetFontSize(size float64) {
	c.record("setFontSize", size)
	c.font = withFontSize(c.font, size)
}

// SetFont records the font property (a CSS font shorthand).
func (c *CanvasContext) SetFont(font string) {
	c.record("font", font)
	if f, ok := canvas.ParseFont(font); ok {
		c.font = f.String()
	}
}

// SetGlobalAlpha records setGlobalAlpha(alpha).
func (c *CanvasContext) SetGlobalAlpha(alpha float64) { c.record("setGlobalAlpha", alpha) }

// SetGlobalCompositeOperation records the globalCompositeOperation property.
func (c *CanvasContext) SetGlobalCompositeOperation(op string) {
	c.record("globalCompositeOperation", op)
}

// SetLineCap records setLineCap(cap).
func (c *CanvasContext) SetLineCap(lineCap string) { c.record("setLineCap", lineCap) }

// SetLineJoin records setLineJoin(join).
func (c *CanvasContext) SetLineJoin(lineJoin string) { c.record("setLineJoin", lineJoin) }

// SetLineWidth records setLineWidth(width).
func (c *CanvasContext) SetLineWidth(width float64) { c.record("setLineWidth", width) }

// SetMiterLimit records setMiterLimit(limit).
func (c *CanvasContext) SetMiterLimit(limit float64) { c.record("setMiterLimit", limit) }

// SetLineDash records setLineDash(pattern, offset).
func (c *CanvasContext) SetLineDash(pattern []float64, offset float64) {
	c.record("setLineDash", append([]float64{}, pattern...), offset)
}

// SetLineDashOffset records the lineDashOffset property.
func (c *CanvasContext) SetLineDashOffset(offset float64) { c.record("lineDashOffset", offset) }

// SetTextAlign records setTextAlign(align): left, center or right.
func (c *CanvasContext) SetTextAlign(align string) { c.record("setTextAlign", align) }

// SetTextBaseline records setTextBaseline(baseline): top, bottom, middle or
// normal (alphabetic).
func (c *CanvasContext) SetTextBaseline(baseline string) { c.record("setTextBaseline", baseline) }

// SetTransform records setTransform(scaleX, skewX, skewY, scaleY, translateX, translateY).
func (c *CanvasContext) SetTransform(scaleX, skewX, skewY, scaleY, translateX, translateY float64) {
	c.record("setTransform", scaleX, skewX, skewY, scaleY, translateX, translateY)
}

// Transform records transform(scaleX, skewX, skewY, scaleY, translateX, translateY).
func (c *CanvasContext) Transform(scaleX, skewX, skewY, scaleY, translateX, translateY float64) {
	c.record("transform", scaleX, skewX, skewY, scaleY, translateX, translateY)
}

// Translate records translate(x, y).
func (c *CanvasContext) Translate(x, y float64) { c.record("translate", x, y) }

// Scale records scale(scaleWidth, scaleHeight).
func (c *CanvasContext) Scale(scaleWidth, scaleHeight float64) {
	c.record("scale", scaleWidth, scaleHeight)
}

// Rotate records rotate(angle) (radians, clockwise).
func (c *CanvasContext) Rotate(angle float64) { c.record("rotate", angle) }

// Save records save().
func (c *CanvasContext) Save() {
	c.record("save")
	c.fonts = append(c.fonts, c.font)
}

// Restore records restore().
func (c *CanvasContext) Restore() {
	c.record("restore")
	if n := len(c.fonts); n > 0 {
		c.font, c.fonts = c.fonts[n-1], c.fonts[:n-1]
	}
}

// BeginPath records beginPath().
func (c *CanvasContext) BeginPath() { c.record("beginPath") }

// ClosePath records closePath().
func (c *CanvasContext) ClosePath() { c.record("closePath") }

// Fill records fill().
func (c *CanvasContext) Fill() { c.record("fill") }

// Stroke records stroke().
func (c *CanvasContext) Stroke() { c.record("stroke") }

// Clip records clip().
func (c *CanvasContext) Clip() { c.record("clip") }

// MoveTo records moveTo(x, y).
func (c *CanvasContext) MoveTo(x, y float64) { c.record("moveTo", x, y) }

// LineTo records lineTo(x, y).
func (c *CanvasContext) LineTo(x, y float64) { c.record("lineTo", x, y) }

// QuadraticCurveTo records quadraticCurveTo(cpx, cpy, x, y).
func (c *CanvasContext) QuadraticCurveTo(cpx, cpy, x, y float64) {
	c.record("quadraticCurveTo", cpx, cpy, x, y)
}

// BezierCurveTo records bezierCurveTo(cp1x, cp1y, cp2x, cp2y, x, y).
func (c *CanvasContext) BezierCurveTo(cp1x, cp1y, cp2x, cp2y, x, y float64) {
	c.record("bezierCurveTo", cp1x, cp1y, cp2x, cp2y, x, y)
}

// Arc records arc(x, y, r, sAngle, eAngle, counterclockwise).
func (c *CanvasContext) Arc(x, y, r, sAngle, eAngle float64, counterclockwise bool) {
	c.record("arc", x, y, r, sAngle, eAngle, counterclockwise)
}

// ArcTo records arcTo(x1, y1, x2, y2, radius).
func (c *CanvasContext) ArcTo(x1, y1, x2, y2, radius float64) {
	c.record("arcTo", x1, y1, x2, y2, radius)
}

// Rect records rect(x, y, width, height).
func (c *CanvasContext) Rect(x, y, width, height float64) { c.record("rect", x, y, width, height) }

// FillRect records fillRect(x, y, width, height).
func (c *CanvasContext) FillRect(x, y, width, height float64) {
	c.record("fillRect", x, y, width, height)
}

// StrokeRect records strokeRect(x, y, width, height).
func (c *CanvasContext) StrokeRect(x, y, width, height float64) {
	c.record("strokeRect", x, y, width, height)
}

// ClearRect records clearRect(x, y, width, height).
func (c *CanvasContext) ClearRect(x, y, width, height float64) {
	c.record("clearRect", x, y, width, height)
}

// FillText records fillText(text, x, y[, maxWidth]).
func (c *CanvasContext) FillText(text string, x, y float64, maxWidth ...float64) {
	c.record("fillText", textArgs(text, x, y, maxWidth)...)
}

// StrokeText records strokeText(text, x, y[, maxWidth]).
func (c *CanvasContext) StrokeText(text string, x, y float64, maxWidth ...float64) {
	c.record("strokeText", textArgs(text, x, y, maxWidth)...)
}

func textArgs(text string, x, y float64, maxWidth []float64) []any {
	a := []any{text, x, y}
	for _, m := range maxWidth {
		a = append(a, m)
	}
	return a
}

// DrawImage records drawImage(imageResource, dx, dy),
// drawImage(imageResource, dx, dy, dWidth, dHeight) or
// drawImage(imageResource, sx, sy, sWidth, sHeight, dx, dy, dWidth, dHeight).
func (c *CanvasContext) DrawImage(imageResource string, coords ...float64) {
	a := []any{imageResource}
	for _, v := range coords {
		a = append(a, v)
	}
	c.record("drawImage", a...)
}
