package geom

import "math"

// winding returns the non-zero winding number of p around (x, y), with every
// subpath closed, from a fine flattening.
func winding(p *Path, x, y float64) int {
	w := 0
	Flatten(p, 1e-4, func(a, b Point) {
		if (a.Y <= y) == (b.Y <= y) {
			return
		}
		xi := a.X + (y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
		if xi > x {
			if b.Y > a.Y {
				w++
			} else {
				w--
			}
		}
	})
	return w
}

// signedArea is the shoelace area of the flattened path (positive for
// clockwise on screen, y down).
func signedArea(p *Path) float64 {
	a := 0.0
	Flatten(p, 1e-3, func(p, q Point) { a += p.X*q.Y - q.X*p.Y })
	return a / 2
}

func near(a, b Point, eps float64) bool {
	return math.Abs(a.X-b.X) <= eps && math.Abs(a.Y-b.Y) <= eps
}
