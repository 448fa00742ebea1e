package raster

import (
	"encoding/binary"
	"image"
	"math"
	"math/bits"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// FillRule is the canvas fill rule.
type FillRule uint8

const (
	NonZero FillRule = iota
	EvenOdd
)

// Tolerance is the device-space flattening tolerance of AddPath, in pixels.
// A tenth of a pixel keeps the curve error under one coverage level in most
// edge pixels while a 100 px circle still needs only ~80 segments.
const Tolerance = 0.1

// maxCoord bounds coordinates before clipping. Beyond it the slope of a line
// may change slightly when an endpoint is pulled in; nothing that far away can
// be told apart on a canvas, and it keeps every product finite.
const maxCoord = 1e18

// segment is one clipped line in clip-relative float32 coordinates.
type segment struct{ x0, y0, x1, y1 float32 }

// Rasterizer turns paths into anti-aliased coverage by exact-area
// accumulation: each line adds, to the cells it crosses, the signed area it
// covers to its right inside that cell, and a running sum along each row then
// gives the (signed, winding-weighted) coverage of every pixel. It is reusable
// and allocates nothing once its buffers have grown to the largest job seen.
//
// Coverage is exact for any pixel that edges of only one winding direction
// cross. Where edges overlap inside one pixel (the crossing point of a
// self-intersecting path, contours that share an edge) the summed areas are
// folded by the fill rule rather than resolved geometrically, so such a pixel
// can be a few tens of levels off; interiors are always exact under both rules.
// Work is single-threaded and the result depends only on the input, never on
// timing; callers may split a large fill into bands, each with its own
// Rasterizer and clip.
type Rasterizer struct {
	clip   image.Rectangle
	cw, ch float64
	segs   []segment
	// Bounds of segs in clip-relative coordinates.
	minX, minY, maxX, maxY float32

	acc            []float32
	touched        []uint64 // one bit per cell of acc: which cells an edge reached
	rowMin, rowMax []int32
	cov            []uint8
	line, inside   func(a, b geom.Point)
	// rows, when set, hears about each band's rows before they are swept.
	rows func(y, x int, lo, hi []int32)
}

// OnRows sets a function that Rasterize calls before reporting the spans of a
// group of rows: row y+i will have its spans within pixels [x+lo[i], x+hi[i]]
// (none when hi[i] < 0). A painter uses it to start loading those rows of its
// destination all at once, so their cache misses overlap instead of stalling
// the sweep one row at a time. The slices are valid only during the call.
// nil switches it off; Reset keeps it.
func (r *Rasterizer) OnRows(fn func(y, x int, lo, hi []int32)) { r.rows = fn }

// Reset empties the rasterizer and sets the clip: only pixels inside clip are
// produced, but geometry outside it still counts for the winding of pixels
// inside (a line to the left of the clip is kept as a vertical line on its left
// edge; lines above, below or to the right of it cannot change any pixel inside
// and are dropped). Lines are kept in float32 relative to the clip's corner,
// which holds positions to 1/256 px for clips up to 32768 px across: the clip
// should be the canvas (or a band of it), not an arbitrary huge rectangle.
func (r *Rasterizer) Reset(clip image.Rectangle) {
	r.clip = clip.Canon()
	r.cw, r.ch = float64(r.clip.Dx()), float64(r.clip.Dy())
	r.segs = r.segs[:0]
	r.minX, r.minY = math.MaxFloat32, math.MaxFloat32
	r.maxX, r.maxY = -math.MaxFloat32, -math.MaxFloat32
	if r.line == nil {
		r.line, r.inside = r.AddLine, r.addInside
	}
}

// AddPath flattens p (device space, every subpath implicitly closed) with
// Tolerance and accumulates its lines.
func (r *Rasterizer) AddPath(p *geom.Path) {
	if r.clip.Empty() {
		return
	}
	c := geom.Rect{
		MinX: float64(r.clip.Min.X), MinY: float64(r.clip.Min.Y),
		MaxX: float64(r.clip.Max.X), MaxY: float64(r.clip.Max.Y),
	}
	if r.line == nil {
		r.line, r.inside = r.AddLine, r.addInside
	}
	line := r.line
	if within(p, c) {
		// A curve lies within its control points, so none of the lines
		// needs clipping.
		line = r.inside
	}
	geom.FlattenClip(p, Tolerance, c, line)
}

// within reports whether every point of p lies in c (a NaN does not).
func within(p *geom.Path, c geom.Rect) bool {
	for _, q := range p.Points {
		if !(q.X >= c.MinX && q.X <= c.MaxX && q.Y >= c.MinY && q.Y <= c.MaxY) {
			return false
		}
	}
	return true
}

// addInside adds a line of a path that lies within the clip.
func (r *Rasterizer) addInside(a, b geom.Point) {
	ox, oy := float64(r.clip.Min.X), float64(r.clip.Min.Y)
	r.push(a.X-ox, a.Y-oy, b.X-ox, b.Y-oy)
}

// AddLine adds one directed line in device space. Callers that produce their
// own closed polygons (rectangles, glyph outlines) can skip building a Path.
func (r *Rasterizer) AddLine(a, b geom.Point) {
	if a.X != a.X || a.Y != a.Y || b.X != b.X || b.Y != b.Y {
		return // NaN
	}
	x0 := clampCoord(a.X) - float64(r.clip.Min.X)
	y0 := clampCoord(a.Y) - float64(r.clip.Min.Y)
	x1 := clampCoord(b.X) - float64(r.clip.Min.X)
	y1 := clampCoord(b.Y) - float64(r.clip.Min.Y)
	h := r.ch
	if y0 == y1 || (y0 <= 0 && y1 <= 0) || (y0 >= h && y1 >= h) {
		return
	}
	// Clip to the rows of the clip rectangle.
	if y0 < 0 || y0 > h || y1 < 0 || y1 > h {
		ya, yb := clampF(y0, 0, h), clampF(y1, 0, h)
		xa := x0 + (x1-x0)*((ya-y0)/(y1-y0))
		xb := x0 + (x1-x0)*((yb-y0)/(y1-y0))
		x0, y0, x1, y1 = xa, ya, xb, yb
		if y0 == y1 {
			return
		}
	}
	w := r.cw
	if x0 >= w && x1 >= w {
		r.rightOpen()
		return
	}
	if x0 <= 0 && x1 <= 0 {
		r.push(0, y0, 0, y1)
		return
	}
	if x0 >= 0 && x0 <= w && x1 >= 0 && x1 <= w {
		r.push(x0, y0, x1, y1)
		return
	}
	// The line crosses x=0 and/or x=w: split it there. Parts left of the clip
	// become vertical lines on its left edge, parts right of it are dropped.
	ts := [4]float64{0, 0, 0, 1}
	n := 1
	for _, xe := range [2]float64{0, w} {
		if t := (xe - x0) / (x1 - x0); t > 0 && t < 1 {
			ts[n] = t
			n++
		}
	}
	ts[n] = 1
	if n == 3 && ts[1] > ts[2] {
		ts[1], ts[2] = ts[2], ts[1]
	}
	for i := 0; i < n; i++ {
		ta, tb := ts[i], ts[i+1]
		xa, ya := x0+(x1-x0)*ta, y0+(y1-y0)*ta
		xb, yb := x0+(x1-x0)*tb, y0+(y1-y0)*tb
		if i+1 == n {
			xb, yb = x1, y1
		}
		xm := (xa + xb) / 2
		switch {
		case xm < 0:
			r.push(0, ya, 0, yb)
		case xm > w:
			r.rightOpen()
		default:
			r.push(clampF(xa, 0, w), ya, clampF(xb, 0, w), yb)
		}
	}
}

func (r *Rasterizer) push(x0, y0, x1, y1 float64) {
	s := segment{float32(x0), float32(y0), float32(x1), float32(y1)}
	if s.y0 == s.y1 {
		return
	}
	r.segs = append(r.segs, s)
	r.minX = min(r.minX, s.x0, s.x1)
	r.maxX = max(r.maxX, s.x0, s.x1)
	r.minY = min(r.minY, s.y0, s.y1)
	r.maxY = max(r.maxY, s.y0, s.y1)
}

// rightOpen notes that geometry was dropped to the right of the clip: the
// coverage of what remains may then run up to the clip's right edge.
func (r *Rasterizer) rightOpen() {
	r.maxX = max(r.maxX, float32(r.cw))
}

func clampCoord(v float64) float64 { return clampF(v, -maxCoord, maxCoord) }

func clampF(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// Bounds returns the pixel bounds of what was added, intersected with the clip.
func (r *Rasterizer) Bounds() image.Rectangle {
	if len(r.segs) == 0 {
		return image.Rectangle{}
	}
	x0 := int(math.Floor(float64(r.minX)))
	y0 := int(math.Floor(float64(r.minY)))
	x1 := int(math.Ceil(float64(r.maxX)))
	y1 := int(math.Ceil(float64(r.maxY)))
	b := image.Rect(x0, y0, x1, y1).Add(r.clip.Min)
	return b.Intersect(r.clip)
}

// Rasterize calls span for each run of pixels with non-zero coverage, rows in
// increasing y and runs in increasing x; cov[i] (0..255) is the coverage of
// pixel (x+i, y). cov is only valid during the call. The added geometry stays,
// so the same shape can be rasterized again (for example with the other rule).
func (r *Rasterizer) Rasterize(rule FillRule, span func(y, x int, cov []uint8)) {
	r.scan(rule, nil, span)
}

// Runs receives coverage from RasterizeRuns: rows in increasing y, and within
// a row pieces in increasing x that never overlap. Pixels not reported have
// coverage 0.
type Runs interface {
	// Cover reports pixels (x+i, y) with coverage cov[i]: the cells that
	// edges cross, and short runs between them. cov may hold zeros and is
	// only valid during the call.
	Cover(y, x int, cov []uint8)
	// Fill reports n pixels from (x, y), all with coverage c > 0: the
	// inside of a shape, which no edge crosses.
	Fill(y, x, n int, c uint8)
}

// RasterizeRuns reports coverage to out: edge pixels one by one, and the
// inside of the shape as whole runs of one coverage that out can paint
// without reading a coverage byte per pixel.
func (r *Rasterizer) RasterizeRuns(rule FillRule, out Runs) {
	r.scan(rule, out, nil)
}

// minFillRun is the shortest run of one coverage reported through Fill;
// shorter ones stay in the surrounding Cover, where a call would cost more
// than the bytes.
const minFillRun = 16

// scan accumulates all segments into a bounds-sized cell grid and sweeps it
// row by row into out or, if out is nil, span.
func (r *Rasterizer) scan(rule FillRule, out Runs, span func(y, x int, cov []uint8)) {
	b := r.Bounds()
	if b.Empty() {
		return
	}
	w, h := b.Dx(), b.Dy()
	// Two cells past the last pixel: a line's piece of a row adds to the
	// cell after its last one, and short pieces always write three cells.
	stride := w + 3
	// The cell grid covers a band of rows at a time, so memory stays bounded
	// (and cache-resident) however large the fill; bands see exactly the same
	// arithmetic as one big grid would, so the output does not depend on them.
	band := min(h, max(16, bandCells/stride))
	if need := stride * band; cap(r.acc) < need {
		r.acc = make([]float32, need) // zero; the sweep leaves it zero again
	}
	acc := r.acc[:stride*band]
	words := (stride + 63) >> 6
	if need := words * band; cap(r.touched) < need {
		r.touched = make([]uint64, need) // zero; the sweep leaves it zero again
	}
	touched := r.touched[:words*band]
	if cap(r.rowMin) < band {
		r.rowMin = make([]int32, band)
		r.rowMax = make([]int32, band)
	}
	if cap(r.cov) < w {
		r.cov = make([]uint8, w)
	}
	sw := sweeper{out: out, span: span, cov: r.cov[:w], x0: b.Min.X, evenOdd: rule == EvenOdd}
	ox := float32(b.Min.X - r.clip.Min.X)
	oy := float32(b.Min.Y - r.clip.Min.Y)
	fw, fh := float32(w), float32(h)
	for by0 := 0; by0 < h; by0 += band {
		by1 := min(h, by0+band)
		rowMin, rowMax := r.rowMin[:by1-by0], r.rowMax[:by1-by0]
		fb0, fb1 := float32(by0), float32(by1)
		for _, s := range r.segs {
			y0, y1 := clamp32(s.y0-oy, 0, fh), clamp32(s.y1-oy, 0, fh)
			if max(y0, y1) <= fb0 || min(y0, y1) >= fb1 {
				continue
			}
			accumulateLine(acc, stride, touched, words, by1-by0, by0,
				clamp32(s.x0-ox, 0, fw), y0, clamp32(s.x1-ox, 0, fw), y1)
		}
		touchedRange(touched, words, rowMin, rowMax)
		if r.rows != nil {
			r.rows(b.Min.Y+by0, b.Min.X, rowMin, rowMax)
		}
		for i := range rowMin {
			lo, hi := int(rowMin[i]), int(rowMax[i])
			if hi < 0 {
				continue
			}
			sw.row(acc[i*stride:i*stride+stride], touched[i*words:i*words+words], b.Min.Y+by0+i, lo, hi)
		}
	}
}

// bandCells bounds the cell grid of one band (4 MiB of float32). A variable
// so tests can force many bands.
var bandCells = 1 << 20

// sweeper turns rows of accumulated cells into coverage for a Runs.
type sweeper struct {
	out     Runs
	span    func(y, x int, cov []uint8) // instead of out: every run of non-zero coverage
	cov     []uint8                     // coverage of the row, indexed from x0
	x0, y   int
	evenOdd bool
	// cov[ps:pos] is coverage computed but not yet reported.
	ps int
}

func (s *sweeper) coverage(sum float32) uint8 {
	if s.evenOdd {
		return evenOddCov(sum)
	}
	return nonZeroCov(sum)
}

// row sweeps the cells of row y that edges touched, lo … hi, and leaves them
// and their touched bits zero. Before lo the running sum is zero; after hi it
// is constant. Cells at or past the row's width (geometry that runs past the
// clip's right edge) only add to that final sum, the coverage of the tail.
//
// Only the cells an edge touched are visited, found through their bits:
// between two of them the coverage stays that of the left one, so the inside
// of a shape costs nothing per cell. The sum runs left to right over the same
// non-zero values as a dense sweep, so the result is identical.
func (s *sweeper) row(cells []float32, touched []uint64, y, lo, hi int) {
	w := len(s.cov)
	end := min(hi+1, w)
	cov := s.cov
	s.y, s.ps = y, lo
	var sum float32
	var last uint8
	pos := lo
	for k := lo >> 6; k <= hi>>6 && k < len(touched); k++ {
		m := touched[k]
		touched[k] = 0
		if base := k << 6; base+64 <= end && bits.OnesCount64(m) >= 16 {
			// Many touched cells in this word (long edges, or many of
			// them, as in a star): sweep it densely instead of finding each
			// bit. An untouched cell holds 0, which leaves the sum and so
			// the coverage unchanged, exactly as skipping it does.
			start := max(base, pos)
			if start > pos {
				s.gap(pos, start, last)
			}
			c, o := cells[start:base+64], cov[start:base+64]
			for j, v := range c {
				sum += v
				last = s.coverage(sum)
				o[j] = last
			}
			clear(c)
			pos = base + 64
			continue
		}
		for m != 0 {
			i := k<<6 + bits.TrailingZeros64(m)
			m &= m - 1
			sum += cells[i]
			cells[i] = 0
			if i >= end {
				continue
			}
			if i > pos {
				s.gap(pos, i, last)
			}
			last = s.coverage(sum)
			cov[i] = last
			pos = i + 1
		}
	}
	if end > pos {
		s.gap(pos, end, last)
		pos = end
	}
	if tail := s.coverage(sum); tail != 0 && w > end {
		s.gap(end, w, tail)
		pos = w
	}
	s.flush(pos)
}

// gap handles pixels [a, b) that no edge touched, all of coverage c: short
// gaps join the pending coverage, long ones end it and become a Fill.
func (s *sweeper) gap(a, b int, c uint8) {
	if b-a < minFillRun || s.span != nil {
		fillBytes(s.cov[a:b], c)
		return
	}
	s.flush(a)
	if c != 0 {
		s.out.Fill(s.y, s.x0+a, b-a, c)
	}
	s.ps = b
}

// flush reports the pending coverage up to pos: as it is (zeros at its ends
// cost less to paint than to trim) or, for span, as runs of non-zero coverage.
func (s *sweeper) flush(pos int) {
	if s.span != nil {
		emitRuns(s.span, s.y, s.x0, s.cov, s.ps, pos)
		s.ps = pos
		return
	}
	a, b := s.ps, pos
	if a < b {
		s.out.Cover(s.y, s.x0+a, s.cov[a:b])
	}
	s.ps = pos
}

func fillBytes(b []uint8, v uint8) {
	if v == 0 {
		clear(b)
		return
	}
	// The inside of a shape is long runs: store eight bytes at a time.
	i := 0
	if len(b) >= 8 {
		w := uint64(v) * 0x0101010101010101
		for ; i+8 <= len(b); i += 8 {
			binary.LittleEndian.PutUint64(b[i:], w)
		}
	}
	for ; i < len(b); i++ {
		b[i] = v
	}
}

// hasZeroByte reports whether any byte of w is zero (the classic bit trick).
func hasZeroByte(w uint64) bool {
	return (w-0x0101010101010101)&^w&0x8080808080808080 != 0
}

// emitRuns reports the runs of non-zero coverage in cov[lo:hi].
func emitRuns(span func(y, x int, cov []uint8), y, x0 int, cov []uint8, lo, hi int) {
	i := lo
	for i < hi {
		for i < hi && cov[i] == 0 {
			i++
		}
		if i == hi {
			return
		}
		// Skip eight non-zero bytes at a time through the inside of a shape.
		j := i + 1
		for j+8 <= hi && !hasZeroByte(binary.LittleEndian.Uint64(cov[j:])) {
			j += 8
		}
		for j < hi && cov[j] != 0 {
			j++
		}
		span(y, x0+i, cov[i:j])
		i = j
	}
}

func abs32(v float32) float32 {
	return math.Float32frombits(math.Float32bits(v) &^ (1 << 31))
}

func clamp32(v, lo, hi float32) float32 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// nonZeroCov maps a winding-weighted coverage sum to 0..255. Written without
// branches on the value: edges make the sign and saturation unpredictable.
func nonZeroCov(s float32) uint8 {
	s = math.Float32frombits(math.Float32bits(s) &^ (1 << 31))
	return uint8(min(int32(s*255+0.5), 255))
}

func evenOddCov(s float32) uint8 {
	if s < 0 {
		s = -s
	}
	if s > 1 {
		// Fold the winding sum into [0, 2) and mirror the upper half: an
		// even number of overlaps is outside.
		s -= 2 * float32(int32(s*0.5))
		if s > 1 {
			s = 2 - s
		}
	}
	return uint8(s*255 + 0.5)
}

// accumulateLine adds the exact signed area of one line to the cells it
// crosses: for the piece of the line inside cell (c, row) with height dy and
// mean horizontal position fm within the cell, the pixel itself is covered by
// dy·(1-fm) to the right of the line and every pixel further right by dy; the
// cell grid stores differences, so cell c gets dy·(1-fm) and cell c+1 dy·fm.
//
// Rows are those of the band starting at row by0: acc, rowMin and rowMax hold
// just that band, and the line is followed only through it.
func accumulateLine(acc []float32, stride int, touched []uint64, words int, rows, by0 int, x0, y0, x1, y1 float32) {
	dir := float32(1)
	if y0 > y1 {
		x0, y0, x1, y1 = x1, y1, x0, y0
		dir = -1
	}
	if y0 == y1 {
		return
	}
	dxdy := (x1 - x0) / (y1 - y0)
	endRow := by0 + rows
	// The height of a piece per unit of x; 0 for vertical lines, whose
	// pieces never leave their cell. Divided out apart from dxdy rather
	// than as its inverse, so that the two divisions overlap: the first
	// piece of every short line waits for them.
	var dydx float32
	if x1 != x0 {
		dydx = (y1 - y0) / abs32(x1-x0)
	}
	y := y0
	x := x0
	row := int(y0)
	if row < by0 {
		// Enter the band at its top edge, at the same x the row before
		// would have handed on.
		row = by0
		y = float32(by0)
		x = x0 + (y-y0)*dxdy
	}
	off, toff := (row-by0)*stride, (row-by0)*words
	for y < y1 && row < endRow {
		ynext := float32(row + 1)
		xnext := x0 + (ynext-y0)*dxdy
		if ynext >= y1 {
			ynext, xnext = y1, x1
		}
		cells := acc[off : off+stride]
		dyAbs := ynext - y
		dy := dyAbs * dir
		// The row's piece runs from xa to xb. It is written out here rather
		// than called: a call in this loop makes every live value spill.
		xa, xb := x, xnext
		if xa > xb {
			xa, xb = xb, xa
		}
		// 0 ≤ xa ≤ xb ≤ the row's width (scan clamps lines to it), so
		// ia+2 and ib+1 are cells of the row.
		ia, ib := int(xa), int(xb)
		if ib <= ia+1 {
			// Most pieces touch one cell or cross into the next: both
			// are the same sums, computed without branches. The piece
			// splits at the cell's right edge X into heights h1 and h2
			// (h2 = 0 if it does not reach it), each adding to its own
			// cell and the next in proportion to where it lies.
			c := cells[ia : ia+3 : ia+3]
			X := float32(ia + 1)
			xm := min(xb, X)
			h2 := min((xb-xm)*dydx, dyAbs) * dir
			h1 := dy - h2
			fm1 := (xa+xm)*0.5 - float32(ia)
			fm2 := (xb - xm) * 0.5
			c[0] += h1 * (1 - fm1)
			c[1] += h1*fm1 + h2*(1-fm2)
			c[2] += h2 * fm2
		} else {
			k := dy / (xb - xa) // height per unit of x
			// First, partial cell.
			xe := float32(ia + 1)
			hgt := (xe - xa) * k
			fm := ((xa+xe)*0.5 - float32(ia))
			cells[ia] += hgt * (1 - fm)
			cells[ia+1] += hgt * fm
			// Whole cells in between: each adds k/2 to itself and k/2 to
			// the next.
			half := k * 0.5
			cells[ia+1] += half
			for c := ia + 2; c < ib; c++ {
				cells[c] += k
			}
			cells[ib] += half
			// Last, partial cell.
			xs := float32(ib)
			hgt = (xb - xs) * k
			fm = (xb - xs) * 0.5
			cells[ib] += hgt * (1 - fm)
			cells[ib+1] += hgt * fm
		}
		markCells(touched[toff:toff+words], ia, ib+1)
		x, y = xnext, ynext
		row++
		off += stride
		toff += words
	}
}

// touchedRange sets rowMin[i] and rowMax[i] to the first and last touched
// cell of row i (-1 as rowMax when none is): the span of cells the sweep
// must visit. Finding them from the bits once per row is cheaper than
// keeping them up to date for every piece of every line.
func touchedRange(touched []uint64, words int, rowMin, rowMax []int32) {
	for i := range rowMin {
		row := touched[i*words : i*words+words]
		lo, hi := int32(-1), int32(-1)
		for k, m := range row {
			if m != 0 {
				lo = int32(k<<6 + bits.TrailingZeros64(m))
				break
			}
		}
		if lo >= 0 {
			for k := len(row) - 1; k >= 0; k-- {
				if m := row[k]; m != 0 {
					hi = int32(k<<6 + 63 - bits.LeadingZeros64(m))
					break
				}
			}
		}
		rowMin[i], rowMax[i] = lo, hi
	}
}

// markCells sets the touched bits of cells lo … hi (a line's piece of a row
// touches a contiguous range, nearly always inside one 64-cell word).
func markCells(touched []uint64, lo, hi int) {
	kl, kh := lo>>6, hi>>6
	if kl == kh {
		touched[kl] |= (^uint64(0) << (lo & 63)) & (^uint64(0) >> (63 - hi&63))
		return
	}
	touched[kl] |= ^uint64(0) << (lo & 63)
	for k := kl + 1; k < kh; k++ {
		touched[k] = ^uint64(0)
	}
	touched[kh] |= ^uint64(0) >> (63 - hi&63)
}
