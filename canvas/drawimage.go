package canvas

import (
	"image"
	"math"

	"github.com/seed92233726/mediad/canvas/internal/blend"
	"github.com/seed92233726/mediad/canvas/internal/geom"
	"github.com/seed92233726/mediad/canvas/internal/paint"
	"github.com/seed92233726/mediad/canvas/internal/raster"
)

// ImageSource is what DrawImage and CreatePatternFrom accept: *Image,
// *Canvas and *OffscreenCanvas. ImageData is deliberately not one, as in
// browsers (use PutImageData, or CreatePatternImageData).
type ImageSource interface {
	// imageSource returns the source's premultiplied pixels, read in place,
	// and whether they are known to be opaque; a source with no pixels is the
	// InvalidStateError browsers throw for a broken image or an empty canvas.
	imageSource() (img *image.RGBA, opaque bool, err error)
}

func (i *Image) imageSource() (*image.RGBA, bool, error) {
	if i == nil || i.img == nil || i.img.Rect.Empty() {
		return nil, false, errorf(ErrInvalidState, "the image is in the 'broken' state")
	}
	return i.img, i.opaque, nil
}

func (c *Canvas) imageSource() (*image.RGBA, bool, error) {
	if c == nil {
		return nil, false, errorf(ErrType, "no image source")
	}
	if c.Width() == 0 || c.Height() == 0 {
		return nil, false, errorf(ErrInvalidState, "the image argument is a canvas element with a width or height of 0")
	}
	return c.img, false, nil
}

// DrawImage is drawImage in its three forms, by the number of numbers after
// the source:
//
//	DrawImage(src, dx, dy)
//	DrawImage(src, dx, dy, dw, dh)
//	DrawImage(src, sx, sy, sw, sh, dx, dy, dw, dh)
//
// Another count returns ErrType, a broken image or zero-sized canvas
// ErrInvalidState. As the HTML spec says, non-finite numbers or an empty
// source or destination rectangle draw nothing, negative sizes are
// normalised (they do not mirror), and a source rectangle reaching outside
// the image is cut to the image with the destination cut in proportion.
//
// The image goes through the fill pipeline: transform, clip, globalAlpha,
// compositing (operators that clear outside the shape clear outside the
// destination rectangle) and shadows. imageSmoothingEnabled false samples
// the nearest texel; imageSmoothingQuality low/medium/high filter as
// Chromium does. Like Chromium, a destination that stays an axis-aligned
// rectangle of at least one device pixel each way is drawn without edge
// anti-aliasing (its edges round to whole pixels); otherwise the edges are
// anti-aliased.
func (c *Context2D) DrawImage(src ImageSource, args ...float64) error {
	if len(args) != 2 && len(args) != 4 && len(args) != 8 {
		return errorf(ErrType, "drawImage takes 3, 5 or 9 arguments, not %d", len(args)+1)
	}
	if src == nil {
		return errorf(ErrType, "no image source")
	}
	img, opaque, err := src.imageSource()
	if err != nil {
		return err
	}
	if !finite(args...) {
		return nil
	}
	iw, ih := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	sx, sy, sw, sh := 0.0, 0.0, iw, ih
	var dx, dy, dw, dh float64
	switch len(args) {
	case 2:
		dx, dy, dw, dh = args[0], args[1], iw, ih
	case 4:
		dx, dy, dw, dh = args[0], args[1], args[2], args[3]
	default:
		sx, sy, sw, sh = args[0], args[1], args[2], args[3]
		dx, dy, dw, dh = args[4], args[5], args[6], args[7]
	}
	sx, sw = normSpan(sx, sw)
	sy, sh = normSpan(sy, sh)
	dx, dw = normSpan(dx, dw)
	dy, dh = normSpan(dy, dh)
	if sw == 0 || sh == 0 || dw == 0 || dh == 0 {
		return nil
	}
	// Cut the source rectangle to the image, the destination in proportion.
	kx, ky := dw/sw, dh/sh
	x0, y0 := math.Max(sx, 0), math.Max(sy, 0)
	x1, y1 := math.Min(sx+sw, iw), math.Min(sy+sh, ih)
	if x1 <= x0 || y1 <= y0 {
		return nil
	}
	dx += (x0 - sx) * kx
	dy += (y0 - sy) * ky
	dw, dh = (x1-x0)*kx, (y1-y0)*ky
	sx, sy, sw, sh = x0, y0, x1-x0, y1-y0
	if !finite(dx, dy, dw, dh) || dw == 0 || dh == 0 {
		return nil
	}

	if !c.st.ctm.Invertible() || c.clipRect().Empty() {
		return nil
	}
	if img == c.canvas.img {
		// Drawing a canvas onto itself reads the pixels it writes.
		img = c.canvas.snapshot()
	}
	// Image space → device space. The shader samples the whole image with
	// its edges clamped: like Chromium, filtering near the source rectangle's
	// edge reads the texels just outside it.
	m := c.st.ctm.Mul(geom.Translate(dx, dy)).Mul(geom.Scale(kx, ky)).Mul(geom.Translate(-sx, -sy))
	if !m.IsFinite() || !m.Invertible() {
		return nil
	}
	filter := c.filter()
	if im, ok := src.(*Image); ok && im.svg != nil {
		img, m = im.svgAtScale(m)
		// A raster at another scale has its own partly covered edge pixels.
		opaque = opaque && img == im.img
	} else if ok && filter != paint.Nearest {
		img, m = im.levelFor(img, m, filter)
	}
	// image: its shadow is the blurred alpha of the image, as for patterns.
	s := source{shader: paint.NewImage(img, m, filter), alpha: uint32(math.Round(c.st.globalAlpha * 65536)), image: true}

	if r, ok := c.imagePixelRect(dx, dy, dw, dh); ok {
		if c.blitRect(r, s, img, opaque, m) {
			return nil
		}
		c.work.Reset()
		c.work.Rect(float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy()), geom.Identity)
	} else {
		c.work.Reset()
		c.work.Rect(dx, dy, dw, dh, c.st.ctm)
	}
	if c.shadowActive() {
		c.drawShadow(&c.work, raster.NonZero, s)
	}
	c.compositePath(&c.work, raster.NonZero, s, c.st.op)
	return nil
}

