package turbo

// Region re-encoding through libjpeg-turbo's libjpeg API, which (unlike the TurboJPEG
// API) can decode part of an image: jpeg_crop_scanline narrows each output row to the
// iMCU columns that cover the region, jpeg_skip_scanlines passes over the rows above it
// without colour conversion or upsampling, and the rows below it are never decoded.
// Rows go from the decoder to the encoder a few at a time in YCbCr (or grey): no RGB
// conversion in either direction and no full-size pixel buffer.

/*
#cgo pkg-config: libjpeg
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

// One error manager serves both the decoder and the encoder: any error longjmps back
// to mdCropRecode, which frees everything it allocated.
struct mdErr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
	int truncated;
	char msg[JMSG_LENGTH_MAX];
};

static void mdErrorExit(j_common_ptr c) {
	struct mdErr *e = (struct mdErr *)c->err;
	(*c->err->format_message)(c, e->msg);
	longjmp(e->jb, 1);
}

// Warnings are not printed. The two that mean the data ran out before the image did
// are remembered, as the TurboJPEG path reports them (ErrTruncated); the others leave
// a complete image, as browsers treat them.
static void mdEmit(j_common_ptr c, int level) {
	struct mdErr *e = (struct mdErr *)c->err;
	if (level < 0) {
		if (c->err->msg_code == JWRN_JPEG_EOF || c->err->msg_code == JWRN_HIT_MARKER)
			e->truncated = 1;
		c->err->num_warnings++;
	}
}

// mdDest collects the encoded file in one malloc'd buffer that this code owns, so it
// is freed on error paths too (jpeg_mem_dest's growing buffer would leak on a longjmp).
struct mdDest {
	struct jpeg_destination_mgr pub;
	unsigned char *buf;
	size_t cap;
	size_t len;
};

static void mdDestInit(j_compress_ptr c) {
	struct mdDest *d = (struct mdDest *)c->dest;
	d->pub.next_output_byte = d->buf;
	d->pub.free_in_buffer = d->cap;
}

static boolean mdDestEmpty(j_compress_ptr c) {
	struct mdDest *d = (struct mdDest *)c->dest;
	size_t used = d->cap; // called only when the buffer is full
	size_t ncap = d->cap * 2;
	unsigned char *nb = realloc(d->buf, ncap);
	if (!nb) ERREXIT1(c, JERR_OUT_OF_MEMORY, 10);
	d->buf = nb;
	d->cap = ncap;
	d->pub.next_output_byte = nb + used;
	d->pub.free_in_buffer = ncap - used;
	return TRUE;
}

static void mdDestTerm(j_compress_ptr c) {
	struct mdDest *d = (struct mdDest *)c->dest;
	d->len = d->cap - d->pub.free_in_buffer;
}

enum { mdOK = 0, mdFail = 1, mdTruncated = 2, mdColorspace = 3 };

// Rows moved per step: enough to amortise the per-call overhead, small enough that
// the row buffer stays a few hundred kilobytes at any width.
#define MD_ROWS 16

// mdState is everything a crop allocates. It lives in the caller's frame and is only
// reached through a pointer inside mdCropRun, so its fields keep their values across
// the longjmp of an error and mdCropRecode can free them on every path.
struct mdState {
	struct jpeg_decompress_struct d;
	struct jpeg_compress_struct c;
	struct mdErr err;
	struct mdDest dest;
	unsigned char *rows;   // MD_ROWS decoded rows
	unsigned char *region; // the whole decoded region, for turned or mirrored output
	unsigned char *orow;   // MD_ROWS output rows gathered from region
	int dInit, cInit;
};

static int mdFailMsg(char *msg, int msgLen, const char *s) {
	strncpy(msg, s, msgLen - 1);
	msg[msgLen - 1] = 0;
	return mdFail;
}

// mdReadRows reads exactly n rows into rows[0:n].
static int mdReadRows(struct jpeg_decompress_struct *d, JSAMPROW *rows, JDIMENSION n) {
	JDIMENSION got = 0;
	while (got < n) {
		JDIMENSION k = jpeg_read_scanlines(d, rows + got, n - got);
		if (k == 0) return 0;
		got += k;
	}
	return 1;
}

// mdGather fills output row v of the upright region from the stored region (w×h, comps
// bytes a pixel) for EXIF orientation o: it starts at the stored pixel that shows at
// the row's left end and steps along the stored row or column that the output row is.
static void mdGather(unsigned char *dst, const unsigned char *reg, int w, int h, int comps,
		int o, int v, int outW) {
	ptrdiff_t px = comps, row = (ptrdiff_t)w * comps;
	ptrdiff_t start = 0, step = px;
	switch (o) {
	case 2: start = v * row + (w - 1) * px; step = -px; break;           // mirrored
	case 3: start = (h - 1 - v) * row + (w - 1) * px; step = -px; break; // 180°
	case 4: start = (h - 1 - v) * row; step = px; break;                 // flipped
	case 5: start = v * px; step = row; break;                           // transposed
	case 6: start = (h - 1) * row + v * px; step = -row; break;          // 90° clockwise
	case 7: start = (h - 1) * row + (w - 1 - v) * px; step = -row; break; // transverse
	case 8: start = (w - 1 - v) * px; step = row; break;                 // 90° anticlockwise
	}
	const unsigned char *s = reg + start;
	if (comps == 1) {
		for (int u = 0; u < outW; u++, s += step) dst[u] = *s;
	} else {
		for (int u = 0; u < outW; u++, s += step) {
			dst[3 * u] = s[0];
			dst[3 * u + 1] = s[1];
			dst[3 * u + 2] = s[2];
		}
	}
}

// mdCropRun crops the stored region x,y w×h and encodes it turned upright by EXIF
// orientation o (1 or out of range: as stored).
static int mdCropRun(struct mdState *st, const unsigned char *in, unsigned long n, int x, int y,
		int w, int h, int o, int quality, int sub, int progressive, char *msg, int msgLen) {
	struct jpeg_decompress_struct *d = &st->d;
	struct jpeg_compress_struct *c = &st->c;
	d->err = jpeg_std_error(&st->err.pub);
	c->err = d->err;
	st->err.pub.error_exit = mdErrorExit;
	st->err.pub.emit_message = mdEmit;
	if (setjmp(st->err.jb)) return mdFailMsg(msg, msgLen, st->err.msg);

	jpeg_create_decompress(d);
	st->dInit = 1;
	jpeg_mem_src(d, in, n);
	jpeg_read_header(d, TRUE);
	int comps;
	J_COLOR_SPACE cs;
	if (d->jpeg_color_space == JCS_YCbCr && d->num_components == 3) {
		comps = 3;
		cs = JCS_YCbCr;
	} else if (d->jpeg_color_space == JCS_GRAYSCALE && d->num_components == 1) {
		comps = 1;
		cs = JCS_GRAYSCALE;
	} else {
		return mdColorspace;
	}
	d->out_color_space = cs;
	d->dct_method = JDCT_ISLOW; // as the TurboJPEG decoder
	jpeg_start_decompress(d);
	if (x < 0 || y < 0 || w <= 0 || h <= 0 || (unsigned)x + w > d->output_width ||
			(unsigned)y + h > d->output_height)
		return mdFailMsg(msg, msgLen, "crop region outside the image");
	JDIMENSION xo = x, cw = w;
	jpeg_crop_scanline(d, &xo, &cw);
	// xo moved left to an iMCU boundary; each row starts x-xo samples before the region.
	size_t skip = (size_t)(x - xo) * comps, pitch = (size_t)cw * comps;
	if (y > 0 && jpeg_skip_scanlines(d, y) != (JDIMENSION)y)
		return mdFailMsg(msg, msgLen, "could not skip to the crop region");
	st->rows = malloc(pitch * MD_ROWS);
	if (!st->rows) return mdFailMsg(msg, msgLen, "out of memory");
	JSAMPROW inRows[MD_ROWS], outRows[MD_ROWS];
	for (int i = 0; i < MD_ROWS; i++) inRows[i] = st->rows + i * pitch;

	int turned = o >= 2 && o <= 8;
	int outW = w, outH = h;
	if (o >= 5 && o <= 8) {
		outW = h;
		outH = w;
	}
	if (turned) {
		// An output row is a column or a reversed row of the region, so the region is
		// decoded whole before encoding starts: w×h×comps bytes, still less than the
		// full image, and never RGBA.
		size_t rowBytes = (size_t)w * comps;
		st->region = malloc(rowBytes * h);
		st->orow = malloc((size_t)outW * comps * MD_ROWS);
		if (!st->region || !st->orow) return mdFailMsg(msg, msgLen, "out of memory");
		for (int r = 0; r < h; r += MD_ROWS) {
			JDIMENSION k = h - r < MD_ROWS ? h - r : MD_ROWS;
			if (!mdReadRows(d, inRows, k)) return mdFailMsg(msg, msgLen, "decoder returned no rows");
			for (JDIMENSION i = 0; i < k; i++)
				memcpy(st->region + (size_t)(r + i) * rowBytes, inRows[i] + skip, rowBytes);
		}
		for (int i = 0; i < MD_ROWS; i++) outRows[i] = st->orow + (size_t)i * outW * comps;
	} else {
		for (int i = 0; i < MD_ROWS; i++) outRows[i] = inRows[i] + skip;
	}

	jpeg_create_compress(c);
	st->cInit = 1;
	// A first guess of the output size; photographs at usual qualities need one or two
	// bits a pixel, and the buffer doubles when that is not enough.
	st->dest.cap = (size_t)w * h * comps / 8 + 65536;
	st->dest.buf = malloc(st->dest.cap);
	if (!st->dest.buf) return mdFailMsg(msg, msgLen, "out of memory");
	st->dest.pub.init_destination = mdDestInit;
	st->dest.pub.empty_output_buffer = mdDestEmpty;
	st->dest.pub.term_destination = mdDestTerm;
	c->dest = &st->dest.pub;
	c->image_width = outW;
	c->image_height = outH;
	c->input_components = comps;
	c->in_color_space = cs;
	jpeg_set_defaults(c);
	jpeg_set_colorspace(c, cs);
	jpeg_set_quality(c, quality, TRUE);
	// The TurboJPEG encoder's choices, so both paths write the same kind of file.
	c->dct_method = quality >= 96 ? JDCT_ISLOW : JDCT_FASTEST;
	if (comps == 3) {
		int hs = 2, vs = 2;
		if (sub == 1) hs = vs = 1;
		if (sub == 2) vs = 1;
		c->comp_info[0].h_samp_factor = hs;
		c->comp_info[0].v_samp_factor = vs;
		for (int i = 1; i < 3; i++) c->comp_info[i].h_samp_factor = c->comp_info[i].v_samp_factor = 1;
	}
	if (progressive) jpeg_simple_progression(c);
	jpeg_start_compress(c, TRUE);
	while (c->next_scanline < c->image_height) {
		JDIMENSION want = c->image_height - c->next_scanline;
		if (want > MD_ROWS) want = MD_ROWS;
		if (turned) {
			for (JDIMENSION i = 0; i < want; i++)
				mdGather(outRows[i], st->region, w, h, comps, o, c->next_scanline + i, outW);
		} else if (!mdReadRows(d, inRows, want)) {
			return mdFailMsg(msg, msgLen, "decoder returned no rows");
		}
		jpeg_write_scanlines(c, outRows, want);
	}
	jpeg_finish_compress(c);
	return st->err.truncated ? mdTruncated : mdOK;
}

// mdCropRecode decodes the x,y w×h region of the JPEG in[0:n] and encodes it, turned
// upright by EXIF orientation o, as a new JPEG (sub: 0 = 4:2:0, 1 = 4:4:4, 2 = 4:2:2) into a malloc'd *out the caller frees.
// in is only read during the call.
static int mdCropRecode(const unsigned char *in, unsigned long n, int x, int y, int w, int h,
		int o, int quality, int sub, int progressive, unsigned char **out, unsigned long *outLen,
		char *msg, int msgLen) {
	struct mdState st;
	memset(&st, 0, sizeof st);
	*out = NULL;
	*outLen = 0;
	int rc = mdCropRun(&st, in, n, x, y, w, h, o, quality, sub, progressive, msg, msgLen);
	if (rc == mdOK) {
		*out = st.dest.buf;
		*outLen = st.dest.len;
		st.dest.buf = NULL;
	}
	// The rows below the region are never read: destroying the decoder abandons them.
	if (st.cInit) jpeg_destroy_compress(&st.c);
	if (st.dInit) jpeg_destroy_decompress(&st.d);
	free(st.dest.buf);
	free(st.rows);
	free(st.region);
	free(st.orow);
	return rc;
}

// mdRegionRun decodes the stored region x,y w×h into dst (pitch bytes a row) as RGBA
// (alpha 255) or, for grey files, grey. gray reports which it was.
static int mdRegionRun(struct mdState *st, const unsigned char *in, unsigned long n, int x, int y,
		int w, int h, unsigned char *dst, int pitch, int wantGray, char *msg, int msgLen) {
	struct jpeg_decompress_struct *d = &st->d;
	d->err = jpeg_std_error(&st->err.pub);
	st->err.pub.error_exit = mdErrorExit;
	st->err.pub.emit_message = mdEmit;
	if (setjmp(st->err.jb)) return mdFailMsg(msg, msgLen, st->err.msg);

	jpeg_create_decompress(d);
	st->dInit = 1;
	jpeg_mem_src(d, in, n);
	jpeg_read_header(d, TRUE);
	int comps;
	if (d->jpeg_color_space == JCS_YCbCr && d->num_components == 3 && !wantGray) {
		comps = 4;
		d->out_color_space = JCS_EXT_RGBA;
	} else if (d->jpeg_color_space == JCS_GRAYSCALE && d->num_components == 1 && wantGray) {
		comps = 1;
		d->out_color_space = JCS_GRAYSCALE;
	} else {
		return mdColorspace;
	}
	d->dct_method = JDCT_ISLOW;
	jpeg_start_decompress(d);
	if (x < 0 || y < 0 || w <= 0 || h <= 0 || (unsigned)x + w > d->output_width ||
			(unsigned)y + h > d->output_height)
		return mdFailMsg(msg, msgLen, "region outside the image");
	JDIMENSION xo = x, cw = w;
	jpeg_crop_scanline(d, &xo, &cw);
	size_t skip = (size_t)(x - xo) * comps, rowBytes = (size_t)cw * comps;
	if (y > 0 && jpeg_skip_scanlines(d, y) != (JDIMENSION)y)
		return mdFailMsg(msg, msgLen, "could not skip to the region");
	st->rows = malloc(rowBytes * MD_ROWS);
	if (!st->rows) return mdFailMsg(msg, msgLen, "out of memory");
	JSAMPROW rows[MD_ROWS];
	for (int i = 0; i < MD_ROWS; i++) rows[i] = st->rows + i * rowBytes;
	for (int r = 0; r < h; r += MD_ROWS) {
		JDIMENSION k = h - r < MD_ROWS ? h - r : MD_ROWS;
		if (!mdReadRows(d, rows, k)) return mdFailMsg(msg, msgLen, "decoder returned no rows");
		for (JDIMENSION i = 0; i < k; i++)
			memcpy(dst + (size_t)(r + i) * pitch, rows[i] + skip, (size_t)w * comps);
	}
	return st->err.truncated ? mdTruncated : mdOK;
}

static int mdDecodeRegion(const unsigned char *in, unsigned long n, int x, int y, int w, int h,
		unsigned char *dst, int pitch, int wantGray, char *msg, int msgLen) {
	struct mdState st;
	memset(&st, 0, sizeof st);
	int rc = mdRegionRun(&st, in, n, x, y, w, h, dst, pitch, wantGray, msg, msgLen);
	if (st.dInit) jpeg_destroy_decompress(&st.d);
	free(st.rows);
	return rc;
}
*/
import "C"

