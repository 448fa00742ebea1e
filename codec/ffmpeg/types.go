package ffmpeg

import (
	"errors"
	"fmt"
)

// ErrNoFFmpeg is returned by every constructor of a build without FFmpeg.
var ErrNoFFmpeg = errors.New("ffmpeg: built without FFmpeg")

// ErrAgain is returned by Receive calls when the codec needs more input first.
var ErrAgain = errors.New("ffmpeg: need more input")

// ErrTooLarge is returned when a stream claims more pixels than the configured limit;
// it is checked before any pixel buffer is allocated.
var ErrTooLarge = errors.New("ffmpeg: frame too large")

// Error is an FFmpeg failure: the operation that failed, FFmpeg's error code and its
// message (from av_strerror).
type Error struct {
	Op   string
	Code int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("ffmpeg: %s: %s", e.Op, e.Msg) }

// MediaType is the kind of a stream.
type MediaType int

const (
	MediaOther MediaType = iota
	MediaVideo
	MediaAudio
)

func (t MediaType) String() string {
	switch t {
	case MediaVideo:
		return "video"
	case MediaAudio:
		return "audio"
	}
	return "other"
}

// Rational is a fraction such as a time base or a frame rate.
type Rational struct{ Num, Den int }

// Float returns the value, 0 when the denominator is 0.
func (r Rational) Float() float64 {
	if r.Den == 0 {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// NoPTS is FFmpeg's AV_NOPTS_VALUE: the timestamp is unknown.
const NoPTS int64 = -0x8000000000000000

// StreamInfo describes one stream of a container.
type StreamInfo struct {
	Index     int
	Type      MediaType
	Codec     string // short codec name, e.g. "h264", "aac"
	CodecLong string
	Profile   string
	TimeBase  Rational
	StartTime int64 // in TimeBase units, NoPTS when unknown
	Duration  int64 // in TimeBase units, NoPTS when unknown
	NbFrames  int64 // 0 when the container does not say
	BitRate   int64 // bits per second, 0 when unknown

	// Video.
	Width, Height int
	PixelFormat   string
	FrameRate     Rational // average frame rate, zero when unknown
	// Rotation is the clockwise rotation in degrees (0, 90, 180 or 270) that displays
	// the frame upright, from the display matrix (or the legacy "rotate" tag).
	Rotation int
	// Mirrored reports a display matrix that also flips the picture.
	Mirrored bool

	// Audio.
	SampleRate   int
	Channels     int
	SampleFormat string

	// Tags are the stream's metadata entries (language, handler_name ...).
	Tags map[string]string
}

// DurationSeconds converts Duration to seconds (0 when unknown).
func (s StreamInfo) DurationSeconds() float64 {
	if s.Duration == NoPTS || s.TimeBase.Den == 0 {
		return 0
	}
	return float64(s.Duration) * s.TimeBase.Float()
}

// FormatInfo describes a container.
type FormatInfo struct {
	Name     string // FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
	LongName string
	Duration float64 // seconds, 0 when unknown
	BitRate  int64   // bits per second, 0 when unknown
	Tags     map[string]string
}

// ToMs converts ts in time base tb to milliseconds (rounded to nearest);
// NoPTS stays NoPTS.
func ToMs(ts int64, tb Rational) int64 {
	if ts == NoPTS || tb.Den == 0 {
		return NoPTS
	}
	return rescale(ts, int64(tb.Num)*1000, int64(tb.Den))
}

// FromMs converts milliseconds to time base tb.
func FromMs(ms int64, tb Rational) int64 {
	if tb.Num == 0 {
		return 0
	}
	return rescale(ms, int64(tb.Den), int64(tb.Num)*1000)
}

// rescale computes a*b/c rounded to nearest without overflowing for the magnitudes
// that occur in media timestamps.
func rescale(a, b, c int64) int64 {
	if c == 0 {
		return 0
	}
	q, r := a/c, a%c
	// a*b/c = q*b + r*b/c; r*b stays small because |r| < c.
	n := r * b
	x := n / c
	rem := n % c
	if 2*abs64(rem) >= abs64(c) {
		if (n < 0) != (c < 0) {
			x--
		} else {
			x++
		}
	}
	return q*b + x
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// VideoDecoderOptions configures NewVideoDecoder. The zero value is usable.
type VideoDecoderOptions struct {
	// Threads is the decoder's thread count; 0 lets FFmpeg pick one per core.
	Threads int
	// MaxPixels bounds width*height of the stream and of every decoded frame;
	// 0 means DefaultMaxPixels.
	MaxPixels int
}

// DefaultMaxPixels is 8K UHD (7680x4320).
const DefaultMaxPixels = 7680 * 4320

// AudioFormat is the interleaved float32 layout audio is resampled to.
type AudioFormat struct {
	SampleRate int // 0 keeps the stream's rate
	Channels   int // 0 keeps the stream's channel count
}

// VideoEncoderOptions configures NewVideoEncoder.
type VideoEncoderOptions struct {
	Codec         string   // encoder name; "" means "libx264"
	Width, Height int      // rounded down to even sizes (4:2:0)
	TimeBase      Rational // unit of the pts passed in; zero means 1/FrameRate
	FrameRate     Rational // nominal rate; zero means 30/1
	BitRate       int64    // bits per second; 0 means constant quality (CRF)
	CRF           int      // x264 constant rate factor when BitRate is 0; 0 means 23
	Preset        string   // x264 preset; "" means "veryfast"
	GOP           int      // keyframe interval in frames; 0 means 2 s worth
	Threads       int      // 0 lets the encoder choose
	// SlicedThreads has libx264 split each frame into Threads slices coded in
	// parallel within the Encode call, instead of coding Threads frames at once:
	// no frames of latency, and no encoder threads left running between calls to
	// compete with the caller's own work (other encoders ignore it).
	SlicedThreads bool
	GlobalHeader  bool // set for MP4/MOV output (Muxer.GlobalHeader)
	// Rotation (clockwise degrees) is written as the output stream's display matrix
	// by Muxer.AddStream.
	Rotation int
}

// AudioEncoderOptions configures NewAudioEncoder.
type AudioEncoderOptions struct {
	Codec        string // encoder name; "" means "aac"
	SampleRate   int    // 0 means 44100
	Channels     int    // 0 means 2
	BitRate      int64  // 0 means 128000
	GlobalHeader bool
}

// MuxerOptions configures NewMuxer.
type MuxerOptions struct {
	Format    string // FFmpeg muxer name; "" guesses from the file name (mp4 for .mp4)
	FastStart bool   // MP4/MOV: move the index to the front so playback starts at once
}
