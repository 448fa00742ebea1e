package paint

import (
	"encoding/binary"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Conic is a conic (sweep) gradient: t grows clockwise (y down) from startAngle
// around the centre, one full turn from 0 to 1.
type Conic struct {
	ramp  *ramp
	none  bool
	inv   geom.Matrix
	x, y  float64
	start float64 // start angle in turns, in [0, 1)
}

// NewConic returns a conic gradient; m maps gradient space to device space.
func NewConic(startAngle, x, y float64, stops []Stop, m geom.Matrix) Shader {
	g := &Conic{ramp: newRamp(stops), x: x, y: y}
	inv, ok := m.Invert()
	g.inv = inv
	if !ok || g.ramp.empty || !finite(startAngle, x, y) {
		g.none = true
		return g
	}
	s := math.Mod(startAngle/(2*math.Pi), 1)
	if s < 0 {
		s++
	}
	g.start = s
	return g
}

// Shade implements Shader.
func (g *Conic) Shade(x, y int, dst []uint8) {
	if g.none {
		clearPixels(dst)
		return
	}
	px, py := float64(x)+0.5, float64(y)+0.5
	cache := g.ramp.table(len(dst) / 4)
	gx := g.inv.A*px + g.inv.C*py + g.inv.E - g.x
	gy := g.inv.B*px + g.inv.D*py + g.inv.F - g.y
	for i := 0; i+4 <= len(dst); i += 4 {
		if i&(63*4) == 0 {
			fx := px + float64(i/4)
			gx = g.inv.A*fx + g.inv.C*py + g.inv.E - g.x
			gy = g.inv.B*fx + g.inv.D*py + g.inv.F - g.y
		}
		t := turns(gy, gx) - g.start
		if t < 0 {
			t++
		}
		p, ok := uint32(0), false
		if cache != nil {
			p, ok = cache.lookup(float32(t)) // inlined: ramp.pixel's call was a fifth of the fill
		}
		if !ok {
			p = g.ramp.exactPixel(float32(t))
		}
		binary.LittleEndian.PutUint32(dst[i:], p)
		gx += g.inv.A
		gy += g.inv.B
	}
}

// turns is atan2(y, x) in turns, in [0, 1). It uses the Abramowitz and Stegun
// 4.4.49 polynomial for atan on [0, 1] (error below 2e-8 rad), which is several
// times faster than math.Atan2 and far more precise than 8-bit colour needs.
func turns(y, x float64) float64 {
	ax, ay := math.Abs(x), math.Abs(y)
	if ax == 0 && ay == 0 {
		return 0 // the centre: Chromium shows the start colour there
	}
	swap := ay > ax
	q := ay / ax
	if swap {
		q = ax / ay
	}
	q2 := q * q
	p := ((((((((0.0028662257*q2-0.0161657367)*q2+0.0429096138)*q2-0.0752896400)*q2+
		0.1065626393)*q2-0.1420889944)*q2+0.1999355085)*q2-0.3333314528)*q2 + 1) * q
	if swap {
		p = math.Pi/2 - p
	}
	if x < 0 {
		p = math.Pi - p
	}
	if y < 0 {
		p = 2*math.Pi - p
	}
	t := p / (2 * math.Pi)
	if t >= 1 {
		t = 0
	}
	return t
}
