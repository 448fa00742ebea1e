package canvas

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/blur"
	"github.com/seed92233726/mediad/canvas/internal/css"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// ctx.filter is drawn as the HTML spec's filter layer: the operation is drawn
// source-over into a transparent layer with no clip, the layer is filtered,
// then its shadow and the layer itself are composited through the clip with
// globalCompositeOperation. "none" (a nil op list) never builds a layer.
//
// The functions follow Chromium, which builds them as SVG filter primitives
// working in sRGB on un-premultiplied colour:
//   - grayscale, sepia, saturate and hue-rotate are feColorMatrix: a float
//     matrix, clamped to [0, 1];
//   - brightness, contrast, invert and opacity are feComponentTransfer, which
//     Chromium bakes into 8-bit lookup tables (truncating, see linearTable
//     and twoPointTable);
//   - blur is Skia's blur image filter on premultiplied RGBA (the three boxes
//     of feGaussianBlur, blur.GaussianAlphaImage per channel);
//   - drop-shadow is the input's alpha moved, blurred with the given radius
//     as standard deviation, tinted, and drawn under the input.
//
// url() references are accepted as Chromium accepts them, but there is no
// document to find an SVG filter in, so they pass the drawing through.

type filterKind uint8

const (
	filterBlur filterKind = iota
	filterDropShadow
	filterMatrix // 3×3 on un-premultiplied RGB, alpha untouched
	filterTable  // per-channel 8-bit lookup on un-premultiplied values
)

// filterOp is one parsed filter function.
type filterOp struct {
	kind   filterKind
	sigma  float64     // blur, drop-shadow
	dx, dy float64     // drop-shadow offset
	color  color.NRGBA // drop-shadow colour
	m      [9]float64  // filterMatrix, row-major
	table  *[4][256]uint8
}

// Lengths in a filter resolve against the default font and a 96 dpi inch,
// as Chromium resolves them for a canvas whose font is the default 10px.
var filterUnits = map[string]float64{
	"px": 1, "pt": 96.0 / 72, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
	"em": 10, "rem": 16, "ex": 5, "ch": 5,
}

// maxFilterSigma caps blur standard deviations as Skia caps them; beyond it
// the result is a faint haze, and the cap bounds the filter layer.
const maxFilterSigma = maxShadowSigma

// maxFilterReach bounds how far (in pixels) a filter can move content: the
// layer holds the clip region grown by this much at most, so a huge blur
// costs a bounded layer rather than one sized by the radius.
const maxFilterReach = 1024

// parseFilter parses a CSS <filter-value-list> or "none" (nil ops). ok is
// false for anything Chromium would ignore. vw and vh resolve against size.
func parseFilter(v string, size image.Point) (ops []filterOp, ok bool) {
	s := strings.TrimSpace(v)
	if strings.EqualFold(s, "none") {
		return nil, true
	}
	if s == "" || len(s) > 4096 {
		return nil, false
	}
	ops = []filterOp{}
	for s != "" {
		open := strings.IndexByte(s, '(')
		if open <= 0 {
			return nil, false
		}
		name := strings.ToLower(s[:open])
		depth, end := 0, -1
		for i := open; i < len(s) && end < 0; i++ {
			switch s[i] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					end = i
				}
			}
		}
		if end < 0 {
			return nil, false
		}
		op, keep, good := parseFilterFunc(name, strings.TrimSpace(s[open+1:end]), size)
		if !good {
			return nil, false
		}
		if keep {
			ops = append(ops, op)
		}
		s = strings.TrimLeft(s[end+1:], " \t\n\r\f")
	}
	return ops, true
}

// parseFilterLength parses a non-negative CSS length (unitless only as 0).
func parseFilterLength(a string, size image.Point, allowNegative bool) (float64, bool) {
	num, unit := splitNumber(a)
	if num == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !finite(f) || (f < 0 && !allowNegative) {
		return 0, false
	}
	unit = strings.ToLower(unit)
	switch unit {
	case "":
		return 0, f == 0
	case "vw":
		return f * float64(size.X) / 100, true
	case "vh":
		return f * float64(size.Y) / 100, true
	}
	k, ok := filterUnits[unit]
	return f * k, ok
}

