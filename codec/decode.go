package codec

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"time"

	"github.com/seed92233726/mediad/codec/internal/turbo"
	"github.com/seed92233726/mediad/codec/internal/webp"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// DefaultMaxPixels is the pixel limit when DecodeOptions.MaxPixels is zero.
const DefaultMaxPixels = 50_000_000

// DecodeOptions controls Decode and DecodeAll. The zero value is ready to use.
type DecodeOptions struct {
	// MaxPixels limits width*height of the stored image (0 = DefaultMaxPixels); for
	// DecodeAll it limits the sum over all decoded frames. It is checked from the
	// headers before any pixel buffer is allocated; beyond it decoding fails with
	// ErrTooLarge.
	MaxPixels int64
	// TargetWidth and TargetHeight are a size hint: a decoder that can decode smaller
	// cheaply may return an image that is still at least this large (JPEG scales by
	// 1/2, 1/4 or 1/8 in the DCT domain; WebP scales while decoding). Zero means no
	// constraint on that axis; both zero decodes at full size. The hint is in stored
	// pixels (before Orientation), and Config always reports the stored size.
	TargetWidth, TargetHeight int
}

func (o DecodeOptions) maxPixels() int64 {
	if o.MaxPixels <= 0 {
		return DefaultMaxPixels
	}
	return o.MaxPixels
}

// Frame is one frame of an animation.
type Frame struct {
	// Image is the full canvas as it is displayed at this frame (*image.RGBA,
	// premultiplied, for GIF and WebP animations).
	Image image.Image
	// Delay is how long the frame is shown, as stored in the file (browsers show
	// delays of 10 ms or less as 100 ms).
	Delay time.Duration
}

// Animation is every frame of an image.
type Animation struct {
	Config Config
	Frames []Frame
	// LoopCount is how many times the animation plays; 0 means forever.
	LoopCount int
}

// Decode decodes the first frame of an image. It reads r to the end (bound the input
// yourself, e.g. with http.MaxBytesReader), checks the pixel limit against the headers
// and only then decodes.
//
// It returns the stored pixels: Config.Orientation is not applied (see
// ApplyOrientation and Config.DisplayOrientation). JPEG yields *image.RGBA (*image.Gray
// for grayscale), WebP and GIF *image.RGBA (premultiplied; GIF composited onto its
// logical screen), PNG, BMP and TIFF the type their decoders produce.
//
// Truncated files fail with ErrCorrupt, except GIFs cut short after a complete frame,
// whose complete frames decode as in browsers. (Chromium draws the rows it could decode
// of a truncated JPEG, PNG or BMP and nothing of a truncated WebP; a server is better
// served by a clear error than by a silently half-grey picture.)
func Decode(r io.Reader, opts DecodeOptions) (image.Image, Config, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, Config{}, newErr(Unknown, ErrCorrupt, "reading input: %v", err)
	}
	return DecodeBytes(data, opts)
}

// DecodeBytes is Decode for a file already in memory: it decodes data where it is,
// without the copy that reading an io.Reader makes, and never modifies it.
func DecodeBytes(data []byte, opts DecodeOptions) (image.Image, Config, error) {
	cfg, err := checkData(data, opts, 1)
	if err != nil {
		return nil, cfg, err
	}
	img, err := decodeFirst(data, cfg, opts)
	if err != nil {
		return nil, cfg, corrupt(cfg.Format, err)
	}
	return img, cfg, nil
}

// DecodeAll decodes every frame of an animated GIF, WebP or PNG (APNG), composited
// as browsers display them. Other images yield one frame.
// The pixel limit covers all frames together, checked before decoding any of them.
func DecodeAll(r io.Reader, opts DecodeOptions) (*Animation, error) {
	data, cfg, err := readChecked(r, opts, 0)
	if err != nil {
		return nil, err
	}
	var a *Animation
	switch {
	case cfg.Format == GIF:
		g, err := scanGIF(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			return nil, corrupt(GIF, err)
		}
		a, err = decodeGIF(data, g, true)
		if err != nil {
			return nil, corrupt(GIF, err)
		}
	case cfg.Format == PNG && cfg.Frames > 1:
		fixed, err := pngRepairCRC(data)
		if err == nil {
			a, err = decodeAPNG(fixed, cfg)
		}
		if err != nil {
			return nil, corrupt(PNG, err)
		}
	case cfg.Format == WebP && animatedWebP(data):
		a, err = decodeWebPAnim(data, cfg, true)
		if err != nil {
			return nil, corrupt(WebP, err)
		}
	default:
		img, err := decodeFirst(data, cfg, DecodeOptions{MaxPixels: opts.MaxPixels})
		if err != nil {
			return nil, corrupt(cfg.Format, err)
		}
		a = &Animation{Frames: []Frame{{Image: img}}, LoopCount: 1}
	}
	if len(a.Frames) == 0 {
		return nil, newErr(cfg.Format, ErrCorrupt, "no frames")
	}
	cfg.Frames = len(a.Frames)
	a.Config = cfg
	return a, nil
}

