package canvas

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/seed92233726/mediad/canvas/internal/css"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/codec"
)

// SVG images are rasterised with this package's own path engine: the common
// subset of SVG 1.1 that posters use — svg (width, height, viewBox, the
// default preserveAspectRatio and "none"), g, nested svg, path, rect (rounded),
// circle, ellipse, line, polyline, polygon, use (of elements and symbols);
// simple style sheets (<style> rules with element, #id and .class selectors,
// which exported SVGs use for every shape); fill and stroke with colours and
// linear/radial gradients (objectBoundingBox or userSpaceOnUse units,
// gradientTransform, stops inherited through href), the stroke properties,
// fill-rule, opacity, fill-opacity, stroke-opacity, display and visibility,
// from attributes or style="…"; transforms. Text, filters, masks, clip
// paths, patterns, markers, complex CSS selectors and external references
// are not drawn. Group opacity multiplies into each child's paint instead of
// compositing the group as one layer, which only differs where children of
// a translucent group overlap.

// ErrSVG reports an SVG document that cannot be rasterised: malformed XML, no
// <svg> root, no usable size, or over the element or nesting limits.
var ErrSVG = errors.New("invalid SVG image")

// SVG limits; documents beyond them fail with ErrSVG rather than consume
// unbounded time.
const (
	svgMaxElements = 100_000
	svgMaxDepth    = 256
)

// looksLikeSVG reports an XML document whose root element is <svg>, after an
// optional byte order mark, XML declaration, comments and doctype.
func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), 4096)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	return bytes.Contains(head, []byte("<svg"))
}

type svgNode struct {
	name     string
	attrs    map[string]string
	children []*svgNode
	text     string // character data of a <style> element
}

