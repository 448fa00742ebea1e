//go:build cgo && !noffmpeg

package ffmpeg

/*
#include <stdint.h>
#include <stdlib.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>


static int mediad_open_decoder(AVCodecContext **out, AVStream *st, int threads, int64_t max_pixels) {
	const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
	if (!codec) return AVERROR_DECODER_NOT_FOUND;
	AVCodecContext *cc = avcodec_alloc_context3(codec);
	if (!cc) return AVERROR(ENOMEM);
	int rc = avcodec_parameters_to_context(cc, st->codecpar);
	if (rc < 0) { avcodec_free_context(&cc); return rc; }
	cc->pkt_timebase = st->time_base;
	cc->thread_count = threads;
	cc->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
	cc->max_pixels = max_pixels;
	rc = avcodec_open2(cc, codec, NULL);
	if (rc < 0) { avcodec_free_context(&cc); return rc; }
	*out = cc;
	return 0;
}

// mediad_to_rgba converts f into dst (a buffer lent by Go for this call only).
static int mediad_to_rgba(struct SwsContext **sws, AVFrame *f, uint8_t *dst, int stride) {
	*sws = sws_getCachedContext(*sws, f->width, f->height, f->format,
		f->width, f->height, AV_PIX_FMT_RGBA, SWS_BICUBIC, NULL, NULL, NULL);
	if (!*sws) return AVERROR(EINVAL);
	uint8_t *d[4] = {dst, NULL, NULL, NULL};
	int ds[4] = {stride, 0, 0, 0};
	int h = sws_scale(*sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, d, ds);
	return h < 0 ? h : 0;
}

static int mediad_swr_setup(SwrContext **swr, AVFrame *f, int out_rate, int out_channels) {
	AVChannelLayout out_layout;
	av_channel_layout_default(&out_layout, out_channels);
	// Zeroed: av_channel_layout_copy uninits its destination first, which frees
	// the map of a CUSTOM layout, so stack garbage there crashed in free().
	AVChannelLayout in_layout = {0};
	int rc;
	if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || f->ch_layout.nb_channels == 0) {
		av_channel_layout_default(&in_layout, f->ch_layout.nb_channels > 0 ? f->ch_layout.nb_channels : 1);
	} else if ((rc = av_channel_layout_copy(&in_layout, &f->ch_layout)) < 0) {
		return rc;
	}
	swr_free(swr);
	rc = swr_alloc_set_opts2(swr, &out_layout, AV_SAMPLE_FMT_FLT, out_rate,
		&in_layout, f->format, f->sample_rate, 0, NULL);
	av_channel_layout_uninit(&in_layout);
	av_channel_layout_uninit(&out_layout);
	if (rc < 0) return rc;
	rc = swr_init(*swr);
	if (rc < 0) swr_free(swr);
	return rc;
}

// mediad_swr_convert converts f (or flushes, when f is NULL) into dst, lent by Go.
static int mediad_swr_convert(SwrContext *swr, AVFrame *f, uint8_t *dst, int out_samples) {
	uint8_t *d[1] = {dst};
	if (!f) return swr_convert(swr, d, out_samples, NULL, 0);
	return swr_convert(swr, d, out_samples, (const uint8_t **)f->extended_data, f->nb_samples);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
	"unsafe"
)

// HasDecoder reports whether this build of FFmpeg decodes the codec (e.g. "hevc").
func HasDecoder(codec string) bool {
	name := C.CString(codec)
	defer C.free(unsafe.Pointer(name))
	if C.avcodec_find_decoder_by_name(name) != nil {
		return true
	}
	d := C.avcodec_descriptor_get_by_name(name)
	return d != nil && C.avcodec_find_decoder(d.id) != nil
}

// HasEncoder reports whether this build of FFmpeg has the named encoder (e.g.
// "libx265") or an encoder for the named codec (e.g. "hevc").
func HasEncoder(codec string) bool {
	name := C.CString(codec)
	defer C.free(unsafe.Pointer(name))
	if C.avcodec_find_encoder_by_name(name) != nil {
		return true
	}
	d := C.avcodec_descriptor_get_by_name(name)
	return d != nil && C.avcodec_find_encoder(d.id) != nil
}

// Frame is one decoded picture or block of audio samples, in C memory.
type Frame struct {
	f  *C.AVFrame
	tb Rational
}

// NewFrame allocates an empty frame.
func NewFrame() *Frame {
	f := C.av_frame_alloc()
	if f == nil {
		panic("ffmpeg: out of memory")
	}
	live.Add(1)
	return &Frame{f: f}
}

// Free releases the frame; safe to call twice.
func (f *Frame) Free() {
	if f.f != nil {
		C.av_frame_free(&f.f)
		live.Add(-1)
	}
}

// Swap exchanges the contents of f and g without copying, so a caller can hold one
// decoded frame back while decoding the next.
func (f *Frame) Swap(g *Frame) { *f, *g = *g, *f }

// Width and Height of a video frame.
func (f *Frame) Width() int  { return int(f.f.width) }
func (f *Frame) Height() int { return int(f.f.height) }

// TimeBase is the unit of Pts, PktDts and Duration (the stream's time base).
func (f *Frame) TimeBase() Rational { return f.tb }

// Pts is the frame's presentation time: FFmpeg's best-effort timestamp, which also
// covers streams whose packets carry only dts.
func (f *Frame) Pts() int64 { return int64(f.f.best_effort_timestamp) }

// PktDts is the dts of the packet that produced the frame.
func (f *Frame) PktDts() int64 { return int64(f.f.pkt_dts) }

// Duration of the frame in TimeBase units (0 when unknown).
func (f *Frame) Duration() int64 { return int64(f.f.pkt_duration) }

// Key reports a keyframe.
func (f *Frame) Key() bool { return f.f.key_frame != 0 }

// Samples is the number of audio samples per channel.
func (f *Frame) Samples() int { return int(f.f.nb_samples) }

// decoder is the part shared by video and audio decoders.
type decoder struct {
	cc     *C.AVCodecContext
	stream int
	tb     Rational
}

func openDecoder(d *Demuxer, stream int, want MediaType, threads, maxPixels int) (decoder, error) {
	st := d.avStream(stream)
	if st == nil {
		return decoder{}, fmt.Errorf("ffmpeg: no stream %d", stream)
	}
	if d.Stream(stream).Type != want {
		return decoder{}, fmt.Errorf("ffmpeg: stream %d is not %s", stream, want)
	}
	var cc *C.AVCodecContext
	if rc := C.mediad_open_decoder(&cc, st, C.int(threads), C.int64_t(maxPixels)); rc < 0 {
		return decoder{}, avError("open decoder "+d.Stream(stream).Codec, rc)
	}
	live.Add(1)
	return decoder{cc: cc, stream: stream, tb: rational(st.time_base)}, nil
}

func (c *decoder) close() {
	if c.cc != nil {
		C.avcodec_free_context(&c.cc)
		live.Add(-1)
	}
}

// Send feeds one packet; nil starts draining. ErrAgain means Receive must be called
// first. Packets of other streams are ignored.
func (c *decoder) Send(p *Packet) error {
	if c.cc == nil {
		return errors.New("ffmpeg: decoder closed")
	}
	var rc C.int
	if p == nil {
		rc = C.avcodec_send_packet(c.cc, nil)
	} else {
		if p.StreamIndex() != c.stream {
			return nil
		}
		rc = C.avcodec_send_packet(c.cc, p.p)
	}
	if rc < 0 {
		return avErrorCtx("decode", rc, unsafe.Pointer(c.cc))
	}
	return nil
}

// Receive fills f with the next decoded frame: ErrAgain when more input is needed,
// io.EOF once drained.
func (c *decoder) Receive(f *Frame) error {
	if c.cc == nil {
		return errors.New("ffmpeg: decoder closed")
	}
	rc := C.avcodec_receive_frame(c.cc, f.f)
	if rc < 0 {
		return avErrorCtx("decode", rc, unsafe.Pointer(c.cc))
	}
	f.tb = c.tb
	return nil
}

// Flush drops buffered frames (after a seek) and leaves the decoder ready for input.
func (c *decoder) Flush() {
	if c.cc != nil {
		C.avcodec_flush_buffers(c.cc)
	}
}

// Stream is the index of the decoded stream.
func (c *decoder) Stream() int { return c.stream }

// VideoDecoder decodes one video stream. Not safe for concurrent use.
type VideoDecoder struct {
	decoder
	maxPixels int
}

// NewVideoDecoder opens a decoder for video stream `stream` of d.
func NewVideoDecoder(d *Demuxer, stream int, opt VideoDecoderOptions) (*VideoDecoder, error) {
	limit := opt.MaxPixels
	if limit <= 0 {
		limit = DefaultMaxPixels
	}
	si := d.Stream(stream)
	w, h := si.Width, si.Height
	if stream >= 0 && stream < len(d.headerSize) {
		w, h = max(w, d.headerSize[stream][0]), max(h, d.headerSize[stream][1])
	}
	if si.Type == MediaVideo && int64(w)*int64(h) > int64(limit) {
		return nil, fmt.Errorf("%w: %dx%d", ErrTooLarge, w, h)
	}
	dec, err := openDecoder(d, stream, MediaVideo, opt.Threads, limit)
	if err != nil {
		return nil, err
	}
	return &VideoDecoder{decoder: dec, maxPixels: limit}, nil
}

// Send feeds one packet (see decoder.Send).
func (v *VideoDecoder) Send(p *Packet) error { return v.sizeError(v.decoder.Send(p)) }

// sizeError names ErrTooLarge when FFmpeg refused a picture because of the pixel
// limit: its own message then is only "Invalid argument".
func (v *VideoDecoder) sizeError(err error) error {
	if err == nil || err == ErrAgain || err == io.EOF || v.cc == nil {
		return err
	}
	if w, h := int64(v.cc.width), int64(v.cc.height); w*h > int64(v.maxPixels) {
		return fmt.Errorf("%w: %dx%d (%v)", ErrTooLarge, w, h, err)
	}
	return err
}

// Receive fills f with the next picture (see decoder.Receive), refusing pictures above
// the pixel limit.
func (v *VideoDecoder) Receive(f *Frame) error {
	if err := v.decoder.Receive(f); err != nil {
		return v.sizeError(err)
	}
	if f.Width() <= 0 || f.Height() <= 0 || int64(f.Width())*int64(f.Height()) > int64(v.maxPixels) {
		return fmt.Errorf("%w: %dx%d", ErrTooLarge, f.Width(), f.Height())
	}
	return nil
}

// Close frees the decoder; safe to call twice.
func (v *VideoDecoder) Close() error { v.close(); return nil }

// AudioDecoder decodes one audio stream. Not safe for concurrent use.
type AudioDecoder struct{ decoder }

// NewAudioDecoder opens a decoder for audio stream `stream` of d.
func NewAudioDecoder(d *Demuxer, stream int) (*AudioDecoder, error) {
	dec, err := openDecoder(d, stream, MediaAudio, 1, DefaultMaxPixels)
	if err != nil {
		return nil, err
	}
	return &AudioDecoder{dec}, nil
}

// SampleRate and Channels of the decoded stream.
func (a *AudioDecoder) SampleRate() int { return int(a.cc.sample_rate) }
func (a *AudioDecoder) Channels() int   { return int(a.cc.ch_layout.nb_channels) }

// Close frees the decoder; safe to call twice.
func (a *AudioDecoder) Close() error { a.close(); return nil }

// RGBAConverter converts video frames to 8-bit RGBA (alpha 255 for opaque sources).
// It caches its swscale context across frames of the same geometry.
type RGBAConverter struct {
	sws *C.struct_SwsContext
}

// NewRGBAConverter returns a converter; Close it when done.
func NewRGBAConverter() *RGBAConverter { return &RGBAConverter{} }

// Convert writes f as RGBA into dst with the given row stride (>= 4*width); dst must
// hold stride*height bytes.
func (c *RGBAConverter) Convert(f *Frame, dst []byte, stride int) error {
	w, h := f.Width(), f.Height()
	if w <= 0 || h <= 0 {
		return errors.New("ffmpeg: convert: empty frame")
	}
	if stride < 4*w || len(dst) < stride*(h-1)+4*w {
		return fmt.Errorf("ffmpeg: convert: buffer too small for %dx%d", w, h)
	}
	had := c.sws != nil
	rc := C.mediad_to_rgba(&c.sws, f.f, (*C.uint8_t)(unsafe.Pointer(&dst[0])), C.int(stride))
	live.Add(swsDelta(had, c.sws != nil))
	if rc < 0 {
		return avError("convert to rgba", rc)
	}
	return nil
}

// swsDelta is the change in live objects when sws_getCachedContext turned a context
// that existed (had) into one that exists (has): it frees the old one on failure.
func swsDelta(had, has bool) int64 {
	switch {
	case !had && has:
		return 1
	case had && !has:
		return -1
	}
	return 0
}

// Close frees the converter; safe to call twice.
func (c *RGBAConverter) Close() {
	if c.sws != nil {
		C.sws_freeContext(c.sws)
		c.sws = nil
		live.Add(-1)
	}
}

// Resampler converts decoded audio to interleaved float32 at a fixed rate and channel
// count. It configures itself from the first frame and again if the input changes.
type Resampler struct {
	out                 AudioFormat
	swr                 *C.SwrContext
	inRate, inCh, inFmt int
}

// NewResampler returns a resampler to out; zero fields keep the input's values.
func NewResampler(out AudioFormat) *Resampler { return &Resampler{out: out} }

// Format is the output format (known after the first Convert when fields were zero).
func (r *Resampler) Format() AudioFormat { return r.out }

// Convert appends f's samples, converted, to dst and returns it.
func (r *Resampler) Convert(f *Frame, dst []float32) ([]float32, error) {
	rate, ch, fmtv := int(f.f.sample_rate), int(f.f.ch_layout.nb_channels), int(f.f.format)
	if rate <= 0 || ch <= 0 {
		return dst, errors.New("ffmpeg: resample: frame without rate or channels")
	}
	if r.swr == nil || rate != r.inRate || ch != r.inCh || fmtv != r.inFmt {
		if r.out.SampleRate == 0 {
			r.out.SampleRate = rate
		}
		if r.out.Channels == 0 {
			r.out.Channels = ch
		}
		had := r.swr != nil
		if rc := C.mediad_swr_setup(&r.swr, f.f, C.int(r.out.SampleRate), C.int(r.out.Channels)); rc < 0 {
			if had {
				live.Add(-1)
			}
			return dst, avError("resample setup", rc)
		}
		if !had {
			live.Add(1)
		}
		r.inRate, r.inCh, r.inFmt = rate, ch, fmtv
	}
	return r.convert(f.f, int(f.f.nb_samples), dst)
}

// Flush appends the samples the resampler still holds.
func (r *Resampler) Flush(dst []float32) ([]float32, error) {
	if r.swr == nil {
		return dst, nil
	}
	return r.convert(nil, 0, dst)
}

func (r *Resampler) convert(f *C.AVFrame, in int, dst []float32) ([]float32, error) {
	max := int(C.swr_get_out_samples(r.swr, C.int(in)))
	if max <= 0 {
		return dst, nil
	}
	ch := r.out.Channels
	start := len(dst)
	need := start + max*ch
	if cap(dst) < need {
		nd := make([]float32, start, need+need/4)
		copy(nd, dst)
		dst = nd
	}
	dst = dst[:need]
	n := C.mediad_swr_convert(r.swr, f, (*C.uint8_t)(unsafe.Pointer(&dst[start])), C.int(max))
	if n < 0 {
		return dst[:start], avError("resample", n)
	}
	return dst[:start+int(n)*ch], nil
}

// Close frees the resampler; safe to call twice.
func (r *Resampler) Close() {
	if r.swr != nil {
		C.swr_free(&r.swr)
		live.Add(-1)
	}
}
