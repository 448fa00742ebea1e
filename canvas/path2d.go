package canvas

import (
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/svgpath"
)

// Path2D is a reusable path. It keeps its own coordinates; the context's
// transform is applied when it is filled, stroked or clipped.
type Path2D struct {
	p geom.Path
}

// NewPath2D returns an empty path.
func NewPath2D() *Path2D { return &Path2D{} }

// NewPath2DFrom returns a copy of src (new Path2D(path)); nil gives an empty path.
func NewPath2DFrom(src *Path2D) *Path2D {
	if src == nil {
		return NewPath2D()
	}
	return &Path2D{p: *src.p.Clone()}
}

// NewPath2DSVG parses SVG path data (new Path2D(d)). As the SVG spec says, the
// path keeps everything up to the first error; the error is returned for
// diagnostics only (the browser reports none).
func NewPath2DSVG(d string) (*Path2D, error) {
	p := &Path2D{}
	err := svgpath.Parse(d, &p.p)
	return p, err
}

// AddPath appends src's subpaths, transformed by m if given
// (addPath(path[, transform])). A matrix with non-finite entries adds nothing,
// as in the browser.
func (p *Path2D) AddPath(src *Path2D, transform ...Matrix) {
	m := IdentityMatrix
	if len(transform) > 0 {
		m = transform[0]
	}
	if src == nil || !m.IsFinite() {
		return
	}
	if src == p {
		src = NewPath2DFrom(src)
	}
	p.p.Append(&src.p, m.geom())
}

func (p *Path2D) ClosePath()          { pathClose(&p.p) }
func (p *Path2D) MoveTo(x, y float64) { pathMoveTo(&p.p, geom.Identity, x, y) }
func (p *Path2D) LineTo(x, y float64) { pathLineTo(&p.p, geom.Identity, x, y) }
func (p *Path2D) QuadraticCurveTo(cpx, cpy, x, y float64) {
	pathQuadTo(&p.p, geom.Identity, cpx, cpy, x, y)
}
func (p *Path2D) BezierCurveTo(cp1x, cp1y, cp2x, cp2y, x, y float64) {
	pathCubicTo(&p.p, geom.Identity, cp1x, cp1y, cp2x, cp2y, x, y)
}

// Arc adds an arc; a negative radius returns ErrIndexSize.
func (p *Path2D) Arc(x, y, r, startAngle, endAngle float64, counterclockwise bool) error {
	return pathArc(&p.p, geom.Identity, x, y, r, startAngle, endAngle, counterclockwise)
}

// ArcTo adds an arc tangent to two lines; a negative radius returns ErrIndexSize.
func (p *Path2D) ArcTo(x1, y1, x2, y2, r float64) error {
	return pathArcTo(&p.p, geom.Identity, x1, y1, x2, y2, r)
}

// Ellipse adds an elliptical arc; negative radii return ErrIndexSize.
func (p *Path2D) Ellipse(x, y, rx, ry, rotation, startAngle, endAngle float64, counterclockwise bool) error {
	return pathEllipse(&p.p, geom.Identity, x, y, rx, ry, rotation, startAngle, endAngle, counterclockwise)
}

// Rect adds a closed rectangle subpath.
func (p *Path2D) Rect(x, y, w, h float64) { pathRect(&p.p, geom.Identity, x, y, w, h) }

// RoundRect adds a rounded rectangle with 1–4 radii (see Context2D.RoundRect).
func (p *Path2D) RoundRect(x, y, w, h float64, radii ...Radius) error {
	if len(radii) == 0 {
		radii = []Radius{{}}
	}
	return pathRoundRect(&p.p, geom.Identity, x, y, w, h, radii)
}

// --- the context's default path ---

// pathMatrix returns the CTM for a path call; ok is false when the CTM is
// singular, in which case Chromium ignores path calls.
func (c *Context2D) pathMatrix() (geom.Matrix, bool) {
	return c.st.ctm, c.st.ctm.Invertible()
}

