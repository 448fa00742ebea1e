package image

import (
	stdimage "image"
	"math"
	"unicode/utf8"

	"github.com/seed92233726/mediad/canvas"
)

// Watermark defaults and limits.
const (
	defaultWatermarkFont  = "24px sans-serif"
	defaultWatermarkColor = "rgba(255,255,255,0.6)"
	// maxWatermarkRunes bounds the text of a text watermark: a watermark is a line.
	maxWatermarkRunes = 1000
	// maxWatermarkBytes bounds the encoded watermark image.
	maxWatermarkBytes = 16 << 20
	// maxWatermarkFontSize bounds the font size in pixels.
	maxWatermarkFontSize = 2048
)

// validateWatermark checks a watermark op's fields that do not depend on the image.
func (op EditOp) validateWatermark(name func(string) string) error {
	hasText, hasImage := op.Text != "", len(op.Image) > 0
	switch {
	case !hasText && !hasImage:
		return paramErr(name("text"), "watermark needs text or image")
	case hasText && hasImage:
		return paramErr(name("image"), "give text or image, not both")
	}
	if !op.Gravity.valid() || op.Gravity.isAttention() {
		return paramErr(name("gravity"), "unknown gravity %q (attention is for crops)", op.Gravity)
	}
	if op.Margin < 0 || op.Margin > maxSide {
		return paramErr(name("margin"), "%d must be between 0 and %d", op.Margin, maxSide)
	}
	if op.Opacity != nil && !(*op.Opacity >= 0 && *op.Opacity <= 1) {
		return paramErr(name("opacity"), "%v must be between 0 and 1", *op.Opacity)
	}
	if hasImage {
		if op.Font != "" {
			return paramErr(name("font"), "applies to text watermarks only")
		}
		if op.Color != "" {
			return paramErr(name("color"), "applies to text watermarks only")
		}
		if op.Width < 0 || op.Height < 0 || op.Width > maxSide || op.Height > maxSide {
			return paramErr(name("width"), "width %d and height %d must be between 0 and %d", op.Width, op.Height, maxSide)
		}
		if len(op.Image) > maxWatermarkBytes {
			return paramErr(name("image"), "%d bytes; at most %d", len(op.Image), maxWatermarkBytes)
		}
		return nil
	}
	if op.Width != 0 || op.Height != 0 {
		return paramErr(name("width"), "width and height apply to image watermarks only")
	}
	if !utf8.ValidString(op.Text) {
		return paramErr(name("text"), "not valid UTF-8")
	}
	if n := utf8.RuneCountInString(op.Text); n > maxWatermarkRunes {
		return paramErr(name("text"), "%d characters; at most %d", n, maxWatermarkRunes)
	}
	if op.Font != "" {
		f, ok := canvas.ParseFont(op.Font)
		if !ok {
			return paramErr(name("font"), "%q is not a CSS font (e.g. \"bold 32px sans-serif\")", op.Font)
		}
		if !(f.Size > 0 && f.Size <= maxWatermarkFontSize) {
			return paramErr(name("font"), "size %vpx must be in (0, %d]", f.Size, maxWatermarkFontSize)
		}
	}
	if op.Color != "" && !validColor(op.Color) {
		return paramErr(name("color"), "%q is not a CSS colour", op.Color)
	}
	return nil
}

// validColor reports whether s is a CSS colour the canvas accepts. The canvas
// ignores an unparsable fillStyle, so s is set over two different colours: it
// parsed only if both reads give the same result.
func validColor(s string) bool {
	cv, err := canvas.NewCanvas(0, 0)
	if err != nil {
		return false
	}
	ctx := cv.Context2D()
	ctx.SetFillStyle("#000000")
	ctx.SetFillStyle(s)
	a := ctx.FillStyle()
	ctx.SetFillStyle("#ffffff")
	ctx.SetFillStyle(s)
	return a == ctx.FillStyle()
}

