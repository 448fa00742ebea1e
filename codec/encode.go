package codec

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/png"
	"io"
	"sync"

	"github.com/seed92233726/mediad/codec/internal/turbo"
	"github.com/seed92233726/mediad/codec/internal/webp"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// Subsampling is the JPEG chroma subsampling. The zero value is 4:2:0.
type Subsampling int

const (
	Subsampling420 Subsampling = iota
	Subsampling444
	Subsampling422
)

// PNGLevel is the PNG compression effort. The zero value is the fastest compression.
type PNGLevel int

const (
	PNGFast PNGLevel = iota
	PNGDefault
	PNGBest
	PNGNoCompression
)

// DefaultQuality is the JPEG and WebP quality used when EncodeOptions.Quality is 0.
const DefaultQuality = 80

// EncodeOptions controls Encode. The zero value gives quality 80, baseline 4:2:0 JPEG,
// fast PNG and lossy WebP.
type EncodeOptions struct {
	// Quality is the JPEG / WebP quality, 1..100 (0 = DefaultQuality; larger values
	// are clamped). Ignored by the lossless formats.
	Quality int
	// Progressive writes a progressive JPEG.
	Progressive bool
	// Subsampling is the JPEG chroma subsampling (default 4:2:0).
	Subsampling Subsampling
	// PNGLevel is the PNG compression effort (default fast).
	PNGLevel PNGLevel
	// Lossless writes lossless WebP.
	Lossless bool
}

func (o EncodeOptions) quality() int {
	switch {
	case o.Quality <= 0:
		return DefaultQuality
	case o.Quality > 100:
		return 100
	}
	return o.Quality
}

// Encode writes img in format f (JPEG, PNG, GIF, WebP, BMP or TIFF) with no metadata.
// Formats without alpha (JPEG, BMP) show transparent pixels composited over black, as
// canvas.toDataURL does. GIF keeps the exact colours when there are at most 256 (with
// one for transparency), else dithers to a fixed palette.
func Encode(w io.Writer, img image.Image, f Format, opts EncodeOptions) error {
	b := img.Bounds()
	if b.Empty() {
		return newErr(f, ErrCorrupt, "empty image")
	}
	var err error
	switch f {
	case JPEG:
		err = encodeJPEG(w, img, opts)
	case PNG:
		err = encodePNG(w, img, opts)
	case GIF:
		err = gif.Encode(w, toPaletted(img), nil)
	case WebP:
		if b.Dx() > webp.MaxDimension || b.Dy() > webp.MaxDimension {
			return newErr(WebP, ErrTooLarge, "%dx%d exceeds WebP's %d pixel side limit", b.Dx(), b.Dy(), webp.MaxDimension)
		}
		var pix []byte
		var stride int
		if m, ok := img.(*image.RGBA); ok && m.Opaque() {
			// Opaque premultiplied pixels are already the straight RGBA libwebp wants.
			pix, stride = m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride
		} else {
			m := toNRGBA(img)
			pix, stride = m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride
		}
		err = webp.Encode(w, pix, b.Dx(), b.Dy(), stride, float32(opts.quality()), opts.Lossless)
	case BMP:
		err = bmp.Encode(w, opaque(img))
	case TIFF:
		err = tiff.Encode(w, img, &tiff.Options{Compression: tiff.Deflate, Predictor: true})
	default:
		return newErr(f, ErrUnsupportedFormat, "cannot encode")
	}
	var ce *Error
	if err != nil && !errors.As(err, &ce) {
		// Mostly the writer's own errors, which callers test for themselves.
		return fmt.Errorf("codec: %s: encode: %w", f, err)
	}
	return err
}

func encodeJPEG(w io.Writer, img image.Image, opts EncodeOptions) error {
	b := img.Bounds()
	if b.Dx() > 65535 || b.Dy() > 65535 {
		return newErr(JPEG, ErrTooLarge, "%dx%d exceeds JPEG's 65535 pixel side limit", b.Dx(), b.Dy())
	}
	sub := turbo.Samp420
	switch opts.Subsampling {
	case Subsampling444:
		sub = turbo.Samp444
	case Subsampling422:
		sub = turbo.Samp422
	}
	if g, ok := img.(*image.Gray); ok {
		pix := g.Pix[g.PixOffset(b.Min.X, b.Min.Y):]
		return turbo.Encode(w, pix, b.Dx(), b.Dy(), g.Stride, turbo.PixelGray, turbo.SampGray, opts.quality(), opts.Progressive)
	}
	// Premultiplied RGBA is exactly the colour over black, so it is encoded as is.
	m := toRGBA(img)
	pix := m.Pix[m.PixOffset(b.Min.X, b.Min.Y):]
	return turbo.Encode(w, pix, b.Dx(), b.Dy(), m.Stride, turbo.PixelRGBX, sub, opts.quality(), opts.Progressive)
}