// parseFilterFunc parses one function; keep is false for functions that
// change nothing (url(), identity amounts).
func parseFilterFunc(name, arg string, size image.Point) (op filterOp, keep, ok bool) {
	// amount is a <number> or <percentage>, 1 when omitted.
	amount := func() (float64, bool) {
		if arg == "" {
			return 1, true
		}
		num, unit := splitNumber(arg)
		if num == "" {
			return 0, false
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || !finite(f) || f < 0 {
			return 0, false
		}
		switch unit {
		case "":
			return f, true
		case "%":
			return f / 100, true
		}
		return 0, false
	}
	switch name {
	case "url":
		return op, false, arg != ""
	case "blur":
		sigma := 0.0
		if arg != "" {
			if sigma, ok = parseFilterLength(arg, size, false); !ok {
				return op, false, false
			}
		}
		return filterOp{kind: filterBlur, sigma: math.Min(sigma, maxFilterSigma)}, sigma > 0, true
	case "hue-rotate":
		deg := 0.0
		if arg != "" {
			num, unit := splitNumber(arg)
			f, err := strconv.ParseFloat(num, 64)
			if num == "" || err != nil || !finite(f) {
				return op, false, false
			}
			switch strings.ToLower(unit) {
			case "deg":
				deg = f
			case "rad":
				deg = f * 180 / math.Pi
			case "grad":
				deg = f * 0.9
			case "turn":
				deg = f * 360
			case "":
				if f != 0 {
					return op, false, false
				}
			default:
				return op, false, false
			}
		}
		return hueRotateOp(deg), true, true
	case "drop-shadow":
		return parseDropShadow(arg, size)
	case "brightness", "contrast", "grayscale", "invert", "opacity", "saturate", "sepia":
		a, good := amount()
		if !good {
			return op, false, false
		}
		switch name {
		case "grayscale", "invert", "opacity", "sepia":
			a = math.Min(a, 1) // these amounts clamp at 100%
		}
		var t [4][256]uint8
		switch name {
		case "brightness":
			linearTables(&t, a, 0)
		case "contrast":
			linearTables(&t, a, 0.5-0.5*a)
		case "invert":
			for ch := 0; ch < 3; ch++ {
				twoPointTable(&t[ch], a, 1-a)
			}
			identityTable(&t[3])
		case "opacity":
			for ch := 0; ch < 3; ch++ {
				identityTable(&t[ch])
			}
			twoPointTable(&t[3], 0, a)
		case "grayscale":
			return grayscaleOp(a), true, true
		case "sepia":
			return sepiaOp(a), true, true
		case "saturate":
			return saturateOp(a), true, true
		}
		return filterOp{kind: filterTable, table: &t}, true, true
	}
	return op, false, false
}

// linearTables fills the RGB tables with feComponentTransfer type="linear"
// as Chromium computes them: slope·i + 255·intercept, clamped, truncated.
// Alpha is the identity.
func linearTables(t *[4][256]uint8, slope, intercept float64) {
	for ch := 0; ch < 3; ch++ {
		for i := range 256 {
			v := math.Max(0, math.Min(255, slope*float64(i)+255*intercept))
			t[ch][i] = uint8(v)
		}
	}
	identityTable(&t[3])
}

// twoPointTable is feComponentTransfer type="table" with values [v0, v1],
// interpolated and truncated as Chromium does.
func twoPointTable(t *[256]uint8, v0, v1 float64) {
	for i := range 256 {
		c := float64(i) / 255
		k := 0.0
		if i == 255 {
			k = 1
		}
		lo, hi := v0, v1
		if k == 1 {
			lo = v1
		}
		v := 255 * (lo + (c-k)*(hi-lo))
		t[i] = uint8(math.Max(0, math.Min(255, v)))
	}
}

func identityTable(t *[256]uint8) {
	for i := range 256 {
		t[i] = uint8(i)
	}
}

// The matrices are the Filter Effects spec's.
func grayscaleOp(a float64) filterOp {
	s := 1 - a
	return filterOp{kind: filterMatrix, m: [9]float64{
		0.2126 + 0.7874*s, 0.7152 - 0.7152*s, 0.0722 - 0.0722*s,
		0.2126 - 0.2126*s, 0.7152 + 0.2848*s, 0.0722 - 0.0722*s,
		0.2126 - 0.2126*s, 0.7152 - 0.7152*s, 0.0722 + 0.9278*s,
	}}
}

func sepiaOp(a float64) filterOp {
	s := 1 - a
	return filterOp{kind: filterMatrix, m: [9]float64{
		0.393 + 0.607*s, 0.769 - 0.769*s, 0.189 - 0.189*s,
		0.349 - 0.349*s, 0.686 + 0.314*s, 0.168 - 0.168*s,
		0.272 - 0.272*s, 0.534 - 0.534*s, 0.131 + 0.869*s,
	}}
}

func saturateOp(s float64) filterOp {
	return filterOp{kind: filterMatrix, m: [9]float64{
		0.213 + 0.787*s, 0.715 - 0.715*s, 0.072 - 0.072*s,
		0.213 - 0.213*s, 0.715 + 0.285*s, 0.072 - 0.072*s,
		0.213 - 0.213*s, 0.715 - 0.715*s, 0.072 + 0.928*s,
	}}
}

func hueRotateOp(deg float64) filterOp {
	c, s := math.Cos(deg*math.Pi/180), math.Sin(deg*math.Pi/180)
	return filterOp{kind: filterMatrix, m: [9]float64{
		0.213 + c*0.787 - s*0.213, 0.715 - c*0.715 - s*0.715, 0.072 - c*0.072 + s*0.928,
		0.213 - c*0.213 + s*0.143, 0.715 + c*0.285 + s*0.140, 0.072 - c*0.072 - s*0.283,
		0.213 - c*0.213 - s*0.787, 0.715 - c*0.715 + s*0.715, 0.072 + c*0.928 + s*0.072,
	}}
}

// parseDropShadow parses "<color>? && <length>{2,3}": the colour may come
// before or after the lengths, which must be adjacent. The colour defaults
// to currentcolor, black for a canvas.
func parseDropShadow(arg string, size image.Point) (filterOp, bool, bool) {
	var toks []string
	depth, start := 0, -1
	for i := 0; i <= len(arg); i++ {
		if i == len(arg) || depth == 0 && strings.IndexByte(" \t\n\r\f", arg[i]) >= 0 {
			if start >= 0 {
				toks = append(toks, arg[start:i])
				start = -1
			}
			continue
		}
		switch arg[i] {
		case '(':
			depth++
		case ')':
			depth--
		}
		if start < 0 {
			start = i
		}
	}
	op := filterOp{kind: filterDropShadow, color: color.NRGBA{A: 255}}
	var lengths []float64
	haveColor, lengthsDone := false, false
	for _, t := range toks {
		if v, ok := parseFilterLength(t, size, true); ok {
			if lengthsDone {
				return op, false, false
			}
			lengths = append(lengths, v)
			continue
		}
		if len(lengths) > 0 {
			lengthsDone = true
		}
		col, ok := css.ParseColor(t)
		if strings.EqualFold(t, "currentcolor") {
			col, ok = color.NRGBA{A: 255}, true // a canvas's currentcolor is black
		}
		if !ok || haveColor {
			return op, false, false
		}
		op.color, haveColor = col, true
	}
	if len(lengths) < 2 || len(lengths) > 3 || len(lengths) == 3 && lengths[2] < 0 {
		return op, false, false
	}
	op.dx, op.dy = lengths[0], lengths[1]
	if len(lengths) == 3 {
		op.sigma = math.Min(lengths[2], maxFilterSigma)
	}
	return op, true, true
}

// filterReach is how far, in pixels, the ops can move colour: content
// farther than this outside the clip region cannot show in it.
func filterReach(ops []filterOp) int {
	r := 0.0
	for _, op := range ops {
		switch op.kind {
		case filterBlur:
			r += math.Ceil(3 * op.sigma)
		case filterDropShadow:
			r += math.Ceil(3*op.sigma) + math.Ceil(math.Max(math.Abs(op.dx), math.Abs(op.dy)))
		}
	}
	return int(math.Min(r, maxFilterReach))
}

// filterActive reports whether draws go through a filter layer.
func (c *Context2D) filterActive() bool { return len(c.st.filterOps) > 0 }

// drawFiltered draws p with src as the filter layer, then composites the
// result (and its shadow) with op through the clip.
func (c *Context2D) drawFiltered(p *geom.Path, rule raster.FillRule, src source, op blend.Op) {
	region := c.clipRect()
	if region.Empty() {
		return
	}
	ops := c.st.filterOps
	reach := filterReach(ops)
	shadow := c.hasShadow()
	var sigma float64
	var sdx, sdy int
	if shadow {
		sigma = math.Min(c.st.shadowBlur/2, maxShadowSigma)
		sdx, sdy = int(math.Round(c.st.shadowOffsetX)), int(math.Round(c.st.shadowOffsetY))
		// The shadow moves the filtered layer too: what it can bring into
		// the region must be in the layer.
		sr := math.Ceil(3*sigma) + math.Max(math.Abs(float64(sdx)), math.Abs(float64(sdy)))
		reach = int(math.Min(float64(reach)+sr, maxFilterReach))
	}
	area := region.Inset(-reach)
	var L image.Rectangle
	if lo, hi, ok := p.Bounds(); ok && finite(lo.X, lo.Y, hi.X, hi.Y) {
		// Control-point bounds plus a pixel of anti-aliasing, clamped in
		// float64 to the area before converting.
		fx := func(v float64) int {
			return int(math.Max(float64(area.Min.X), math.Min(float64(area.Max.X), v)))
		}
		fy := func(v float64) int {
			return int(math.Max(float64(area.Min.Y), math.Min(float64(area.Max.Y), v)))
		}
		content := image.Rect(fx(math.Floor(lo.X)-1), fy(math.Floor(lo.Y)-1), fx(math.Ceil(hi.X)+1), fy(math.Ceil(hi.Y)+1))
		if !content.Empty() {
			L = content.Inset(-reach).Intersect(area)
		}
	}
	lw, lh := L.Dx(), L.Dy()
	if int64(lw)*int64(lh) > max(c.canvas.limits.normalized().MaxPixels, 1<<24) {
		return // beyond the pixel budget: refuse rather than exhaust memory
	}
	if cap(c.flayer) < 4*lw*lh {
		c.flayer = make([]uint8, 4*lw*lh)
	}
	layer := c.flayer[:4*lw*lh]
	clear(layer)
	if !L.Empty() {
		// Draw into the layer: its pixel (0, 0) is device (L.Min), so the
		// path moves and the paint samples at the offset.
		saved, clip, clipEmpty := c.canvas.img, c.st.clip, c.st.clipEmpty
		c.canvas.img = &image.RGBA{Pix: layer, Stride: 4 * lw, Rect: image.Rect(0, 0, lw, lh)}
		c.st.clip, c.st.clipEmpty, c.st.filterOps = nil, false, nil
		c.fpath.Reset()
		c.fpath.Append(p, geom.Translate(-float64(L.Min.X), -float64(L.Min.Y)))
		src.ox, src.oy = src.ox+L.Min.X, src.oy+L.Min.Y
		c.compositePath(&c.fpath, rule, src, opSourceOver)
		c.canvas.img, c.st.clip, c.st.clipEmpty, c.st.filterOps = saved, clip, clipEmpty, ops
		var solid *[4]uint8
		if src.solid {
			solid = &src.color
		}
		c.applyFilters(ops, layer, lw, lh, solid)
	}
	if shadow {
		c.layerShadow(layer, L, region, sigma, sdx, sdy, op)
	}
	c.compositeLayer(layer, L, region, op)
}

// compositeLayer composites the premultiplied layer covering L onto the
// canvas within region, through the clip.
func (c *Context2D) compositeLayer(layer []uint8, L, region image.Rectangle, op blend.Op) {
	img, clip := c.canvas.img, c.st.clip
	span := L.Intersect(region)
	if op.ClearsOutsideShape() {
		// Outside the layer the source is transparent, and the operator
		// still applies there.
		span = region
	}
	if span.Empty() {
		return
	}
	n := span.Dx()
	sbuf, _ := c.buffers(n)
	for y := span.Min.Y; y < span.Max.Y; y++ {
		layerRow(sbuf, layer, L, y, span.Min.X)
		var cov []uint8
		if clip != nil {
			cov = clip.Row(y, span.Min.X, span.Max.X)
		}
		blend.Composite(op, img.Pix[y*img.Stride+span.Min.X*4:][:4*n], sbuf, cov)
	}
}

// layerRow copies row y of an RGBA layer covering L, pixels x0 … x0+len/4,
// into dst, transparent outside L.
func layerRow(dst, layer []uint8, L image.Rectangle, y, x0 int) {
	clear(dst)
	if y < L.Min.Y || y >= L.Max.Y {
		return
	}
	n := len(dst) / 4
	a, b := max(x0, L.Min.X), min(x0+n, L.Max.X)
	if a >= b {
		return
	}
	copy(dst[4*(a-x0):4*(b-x0)], layer[4*((y-L.Min.Y)*L.Dx()+a-L.Min.X):])
}

// layerShadow draws the ctx.shadow* shadow of the filtered layer: its alpha
// moved by the offset, blurred, tinted and composited with op.
func (c *Context2D) layerShadow(layer []uint8, L, region image.Rectangle, sigma float64, dx, dy int, op blend.Op) {
	margin := int(math.Ceil(3 * sigma))
	moved := L.Add(image.Pt(dx, dy))
	vis := moved.Inset(-margin).Intersect(region)
	if op.ClearsOutsideShape() {
		vis = region
	}
	if vis.Empty() {
		return
	}
	S := vis.Inset(-margin).Intersect(moved)
	if S.Empty() {
		S = image.Rectangle{}
	}
	// plane covers vis plus the margin the blur reads from.
	P := vis.Inset(-margin)
	pw, ph := P.Dx(), P.Dy()
	if int64(pw)*int64(ph) > max(c.canvas.limits.normalized().MaxPixels, 1<<24) {
		return
	}
	if cap(c.layer) < pw*ph {
		c.layer = make([]uint8, pw*ph)
	}
	plane := c.layer[:pw*ph]
	clear(plane)
	lw := L.Dx()
	for y := S.Min.Y; y < S.Max.Y; y++ {
		src := layer[4*((y-dy-L.Min.Y)*lw+S.Min.X-dx-L.Min.X):]
		row := plane[(y-P.Min.Y)*pw+S.Min.X-P.Min.X:][:S.Dx()]
		for i := range row {
			row[i] = src[4*i+3]
		}
	}
	if sigma > 0 {
		blur.GaussianAlphaWithin(plane, pw, ph, pw, sigma, true, vis.Sub(P.Min))
	}
	col := c.st.shadowColor
	tint := premulColor(col.R, col.G, col.B, float64(col.A)/255)
	img, clip := c.canvas.img, c.st.clip
	n := vis.Dx()
	sbuf, cbuf := c.buffers(n)
	for y := vis.Min.Y; y < vis.Max.Y; y++ {
		for i := 0; i < 4*n; i += 4 {
			sbuf[i], sbuf[i+1], sbuf[i+2], sbuf[i+3] = tint[0], tint[1], tint[2], tint[3]
		}
		copy(cbuf, plane[(y-P.Min.Y)*pw+vis.Min.X-P.Min.X:][:n])
		scaleByCov(sbuf, cbuf)
		var cov []uint8
		if clip != nil {
			cov = clip.Row(y, vis.Min.X, vis.Max.X)
		}
		blend.Composite(op, img.Pix[y*img.Stride+vis.Min.X*4:][:4*n], sbuf, cov)
	}
}

// applyFilters runs the ops over a premultiplied w×h layer in order. Runs
// of colour functions go through the pixels once. solid, when not nil, is
// the one premultiplied colour the layer was drawn with (scaled by
// coverage), which lets a first blur work on alpha alone.
func (c *Context2D) applyFilters(ops []filterOp, layer []uint8, w, h int, solid *[4]uint8) {
	for i := 0; i < len(ops); {
		switch ops[i].kind {
		case filterBlur:
			c.blurRGBA(layer, w, h, ops[i].sigma, solid)
			i++
		case filterDropShadow:
			c.dropShadow(layer, w, h, &ops[i])
			i++
		default:
			j := i
			for j < len(ops) && (ops[j].kind == filterMatrix || ops[j].kind == filterTable) {
				j++
			}
			colorFilters(ops[i:j], layer)
			i = j
		}
		solid = nil // later functions see a layer of many colours
	}
}

// colorFilters applies colour functions to premultiplied pixels: each pixel
// is un-premultiplied, passed through the functions in float (tables look
// up the nearest 8-bit value, as Skia's table stage does), and premultiplied
// again. Runs of equal pixels (flat fills) reuse the previous result.
func colorFilters(ops []filterOp, pix []uint8) {
	var lastIn, lastOut [4]uint8
	have := false
	for i := 0; i+3 < len(pix); i += 4 {
		in := [4]uint8{pix[i], pix[i+1], pix[i+2], pix[i+3]}
		if in[3] == 0 {
			// Transparent black stays so: none of these functions raise alpha
			// from zero.
			continue
		}
		if have && in == lastIn {
			pix[i], pix[i+1], pix[i+2], pix[i+3] = lastOut[0], lastOut[1], lastOut[2], lastOut[3]
			continue
		}
		a := float64(in[3]) / 255
		r := float64(in[0]) / 255 / a
		g := float64(in[1]) / 255 / a
		b := float64(in[2]) / 255 / a
		r, g, b = min(r, 1), min(g, 1), min(b, 1)
		for k := range ops {
			op := &ops[k]
			if op.kind == filterMatrix {
				m := &op.m
				r, g, b = clamp01(m[0]*r+m[1]*g+m[2]*b), clamp01(m[3]*r+m[4]*g+m[5]*b), clamp01(m[6]*r+m[7]*g+m[8]*b)
				continue
			}
			t := op.table
			r = float64(t[0][uint8(math.Round(r*255))]) / 255
			g = float64(t[1][uint8(math.Round(g*255))]) / 255
			b = float64(t[2][uint8(math.Round(b*255))]) / 255
			a = float64(t[3][uint8(math.Round(a*255))]) / 255
		}
		out := [4]uint8{
			uint8(math.Round(r * a * 255)), uint8(math.Round(g * a * 255)),
			uint8(math.Round(b * a * 255)), uint8(math.Round(a * 255)),
		}
		pix[i], pix[i+1], pix[i+2], pix[i+3] = out[0], out[1], out[2], out[3]
		lastIn, lastOut, have = in, out, true
	}
}

func clamp01(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

// blurRGBA blurs each premultiplied channel of the layer with Skia's blur
// image filter. A blur is linear, so blurring channels one by one is the
// blur of the colour; rounding can lift a colour a level above its alpha,
// which is clamped back. A layer of one colour (a solid fill, stroke or
// text, given as solid) needs only its alpha blurred: each channel is that
// colour scaled by the blurred alpha, within a level of blurring it.
// Otherwise the four channels blur concurrently.
func (c *Context2D) blurRGBA(layer []uint8, w, h int, sigma float64, solid *[4]uint8) {
	n := w * h
	if solid != nil && solid[3] != 0 {
		plane := c.filterPlanes(n, 1)[0]
		for i := range plane {
			plane[i] = layer[4*i+3]
		}
		blur.GaussianAlphaImage(plane, w, h, w, sigma)
		a := uint32(solid[3])
		for i, v := range plane {
			p := layer[4*i : 4*i+4 : 4*i+4]
			for k := range 3 {
				p[k] = uint8((uint32(solid[k])*uint32(v) + a/2) / a)
			}
			p[3] = v
		}
		return
	}
	planes := c.filterPlanes(n, 4)
	var wg sync.WaitGroup
	for ch := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			plane := planes[ch]
			empty := true
			for i := range plane {
				v := layer[4*i+ch]
				plane[i] = v
				if v != 0 {
					empty = false
				}
			}
			if !empty {
				blur.GaussianAlphaImage(plane, w, h, w, sigma)
			}
		}()
	}
	wg.Wait()
	r, g, b, al := planes[0], planes[1], planes[2], planes[3]
	for i := range n {
		a := al[i]
		layer[4*i], layer[4*i+1], layer[4*i+2], layer[4*i+3] = min(r[i], a), min(g[i], a), min(b[i], a), a
	}
}

