//go:build cgo && !noffmpeg

package ffmpeg

/*
#cgo pkg-config: libavformat libavcodec libavutil libswscale libswresample
#include <stdint.h>
#include <stdlib.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
#include <libavutil/error.h>

AVIOContext *mediad_avio_new(uintptr_t handle, int bufsize);
void mediad_log_init(void);
void mediad_log_print_level(int level);
int mediad_log_take(void *ctx, char *out, int n);
void mediad_avio_free(AVIOContext *pb);

static void mediad_strerror(int code, char *buf, size_t n) {
	if (av_strerror(code, buf, n) < 0) snprintf(buf, n, "error %d", code);
}

static AVStream *mediad_stream(AVFormatContext *fc, unsigned i) { return fc->streams[i]; }

// mediad_orientation reads the display matrix: the clockwise rotation that shows the
// picture upright, and whether it is mirrored. Returns 0 when there is no matrix.
static int mediad_orientation(AVStream *st, double *rot, int *flip) {
	int32_t *m = (int32_t *)av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, NULL);
	if (!m) return 0;
	// av_display_rotation_get is counter-clockwise; the CLI negates it for autorotate.
	double r = -av_display_rotation_get(m);
	if (r != r) r = 0; // NaN for a degenerate matrix
	*rot = r;
	// A negative determinant of the 2x2 part means the matrix also flips.
	int64_t det = (int64_t)m[0] * m[4] - (int64_t)m[1] * m[3];
	*flip = det < 0;
	return 1;
}

static int mediad_open_file(AVFormatContext **fc, const char *path) {
	// Allocated here (not by avformat_open_input) so log lines can be matched to it.
	if (!*fc) return AVERROR(ENOMEM);
	return avformat_open_input(fc, path, NULL, NULL);
}

static int mediad_open_io(AVFormatContext **fc, AVIOContext *pb) {
	if (!*fc) return AVERROR(ENOMEM);
	(*fc)->pb = pb;
	(*fc)->flags |= AVFMT_FLAG_CUSTOM_IO;
	// On failure avformat_open_input frees *fc (but not the custom pb).
	return avformat_open_input(fc, NULL, NULL, NULL);
}

// mediad_find_stream_info probes the streams with every probe decoder limited to
// max_pixels, so a header claiming a huge picture is refused before FFmpeg allocates it.
static int mediad_find_stream_info(AVFormatContext *fc, int64_t max_pixels) {
	unsigned n = fc->nb_streams;
	AVDictionary **opts = NULL;
	if (n > 0) {
		opts = av_calloc(n, sizeof(*opts));
		if (!opts) return AVERROR(ENOMEM);
		for (unsigned i = 0; i < n; i++) av_dict_set_int(&opts[i], "max_pixels", max_pixels, 0);
	}
	int rc = avformat_find_stream_info(fc, opts);
	for (unsigned i = 0; i < n; i++) av_dict_free(&opts[i]);
	av_freep(&opts);
	return rc;
}

static const char *mediad_codec_name(enum AVCodecID id) { return avcodec_get_name(id); }
static const char *mediad_codec_long(enum AVCodecID id) {
	const AVCodecDescriptor *d = avcodec_descriptor_get(id);
	return d && d->long_name ? d->long_name : "";
}
static const char *mediad_pix_fmt(int f) { const char *s = av_get_pix_fmt_name(f); return s ? s : ""; }
static const char *mediad_sample_fmt(int f) { const char *s = av_get_sample_fmt_name(f); return s ? s : ""; }
static int mediad_is_error(int v) { return v < 0; }
static int mediad_eagain(void) { return AVERROR(EAGAIN); }
*/
import "C"

import (
	"errors"
	"io"
	"math"
	"os"
	"sync/atomic"
	"unsafe"
)

// live counts the C objects currently owned by wrappers of this package, so tests can
// check that every path frees what it allocated.
var live atomic.Int64

// LiveObjects reports how many C objects (demuxers, decoders, packets, frames,
// converters, encoders, muxers) are allocated and not yet freed.
func LiveObjects() int64 { return live.Load() }

func init() { C.mediad_log_init() }

// Log levels for SetLogLevel (FFmpeg's AV_LOG_* values).
const (
	LogQuiet   = -8
	LogError   = 16
	LogWarning = 24
	LogInfo    = 32
	LogDebug   = 48
)

// SetLogLevel makes FFmpeg print its messages up to level on stderr. The default,
// LogQuiet, prints nothing; error-level lines still reach the returned errors.
func SetLogLevel(level int) { C.mediad_log_print_level(C.int(level)) }

// averrorEAGAIN is AVERROR(EAGAIN), for files whose C preamble lacks the helper.
var averrorEAGAIN = C.mediad_eagain()