// BeginPath empties the current default path.
func (c *Context2D) BeginPath() { c.path.Reset() }

// ClosePath closes the current subpath.
func (c *Context2D) ClosePath() { pathClose(&c.path) }

// MoveTo starts a new subpath at (x, y).
func (c *Context2D) MoveTo(x, y float64) {
	if m, ok := c.pathMatrix(); ok {
		pathMoveTo(&c.path, m, x, y)
	}
}

// LineTo adds a line; with no current point it acts as MoveTo.
func (c *Context2D) LineTo(x, y float64) {
	if m, ok := c.pathMatrix(); ok {
		pathLineTo(&c.path, m, x, y)
	}
}

// QuadraticCurveTo adds a quadratic Bézier.
func (c *Context2D) QuadraticCurveTo(cpx, cpy, x, y float64) {
	if m, ok := c.pathMatrix(); ok {
		pathQuadTo(&c.path, m, cpx, cpy, x, y)
	}
}

// BezierCurveTo adds a cubic Bézier.
func (c *Context2D) BezierCurveTo(cp1x, cp1y, cp2x, cp2y, x, y float64) {
	if m, ok := c.pathMatrix(); ok {
		pathCubicTo(&c.path, m, cp1x, cp1y, cp2x, cp2y, x, y)
	}
}

// Arc adds an arc of a circle, joined to the current point by a line.
// A negative radius returns ErrIndexSize.
func (c *Context2D) Arc(x, y, r, startAngle, endAngle float64, counterclockwise bool) error {
	m, ok := c.pathMatrix()
	if !ok {
		return negRadius(r)
	}
	return pathArc(&c.path, m, x, y, r, startAngle, endAngle, counterclockwise)
}

// ArcTo adds an arc tangent to the lines current→(x1,y1) and (x1,y1)→(x2,y2).
func (c *Context2D) ArcTo(x1, y1, x2, y2, r float64) error {
	m, ok := c.pathMatrix()
	if !ok {
		return negRadius(r)
	}
	return pathArcTo(&c.path, m, x1, y1, x2, y2, r)
}

// Ellipse adds an elliptical arc; negative radii return ErrIndexSize.
func (c *Context2D) Ellipse(x, y, rx, ry, rotation, startAngle, endAngle float64, counterclockwise bool) error {
	m, ok := c.pathMatrix()
	if !ok {
		if err := negRadius(rx); err != nil {
			return err
		}
		return negRadius(ry)
	}
	return pathEllipse(&c.path, m, x, y, rx, ry, rotation, startAngle, endAngle, counterclockwise)
}

// Rect adds a closed rectangle subpath.
func (c *Context2D) Rect(x, y, w, h float64) {
	if m, ok := c.pathMatrix(); ok {
		pathRect(&c.path, m, x, y, w, h)
	}
}

// RoundRect adds a rounded rectangle. radii holds 1 to 4 corner radii in the
// spec's order (1: all; 2: upper-left+lower-right, upper-right+lower-left; 3:
// upper-left, upper-right+lower-left, lower-right; 4: clockwise from
// upper-left); no radii means 0. More than four, or a negative radius, returns
// ErrRange. Overlapping corners are scaled down as the spec says.
func (c *Context2D) RoundRect(x, y, w, h float64, radii ...Radius) error {
	if len(radii) == 0 {
		radii = []Radius{{}}
	}
	m, ok := c.pathMatrix()
	if !ok {
		// Argument errors still throw with a singular transform.
		var scratch geom.Path
		return pathRoundRect(&scratch, geom.Identity, x, y, w, h, radii)
	}
	return pathRoundRect(&c.path, m, x, y, w, h, radii)
}

// negRadius is the IndexSizeError check for calls skipped because of a
// singular transform: Chromium throws before looking at the transform.
func negRadius(r float64) error {
	if finite(r) && r < 0 {
		return errorf(ErrIndexSize, "the radius provided (%g) is negative", r)
	}
	return nil
}