import (
	"errors"
	"io"
	"unsafe"
)

// ErrColorspace reports a JPEG that CropRecode cannot carry through in its own colour
// space (CMYK, YCCK, RGB-coded files); decode it whole instead.
var ErrColorspace = errors.New("turbo: region re-encoding needs a YCbCr or grey JPEG")

// CropRecode decodes the w×h region at x,y of the JPEG in data (stored orientation)
// and writes it to out as a new JPEG at quality with the given subsampling (Samp420,
// Samp444 or Samp422; grey stays grey). Only the rows down to the region's bottom are
// decoded, only the iMCU columns covering it are transformed, and pixels stay YCbCr
// throughout. With orientation 1 (or out of range) rows stream from decoder to encoder
// and memory is a few rows plus the encoded output. Orientations 2–8 turn the output
// upright as EXIF says; the region is then decoded whole (w×h×3 bytes) and the encoder
// is fed its rows turned or mirrored.
func CropRecode(out io.Writer, data []byte, x, y, w, h, orientation, subsamp, quality int, progressive bool) error {
	if len(data) == 0 {
		return errors.New("empty JPEG data")
	}
	if quality < 1 || quality > 100 {
		return errors.New("turbo: quality must be between 1 and 100")
	}
	sub := 0
	switch subsamp {
	case Samp444:
		sub = 1
	case Samp422:
		sub = 2
	}
	prog := C.int(0)
	if progressive {
		prog = 1
	}
	var buf *C.uchar
	var n C.ulong
	var msg [msgLen]C.char
	rc := C.mdCropRecode((*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data)), C.int(x), C.int(y),
		C.int(w), C.int(h), C.int(orientation), C.int(quality), C.int(sub), prog, &buf, &n, &msg[0], msgLen)
	switch rc {
	case C.mdOK:
	case C.mdTruncated:
		return ErrTruncated
	case C.mdColorspace:
		return ErrColorspace
	default:
		return goErr("crop", msg[:])
	}
	defer C.free(unsafe.Pointer(buf))
	_, err := out.Write(unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n)))
	return err
}