// levelFor returns the mipmap level an Image is drawn from at "low" quality
// under the image→device matrix m, with m adjusted to that level. Chromium
// draws decoded images through a cache that pre-scales them to the smallest
// mipmap level still at least as large as the destination, then filters
// bilinearly; a canvas source is sampled directly. So shrinking a photo at
// "low" averages fine detail rather than aliasing it (measured: 1-pixel
// stripes shrunk 4.3× come out as their average in Chromium).
//
// "medium" and "high" blend two mipmap levels in internal/paint, which
// would rebuild the chain from the full image on every draw (a 12 MP photo
// is 48 MB of reads per call). Levels are built by the same truncating 2×2
// average there and here, so handing it the finest level it would use, from
// this image's cache, gives the same levels without the rebuild.
func (i *Image) levelFor(img *image.RGBA, m geom.Matrix, f paint.Filter) (*image.RGBA, geom.Matrix) {
	if img != i.img {
		return img, m
	}
	k := 0
	if f == paint.Bilinear {
		// Device pixels per texel along each image axis.
		sx, sy := math.Hypot(m.A, m.B), math.Hypot(m.C, m.D)
		for k < 30 && sx*float64(int(1)<<(k+1)) <= 1 && sy*float64(int(1)<<(k+1)) <= 1 {
			k++
		}
	} else if det := math.Abs(m.Det()); det > 0 {
		// paint samples levels floor(lod) and floor(lod)+1 with lod =
		// log2(texels per pixel) − ½, texels per pixel being 1/sqrt(det).
		if lod := -0.5*math.Log2(det) - 0.5; lod >= 1 {
			k = int(math.Min(lod, 30))
		}
	}
	if k == 0 {
		return img, m
	}
	lv := i.mip(k)
	if lv == img {
		return img, m
	}
	kx := float64(img.Rect.Dx()) / float64(lv.Rect.Dx())
	ky := float64(img.Rect.Dy()) / float64(lv.Rect.Dy())
	return lv, m.Mul(geom.Scale(kx, ky))
}

// mip returns mipmap level k (level 0 is the image), building the chain up to
// it on first use; the chain stops at 1×1. Levels halve each side (rounding
// down) and average 2×2 texels, truncating, as Skia's mipmaps do.
func (i *Image) mip(k int) *image.RGBA {
	i.mipMu.Lock()
	defer i.mipMu.Unlock()
	if len(i.mips) == 0 {
		i.mips = []*image.RGBA{i.img}
	}
	for len(i.mips) <= k {
		src := i.mips[len(i.mips)-1]
		w, h := src.Rect.Dx(), src.Rect.Dy()
		if w == 1 && h == 1 {
			break
		}
		i.mips = append(i.mips, halve(src))
	}
	return i.mips[min(k, len(i.mips)-1)]
}

// halve is one 2×2 box-filter reduction of premultiplied pixels.
func halve(src *image.RGBA) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	w, h := max(1, sw/2), max(1, sh/2)
	dst := newRGBA(w, h)
	for y := 0; y < h; y++ {
		r0 := src.Pix[min(2*y, sh-1)*src.Stride:]
		r1 := src.Pix[min(2*y+1, sh-1)*src.Stride:]
		d := dst.Pix[y*dst.Stride:]
		for x := 0; x < w; x++ {
			a, b := 8*x, 4*min(2*x+1, sw-1)
			if 2*x >= sw {
				a = 4 * (sw - 1)
			}
			for ch := 0; ch < 4; ch++ {
				s := uint32(r0[a+ch]) + uint32(r0[b+ch]) + uint32(r1[a+ch]) + uint32(r1[b+ch])
				d[4*x+ch] = uint8(s >> 2)
			}
		}
	}
	return dst
}