// readChecked reads the whole input and checks it with checkData.
func readChecked(r io.Reader, opts DecodeOptions, frames int) ([]byte, Config, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, Config{}, newErr(Unknown, ErrCorrupt, "reading input: %v", err)
	}
	cfg, err := checkData(data, opts, frames)
	if err != nil {
		return nil, cfg, err
	}
	return data, cfg, nil
}

// checkData parses the headers of data and enforces the pixel limit for `frames`
// frames (0 = every frame the headers announce).
func checkData(data []byte, opts DecodeOptions, frames int) (Config, error) {
	cfg, err := DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, err
	}
	if frames == 0 {
		frames = 1
		if cfg.Format == GIF || cfg.Format == WebP || cfg.Format == PNG {
			frames = max(cfg.Frames, 1)
		}
		if cfg.Format == PNG && frames > 1 {
			// acTL may promise more frames than the file holds; count the real ones.
			if cs, err := apngChunks(data); err == nil {
				n := 0
				for _, c := range cs {
					if string(c[4:8]) == "fcTL" {
						n++
					}
				}
				frames = max(1, min(frames, n))
			}
		}
	}
	limit := opts.maxPixels()
	px := cfg.Pixels()
	if cfg.Format == GIF {
		// Frames overflowing the logical screen are decoded on a canvas holding them all.
		if g, err := scanGIF(bufio.NewReader(bytes.NewReader(data))); err == nil {
			px = max(px, g.extentPixels())
		}
	}
	if px > limit || px > math.MaxInt64/int64(frames) || px*int64(frames) > limit {
		if frames == 1 {
			return cfg, newErr(cfg.Format, ErrTooLarge, "%dx%d exceeds the limit of %d pixels", cfg.Width, cfg.Height, limit)
		}
		return cfg, newErr(cfg.Format, ErrTooLarge, "%d frames of %dx%d exceed the limit of %d pixels",
			frames, cfg.Width, cfg.Height, limit)
	}
	return cfg, nil
}

// readAll is io.ReadAll that sizes its buffer once when the reader knows its length
// (*bytes.Reader, *strings.Reader, *bytes.Buffer), instead of doubling up to it.
func readAll(r io.Reader) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok {
		buf := bytes.NewBuffer(make([]byte, 0, l.Len()+bytes.MinRead)) // ReadFrom wants MinRead spare
		_, err := buf.ReadFrom(r)
		return buf.Bytes(), err
	}
	return io.ReadAll(r)
}

func decodeFirst(data []byte, cfg Config, opts DecodeOptions) (image.Image, error) {
	switch cfg.Format {
	case JPEG:
		return decodeJPEG(data, cfg, opts)
	case PNG:
		return decodePNG(data, cfg)
	case GIF:
		g, err := scanGIF(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			return nil, err
		}
		a, err := decodeGIF(data, g, false)
		if err != nil {
			return nil, err
		}
		return a.Frames[0].Image, nil
	case WebP:
		return decodeWebP(data, cfg, opts)
	case BMP:
		return bmp.Decode(bytes.NewReader(data))
	case TIFF:
		img, err := tiff.Decode(bytes.NewReader(data))
		var ue tiff.UnsupportedError
		if errors.As(err, &ue) {
			return nil, newErr(TIFF, ErrUnsupportedFormat, "%s", ue.Error())
		}
		return img, err
	}
	return nil, &Error{Format: cfg.Format, Kind: ErrUnsupportedFormat}
}

// checkJPEGStream refuses, before any decoding, streams that would cost unbounded CPU
// (thousands of progressive scans) and streams that stop before their end marker.
func checkJPEGStream(data []byte) error {
	// Entropy-coded data stuffs every 0xFF, so each FF DA is a real start of scan.
	if n := bytes.Count(data, []byte{0xff, 0xda}); n > turbo.MaxScans {
		return fmt.Errorf("%d scans exceed the limit of %d", n, turbo.MaxScans)
	}
	if !jpegReachesEOI(data) {
		// Chromium shows such a file only in part (it holds back the last MCU row or
		// progressive scan until EOI arrives), so it is treated as truncated.
		return errors.New("no end-of-image marker (truncated file)")
	}
	return nil
}