// IsGray reports whether the JPEG's headers say it is single-channel grey.
func IsGray(data []byte) bool {
	h, err := ReadHeader(data)
	return err == nil && h.Colorspace == CSGray
}

// DecodeRegion decodes the w×h region at x,y of the JPEG in data (stored orientation)
// into dst, pitch bytes a row: RGBA with alpha 255 for YCbCr files, one byte a pixel
// when gray is true (which must match IsGray). Only the rows down to the region's
// bottom and the iMCU columns covering it are decoded. Files in other colour spaces
// give ErrColorspace; a stream cut short gives ErrTruncated.
func DecodeRegion(data, dst []byte, x, y, w, h, pitch int, gray bool) error {
	if len(data) == 0 {
		return errors.New("empty JPEG data")
	}
	bpp := 4
	g := C.int(0)
	if gray {
		bpp, g = 1, 1
	}
	if w <= 0 || h <= 0 || pitch < w*bpp || len(dst) < pitch*(h-1)+w*bpp {
		return errors.New("turbo: destination buffer too small")
	}
	var msg [msgLen]C.char
	rc := C.mdDecodeRegion((*C.uchar)(unsafe.Pointer(&data[0])), C.ulong(len(data)), C.int(x), C.int(y),
		C.int(w), C.int(h), (*C.uchar)(unsafe.Pointer(&dst[0])), C.int(pitch), g, &msg[0], msgLen)
	switch rc {
	case C.mdOK:
		return nil
	case C.mdTruncated:
		return ErrTruncated
	case C.mdColorspace:
		return ErrColorspace
	}
	return goErr("region", msg[:])
}
