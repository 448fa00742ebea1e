package paint

import (
	"encoding/binary"
	"image"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Repeat is a pattern's repetition mode.
type Repeat uint8

const (
	RepeatBoth Repeat = iota // "repeat" (also "" and null)
	RepeatX                  // "repeat-x"
	RepeatY                  // "repeat-y"
	NoRepeat                 // "no-repeat"
)

// ParseRepeat maps createPattern's repetition argument; ok is false for values
// the canvas must reject with a SyntaxError.
func ParseRepeat(s string) (Repeat, bool) {
	switch s {
	case "", "repeat":
		return RepeatBoth, true
	case "repeat-x":
		return RepeatX, true
	case "repeat-y":
		return RepeatY, true
	case "no-repeat":
		return NoRepeat, true
	}
	return RepeatBoth, false
}

// Filter is the sampling quality: imageSmoothingEnabled=false gives Nearest,
// otherwise imageSmoothingQuality low/medium/high gives Bilinear/Medium/High.
// The behaviour of each was measured in Chromium (see chromium_test.go).
type Filter uint8

const (
	Nearest Filter = iota
	// Bilinear is "low", the default: Skia's legacy bilinear with 4-bit
	// sub-texel weights and a truncating sum, and no mipmaps (shrinking aliases).
	Bilinear
	// Medium is full-precision bilinear, blending two mipmap levels when
	// shrinking (trilinear).
	Medium
	// High is Mitchell–Netravali bicubic (B = C = 1/3) when enlarging an image
	// (drawImage) and Medium when shrinking. Chromium samples patterns with
	// "high" exactly as with "medium", so NewPattern treats it as Medium.
	High
)

// tileMode says what lies beyond an image edge on one axis.
type tileMode uint8

const (
	tileDecal  tileMode = iota // transparent (non-repeating pattern axis)
	tileRepeat                 // the image again
	tileClamp                  // the edge texel stretched (drawImage)
)

// level is one image of a mipmap chain (level 0 is the pattern image itself).
type level struct {
	pix           []uint8
	w, h, stride  int
	invW, invH    float64 // 1/w, 1/h
	scaleX, scale float64 // level size / base size, per axis (x, y)
}

// Pattern is an image pattern.
type Pattern struct {
	levels    []level
	none      bool
	inv       geom.Matrix
	tx, ty    tileMode
	filter    Filter
	lod       int    // mipmap level to sample (0 = base)
	lodFrac   uint32 // weight of level lod+1 against lod, in 1/256 (trilinear)
	translate bool   // inv is an integer translation: texels map 1:1 onto pixels
	legacy    bool   // "low" sampling takes Skia's fixed-point path (see bilinearLow)
}

// maxPatternSide bounds image sizes so texel arithmetic stays in int range.
const maxPatternSide = 1 << 24

// NewPattern returns a pattern shader for img (premultiplied RGBA, read in
// place: it must not change while the shader is used). m maps pattern space,
// where texel (i, j) covers [i, i+1]×[j, j+1], to device space.
func NewPattern(img *image.RGBA, rep Repeat, m geom.Matrix, f Filter) Shader {
	return ResetPattern(new(Pattern), img, rep, m, f)
}

// ResetPattern makes p the shader NewPattern(img, rep, m, f) would return,
// reusing p's storage, for callers that draw many small images one after
// another (colour glyphs) and would otherwise allocate a shader for each.
// p must not be in use by a draw.
func ResetPattern(p *Pattern, img *image.RGBA, rep Repeat, m geom.Matrix, f Filter) *Pattern {
	tx, ty := tileDecal, tileDecal
	if rep == RepeatBoth || rep == RepeatX {
		tx = tileRepeat
	}
	if rep == RepeatBoth || rep == RepeatY {
		ty = tileRepeat
	}
	if f == High {
		f = Medium
	}
	p.init(img, tx, ty, m, f)
	return p
}

// NewImage returns a shader for drawImage: img (premultiplied) mapped by m from
// image space to device space, with edge texels extended outward so that
// filtering never blends in transparency at the image border (the canvas clips
// to the destination rectangle).
func NewImage(img *image.RGBA, m geom.Matrix, f Filter) Shader {
	return newSampler(img, tileClamp, tileClamp, m, f)
}

func newSampler(img *image.RGBA, tx, ty tileMode, m geom.Matrix, f Filter) *Pattern {
	p := new(Pattern)
	p.init(img, tx, ty, m, f)
	return p
}

// init sets p up as a sampler, keeping the array of p.levels for the base
// level.
func (p *Pattern) init(img *image.RGBA, tx, ty tileMode, m geom.Matrix, f Filter) {
	clear(p.levels) // drop references to earlier images and mipmaps
	*p = Pattern{filter: f, tx: tx, ty: ty, levels: p.levels[:0]}
	inv, ok := m.Invert()
	if img == nil || !ok {
		p.none = true
		return
	}
	b := img.Rect
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 || w > maxPatternSide || h > maxPatternSide ||
		img.Stride < 4*w || len(img.Pix) < img.PixOffset(b.Max.X-1, b.Max.Y-1)+4 {
		p.none = true
		return
	}
	off := img.PixOffset(b.Min.X, b.Min.Y)
	p.levels = append(p.levels, level{pix: img.Pix[off:], w: w, h: h, stride: img.Stride,
		invW: 1 / float64(w), invH: 1 / float64(h), scaleX: 1, scale: 1})
	p.inv = inv
	p.translate = inv.A == 1 && inv.B == 0 && inv.C == 0 && inv.D == 1 &&
		inv.E == math.Trunc(inv.E) && inv.F == math.Trunc(inv.F) && math.Abs(inv.E) < 1<<30 && math.Abs(inv.F) < 1<<30
	// Skia (and so Chromium) uses its legacy fixed-point bilinear only for
	// scale+translate matrices without decal edges; rotations and decal tiling
	// go through its float pipeline. Both choices were checked against Chromium.
	p.legacy = inv.B == 0 && inv.C == 0 && tx != tileDecal && ty != tileDecal
	// Texels per device pixel, the geometric mean of the two axes.
	texels := math.Sqrt(math.Abs(inv.Det()))
	if f >= Medium && texels > 1 {
		// Chromium blends the two mipmap levels around a level of detail half a
		// level finer than the scale (log2 of texels per pixel, less ½): measured
		// on patterns shrunk from 0.9 to 0.12 with "medium" and "high", this
		// matches within two levels where picking one level is off by tens.
		lod := math.Log2(texels) - 0.5
		if lod > 0 {
			l0 := int(lod)
			p.buildMips(l0 + 1)
			if l0+1 < len(p.levels) {
				p.lod = l0
				p.lodFrac = uint32((lod-float64(l0))*256 + 0.5)
				if p.lodFrac == 256 {
					p.lod, p.lodFrac = l0+1, 0
				}
			} else {
				p.lod = len(p.levels) - 1 // the chain ends at 1×1
			}
		}
	}
	if f == High && texels > 1 {
		p.filter = Medium // when shrinking, "high" is mipmapped bilinear
	}
}

// buildMips appends up to n halved levels, averaging 2×2 premultiplied texels
// and truncating, as Skia does (rounding instead measured a level further from
// Chromium).
func (p *Pattern) buildMips(n int) {
	for len(p.levels) <= n {
		src := p.levels[len(p.levels)-1]
		if src.w == 1 && src.h == 1 {
			return
		}
		w, h := max(1, src.w/2), max(1, src.h/2)
		dst := level{pix: make([]uint8, 4*w*h), w: w, h: h, stride: 4 * w, invW: 1 / float64(w), invH: 1 / float64(h),
			scaleX: float64(w) / float64(p.levels[0].w), scale: float64(h) / float64(p.levels[0].h)}
		for y := 0; y < h; y++ {
			y0, y1 := min(2*y, src.h-1), min(2*y+1, src.h-1)
			for x := 0; x < w; x++ {
				x0, x1 := min(2*x, src.w-1), min(2*x+1, src.w-1)
				for c := 0; c < 4; c++ {
					s := uint32(src.pix[y0*src.stride+4*x0+c]) + uint32(src.pix[y0*src.stride+4*x1+c]) +
						uint32(src.pix[y1*src.stride+4*x0+c]) + uint32(src.pix[y1*src.stride+4*x1+c])
					dst.pix[y*dst.stride+4*x+c] = uint8(s / 4)
				}
			}
		}
		p.levels = append(p.levels, dst)
	}
}

// tile maps texel index i into [0, n) by the axis's mode; ok=false means the
// texel is transparent (outside a decal axis).
func tile(i, n int, mode tileMode) (int, bool) {
	if uint(i) < uint(n) {
		return i, true
	}
	switch mode {
	case tileRepeat:
		i %= n
		if i < 0 {
			i += n
		}
		return i, true
	case tileClamp:
		if i < 0 {
			return 0, true
		}
		return n - 1, true
	}
	return 0, false
}

// reduce brings a texel coordinate into a range where int and fixed-point
// arithmetic are safe: repeating axes are reduced modulo the image size, clamped
// axes to just outside the image, and far-away decal coordinates are reported
// as transparent (ok=false), as are NaNs.
func reduce(v float64, n int, inv float64, mode tileMode) (float64, bool) {
	const lim = 1 << 28
	if mode == tileRepeat {
		// Wrapping here, once per coordinate, spares tile() an integer modulo
		// for every tap. inv is 1/n.
		if v > -lim && v < lim {
			return v - float64(n)*math.Floor(v*inv), true
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, false
		}
		r := math.Mod(v, float64(n))
		if r < 0 {
			r += float64(n)
		}
		return r, true
	}
	if v > -lim && v < lim {
		return v, true
	}
	if math.IsNaN(v) {
		return 0, false
	}
	if mode == tileClamp {
		if v < 0 {
			return -2, true
		}
		return float64(n) + 2, true
	}
	return 0, false
}

// Shade implements Shader.
func (p *Pattern) Shade(x, y int, dst []uint8) {
	if p.none {
		clearPixels(dst)
		return
	}
	if p.translate {
		p.shadeTranslate(x, y, dst)
		return
	}
	if p.legacy && p.filter == Bilinear && p.shadeLegacy(x, y, dst) {
		return
	}
	if p.filter == Medium && p.lodFrac != 0 {
		p.shadeTrilinear(x, y, dst)
		return
	}
	if p.filter == Medium || p.filter == Bilinear && !p.legacy {
		lv := 0
		if p.filter == Medium {
			lv = p.lod
		}
		p.shadeBilinear(&p.levels[lv], x, y, dst)
		return
	}
	px, py := float64(x)+0.5, float64(y)+0.5
	for i := 0; i+4 <= len(dst); i += 4 {
		fx := px + float64(i/4)
		u := p.inv.A*fx + p.inv.C*py + p.inv.E
		v := p.inv.B*fx + p.inv.D*py + p.inv.F
		out := dst[i : i+4 : i+4]
		switch p.filter {
		case Nearest:
			p.nearest(&p.levels[0], u, v, out)
		case Bilinear:
			if p.legacy {
				p.bilinearLow(&p.levels[0], u, v, out)
			} else {
				p.bilinear(&p.levels[0], u, v, out)
			}
		case Medium:
			p.bilinear(&p.levels[p.lod], u, v, out)
		default:
			p.bicubic(&p.levels[0], u, v, out)
		}
	}
}

// shadeTranslate copies texels directly; every filter reproduces a texel exactly
// when texel centres land on pixel centres.
func (p *Pattern) shadeTranslate(x, y int, dst []uint8) {
	l := &p.levels[0]
	ty, ok := tile(y+int(p.inv.F), l.h, p.ty)
	if !ok {
		clearPixels(dst)
		return
	}
	row := l.pix[ty*l.stride : ty*l.stride+4*l.w]
	n := len(dst) / 4
	sx := x + int(p.inv.E)
	for i := 0; i < n; {
		tx, ok := tile(sx+i, l.w, p.tx)
		if !ok {
			dst[4*i], dst[4*i+1], dst[4*i+2], dst[4*i+3] = 0, 0, 0, 0
			i++
			continue
		}
		run := min(l.w-tx, n-i) // copy up to the end of the image row at once
		if uint(sx+i) >= uint(l.w) && p.tx == tileClamp {
			run = 1 // clamped texels repeat the edge one pixel at a time
		}
		copy(dst[4*i:4*(i+run)], row[4*tx:])
		i += run
	}
}

func (p *Pattern) nearest(l *level, u, v float64, out []uint8) {
	u, okx := reduce(u*l.scaleX, l.w, l.invW, p.tx)
	v, oky := reduce(v*l.scale, l.h, l.invH, p.ty)
	var ix, iy int
	if okx {
		ix, okx = tile(int(math.Floor(u)), l.w, p.tx)
	}
	if oky {
		iy, oky = tile(int(math.Floor(v)), l.h, p.ty)
	}
	if !okx || !oky {
		out[0], out[1], out[2], out[3] = 0, 0, 0, 0
		return
	}
	o := iy*l.stride + 4*ix
	copy(out, l.pix[o:o+4])
}

// shadeLegacy reproduces Skia's legacy bilinear sampler step by step, as
// Chromium runs it for "low" quality with a scale+translate matrix: the span's
// first pixel centre is mapped in float32 (in tile units on a repeating axis),
// converted to 32.32 fixed point less half a texel, and advanced by the
// fixed-point x scale for each pixel, so rounding accumulates exactly as in
// Chromium. Texels come from the top 16 fractional bits, the weights from the
// next 4. It reports false, leaving dst alone, when coordinates are too large
// for that arithmetic; Shade then samples each pixel independently.
func (p *Pattern) shadeLegacy(x, y int, dst []uint8) bool {
	l := &p.levels[0]
	n := len(dst) / 4
	sx, tx := float32(p.inv.A), float32(p.inv.E)
	sy, ty := float32(p.inv.D), float32(p.inv.F)
	oneX, oneY := int64(1<<16), int64(1<<16)
	if p.tx == tileRepeat {
		sx, tx = float32(sx/float32(l.w)), float32(tx/float32(l.w))
		oneX = (1 << 16) / int64(l.w)
	}
	if p.ty == tileRepeat {
		sy, ty = float32(sy/float32(l.h)), float32(ty/float32(l.h))
		oneY = (1 << 16) / int64(l.h)
	}
	ptx := float32(float32(sx*float32(float32(x)+0.5)) + tx)
	pty := float32(float32(sy*float32(float32(y)+0.5)) + ty)
	const lim = 1 << 28
	if !(ptx > -lim && ptx < lim && pty > -lim && pty < lim) ||
		!(math.Abs(float64(sx))*float64(n+1) < lim) {
		return false
	}
	fx := int64(ptx*(1<<16)*(1<<16)) - (oneX>>1)<<16
	dx := int64(sx * (1 << 16) * (1 << 16))
	fy := int64(pty*(1<<16)) - oneY>>1

	y0, y1, suby := legacyTaps(fy, oneY, l.h, p.ty)
	row0 := l.pix[y0*l.stride : y0*l.stride+4*l.w]
	row1 := l.pix[y1*l.stride : y1*l.stride+4*l.w]
	const mask = 0x00ff00ff
	for i := 0; i < n; i++ {
		x0, x1, subx := legacyTaps(fx>>16, oneX, l.w, p.tx)
		fx += dx
		a00 := binary.LittleEndian.Uint32(row0[4*x0:])
		a01 := binary.LittleEndian.Uint32(row0[4*x1:])
		a10 := binary.LittleEndian.Uint32(row1[4*x0:])
		a11 := binary.LittleEndian.Uint32(row1[4*x1:])
		// Weights in 1/256: the four products of 4-bit fractions, as in Skia's
		// Filter_32 procs; R/B and G/A share a multiply in 16-bit lanes.
		xy := subx * suby
		w00 := 256 - 16*suby - 16*subx + xy
		w01 := 16*subx - xy
		w10 := 16*suby - xy
		w11 := xy
		lo := (a00&mask)*w00 + (a01&mask)*w01 + (a10&mask)*w10 + (a11&mask)*w11
		hi := (a00>>8&mask)*w00 + (a01>>8&mask)*w01 + (a10>>8&mask)*w10 + (a11>>8&mask)*w11
		binary.LittleEndian.PutUint32(dst[4*i:], (lo>>8)&mask|hi&^mask)
	}
	return true
}

// legacyTaps splits a 16.16 fixed-point coordinate (in tile units on a
// repeating axis, texels otherwise) into the two texel indices Skia filters
// between and the 4-bit weight of the second.
func legacyTaps(f, one int64, n int, mode tileMode) (i0, i1 int, sub uint32) {
	if mode == tileRepeat {
		t0 := (f & 0xffff) * int64(n)
		t1 := ((f + one) & 0xffff) * int64(n)
		return int(t0 >> 16), int(t1 >> 16), uint32(t0>>12) & 15
	}
	clampIdx := func(v int64) int { return int(max(0, min(v, int64(n-1)))) }
	return clampIdx(f >> 16), clampIdx((f + one) >> 16), uint32(f>>12) & 15
}

// bilinearLow samples one point the way shadeLegacy does a whole span, for
// coordinates too large for its fixed-point stepping: the sample point in 16.16
// fixed point less half a texel, 4-bit weights, and a sum truncated by >>8.
func (p *Pattern) bilinearLow(l *level, u, v float64, out []uint8) {
	u, okx := reduce(u, l.w, l.invW, p.tx)
	v, oky := reduce(v, l.h, l.invH, p.ty)
	if !okx || !oky {
		out[0], out[1], out[2], out[3] = 0, 0, 0, 0
		return
	}
	fxp := int64(math.Floor(u*65536)) - 32768
	fyp := int64(math.Floor(v*65536)) - 32768
	x0, y0 := int(fxp>>16), int(fyp>>16)
	sx, sy := uint32(fxp>>12)&15, uint32(fyp>>12)&15
	var acc [4]uint32
	for j := 0; j < 2; j++ {
		wy := 16 - sy
		if j == 1 {
			wy = sy
		}
		if wy == 0 {
			continue
		}
		ty, ok := tile(y0+j, l.h, p.ty)
		if !ok {
			continue
		}
		row := l.pix[ty*l.stride:]
		for i := 0; i < 2; i++ {
			wx := 16 - sx
			if i == 1 {
				wx = sx
			}
			if wx == 0 {
				continue
			}
			tx, ok := tile(x0+i, l.w, p.tx)
			if !ok {
				continue
			}
			w := wx * wy
			t := row[4*tx : 4*tx+4 : 4*tx+4]
			acc[0] += uint32(t[0]) * w
			acc[1] += uint32(t[1]) * w
			acc[2] += uint32(t[2]) * w
			acc[3] += uint32(t[3]) * w
		}
	}
	out[0] = uint8(acc[0] >> 8)
	out[1] = uint8(acc[1] >> 8)
	out[2] = uint8(acc[2] >> 8)
	out[3] = uint8(acc[3] >> 8)
}

// bilinear is bilinear filtering for "medium" (and "low" where Skia uses its
// float pipeline) with 16-bit weights, two channels per 64-bit multiply (R/B and
// G/A in 32-bit lanes), rounded once: within one level of Chromium.
func (p *Pattern) bilinear(l *level, u, v float64, out []uint8) {
	u, okx := reduce(u*l.scaleX-0.5, l.w, l.invW, p.tx)
	v, oky := reduce(v*l.scale-0.5, l.h, l.invH, p.ty)
	if !okx || !oky {
		binary.LittleEndian.PutUint32(out, 0)
		return
	}
	fu, fv := math.Floor(u), math.Floor(v)
	x0, y0 := int(fu), int(fv)
	wx := uint64(int64((u-fu)*65536 + 0.5))
	wy := uint64(int64((v-fv)*65536 + 0.5))
	var t00, t01, t10, t11 uint32
	if x0 >= 0 && y0 >= 0 && x0+1 < l.w && y0+1 < l.h {
		// All four taps inside the image: no tiling needed.
		o := y0*l.stride + 4*x0
		t00 = binary.LittleEndian.Uint32(l.pix[o:])
		t01 = binary.LittleEndian.Uint32(l.pix[o+4:])
		t10 = binary.LittleEndian.Uint32(l.pix[o+l.stride:])
		t11 = binary.LittleEndian.Uint32(l.pix[o+l.stride+4:])
	} else {
		t00 = p.texel(l, x0, y0)
		t01 = p.texel(l, x0+1, y0)
		t10 = p.texel(l, x0, y0+1)
		t11 = p.texel(l, x0+1, y0+1)
	}
	// 16-bit weights summing to exactly 65536; a 32-bit lane peaks at
	// 255×65536, so the rounding constant cannot carry into its neighbour.
	binary.LittleEndian.PutUint32(out, blend4(t00, t01, t10, t11, wx, wy))
}

// spread moves bytes 0 and 2 of t into the low bytes of two 32-bit lanes.
func spread(t uint32) uint64 {
	return uint64(t&0xff) | uint64(t>>16&0xff)<<32
}

// shadeTrilinear blends bilinear samples of mipmap levels lod and lod+1.
func (p *Pattern) shadeTrilinear(x, y int, dst []uint8) {
	px, py := float64(x)+0.5, float64(y)+0.5
	l0, l1 := &p.levels[p.lod], &p.levels[p.lod+1]
	f := p.lodFrac
	for i := 0; i+4 <= len(dst); i += 4 {
		fx := px + float64(i/4)
		u := p.inv.A*fx + p.inv.C*py + p.inv.E
		v := p.inv.B*fx + p.inv.D*py + p.inv.F
		a, ok0 := p.sampleInside(l0, u, v)
		b, ok1 := p.sampleInside(l1, u, v)
		if !ok0 || !ok1 {
			var ab, bb [4]uint8
			p.bilinear(l0, u, v, ab[:])
			p.bilinear(l1, u, v, bb[:])
			a, b = binary.LittleEndian.Uint32(ab[:]), binary.LittleEndian.Uint32(bb[:])
		}
		// Lerp both pixels' R/B and G/A lanes by f/256 at once.
		const mask = 0x00ff00ff
		lo := ((a&mask)*(256-f) + (b&mask)*f + 0x00800080) >> 8 & mask
		hi := ((a>>8&mask)*(256-f) + (b>>8&mask)*f + 0x00800080) & ^uint32(mask)
		binary.LittleEndian.PutUint32(dst[i:], lo|hi)
	}
}

// shadeBilinear is bilinear over a span, with the common case (all four taps
// inside the image after wrapping) inlined and the rest left to bilinear.
func (p *Pattern) shadeBilinear(l *level, x, y int, dst []uint8) {
	px, py := float64(x)+0.5, float64(y)+0.5
	for i := 0; i+4 <= len(dst); i += 4 {
		fx := px + float64(i/4)
		u := p.inv.A*fx + p.inv.C*py + p.inv.E
		v := p.inv.B*fx + p.inv.D*py + p.inv.F
		if c, ok := p.sampleInside(l, u, v); ok {
			binary.LittleEndian.PutUint32(dst[i:], c)
			continue
		}
		p.bilinear(l, u, v, dst[i:i+4:i+4])
	}
}

// sampleInside is bilinear's fast case: ok is false when a tap would fall
// outside the image (after wrapping a repeating axis) or the coordinates are
// huge, and the caller must use bilinear.
func (p *Pattern) sampleInside(l *level, u0, v0 float64) (uint32, bool) {
	const lim = 1 << 28
	u := u0*l.scaleX - 0.5
	v := v0*l.scale - 0.5
	if !(u > -lim && u < lim && v > -lim && v < lim) {
		return 0, false
	}
	if p.tx == tileRepeat {
		u -= float64(l.w) * math.Floor(u*l.invW)
	}
	if p.ty == tileRepeat {
		v -= float64(l.h) * math.Floor(v*l.invH)
	}
	fu, fv := math.Floor(u), math.Floor(v)
	x0, y0 := int(fu), int(fv)
	if x0 < 0 || y0 < 0 || x0+1 >= l.w || y0+1 >= l.h {
		return 0, false
	}
	wx := uint64(int64((u-fu)*65536 + 0.5))
	wy := uint64(int64((v-fv)*65536 + 0.5))
	o := y0*l.stride + 4*x0
	t00 := binary.LittleEndian.Uint32(l.pix[o:])
	t01 := binary.LittleEndian.Uint32(l.pix[o+4:])
	t10 := binary.LittleEndian.Uint32(l.pix[o+l.stride:])
	t11 := binary.LittleEndian.Uint32(l.pix[o+l.stride+4:])
	return blend4(t00, t01, t10, t11, wx, wy), true
}

// blend4 mixes four texels with 16-bit weights wx, wy (see bilinear).
func blend4(t00, t01, t10, t11 uint32, wx, wy uint64) uint32 {
	w01 := (wx*(65536-wy) + 32768) >> 16
	w10 := ((65536-wx)*wy + 32768) >> 16
	w11 := (wx*wy + 32768) >> 16
	w00 := 65536 - w01 - w10 - w11
	lo := spread(t00)*w00 + spread(t01)*w01 + spread(t10)*w10 + spread(t11)*w11
	hi := spread(t00>>8)*w00 + spread(t01>>8)*w01 + spread(t10>>8)*w10 + spread(t11>>8)*w11
	lo = (lo + 0x0000800000008000) >> 16 & 0x000000ff000000ff
	hi = (hi + 0x0000800000008000) >> 16 & 0x000000ff000000ff
	return uint32(lo) | uint32(hi)<<8 | uint32(lo>>16) | uint32(hi>>8)
}

// texel returns the tiled texel (x, y) as a little-endian word, 0 outside a
// decal axis.
func (p *Pattern) texel(l *level, x, y int) uint32 {
	tx, okx := tile(x, l.w, p.tx)
	ty, oky := tile(y, l.h, p.ty)
	if !okx || !oky {
		return 0
	}
	return binary.LittleEndian.Uint32(l.pix[ty*l.stride+4*tx:])
}

// mitchell is the Mitchell–Netravali cubic with B = C = 1/3, which Chromium's
// drawImage uses for "high" when enlarging.
func mitchell(x float64) float64 {
	const b, c = 1.0 / 3, 1.0 / 3
	x = math.Abs(x)
	switch {
	case x < 1:
		return ((12-9*b-6*c)*x*x*x + (-18+12*b+6*c)*x*x + (6 - 2*b)) / 6
	case x < 2:
		return ((-b-6*c)*x*x*x + (6*b+30*c)*x*x + (-12*b-48*c)*x + (8*b + 24*c)) / 6
	}
	return 0
}

func (p *Pattern) bicubic(l *level, u, v float64, out []uint8) {
	u, okx := reduce(u-0.5, l.w, l.invW, p.tx)
	v, oky := reduce(v-0.5, l.h, l.invH, p.ty)
	if !okx || !oky {
		out[0], out[1], out[2], out[3] = 0, 0, 0, 0
		return
	}
	fu, fv := math.Floor(u), math.Floor(v)
	x0, y0 := int(fu), int(fv)
	fx, fy := u-fu, v-fv
	var wx, wy [4]float64
	for k := 0; k < 4; k++ {
		wx[k] = mitchell(fx - float64(k-1))
		wy[k] = mitchell(fy - float64(k-1))
	}
	var acc [4]float64
	for j := 0; j < 4; j++ {
		ty, ok := tile(y0+j-1, l.h, p.ty)
		if !ok {
			continue
		}
		row := l.pix[ty*l.stride:]
		for i := 0; i < 4; i++ {
			tx, ok := tile(x0+i-1, l.w, p.tx)
			if !ok {
				continue
			}
			w := wx[i] * wy[j]
			t := row[4*tx : 4*tx+4 : 4*tx+4]
			acc[0] += float64(t[0]) * w
			acc[1] += float64(t[1]) * w
			acc[2] += float64(t[2]) * w
			acc[3] += float64(t[3]) * w
		}
	}
	// Cubic overshoot can leave colour above alpha; clamp to stay premultiplied.
	a := math.Max(0, math.Min(255, acc[3]))
	out[3] = uint8(a + 0.5)
	for c := 0; c < 3; c++ {
		out[c] = uint8(math.Max(0, math.Min(a, acc[c])) + 0.5)
	}
}