var pngBuffers pngPool

type pngPool struct{ p sync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	if b, ok := p.p.Get().(*png.EncoderBuffer); ok {
		return b
	}
	return nil
}
func (p *pngPool) Put(b *png.EncoderBuffer) { p.p.Put(b) }

func encodePNG(w io.Writer, img image.Image, opts EncodeOptions) error {
	level := png.BestSpeed
	switch opts.PNGLevel {
	case PNGDefault:
		level = png.DefaultCompression
	case PNGBest:
		level = png.BestCompression
	case PNGNoCompression:
		level = png.NoCompression
	}
	enc := png.Encoder{CompressionLevel: level, BufferPool: &pngBuffers}
	switch img.(type) {
	case *image.RGBA, *image.NRGBA:
		if opts.PNGLevel == PNGFast {
			return encodePNGFast(w, img)
		}
	}
	switch m := img.(type) {
	case *image.RGBA:
		if !m.Opaque() {
			// image/png would unpremultiply pixel by pixel through color.Color.
			return enc.Encode(w, toNRGBA(m))
		}
	case *image.NRGBA, *image.Gray, *image.Gray16, *image.Paletted, *image.NRGBA64, *image.RGBA64:
	default:
		return enc.Encode(w, toNRGBA(img))
	}
	return enc.Encode(w, img)
}

// toRGBA returns img as premultiplied *image.RGBA, converting only when needed.
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(b)
	if n, ok := img.(*image.NRGBA); ok {
		premultiply(m.Pix, n, b)
		return m
	}
	draw.Draw(m, b, img, b.Min, draw.Src)
	return m
}

func premultiply(dst []byte, n *image.NRGBA, b image.Rectangle) {
	w := b.Dx() * 4
	for y := 0; y < b.Dy(); y++ {
		s := n.Pix[n.PixOffset(b.Min.X, b.Min.Y+y):][:w]
		d := dst[y*w : y*w+w]
		for i := 0; i < w; i += 4 {
			a := uint32(s[i+3])
			d[i+0] = uint8((uint32(s[i+0])*a + 127) / 255)
			d[i+1] = uint8((uint32(s[i+1])*a + 127) / 255)
			d[i+2] = uint8((uint32(s[i+2])*a + 127) / 255)
			d[i+3] = uint8(a)
		}
	}
}

// toNRGBA returns img as non-premultiplied *image.NRGBA, converting only when needed.
func toNRGBA(img image.Image) *image.NRGBA {
	switch m := img.(type) {
	case *image.NRGBA:
		return m
	case *image.RGBA:
		b := m.Bounds()
		n := image.NewNRGBA(b)
		w := b.Dx() * 4
		for y := 0; y < b.Dy(); y++ {
			s := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w]
			d := n.Pix[y*n.Stride : y*n.Stride+w]
			for i := 0; i < w; i += 4 {
				a := uint32(s[i+3])
				switch a {
				case 0xff:
					copy(d[i:i+4], s[i:i+4])
				case 0:
					d[i], d[i+1], d[i+2], d[i+3] = 0, 0, 0, 0
				default:
					d[i+0] = uint8((uint32(s[i+0])*255 + a/2) / a)
					d[i+1] = uint8((uint32(s[i+1])*255 + a/2) / a)
					d[i+2] = uint8((uint32(s[i+2])*255 + a/2) / a)
					d[i+3] = uint8(a)
				}
			}
		}
		return n
	}
	b := img.Bounds()
	n := image.NewNRGBA(b)
	draw.Draw(n, b, img, b.Min, draw.Src)
	return n
}

// opaque composites img over black for formats without alpha: premultiplied colour
// with the alpha forced to opaque.
func opaque(img image.Image) image.Image {
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		return img
	}
	m := toRGBA(img)
	b := m.Bounds()
	out := image.NewRGBA(b)
	w := b.Dx() * 4
	for y := 0; y < b.Dy(); y++ {
		d := out.Pix[y*out.Stride : y*out.Stride+w]
		copy(d, m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w])
		for i := 3; i < w; i += 4 {
			d[i] = 0xff
		}
	}
	return out
}

// ditherPalette is transparent, the 216 web-safe colours and a ramp of greys; images
// with too many colours are dithered onto it.
var ditherPalette = func() color.Palette {
	p := append(color.Palette{color.NRGBA{}}, palette.WebSafe...)
	for i := 1; len(p) < 256; i++ {
		v := uint8(i * 255 / 40)
		p = append(p, color.NRGBA{v, v, v, 0xff})
	}
	return p
}()