func decodeJPEG(data []byte, cfg Config, opts DecodeOptions) (image.Image, error) {
	if err := checkJPEGStream(data); err != nil {
		return nil, err
	}
	h, err := turbo.ReadHeader(data)
	if err != nil || h.Width != cfg.Width || h.Height != cfg.Height ||
		h.Colorspace == turbo.CSCMYK || h.Colorspace == turbo.CSYCCK {
		// image/jpeg converts Adobe (inverted) CMYK and YCCK, which TurboJPEG will not
		// turn into RGB, and reads a few streams TurboJPEG's header parser rejects.
		m, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if g, ok := m.(*image.Gray); ok {
			return g, nil
		}
		rgba := image.NewRGBA(m.Bounds())
		draw.Draw(rgba, rgba.Rect, m, m.Bounds().Min, draw.Src)
		return rgba, nil
	}
	w, hh := turbo.ScaledSize(h.Width, h.Height, opts.TargetWidth, opts.TargetHeight)
	var img image.Image
	var pix []byte
	var stride, pf int
	if h.Colorspace == turbo.CSGray {
		g := image.NewGray(image.Rect(0, 0, w, hh))
		img, pix, stride, pf = g, g.Pix, g.Stride, turbo.PixelGray
	} else {
		m := image.NewRGBA(image.Rect(0, 0, w, hh))
		img, pix, stride, pf = m, m.Pix, m.Stride, turbo.PixelRGBA
	}
	if err := turbo.Decode(data, pix, w, hh, stride, pf); err != nil {
		return nil, err
	}
	return img, nil
}

// jpegReachesEOI walks the marker structure, stepping over segments and entropy-coded
// data, and reports whether it arrives at an EOI marker before the data ends.
func jpegReachesEOI(data []byte) bool {
	p := 2
	for p < len(data) {
		// Junk between segments is skipped, as decoders do.
		i := bytes.IndexByte(data[p:], 0xff)
		if i < 0 {
			return false
		}
		p += i
		for p < len(data) && data[p] == 0xff {
			p++
		}
		if p >= len(data) {
			return false
		}
		m := data[p]
		p++
		switch {
		case m == 0xd9:
			return true
		case m == 0x00 || m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7):
			continue // stuffed byte, TEM, SOI, RSTn: no length
		}
		if p+2 > len(data) {
			return false
		}
		p += int(data[p])<<8 | int(data[p+1])
		if m == 0xda {
			// Entropy-coded data follows; it ends at the first marker that is not a
			// stuffed 0xFF00 or a restart marker.
			for {
				i := bytes.IndexByte(data[min(p, len(data)):], 0xff)
				if i < 0 {
					return false
				}
				p += i + 1
				if p >= len(data) {
					return false
				}
				if n := data[p]; n != 0x00 && (n < 0xd0 || n > 0xd7) && n != 0xff {
					p--
					break
				}
			}
		}
	}
	return false
}

func decodeWebP(data []byte, cfg Config, opts DecodeOptions) (image.Image, error) {
	f, err := webp.ReadFeatures(data)
	if err != nil {
		return nil, err
	}
	if f.Animated { // even with a single frame, only the animation decoder reads ANMF
		a, err := decodeWebPAnim(data, cfg, false)
		if err != nil {
			return nil, err
		}
		return a.Frames[0].Image, nil
	}
	if f.Width != cfg.Width || f.Height != cfg.Height {
		return nil, errors.New("inconsistent headers")
	}
	w, h := webpScaledSize(f.Width, f.Height, opts.TargetWidth, opts.TargetHeight)
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	if err := webp.Decode(data, m.Pix, m.Stride, f.Width, f.Height, w, h); err != nil {
		return nil, err
	}
	return m, nil
}

// webpScaledSize keeps the aspect ratio and stays at least the target on each
// constrained axis; it never scales up.
func webpScaledSize(w, h, tw, th int) (int, int) {
	if (tw <= 0 && th <= 0) || (tw >= w && th >= h) {
		return w, h
	}
	s := math.Max(float64(tw)/float64(w), float64(th)/float64(h))
	if s >= 1 {
		return w, h
	}
	return max(1, int(math.Ceil(float64(w)*s))), max(1, int(math.Ceil(float64(h)*s)))
}

func animatedWebP(data []byte) bool {
	f, err := webp.ReadFeatures(data)
	return err == nil && f.Animated
}

func decodeWebPAnim(data []byte, cfg Config, all bool) (*Animation, error) {
	a, err := webp.NewAnim(data)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	if a.Width != cfg.Width || a.Height != cfg.Height || (all && a.Frames > cfg.Frames) {
		return nil, errors.New("inconsistent headers")
	}
	out := &Animation{LoopCount: a.LoopCount}
	prev := 0
	for {
		m := image.NewRGBA(image.Rect(0, 0, a.Width, a.Height))
		ts, ok, err := a.Next(m.Pix)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		out.Frames = append(out.Frames, Frame{Image: m, Delay: time.Duration(ts-prev) * time.Millisecond})
		prev = ts
		if !all {
			break
		}
	}
	return out, nil
}