func parseSVGTree(data []byte) (*svgNode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // browsers render common sloppiness (unquoted attributes, &nbsp;)
	d.Entity = xml.HTMLEntity
	var root *svgNode
	var stack []*svgNode
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSVG, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > svgMaxElements || len(stack) >= svgMaxDepth {
				return nil, fmt.Errorf("%w: more than %d elements or %d levels", ErrSVG, svgMaxElements, svgMaxDepth)
			}
			n := &svgNode{name: t.Name.Local, attrs: make(map[string]string, len(t.Attr))}
			for _, a := range t.Attr {
				key := a.Name.Local
				if a.Name.Space == "xlink" || strings.HasSuffix(a.Name.Space, "/xlink") {
					key = "xlink:" + key
				}
				n.attrs[key] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%w: more than one root element", ErrSVG)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].name == "style" && len(stack[len(stack)-1].text) < 1<<20 {
				stack[len(stack)-1].text += string(t)
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if root == nil || root.name != "svg" {
		return nil, fmt.Errorf("%w: the root element is not <svg>", ErrSVG)
	}
	return root, nil
}

// svgLength parses a length in user units (px, or unitless); pct is what
// 100% stands for. ok is false for missing or unusable values.
func svgLength(s string, pct float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	scale := 1.0
	switch {
	case strings.HasSuffix(s, "%"):
		s, scale = s[:len(s)-1], pct/100
	case strings.HasSuffix(s, "px"):
		s = s[:len(s)-2]
	case strings.HasSuffix(s, "pt"):
		s, scale = s[:len(s)-2], 4.0/3
	case strings.HasSuffix(s, "pc"):
		s, scale = s[:len(s)-2], 16
	case strings.HasSuffix(s, "mm"):
		s, scale = s[:len(s)-2], 96/25.4
	case strings.HasSuffix(s, "cm"):
		s, scale = s[:len(s)-2], 96/2.54
	case strings.HasSuffix(s, "in"):
		s, scale = s[:len(s)-2], 96
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v * scale, true
}

// svgNumbers splits a list of numbers separated by commas and/or spaces.
func svgNumbers(s string) []float64 {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	out := make([]float64, 0, len(f))
	for _, v := range f {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			break // as for points="…": keep what parsed before the error
		}
		out = append(out, x)
	}
	return out
}

// svgTransform parses a transform list; an error leaves the identity, as
// browsers ignore an invalid transform attribute.
func svgTransform(s string) geom.Matrix {
	m := geom.Identity
	rest := strings.TrimSpace(s)
	for rest != "" {
		open := strings.IndexByte(rest, '(')
		end := strings.IndexByte(rest, ')')
		if open < 0 || end < open {
			return geom.Identity
		}
		name := strings.TrimSpace(strings.Trim(rest[:open], ", \t\n\r"))
		a := svgNumbers(rest[open+1 : end])
		rest = strings.TrimLeft(rest[end+1:], ", \t\n\r")
		var t geom.Matrix
		switch {
		case name == "matrix" && len(a) == 6:
			t = geom.Matrix{A: a[0], B: a[1], C: a[2], D: a[3], E: a[4], F: a[5]}
		case name == "translate" && (len(a) == 1 || len(a) == 2):
			a = append(a, 0)
			t = geom.Translate(a[0], a[1])
		case name == "scale" && (len(a) == 1 || len(a) == 2):
			if len(a) == 1 {
				a = append(a, a[0])
			}
			t = geom.Scale(a[0], a[1])
		case name == "rotate" && len(a) == 1:
			t = geom.Rotate(a[0] * math.Pi / 180)
		case name == "rotate" && len(a) == 3:
			t = geom.Translate(a[1], a[2]).Mul(geom.Rotate(a[0] * math.Pi / 180)).Mul(geom.Translate(-a[1], -a[2]))
		case name == "skewX" && len(a) == 1:
			t = geom.Matrix{A: 1, C: math.Tan(a[0] * math.Pi / 180), D: 1}
		case name == "skewY" && len(a) == 1:
			t = geom.Matrix{A: 1, B: math.Tan(a[0] * math.Pi / 180), D: 1}
		default:
			return geom.Identity
		}
		m = m.Mul(t)
	}
	if !m.IsFinite() {
		return geom.Identity
	}
	return m
}

// svgStyle is the inherited presentation state.
type svgStyle struct {
	fill, stroke                      string
	fillOpacity, strokeOpacity, alpha float64
	strokeWidth, miterLimit           float64
	lineCap, lineJoin, fillRule       string
	dash                              []float64
	dashOffset                        float64
	color                             string
	visible                           bool
}

var svgInherited = []string{"fill", "stroke", "fill-opacity", "stroke-opacity", "stroke-width", "stroke-miterlimit",
	"stroke-linecap", "stroke-linejoin", "fill-rule", "stroke-dasharray", "stroke-dashoffset", "color", "visibility"}

// svgProps lists the properties read from attributes (style sheets and style
// attributes may set any of them too).
var svgProps = append(svgInherited, "opacity", "display", "stop-color", "stop-opacity", "offset")

// props gathers an element's properties in CSS cascade order: presentation
// attributes, then matching style sheet rules by specificity (then source
// order), then the style attribute.
func (r *svgRenderer) props(n *svgNode) map[string]string {
	p := map[string]string{}
	for _, k := range svgProps {
		if v, ok := n.attrs[k]; ok {
			p[k] = strings.TrimSpace(v)
		}
	}
	for _, rule := range r.rules { // sorted by specificity, stably
		if rule.sel.matches(n) {
			parseDecls(rule.decls, p)
		}
	}
	parseDecls(n.attrs["style"], p)
	return p
}

func parseDecls(decls string, p map[string]string) {
	for _, decl := range strings.Split(decls, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if ok {
			v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
			p[strings.TrimSpace(k)] = v
		}
	}
}

// svgSelector is the simple selector subset exported SVGs use: an optional
// element name, an optional #id and any number of .classes ("*" is any).
type svgSelector struct {
	tag, id string
	classes []string
}

// specificity is CSS's (ids, classes, element names) as one number.
func (s svgSelector) specificity() int {
	n := 10 * len(s.classes)
	if s.id != "" {
		n += 100
	}
	if s.tag != "" && s.tag != "*" {
		n++
	}
	return n
}

func (s svgSelector) matches(n *svgNode) bool {
	if s.tag != "" && s.tag != "*" && s.tag != n.name {
		return false
	}
	if s.id != "" && n.attrs["id"] != s.id {
		return false
	}
	have := strings.Fields(n.attrs["class"])
	for _, c := range s.classes {
		found := false
		for _, h := range have {
			found = found || h == c
		}
		if !found {
			return false
		}
	}
	return true
}

type svgRule struct {
	sel   svgSelector
	decls string
}

// parseSheet reads the rules of a style sheet; selectors outside the simple
// subset (combinators, attributes, pseudo-classes) and at-rules are skipped.
func parseSheet(css string) []svgRule {
	var rules []svgRule
	for len(rules) < 10000 {
		// Comments and at-rule blocks are dropped before splitting.
		if i := strings.Index(css, "/*"); i >= 0 {
			if j := strings.Index(css[i+2:], "*/"); j >= 0 {
				css = css[:i] + css[i+2+j+2:]
				continue
			}
			css = css[:i]
		}
		open := strings.IndexByte(css, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(css[open:], '}')
		if end < 0 {
			break
		}
		sels, decls := strings.TrimSpace(css[:open]), css[open+1:open+end]
		css = css[open+end+1:]
		if strings.HasPrefix(sels, "@") {
			continue
		}
		for _, one := range strings.Split(sels, ",") {
			if sel, ok := parseSelector(strings.TrimSpace(one)); ok {
				rules = append(rules, svgRule{sel, decls})
			}
		}
	}
	return rules
}

func parseSelector(s string) (svgSelector, bool) {
	if s == "" || strings.ContainsAny(s, " >+~[:") {
		return svgSelector{}, false
	}
	var sel svgSelector
	i := strings.IndexAny(s, ".#")
	if i < 0 {
		i = len(s)
	}
	sel.tag, s = s[:i], s[i:]
	for s != "" {
		kind := s[0]
		s = s[1:]
		j := strings.IndexAny(s, ".#")
		if j < 0 {
			j = len(s)
		}
		name := s[:j]
		s = s[j:]
		if name == "" {
			return svgSelector{}, false
		}
		if kind == '#' {
			sel.id = name
		} else {
			sel.classes = append(sel.classes, name)
		}
	}
	return sel, true
}

func (s svgStyle) apply(p map[string]string, vw, vh float64) svgStyle {
	num := func(k string, dst *float64) {
		if v, ok := p[k]; ok {
			if f, ok := svgLength(v, math.Hypot(vw, vh)/math.Sqrt2); ok {
				*dst = f
			}
		}
	}
	opacity := func(k string, dst *float64) {
		if v, ok := p[k]; ok {
			if f, ok := svgLength(v, 1); ok {
				*dst = math.Max(0, math.Min(1, f))
			}
		}
	}
	if v, ok := p["fill"]; ok && v != "inherit" {
		s.fill = v
	}
	if v, ok := p["stroke"]; ok && v != "inherit" {
		s.stroke = v
	}
	if v, ok := p["color"]; ok && v != "inherit" {
		s.color = v
	}
	opacity("fill-opacity", &s.fillOpacity)
	opacity("stroke-opacity", &s.strokeOpacity)
	num("stroke-width", &s.strokeWidth)
	num("stroke-miterlimit", &s.miterLimit)
	num("stroke-dashoffset", &s.dashOffset)
	if v, ok := p["stroke-linecap"]; ok {
		s.lineCap = v
	}
	if v, ok := p["stroke-linejoin"]; ok {
		s.lineJoin = v
	}
	if v, ok := p["fill-rule"]; ok {
		s.fillRule = v
	}
	if v, ok := p["stroke-dasharray"]; ok {
		if v == "none" {
			s.dash = nil
		} else {
			s.dash = svgNumbers(v)
		}
	}
	if v, ok := p["visibility"]; ok {
		s.visible = v != "hidden" && v != "collapse"
	}
	if v, ok := p["opacity"]; ok {
		if f, ok := svgLength(v, 1); ok {
			s.alpha *= math.Max(0, math.Min(1, f))
		}
	}
	return s
}

// svgRenderer draws an SVG tree onto a context.
type svgRenderer struct {
	ctx    *Context2D
	ids    map[string]*svgNode
	rules  []svgRule // style sheet rules, by specificity
	vw, vh float64   // the viewport in user units, for percentages
	budget int       // elements left to visit: <use> can multiply a document
	uses   int       // <use> elements being expanded (nesting depth)
}

// svgMaxShapes bounds the elements one document may draw, counting each
// expansion of a <use>.
const svgMaxShapes = 200_000

// NewImageFromSVG rasterises an SVG document. width and height are the
// bitmap size; 0 takes the document's own (its width/height attributes, else
// the viewBox size, else 300×150, as an <img> without a size would), and one
// of them 0 keeps the document's aspect ratio.
func NewImageFromSVG(data []byte, width, height int) (*Image, error) {
	return rasterSVG(data, width, height, 0, 0, 0)
}

// rasterSVG is NewImageFromSVG with a pixel limit (0: codec's default),
// checked before the bitmap is allocated.
//
// With kx, ky > 0 the document is drawn instead at kx×ky times its natural
// size (width and height ignored) onto a bitmap rounded up to whole pixels:
// the exact scale keeps edges where a vector renderer puts them.
func rasterSVG(data []byte, width, height int, maxPixels int64, kx, ky float64) (*Image, error) {
	if maxPixels <= 0 {
		maxPixels = codec.DefaultMaxPixels
	}
	root, err := parseSVGTree(data)
	if err != nil {
		return nil, err
	}
	vb := svgNumbers(root.attrs["viewBox"])
	hasVB := len(vb) == 4 && vb[2] > 0 && vb[3] > 0
	dw, okW := svgLength(root.attrs["width"], 0)
	dh, okH := svgLength(root.attrs["height"], 0)
	if strings.HasSuffix(strings.TrimSpace(root.attrs["width"]), "%") {
		okW = false // relative to a container an image does not have
	}
	if strings.HasSuffix(strings.TrimSpace(root.attrs["height"]), "%") {
		okH = false
	}
	if (okW && dw <= 0) || (okH && dh <= 0) {
		// An explicit zero or negative size is an image with no pixels.
		return nil, fmt.Errorf("%w: size %sx%s", ErrSVG, root.attrs["width"], root.attrs["height"])
	}
	switch {
	case okW && okH:
	case hasVB && okW:
		dh = dw * vb[3] / vb[2]
	case hasVB && okH:
		dw = dh * vb[2] / vb[3]
	case hasVB:
		dw, dh = vb[2], vb[3]
	default:
		if !okW {
			dw = DefaultWidth
		}
		if !okH {
			dh = DefaultHeight
		}
	}
	w, h := float64(width), float64(height)
	switch {
	case width > 0 && height > 0:
	case width > 0:
		h = w * dh / dw
	case height > 0:
		w = h * dw / dh
	default:
		w, h = dw, dh
	}
	if !(w >= 0.5 && h >= 0.5 && w < 1<<20 && h < 1<<20) {
		return nil, fmt.Errorf("%w: size %gx%g", ErrSVG, w, h)
	}
	bw, bh := math.Round(w), math.Round(h)
	// Document units → bitmap pixels.
	ux, uy := bw/dw, bh/dh
	if kx > 0 && ky > 0 {
		ux, uy = ux*kx, uy*ky
		bw, bh = math.Ceil(bw*kx-1e-9), math.Ceil(bh*ky-1e-9)
	}
	if !(bw >= 1 && bh >= 1) || bw*bh > float64(maxPixels) {
		return nil, fmt.Errorf("%w: SVG of %gx%g", codec.ErrTooLarge, bw, bh)
	}
	cv, err := NewCanvas(int(bw), int(bh))
	if err != nil {
		return nil, err
	}
	ctx := cv.Context2D()
	// Document size → bitmap size, then the viewBox into the document.
	ctx.Scale(ux, uy)
	r := &svgRenderer{ctx: ctx, ids: map[string]*svgNode{}, vw: dw, vh: dh}
	if hasVB {
		sx, sy := dw/vb[2], dh/vb[3]
		tx, ty := 0.0, 0.0
		if par := strings.Fields(root.attrs["preserveAspectRatio"]); len(par) == 0 || par[0] != "none" {
			// xMidYMid meet, the default: uniform scale, centred.
			s := math.Min(sx, sy)
			tx, ty = (dw-vb[2]*s)/2, (dh-vb[3]*s)/2
			sx, sy = s, s
		}
		ctx.Translate(tx, ty)
		ctx.Scale(sx, sy)
		ctx.Translate(-vb[0], -vb[1])
		r.vw, r.vh = vb[2], vb[3]
	}
	r.index(root)
	sort.SliceStable(r.rules, func(i, j int) bool { return r.rules[i].sel.specificity() < r.rules[j].sel.specificity() })
	r.budget = svgMaxShapes
	base := svgStyle{fill: "black", stroke: "none", fillOpacity: 1, strokeOpacity: 1, alpha: 1,
		strokeWidth: 1, miterLimit: 4, lineCap: "butt", lineJoin: "miter", fillRule: "nonzero", color: "black", visible: true}
	r.children(root, base)
	img := newImage(cv.img)
	img.svg = data
	return img, nil
}

// svgMaxRaster bounds the pixels of a re-rasterisation at drawing scale;
// beyond it the image is resampled from the largest allowed raster.
const svgMaxRaster = 16 << 20

// svgAtScale returns an SVG image rasterised for drawing under the
// image→device matrix m, with m adjusted to it. Browsers draw SVG images as
// vectors at the destination's resolution, so an icon drawn large stays
// sharp; re-rasterising at the scale of each image axis does the same for
// axis-aligned draws, and nearly so under rotation. The last raster is
// cached on the Image.
func (i *Image) svgAtScale(m geom.Matrix) (*image.RGBA, geom.Matrix) {
	w, h := float64(i.img.Rect.Dx()), float64(i.img.Rect.Dy())
	kx, ky := math.Hypot(m.A, m.B), math.Hypot(m.C, m.D)
	if !(kx > 0 && ky > 0) || (kx == 1 && ky == 1) {
		return i.img, m
	}
	if n := (w*kx + 1) * (h*ky + 1); n > svgMaxRaster {
		f := math.Sqrt(svgMaxRaster / n)
		kx, ky = kx*f, ky*f
	}
	i.mipMu.Lock()
	raster, scale := i.svgRaster, i.svgScale
	i.mipMu.Unlock()
	if raster == nil || scale != [2]float64{kx, ky} {
		r, err := rasterSVG(i.svg, 0, 0, svgMaxRaster, kx, ky)
		if err != nil {
			return i.img, m
		}
		raster = r.img
		i.mipMu.Lock()
		i.svgRaster, i.svgScale = raster, [2]float64{kx, ky}
		i.mipMu.Unlock()
	}
	return raster, m.Mul(geom.Scale(1/kx, 1/ky))
}

func (r *svgRenderer) index(n *svgNode) {
	if n.name == "style" {
		r.rules = append(r.rules, parseSheet(n.text)...)
	}
	if id := n.attrs["id"]; id != "" {
		if _, dup := r.ids[id]; !dup {
			r.ids[id] = n
		}
	}
	for _, c := range n.children {
		r.index(c)
	}
}

func (r *svgRenderer) children(n *svgNode, st svgStyle) {
	for _, c := range n.children {
		r.node(c, st)
	}
}

func (r *svgRenderer) node(n *svgNode, parent svgStyle) {
	if r.budget <= 0 {
		return
	}
	r.budget--
	switch n.name {
	case "defs", "linearGradient", "radialGradient", "clipPath", "mask", "pattern", "symbol", "marker",
		"style", "script", "title", "desc", "metadata", "text", "filter", "foreignObject":
		return
	}
	p := r.props(n)
	if p["display"] == "none" {
		return
	}
	st := parent.apply(p, r.vw, r.vh)
	c := r.ctx
	c.Save()
	defer c.Restore()
	if t, ok := n.attrs["transform"]; ok {
		m := svgTransform(t)
		c.Transform(m.A, m.B, m.C, m.D, m.E, m.F)
	}
	switch n.name {
	case "g", "a":
		r.children(n, st)
		return
	case "svg":
		x, _ := svgLength(n.attrs["x"], r.vw)
		y, _ := svgLength(n.attrs["y"], r.vh)
		c.Translate(x, y)
		r.children(n, st)
		return
	case "use":
		ref := n.attrs["href"]
		if ref == "" {
			ref = n.attrs["xlink:href"]
		}
		target := r.ids[strings.TrimPrefix(ref, "#")]
		if !strings.HasPrefix(ref, "#") || target == nil || r.uses >= 32 {
			return // external, missing, or (through a cycle) too deep
		}
		x, _ := svgLength(n.attrs["x"], r.vw)
		y, _ := svgLength(n.attrs["y"], r.vh)
		c.Translate(x, y)
		r.uses++
		if target.name == "symbol" {
			r.children(target, st)
		} else {
			r.node(target, st)
		}
		r.uses--
		return
	}
	path, ok := r.shape(n)
	if !ok || !st.visible {
		return
	}
	r.paint(path, st)
}

func (r *svgRenderer) attr(n *svgNode, k string, pct float64) float64 {
	v, _ := svgLength(n.attrs[k], pct)
	return v
}

// shape builds an element's geometry in its user space; ok is false for
// elements that are not shapes or that the spec says are not rendered
// (zero or negative sizes).
func (r *svgRenderer) shape(n *svgNode) (*Path2D, bool) {
	p := NewPath2D()
	diag := math.Hypot(r.vw, r.vh) / math.Sqrt2
	switch n.name {
	case "path":
		p, _ = NewPath2DSVG(n.attrs["d"]) // keeps what parsed before an error
	case "rect":
		x, y := r.attr(n, "x", r.vw), r.attr(n, "y", r.vh)
		w, h := r.attr(n, "width", r.vw), r.attr(n, "height", r.vh)
		if !(w > 0 && h > 0) {
			return nil, false
		}
		rx, okx := svgLength(n.attrs["rx"], r.vw)
		ry, oky := svgLength(n.attrs["ry"], r.vh)
		if !okx || rx < 0 {
			rx, okx = ry, oky && ry >= 0
		}
		if !oky || ry < 0 {
			ry = rx
		}
		rx, ry = math.Min(math.Max(rx, 0), w/2), math.Min(math.Max(ry, 0), h/2)
		if rx > 0 && ry > 0 {
			_ = p.RoundRect(x, y, w, h, Radius{rx, ry})
		} else {
			p.Rect(x, y, w, h)
		}
	case "circle":
		rad := r.attr(n, "r", diag)
		if !(rad > 0) {
			return nil, false
		}
		_ = p.Arc(r.attr(n, "cx", r.vw), r.attr(n, "cy", r.vh), rad, 0, 2*math.Pi, false)
		p.ClosePath()
	case "ellipse":
		rx, ry := r.attr(n, "rx", r.vw), r.attr(n, "ry", r.vh)
		if !(rx > 0 && ry > 0) {
			return nil, false
		}
		_ = p.Ellipse(r.attr(n, "cx", r.vw), r.attr(n, "cy", r.vh), rx, ry, 0, 0, 2*math.Pi, false)
		p.ClosePath()
	case "line":
		p.MoveTo(r.attr(n, "x1", r.vw), r.attr(n, "y1", r.vh))
		p.LineTo(r.attr(n, "x2", r.vw), r.attr(n, "y2", r.vh))
	case "polyline", "polygon":
		pts := svgNumbers(n.attrs["points"])
		if len(pts) < 4 {
			return nil, false
		}
		p.MoveTo(pts[0], pts[1])
		for i := 2; i+1 < len(pts); i += 2 {
			p.LineTo(pts[i], pts[i+1])
		}
		if n.name == "polygon" {
			p.ClosePath()
		}
	default:
		return nil, false
	}
	return p, true
}

// paint fills, then strokes, the shape.
func (r *svgRenderer) paint(p *Path2D, st svgStyle) {
	c := r.ctx
	rule := NonZero
	if st.fillRule == "evenodd" {
		rule = EvenOdd
	}
	if st.fill != "none" && !isLine(&p.p) {
		r.withPaint(p, st.fill, st.fillOpacity*st.alpha, st, false, func(q *Path2D) { c.FillPath(q, rule) })
	}
	if st.stroke != "none" && st.strokeWidth > 0 {
		c.SetLineWidth(st.strokeWidth)
		c.SetLineCap(st.lineCap)
		c.SetLineJoin(st.lineJoin)
		if st.miterLimit >= 1 {
			c.SetMiterLimit(st.miterLimit)
		}
		dash := st.dash
		for _, d := range dash {
			if d < 0 {
				dash = nil
				break
			}
		}
		c.SetLineDash(dash)
		c.SetLineDashOffset(st.dashOffset)
		r.withPaint(p, st.stroke, st.strokeOpacity*st.alpha, st, true, func(q *Path2D) { c.StrokePath(q) })
	}
}

// withPaint sets fillStyle or strokeStyle from an SVG paint and calls draw.
// A gradient in objectBoundingBox units is applied exactly for fills by
// drawing in bounding-box space (the path mapped there, the transform mapped
// back); strokes keep user space, with the gradient's geometry mapped into it.
func (r *svgRenderer) withPaint(p *Path2D, paint string, alpha float64, st svgStyle, stroke bool, draw func(*Path2D)) {
	c := r.ctx
	set := c.SetFillStyle
	if stroke {
		set = c.SetStrokeStyle
	}
	c.SetGlobalAlpha(alpha)
	if strings.HasPrefix(paint, "url(") {
		id, fallback, _ := strings.Cut(strings.TrimPrefix(paint, "url("), ")")
		id = strings.Trim(strings.TrimSpace(id), `'"`)
		g := r.ids[strings.TrimPrefix(id, "#")]
		if g == nil || (g.name != "linearGradient" && g.name != "radialGradient") {
			if fb := strings.TrimSpace(fallback); fb != "" && fb != "none" {
				r.withPaint(p, fb, alpha, st, stroke, draw)
			}
			return
		}
		r.gradientPaint(p, g, set, stroke, draw)
		return
	}
	if paint == "currentColor" {
		paint = st.color
	}
	col, ok := css.ParseColor(paint)
	if !ok {
		return // an invalid paint is "none"
	}
	set(col)
	draw(p)
}

// gradAttr follows href chains for a gradient attribute (bounded, so cycles end).
func (r *svgRenderer) gradAttr(g *svgNode, k string) (string, bool) {
	for i := 0; g != nil && i < 16; i++ {
		if v, ok := g.attrs[k]; ok {
			return v, true
		}
		g = r.gradRef(g)
	}
	return "", false
}

func (r *svgRenderer) gradRef(g *svgNode) *svgNode {
	ref := g.attrs["href"]
	if ref == "" {
		ref = g.attrs["xlink:href"]
	}
	if !strings.HasPrefix(ref, "#") {
		return nil
	}
	return r.ids[ref[1:]]
}

func (r *svgRenderer) gradientPaint(p *Path2D, g *svgNode, set func(any), stroke bool, draw func(*Path2D)) {
	c := r.ctx
	bbox := true
	if u, _ := r.gradAttr(g, "gradientUnits"); u == "userSpaceOnUse" {
		bbox = false
	}
	// Units for percentages and bare numbers.
	pw, ph := 1.0, 1.0
	if !bbox {
		pw, ph = r.vw, r.vh
	}
	get := func(k, def string, pct float64) float64 {
		v, ok := r.gradAttr(g, k)
		if !ok {
			v = def
		}
		f, ok := svgLength(v, pct)
		if !ok {
			f, _ = svgLength(def, pct)
		}
		return f
	}
	gt := svgTransform(r.attrOr(g, "gradientTransform"))
	if bbox {
		lo, hi, ok := p.p.Bounds()
		if !ok || hi.X <= lo.X || hi.Y <= lo.Y {
			return // a zero-sized bounding box disables the paint
		}
		gt = geom.Translate(lo.X, lo.Y).Mul(geom.Scale(hi.X-lo.X, hi.Y-lo.Y)).Mul(gt)
	}
	// Fills are drawn in gradient space, exactly. A stroke drawn there would
	// have its width distorted, so strokes stay in user space with the
	// gradient's points mapped there (and a radius scaled by the map's mean
	// scale): exact for similarity maps and for the usual horizontal or
	// vertical linear gradients in a bounding box.
	mapPt := func(x, y float64) (float64, float64) { return x, y }
	scaleR := 1.0
	if stroke {
		mapPt = func(x, y float64) (float64, float64) {
			q := gt.Apply(geom.Point{X: x, Y: y})
			return q.X, q.Y
		}
		scaleR = math.Sqrt(math.Abs(gt.Det()))
	}
	var grad *Gradient
	if g.name == "linearGradient" {
		x1, y1 := mapPt(get("x1", "0%", pw), get("y1", "0%", ph))
		x2, y2 := mapPt(get("x2", "100%", pw), get("y2", "0%", ph))
		grad, _ = c.CreateLinearGradient(x1, y1, x2, y2)
	} else {
		diag := math.Hypot(pw, ph) / math.Sqrt2
		cx, cy, rad := get("cx", "50%", pw), get("cy", "50%", ph), get("r", "50%", diag)
		fx, fy := cx, cy
		if _, ok := r.gradAttr(g, "fx"); ok {
			fx = get("fx", "50%", pw)
		}
		if _, ok := r.gradAttr(g, "fy"); ok {
			fy = get("fy", "50%", ph)
		}
		cx, cy = mapPt(cx, cy)
		fx, fy = mapPt(fx, fy)
		rad *= scaleR
		if !(rad > 0) {
			return
		}
		var err error
		if grad, err = c.CreateRadialGradient(fx, fy, 0, cx, cy, rad); err != nil {
			return
		}
	}
	if grad == nil {
		return
	}
	stopsOf := g
	for i := 0; stopsOf != nil && i < 16; i++ {
		if hasStops(stopsOf) {
			break
		}
		stopsOf = r.gradRef(stopsOf)
	}
	if stopsOf == nil {
		return // no stops: the paint is none
	}
	last := 0.0
	for _, s := range stopsOf.children {
		if s.name != "stop" {
			continue
		}
		pr := r.props(s)
		for k, v := range s.attrs {
			if _, ok := pr[k]; !ok {
				pr[k] = v
			}
		}
		off, _ := svgLength(pr["offset"], 1)
		off = math.Max(last, math.Max(0, math.Min(1, off))) // offsets never decrease
		last = off
		col, ok := css.ParseColor(strings.TrimSpace(pr["stop-color"]))
		if pr["stop-color"] == "" {
			col, ok = css.ParseColor("black")
		}
		if !ok {
			continue
		}
		if v, has := pr["stop-opacity"]; has {
			if f, ok := svgLength(v, 1); ok {
				col.A = uint8(math.Round(float64(col.A) * math.Max(0, math.Min(1, f))))
			}
		}
		_ = grad.AddColorStop(off, css.SerializeColor(col))
	}
	if stroke {
		set(grad)
		draw(p)
		return
	}
	inv, ok := gt.Invert()
	if !ok {
		return
	}
	q := NewPath2D()
	q.p.Append(&p.p, inv)
	c.Save()
	c.Transform(gt.A, gt.B, gt.C, gt.D, gt.E, gt.F)
	set(grad)
	draw(q)
	c.Restore()
}

func (r *svgRenderer) attrOr(g *svgNode, k string) string {
	v, _ := r.gradAttr(g, k)
	return v
}

func hasStops(g *svgNode) bool {
	for _, c := range g.children {
		if c.name == "stop" {
			return true
		}
	}
	return false
}