// ditherLUT maps a colour quantised to 5 bits per channel to the nearest opaque entry
// of ditherPalette (index into ditherPalette[1:]), so dithering never searches.
var ditherLUT = sync.OnceValue(func() *[1 << 15]uint8 {
	var lut [1 << 15]uint8
	for i := range lut {
		r, g, b := int(i>>10)<<3|4, int(i>>5&31)<<3|4, int(i&31)<<3|4
		best, bestD := 0, 1<<30
		for j, c := range ditherPalette[1:] {
			cr, cg, cb, _ := c.RGBA() // opaque entries: premultiplied equals straight
			dr, dg, db := r-int(cr>>8), g-int(cg>>8), b-int(cb>>8)
			if d := dr*dr + dg*dg + db*db; d < bestD {
				best, bestD = j, d
			}
		}
		lut[i] = uint8(best)
	}
	return &lut
})

// ditherGIF quantises m onto ditherPalette with Floyd–Steinberg error diffusion.
// Pixels with alpha below 128 become the transparent entry and carry no error.
func ditherGIF(out *image.Paletted, m *image.NRGBA) {
	lut := ditherLUT()
	off := 1
	out.Palette = ditherPalette
	if m.Opaque() {
		out.Palette, off = ditherPalette[1:], 0 // no transparent entry, so no transparency flag
	}
	opaquePal := ditherPalette[1:]
	var pr, pg, pb [255]int32
	for i, c := range opaquePal {
		cr, cg, cb, _ := c.RGBA()
		pr[i], pg[i], pb[i] = int32(cr>>8), int32(cg>>8), int32(cb>>8)
	}
	b := m.Bounds()
	w := b.Dx()
	// Two rows of error per channel, with a pixel of margin on both sides.
	cur := make([]int32, 3*(w+2))
	next := make([]int32, 3*(w+2))
	for y := 0; y < b.Dy(); y++ {
		row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:4*w]
		dst := out.Pix[out.PixOffset(b.Min.X, b.Min.Y+y):][:w]
		clear(next)
		for x := 0; x < w; x++ {
			s := row[4*x : 4*x+4]
			if s[3] < 128 {
				dst[x] = 0
				continue
			}
			e := cur[3*(x+1) : 3*(x+1)+3]
			r := clamp255(int32(s[0]) + e[0]/16)
			g := clamp255(int32(s[1]) + e[1]/16)
			bl := clamp255(int32(s[2]) + e[2]/16)
			k := lut[(r>>3)<<10|(g>>3)<<5|bl>>3]
			dst[x] = k + uint8(off)
			er, eg, eb := r-pr[k], g-pg[k], bl-pb[k]
			// Errors are kept in sixteenths: 7 right, 3 down-left, 5 down, 1 down-right.
			cur[3*(x+2)+0] += 7 * er
			cur[3*(x+2)+1] += 7 * eg
			cur[3*(x+2)+2] += 7 * eb
			for i, wgt := range [3]int32{3, 5, 1} {
				n := next[3*(x+i) : 3*(x+i)+3]
				n[0] += wgt * er
				n[1] += wgt * eg
				n[2] += wgt * eb
			}
		}
		cur, next = next, cur
	}
}

func clamp255(v int32) int32 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return v
}

// toPaletted keeps the exact colours when they fit in a palette (pixels with alpha
// below 128 become the transparent entry), else dithers onto the web-safe-plus palette.
func toPaletted(img image.Image) *image.Paletted {
	if p, ok := img.(*image.Paletted); ok && len(p.Palette) <= 256 {
		return p
	}
	m := toNRGBA(img)
	b := m.Bounds()
	out := image.NewPaletted(b, nil)
	index := make(map[color.NRGBA]uint8, 256)
	w := b.Dx() * 4
	// One pass assigns exact indices while the colours fit; runs of one colour (the
	// common case in artwork) skip the map through the last-colour cache.
	last, lastIdx := color.NRGBA{1, 2, 3, 4}, uint8(0) // matches no pixel: alpha is 0 or 255
	for y := 0; y < b.Dy(); y++ {
		row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w]
		dst := out.Pix[out.PixOffset(b.Min.X, b.Min.Y+y):]
		for i := 0; i < w; i += 4 {
			c := color.NRGBA{row[i], row[i+1], row[i+2], 0xff}
			if row[i+3] < 128 {
				c = color.NRGBA{}
			}
			if c != last {
				k, ok := index[c]
				if !ok {
					if len(out.Palette) == 256 {
						ditherGIF(out, m)
						return out
					}
					k = uint8(len(out.Palette))
					index[c] = k
					out.Palette = append(out.Palette, c)
				}
				last, lastIdx = c, k
			}
			dst[i/4] = lastIdx
		}
	}
	return out
}
