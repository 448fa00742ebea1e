// Package turbo is the small cgo binding to libjpeg-turbo's TurboJPEG API that codec uses
// for fast JPEG decoding (with DCT-domain downscaling) and for encoding (progressive,
// 4:2:0 / 4:4:4). Pixels always live in Go memory; C only borrows them for one call.
package turbo

/*
#cgo pkg-config: libturbojpeg
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

// Errors are copied into a caller buffer so no handle-owned string outlives the handle.
static void copyErr(tjhandle h, char *msg, int n, int *code) {
	const char *s = tjGetErrorStr2(h);
	strncpy(msg, s ? s : "unknown error", n - 1);
	msg[n - 1] = 0;
	*code = tjGetErrorCode(h);
}

static int mdHeader(const unsigned char *buf, unsigned long n, int *w, int *h, int *sub, int *cs,
		char *msg, int msgLen, int *code) {
	tjhandle t = tjInitDecompress();
	if (!t) { strncpy(msg, "tjInitDecompress failed", msgLen - 1); msg[msgLen-1] = 0; *code = -1; return -1; }
	*w = *h = 0;
	int r = tjDecompressHeader3(t, buf, n, w, h, sub, cs);
	if (r != 0) {
		copyErr(t, msg, msgLen, code);
		// A warning (junk between markers, say) still leaves a complete header.
		if (*code == TJERR_WARNING && *w > 0 && *h > 0) r = 0;
	}
	tjDestroy(t);
	return r;
}

static int mdDecode(const unsigned char *buf, unsigned long n, unsigned char *dst, int w, int pitch,
		int h, int pf, int flags, char *msg, int msgLen, int *code) {
	tjhandle t = tjInitDecompress();
	if (!t) { strncpy(msg, "tjInitDecompress failed", msgLen - 1); msg[msgLen-1] = 0; *code = -1; return -1; }
	int r = tjDecompress2(t, buf, n, dst, w, pitch, h, pf, flags);
	if (r != 0) copyErr(t, msg, msgLen, code);
	tjDestroy(t);
	return r;
}

// mdEncode compresses into a TurboJPEG-owned buffer returned in *out; the caller frees it
// with tjFree after copying it out.
static int mdEncode(const unsigned char *src, int w, int pitch, int h, int pf, unsigned char **out,
		unsigned long *outLen, int sub, int q, int flags, char *msg, int msgLen, int *code) {
	tjhandle t = tjInitCompress();
	if (!t) { strncpy(msg, "tjInitCompress failed", msgLen - 1); msg[msgLen-1] = 0; *code = -1; return -1; }
	*out = NULL;
	*outLen = 0;
	int r = tjCompress2(t, src, w, pitch, h, pf, out, outLen, sub, q, flags);
	if (r != 0) {
		copyErr(t, msg, msgLen, code);
		if (*out) { tjFree(*out); *out = NULL; }
	}
	tjDestroy(t);
	return r;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unsafe"
)

// Pixel formats (TurboJPEG TJPF_*).
const (
	PixelRGB  = C.TJPF_RGB
	PixelRGBX = C.TJPF_RGBX
	PixelRGBA = C.TJPF_RGBA
	PixelGray = C.TJPF_GRAY
	PixelCMYK = C.TJPF_CMYK
)

// Subsampling (TurboJPEG TJSAMP_*).
const (
	Samp444  = C.TJSAMP_444
	Samp422  = C.TJSAMP_422
	Samp420  = C.TJSAMP_420
	SampGray = C.TJSAMP_GRAY
)

// JPEG colour spaces (TurboJPEG TJCS_*).
const (
	CSRGB   = C.TJCS_RGB
	CSYCbCr = C.TJCS_YCbCr
	CSGray  = C.TJCS_GRAY
	CSCMYK  = C.TJCS_CMYK
	CSYCCK  = C.TJCS_YCCK
)

// ErrTruncated reports a JPEG stream that ends before its image data does.
var ErrTruncated = errors.New("premature end of JPEG data")

// Header is what the JPEG headers say about the image.
type Header struct {
	Width, Height int
	Subsamp       int
	Colorspace    int
}

const msgLen = 200

func goErr(op string, msg []C.char) error {
	return fmt.Errorf("%s: %s", op, C.GoString(&msg[0]))
}

// ReadHeader parses the JPEG headers without decoding pixels.
func ReadHeader(data []byte) (Header, error) {
	if len(data) == 0 {
		return Header{}, errors.New("empty JPEG data")
	}
	var w, h, sub, cs, code C.int
	var msg [msgLen]C.char
	if C.mdHeader((*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data)), &w, &h, &sub, &cs,
		&msg[0], msgLen, &code) != 0 {
		return Header{}, goErr("header", msg[:])
	}
	return Header{Width: int(w), Height: int(h), Subsamp: int(sub), Colorspace: int(cs)}, nil
}

// MaxScans is the number of scans beyond which a progressive JPEG is refused, as
// TJFLAG_LIMITSCANS does: each scan revisits the whole image, so a small file with
// thousands of scans would otherwise cost minutes of CPU.
const MaxScans = 500

// ScaledSize returns the smallest DCT-scaled size (1/1, 1/2, 1/4, 1/8) that is still at
// least tw×th; a zero target dimension places no constraint on that axis.
func ScaledSize(w, h, tw, th int) (int, int) {
	if tw <= 0 && th <= 0 {
		return w, h
	}
	bw, bh := w, h
	for _, d := range []int{2, 4, 8} {
		sw, sh := (w+d-1)/d, (h+d-1)/d
		if (tw > 0 && sw < tw) || (th > 0 && sh < th) {
			break
		}
		bw, bh = sw, sh
	}
	return bw, bh
}

// Decode decompresses data into dst (pitch bytes per row) at w×h, which must be a size
// ScaledSize returned. Benign warnings (extraneous bytes and the like, which browsers
// ignore) are not errors; a stream cut short is ErrTruncated.
func Decode(data, dst []byte, w, h, pitch, pixelFormat int) error {
	if len(data) == 0 {
		return errors.New("empty JPEG data")
	}
	if len(dst) < pitch*(h-1)+w*pixelSize(pixelFormat) {
		return errors.New("turbo: destination buffer too small")
	}
	var code C.int
	var msg [msgLen]C.char
	r := C.mdDecode((*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data)),
		(*C.uchar)(unsafe.Pointer(&dst[0])), C.int(w), C.int(pitch), C.int(h), C.int(pixelFormat), C.TJFLAG_LIMITSCANS,
		&msg[0], msgLen, &code)
	if r == 0 {
		return nil
	}
	s := C.GoString(&msg[0])
	// "Premature end of JPEG file" (data ran out) and "Corrupt JPEG data: premature end
	// of data segment" (a marker came before a scan's data was complete) both mean the
	// rest of the image is missing; other warnings leave the image complete.
	if strings.Contains(strings.ToLower(s), "premature end") {
		return ErrTruncated
	}
	if code == C.TJERR_WARNING {
		return nil
	}
	return errors.New(s)
}

func pixelSize(pf int) int {
	switch pf {
	case PixelRGB:
		return 3
	case PixelGray:
		return 1
	}
	return 4
}

// Encode compresses the w×h pixels in src (pitch bytes per row) and writes the JPEG to out.
func Encode(out io.Writer, src []byte, w, h, pitch, pixelFormat, subsamp, quality int, progressive bool) error {
	if w <= 0 || h <= 0 || len(src) < pitch*(h-1)+w*pixelSize(pixelFormat) {
		return errors.New("turbo: invalid source image")
	}
	flags := C.int(0)
	if progressive {
		flags |= C.TJFLAG_PROGRESSIVE
	}
	var buf *C.uchar
	var n C.ulong
	var code C.int
	var msg [msgLen]C.char
	if C.mdEncode((*C.uchar)(unsafe.Pointer(&src[0])), C.int(w), C.int(pitch), C.int(h), C.int(pixelFormat),
		&buf, &n, C.int(subsamp), C.int(quality), flags, &msg[0], msgLen, &code) != 0 {
		return goErr("encode", msg[:])
	}
	defer C.tjFree(buf)
	_, err := out.Write(unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n)))
	return err
}