func avError(op string, code C.int) error { return avErrorCtx(op, code, nil) }

// avErrorCtx builds the error for code, adding the last line FFmpeg logged for the
// context ctx (an AVFormatContext or AVCodecContext), which is usually the real reason.
func avErrorCtx(op string, code C.int, ctx unsafe.Pointer) error {
	if code == averrorEOF {
		return io.EOF
	}
	if code == C.mediad_eagain() {
		return ErrAgain
	}
	var buf [256]C.char
	C.mediad_strerror(code, &buf[0], C.size_t(len(buf)))
	msg := C.GoString(&buf[0])
	if ctx != nil {
		var line [256]C.char
		if C.mediad_log_take(ctx, &line[0], C.int(len(line))) != 0 {
			msg += " (" + C.GoString(&line[0]) + ")"
		}
	}
	return &Error{Op: op, Code: int(code), Msg: msg}
}

func rational(r C.AVRational) Rational { return Rational{int(r.num), int(r.den)} }

func dictToMap(d *C.AVDictionary) map[string]string {
	if d == nil {
		return nil
	}
	m := map[string]string{}
	var e *C.AVDictionaryEntry
	empty := C.CString("")
	defer C.free(unsafe.Pointer(empty))
	for {
		e = C.av_dict_get(d, empty, e, C.AV_DICT_IGNORE_SUFFIX)
		if e == nil {
			break
		}
		m[C.GoString(e.key)] = C.GoString(e.value)
	}
	return m
}

// Demuxer reads packets from a container. It is not safe for concurrent use.
type Demuxer struct {
	fc     *C.AVFormatContext
	pb     *C.AVIOContext // custom I/O, nil for paths
	handle uintptr        // ioHandles key, 0 for paths
	path   string
	// headerSize is each stream's picture size as the container header states it.
	// Probing resets a size it refused (above the pixel limit) to 0, and the limit
	// must still apply.
	headerSize [][2]int
}

