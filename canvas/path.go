package canvas

import (
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// The path methods shared by Context2D and Path2D (CanvasPath in the spec). They
// append to p with each point transformed by m: the CTM for the context's default
// path, the identity for a Path2D.

func pathMoveTo(p *geom.Path, m geom.Matrix, x, y float64) {
	if finite(x, y) {
		p.MoveTo(m.Apply(geom.Point{X: x, Y: y}))
	}
}

// ensureSubpath is the spec's "ensure there is a subpath for (x, y)".
func ensureSubpath(p *geom.Path, m geom.Matrix, x, y float64) {
	if p.Empty() {
		p.MoveTo(m.Apply(geom.Point{X: x, Y: y}))
	}
}

func pathLineTo(p *geom.Path, m geom.Matrix, x, y float64) {
	if !finite(x, y) {
		return
	}
	pt := m.Apply(geom.Point{X: x, Y: y})
	if p.Empty() {
		p.MoveTo(pt)
		return
	}
	p.LineTo(pt)
}

func pathQuadTo(p *geom.Path, m geom.Matrix, cx, cy, x, y float64) {
	if !finite(cx, cy, x, y) {
		return
	}
	ensureSubpath(p, m, cx, cy)
	p.QuadTo(m.Apply(geom.Point{X: cx, Y: cy}), m.Apply(geom.Point{X: x, Y: y}))
}

func pathCubicTo(p *geom.Path, m geom.Matrix, c1x, c1y, c2x, c2y, x, y float64) {
	if !finite(c1x, c1y, c2x, c2y, x, y) {
		return
	}
	ensureSubpath(p, m, c1x, c1y)
	p.CubicTo(m.Apply(geom.Point{X: c1x, Y: c1y}), m.Apply(geom.Point{X: c2x, Y: c2y}), m.Apply(geom.Point{X: x, Y: y}))
}

func pathClose(p *geom.Path) {
	if !p.Empty() && p.Verbs[len(p.Verbs)-1] != geom.Close {
		p.Close()
	}
}

func pathArc(p *geom.Path, m geom.Matrix, x, y, r, a0, a1 float64, ccw bool) error {
	if !finite(x, y, r, a0, a1) {
		return nil
	}
	if r < 0 {
		return errorf(ErrIndexSize, "the radius provided (%g) is negative", r)
	}
	empty := p.Empty()
	p.Arc(x, y, r, a0, a1, ccw, m)
	zeroSweep(p, empty, a0, a1)
	return nil
}

func pathEllipse(p *geom.Path, m geom.Matrix, x, y, rx, ry, rot, a0, a1 float64, ccw bool) error {
	if !finite(x, y, rx, ry, rot, a0, a1) {
		return nil
	}
	if rx < 0 {
		return errorf(ErrIndexSize, "the major-axis radius provided (%g) is negative", rx)
	}
	if ry < 0 {
		return errorf(ErrIndexSize, "the minor-axis radius provided (%g) is negative", ry)
	}
	empty := p.Empty()
	p.Ellipse(x, y, rx, ry, rot, a0, a1, ccw, m)
	zeroSweep(p, empty, a0, a1)
	return nil
}

// zeroSweep completes an arc with equal start and end angles on an empty
// path the way Skia does: a move to the arc's point followed by a zero-length
// line to it. That draws nothing, but makes the path a "line" that fill()
// skips (see isLine), as Chromium does.
func zeroSweep(p *geom.Path, wasEmpty bool, a0, a1 float64) {
	if wasEmpty && a0 == a1 && len(p.Verbs) == 1 && p.Verbs[0] == geom.MoveTo {
		p.LineTo(p.Points[0])
	}
}

func pathArcTo(p *geom.Path, m geom.Matrix, x1, y1, x2, y2, r float64) error {
	if !finite(x1, y1, x2, y2, r) {
		return nil
	}
	ensureSubpath(p, m, x1, y1)
	if r < 0 {
		return errorf(ErrIndexSize, "the radius provided (%g) is negative", r)
	}
	p.ArcTo(x1, y1, x2, y2, r, m)
	return nil
}

func pathRect(p *geom.Path, m geom.Matrix, x, y, w, h float64) {
	if finite(x, y, w, h) {
		p.Rect(x, y, w, h, m)
	}
}

// Radius is one roundRect radius: a number (X == Y) or a DOMPointInit {x, y}.
type Radius struct{ X, Y float64 }

// R returns the circular radius r.
func R(r float64) Radius { return Radius{r, r} }

func pathRoundRect(p *geom.Path, m geom.Matrix, x, y, w, h float64, radii []Radius) error {
	// Chromium checks the number of radii before anything else (a NaN x with
	// five radii still throws), then the rectangle, then each radius.
	if len(radii) < 1 || len(radii) > 4 {
		return errorf(ErrRange, "%d radii provided; roundRect takes between 1 and 4", len(radii))
	}
	if !finite(x, y, w, h) {
		return nil
	}
	// In list order, as the spec says: a non-finite radius makes the call a
	// no-op, a negative one throws, whichever comes first.
	for _, r := range radii {
		if !finite(r.X, r.Y) {
			return nil
		}
		if r.X < 0 || r.Y < 0 {
			return errorf(ErrRange, "radius (%g, %g) is negative", r.X, r.Y)
		}
	}
	// Corners in the order upper-left, upper-right, lower-right, lower-left.
	var c [4]geom.Point
	rp := func(r Radius) geom.Point { return geom.Point{X: r.X, Y: r.Y} }
	switch len(radii) {
	case 4:
		c = [4]geom.Point{rp(radii[0]), rp(radii[1]), rp(radii[2]), rp(radii[3])}
	case 3:
		c = [4]geom.Point{rp(radii[0]), rp(radii[1]), rp(radii[2]), rp(radii[1])}
	case 2:
		c = [4]geom.Point{rp(radii[0]), rp(radii[1]), rp(radii[0]), rp(radii[1])}
	case 1:
		c = [4]geom.Point{rp(radii[0]), rp(radii[0]), rp(radii[0]), rp(radii[0])}
	}
	// Scale the radii down when adjacent corners would overlap (spec steps
	// 9–11), against the rectangle's absolute size; geom.RoundRect handles a
	// negative width or height itself (mirrored corners, reversed winding).
	aw, ah := math.Abs(w), math.Abs(h)
	top, right := c[0].X+c[1].X, c[1].Y+c[2].Y
	bottom, left := c[2].X+c[3].X, c[0].Y+c[3].Y
	scale := 1.0
	for _, f := range [4]float64{aw / top, ah / right, aw / bottom, ah / left} {
		if !math.IsNaN(f) && f < scale {
			scale = f
		}
	}
	if scale < 1 {
		for i := range c {
			c[i].X *= scale
			c[i].Y *= scale
		}
	}
	before := len(p.Verbs)
	p.RoundRect(x, y, w, h, c, m)
	// Chromium leaves the current point at the normalised top-left corner,
	// not at (x, y) as for rect(): a following lineTo starts there.
	if n := len(p.Verbs); n > before && p.Verbs[n-1] == geom.MoveTo {
		p.Points[len(p.Points)-1] = m.Apply(geom.Point{X: math.Min(x, x+w), Y: math.Min(y, y+h)})
	}
	return nil
}
