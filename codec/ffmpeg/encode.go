//go:build cgo && !noffmpeg

package ffmpeg

/*
#include <stdint.h>
#include <stdlib.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

static int mediad_open_video_encoder(AVCodecContext **out, const char *name, int w, int h,
		int tb_num, int tb_den, int fr_num, int fr_den, int64_t bitrate, int crf,
		const char *preset, int gop, int threads, int sliced, int global_header) {
	const AVCodec *c = avcodec_find_encoder_by_name(name);
	if (!c) return AVERROR_ENCODER_NOT_FOUND;
	AVCodecContext *cc = avcodec_alloc_context3(c);
	if (!cc) return AVERROR(ENOMEM);
	cc->width = w;
	cc->height = h;
	cc->pix_fmt = AV_PIX_FMT_YUV420P;
	cc->time_base = (AVRational){tb_num, tb_den};
	cc->framerate = (AVRational){fr_num, fr_den};
	cc->gop_size = gop;
	cc->thread_count = threads;
	// EncodeRGBA converts with swscale's defaults, BT.601 matrix into limited (MPEG)
	// range; say so in the stream (H.264 VUI, MP4 colr) so players and browsers do not
	// guess BT.709 for small pictures or full range.
	cc->color_primaries = AVCOL_PRI_SMPTE170M;
	cc->color_trc = AVCOL_TRC_SMPTE170M;
	cc->colorspace = AVCOL_SPC_SMPTE170M;
	cc->color_range = AVCOL_RANGE_MPEG;
	if (global_header) cc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	AVDictionary *opts = NULL;
	if (preset && *preset) av_dict_set(&opts, "preset", preset, 0);
	// Other encoders leave the libx264 option unused in opts, which avcodec_open2
	// allows.
	if (sliced) av_dict_set(&opts, "x264-params", "sliced-threads=1", 0);
	if (bitrate > 0) {
		cc->bit_rate = bitrate;
		cc->rc_max_rate = bitrate * 3 / 2;
		cc->rc_buffer_size = (int)(bitrate * 2 > INT32_MAX ? INT32_MAX : bitrate * 2);
	} else if (crf > 0) {
		av_dict_set_int(&opts, "crf", crf, 0);
	}
	int rc = avcodec_open2(cc, c, &opts);
	av_dict_free(&opts);
	if (rc < 0) {
		avcodec_free_context(&cc);
		return rc;
	}
	*out = cc;
	return 0;
}

static int mediad_open_audio_encoder(AVCodecContext **out, const char *name, int rate,
		int channels, int64_t bitrate, int global_header) {
	const AVCodec *c = avcodec_find_encoder_by_name(name);
	if (!c) return AVERROR_ENCODER_NOT_FOUND;
	AVCodecContext *cc = avcodec_alloc_context3(c);
	if (!cc) return AVERROR(ENOMEM);
	cc->sample_fmt = AV_SAMPLE_FMT_FLTP;
	cc->sample_rate = rate;
	av_channel_layout_default(&cc->ch_layout, channels);
	cc->bit_rate = bitrate;
	cc->time_base = (AVRational){1, rate};
	if (global_header) cc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	int rc = avcodec_open2(cc, c, NULL);
	if (rc < 0) {
		avcodec_free_context(&cc);
		return rc;
	}
	*out = cc;
	return 0;
}

static AVFrame *mediad_video_frame(int w, int h) {
	AVFrame *f = av_frame_alloc();
	if (!f) return NULL;
	f->format = AV_PIX_FMT_YUV420P;
	f->width = w;
	f->height = h;
	f->color_primaries = AVCOL_PRI_SMPTE170M;
	f->color_trc = AVCOL_TRC_SMPTE170M;
	f->colorspace = AVCOL_SPC_SMPTE170M;
	f->color_range = AVCOL_RANGE_MPEG;
	if (av_frame_get_buffer(f, 0) < 0) av_frame_free(&f);
	return f;
}

static AVFrame *mediad_audio_frame(AVCodecContext *cc) {
	AVFrame *f = av_frame_alloc();
	if (!f) return NULL;
	f->format = cc->sample_fmt;
	f->sample_rate = cc->sample_rate;
	f->nb_samples = cc->frame_size > 0 ? cc->frame_size : 1024;
	if (av_channel_layout_copy(&f->ch_layout, &cc->ch_layout) < 0 || av_frame_get_buffer(f, 0) < 0)
		av_frame_free(&f);
	return f;
}

// mediad_sws_frame returns sws if it converts frames like src into dst, else a new
// context (freeing the old one); *matrix_key remembers the source matrix sws was made
// for. swscale knows the range of the yuvj formats only, while the VP9, AV1 and HEVC
// decoders mark full range on plain yuv420p frames; the range has to be set before
// sws_init_context, since a context made with equal ranges and sizes copies the planes
// unconverted. Sources in another matrix than BT.601 (BT.709 for HD video) are
// converted through RGB by a cascade swscale builds on sws_setColorspaceDetails.
static struct SwsContext *mediad_sws_frame(struct SwsContext *sws, int *matrix_key, const AVFrame *src, const AVFrame *dst) {
	int fmt = src->format, full = src->color_range == AVCOL_RANGE_JPEG;
	switch (fmt) {
	case AV_PIX_FMT_YUVJ420P: fmt = AV_PIX_FMT_YUV420P; full = 1; break;
	case AV_PIX_FMT_YUVJ422P: fmt = AV_PIX_FMT_YUV422P; full = 1; break;
	case AV_PIX_FMT_YUVJ444P: fmt = AV_PIX_FMT_YUV444P; full = 1; break;
	case AV_PIX_FMT_YUVJ440P: fmt = AV_PIX_FMT_YUV440P; full = 1; break;
	case AV_PIX_FMT_YUVJ411P: fmt = AV_PIX_FMT_YUV411P; full = 1; break;
	}
	const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(fmt);
	int yuv = d && !(d->flags & AV_PIX_FMT_FLAG_RGB);
	if (!yuv) full = 0;
	const int *bt601 = sws_getCoefficients(SWS_CS_ITU601);
	// sws_getCoefficients takes AVColorSpace values and answers BT.601 for those it
	// does not know (unspecified included).
	const int *matrix = yuv ? sws_getCoefficients(src->colorspace) : bt601;
	int key = matrix == bt601 ? 0 : src->colorspace;
	if (sws && *matrix_key == key) {
		int64_t v[7];
		const char *names[7] = {"srcw", "srch", "src_format", "dstw", "dsth", "dst_format", "src_range"};
		int64_t want[7] = {src->width, src->height, fmt, dst->width, dst->height, dst->format, full};
		int same = 1;
		for (int i = 0; i < 7 && same; i++)
			same = av_opt_get_int(sws, names[i], 0, &v[i]) >= 0 && v[i] == want[i];
		if (same) return sws;
	}
	sws_freeContext(sws);
	sws = sws_alloc_context();
	if (!sws) return NULL;
	if (av_opt_set_int(sws, "srcw", src->width, 0) < 0 || av_opt_set_int(sws, "srch", src->height, 0) < 0 ||
			av_opt_set_int(sws, "src_format", fmt, 0) < 0 || av_opt_set_int(sws, "src_range", full, 0) < 0 ||
			av_opt_set_int(sws, "dstw", dst->width, 0) < 0 || av_opt_set_int(sws, "dsth", dst->height, 0) < 0 ||
			av_opt_set_int(sws, "dst_format", dst->format, 0) < 0 || av_opt_set_int(sws, "dst_range", 0, 0) < 0 ||
			av_opt_set_int(sws, "sws_flags", SWS_BICUBIC, 0) < 0 || sws_init_context(sws, NULL, NULL) < 0) {
		sws_freeContext(sws);
		return NULL;
	}
	*matrix_key = key;
	// Should swscale refuse the cascade, the picture is still encoded, only with the
	// source's matrix read as BT.601 (slightly shifted colours).
	if (key) sws_setColorspaceDetails(sws, matrix, full, bt601, 0, 0, 1 << 16, 1 << 16);
	return sws;
}

// mediad_scale_into converts src (any picture, or the RGBA buffer lent by Go when
// src is NULL) into dst, a writable YUV 4:2:0 frame of the encoder's size.
static int mediad_scale_into(struct SwsContext **sws, int *matrix_key, AVFrame *dst, AVFrame *src,
		const uint8_t *rgba, int rgba_w, int rgba_h, int stride) {
	int rc = av_frame_make_writable(dst);
	if (rc < 0) return rc;
	if (src) {
		if (src->width <= 0 || src->height <= 0) return AVERROR(EINVAL);
		*sws = mediad_sws_frame(*sws, matrix_key, src, dst);
		if (!*sws) return AVERROR(EINVAL);
		return sws_scale(*sws, (const uint8_t *const *)src->data, src->linesize, 0, src->height,
			dst->data, dst->linesize) < 0 ? AVERROR(EINVAL) : 0;
	}
	*sws = sws_getCachedContext(*sws, rgba_w, rgba_h, AV_PIX_FMT_RGBA,
		dst->width, dst->height, dst->format, SWS_BICUBIC, NULL, NULL, NULL);
	if (!*sws) return AVERROR(EINVAL);
	const uint8_t *s[4] = {rgba, NULL, NULL, NULL};
	int ss[4] = {stride, 0, 0, 0};
	return sws_scale(*sws, s, ss, 0, rgba_h, dst->data, dst->linesize) < 0 ? AVERROR(EINVAL) : 0;
}

static int mediad_frame_writable(AVFrame *f) { return av_frame_make_writable(f); }
static uint8_t *mediad_frame_data(AVFrame *f, int i) { return f->data[i]; }
static int mediad_frame_linesize(AVFrame *f, int i) { return f->linesize[i]; }
static float *mediad_plane(AVFrame *f, int i) { return (float *)f->extended_data[i]; }

static int mediad_muxer_open(AVFormatContext **oc, const char *format, const char *path) {
	int rc = avformat_alloc_output_context2(oc, NULL, format, path);
	if (rc < 0) return rc;
	if (!((*oc)->oformat->flags & AVFMT_NOFILE)) {
		rc = avio_open(&(*oc)->pb, path, AVIO_FLAG_WRITE);
		if (rc < 0) {
			avformat_free_context(*oc);
			*oc = NULL;
			return rc;
		}
	}
	return 0;
}

static void mediad_muxer_free(AVFormatContext *oc) {
	if (!oc) return;
	if (!(oc->oformat->flags & AVFMT_NOFILE)) avio_closep(&oc->pb);
	avformat_free_context(oc);
}

static int mediad_global_header(AVFormatContext *oc) { return (oc->oformat->flags & AVFMT_GLOBALHEADER) != 0; }

static int mediad_add_copy(AVFormatContext *oc, AVStream *in) {
	AVStream *st = avformat_new_stream(oc, NULL);
	if (!st) return AVERROR(ENOMEM);
	int rc = avcodec_parameters_copy(st->codecpar, in->codecpar);
	if (rc < 0) return rc;
	// Keep the source's tag only when the output container knows it for this codec
	// (hvc1 vs hev1 matters to Apple players); otherwise let the muxer choose.
	unsigned tag = st->codecpar->codec_tag;
	st->codecpar->codec_tag = 0;
	if (tag && oc->oformat->codec_tag && av_codec_get_id(oc->oformat->codec_tag, tag) == st->codecpar->codec_id)
		st->codecpar->codec_tag = tag;
	st->time_base = in->time_base;
	av_dict_copy(&st->metadata, in->metadata, 0);
	size_t size = 0;
	uint8_t *m = av_stream_get_side_data(in, AV_PKT_DATA_DISPLAYMATRIX, &size);
	if (m && size >= 9 * sizeof(int32_t)) {
		uint8_t *d = av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, size);
		if (!d) return AVERROR(ENOMEM);
		memcpy(d, m, size);
	}
	return st->index;
}

static int mediad_add_encoded(AVFormatContext *oc, AVCodecContext *cc, int rotation) {
	AVStream *st = avformat_new_stream(oc, NULL);
	if (!st) return AVERROR(ENOMEM);
	int rc = avcodec_parameters_from_context(st->codecpar, cc);
	if (rc < 0) return rc;
	st->time_base = cc->time_base;
	if (rotation) {
		int32_t *m = (int32_t *)av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t));
		if (!m) return AVERROR(ENOMEM);
		// av_display_rotation_set takes clockwise degrees (while _get answers
		// counter-clockwise); TestEncodeMuxMP4 checks the round trip.
		av_display_rotation_set(m, rotation);
	}
	return st->index;
}

static int mediad_write_header(AVFormatContext *oc, int faststart) {
	AVDictionary *opts = NULL;
	if (faststart) av_dict_set(&opts, "movflags", "+faststart", 0);
	int rc = avformat_write_header(oc, &opts);
	av_dict_free(&opts);
	return rc;
}

static int mediad_write_packet(AVFormatContext *oc, AVPacket *p, int stream, int tb_num, int tb_den) {
	AVStream *st = oc->streams[stream];
	av_packet_rescale_ts(p, (AVRational){tb_num, tb_den}, st->time_base);
	p->stream_index = stream;
	p->pos = -1;
	return av_interleaved_write_frame(oc, p);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"os"
	"unsafe"
)

// Encoder encodes pictures (RGBA or decoded frames) or interleaved float32 audio.
// Not safe for concurrent use.
type Encoder struct {
	cc    *C.AVCodecContext
	frame *C.AVFrame
	sws   *C.struct_SwsContext
	// swsMatrix is the source colour matrix sws was made for by EncodeFrame (0 for
	// BT.601), kept by mediad_sws_frame.
	swsMatrix C.int
	video     bool
	tb        Rational
	rotation  int
	// Audio is deinterleaved straight into frame, whose planes hold fill samples of
	// the next codec frame of frameSize; nextPts counts samples sent so far.
	frameSize int
	fill      int
	// spareFrame is the audio frame not being filled. The encoder keeps a reference to
	// at most one input frame (while its output waits to be collected), so of the two
	// one is always free to write, and filling never copies or allocates.
	spareFrame *C.AVFrame
	planes     [][]float32
	nextPts    int64
	flushed    bool
	// queue[qhead:] are packets collected while the encoder refused input (EAGAIN);
	// Receive hands them out first. spare keeps emptied packets for reuse, so a
	// steady stream allocates nothing.
	queue []*C.AVPacket
	qhead int
	spare []*C.AVPacket
	// frameDur is one nominal frame in TimeBase units: encoders such as libx264 leave
	// packet durations at 0, and MP4 then drops the last frame from its edit list.
	frameDur int64
}

// NewVideoEncoder opens a video encoder producing YUV 4:2:0 H.264 by default.
func NewVideoEncoder(opt VideoEncoderOptions) (*Encoder, error) {
	if opt.Codec == "" {
		opt.Codec = "libx264"
	}
	opt.Width &^= 1
	opt.Height &^= 1
	if opt.Width <= 0 || opt.Height <= 0 || int64(opt.Width)*int64(opt.Height) > DefaultMaxPixels {
		return nil, fmt.Errorf("ffmpeg: encoder size %dx%d out of range", opt.Width, opt.Height)
	}
	if opt.FrameRate.Num <= 0 || opt.FrameRate.Den <= 0 {
		opt.FrameRate = Rational{30, 1}
	}
	if opt.TimeBase.Num <= 0 || opt.TimeBase.Den <= 0 {
		opt.TimeBase = Rational{opt.FrameRate.Den, opt.FrameRate.Num}
	}
	if opt.Preset == "" {
		opt.Preset = "veryfast"
	}
	if opt.CRF == 0 {
		opt.CRF = 23
	}
	if opt.GOP <= 0 {
		opt.GOP = max(1, int(2*opt.FrameRate.Float()+0.5))
	}
	name := C.CString(opt.Codec)
	defer C.free(unsafe.Pointer(name))
	preset := C.CString(opt.Preset)
	defer C.free(unsafe.Pointer(preset))
	e := &Encoder{video: true, tb: opt.TimeBase, rotation: normalizeRotation(float64(opt.Rotation))}
	e.frameDur = max(1, int64(math.Round(float64(opt.TimeBase.Den)*float64(opt.FrameRate.Den)/(float64(opt.TimeBase.Num)*float64(opt.FrameRate.Num)))))
	rc := C.mediad_open_video_encoder(&e.cc, name, C.int(opt.Width), C.int(opt.Height),
		C.int(opt.TimeBase.Num), C.int(opt.TimeBase.Den), C.int(opt.FrameRate.Num), C.int(opt.FrameRate.Den),
		C.int64_t(opt.BitRate), C.int(opt.CRF), preset, C.int(opt.GOP), C.int(opt.Threads), cbool(opt.SlicedThreads), cbool(opt.GlobalHeader))
	if rc < 0 {
		return nil, avError("open encoder "+opt.Codec, rc)
	}
	live.Add(1)
	if e.frame = C.mediad_video_frame(C.int(opt.Width), C.int(opt.Height)); e.frame == nil {
		e.Close()
		return nil, errors.New("ffmpeg: out of memory")
	}
	live.Add(1)
	return e, nil
}

// NewAudioEncoder opens an audio encoder (AAC by default) fed with interleaved float32.
func NewAudioEncoder(opt AudioEncoderOptions) (*Encoder, error) {
	if opt.Codec == "" {
		opt.Codec = "aac"
	}
	if opt.SampleRate <= 0 {
		opt.SampleRate = 44100
	}
	if opt.Channels <= 0 {
		opt.Channels = 2
	}
	if opt.Channels > 8 || opt.SampleRate > 384000 {
		return nil, fmt.Errorf("ffmpeg: audio encoder %d Hz %d channels out of range", opt.SampleRate, opt.Channels)
	}
	if opt.BitRate <= 0 {
		opt.BitRate = 128000
	}
	name := C.CString(opt.Codec)
	defer C.free(unsafe.Pointer(name))
	e := &Encoder{tb: Rational{1, opt.SampleRate}}
	rc := C.mediad_open_audio_encoder(&e.cc, name, C.int(opt.SampleRate), C.int(opt.Channels), C.int64_t(opt.BitRate), cbool(opt.GlobalHeader))
	if rc < 0 {
		return nil, avError("open encoder "+opt.Codec, rc)
	}
	live.Add(1)
	if e.cc.sample_fmt != C.AV_SAMPLE_FMT_FLTP {
		e.Close()
		return nil, fmt.Errorf("ffmpeg: encoder %s does not take planar float", opt.Codec)
	}
	if e.frame = C.mediad_audio_frame(e.cc); e.frame == nil {
		e.Close()
		return nil, errors.New("ffmpeg: out of memory")
	}
	live.Add(1)
	if e.spareFrame = C.mediad_audio_frame(e.cc); e.spareFrame == nil {
		e.Close()
		return nil, errors.New("ffmpeg: out of memory")
	}
	live.Add(1)
	e.frameSize = int(e.frame.nb_samples)
	e.planes = make([][]float32, opt.Channels)
	return e, nil
}

func cbool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// TimeBase is the unit of the pts given to Encode calls and of the packets' timestamps.
func (e *Encoder) TimeBase() Rational { return e.tb }

// Width and Height of a video encoder's output.
func (e *Encoder) Width() int  { return int(e.cc.width) }
func (e *Encoder) Height() int { return int(e.cc.height) }

// FrameSize is the number of samples per channel in each frame an audio encoder
// codes (1152 for MP3 at 32 kHz and up, 576 below, 1024 for AAC); EncodeAudio takes
// any count and buffers the remainder. 0 for a video encoder.
func (e *Encoder) FrameSize() int { return e.frameSize }

// SampleRate and Channels of an audio encoder.
func (e *Encoder) SampleRate() int { return int(e.cc.sample_rate) }
func (e *Encoder) Channels() int   { return int(e.cc.ch_layout.nb_channels) }

// EncodeRGBA encodes one w x h RGBA picture (scaled to the encoder's size if needed)
// with presentation time pts (TimeBase units). Call Receive until ErrAgain afterwards.
func (e *Encoder) EncodeRGBA(rgba []byte, w, h, stride int, pts int64) error {
	if !e.video || e.cc == nil {
		return errors.New("ffmpeg: not an open video encoder")
	}
	if w <= 0 || h <= 0 || stride < 4*w || len(rgba) < stride*(h-1)+4*w {
		return fmt.Errorf("ffmpeg: encode: bad RGBA buffer for %dx%d", w, h)
	}
	had := e.sws != nil
	rc := C.mediad_scale_into(&e.sws, &e.swsMatrix, e.frame, nil, (*C.uint8_t)(unsafe.Pointer(&rgba[0])), C.int(w), C.int(h), C.int(stride))
	e.trackSws(had)
	if rc < 0 {
		return avError("encode: convert", rc)
	}
	return e.sendPicture(pts)
}

// EncodeFrame encodes a decoded picture (any size and pixel format) at pts.
func (e *Encoder) EncodeFrame(f *Frame, pts int64) error {
	if !e.video || e.cc == nil {
		return errors.New("ffmpeg: not an open video encoder")
	}
	had := e.sws != nil
	rc := C.mediad_scale_into(&e.sws, &e.swsMatrix, e.frame, f.f, nil, 0, 0, 0)
	e.trackSws(had)
	if rc < 0 {
		return avError("encode: convert", rc)
	}
	return e.sendPicture(pts)
}

// trackSws counts the scaler once it exists (it is created lazily in C).
func (e *Encoder) trackSws(had bool) { live.Add(swsDelta(had, e.sws != nil)) }

func (e *Encoder) sendPicture(pts int64) error {
	if e.flushed {
		return errors.New("ffmpeg: encode after Flush")
	}
	e.frame.pts = C.int64_t(pts)
	return e.send(e.frame)
}

// send hands f (nil starts draining) to the encoder. An encoder holds one input
// frame and one output packet at most; when both are taken it answers EAGAIN until
// output is collected (libmp3lame at 24 kHz and below does so after a single 576-sample
// frame). The collected packets wait in e.queue for Receive, so callers may pass any
// amount of input between Receive calls.
func (e *Encoder) send(f *C.AVFrame) error {
	idle := false
	for {
		rc := C.avcodec_send_frame(e.cc, f)
		if rc >= 0 {
			return nil
		}
		if rc != averrorEAGAIN {
			return avErrorCtx("encode", rc, unsafe.Pointer(e.cc))
		}
		got, err := e.collect()
		if err != nil {
			return err
		}
		// A receive that yields nothing has still fed the held frame to the codec,
		// so the send is retried; twice nothing in a row would loop for ever.
		if !got && idle {
			return errors.New("ffmpeg: encode: encoder takes no input and has no output")
		}
		idle = !got
	}
}

// collect moves the encoder's next ready packet, if any, to the queue.
func (e *Encoder) collect() (bool, error) {
	var q *C.AVPacket
	if n := len(e.spare); n > 0 {
		q = e.spare[n-1]
		e.spare = e.spare[:n-1]
	} else {
		if q = C.av_packet_alloc(); q == nil {
			return false, errors.New("ffmpeg: out of memory")
		}
		live.Add(1)
	}
	rc := C.avcodec_receive_packet(e.cc, q)
	if rc < 0 {
		e.spare = append(e.spare, q)
		if rc == averrorEAGAIN {
			return false, nil
		}
		return false, avErrorCtx("encode", rc, unsafe.Pointer(e.cc))
	}
	e.queue = append(e.queue, q)
	return true, nil
}

// EncodeAudio takes interleaved float32 samples (the encoder's channel count), of any
// length, and encodes every codec frame they complete; the remainder waits for the
// next call or Flush. Timestamps continue from the previous call. Call Receive until
// ErrAgain afterwards.
func (e *Encoder) EncodeAudio(samples []float32) error {
	if e.video || e.cc == nil {
		return errors.New("ffmpeg: not an open audio encoder")
	}
	if e.flushed {
		return errors.New("ffmpeg: encode after Flush")
	}
	ch := len(e.planes)
	if len(samples)%ch != 0 {
		return fmt.Errorf("ffmpeg: encode: %d samples is not a multiple of %d channels", len(samples), ch)
	}
	for len(samples) > 0 {
		if e.fill == 0 {
			if err := e.startAudioFrame(); err != nil {
				return err
			}
		}
		k := min(e.frameSize-e.fill, len(samples)/ch)
		for c, plane := range e.planes {
			dst := plane[e.fill : e.fill+k]
			for i := range dst {
				dst[i] = samples[i*ch+c]
			}
		}
		e.fill += k
		samples = samples[k*ch:]
		if e.fill == e.frameSize {
			if err := e.sendAudio(); err != nil {
				return err
			}
		}
	}
	return nil
}

// startAudioFrame picks a frame the encoder holds no reference to and points
// e.planes at its buffers.
func (e *Encoder) startAudioFrame() error {
	if C.av_frame_is_writable(e.frame) == 0 {
		e.frame, e.spareFrame = e.spareFrame, e.frame
	}
	// Normally a no-op; copies only if the encoder somehow holds both frames.
	if rc := C.mediad_frame_writable(e.frame); rc < 0 {
		return avError("encode", rc)
	}
	for c := range e.planes {
		e.planes[c] = unsafe.Slice((*float32)(unsafe.Pointer(C.mediad_plane(e.frame, C.int(c)))), e.frameSize)
	}
	return nil
}

// sendAudio sends the e.fill samples staged in the frame; only the last frame
// (from Flush) may be short.
func (e *Encoder) sendAudio() error {
	e.frame.nb_samples = C.int(e.fill)
	e.frame.pts = C.int64_t(e.nextPts)
	e.nextPts += int64(e.fill)
	e.fill = 0
	err := e.send(e.frame)
	e.frame.nb_samples = C.int(e.frameSize)
	return err
}

// Flush encodes what is still queued and starts draining: Receive then returns the
// remaining packets and io.EOF.
func (e *Encoder) Flush() error {
	if e.cc == nil || e.flushed {
		return nil
	}
	if !e.video && e.fill > 0 {
		if err := e.sendAudio(); err != nil {
			return err
		}
	}
	e.flushed = true
	return e.send(nil)
}

// Receive fills p with the next encoded packet (timestamps in TimeBase): ErrAgain when
// the encoder needs more input, io.EOF once flushed and drained.
func (e *Encoder) Receive(p *Packet) error {
	if e.cc == nil {
		return errors.New("ffmpeg: encoder closed")
	}
	C.av_packet_unref(p.p)
	if e.qhead < len(e.queue) {
		q := e.queue[e.qhead]
		e.queue[e.qhead] = nil
		e.qhead++
		if e.qhead == len(e.queue) {
			e.queue, e.qhead = e.queue[:0], 0
		}
		C.av_packet_move_ref(p.p, q)
		e.spare = append(e.spare, q)
	} else if rc := C.avcodec_receive_packet(e.cc, p.p); rc < 0 {
		return avErrorCtx("encode", rc, unsafe.Pointer(e.cc))
	}
	p.tb = e.tb
	if e.video && p.p.duration <= 0 {
		p.p.duration = C.int64_t(e.frameDur)
	}
	return nil
}

// Close frees the encoder; safe to call twice.
func (e *Encoder) Close() error {
	if e.cc != nil {
		C.avcodec_free_context(&e.cc)
		live.Add(-1)
	}
	if e.frame != nil {
		C.av_frame_free(&e.frame)
		live.Add(-1)
	}
	if e.spareFrame != nil {
		C.av_frame_free(&e.spareFrame)
		live.Add(-1)
	}
	if e.sws != nil {
		C.sws_freeContext(e.sws)
		e.sws = nil
		live.Add(-1)
	}
	for _, q := range append(e.queue[e.qhead:], e.spare...) {
		C.av_packet_free(&q)
		live.Add(-1)
	}
	e.queue, e.qhead, e.spare = nil, 0, nil
	clear(e.planes)
	return nil
}

// Muxer writes streams into a container file: AddStream/AddStreamCopy, WriteHeader,
// WritePacket..., Close (which finishes the file). Not safe for concurrent use.
type Muxer struct {
	oc       *C.AVFormatContext
	path     string
	opt      MuxerOptions
	header   bool
	tbs      []Rational
	finished bool
	closeErr error
}

// NewMuxer creates the output file at path.
func NewMuxer(path string, opt MuxerOptions) (*Muxer, error) {
	// "file:" keeps FFmpeg from reading a user's path as a protocol URL (pipe:, http:).
	cpath := C.CString("file:" + path)
	defer C.free(unsafe.Pointer(cpath))
	var cfmt *C.char
	if opt.Format != "" {
		cfmt = C.CString(opt.Format)
		defer C.free(unsafe.Pointer(cfmt))
	}
	m := &Muxer{path: path, opt: opt}
	if rc := C.mediad_muxer_open(&m.oc, cfmt, cpath); rc < 0 {
		return nil, avError("create "+path, rc)
	}
	live.Add(1)
	return m, nil
}

// GlobalHeader reports whether encoders feeding this muxer need GlobalHeader set.
func (m *Muxer) GlobalHeader() bool { return C.mediad_global_header(m.oc) != 0 }

// AddStreamCopy adds an output stream with the parameters (and rotation) of stream i
// of d, for packets copied without re-encoding. It returns the output stream index.
func (m *Muxer) AddStreamCopy(d *Demuxer, i int) (int, error) {
	st := d.avStream(i)
	if st == nil {
		return -1, fmt.Errorf("ffmpeg: no stream %d", i)
	}
	if m.header {
		return -1, errors.New("ffmpeg: streams must be added before WriteHeader")
	}
	n := C.mediad_add_copy(m.oc, st)
	if n < 0 {
		return -1, avError("add stream", n)
	}
	m.tbs = append(m.tbs, rational(st.time_base))
	return int(n), nil
}

// AddStream adds an output stream fed by encoder e.
func (m *Muxer) AddStream(e *Encoder) (int, error) {
	if m.header {
		return -1, errors.New("ffmpeg: streams must be added before WriteHeader")
	}
	n := C.mediad_add_encoded(m.oc, e.cc, C.int(e.rotation))
	if n < 0 {
		return -1, avError("add stream", n)
	}
	m.tbs = append(m.tbs, e.tb)
	return int(n), nil
}

// WriteHeader starts the file once every stream is added.
func (m *Muxer) WriteHeader() error {
	if rc := C.mediad_write_header(m.oc, cbool(m.opt.FastStart)); rc < 0 {
		return avErrorCtx("write header", rc, unsafe.Pointer(m.oc))
	}
	m.header = true
	return nil
}

// WritePacket writes p (timestamps in p.TimeBase()) to output stream `stream`. The
// packet's payload is handed to the muxer; p is left empty.
func (m *Muxer) WritePacket(p *Packet, stream int) error {
	if !m.header {
		return errors.New("ffmpeg: WritePacket before WriteHeader")
	}
	if stream < 0 || stream >= len(m.tbs) {
		return fmt.Errorf("ffmpeg: no output stream %d", stream)
	}
	tb := p.tb
	if tb.Den == 0 {
		tb = m.tbs[stream]
	}
	if rc := C.mediad_write_packet(m.oc, p.p, C.int(stream), C.int(tb.Num), C.int(tb.Den)); rc < 0 {
		return avErrorCtx("write packet", rc, unsafe.Pointer(m.oc))
	}
	return nil
}

// Close finishes the file (trailer; with FastStart the index moves to the front) and
// frees the muxer. A muxer closed before WriteHeader leaves no file behind.
func (m *Muxer) Close() error {
	if m.oc == nil {
		return m.closeErr
	}
	if m.header {
		if rc := C.av_interleaved_write_frame(m.oc, nil); rc < 0 {
			m.closeErr = avErrorCtx("flush", rc, unsafe.Pointer(m.oc))
		}
		if rc := C.av_write_trailer(m.oc); rc < 0 && m.closeErr == nil {
			m.closeErr = avErrorCtx("write trailer", rc, unsafe.Pointer(m.oc))
		}
	}
	C.mediad_muxer_free(m.oc)
	m.oc = nil
	live.Add(-1)
	if !m.header {
		os.Remove(m.path)
	}
	return m.closeErr
}

// Picture is a YUV 4:2:0 picture (BT.601, limited range, as EncodeRGBA produces)
// at a video encoder's size, whose planes the caller fills itself, e.g. converting
// straight from a canvas on its own goroutine, and then encodes with
// EncodePicture. Y is Height rows of YStride bytes, Cb and Cr Height/2 rows of
// CStride bytes; only the first Width (Width/2) bytes of each row are pictured.
// The planes live in C memory: the slices are invalid after Free.
type Picture struct {
	f                *C.AVFrame
	Y, Cb, Cr        []byte
	YStride, CStride int
	Width, Height    int
}

// NewPicture allocates a Picture for EncodePicture; pictures may be filled on any
// goroutine and several may be in flight, one per pipeline buffer.
func (e *Encoder) NewPicture() (*Picture, error) {
	if !e.video || e.cc == nil {
		return nil, errors.New("ffmpeg: not an open video encoder")
	}
	p := &Picture{Width: int(e.cc.width), Height: int(e.cc.height)}
	if p.f = C.mediad_video_frame(e.cc.width, e.cc.height); p.f == nil {
		return nil, errors.New("ffmpeg: out of memory")
	}
	live.Add(1)
	p.planes()
	return p, nil
}

// planes points the slices at the frame's (current) buffers.
func (p *Picture) planes() {
	p.YStride = int(C.mediad_frame_linesize(p.f, 0))
	// av_frame_get_buffer gives both chroma planes of 4:2:0 the same linesize.
	p.CStride = int(C.mediad_frame_linesize(p.f, 1))
	p.Y = unsafe.Slice((*byte)(C.mediad_frame_data(p.f, 0)), p.YStride*p.Height)
	p.Cb = unsafe.Slice((*byte)(C.mediad_frame_data(p.f, 1)), p.CStride*p.Height/2)
	p.Cr = unsafe.Slice((*byte)(C.mediad_frame_data(p.f, 2)), p.CStride*p.Height/2)
}

// Free releases the picture; safe to call twice.
func (p *Picture) Free() {
	if p.f != nil {
		C.av_frame_free(&p.f)
		live.Add(-1)
	}
	p.Y, p.Cb, p.Cr = nil, nil, nil
}

// EncodePicture encodes p at pts. When it returns the encoder holds no reference to
// p's planes (packets it produced wait for Receive), so p may be refilled at once.
func (e *Encoder) EncodePicture(p *Picture, pts int64) error {
	if !e.video || e.cc == nil {
		return errors.New("ffmpeg: not an open video encoder")
	}
	if p == nil || p.f == nil || p.Width != int(e.cc.width) || p.Height != int(e.cc.height) {
		return errors.New("ffmpeg: encode: picture not made by this encoder")
	}
	if e.flushed {
		return errors.New("ffmpeg: encode after Flush")
	}
	p.f.pts = C.int64_t(pts)
	if err := e.send(p.f); err != nil {
		return err
	}
	// libavcodec keeps the frame until the codec has taken it, which happens in a
	// later receive when a packet was pending; collecting the output now lets the
	// codec (libx264 copies its input) let go of p.
	for {
		got, err := e.collect()
		if err != nil {
			return err
		}
		if !got {
			break
		}
	}
	if C.av_frame_is_writable(p.f) == 0 {
		// Encoders on libavcodec's frame threads (rawvideo, mpeg4 …, not libx264)
		// keep the frame until a worker is done with it: give p fresh planes rather
		// than let the caller overwrite a picture still being coded.
		if rc := C.mediad_frame_writable(p.f); rc < 0 {
			return avError("encode", rc)
		}
		p.planes()
	}
	return nil
}

// Flushed reports whether Flush has been called.
func (e *Encoder) Flushed() bool { return e.flushed }