// filterPlanes returns k single-channel planes of n pixels, reused between
// draws.
func (c *Context2D) filterPlanes(n, k int) [][]uint8 {
	planes := make([][]uint8, k)
	for i := range k {
		if cap(c.fplanes[i]) < n {
			c.fplanes[i] = make([]uint8, n)
		}
		planes[i] = c.fplanes[i][:n]
	}
	return planes
}

// dropShadow draws op's shadow of the layer under it, in place.
func (c *Context2D) dropShadow(layer []uint8, w, h int, op *filterOp) {
	plane := c.filterPlanes(w*h, 1)[0]
	clear(plane)
	// The shadow is the alpha moved by the offset; Chromium offsets in
	// whole device pixels for the axis-aligned case measured here.
	dx, dy := int(math.Round(op.dx)), int(math.Round(op.dy))
	for y := max(0, dy); y < min(h, h+dy); y++ {
		for x := max(0, dx); x < min(w, w+dx); x++ {
			plane[y*w+x] = layer[4*((y-dy)*w+x-dx)+3]
		}
	}
	if op.sigma > 0 {
		blur.GaussianAlphaImage(plane, w, h, w, op.sigma)
	}
	col := op.color
	tint := premulColor(col.R, col.G, col.B, float64(col.A)/255)
	for i, s := range plane {
		if s == 0 {
			continue
		}
		// layer = layer over (tint × shadow alpha)
		inv := 255 - uint32(layer[4*i+3])
		for k := range 4 {
			sh := uint32(tint[k]) * uint32(s)
			sh = (sh + 128 + (sh+128)>>8) >> 8
			t := sh*inv + 128
			layer[4*i+k] += uint8((t + t>>8) >> 8)
		}
	}
}
