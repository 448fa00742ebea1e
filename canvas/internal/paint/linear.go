package paint

import (
	"encoding/binary"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Linear is a linear gradient.
type Linear struct {
	ramp       *ramp
	none       bool    // paints nothing: degenerate line or singular matrix
	tx, ty, tc float64 // t = tx×px + ty×py + tc for device point (px, py)
}

// NewLinear returns a linear gradient from (x0,y0) to (x1,y1) in gradient space;
// m maps gradient space to device space (the CTM when the gradient is used).
// Equal endpoints paint nothing, as the canvas spec says.
func NewLinear(x0, y0, x1, y1 float64, stops []Stop, m geom.Matrix) Shader {
	g := &Linear{ramp: newRamp(stops)}
	inv, ok := m.Invert()
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	if !ok || l2 == 0 || !finite(x0, y0, x1, y1, l2) || g.ramp.empty {
		g.none = true
		return g
	}
	// t(g) = ((g − p0)·d)/|d|², with g = inv(p): fold both into one affine form.
	ux, uy := dx/l2, dy/l2
	g.tx = inv.A*ux + inv.B*uy
	g.ty = inv.C*ux + inv.D*uy
	g.tc = (inv.E-x0)*ux + (inv.F-y0)*uy
	if !finite(g.tx, g.ty, g.tc) {
		g.none = true
	}
	return g
}

// Shade implements Shader.
func (g *Linear) Shade(x, y int, dst []uint8) {
	if g.none {
		clearPixels(dst)
		return
	}
	px, py := float64(x)+0.5, float64(y)+0.5
	t := g.tx*px + g.ty*py + g.tc
	cache := g.ramp.table(len(dst) / 4)
	// Restart from the exact value every 64 pixels so long rows do not
	// accumulate the error of repeated float additions.
	for i := 0; i+4 <= len(dst); i += 4 {
		if i&(63*4) == 0 {
			t = g.tx*(px+float64(i/4)) + g.ty*py + g.tc
		}
		binary.LittleEndian.PutUint32(dst[i:], g.ramp.pixel(float32(t), cache))
		t += g.tx
	}
}
