package svgpath

import (
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// arcTo appends an SVG elliptical arc from p0 to p1 as cubic Béziers, following
// the endpoint-to-centre conversion and out-of-range radii rules of SVG 2
// (implementation notes B.2.5 and B.2.4).
func arcTo(dst *geom.Path, p0 geom.Point, rx, ry, rotDeg float64, large, sweep bool, p1 geom.Point) {
	if p0 == p1 {
		return // the spec omits the arc entirely
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		dst.LineTo(p1)
		return
	}
	sinPhi, cosPhi := math.Sincos(math.Mod(rotDeg, 360) * math.Pi / 180)
	// Step 1: the midpoint in the ellipse's rotated frame.
	dx2, dy2 := (p0.X-p1.X)/2, (p0.Y-p1.Y)/2
	x1p := cosPhi*dx2 + sinPhi*dy2
	y1p := -sinPhi*dx2 + cosPhi*dy2
	// Scale radii up when they cannot span the endpoints.
	lambda := (x1p*x1p)/(rx*rx) + (y1p*y1p)/(ry*ry)
	if lambda > 1 {
		s := math.Sqrt(lambda)
		rx, ry = rx*s, ry*s
	}
	// Step 2: the centre in the rotated frame.
	num := rx*rx*ry*ry - rx*rx*y1p*y1p - ry*ry*x1p*x1p
	den := rx*rx*y1p*y1p + ry*ry*x1p*x1p
	coef := 0.0
	if num > 0 && den > 0 {
		coef = math.Sqrt(num / den)
	}
	if large == sweep {
		coef = -coef
	}
	cxp := coef * rx * y1p / ry
	cyp := -coef * ry * x1p / rx
	// Step 3: the centre in user space.
	cx := cosPhi*cxp - sinPhi*cyp + (p0.X+p1.X)/2
	cy := sinPhi*cxp + cosPhi*cyp + (p0.Y+p1.Y)/2
	// Step 4: start angle and sweep.
	ux, uy := (x1p-cxp)/rx, (y1p-cyp)/ry
	vx, vy := (-x1p-cxp)/rx, (-y1p-cyp)/ry
	theta1 := math.Atan2(uy, ux)
	dtheta := math.Atan2(vy, vx) - theta1
	if sweep && dtheta < 0 {
		dtheta += 2 * math.Pi
	} else if !sweep && dtheta > 0 {
		dtheta -= 2 * math.Pi
	}
	if !finite(cx, cy, rx, ry, theta1, dtheta) {
		// Extreme inputs overflowed the conversion; degrade to the chord rather
		// than emit NaN points the rasterizer would have to reject.
		dst.LineTo(p1)
		return
	}
	// At most 90° per cubic keeps the radial error below 0.03% of the radius.
	segs := int(math.Ceil(math.Abs(dtheta)/(math.Pi/2) - 1e-9))
	if segs < 1 {
		segs = 1
	}
	delta := dtheta / float64(segs)
	k := 4.0 / 3.0 * math.Tan(delta/4)
	pt := func(cosT, sinT float64) geom.Point {
		x, y := rx*cosT, ry*sinT
		return geom.Point{X: cx + cosPhi*x - sinPhi*y, Y: cy + sinPhi*x + cosPhi*y}
	}
	deriv := func(cosT, sinT float64) geom.Point {
		x, y := -rx*sinT, ry*cosT
		return geom.Point{X: cosPhi*x - sinPhi*y, Y: sinPhi*x + cosPhi*y}
	}
	t := theta1
	from := p0
	for i := 0; i < segs; i++ {
		s0, c0 := math.Sincos(t)
		t += delta
		s1, c1 := math.Sincos(t)
		to := pt(c1, s1)
		if i == segs-1 {
			to = p1 // land exactly on the endpoint so later relative commands do not drift
		}
		d0, d1 := deriv(c0, s0), deriv(c1, s1)
		dst.CubicTo(
			geom.Point{X: from.X + k*d0.X, Y: from.Y + k*d0.Y},
			geom.Point{X: to.X - k*d1.X, Y: to.Y - k*d1.Y},
			to)
		from = to
	}
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
