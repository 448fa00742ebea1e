package paint

import (
	"encoding/binary"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Radial is the canvas's two-circle radial gradient: the cone swept by circles
// interpolated from (c0, r0) at ω=0 to (c1, r1) at ω=1 and extrapolated both
// ways. A pixel takes the colour of the largest ω whose circle passes through
// it with radius r(ω) ≥ 0; pixels on no such circle stay transparent. This one
// rule covers every case: nested circles, focal point inside, on the edge or
// outside (a cone with transparent outside), and equal radii (a strip).
type Radial struct {
	ramp       *ramp
	none       bool
	inv        geom.Matrix
	x0, y0, r0 float64
	cdx, cdy   float64 // c1 − c0
	dr         float64 // r1 − r0
	a          float64 // cd·cd − dr²; zero when the cone's side is parallel to the axis
	// linear says a is tiny relative to the size of its terms: a
	// cylinder-like cone with one intersection, solved as linear to avoid
	// cancellation.
	linear bool
	r0r0   float64
}

// NewRadial returns a radial gradient; m maps gradient space to device space.
// Equal circles paint nothing; negative radii are rejected by the canvas
// before this is called (IndexSizeError), and paint nothing here.
func NewRadial(x0, y0, r0, x1, y1, r1 float64, stops []Stop, m geom.Matrix) Shader {
	g := &Radial{ramp: newRamp(stops), x0: x0, y0: y0, r0: r0, cdx: x1 - x0, cdy: y1 - y0, dr: r1 - r0}
	inv, ok := m.Invert()
	g.inv = inv
	g.a = g.cdx*g.cdx + g.cdy*g.cdy - g.dr*g.dr
	g.linear = math.Abs(g.a) < 1e-9*(g.cdx*g.cdx+g.cdy*g.cdy+g.dr*g.dr)
	g.r0r0 = r0 * r0
	if !ok || g.ramp.empty || r0 < 0 || r1 < 0 || !finite(x0, y0, r0, x1, y1, r1, g.a) || (r0 == 0 && r1 == 0) ||
		(x0 == x1 && y0 == y1 && r0 == r1) {
		g.none = true
	}
	return g
}

// omega returns the largest ω with r(ω) ≥ 0 whose circle passes through (px, py)
// in gradient space, or NaN when there is none.
func (g *Radial) omega(px, py float64) float64 {
	dx, dy := px-g.x0, py-g.y0
	// |p − c0 − ω·cd| = r0 + ω·dr squared gives a·ω² − 2b·ω + c = 0.
	b := dx*g.cdx + dy*g.cdy + g.r0*g.dr
	c := dx*dx + dy*dy - g.r0r0
	if g.linear {
		if b == 0 {
			return math.NaN()
		}
		w := c / (2 * b)
		if g.r0+w*g.dr < 0 {
			return math.NaN()
		}
		return w
	}
	disc := b*b - g.a*c
	if disc < 0 {
		return math.NaN()
	}
	sq := math.Sqrt(disc)
	w1, w2 := (b+sq)/g.a, (b-sq)/g.a
	if w1 < w2 {
		w1, w2 = w2, w1
	}
	if g.r0+w1*g.dr >= 0 {
		return w1
	}
	if g.r0+w2*g.dr >= 0 {
		return w2
	}
	return math.NaN()
}

// Shade implements Shader.
func (g *Radial) Shade(x, y int, dst []uint8) {
	if g.none {
		clearPixels(dst)
		return
	}
	px, py := float64(x)+0.5, float64(y)+0.5
	cache := g.ramp.table(len(dst) / 4)
	gx := g.inv.A*px + g.inv.C*py + g.inv.E
	gy := g.inv.B*px + g.inv.D*py + g.inv.F
	for i := 0; i+4 <= len(dst); i += 4 {
		if i&(63*4) == 0 {
			fx := px + float64(i/4)
			gx = g.inv.A*fx + g.inv.C*py + g.inv.E
			gy = g.inv.B*fx + g.inv.D*py + g.inv.F
		}
		t := float32(g.omega(gx, gy))
		p, ok := uint32(0), false
		if cache != nil {
			p, ok = cache.lookup(t) // inlined: ramp.pixel's call was a fifth of the fill
		}
		if !ok {
			p = g.ramp.exactPixel(t)
		}
		binary.LittleEndian.PutUint32(dst[i:], p)
		gx += g.inv.A
		gy += g.inv.B
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
