package image

import (
	"context"
	stdimage "image"
	"image/draw"
	"math"
	"strings"

	"github.com/seed92233726/mediad/codec"
	"github.com/seed92233726/mediad/image/internal/resample"
)

// EditOp is one step of an Edit. Op selects the operation; only the fields that
// operation documents are read. The JSON names are those the HTTP API accepts.
type EditOp struct {
	// Op is one of:
	//   "rotate"     Degrees: 90, 180 or 270 clockwise (-90 = 270)
	//   "flip"       Direction: "horizontal" (mirror left-right) or "vertical"
	//   "resize"     Width, Height: as compressedWidth/Height (one may be 0); upscales
	//   "crop"       Rect, or Scale ("16:9") with Gravity
	//   "brightness" Value: multiplier, 1 = unchanged, 0 = black (CSS brightness())
	//   "contrast"   Value: 1 = unchanged, 0 = flat grey (CSS contrast())
	//   "saturation" Value: 1 = unchanged, 0 = greyscale (CSS saturate())
	//   "blur"       Sigma: Gaussian standard deviation in pixels (0 < Sigma ≤ 100)
	//   "sharpen"    Sigma (default 1) and Value, the amount (default 1): unsharp mask
	//   "watermark"  Text, with Font (CSS shorthand, default "24px sans-serif") and Color
	//                (CSS colour, default "rgba(255,255,255,0.6)"); or Image (encoded
	//                PNG/JPEG/WebP/GIF bytes, base64 in JSON) scaled to Width and/or
	//                Height (aspect kept; default its own size). Both: Opacity in [0,1]
	//                (default 1), Gravity (default centre) and Margin in pixels from
	//                the edges. Drawn with the canvas package (source-over).
	Op        string   `json:"op"`
	Degrees   int      `json:"degrees,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Width     int      `json:"width,omitempty"`
	Height    int      `json:"height,omitempty"`
	Rect      *Rect    `json:"rect,omitempty"`
	Scale     string   `json:"scale,omitempty"`
	Gravity   Gravity  `json:"gravity,omitempty"`
	Value     float64  `json:"value,omitempty"`
	Sigma     float64  `json:"sigma,omitempty"`
	Text      string   `json:"text,omitempty"`
	Font      string   `json:"font,omitempty"`
	Color     string   `json:"color,omitempty"`
	Image     []byte   `json:"image,omitempty"`
	Opacity   *float64 `json:"opacity,omitempty"`
	Margin    int      `json:"margin,omitempty"`
}

// Limits of the filter parameters: beyond them the result is no longer meaningful
// and the kernel (blur) would grow without bound.
const (
	maxFactor = 10
	maxSigma  = 100
)

// validate checks the op's parameters that do not depend on the image.
func (op EditOp) validate(i int) error {
	name := func(field string) string { return "ops[" + itoa(i) + "]." + field }
	switch strings.ToLower(op.Op) {
	case "rotate":
		switch op.Degrees {
		case 90, 180, 270, -90, -180, -270, 0, 360:
		default:
			return paramErr(name("degrees"), "%d is not a multiple of 90", op.Degrees)
		}
	case "flip":
		switch strings.ToLower(op.Direction) {
		case "horizontal", "vertical":
		default:
			return paramErr(name("direction"), "%q must be horizontal or vertical", op.Direction)
		}
	case "resize":
		if op.Width < 0 || op.Height < 0 || (op.Width == 0 && op.Height == 0) {
			return paramErr(name("width"), "width %d and height %d: give at least one positive size", op.Width, op.Height)
		}
		if op.Width > maxSide || op.Height > maxSide {
			return paramErr(name("width"), "sides are limited to %d pixels", maxSide)
		}
	case "crop":
		if op.Rect == nil && op.Scale == "" {
			return paramErr(name("rect"), "crop needs rect or scale")
		}
		if op.Scale != "" {
			if _, _, err := ParseCropScale(op.Scale); err != nil {
				return paramErr(name("scale"), "%s", err.(*ParamError).Reason)
			}
		}
		if !op.Gravity.valid() {
			return paramErr(name("gravity"), "unknown gravity %q", op.Gravity)
		}
	case "brightness", "contrast", "saturation":
		if !(op.Value >= 0 && op.Value <= maxFactor) {
			return paramErr(name("value"), "%v must be between 0 and %d", op.Value, maxFactor)
		}
	case "blur":
		if !(op.Sigma > 0 && op.Sigma <= maxSigma) {
			return paramErr(name("sigma"), "%v must be in (0, %d]", op.Sigma, maxSigma)
		}
	case "sharpen":
		if !(op.Sigma >= 0 && op.Sigma <= maxSigma) {
			return paramErr(name("sigma"), "%v must be in [0, %d]", op.Sigma, maxSigma)
		}
		if !(op.Value >= 0 && op.Value <= maxFactor) {
			return paramErr(name("value"), "%v must be between 0 and %d", op.Value, maxFactor)
		}
	case "watermark":
		return op.validateWatermark(name)
	case "":
		return paramErr(name("op"), "missing")
	default:
		return paramErr(name("op"), "unknown operation %q", op.Op)
	}
	return nil
}

// apply runs one validated op on a premultiplied RGBA image whose bounds start at 0,0.
func (op EditOp) apply(ctx context.Context, i int, m *stdimage.RGBA, maxPixels int64) (*stdimage.RGBA, error) {
	switch strings.ToLower(op.Op) {
	case "rotate":
		o := map[int]codec.Orientation{90: 6, -270: 6, 180: 3, -180: 3, 270: 8, -90: 8}[op.Degrees]
		return toRGBA(codec.ApplyOrientation(m, o)), nil
	case "flip":
		o := codec.Orientation(2)
		if strings.EqualFold(op.Direction, "vertical") {
			o = 4
		}
		return toRGBA(codec.ApplyOrientation(m, o)), nil
	case "resize":
		w, h := fitSize(m.Rect.Dx(), m.Rect.Dy(), op.Width, op.Height, true)
		if int64(w)*int64(h) > maxPixels {
			return nil, paramErr("ops["+itoa(i)+"].width", "%dx%d exceeds the limit of %d pixels", w, h, maxPixels)
		}
		r, err := resample.ResizeContext(ctx, m, w, h, resample.Lanczos3)
		if err != nil {
			return nil, err
		}
		return r.(*stdimage.RGBA), nil
	case "crop":
		r, err := cropRect(m, op.Rect, op.Scale, op.Gravity, "ops["+itoa(i)+"].")
		if err != nil {
			return nil, err
		}
		return toRGBA(m.SubImage(stdimage.Rect(r.X, r.Y, r.X+r.Width, r.Y+r.Height))), nil
	case "brightness":
		brightness(m, op.Value)
	case "contrast":
		contrast(m, op.Value)
	case "saturation":
		saturation(m, op.Value)
	case "blur":
		if err := blurBudget(i, m, op.Sigma); err != nil {
			return nil, err
		}
		return blur(ctx, m, op.Sigma)
	case "sharpen":
		sigma, amount := op.Sigma, op.Value
		if sigma == 0 {
			sigma = 1
		}
		if amount == 0 {
			amount = 1
		}
		if err := blurBudget(i, m, sigma); err != nil {
			return nil, err
		}
		if err := sharpen(ctx, m, sigma, amount); err != nil {
			return nil, err
		}
	case "watermark":
		if err := op.watermark(i, m, maxPixels); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// maxBlurTaps bounds kernel taps × pixels for one blur: about two seconds of one core.
// A Gaussian's cost grows with sigma, so a large sigma on a large image is refused
// rather than left to run for minutes.
const maxBlurTaps = 1_000_000_000

func blurBudget(i int, m *stdimage.RGBA, sigma float64) error {
	taps := 2*math.Ceil(3*sigma) + 1
	px := float64(m.Rect.Dx()) * float64(m.Rect.Dy())
	if taps*px > maxBlurTaps {
		return paramErr("ops["+itoa(i)+"].sigma", "%v is too large for a %dx%d image (at most %.1f)",
			sigma, m.Rect.Dx(), m.Rect.Dy(), math.Floor((maxBlurTaps/px-1)/6*10)/10)
	}
	return nil
}

// rows calls fn for each row of m's pixels.
func rows(m *stdimage.RGBA, fn func(row []uint8)) {
	w := m.Rect.Dx() * 4
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		i := m.PixOffset(m.Rect.Min.X, y)
		fn(m.Pix[i : i+w])
	}
}

// brightness scales every channel; on premultiplied pixels that is exactly CSS
// brightness() of the unpremultiplied colour, clamped to alpha.
func brightness(m *stdimage.RGBA, v float64) {
	f := int32(math.Round(v * 65536))
	rows(m, func(row []uint8) {
		for i := 0; i+3 < len(row); i += 4 {
			p := row[i : i+4 : i+4]
			a := int32(p[3])
			for c := 0; c < 3; c++ {
				p[c] = uint8(min((int32(p[c])*f+32768)>>16, a))
			}
		}
	})
}

// contrast moves each channel away from (or towards) mid-grey: c' = (c-½)·v + ½, in
// premultiplied form (c - a/2)·v + a/2.
func contrast(m *stdimage.RGBA, v float64) {
	f := int64(math.Round(v * 65536))
	rows(m, func(row []uint8) {
		for i := 0; i+3 < len(row); i += 4 {
			p := row[i : i+4 : i+4]
			a := int64(p[3])
			for c := 0; c < 3; c++ {
				x := ((2*int64(p[c])-a)*f + a*65536 + 65536) >> 17
				p[c] = uint8(min(max(x, 0), a))
			}
		}
	})
}

// saturation applies the CSS saturate() matrix (Rec. 709 luma weights). The matrix is
// linear, so it applies to premultiplied pixels unchanged.
func saturation(m *stdimage.RGBA, s float64) {
	var k [9]int32
	fl := [9]float64{
		0.213 + 0.787*s, 0.715 - 0.715*s, 0.072 - 0.072*s,
		0.213 - 0.213*s, 0.715 + 0.285*s, 0.072 - 0.072*s,
		0.213 - 0.213*s, 0.715 - 0.715*s, 0.072 + 0.928*s,
	}
	for i, v := range fl {
		k[i] = int32(math.Round(v * 4096))
	}
	rows(m, func(row []uint8) {
		for i := 0; i+3 < len(row); i += 4 {
			p := row[i : i+4 : i+4]
			r, g, b, a := int32(p[0]), int32(p[1]), int32(p[2]), int32(p[3])
			p[0] = uint8(min(max((k[0]*r+k[1]*g+k[2]*b+2048)>>12, 0), a))
			p[1] = uint8(min(max((k[3]*r+k[4]*g+k[5]*b+2048)>>12, 0), a))
			p[2] = uint8(min(max((k[6]*r+k[7]*g+k[8]*b+2048)>>12, 0), a))
		}
	})
}

func blur(ctx context.Context, m *stdimage.RGBA, sigma float64) (*stdimage.RGBA, error) {
	r, err := resample.ResizeContext(ctx, m, m.Rect.Dx(), m.Rect.Dy(), resample.Gaussian(sigma))
	if err != nil {
		return nil, err
	}
	return r.(*stdimage.RGBA), nil
}

// sharpen is an unsharp mask: c' = c + amount·(c − blur(c)).
func sharpen(ctx context.Context, m *stdimage.RGBA, sigma, amount float64) error {
	bl, err := blur(ctx, m, sigma)
	if err != nil {
		return err
	}
	f := int32(math.Round(amount * 256))
	w := m.Rect.Dx() * 4
	for y := 0; y < m.Rect.Dy(); y++ {
		i := m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y+y)
		row := m.Pix[i : i+w]
		br := bl.Pix[y*bl.Stride : y*bl.Stride+w]
		for x := 0; x+3 < len(row); x += 4 {
			a := int32(row[x+3])
			for c := 0; c < 3; c++ {
				v := int32(row[x+c])
				v += ((v-int32(br[x+c]))*f + 128) >> 8
				row[x+c] = uint8(min(max(v, 0), a))
			}
		}
	}
	return nil
}

// toRGBA returns img as *image.RGBA with bounds at 0,0, copying only when needed.
func toRGBA(img stdimage.Image) *stdimage.RGBA {
	if m, ok := img.(*stdimage.RGBA); ok && m.Rect.Min == (stdimage.Point{}) {
		return m
	}
	b := img.Bounds()
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Rect, img, b.Min, draw.Src)
	return m
}

func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
