package canvas

import (
	"image"
	"image/draw"
	"sort"
	"sync/atomic"

	"github.com/seed92233726/mediad/canvas/internal/css"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/paint"
)

type gradientKind uint8

const (
	linearGradient gradientKind = iota
	radialGradient
	conicGradient
)

// Gradient is CanvasGradient: a linear, radial (two-circle) or conic gradient
// in the user space of the context at the time it is used for painting.
type Gradient struct {
	kind                   gradientKind
	x0, y0, r0, x1, y1, r1 float64 // conic: x0, y0 centre, r0 start angle
	stops                  []paint.Stop
	invalid                bool // created from non-finite arguments: paints nothing
	cache                  shaderCache
}

// shaderCache keeps the last shader built for a gradient or pattern, keyed by
// the transform and filter, so that drawing the same style repeatedly does not
// rebuild colour ramps or mipmaps. It is safe to share the style between
// goroutines (each context only reads the cached, immutable shader).
type shaderCache struct{ p atomic.Pointer[cachedShader] }

type cachedShader struct {
	m      geom.Matrix
	filter paint.Filter
	sh     paint.Shader
}

func (c *shaderCache) get(m geom.Matrix, f paint.Filter) paint.Shader {
	if e := c.p.Load(); e != nil && e.m == m && e.filter == f {
		return e.sh
	}
	return nil
}

func (c *shaderCache) put(m geom.Matrix, f paint.Filter, sh paint.Shader) {
	c.p.Store(&cachedShader{m: m, filter: f, sh: sh})
}

// AddColorStop adds a colour stop. A non-finite offset returns ErrType (it is
// not a valid WebIDL double), an offset outside [0, 1] ErrIndexSize and an
// unparsable colour ErrSyntax. Stops at the same
// offset keep their insertion order, which gives a hard edge.
func (g *Gradient) AddColorStop(offset float64, colour string) error {
	if !finite(offset) {
		return errorf(ErrType, "the provided double value is non-finite")
	}
	if offset < 0 || offset > 1 {
		return errorf(ErrIndexSize, "the provided offset (%g) is outside the range (0.0, 1.0)", offset)
	}
	c, ok := css.ParseColor(colour)
	if !ok {
		return errorf(ErrSyntax, "the value provided ('%s') could not be parsed as a color", colour)
	}
	// Insert after every stop with an offset <= this one: a stable insertion
	// keeps equal offsets in call order.
	i := sort.Search(len(g.stops), func(i int) bool { return g.stops[i].Offset > offset })
	g.stops = append(g.stops, paint.Stop{})
	copy(g.stops[i+1:], g.stops[i:])
	g.stops[i] = paint.Stop{Offset: offset, Color: c}
	g.cache.p.Store(nil)
	return nil
}

// shader returns the paint for this gradient under the CTM, or nil when the
// gradient paints nothing (no stops: transparent black, as the spec says).
func (g *Gradient) shader(ctm geom.Matrix) paint.Shader {
	if g.invalid || len(g.stops) == 0 {
		return nil
	}
	if sh := g.cache.get(ctm, 0); sh != nil {
		return sh
	}
	var sh paint.Shader
	switch g.kind {
	case linearGradient:
		sh = paint.NewLinear(g.x0, g.y0, g.x1, g.y1, g.stops, ctm)
	case radialGradient:
		sh = paint.NewRadial(g.x0, g.y0, g.r0, g.x1, g.y1, g.r1, g.stops, ctm)
	default:
		sh = paint.NewConic(g.r0, g.x0, g.y0, g.stops, ctm)
	}
	g.cache.put(ctm, 0, sh)
	return sh
}

// CreateLinearGradient returns a gradient along (x0,y0)→(x1,y1). Non-finite
// arguments throw a TypeError in the browser (they are not valid doubles);
// here they return ErrType.
func (c *Context2D) CreateLinearGradient(x0, y0, x1, y1 float64) (*Gradient, error) {
	if !finite(x0, y0, x1, y1) {
		return nil, errorf(ErrType, "the provided double value is non-finite")
	}
	return &Gradient{kind: linearGradient, x0: x0, y0: y0, x1: x1, y1: y1}, nil
}