// watermark draws op's text or image onto m in place, at op.Gravity inset by
// op.Margin. Only the watermark's rectangle (plus a pixel of anti-aliasing) is
// copied into a canvas, drawn on with source-over and copied back, so the extra
// memory is the watermark's size, not the image's. Both buffers hold
// premultiplied RGBA, so the copies are exact.
func (op EditOp) watermark(i int, m *stdimage.RGBA, maxPixels int64) error {
	name := func(field string) string { return "ops[" + itoa(i) + "]." + field }
	alpha := 1.0
	if op.Opacity != nil {
		alpha = *op.Opacity
	}
	var (
		img          *canvas.Image
		bw, bh       float64 // the watermark's box
		ox, oy       float64 // where to draw, relative to the box's top-left
		font, colour string
	)
	if len(op.Image) > 0 {
		var err error
		img, err = canvas.NewImageFromBytes(op.Image, canvas.ImageLoadOptions{MaxBytes: maxWatermarkBytes, MaxPixels: maxPixels})
		if err != nil {
			return paramErr(name("image"), "%v", err)
		}
		w, h := fitSize(img.Width(), img.Height(), op.Width, op.Height, true)
		bw, bh = float64(w), float64(h)
	} else {
		font, colour = op.Font, op.Color
		if font == "" {
			font = defaultWatermarkFont
		}
		if colour == "" {
			colour = defaultWatermarkColor
		}
		cv, err := canvas.NewCanvas(0, 0)
		if err != nil {
			return err
		}
		ctx := cv.Context2D()
		ctx.SetFont(font)
		tm := ctx.MeasureText(op.Text)
		bw = math.Ceil(tm.ActualBoundingBoxLeft + tm.ActualBoundingBoxRight)
		bh = math.Ceil(tm.ActualBoundingBoxAscent + tm.ActualBoundingBoxDescent)
		if bw <= 0 || bh <= 0 {
			return nil // only spaces, or glyphs the fonts lack: nothing to draw
		}
		ox, oy = tm.ActualBoundingBoxLeft, tm.ActualBoundingBoxAscent
	}
	if alpha == 0 {
		return nil // the image bytes were still checked
	}
	fx, fy, _ := op.Gravity.anchor()
	W, H, mg := float64(m.Rect.Dx()), float64(m.Rect.Dy()), float64(op.Margin)
	x := math.Round(mg + fx*(W-2*mg-bw))
	y := math.Round(mg + fy*(H-2*mg-bh))

	const pad = 2 // anti-aliased edges and smoothing reach just outside the box
	r := stdimage.Rect(int(x)-pad, int(y)-pad, int(x+bw)+pad, int(y+bh)+pad).Intersect(m.Rect)
	if r.Empty() {
		return nil
	}
	cv, err := canvas.NewCanvasWithLimits(r.Dx(), r.Dy(), canvas.Limits{MaxSide: maxSide, MaxPixels: maxPixels})
	if err != nil {
		return paramErr(name("image"), "%v", err)
	}
	dst := cv.RGBA()
	copyRect(dst, dst.Rect, m, r.Min)
	ctx := cv.Context2D()
	ctx.SetGlobalAlpha(alpha)
	dx, dy := x-float64(r.Min.X), y-float64(r.Min.Y)
	if img != nil {
		ctx.SetImageSmoothingQuality("high")
		if err := ctx.DrawImage(img, dx, dy, bw, bh); err != nil {
			return paramErr(name("image"), "%v", err)
		}
	} else {
		ctx.SetFont(font)
		ctx.SetFillStyle(colour)
		ctx.SetTextAlign("left")
		ctx.SetTextBaseline("alphabetic")
		ctx.FillText(op.Text, dx+ox, dy+oy)
	}
	copyRect(m, r, dst, stdimage.Point{})
	return nil
}

// copyRect copies the pixels of src starting at sp into the rectangle r of dst.
func copyRect(dst *stdimage.RGBA, r stdimage.Rectangle, src *stdimage.RGBA, sp stdimage.Point) {
	n := r.Dx() * 4
	for y := 0; y < r.Dy(); y++ {
		d := dst.PixOffset(r.Min.X, r.Min.Y+y)
		s := src.PixOffset(sp.X, sp.Y+y)
		copy(dst.Pix[d:d+n], src.Pix[s:s+n])
	}
}