// Open opens the container at path (a local file; FFmpeg's protocols are not exposed).
func Open(path string) (*Demuxer, error) {
	// Stat first so a missing file reads as the familiar Go error, and so FFmpeg never
	// sees a "proto:" URL from user input.
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	// A FIFO or device could block FFmpeg's reads forever; only regular files are read.
	if !st.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: path, Err: errors.New("not a regular file")}
	}
	cpath := C.CString("file:" + path)
	defer C.free(unsafe.Pointer(cpath))
	d := &Demuxer{path: path}
	d.fc = C.avformat_alloc_context()
	ctx := unsafe.Pointer(d.fc)
	if rc := C.mediad_open_file(&d.fc, cpath); rc < 0 {
		return nil, avErrorCtx("open "+path, rc, ctx)
	}
	live.Add(1)
	if err := d.findStreamInfo(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// OpenReader opens a container read from r. r must stay usable until Close.
func OpenReader(r io.ReadSeeker) (*Demuxer, error) {
	d := &Demuxer{handle: newIOHandle(r)}
	d.pb = C.mediad_avio_new(C.uintptr_t(d.handle), 64<<10)
	if d.pb == nil {
		deleteIOHandle(d.handle)
		return nil, errors.New("ffmpeg: out of memory")
	}
	live.Add(1) // the I/O context
	d.fc = C.avformat_alloc_context()
	ctx := unsafe.Pointer(d.fc)
	if rc := C.mediad_open_io(&d.fc, d.pb); rc < 0 {
		err := d.readerError(avErrorCtx("open", rc, ctx))
		d.fc = nil
		d.Close()
		return nil, err
	}
	live.Add(1)
	if err := d.findStreamInfo(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// readerError prefers the Go reader's own error over FFmpeg's generic I/O error.
func (d *Demuxer) readerError(err error) error {
	if d.handle != 0 {
		if h := lookupIOHandle(d.handle); h != nil && h.err != nil {
			return h.err
		}
	}
	return err
}

func (d *Demuxer) findStreamInfo() error {
	for i := 0; i < int(d.fc.nb_streams); i++ {
		par := C.mediad_stream(d.fc, C.unsigned(i)).codecpar
		d.headerSize = append(d.headerSize, [2]int{int(par.width), int(par.height)})
	}
	if rc := C.mediad_find_stream_info(d.fc, DefaultMaxPixels); rc < 0 {
		return d.readerError(avErrorCtx("find stream info", rc, unsafe.Pointer(d.fc)))
	}
	if d.fc.nb_streams == 0 {
		return &Error{Op: "open", Code: -1, Msg: "no streams"}
	}
	return nil
}

// Close frees the demuxer; it is safe to call more than once.
func (d *Demuxer) Close() error {
	if d.fc != nil {
		C.avformat_close_input(&d.fc)
		live.Add(-1)
	}
	if d.pb != nil {
		C.mediad_avio_free(d.pb)
		d.pb = nil
		live.Add(-1)
	}
	if d.handle != 0 {
		deleteIOHandle(d.handle)
		d.handle = 0
	}
	return nil
}

// Format describes the container.
func (d *Demuxer) Format() FormatInfo {
	fi := FormatInfo{
		Name:     C.GoString(d.fc.iformat.name),
		LongName: C.GoString(d.fc.iformat.long_name),
		BitRate:  int64(d.fc.bit_rate),
		Tags:     dictToMap(d.fc.metadata),
	}
	if d.fc.duration > 0 {
		fi.Duration = float64(d.fc.duration) / float64(C.AV_TIME_BASE)
	}
	return fi
}

// NumStreams returns the number of streams.
func (d *Demuxer) NumStreams() int { return int(d.fc.nb_streams) }

// Streams describes every stream.
func (d *Demuxer) Streams() []StreamInfo {
	out := make([]StreamInfo, d.NumStreams())
	for i := range out {
		out[i] = d.Stream(i)
	}
	return out
}

func (d *Demuxer) avStream(i int) *C.AVStream {
	if i < 0 || i >= d.NumStreams() {
		return nil
	}
	return C.mediad_stream(d.fc, C.unsigned(i))
}

// Stream describes stream i (the zero StreamInfo when i is out of range).
func (d *Demuxer) Stream(i int) StreamInfo {
	st := d.avStream(i)
	if st == nil {
		return StreamInfo{Index: -1}
	}
	par := st.codecpar
	si := StreamInfo{
		Index:     i,
		Codec:     C.GoString(C.mediad_codec_name(par.codec_id)),
		CodecLong: C.GoString(C.mediad_codec_long(par.codec_id)),
		TimeBase:  rational(st.time_base),
		StartTime: int64(st.start_time),
		Duration:  int64(st.duration),
		NbFrames:  int64(st.nb_frames),
		BitRate:   int64(par.bit_rate),
		Tags:      dictToMap(st.metadata),
	}
	if p := C.avcodec_profile_name(par.codec_id, par.profile); p != nil {
		si.Profile = C.GoString(p)
	}
	switch par.codec_type {
	case C.AVMEDIA_TYPE_VIDEO:
		si.Type = MediaVideo
		si.Width, si.Height = int(par.width), int(par.height)
		if si.Width == 0 && i < len(d.headerSize) {
			si.Width, si.Height = d.headerSize[i][0], d.headerSize[i][1]
		}
		si.PixelFormat = C.GoString(C.mediad_pix_fmt(par.format))
		si.FrameRate = rational(st.avg_frame_rate)
		if si.FrameRate.Den == 0 || si.FrameRate.Num == 0 {
			si.FrameRate = rational(st.r_frame_rate)
		}
		var rot C.double
		var flip C.int
		if C.mediad_orientation(st, &rot, &flip) != 0 {
			si.Rotation = normalizeRotation(float64(rot))
			si.Mirrored = flip != 0
		} else if r, ok := si.Tags["rotate"]; ok {
			var deg float64
			for _, c := range r {
				if c < '0' || c > '9' {
					deg = math.NaN()
					break
				}
				deg = deg*10 + float64(c-'0')
			}
			if !math.IsNaN(deg) {
				si.Rotation = normalizeRotation(deg)
			}
		}
	case C.AVMEDIA_TYPE_AUDIO:
		si.Type = MediaAudio
		si.SampleRate = int(par.sample_rate)
		si.Channels = int(par.ch_layout.nb_channels)
		si.SampleFormat = C.GoString(C.mediad_sample_fmt(par.format))
	}
	return si
}

// normalizeRotation rounds to the nearest quarter turn in [0, 360).
func normalizeRotation(deg float64) int {
	q := int(math.Round(deg/90)) % 4
	if q < 0 {
		q += 4
	}
	return q * 90
}

// BestStream returns the index of the stream FFmpeg considers the main one of type t,
// or -1.
func (d *Demuxer) BestStream(t MediaType) int {
	var mt C.enum_AVMediaType
	switch t {
	case MediaVideo:
		mt = C.AVMEDIA_TYPE_VIDEO
	case MediaAudio:
		mt = C.AVMEDIA_TYPE_AUDIO
	default:
		return -1
	}
	n := C.av_find_best_stream(d.fc, mt, -1, -1, nil, 0)
	if n < 0 {
		return -1
	}
	// Attached pictures (cover art) are "video" streams with one frame; not wanted.
	if t == MediaVideo && d.avStream(int(n)).disposition&C.AV_DISPOSITION_ATTACHED_PIC != 0 {
		return -1
	}
	return int(n)
}

// SetDiscard makes the demuxer skip (keep==false) or read the packets of stream i;
// skipping unused streams saves parsing work.
func (d *Demuxer) SetDiscard(i int, keep bool) {
	st := d.avStream(i)
	if st == nil {
		return
	}
	if keep {
		st.discard = C.AVDISCARD_DEFAULT
	} else {
		st.discard = C.AVDISCARD_ALL
	}
}

// ReadPacket reads the next packet into p (replacing what it held). It returns io.EOF
// at the end of the container.
func (d *Demuxer) ReadPacket(p *Packet) error {
	if d.fc == nil {
		return errors.New("ffmpeg: demuxer closed")
	}
	C.av_packet_unref(p.p)
	if rc := C.av_read_frame(d.fc, p.p); rc < 0 {
		err := avErrorCtx("read packet", rc, unsafe.Pointer(d.fc))
		if err == io.EOF {
			return io.EOF
		}
		return d.readerError(err)
	}
	p.tb = rational(d.avStream(int(p.p.stream_index)).time_base)
	return nil
}

// SeekMs positions the demuxer on the last keyframe of stream at or before ms
// (milliseconds on the stream's timeline). Decoders must be flushed afterwards; callers
// wanting frame accuracy then drop decoded frames before the target.
func (d *Demuxer) SeekMs(stream int, ms int64) error {
	st := d.avStream(stream)
	if st == nil {
		return errors.New("ffmpeg: seek: no such stream")
	}
	tb := rational(st.time_base)
	ts := FromMs(ms, tb)
	if st.start_time != C.AV_NOPTS_VALUE {
		ts += int64(st.start_time)
	}
	rc := C.av_seek_frame(d.fc, C.int(stream), C.int64_t(ts), C.AVSEEK_FLAG_BACKWARD)
	if rc < 0 {
		// Some demuxers cannot seek backward past the first keyframe; try any frame.
		rc = C.av_seek_frame(d.fc, C.int(stream), C.int64_t(ts), C.AVSEEK_FLAG_BACKWARD|C.AVSEEK_FLAG_ANY)
		if rc < 0 {
			return d.readerError(avError("seek", rc))
		}
	}
	return nil
}

// Packet is one compressed packet. Allocate with NewPacket and Free when done.
type Packet struct {
	p  *C.AVPacket
	tb Rational
}

// NewPacket allocates an empty packet.
func NewPacket() *Packet {
	p := C.av_packet_alloc()
	if p == nil {
		panic("ffmpeg: out of memory")
	}
	live.Add(1)
	pk := &Packet{p: p}
	return pk
}

// Free releases the packet; safe to call twice.
func (p *Packet) Free() {
	if p.p != nil {
		C.av_packet_free(&p.p)
		live.Add(-1)
	}
}

// Unref empties the packet, keeping the wrapper for reuse.
func (p *Packet) Unref() { C.av_packet_unref(p.p) }

// StreamIndex is the index of the stream the packet belongs to.
func (p *Packet) StreamIndex() int { return int(p.p.stream_index) }

// TimeBase is the time base of Pts, Dts and Duration.
func (p *Packet) TimeBase() Rational { return p.tb }

// Pts, Dts and Duration are in TimeBase units (NoPTS when unknown).
func (p *Packet) Pts() int64      { return int64(p.p.pts) }
func (p *Packet) Dts() int64      { return int64(p.p.dts) }
func (p *Packet) Duration() int64 { return int64(p.p.duration) }

// SetTimestamps replaces pts and dts (TimeBase units), e.g. to shift a copied stream.
func (p *Packet) SetTimestamps(pts, dts int64) {
	p.p.pts, p.p.dts = C.int64_t(pts), C.int64_t(dts)
}

// Key reports a keyframe packet.
func (p *Packet) Key() bool { return p.p.flags&C.AV_PKT_FLAG_KEY != 0 }

// Size is the payload size in bytes.
func (p *Packet) Size() int { return int(p.p.size) }

// Data copies the payload.
func (p *Packet) Data() []byte {
	if p.p.data == nil || p.p.size <= 0 {
		return nil
	}
	return C.GoBytes(unsafe.Pointer(p.p.data), p.p.size)
}

// AppendData appends the payload to dst and returns it: with a reused dst, copying
// packets out of an encoder loop allocates nothing, unlike Data.
func (p *Packet) AppendData(dst []byte) []byte {
	if p.p.data == nil || p.p.size <= 0 {
		return dst
	}
	return append(dst, unsafe.Slice((*byte)(unsafe.Pointer(p.p.data)), int(p.p.size))...)
}
