package resample

import (
	"context"
	"image"
	"image/draw"
)

// Resize returns src scaled to w×h with filter f. The result is *image.Gray for
// *image.Gray input and *image.RGBA (premultiplied) for everything else; its bounds
// start at (0, 0). w and h must be positive and src non-empty; callers validate sizes
// against their limits before calling.
func Resize(src image.Image, w, h int, f Filter) image.Image {
	img, _ := ResizeContext(context.Background(), src, w, h, f)
	return img
}

// ResizeContext is Resize that stops when ctx ends: every band of output rows
// (bandRows of them, well under a millisecond of work) first checks ctx, so a
// request that timed out or whose client went away gives its CPU back at once.
// It then returns context.Cause(ctx) and a partly written image.
func ResizeContext(ctx context.Context, src image.Image, w, h int, f Filter) (image.Image, error) {
	img := resize(ctx, src, w, h, f)
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	return img, nil
}

func resize(ctx context.Context, src image.Image, w, h int, f Filter) image.Image {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	switch s := src.(type) {
	case *image.Gray:
		dst := image.NewGray(image.Rect(0, 0, w, h))
		in := plane{pix: s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], stride: s.Stride, w: sw, h: sh, ch: 1}
		resizePlane(ctx, plane{pix: dst.Pix, stride: dst.Stride, w: w, h: h, ch: 1}, in, f, fullGeom(sw, sh, w, h), false, false)
		return dst
	case *image.RGBA:
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		in := plane{pix: s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], stride: s.Stride, w: sw, h: sh, ch: 4}
		resizePlane(ctx, plane{pix: dst.Pix, stride: dst.Stride, w: w, h: h, ch: 4}, in, f, fullGeom(sw, sh, w, h), false, true)
		return dst
	case *image.NRGBA:
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		in := plane{pix: s.Pix[s.PixOffset(b.Min.X, b.Min.Y):], stride: s.Stride, w: sw, h: sh, ch: 4}
		resizePlane(ctx, plane{pix: dst.Pix, stride: dst.Stride, w: w, h: h, ch: 4}, in, f, fullGeom(sw, sh, w, h), true, true)
		return dst
	case *image.YCbCr:
		if fx, fy, ok := chromaFactors(s.SubsampleRatio); ok {
			return resizeYCbCr(ctx, s, w, h, f, fx, fy)
		}
	}
	c := image.NewRGBA(image.Rect(0, 0, sw, sh))
	draw.Draw(c, c.Rect, src, b.Min, draw.Src)
	return resize(ctx, c, w, h, f)
}

// geom places the output on the input plane: per axis the input pixels per output
// pixel and the input coordinate of the output's left/top edge.
type geom struct {
	sx, sy float64
	ox, oy float64
}

func fullGeom(sw, sh, w, h int) geom {
	return geom{sx: float64(sw) / float64(w), sy: float64(sh) / float64(h)}
}

// resizePlane scales in into out. The horizontal pass only computes the input rows that
// some output row reads.
func resizePlane(ctx context.Context, out, in plane, f Filter, g geom, premul, alpha bool) {
	wx := makeWeights(in.w, out.w, g.sx, g.ox, f)
	wy := makeWeights(in.h, out.h, g.sy, g.oy, f)
	ylo := int(wy.start[0])
	yhi := int(wy.start[out.h-1] + wy.count[out.h-1])
	for y := 0; y < out.h; y++ {
		ylo = min(ylo, int(wy.start[y]))
		yhi = max(yhi, int(wy.start[y]+wy.count[y]))
	}
	// The intermediate holds only rows [ylo, yhi); shift the vertical table to match.
	for y := range wy.start {
		wy.start[y] -= int32(ylo)
	}
	src := in
	src.pix = in.pix[ylo*in.stride:]
	src.h = yhi - ylo
	if in.ch == 4 {
		parallel(out.h, func(lo, hi int) {
			spread := make([]uint64, src.w*2)
			var row8 []uint8
			if premul {
				row8 = make([]uint8, src.w*4)
			}
			bands(ctx, lo, hi, out.w, &wy,
				func(strip []uint64, y0, y1, base int) {
					hpass4(strip, out.w, src, &wx, y0, y1, base, premul, spread, row8)
				},
				func(strip []uint64, y0, y1, base int) { vpass4(out, strip, out.w, &wy, y0, y1, base, alpha) })
		})
		return
	}
	parallel(out.h, func(lo, hi int) {
		acc := make([]int32, out.w)
		bands(ctx, lo, hi, out.w, &wy,
			func(strip []uint16, y0, y1, base int) { hpass1(strip, out.w, src, &wx, y0, y1, base) },
			func(strip []uint16, y0, y1, base int) { vpass1(out, strip, out.w, &wy, y0, y1, base, acc) })
	})
}

// bandRows is how many output rows one band produces. The strip of horizontally
// filtered source rows a band reads then stays in cache between the two passes, and
// memory is a few strips instead of a whole intermediate image.
const bandRows = 16

