package paint

import (
	"encoding/binary"
	"math"

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
	// t at pixel k is tb + tx×k, computed directly rather than by repeated
	// addition so long rows do not drift and every path sees the same t.
	tb, tx := g.tx*px+g.ty*py+g.tc, g.tx
	if c == nil {
		for k := range n {
			binary.LittleEndian.PutUint32(dst[4*k:], g.ramp.exactPixel(float32(tb+tx*float64(k))))
		}
		return
	}
	if c.meanRun >= runPixels*math.Abs(tx)*lutSize {
		g.shadeRuns(tb, c, dst)
		return
	}
	// A steep gradient: one lookup per pixel (ramp.pixel inlined, this loop
	// is most of the fill's cost).
	fk := 0.0
	for i := 0; i+4 <= len(dst); i += 4 {
		t := tb + tx*fk
		fk++
		var p uint32
		switch {
		case t >= 0 && t <= 1:
			p = c.lut[int(t*lutSize+0.5)]
			if p == exactMark {
				p = g.ramp.exactPixel(float32(t))
			}
		case t < 0:
			p = c.lo
		case t > 1:
			p = c.hi
		}
		binary.LittleEndian.PutUint32(dst[i:i+4], p)
	}
}

// runPixels is the mean number of pixels per run of equal colour from which
// shadeRuns beats the per-pixel loop (a run costs about two lookups and a
// division; a wide gentle gradient has runs of dozens of pixels).
const runPixels = 6

// shadeRuns shades dst (a whole number of pixels) run by run: t = tb + tx×k at
// pixel k, and each run of pixels whose t rounds into one run of equal cache
// entries is filled with its colour. The end of a run is estimated from the
// t where the run ends and then corrected with the same per-pixel
// classification, so the result equals looking up every pixel.
func (g *Linear) shadeRuns(tb float64, c *rampCache, dst []uint8) {
	n := len(dst) / 4
	tx, inv := g.tx, 1/g.tx
	for k := 0; k < n; {
		t := tb + tx*float64(k)
		id := c.run(t)
		var p uint32
		var end float64 // the t at which the run ends, in the direction of tx
		switch {
		case id == -2:
			p, end = 0, t
		case id == -1:
			p, end = c.lo, 0
			if tx < 0 {
				end = math.Inf(-1)
			}
		case id == lutSize+1:
			p, end = c.hi, 1
			if tx > 0 {
				end = math.Inf(1)
			}
		default:
			p = c.lut[id]
			if p == exactMark { // next to a stop or steep: this pixel alone, exactly
				binary.LittleEndian.PutUint32(dst[4*k:], g.ramp.exactPixel(float32(t)))
				k++
				continue
			}
			if tx > 0 {
				end = (float64(c.runHi[id]) + 0.5) / lutSize
			} else {
				end = (float64(id) - 0.5) / lutSize
			}
		}
		// The estimate may be a pixel off either way (rounding of t, or m
		// already whole); the loops below settle it.
		kEnd := n
		if m := (end - t) * inv; m < float64(n-k-1) {
			kEnd = k + 1 + max(0, int(m))
		}
		for kEnd < n && c.run(tb+tx*float64(kEnd)) == id {
			kEnd++
		}
		for kEnd > k+1 && c.run(tb+tx*float64(kEnd-1)) != id {
			kEnd--
		}
		fillPixels(dst[4*k:4*kEnd], p)
		k = kEnd
	}
}