// CreateRadialGradient returns a two-circle gradient; a negative radius returns
// ErrIndexSize.
func (c *Context2D) CreateRadialGradient(x0, y0, r0, x1, y1, r1 float64) (*Gradient, error) {
	if !finite(x0, y0, r0, x1, y1, r1) {
		return nil, errorf(ErrType, "the provided double value is non-finite")
	}
	if r0 < 0 || r1 < 0 {
		return nil, errorf(ErrIndexSize, "the %s radius provided is negative", map[bool]string{true: "r0", false: "r1"}[r0 < 0])
	}
	return &Gradient{kind: radialGradient, x0: x0, y0: y0, r0: r0, x1: x1, y1: y1, r1: r1}, nil
}

// CreateConicGradient returns a conic gradient around (x, y) starting at
// startAngle radians (0 = 3 o'clock, clockwise).
func (c *Context2D) CreateConicGradient(startAngle, x, y float64) (*Gradient, error) {
	if !finite(startAngle, x, y) {
		return nil, errorf(ErrType, "the provided double value is non-finite")
	}
	return &Gradient{kind: conicGradient, x0: x, y0: y, r0: startAngle}, nil
}

// Pattern is CanvasPattern: an image tiled in user space.
type Pattern struct {
	img       *image.RGBA // premultiplied snapshot taken at creation
	repeat    paint.Repeat
	transform geom.Matrix
	cache     shaderCache
}

// SetTransform sets the pattern matrix (pattern.setTransform(m)); a matrix
// with non-finite entries is ignored.
func (p *Pattern) SetTransform(m Matrix) {
	if m.IsFinite() {
		p.transform = m.geom()
		p.cache.p.Store(nil)
	}
}

func parseRepetition(r string) (paint.Repeat, error) {
	if rep, ok := paint.ParseRepeat(r); ok {
		return rep, nil
	}
	return 0, errorf(ErrSyntax, "the provided type ('%s') is not one of 'repeat', 'no-repeat', 'repeat-x', or 'repeat-y'", r)
}

// CreatePattern returns a pattern from a snapshot of src's current pixels.
// repetition is "repeat" (also ""), "repeat-x", "repeat-y" or "no-repeat";
// anything else returns ErrSyntax. A zero-sized canvas returns ErrInvalidState.
func (c *Context2D) CreatePattern(src *Canvas, repetition string) (*Pattern, error) {
	rep, err := parseRepetition(repetition)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, errorf(ErrType, "no image source")
	}
	if src.Width() == 0 || src.Height() == 0 {
		return nil, errorf(ErrInvalidState, "the image argument is a canvas element with a width or height of 0")
	}
	return &Pattern{img: src.snapshot(), repeat: rep, transform: geom.Identity}, nil
}

// CreatePatternImageData returns a pattern from ImageData (premultiplied on
// the way in). This is a Go extension: browsers do not accept ImageData as an
// image source and throw a TypeError, so a binding that wants to match them
// must not route createPattern(imageData) here.
func (c *Context2D) CreatePatternImageData(src *ImageData, repetition string) (*Pattern, error) {
	rep, err := parseRepetition(repetition)
	if err != nil {
		return nil, err
	}
	if src == nil || src.Width == 0 || src.Height == 0 {
		return nil, errorf(ErrInvalidState, "the image argument has a width or height of 0")
	}
	img := newRGBA(src.Width, src.Height)
	premultiplyRow(img.Pix, src.Data)
	return &Pattern{img: img, repeat: rep, transform: geom.Identity}, nil
}

// CreatePatternImage returns a pattern from any image.Image (a Go extension
// for posters that tile decoded images).
func (c *Context2D) CreatePatternImage(src image.Image, repetition string) (*Pattern, error) {
	rep, err := parseRepetition(repetition)
	if err != nil {
		return nil, err
	}
	if src == nil || src.Bounds().Empty() {
		return nil, errorf(ErrInvalidState, "the image argument has a width or height of 0")
	}
	b := src.Bounds()
	if err := DefaultLimits.check(b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	img := newRGBA(b.Dx(), b.Dy())
	draw.Draw(img, img.Rect, src, b.Min, draw.Src)
	return &Pattern{img: img, repeat: rep, transform: geom.Identity}, nil
}

func (p *Pattern) shader(ctm geom.Matrix, filter paint.Filter) paint.Shader {
	m := ctm.Mul(p.transform)
	if sh := p.cache.get(m, filter); sh != nil {
		return sh
	}
	sh := paint.NewPattern(p.img, p.repeat, m, filter)
	p.cache.put(m, filter, sh)
	return sh
}
