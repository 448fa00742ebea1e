package text

import (
	"math"

	"github.com/go-text/typesetting/font"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// FakeBoldRatio is how much synthetic bold widens strokes, as a fraction of
// the font size: Skia (and so Chromium) interpolates from 1/24 at 9 px to
// 1/32 at 36 px and beyond.
func FakeBoldRatio(size float64) float64 {
	switch {
	case size <= 9:
		return 1.0 / 24
	case size >= 36:
		return 1.0 / 32
	}
	t := (size - 9) / (36 - 9)
	return 1.0/24 + t*(1.0/32-1.0/24)
}

type boldKey struct {
	glyph glyphKey
	q     uint32 // ratio quantised to 1/4096 em
}

type boldEntry struct {
	key boldKey
	o   *Outline
}

var boldOutlines = newSlotTable[boldEntry](12)

// BoldOutline returns gid's outline grown by ratio ems in total (ratio/2 on
// each side), for synthetic bold.
func BoldOutline(f *Face, gid font.GID, ratio float64) *Outline {
	k := boldKey{glyphKey{f.id, gid}, uint32(math.Round(ratio * 4096))}
	h := mix(uint64(f.id)<<32|uint64(gid)) ^ mix(uint64(k.q))
	if e := boldOutlines.load(h); e != nil && e.key == k {
		return e.o
	}
	base := GlyphOutline(f, gid)
	o := embolden(base, float64(k.q)/4096/2)
	if len(o.Path.Points) <= maxCachedPoints {
		boldOutlines.store(h, &boldEntry{k, o})
	}
	return o
}

// embolden moves every point of each contour outwards along the bisector of
// its neighbouring edges' normals by d (the FreeType emboldening approach,
// applied to control points too), so stems thicken by 2d. The outward side
// comes from each contour's orientation relative to the whole glyph's.
func embolden(src *Outline, d float64) *Outline {
	out := &Outline{Empty: src.Empty}
	if src.Empty || d == 0 {
		*out = *src
		return out
	}
	p := &src.Path
	total := signedArea(p, 0, len(p.Verbs))
	sign := 1.0
	if total < 0 {
		sign = -1
	}
	dst := &out.Path
	dst.Verbs = append(dst.Verbs, p.Verbs...)
	dst.Points = make([]geom.Point, len(p.Points))
	pi := 0
	for vi := 0; vi < len(p.Verbs); {
		// One contour: MoveTo … (Close).
		startV, startP := vi, pi
		vi++
		pi++
		for vi < len(p.Verbs) && p.Verbs[vi] != geom.MoveTo {
			pi += geom.NumPoints[p.Verbs[vi]]
			vi++
		}
		pts := p.Points[startP:pi]
		n := len(pts)
		if n > 1 && pts[n-1] == pts[0] {
			n-- // a closing point equal to the start is shared
		}
		_ = startV
		for i := 0; i < len(pts); i++ {
			j := i % max(n, 1)
			prev := pts[(j-1+n)%n]
			next := pts[(j+1)%n]
			dst.Points[startP+i] = shift(prev, pts[j], next, d*sign)
		}
	}
	if mn, mx, ok := dst.Bounds(); ok {
		out.MinX, out.MinY, out.MaxX, out.MaxY = mn.X, mn.Y, mx.X, mx.Y
	}
	return out
}

// shift moves b outwards by d given its neighbours, for a contour whose
// interior is on the left when sign > 0 (y down).
func shift(a, b, c geom.Point, d float64) geom.Point {
	n1 := normal(a, b)
	n2 := normal(b, c)
	s := geom.Point{X: n1.X + n2.X, Y: n1.Y + n2.Y}
	den := 1 + n1.X*n2.X + n1.Y*n2.Y
	if den < 0.2 { // very sharp corner: limit the miter
		den = 0.2
	}
	return geom.Point{X: b.X + s.X*d/den, Y: b.Y + s.Y*d/den}
}

func normal(a, b geom.Point) geom.Point {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return geom.Point{}
	}
	return geom.Point{X: dy / l, Y: -dx / l}
}

// signedArea of the path's on- and off-curve points (the polygon of control
// points has the orientation of the outline).
func signedArea(p *geom.Path, v0, v1 int) float64 {
	a := 0.0
	var start, prev geom.Point
	pi := 0
	for vi := 0; vi < v1; vi++ {
		v := p.Verbs[vi]
		if v == geom.Close {
			a += prev.X*start.Y - start.X*prev.Y
			prev = start
			continue
		}
		for k := 0; k < geom.NumPoints[v]; k++ {
			pt := p.Points[pi]
			pi++
			if v == geom.MoveTo {
				start, prev = pt, pt
				continue
			}
			a += prev.X*pt.Y - pt.X*prev.Y
			prev = pt
		}
	}
	return a / 2
}
