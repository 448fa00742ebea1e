package raster

import (
	"image"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Mask is 8-bit coverage over Rect, for clips and shadows; pixels outside Rect
// have coverage 0. Pix[(y-Rect.Min.Y)*Stride + (x-Rect.Min.X)] is pixel (x, y).
type Mask struct {
	Rect   image.Rectangle
	Stride int
	Pix    []uint8
}

// At returns the coverage of pixel (x, y).
func (m *Mask) At(x, y int) uint8 {
	if !(image.Point{x, y}.In(m.Rect)) {
		return 0
	}
	return m.Pix[(y-m.Rect.Min.Y)*m.Stride+(x-m.Rect.Min.X)]
}

// Row returns the coverage of pixels [x0, x1) of row y, which must lie inside
// Rect (clip this with Rect first).
func (m *Mask) Row(y, x0, x1 int) []uint8 {
	o := (y-m.Rect.Min.Y)*m.Stride + (x0 - m.Rect.Min.X)
	return m.Pix[o : o+(x1-x0)]
}

// MulSpan multiplies the coverage run cov of pixels (x.., y) by the mask, in
// place: how a clip applies to a fill's spans. Pixels outside Rect become 0.
func (m *Mask) MulSpan(y, x int, cov []uint8) {
	if y < m.Rect.Min.Y || y >= m.Rect.Max.Y {
		clear(cov)
		return
	}
	x0, x1 := max(x, m.Rect.Min.X), min(x+len(cov), m.Rect.Max.X)
	if x0 >= x1 {
		clear(cov)
		return
	}
	clear(cov[:x0-x])
	clear(cov[x1-x:])
	row := m.Row(y, x0, x1)
	c := cov[x0-x : x1-x]
	for i, v := range row {
		c[i] = mul255(c[i], v)
	}
}

// resize makes m an all-zero mask over rect, reusing its storage.
func (m *Mask) resize(rect image.Rectangle) {
	m.Rect = rect
	m.Stride = rect.Dx()
	n := rect.Dx() * rect.Dy()
	if cap(m.Pix) < n {
		m.Pix = make([]uint8, n)
	} else {
		m.Pix = m.Pix[:n]
		clear(m.Pix)
	}
}

// RasterizeMask writes the coverage of what was added into m, resized (its
// storage reused) to r.Bounds().
func (r *Rasterizer) RasterizeMask(rule FillRule, m *Mask) {
	m.resize(r.Bounds())
	if m.Rect.Empty() {
		return
	}
	r.scan(rule, (*maskRuns)(m), nil)
}

// maskRuns writes what the sweep reports into a mask that covers the
// rasterizer's bounds and starts out zero.
type maskRuns Mask

func (m *maskRuns) Cover(y, x int, cov []uint8) {
	copy(m.Pix[(y-m.Rect.Min.Y)*m.Stride+x-m.Rect.Min.X:], cov)
}

func (m *maskRuns) Fill(y, x, n int, c uint8) {
	o := (y-m.Rect.Min.Y)*m.Stride + x - m.Rect.Min.X
	fillBytes(m.Pix[o:o+n], c)
}

// Intersect multiplies m by o pixel by pixel, as stacked clips do; m shrinks
// to the intersection of the two rectangles.
func (m *Mask) Intersect(o *Mask) {
	nr := m.Rect.Intersect(o.Rect)
	if nr.Empty() {
		m.Rect, m.Stride, m.Pix = image.Rectangle{}, 0, m.Pix[:0]
		return
	}
	w := nr.Dx()
	// The new rectangle lies inside the old one and rows are visited in
	// order, so every write lands at or before the byte it replaces.
	for y := nr.Min.Y; y < nr.Max.Y; y++ {
		src := m.Row(y, nr.Min.X, nr.Max.X)
		oth := o.Row(y, nr.Min.X, nr.Max.X)
		dst := m.Pix[(y-nr.Min.Y)*w:]
		for i := range w {
			dst[i] = mul255(src[i], oth[i])
		}
	}
	m.Rect, m.Stride, m.Pix = nr, w, m.Pix[:w*nr.Dy()]
}

// mul255 is round(a·b/255) without division.
func mul255(a, b uint8) uint8 {
	t := uint32(a)*uint32(b) + 128
	return uint8((t + t>>8) >> 8)
}

// containsTolerance flattens curves for hit testing finely enough that the
// answer matches the exact curve to well under a hundredth of a pixel.
const containsTolerance = 1e-3

// Contains reports whether device point (x, y) is inside p under rule, exactly
// (not anti-aliased), as isPointInPath does. Points on an edge are inside, as
// in Chromium. Every subpath counts as closed.
func Contains(p *geom.Path, x, y float64, rule FillRule) bool {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return false
	}
	wind := 0
	onEdge := false
	// Only geometry near the point's row matters; the clip lets huge curves
	// far away be handled as chords.
	clip := geom.Rect{MinX: x - 1, MinY: y - 1, MaxX: x + 1, MaxY: y + 1}
	geom.FlattenClip(p, containsTolerance, clip, func(a, b geom.Point) {
		if onEdge {
			return
		}
		if onSegment(a, b, x, y) {
			onEdge = true
			return
		}
		// Half-open in y so a vertex shared by two edges is counted once.
		if (a.Y <= y) == (b.Y <= y) {
			return
		}
		xi := a.X + (y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
		if xi > x {
			if b.Y > a.Y {
				wind++
			} else {
				wind--
			}
		}
	})
	if onEdge {
		return true
	}
	if rule == EvenOdd {
		return wind%2 != 0
	}
	return wind != 0
}

func onSegment(a, b geom.Point, x, y float64) bool {
	if x < math.Min(a.X, b.X)-1e-9 || x > math.Max(a.X, b.X)+1e-9 ||
		y < math.Min(a.Y, b.Y)-1e-9 || y > math.Max(a.Y, b.Y)+1e-9 {
		return false
	}
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return math.Abs(x-a.X) <= 1e-9 && math.Abs(y-a.Y) <= 1e-9
	}
	return math.Abs((x-a.X)*dy-(y-a.Y)*dx)/l <= 1e-9
}

// StrokeContains reports whether device point (x, y) is inside the stroke of p
// with st under the transform m, as isPointInStroke does (dashes included).
func StrokeContains(p *geom.Path, st geom.StrokeStyle, m geom.Matrix, x, y float64) bool {
	var outline geom.Path
	geom.Stroke(&outline, p, st, m)
	return Contains(&outline, x, y, NonZero)
}