// normSpan turns a (start, negative size) pair into (start, positive size).
func normSpan(v, size float64) (float64, float64) {
	if size < 0 {
		return v + size, -size
	}
	return v, size
}

// imagePixelRect is Chromium's rule for drawing an image without
// anti-aliasing: when the transform keeps rectangles rectangles and the
// destination is at least a device pixel wide and high, the destination's
// device edges round to whole pixels (half up). ok is false otherwise. The
// rectangle is not clipped to the canvas, but it is clamped to a range where
// int arithmetic is safe.
func (c *Context2D) imagePixelRect(dx, dy, dw, dh float64) (image.Rectangle, bool) {
	m := c.st.ctm
	if !(m.B == 0 && m.C == 0) && !(m.A == 0 && m.D == 0) {
		return image.Rectangle{}, false
	}
	p0 := m.Apply(geom.Point{X: dx, Y: dy})
	p1 := m.Apply(geom.Point{X: dx + dw, Y: dy + dh})
	x0, x1 := math.Min(p0.X, p1.X), math.Max(p0.X, p1.X)
	y0, y1 := math.Min(p0.Y, p1.Y), math.Max(p0.Y, p1.Y)
	if !(x1-x0 >= 1 && y1-y0 >= 1) {
		return image.Rectangle{}, false
	}
	const lim = 1 << 30
	rd := func(v float64) int { return int(math.Max(-lim, math.Min(lim, math.Floor(v+0.5)))) }
	return image.Rect(rd(x0), rd(y0), rd(x1), rd(y1)), true
}

// blitRect is the fast path for a whole-pixel destination with an operator
// that leaves the outside alone and no shadow: the rasterizer is skipped and
// shaded rows go straight to the compositor, through the clip mask if any.
// An opaque image drawn 1:1 with source-over and full alpha is a row copy,
// like image/draw's drawCopyOver. It reports false when the general pipeline
// must run.
func (c *Context2D) blitRect(r image.Rectangle, s source, img *image.RGBA, opaque bool, m geom.Matrix) bool {
	st := &c.st
	if st.op.ClearsOutsideShape() || c.shadowActive() {
		return false
	}
	r = r.Intersect(c.clipRect())
	if r.Empty() {
		return true
	}
	if s.alpha == 0 && st.op == opSourceOver {
		return true
	}
	dst := c.canvas.img
	n := r.Dx()
	if opaque && st.op == opSourceOver && s.alpha == 65536 && st.clip == nil &&
		m.A == 1 && m.D == 1 && m.B == 0 && m.C == 0 && m.E == math.Trunc(m.E) && m.F == math.Trunc(m.F) {
		// Texel (x-E, y-F) lands exactly on pixel (x, y); r lies inside the
		// image because the destination was cut to the source rectangle.
		ox, oy := r.Min.X-int(m.E), r.Min.Y-int(m.F)
		if ox >= 0 && oy >= 0 && ox+n <= img.Rect.Dx() && oy+r.Dy() <= img.Rect.Dy() {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				so := (oy+y-r.Min.Y)*img.Stride + 4*ox
				copy(dst.Pix[y*dst.Stride+4*r.Min.X:][:4*n], img.Pix[so:so+4*n])
			}
			return true
		}
	}
	op, clip := st.op, st.clip
	c.forRows(r.Min.Y, r.Max.Y, n, func(y int, sbuf, _ []uint8) {
		var cov []uint8
		if clip != nil {
			cov = clip.Row(y, r.Min.X, r.Max.X)
		}
		s.shade(r.Min.X, y, sbuf)
		blend.Composite(op, dst.Pix[y*dst.Stride+r.Min.X*4:][:4*n], sbuf, cov)
	})
	return true
}

// CreatePatternFrom is createPattern(image, repetition) for an Image, a
// Canvas or an OffscreenCanvas. An Image's pixels are shared (they never
// change); a canvas is copied, so later drawing on it does not show in the
// pattern. repetition errors are as for CreatePattern.
func (c *Context2D) CreatePatternFrom(src ImageSource, repetition string) (*Pattern, error) {
	rep, err := parseRepetition(repetition)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, errorf(ErrType, "no image source")
	}
	img, _, err := src.imageSource()
	if err != nil {
		return nil, err
	}
	if _, isImage := src.(*Image); !isImage {
		cp := newRGBA(img.Rect.Dx(), img.Rect.Dy())
		copy(cp.Pix, img.Pix)
		img = cp
	}
	return &Pattern{img: img, repeat: rep, transform: geom.Identity}, nil
}
