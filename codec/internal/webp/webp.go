// Package webp is the small cgo binding to libwebp that codec uses to decode WebP
// (lossy, lossless, alpha, animated via the demux API) and to encode it. Still-image
// pixels live in Go memory and C only borrows them for one call; the animation decoder
// keeps its own C copy of the file because libwebp reads it across calls.
package webp

/*
#cgo pkg-config: libwebp libwebpdemux
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/demux.h>

static int mdFeatures(const uint8_t *data, size_t n, int *w, int *h, int *alpha, int *anim) {
	WebPBitstreamFeatures f;
	VP8StatusCode st = WebPGetFeatures(data, n, &f);
	if (st != VP8_STATUS_OK) return (int)st;
	*w = f.width; *h = f.height; *alpha = f.has_alpha; *anim = f.has_animation;
	return 0;
}

// mdDecode decodes a still WebP into the caller's premultiplied RGBA buffer, scaled to
// sw×sh when those differ from the stored size.
static int mdDecode(const uint8_t *data, size_t n, uint8_t *dst, size_t dstLen, int stride,
		int w, int h, int sw, int sh) {
	WebPDecoderConfig cfg;
	if (!WebPInitDecoderConfig(&cfg)) return -1;
	if (sw != w || sh != h) {
		cfg.options.use_scaling = 1;
		cfg.options.scaled_width = sw;
		cfg.options.scaled_height = sh;
	}
	cfg.output.colorspace = MODE_rgbA;
	cfg.output.is_external_memory = 1;
	cfg.output.u.RGBA.rgba = dst;
	cfg.output.u.RGBA.stride = stride;
	cfg.output.u.RGBA.size = dstLen;
	VP8StatusCode st = WebPDecode(data, n, &cfg);
	WebPFreeDecBuffer(&cfg.output);
	return (int)st;
}

static WebPAnimDecoder *mdAnimNew(const uint8_t *data, size_t n) {
	WebPAnimDecoderOptions o;
	if (!WebPAnimDecoderOptionsInit(&o)) return NULL;
	o.color_mode = MODE_rgbA;
	o.use_threads = 0;
	WebPData d = { data, n };
	return WebPAnimDecoderNew(&d, &o);
}

static int mdAnimInfo(WebPAnimDecoder *d, int *w, int *h, int *loop, int *frames) {
	WebPAnimInfo i;
	if (!WebPAnimDecoderGetInfo(d, &i)) return 0;
	*w = i.canvas_width; *h = i.canvas_height; *loop = i.loop_count; *frames = i.frame_count;
	return 1;
}

// mdAnimNext copies the next full canvas into dst (tightly packed, dstLen bytes).
static int mdAnimNext(WebPAnimDecoder *d, uint8_t *dst, size_t dstLen, int *ts) {
	uint8_t *buf = NULL;
	if (!WebPAnimDecoderHasMoreFrames(d)) return 0;
	if (!WebPAnimDecoderGetNext(d, &buf, ts) || buf == NULL) return -1;
	memcpy(dst, buf, dstLen);
	return 1;
}

// mdEncode encodes through the advanced API so lossless effort can be chosen; the
// output lands in a libwebp-owned buffer the caller frees with WebPFree.
static int mdEncode(const uint8_t *rgba, int w, int h, int stride, float q, int lossless,
		int level, uint8_t **out, size_t *outLen) {
	*out = NULL;
	*outLen = 0;
	WebPConfig cfg;
	if (!WebPConfigInit(&cfg)) return 0;
	if (lossless) {
		if (!WebPConfigLosslessPreset(&cfg, level)) return 0;
	} else {
		cfg.quality = q;
	}
	if (!WebPValidateConfig(&cfg)) return 0;
	WebPPicture pic;
	if (!WebPPictureInit(&pic)) return 0;
	pic.use_argb = lossless;
	pic.width = w;
	pic.height = h;
	if (!WebPPictureImportRGBA(&pic, rgba, stride)) { WebPPictureFree(&pic); return 0; }
	WebPMemoryWriter wr;
	WebPMemoryWriterInit(&wr);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &wr;
	int ok = WebPEncode(&cfg, &pic);
	WebPPictureFree(&pic);
	if (!ok) { WebPMemoryWriterClear(&wr); return 0; }
	*out = wr.mem;
	*outLen = wr.size;
	return 1;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
	"unsafe"
)

// MaxDimension is the largest width or height the WebP format can store.
const MaxDimension = 16383

// ErrTruncated reports a WebP file that ends before its image data does.
var ErrTruncated = errors.New("not enough data (truncated file)")

func status(st C.int) error {
	switch st {
	case 0:
		return nil
	case C.VP8_STATUS_NOT_ENOUGH_DATA:
		return ErrTruncated
	case C.VP8_STATUS_OUT_OF_MEMORY:
		return errors.New("out of memory")
	case C.VP8_STATUS_INVALID_PARAM:
		return errors.New("invalid parameter")
	case C.VP8_STATUS_BITSTREAM_ERROR:
		return errors.New("bitstream error")
	case C.VP8_STATUS_UNSUPPORTED_FEATURE:
		return errors.New("unsupported feature")
	case C.VP8_STATUS_SUSPENDED:
		return errors.New("decoding suspended")
	}
	return fmt.Errorf("decoder status %d", int(st))
}

func ptr(b []byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(&b[0])) }

// Features is what the WebP headers say about the image.
type Features struct {
	Width, Height int
	HasAlpha      bool
	Animated      bool
}

// ReadFeatures parses the WebP headers without decoding pixels.
func ReadFeatures(data []byte) (Features, error) {
	if len(data) == 0 {
		return Features{}, ErrTruncated
	}
	var w, h, a, an C.int
	if err := status(C.mdFeatures(ptr(data), C.size_t(len(data)), &w, &h, &a, &an)); err != nil {
		return Features{}, err
	}
	return Features{Width: int(w), Height: int(h), HasAlpha: a != 0, Animated: an != 0}, nil
}

// Decode decodes a still WebP of stored size w×h into dst as premultiplied RGBA of size
// sw×sh (libwebp scales while decoding when they differ).
func Decode(data, dst []byte, stride, w, h, sw, sh int) error {
	if len(data) == 0 || sw <= 0 || sh <= 0 || len(dst) < stride*(sh-1)+4*sw {
		return errors.New("webp: invalid decode arguments")
	}
	return status(C.mdDecode(ptr(data), C.size_t(len(data)), ptr(dst), C.size_t(len(dst)), C.int(stride),
		C.int(w), C.int(h), C.int(sw), C.int(sh)))
}

// Anim decodes an animated WebP frame by frame into full premultiplied RGBA canvases.
type Anim struct {
	dec  *C.WebPAnimDecoder
	data unsafe.Pointer // C copy of the file; libwebp reads it until Close

	Width, Height, LoopCount, Frames int
}

// NewAnim parses data and prepares frame-by-frame decoding. Close must be called.
func NewAnim(data []byte) (*Anim, error) {
	if len(data) == 0 {
		return nil, ErrTruncated
	}
	cdata := C.CBytes(data)
	a := &Anim{data: cdata, dec: C.mdAnimNew((*C.uint8_t)(cdata), C.size_t(len(data)))}
	if a.dec == nil {
		C.free(cdata)
		return nil, errors.New("cannot parse animation")
	}
	var w, h, loop, n C.int
	if C.mdAnimInfo(a.dec, &w, &h, &loop, &n) == 0 {
		a.Close()
		return nil, errors.New("cannot read animation info")
	}
	a.Width, a.Height, a.LoopCount, a.Frames = int(w), int(h), int(loop), int(n)
	return a, nil
}

// Next decodes the next frame into dst (Width*Height*4 bytes) and returns its end time
// in milliseconds; ok is false after the last frame.
func (a *Anim) Next(dst []byte) (timestampMs int, ok bool, err error) {
	if len(dst) != a.Width*a.Height*4 {
		return 0, false, errors.New("webp: frame buffer has the wrong size")
	}
	var ts C.int
	switch C.mdAnimNext(a.dec, ptr(dst), C.size_t(len(dst)), &ts) {
	case 0:
		return 0, false, nil
	case 1:
		return int(ts), true, nil
	}
	return 0, false, errors.New("cannot decode animation frame")
}

// Close frees the decoder and its copy of the file.
func (a *Anim) Close() {
	if a.dec != nil {
		C.WebPAnimDecoderDelete(a.dec)
		a.dec = nil
	}
	if a.data != nil {
		C.free(a.data)
		a.data = nil
	}
}

// LosslessLevel is the lossless effort (libwebp's 0..9 presets, cwebp -z). Level 6 is
// cwebp's default; on the 1 MP benchmark photo level 2 encodes 2.2 times faster for an
// 8 % larger file, the better trade on a server that encodes on request.
const LosslessLevel = 2

// Encode compresses w×h non-premultiplied RGBA pixels (stride bytes per row) and writes
// a WebP file without metadata to out.
func Encode(out io.Writer, rgba []byte, w, h, stride int, quality float32, lossless bool) error {
	if w <= 0 || h <= 0 || w > MaxDimension || h > MaxDimension || len(rgba) < stride*(h-1)+4*w {
		return errors.New("webp: invalid source image")
	}
	var buf *C.uint8_t
	var n C.size_t
	ll := C.int(0)
	if lossless {
		ll = 1
	}
	if C.mdEncode(ptr(rgba), C.int(w), C.int(h), C.int(stride), C.float(quality), ll, C.int(LosslessLevel), &buf, &n) == 0 {
		if buf != nil {
			C.WebPFree(unsafe.Pointer(buf))
		}
		return errors.New("webp: encoding failed")
	}
	defer C.WebPFree(unsafe.Pointer(buf))
	_, err := out.Write(unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n)))
	return err
}