// bands produces output rows [lo, hi) band by band. For each band, hrows fills the
// source rows the band needs that the strip does not already hold (rows shared with
// the previous band are moved to the front, not recomputed), then vrows filters them;
// base is the source row at the start of the strip. It stops early once ctx has
// ended; the rows not produced are left as they were.
func bands[T any](ctx context.Context, lo, hi, w int, wy *weights, hrows, vrows func(strip []T, y0, y1, base int)) {
	span := func(y0, y1 int) (int, int) {
		a, b := int(wy.start[y0]), int(wy.start[y0]+wy.count[y0])
		for y := y0 + 1; y < y1; y++ {
			a = min(a, int(wy.start[y]))
			b = max(b, int(wy.start[y]+wy.count[y]))
		}
		return a, b
	}
	most := 0
	for y0 := lo; y0 < hi; y0 += bandRows {
		a, b := span(y0, min(y0+bandRows, hi))
		most = max(most, b-a)
	}
	strip := make([]T, most*w)
	clo, chi := 0, 0
	for y0 := lo; y0 < hi; y0 += bandRows {
		if ctx.Err() != nil {
			return
		}
		y1 := min(y0+bandRows, hi)
		nlo, nhi := span(y0, y1)
		if nlo >= clo && nlo < chi {
			copy(strip, strip[(nlo-clo)*w:(chi-clo)*w])
		} else {
			chi = nlo
		}
		clo = nlo
		if nhi > chi {
			hrows(strip, chi, nhi, clo)
			chi = nhi
		}
		vrows(strip, y0, y1, clo)
	}
}

func chromaFactors(r image.YCbCrSubsampleRatio) (fx, fy int, ok bool) {
	switch r {
	case image.YCbCrSubsampleRatio444:
		return 1, 1, true
	case image.YCbCrSubsampleRatio422:
		return 2, 1, true
	case image.YCbCrSubsampleRatio420:
		return 2, 2, true
	case image.YCbCrSubsampleRatio440:
		return 1, 2, true
	case image.YCbCrSubsampleRatio411:
		return 4, 1, true
	case image.YCbCrSubsampleRatio410:
		return 4, 2, true
	}
	return 0, 0, false
}

// resizeYCbCr scales each plane at its own resolution straight to w×h and converts to
// RGB only then. Chroma sample k of a plane subsampled by fx covers luma columns
// [k*fx, (k+1)*fx) (JPEG's centred siting), so the output geometry in chroma units is
// the luma geometry divided by fx, shifted by where the sub-image starts in its plane.
func resizeYCbCr(ctx context.Context, s *image.YCbCr, w, h int, f Filter, fx, fy int) *image.RGBA {
	b := s.Rect
	sw, sh := b.Dx(), b.Dy()
	yp := plane{pix: s.Y[s.YOffset(b.Min.X, b.Min.Y):], stride: s.YStride, w: sw, h: sh, ch: 1}
	cx0, cy0 := floorDiv(b.Min.X, fx), floorDiv(b.Min.Y, fy)
	cw := floorDiv(b.Max.X+fx-1, fx) - cx0
	ch := floorDiv(b.Max.Y+fy-1, fy) - cy0
	co := s.COffset(b.Min.X, b.Min.Y)
	cbp := plane{pix: s.Cb[co:], stride: s.CStride, w: cw, h: ch, ch: 1}
	crp := plane{pix: s.Cr[co:], stride: s.CStride, w: cw, h: ch, ch: 1}
	lg := fullGeom(sw, sh, w, h)
	cg := geom{
		sx: lg.sx / float64(fx), sy: lg.sy / float64(fy),
		ox: float64(b.Min.X)/float64(fx) - float64(cx0),
		oy: float64(b.Min.Y)/float64(fy) - float64(cy0),
	}
	buf := make([]uint8, 3*w*h)
	yo := plane{pix: buf[:w*h], stride: w, w: w, h: h, ch: 1}
	cbo := plane{pix: buf[w*h : 2*w*h], stride: w, w: w, h: h, ch: 1}
	cro := plane{pix: buf[2*w*h:], stride: w, w: w, h: h, ch: 1}
	resizePlane(ctx, yo, yp, f, lg, false, false)
	resizePlane(ctx, cbo, cbp, f, cg, false, false)
	resizePlane(ctx, cro, crp, f, cg, false, false)
	if ctx.Err() != nil {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	parallel(h, func(lo, hi int) {
		for y := lo; y < hi; y++ {
			ycbcrRow(dst.Pix[y*dst.Stride:y*dst.Stride+4*w], yo.row(y), cbo.row(y), cro.row(y))
		}
	})
	return dst
}

// ycbcrRow converts with the JFIF equations in the same 16.16 fixed point as
// image/color.YCbCrToRGB, so results match the standard library exactly.
func ycbcrRow(out, yy, cb, cr []uint8) {
	for i := range yy {
		y1 := int32(yy[i]) * 0x10101
		cb1 := int32(cb[i]) - 128
		cr1 := int32(cr[i]) - 128
		r := y1 + 91881*cr1
		g := y1 - 22554*cb1 - 46802*cr1
		b := y1 + 116130*cb1
		o := out[i*4 : i*4+4 : i*4+4]
		o[0], o[1], o[2], o[3] = clamp16(r), clamp16(g), clamp16(b), 255
	}
}

func clamp16(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return ^uint8(v >> 31)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
