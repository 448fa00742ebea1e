package canvas

import (
	"image"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/blur"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/paint"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// FillRule is the canvas fill rule; the zero value is NonZero.
type FillRule uint8

const (
	NonZero FillRule = iota // "nonzero"
	EvenOdd                 // "evenodd"
)

// ParseFillRule maps "nonzero"/"evenodd" to a FillRule; anything else is the
// TypeError the browser throws for fill('bogus').
func ParseFillRule(s string) (FillRule, error) {
	switch s {
	case "nonzero":
		return NonZero, nil
	case "evenodd":
		return EvenOdd, nil
	}
	return NonZero, errorf(ErrType, "the provided value '%s' is not a valid enum value of type CanvasFillRule", s)
}

// String returns the rule's canvas name.
func (r FillRule) String() string {
	if r == EvenOdd {
		return "evenodd"
	}
	return "nonzero"
}

func ruleOf(rules []FillRule) raster.FillRule {
	if len(rules) > 0 && rules[0] == EvenOdd {
		return raster.EvenOdd
	}
	return raster.NonZero
}

// --- public drawing methods ---

// Fill fills the current path with fillStyle (optional rule: NonZero by default).
func (c *Context2D) Fill(rule ...FillRule) {
	if isLine(&c.path) {
		return
	}
	c.fillDevice(&c.path, ruleOf(rule), &c.st.fill)
}

// FillPath fills a Path2D, transformed by the current transform.
func (c *Context2D) FillPath(p *Path2D, rule ...FillRule) {
	if p == nil || isLine(&p.p) {
		return
	}
	c.fillDevice(c.devicePath(p), ruleOf(rule), &c.st.fill)
}

// isLine reports a path that is exactly one moveTo and one lineTo. Chromium
// skips filling such a path altogether (Skia's isLine check), which is
// visible with operators that clear outside the shape: fill() of a lone line
// under "copy" leaves the canvas alone, while a lone moveTo or a flat
// triangle clears it.
func isLine(p *geom.Path) bool {
	return len(p.Verbs) == 2 && p.Verbs[0] == geom.MoveTo && p.Verbs[1] == geom.LineTo
}

// Stroke strokes the current path with strokeStyle and the line styles.
func (c *Context2D) Stroke() { c.strokePath(&c.path) }

// StrokePath strokes a Path2D, transformed by the current transform.
func (c *Context2D) StrokePath(p *Path2D) {
	if p == nil {
		return
	}
	c.strokePath(c.devicePath(p))
}

// Clip intersects the clip region with the current path.
func (c *Context2D) Clip(rule ...FillRule) { c.clipDevice(&c.path, ruleOf(rule)) }

// ClipPath intersects the clip region with a Path2D under the current transform.
func (c *Context2D) ClipPath(p *Path2D, rule ...FillRule) {
	if p == nil {
		return
	}
	c.clipDevice(c.devicePath(p), ruleOf(rule))
}

// IsPointInPath reports whether canvas pixel coordinates (x, y), not
// transformed, are inside the current path.
func (c *Context2D) IsPointInPath(x, y float64, rule ...FillRule) bool {
	// With a singular transform Chromium reports false even for a path built
	// earlier under an invertible one.
	if !finite(x, y) || !c.st.ctm.Invertible() {
		return false
	}
	return raster.Contains(&c.path, x, y, ruleOf(rule))
}

// IsPointInPath2D is isPointInPath(path, x, y, rule).
func (c *Context2D) IsPointInPath2D(p *Path2D, x, y float64, rule ...FillRule) bool {
	if p == nil || !finite(x, y) || !c.st.ctm.Invertible() {
		return false
	}
	return raster.Contains(c.devicePath(p), x, y, ruleOf(rule))
}

// IsPointInStroke reports whether (x, y) is inside the stroke of the current
// path with the current line styles (dashes included).
func (c *Context2D) IsPointInStroke(x, y float64) bool {
	if !finite(x, y) || !c.st.ctm.Invertible() {
		return false
	}
	return raster.StrokeContains(&c.path, c.strokeStyle(), c.st.ctm, x, y)
}

// IsPointInStroke2D is isPointInStroke(path, x, y).
func (c *Context2D) IsPointInStroke2D(p *Path2D, x, y float64) bool {
	if p == nil || !finite(x, y) || !c.st.ctm.Invertible() {
		return false
	}
	return raster.StrokeContains(c.devicePath(p), c.strokeStyle(), c.st.ctm, x, y)
}

// FillRect paints the rectangle with fillStyle without touching the current path.
func (c *Context2D) FillRect(x, y, w, h float64) {
	if !finite(x, y, w, h) {
		return
	}
	// A zero-area rectangle paints nothing, but operators that clear outside
	// the shape still clear the clip region (Chromium agrees).
	if (w == 0 || h == 0) && !c.st.op.ClearsOutsideShape() {
		return
	}
	if c.fillRectFast(x, y, w, h) || c.fillRectPixels(x, y, w, h) {
		return
	}
	c.work.Reset()
	c.work.Rect(x, y, w, h, c.st.ctm)
	c.fillDevice(&c.work, raster.NonZero, &c.st.fill)
}

// StrokeRect strokes the rectangle's outline. A rectangle with one zero side
// is stroked, as in Chromium, as the closed path (x, y)→(x+w, y+h)→back: no
// caps, and the joins at its two ends (round joins give round ends). With both
// sides zero it draws nothing.
func (c *Context2D) StrokeRect(x, y, w, h float64) {
	if !finite(x, y, w, h) || (w == 0 && h == 0) {
		return
	}
	// Chromium normalises the rectangle first, so the outline always starts
	// at its top-left corner and runs clockwise: that fixes where dashes fall.
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	c.work.Reset()
	if w == 0 || h == 0 {
		c.work.MoveTo(c.st.ctm.Apply(geom.Point{X: x, Y: y}))
		c.work.LineTo(c.st.ctm.Apply(geom.Point{X: x + w, Y: y + h}))
		c.work.Close()
		c.strokePath(&c.work)
		return
	}
	c.work.Rect(x, y, w, h, c.st.ctm)
	// Skia strokes a rectangle that stays a rectangle on the device, with
	// miter joins that cannot bevel and no dashes, as the frame between two
	// rectangles, never as a hairline however thin it is.
	m := c.st.ctm
	frame := ((m.B == 0 && m.C == 0) || (m.A == 0 && m.D == 0)) &&
		c.st.lineJoin == "miter" && c.st.miterLimit >= math.Sqrt2 && !c.dashing()
	if frame {
		c.strokeDevice(&c.work)
		return
	}
	c.strokePath(&c.work)
}

// dashing reports whether the line dash list is in effect: non-empty, and
// not all zeros (setLineDash has already refused negative or non-finite
// entries).
func (c *Context2D) dashing() bool {
	for _, v := range c.st.dash {
		if v > 0 {
			return true
		}
	}
	return false
}

// ClearRect makes the rectangle transparent black within the clip region,
// ignoring alpha, compositing and shadows. As in Chromium it is not
// anti-aliased: a pixel is cleared when its centre lies in the (transformed)
// rectangle, edges rounding half up, so clearRect(10.3, 20.6, …) clears from
// pixel 10 and row 21. Inside an anti-aliased clip edge pixels are cleared in
// proportion to the clip's coverage.
func (c *Context2D) ClearRect(x, y, w, h float64) {
	if !finite(x, y, w, h) || w == 0 || h == 0 || !c.st.ctm.Invertible() {
		return
	}
	region := c.clipRect()
	if region.Empty() {
		return
	}
	m := c.st.ctm
	q := [4]geom.Point{
		m.Apply(geom.Point{X: x, Y: y}), m.Apply(geom.Point{X: x + w, Y: y}),
		m.Apply(geom.Point{X: x + w, Y: y + h}), m.Apply(geom.Point{X: x, Y: y + h}),
	}
	minY, maxY := q[0].Y, q[0].Y
	for _, p := range q[1:] {
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	// Rows whose centre can be inside, clamped in float64 before converting.
	// Both ends are clamped to the region on both sides: a rectangle far outside
	// the canvas (1e19) must neither overflow int conversion nor loop over it.
	y0 := clampInt(math.Floor(minY-0.5), region.Min.Y, region.Max.Y)
	y1 := clampInt(math.Ceil(maxY+0.5), region.Min.Y, region.Max.Y)
	img := c.canvas.img
	clip := c.st.clip
	for yy := y0; yy < y1; yy++ {
		// The convex quad crosses the row centre line at most twice; an edge
		// counts when the centre is in (lower y, upper y], the rule that
		// makes row edges round half up.
		yc := float64(yy) + 0.5
		lo, hi, n := math.Inf(1), math.Inf(-1), 0
		for i := range q {
			a, b := q[i], q[(i+1)%4]
			if (a.Y < yc && yc <= b.Y) || (b.Y < yc && yc <= a.Y) {
				xc := a.X + (yc-a.Y)*(b.X-a.X)/(b.Y-a.Y)
				lo, hi, n = math.Min(lo, xc), math.Max(hi, xc), n+1
			}
		}
		if n < 2 {
			continue
		}
		xa := clampInt(math.Floor(lo+0.5), region.Min.X, region.Max.X)
		xb := clampInt(math.Floor(hi+0.5), region.Min.X, region.Max.X)
		if xa >= xb {
			continue
		}
		row := img.Pix[yy*img.Stride+xa*4 : yy*img.Stride+xb*4]
		if clip == nil {
			clear(row)
			continue
		}
		for i, cv := range clip.Row(yy, xa, xb) {
			keep := 255 - uint32(cv)
			for k := 4 * i; k < 4*i+4; k++ {
				t := uint32(row[k])*keep + 128
				row[k] = uint8((t + t>>8) >> 8)
			}
		}
	}
}

// pixelRect returns the device rectangle of a user rectangle when the CTM maps
// it exactly onto whole pixels (the common poster case), clipped to the canvas.
// clampInt converts v to an int within [lo, hi], clamping in float64 first so
// values beyond the int range (or NaN, which becomes lo) cannot overflow.
func clampInt(v float64, lo, hi int) int {
	if !(v > float64(lo)) {
		return lo
	}
	if v > float64(hi) {
		return hi
	}
	return int(v)
}

func (c *Context2D) pixelRect(x, y, w, h float64) (image.Rectangle, bool) {
	m := c.st.ctm
	if !m.IsAxisAligned() {
		return image.Rectangle{}, false
	}
	p0 := m.Apply(geom.Point{X: x, Y: y})
	p1 := m.Apply(geom.Point{X: x + w, Y: y + h})
	x0, x1 := math.Min(p0.X, p1.X), math.Max(p0.X, p1.X)
	y0, y1 := math.Min(p0.Y, p1.Y), math.Max(p0.Y, p1.Y)
	if x0 != math.Trunc(x0) || x1 != math.Trunc(x1) || y0 != math.Trunc(y0) || y1 != math.Trunc(y1) {
		return image.Rectangle{}, false
	}
	b := c.canvas.img.Rect
	// Clamp in float so coordinates beyond int range cannot overflow.
	x0, y0 = math.Max(x0, float64(b.Min.X)), math.Max(y0, float64(b.Min.Y))
	x1, y1 = math.Min(x1, float64(b.Max.X)), math.Min(y1, float64(b.Max.Y))
	if x0 >= x1 || y0 >= y1 {
		return image.Rectangle{}, true
	}
	return image.Rect(int(x0), int(y0), int(x1), int(y1)), true
}

// fillRectFast handles an opaque solid source-over fillRect on whole pixels
// with no clip or shadow: a straight fill of the rows, like image/draw's
// drawFillOver/drawFillSrc fast paths.
func (c *Context2D) fillRectFast(x, y, w, h float64) bool {
	st := &c.st
	if st.op != opSourceOver || st.fill.gradient != nil || st.fill.pattern != nil ||
		st.fill.color.A != 255 || st.globalAlpha != 1 || st.clip != nil || st.clipEmpty || c.shadowActive() {
		return false
	}
	r, ok := c.pixelRect(x, y, w, h)
	if !ok {
		return false
	}
	if r.Empty() {
		return true
	}
	img := c.canvas.img
	col := st.fill.color
	first := img.Pix[r.Min.Y*img.Stride+r.Min.X*4 : r.Min.Y*img.Stride+r.Max.X*4]
	for i := 0; i < len(first); i += 4 {
		first[i], first[i+1], first[i+2], first[i+3] = col.R, col.G, col.B, 255
	}
	for yy := r.Min.Y + 1; yy < r.Max.Y; yy++ {
		copy(img.Pix[yy*img.Stride+r.Min.X*4:], first)
	}
	return true
}

// fillRectPixels handles any other fillRect that covers whole pixels with an
// operator that leaves the outside alone and no shadow: every pixel of the
// rectangle has full coverage, so the rasterizer is skipped and the rows go
// straight to the compositor (through the clip mask, if any).
func (c *Context2D) fillRectPixels(x, y, w, h float64) bool {
	st := &c.st
	if st.op.ClearsOutsideShape() || c.shadowActive() || !st.ctm.Invertible() {
		return false
	}
	r, ok := c.pixelRect(x, y, w, h)
	if !ok {
		return false
	}
	r = r.Intersect(c.clipRect())
	if r.Empty() {
		return true
	}
	c.rows = rowJob{img: c.canvas.img, x0: r.Min.X, x1: r.Max.X, src: c.sourceOf(&st.fill), op: st.op, clip: st.clip}
	// Even a solid colour is compute-bound here (blending, not a memset:
	// opaque source-over was handled by fillRectFast), so split the rows.
	c.forRows(r.Min.Y, r.Max.Y, r.Dx(), c.rowFn)
	c.rows = rowJob{} // drop references to the paint and masks
	return true
}

// rowJob is the per-row work of a draw that composites whole rows (a
// whole-pixel fillRect, or an operator that sweeps the clip region). The
// context keeps one, and its row method bound once in rowFn, so handing it to
// forRows allocates nothing per draw call.
type rowJob struct {
	img    *image.RGBA
	x0, x1 int
	src    source
	op     blend.Op
	clip   *raster.Mask
	// shape, when set, is the coverage of the shape: the source is scaled by
	// it (transparent outside it) and composited over the whole row.
	shape *raster.Mask
}

func (j *rowJob) row(y int, sbuf, cbuf []uint8) {
	n := j.x1 - j.x0
	var cov []uint8
	if j.clip != nil {
		cov = j.clip.Row(y, j.x0, j.x1)
	}
	dst := j.img.Pix[y*j.img.Stride+j.x0*4:][:4*n]
	if j.shape == nil && j.src.solid {
		blend.CompositeSolid(j.op, dst, j.src.color, cov)
		return
	}
	j.src.shade(j.x0, y, sbuf)
	if j.shape != nil {
		maskRow(cbuf, j.shape.Pix, j.shape.Rect, j.shape.Stride, y, j.x0)
		scaleByCov(sbuf, cbuf)
	}
	blend.Composite(j.op, dst, sbuf, cov)
}

// --- pipeline ---

// devicePath returns p transformed by the CTM, in the context's scratch path.
func (c *Context2D) devicePath(p *Path2D) *geom.Path {
	c.work.Reset()
	c.work.Append(&p.p, c.st.ctm)
	return &c.work
}

func (c *Context2D) strokeStyle() geom.StrokeStyle {
	st := geom.StrokeStyle{
		Width:      c.st.lineWidth,
		MiterLimit: c.st.miterLimit,
		Dash:       c.st.dash,
		DashOffset: c.st.dashOffset,
	}
	switch c.st.lineCap {
	case "round":
		st.Cap = geom.RoundCap
	case "square":
		st.Cap = geom.SquareCap
	}
	switch c.st.lineJoin {
	case "round":
		st.Join = geom.RoundJoin
	case "bevel":
		st.Join = geom.BevelJoin
	}
	return st
}

// drawStrokeStyle is strokeStyle for drawing: it carries the clip bounds,
// grown by a pixel for anti-aliasing as Skia's local clip bounds are, so the
// dasher can cull as Skia's does.
func (c *Context2D) drawStrokeStyle() geom.StrokeStyle {
	st := c.strokeStyle()
	if r := c.clipRect(); !r.Empty() {
		st.Cull = geom.Rect{MinX: float64(r.Min.X - 1), MinY: float64(r.Min.Y - 1), MaxX: float64(r.Max.X + 1), MaxY: float64(r.Max.Y + 1)}
	}
	return st
}

// strokePath strokes a device path as Chromium's drawPath does.
func (c *Context2D) strokePath(p *geom.Path) {
	if p.Empty() || !c.st.ctm.Invertible() {
		return
	}
	st := c.drawStrokeStyle()
	c.stroked.Reset()
	hair, ok := geom.HairlineAlpha(st, c.st.ctm)
	// Skia draws a stroke at most a pixel wide as a hairline with the paint's
	// alpha scaled by the pen's size, but only when the blend mode lets
	// coverage stand in for alpha (or the factor is 1); otherwise it strokes
	// the thin outline. Operators that clear outside the shape draw into a
	// source-over layer in Chromium, so they get the hairline too.
	if ok && (hair == 1 || c.st.op.ClearsOutsideShape() || coverageAsAlpha(c.st.op)) {
		c.stroker.StrokeHairline(&c.stroked, p, st, c.st.ctm)
		c.fillDeviceScaled(&c.stroked, raster.NonZero, &c.st.stroke, hair)
		return
	}
	c.strokeDevice(p)
}

// strokeDevice strokes p as an outline of its own, never as a hairline: the
// frame of a strokeRect, and text, whose glyphs Skia strokes and then fills
// at any width.
func (c *Context2D) strokeDevice(p *geom.Path) {
	if p.Empty() || !c.st.ctm.Invertible() {
		return
	}
	c.stroked.Reset()
	c.stroker.Stroke(&c.stroked, p, c.drawStrokeStyle(), c.st.ctm)
	c.fillDevice(&c.stroked, raster.NonZero, &c.st.stroke)
}

// coverageAsAlpha reports the operators for which scaling the source's alpha
// is the same as scaling its coverage (Skia's SupportsCoverageAsAlpha).
func coverageAsAlpha(op blend.Op) bool {
	switch op {
	case blend.SourceOver, blend.DestinationOver, blend.DestinationOut, blend.SourceAtop, blend.Xor, blend.Lighter:
		return true
	}
	return false
}

// hairlineAlpha scales an alpha in [0, 1] by a hairline's coverage exactly as
// Skia does: the paint's 8-bit alpha times the coverage in 1/256ths,
// truncated.
func hairlineAlpha(a, coverage float64) float64 {
	a8 := int(math.Round(a * 255))
	return float64(a8*int(coverage*256)>>8) / 255
}

// source is the paint of one draw call with globalAlpha folded in.
type source struct {
	solid  bool
	color  [4]uint8 // premultiplied, when solid
	alphaF float64  // the solid colour's alpha × globalAlpha, unrounded
	shader paint.Shader
	alpha  uint32 // globalAlpha × 65536 applied to shader output
	image  bool   // the shader is a pattern (an image), not a gradient
	// ox, oy move shading to device coordinates when drawing into a filter
	// layer whose pixel (0, 0) is device (ox, oy).
	ox, oy int
}

func (c *Context2D) filter() paint.Filter {
	if !c.st.smoothing {
		return paint.Nearest
	}
	switch c.st.smoothingQual {
	case "medium":
		return paint.Medium
	case "high":
		return paint.High
	}
	return paint.Bilinear
}

// sourceOf builds the paint for a style. A gradient without stops paints
// transparent black, as the spec says.
func (c *Context2D) sourceOf(s *style) source { return c.sourceScaled(s, 1) }

// sourceScaled is sourceOf for a hairline stroke whose paint alpha Skia
// scales by coverage (1 for anything else).
func (c *Context2D) sourceScaled(s *style, coverage float64) source {
	ga := c.st.globalAlpha
	var sh paint.Shader
	switch {
	case s.gradient != nil:
		sh = s.gradient.shader(c.st.ctm)
		if sh == nil {
			return source{solid: true}
		}
	case s.pattern != nil:
		sh = s.pattern.shader(c.st.ctm, c.filter())
	default:
		a := float64(s.color.A) / 255 * ga
		if coverage != 1 {
			a = hairlineAlpha(a, coverage)
		}
		return source{solid: true, color: premulColor(s.color.R, s.color.G, s.color.B, a), alphaF: a}
	}
	if coverage != 1 {
		ga = hairlineAlpha(ga, coverage)
	}
	return source{shader: sh, alpha: uint32(math.Round(ga * 65536)), image: s.pattern != nil}
}

// premulColor premultiplies a colour with alpha a in [0, 1], rounding each
// channel once, as Skia's uniform colour stage does.
func premulColor(r, g, b uint8, a float64) [4]uint8 {
	q := func(v float64) uint8 { return uint8(math.Round(v)) }
	return [4]uint8{q(float64(r) * a), q(float64(g) * a), q(float64(b) * a), q(a * 255)}
}

// shadowActive reports whether a draw paints more than its shape's own
// pixels: a shadow, or a filter (whose layer also carries the shadow). Fast
// paths that write a shape straight to the canvas, and culls by the clip,
// check it.
func (c *Context2D) shadowActive() bool { return c.hasShadow() || c.filterActive() }

// hasShadow reports whether the shadow attributes draw a shadow.
func (c *Context2D) hasShadow() bool {
	return c.st.shadowColor.A != 0 && (c.st.shadowBlur != 0 || c.st.shadowOffsetX != 0 || c.st.shadowOffsetY != 0)
}

// clipRect is the region a draw may touch: the canvas, narrowed by the clip mask.
func (c *Context2D) clipRect() image.Rectangle {
	r := c.canvas.img.Rect
	if c.st.clipEmpty {
		return image.Rectangle{}
	}
	if c.st.clip != nil {
		r = r.Intersect(c.st.clip.Rect)
	}
	return r
}

func (c *Context2D) fillDevice(p *geom.Path, rule raster.FillRule, s *style) {
	c.fillDeviceScaled(p, rule, s, 1)
}

// fillDeviceScaled is fillDevice with the paint's alpha scaled by a hairline's
// coverage.
func (c *Context2D) fillDeviceScaled(p *geom.Path, rule raster.FillRule, s *style, coverage float64) {
	if p.Empty() || !c.st.ctm.Invertible() || c.clipRect().Empty() {
		return
	}
	src := c.sourceScaled(s, coverage)
	if c.shadowActive() {
		c.drawShadow(p, rule, src)
	}
	c.compositePath(p, rule, src, c.st.op)
}

// buffers returns the context's span buffers grown to n pixels.
func (c *Context2D) buffers(n int) (src, cov []uint8) {
	if cap(c.src) < 4*n {
		c.src = make([]uint8, 4*n)
		c.cov = make([]uint8, n)
	}
	return c.src[:4*n], c.cov[:n]
}

// shade fills buf with the source's premultiplied pixels for (x, y)…
func (s *source) shade(x, y int, buf []uint8) {
	if s.solid {
		col := s.color
		for i := 0; i < len(buf); i += 4 {
			buf[i], buf[i+1], buf[i+2], buf[i+3] = col[0], col[1], col[2], col[3]
		}
		return
	}
	s.shader.Shade(x+s.ox, y+s.oy, buf)
	if s.alpha < 65536 {
		scaleSpan(buf, s.alpha)
	}
}

// scaleSpan multiplies premultiplied pixels by a/65536 with rounding. The
// 16-bit factor keeps globalAlpha nearly exact, as Skia applies it in float:
// an 8-bit one is off by a level (229 × 0.37 is 84.7, but 229 × 94/255 is 84.4).
func scaleSpan(buf []uint8, a uint32) {
	for i := range buf {
		buf[i] = uint8((uint32(buf[i])*a + 1<<15) >> 16)
	}
}

// mulCov multiplies coverage by a clip mask row in place.
func mulCov(cov, clip []uint8) {
	for i := range cov {
		t := uint32(cov[i])*uint32(clip[i]) + 128
		cov[i] = uint8((t + t>>8) >> 8)
	}
}

// compositePath rasterizes p and composites src into the bitmap with op,
// through the clip mask.
func (c *Context2D) compositePath(p *geom.Path, rule raster.FillRule, src source, op blend.Op) {
	region := c.clipRect()
	if region.Empty() {
		return
	}
	if c.filterActive() {
		c.drawFiltered(p, rule, src, op)
		return
	}
	if op.ClearsOutsideShape() {
		c.compositeClearing(p, rule, src, op, region)
		return
	}
	if c.rasterizeBanded(p, rule, region, op, src) {
		return
	}
	c.painter.set(c.canvas.img, c.st.clip, op, src)
	c.rast.Reset(region)
	c.rast.AddPath(p)
	c.rast.OnRows(c.painter.warm)
	c.painter.rasterize(&c.rast, rule)
	c.rast.OnRows(nil)
}

// compositeClearing applies an operator that also affects pixels outside the
// shape (copy, source-in, source-out, destination-in, destination-atop): over
// the whole clip region, the source is the shape's paint scaled by its coverage
// (transparent outside it) and the clip mask is the coverage.
func (c *Context2D) compositeClearing(p *geom.Path, rule raster.FillRule, src source, op blend.Op, region image.Rectangle) {
	c.rasterizeMask(p, rule, region, &c.shape)
	c.rows = rowJob{img: c.canvas.img, x0: region.Min.X, x1: region.Max.X, src: src, op: op, clip: c.st.clip, shape: &c.shape}
	c.forRows(region.Min.Y, region.Max.Y, region.Dx(), c.rowFn)
	c.rows = rowJob{}
}

// maskRow copies the coverage of row y, pixels x0 … x0+len(dst), out of an
// 8-bit plane covering rect, with zero outside rect.
func maskRow(dst, pix []uint8, rect image.Rectangle, stride, y, x0 int) {
	clear(dst)
	if y < rect.Min.Y || y >= rect.Max.Y {
		return
	}
	a, b := max(x0, rect.Min.X), min(x0+len(dst), rect.Max.X)
	if a >= b {
		return
	}
	copy(dst[a-x0:b-x0], pix[(y-rect.Min.Y)*stride+a-rect.Min.X:])
}

// scaleByCov multiplies each premultiplied pixel by its coverage.
func scaleByCov(buf, cov []uint8) {
	for i, a := range cov {
		switch a {
		case 255:
		case 0:
			buf[4*i], buf[4*i+1], buf[4*i+2], buf[4*i+3] = 0, 0, 0, 0
		default:
			for k := 4 * i; k < 4*i+4; k++ {
				t := uint32(buf[k])*uint32(a) + 128
				buf[k] = uint8((t + t>>8) >> 8)
			}
		}
	}
}

// blurShadow blurs the shadow layer; only the pixels in vis (a part of
// layerRect, device space) are read afterwards. Skia computes the shadow of a
// large enough plain rectangle analytically, with the rectangle (shape moved
// by the offset) snapped to whole pixels, each edge rounding half up, as
// measured in Chromium; any other mask gets its three-box blur, and the
// shadow of a pattern fill the blur of its image filter.
func (c *Context2D) blurShadow(layer []uint8, layerRect, vis image.Rectangle, sigma float64, src source) {
	w, h := layerRect.Dx(), layerRect.Dy()
	if r, ok := axisRect(&c.shadowPath); ok && src.solid {
		rd := func(v float64) float64 { return math.Floor(v + 0.5) }
		r = geom.Rect{MinX: rd(r.MinX), MinY: rd(r.MinY), MaxX: rd(r.MaxX), MaxY: rd(r.MaxY)}
		if blur.RectUsesProfile(r.MaxX-r.MinX, r.MaxY-r.MinY, sigma) {
			// The profile is exact per pixel: compute just the visible part.
			ox, oy := float64(vis.Min.X), float64(vis.Min.Y)
			off := (vis.Min.Y-layerRect.Min.Y)*w + vis.Min.X - layerRect.Min.X
			blur.RectMask(layer[off:], vis.Dx(), vis.Dy(), w, r.MinX-ox, r.MinY-oy, r.MaxX-ox, r.MaxY-oy, sigma)
			return
		}
	}
	blur.GaussianAlphaWithin(layer, w, h, w, sigma, src.image, vis.Sub(layerRect.Min))
}

// axisRect returns the rectangle when p is a single axis-aligned rectangle in
// device space (what fillRect or rect() produce under a scale/translate
// transform).
func axisRect(p *geom.Path) (geom.Rect, bool) {
	v := p.Verbs
	if n := len(v); n > 0 && v[n-1] == geom.MoveTo {
		v = v[:n-1] // rect() leaves a new subpath at its corner
	}
	if n := len(v); n == 6 && v[5] == geom.Close {
		v = v[:5]
	}
	if len(v) != 5 || v[0] != geom.MoveTo || v[1] != geom.LineTo || v[2] != geom.LineTo || v[3] != geom.LineTo ||
		(v[4] != geom.LineTo && v[4] != geom.Close) {
		return geom.Rect{}, false
	}
	pts := p.Points[:4]
	if v[4] == geom.LineTo && p.Points[4] != pts[0] {
		return geom.Rect{}, false
	}
	// Edges alternate horizontal and vertical, starting with either.
	h0 := pts[0].Y == pts[1].Y && pts[1].X == pts[2].X && pts[2].Y == pts[3].Y && pts[3].X == pts[0].X
	v0 := pts[0].X == pts[1].X && pts[1].Y == pts[2].Y && pts[2].X == pts[3].X && pts[3].Y == pts[0].Y
	if !h0 && !v0 {
		return geom.Rect{}, false
	}
	return geom.Rect{
		MinX: math.Min(pts[0].X, pts[2].X), MinY: math.Min(pts[0].Y, pts[2].Y),
		MaxX: math.Max(pts[0].X, pts[2].X), MaxY: math.Max(pts[0].Y, pts[2].Y),
	}, true
}

// maxShadowSigma is the largest blur sigma used for shadows.
const maxShadowSigma = 532

// drawShadow draws the shadow of a shape: its alpha (coverage × paint alpha)
// offset by shadowOffset in device space, blurred with sigma = shadowBlur/2,
// tinted with shadowColor and composited with the current operator.
func (c *Context2D) drawShadow(p *geom.Path, rule raster.FillRule, src source) {
	if c.filterActive() {
		return // the shadow is the filtered layer's, drawn by drawFiltered
	}
	region := c.clipRect()
	// Skia caps blur sigmas at 532; beyond that a shadow is a faint haze
	// anyway, and the cap bounds the layer below.
	sigma := math.Min(c.st.shadowBlur/2, maxShadowSigma)
	margin := int(math.Ceil(3 * sigma))
	ox, oy := c.st.shadowOffsetX, c.st.shadowOffsetY
	// The shadow's shape lives at p + offset; only what can reach the clip
	// region through the blur matters.
	c.shadowPath.Reset()
	c.shadowPath.Append(p, geom.Translate(ox, oy))
	area := region.Inset(-margin)
	sm := &c.shadowMask
	c.rasterizeMask(&c.shadowPath, rule, area, sm)
	b := sm.Rect
	if b.Empty() {
		if c.st.op.ClearsOutsideShape() {
			// An invisible shadow still clears the clip region.
			c.compositeClearing(&c.shadowPath, rule, source{solid: true}, c.st.op, region)
		}
		return
	}
	layerRect := b.Inset(-margin).Intersect(area)
	w, h := layerRect.Dx(), layerRect.Dy()
	if int64(w)*int64(h) > max(c.canvas.limits.normalized().MaxPixels, 1<<24) {
		// Only a huge canvas with a huge blur gets here; refuse to allocate
		// beyond the configured pixel budget rather than exhaust memory.
		return
	}
	if cap(c.layer) < w*h {
		c.layer = make([]uint8, w*h)
	}
	layer := c.layer[:w*h]
	clear(layer)
	sbuf, _ := c.buffers(b.Dx())
	dx, dy := int(math.Round(ox)), int(math.Round(oy))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		cov := sm.Row(y, b.Min.X, b.Max.X)
		row := layer[(y-layerRect.Min.Y)*w+(b.Min.X-layerRect.Min.X):][:len(cov)]
		copy(row, cov)
		if !src.image {
			continue
		}
		// A pattern's shadow is its image's alpha blurred (Chromium draws
		// it through an image filter): weight the coverage by the paint's
		// alpha, sampled where the shape itself is drawn.
		s := sbuf[:4*len(cov)]
		src.shade(b.Min.X-dx, y-dy, s)
		for i, cv := range cov {
			t := uint32(cv)*uint32(s[4*i+3]) + 128
			row[i] = uint8((t + t>>8) >> 8)
		}
	}
	vis := layerRect.Intersect(region)
	if sigma > 0 {
		c.blurShadow(layer, layerRect, vis, sigma, src)
	}
	if !src.solid && !src.image {
		// A gradient's shadow is the blurred shape times the gradient's alpha
		// (Skia keeps the shader under the blurred mask), sampled where the
		// shape itself is drawn.
		c.weightByPaintAlpha(layer, layerRect, vis, src, dx, dy)
	}
	col := c.st.shadowColor
	alpha := float64(col.A) / 255
	if src.solid {
		// The layer holds coverage only; the paint's alpha (globalAlpha
		// included) scales the tint. A shader's alpha is already in the layer.
		alpha *= src.alphaF
	}
	tint := premulColor(col.R, col.G, col.B, alpha)
	img := c.canvas.img
	clip := c.st.clip
	op := c.st.op
	if op.ClearsOutsideShape() {
		// The shadow is a shape of its own: outside it the source is
		// transparent and the operator still applies over the whole clip
		// region, exactly as for the shape drawn after it (Chromium agrees).
		n := region.Dx()
		sbuf, cbuf := c.buffers(n)
		for y := region.Min.Y; y < region.Max.Y; y++ {
			for i := 0; i < 4*n; i += 4 {
				sbuf[i], sbuf[i+1], sbuf[i+2], sbuf[i+3] = tint[0], tint[1], tint[2], tint[3]
			}
			maskRow(cbuf, layer, layerRect, w, y, region.Min.X)
			scaleByCov(sbuf, cbuf)
			var cov []uint8
			if clip != nil {
				cov = clip.Row(y, region.Min.X, region.Max.X)
			}
			blend.Composite(op, img.Pix[y*img.Stride+region.Min.X*4:][:4*n], sbuf, cov)
		}
		return
	}
	n := vis.Dx()
	_, cbuf := c.buffers(n)
	for y := vis.Min.Y; y < vis.Max.Y; y++ {
		cov := layer[(y-layerRect.Min.Y)*w+(vis.Min.X-layerRect.Min.X):][:n]
		if clip != nil {
			copy(cbuf, cov)
			mulCov(cbuf, clip.Row(y, vis.Min.X, vis.Max.X))
			cov = cbuf
		}
		blend.CompositeSolid(op, img.Pix[y*img.Stride+vis.Min.X*4:][:4*n], tint, cov)
	}
}

// weightByPaintAlpha multiplies the shadow layer's pixels in vis by the
// alpha of src's paint at the same place less the shadow offset (dx, dy).
func (c *Context2D) weightByPaintAlpha(layer []uint8, layerRect, vis image.Rectangle, src source, dx, dy int) {
	w, n := layerRect.Dx(), vis.Dx()
	sbuf, _ := c.buffers(n)
	for y := vis.Min.Y; y < vis.Max.Y; y++ {
		row := layer[(y-layerRect.Min.Y)*w+(vis.Min.X-layerRect.Min.X):][:n]
		src.shade(vis.Min.X-dx, y-dy, sbuf)
		for i, cv := range row {
			t := uint32(cv)*uint32(sbuf[4*i+3]) + 128
			row[i] = uint8((t + t>>8) >> 8)
		}
	}
}

// clipDevice intersects the clip with the device path p.
func (c *Context2D) clipDevice(p *geom.Path, rule raster.FillRule) {
	if c.st.clipEmpty {
		return
	}
	region := c.clipRect()
	m := &raster.Mask{}
	if !c.st.ctm.Invertible() || p.Empty() || region.Empty() {
		c.st.clip, c.st.clipEmpty = nil, true
		return
	}
	c.rasterizeMask(p, rule, region, m)
	if c.st.clip != nil {
		m.Intersect(c.st.clip)
	}
	if m.Rect.Empty() {
		c.st.clip, c.st.clipEmpty = nil, true
		return
	}
	c.st.clip = m
}
