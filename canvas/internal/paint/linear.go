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
	n := len(dst) / 4
	dst = dst[:4*n]
	px, py := float64(x)+0.5, float64(y)+0.5
	if g.tx == 0 {
		// t is constant along the row (a vertical gradient under an
		// axis-aligned transform): one exact colour fills the span.
		fillPixels(dst, g.ramp.exactPixel(float32(g.ty*py+g.tc)))
		return
	}
	c := g.ramp.table(n)
	// Restart from the exact value every 64 pixels so long rows do not
	// accumulate the error of repeated float additions.
	for i0 := 0; i0 < n; i0 += 64 {
		t := g.tx*(px+float64(i0)) + g.ty*py + g.tc
		blk := dst[4*i0 : 4*min(i0+64, n)]
		if c == nil {
			for i := 0; i+4 <= len(blk); i += 4 {
				binary.LittleEndian.PutUint32(blk[i:], g.ramp.exactPixel(float32(t)))
				t += g.tx
			}
			continue
		}
		// ramp.pixel inlined: this loop is most of a gradient fill's cost.
		for i := 0; i+4 <= len(blk); i += 4 {
			f := float32(t)
			var p uint32
			switch {
			case f >= 0 && f <= 1:
				p = c.lut[int(f*lutSize+0.5)]
				if p == exactMark {
					p = g.ramp.exactPixel(f)
				}
			case f < 0:
				p = c.lo
			case f > 1:
				p = c.hi
			}
			binary.LittleEndian.PutUint32(blk[i:], p)
			t += g.tx
		}
	}
}
