package text

import (
	"image/color"
	"math"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// COLR colour glyphs. A glyph listed in the font's COLR table is drawn from
// its paint graph instead of its outline: COLRv0 stacks layer glyphs each
// filled with a palette colour; COLRv1 adds gradients, transforms, nested
// glyph clips, references to other colour glyphs and composite modes. The
// graph is compiled once per glyph (palette colours resolved, layer lists and
// glyph outlines looked up, bounds computed) into a small tree that colr
// rendering walks at any transform. Glyphs whose graph uses something this
// renderer does not do, or is malformed or too large, compile to nil and are
// drawn as their outline in fillStyle, as a font without colour support
// would show them.

// ColorGlyph is a compiled COLR glyph.
type ColorGlyph struct {
	root *colrNode
	// MinX..MaxY bound what the glyph paints, in ems (y down, relative to
	// the pen).
	MinX, MinY, MaxX, MaxY float64
	// Foreground: some layer uses the text's fill (palette index 0xFFFF),
	// so the rendering depends on fillStyle.
	Foreground bool
	upem       float64
}

type colrOp uint8

const (
	colrLayers    colrOp = iota // kids painted in order, source-over
	colrClip                    // kids[0] painted inside outline
	colrSolid                   // fill with a colour
	colrLinear                  // fill with a gradient (stops, pts)
	colrRadial                  //
	colrSweep                   //
	colrTransform               // kids[0] painted with m applied (font units)
	colrComposite               // kids[0] (source) composited onto kids[1] (backdrop) with mode
)

type colrNode struct {
	op      colrOp
	kids    []*colrNode
	outline *Outline    // colrClip: ems, y down
	m       geom.Matrix // colrTransform: font units, y up
	col     colrColor   // colrSolid
	stops   []colrStop  // gradients, sorted by offset
	extend  tables.Extend
	pts     [6]float64 // gradient geometry in font units
	mode    tables.CompositeMode
}

// colrColor is a palette colour (non-premultiplied) or the foreground, with
// the paint's alpha.
type colrColor struct {
	c     color.NRGBA
	fg    bool
	alpha float64
}

type colrStop struct {
	off float64
	col colrColor
}

// Limits on one compiled glyph: real fonts use tens of nodes and a nesting
// depth under ten; a hostile table could make the graph exponential through
// shared sub-paints, which the node budget cuts off.
// Rendering keeps a coverage buffer per nested glyph clip and two layers per
// nested composite, so those nestings are bounded too (with MaxColorPixels
// that caps a render's scratch memory at a few MB).
const (
	maxColrNodes = 4096
	maxColrDepth = 64
	maxColrStops = 1024
	maxColrClips = 16
	maxColrComps = 4
)

// HasColorGlyphs reports whether the face has a COLR table with a palette;
// a cheap check before ColorGlyphOf.
func (f *Face) HasColorGlyphs() bool { return f.font.COLR != nil && len(f.font.CPAL) > 0 }

type colrEntry struct {
	key glyphKey
	cg  *ColorGlyph // nil: no colour paint, or refused
}

// colrGlyphs caches compiled glyphs (and misses: most glyphs of a colour
// font's text are looked up on every draw) in a lock-free direct-mapped
// table (see slotTable); a compiled glyph is a few kB at most.
var colrGlyphs = newSlotTable[colrEntry](13)

// ColorGlyphOf returns the compiled COLR glyph gid of f, or nil when the
// glyph has no colour paint or its paint cannot be drawn here (then the
// outline is drawn instead).
func ColorGlyphOf(f *Face, gid font.GID) *ColorGlyph {
	if !f.HasColorGlyphs() {
		return nil
	}
	k := glyphKey{f.id, gid}
	h := mix(uint64(f.id)<<32 | uint64(gid))
	if e := colrGlyphs.load(h); e != nil && e.key == k {
		return e.cg
	}
	cg := compileColr(f, gid)
	colrGlyphs.store(h, &colrEntry{k, cg})
	return cg
}

type colrCompiler struct {
	f       *Face
	colr    *tables.COLR1
	palette []tables.ColorRecord
	nodes   int
	clips   int // glyph clips around the paint being compiled
	comps   int // composites around it
	fg      bool
	// bounds of the outlines seen, in font units (y up) of the base glyph.
	x0, y0, x1, y1 float64
	active         []font.GID // PaintColrGlyph chain, to refuse cycles
}

func compileColr(f *Face, gid font.GID) (cg *ColorGlyph) {
	defer func() {
		// The go-text tables are parsed eagerly and checked, but an index
		// into them (layer ranges) is only checked here; a malformed table
		// must not take the process down: the glyph falls back to its outline.
		if recover() != nil {
			cg = nil
		}
	}()
	ft := f.font
	pt, ok := ft.COLR.Search(tables.GlyphID(gid))
	if !ok {
		return nil
	}
	c := &colrCompiler{f: f, colr: ft.COLR, palette: ft.CPAL[0],
		x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	c.active = append(c.active, gid)
	root := c.paint(pt, geom.Identity, 0)
	if root == nil {
		return nil
	}
	if box, ok := ft.COLR.ClipList.Search(tables.GlyphID(gid)); ok {
		var bx0, by0, bx1, by1 int16
		switch b := box.(type) {
		case tables.ClipBoxFormat1:
			bx0, by0, bx1, by1 = b.XMin, b.YMin, b.XMax, b.YMax
		case tables.ClipBoxFormat2:
			bx0, by0, bx1, by1 = b.XMin, b.YMin, b.XMax, b.YMax
		}
		// The clip box bounds the painting; it also stands in for the
		// bounds of paints no glyph clips.
		if !(c.x1 >= c.x0) {
			c.x0, c.y0, c.x1, c.y1 = float64(bx0), float64(by0), float64(bx1), float64(by1)
		}
		c.x0, c.y0 = max(c.x0, float64(bx0)), max(c.y0, float64(by0))
		c.x1, c.y1 = min(c.x1, float64(bx1)), min(c.y1, float64(by1))
		s := 1 / f.upem
		o := &Outline{}
		o.Path.MoveTo(geom.Point{X: float64(bx0) * s, Y: -float64(by0) * s})
		o.Path.LineTo(geom.Point{X: float64(bx1) * s, Y: -float64(by0) * s})
		o.Path.LineTo(geom.Point{X: float64(bx1) * s, Y: -float64(by1) * s})
		o.Path.LineTo(geom.Point{X: float64(bx0) * s, Y: -float64(by1) * s})
		o.Path.Close()
		o.MinX, o.MinY, o.MaxX, o.MaxY = float64(bx0)*s, -float64(by1)*s, float64(bx1)*s, -float64(by0)*s
		root = &colrNode{op: colrClip, outline: o, kids: []*colrNode{root}}
	}
	if !(c.x1 > c.x0 && c.y1 > c.y0) || !finite4(c.x0, c.y0, c.x1, c.y1) {
		return nil // paints nothing, or nothing bounds it
	}
	s := 1 / f.upem
	return &ColorGlyph{root: root, Foreground: c.fg, upem: f.upem,
		MinX: c.x0 * s, MinY: -c.y1 * s, MaxX: c.x1 * s, MaxY: -c.y0 * s}
}

// paint compiles p; m maps its space to the base glyph's font units (for
// bounds). It returns nil for anything not supported.
func (c *colrCompiler) paint(p tables.PaintTable, m geom.Matrix, depth int) *colrNode {
	c.nodes++
	if c.nodes > maxColrNodes || depth > maxColrDepth || p == nil {
		return nil
	}
	switch p := p.(type) {
	case tables.PaintColrLayersResolved: // COLRv0
		n := &colrNode{op: colrLayers, kids: make([]*colrNode, 0, len(p))}
		for _, l := range p {
			c.nodes++
			leaf := &colrNode{op: colrSolid, col: c.color(l.PaletteIndex, 1)}
			g := c.glyph(font.GID(l.GlyphID), m, leaf)
			if g == nil || c.nodes > maxColrNodes {
				return nil
			}
			n.kids = append(n.kids, g)
		}
		return n
	case tables.PaintColrLayers:
		kids, err := c.colr.LayerList.Resolve(p)
		if err != nil {
			return nil
		}
		n := &colrNode{op: colrLayers, kids: make([]*colrNode, 0, len(kids))}
		for _, k := range kids {
			kn := c.paint(k, m, depth+1)
			if kn == nil {
				return nil
			}
			n.kids = append(n.kids, kn)
		}
		return n
	case tables.PaintSolid:
		return &colrNode{op: colrSolid, col: c.color(p.PaletteIndex, fx214(p.Alpha))}
	case tables.PaintVarSolid:
		// Variations are not applied: the default instance uses the
		// table's values as they are.
		return &colrNode{op: colrSolid, col: c.color(p.PaletteIndex, fx214(p.Alpha))}
	case tables.PaintLinearGradient:
		return c.gradient(colrLinear, p.ColorLine.Extend, c.stops(p.ColorLine.ColorStops, nil),
			[6]float64{float64(p.X0), float64(p.Y0), float64(p.X1), float64(p.Y1), float64(p.X2), float64(p.Y2)})
	case tables.PaintVarLinearGradient:
		return c.gradient(colrLinear, p.ColorLine.Extend, c.stops(nil, p.ColorLine.ColorStops),
			[6]float64{float64(p.X0), float64(p.Y0), float64(p.X1), float64(p.Y1), float64(p.X2), float64(p.Y2)})
	case tables.PaintRadialGradient:
		return c.gradient(colrRadial, p.ColorLine.Extend, c.stops(p.ColorLine.ColorStops, nil),
			[6]float64{float64(p.X0), float64(p.Y0), float64(p.Radius0), float64(p.X1), float64(p.Y1), float64(p.Radius1)})
	case tables.PaintVarRadialGradient:
		return c.gradient(colrRadial, p.ColorLine.Extend, c.stops(nil, p.ColorLine.ColorStops),
			[6]float64{float64(p.X0), float64(p.Y0), float64(p.Radius0), float64(p.X1), float64(p.Y1), float64(p.Radius1)})
	case tables.PaintSweepGradient:
		return c.gradient(colrSweep, p.ColorLine.Extend, c.stops(p.ColorLine.ColorStops, nil),
			[6]float64{float64(p.CenterX), float64(p.CenterY), fx214(p.StartAngle), fx214(p.EndAngle)})
	case tables.PaintVarSweepGradient:
		return c.gradient(colrSweep, p.ColorLine.Extend, c.stops(nil, p.ColorLine.ColorStops),
			[6]float64{float64(p.CenterX), float64(p.CenterY), fx214(p.StartAngle), fx214(p.EndAngle)})
	case tables.PaintGlyph:
		if p.Paint == nil || c.clips >= maxColrClips {
			return nil
		}
		c.clips++
		kid := c.paint(p.Paint, m, depth+1)
		c.clips--
		if kid == nil {
			return nil
		}
		return c.glyph(font.GID(p.GlyphID), m, kid)
	case tables.PaintColrGlyph:
		g := font.GID(p.GlyphID)
		for _, a := range c.active {
			if a == g {
				return nil // a cycle
			}
		}
		sub, ok := c.colr.Search(tables.GlyphID(g))
		if !ok {
			return nil
		}
		c.active = append(c.active, g)
		n := c.paint(sub, m, depth+1)
		c.active = c.active[:len(c.active)-1]
		return n
	case tables.PaintComposite:
		if c.comps >= maxColrComps {
			return nil
		}
		c.comps++
		src := c.paint(p.SourcePaint, m, depth+1)
		dst := c.paint(p.BackdropPaint, m, depth+1)
		c.comps--
		if src == nil || dst == nil || p.CompositeMode > tables.CompositeHslLuminosity {
			return nil
		}
		return &colrNode{op: colrComposite, kids: []*colrNode{src, dst}, mode: p.CompositeMode}
	}
	if t, sub, ok := colrTransformOf(p); ok {
		if !t.IsFinite() || !t.Invertible() {
			return nil
		}
		kid := c.paint(sub, m.Mul(t), depth+1)
		if kid == nil {
			return nil
		}
		return &colrNode{op: colrTransform, m: t, kids: []*colrNode{kid}}
	}
	return nil
}

// colrTransformOf turns the transform paints into a matrix in font units (y
// up), as the COLR spec defines them.
func colrTransformOf(p tables.PaintTable) (geom.Matrix, tables.PaintTable, bool) {
	around := func(m geom.Matrix, cx, cy int16) geom.Matrix {
		x, y := float64(cx), float64(cy)
		return geom.Translate(x, y).Mul(m).Mul(geom.Translate(-x, -y))
	}
	rot := func(a tables.Fixed214) geom.Matrix { return geom.Rotate(fx214(a) * math.Pi) }
	skew := func(x, y tables.Fixed214) geom.Matrix {
		// The x skew leans the y axis counter-clockwise (x' = x − tan·y),
		// the y skew lifts the x axis (y' = y + tan·x).
		return geom.Matrix{A: 1, B: math.Tan(fx214(y) * math.Pi), C: -math.Tan(fx214(x) * math.Pi), D: 1}
	}
	switch p := p.(type) {
	case tables.PaintTransform:
		t := p.Transform
		return geom.Matrix{A: float64(t.Xx), B: float64(t.Yx), C: float64(t.Xy), D: float64(t.Yy), E: float64(t.Dx), F: float64(t.Dy)}, p.Paint, true
	case tables.PaintVarTransform:
		t := p.Transform
		return geom.Matrix{A: float64(t.Xx), B: float64(t.Yx), C: float64(t.Xy), D: float64(t.Yy), E: float64(t.Dx), F: float64(t.Dy)}, p.Paint, true
	case tables.PaintTranslate:
		return geom.Translate(float64(p.Dx), float64(p.Dy)), p.Paint, true
	case tables.PaintVarTranslate:
		return geom.Translate(float64(p.Dx), float64(p.Dy)), p.Paint, true
	case tables.PaintScale:
		return geom.Scale(fx214(p.ScaleX), fx214(p.ScaleY)), p.Paint, true
	case tables.PaintVarScale:
		return geom.Scale(fx214(p.ScaleX), fx214(p.ScaleY)), p.Paint, true
	case tables.PaintScaleAroundCenter:
		return around(geom.Scale(fx214(p.ScaleX), fx214(p.ScaleY)), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintVarScaleAroundCenter:
		return around(geom.Scale(fx214(p.ScaleX), fx214(p.ScaleY)), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintScaleUniform:
		return geom.Scale(fx214(p.Scale), fx214(p.Scale)), p.Paint, true
	case tables.PaintVarScaleUniform:
		return geom.Scale(fx214(p.Scale), fx214(p.Scale)), p.Paint, true
	case tables.PaintScaleUniformAroundCenter:
		return around(geom.Scale(fx214(p.Scale), fx214(p.Scale)), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintVarScaleUniformAroundCenter:
		return around(geom.Scale(fx214(p.Scale), fx214(p.Scale)), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintRotate:
		return rot(p.Angle), p.Paint, true
	case tables.PaintVarRotate:
		return rot(p.Angle), p.Paint, true
	case tables.PaintRotateAroundCenter:
		return around(rot(p.Angle), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintVarRotateAroundCenter:
		return around(rot(p.Angle), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintSkew:
		return skew(p.XSkewAngle, p.YSkewAngle), p.Paint, true
	case tables.PaintVarSkew:
		return skew(p.XSkewAngle, p.YSkewAngle), p.Paint, true
	case tables.PaintSkewAroundCenter:
		return around(skew(p.XSkewAngle, p.YSkewAngle), p.CenterX, p.CenterY), p.Paint, true
	case tables.PaintVarSkewAroundCenter:
		return around(skew(p.XSkewAngle, p.YSkewAngle), p.CenterX, p.CenterY), p.Paint, true
	}
	return geom.Matrix{}, nil, false
}

func fx214(v tables.Fixed214) float64 { return float64(v) / (1 << 14) }

// glyph wraps kid in the outline of gid, adding the outline's box to the
// bounds. A glyph with no outline clips everything away.
func (c *colrCompiler) glyph(gid font.GID, m geom.Matrix, kid *colrNode) *colrNode {
	o := GlyphOutline(c.f, gid)
	if !o.Empty {
		u := c.f.upem
		for _, p := range [4]geom.Point{{X: o.MinX, Y: o.MinY}, {X: o.MaxX, Y: o.MinY}, {X: o.MinX, Y: o.MaxY}, {X: o.MaxX, Y: o.MaxY}} {
			q := m.Apply(geom.Point{X: p.X * u, Y: -p.Y * u})
			c.x0, c.y0, c.x1, c.y1 = min(c.x0, q.X), min(c.y0, q.Y), max(c.x1, q.X), max(c.y1, q.Y)
		}
	}
	return &colrNode{op: colrClip, outline: o, kids: []*colrNode{kid}}
}

func (c *colrCompiler) color(idx uint16, alpha float64) colrColor {
	alpha = min(max(alpha, 0), 1)
	if idx == 0xffff {
		c.fg = true
		return colrColor{fg: true, alpha: alpha}
	}
	if int(idx) >= len(c.palette) {
		// Out of range: FreeType and Skia draw such layers transparent.
		return colrColor{alpha: 0}
	}
	r := c.palette[idx]
	return colrColor{c: color.NRGBA{R: r.Red, G: r.Green, B: r.Blue, A: r.Alpha}, alpha: alpha}
}

func (c *colrCompiler) stops(plain []tables.ColorStop, varied []tables.VarColorStop) []colrStop {
	n := len(plain) + len(varied)
	if n == 0 || n > maxColrStops {
		return nil
	}
	out := make([]colrStop, 0, n)
	for _, s := range plain {
		out = append(out, colrStop{off: fx214(s.StopOffset), col: c.color(s.PaletteIndex, fx214(s.Alpha))})
	}
	for _, s := range varied {
		out = append(out, colrStop{off: fx214(s.StopOffset), col: c.color(s.PaletteIndex, fx214(s.Alpha))})
	}
	// Stable: equal offsets keep their order (a hard edge).
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].off < out[j-1].off; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (c *colrCompiler) gradient(op colrOp, ext tables.Extend, stops []colrStop, pts [6]float64) *colrNode {
	if len(stops) == 0 || ext > tables.ExtendReflect {
		return nil
	}
	return &colrNode{op: op, stops: stops, extend: ext, pts: pts}
}

// colrCompositeOps maps COLR composite modes to canvas operators; Clear and
// Dest have none and are handled by the renderer.
var colrCompositeOps = [...]blend.Op{
	tables.CompositeSrc:           blend.Copy,
	tables.CompositeSrcOver:       blend.SourceOver,
	tables.CompositeDestOver:      blend.DestinationOver,
	tables.CompositeSrcIn:         blend.SourceIn,
	tables.CompositeDestIn:        blend.DestinationIn,
	tables.CompositeSrcOut:        blend.SourceOut,
	tables.CompositeDestOut:       blend.DestinationOut,
	tables.CompositeSrcAtop:       blend.SourceAtop,
	tables.CompositeDestAtop:      blend.DestinationAtop,
	tables.CompositeXor:           blend.Xor,
	tables.CompositePlus:          blend.Lighter,
	tables.CompositeScreen:        blend.Screen,
	tables.CompositeOverlay:       blend.Overlay,
	tables.CompositeDarken:        blend.Darken,
	tables.CompositeLighten:       blend.Lighten,
	tables.CompositeColorDodge:    blend.ColorDodge,
	tables.CompositeColorBurn:     blend.ColorBurn,
	tables.CompositeHardLight:     blend.HardLight,
	tables.CompositeSoftLight:     blend.SoftLight,
	tables.CompositeDifference:    blend.Difference,
	tables.CompositeExclusion:     blend.Exclusion,
	tables.CompositeMultiply:      blend.Multiply,
	tables.CompositeHslHue:        blend.Hue,
	tables.CompositeHslSaturation: blend.Saturation,
	tables.CompositeHslColor:      blend.Color,
	tables.CompositeHslLuminosity: blend.Luminosity,
}
