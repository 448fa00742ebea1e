package recorder

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
)

// Option ranges of wx.createMediaRecorder (spec §7.1). Values outside the documented
// ranges are clamped, as WeChat does; values that cannot mean anything (negative,
// NaN, an unknown format) are errors naming the option.
const (
	DefaultDuration = 600.0 // seconds
	MinDuration     = 5.0
	MaxDuration     = 7200.0

	DefaultVideoBitsPerSecond = 1000 // kbps
	MinVideoBitsPerSecond     = 600
	MaxVideoBitsPerSecond     = 3000

	DefaultGop = 12
	// DefaultPreset is the x264 preset when Options.Preset is empty.
	DefaultPreset = "superfast"
	MaxGop        = 1000
	DefaultFPS    = 24
	MaxFPS        = 120

	// MaxSide bounds the recorded width and height.
	MaxSide = 8192
	// DefaultQueue is how many captured frames may wait for the encoder.
	DefaultQueue = 3
	MaxQueue     = 64
)

// Options configures NewMediaRecorder. Zero values take the defaults.
type Options struct {
	// Duration in seconds (default 600, clamped to [5, 7200]): recording stops on its
	// own after Duration*FPS frames.
	Duration float64
	// VideoBitsPerSecond is the H.264 bitrate in kbps (default 1000, clamped to
	// [600, 3000]). Ignored by the animated image formats.
	VideoBitsPerSecond int
	// Gop is the keyframe interval in frames (default 12).
	Gop int
	// FPS is the output frame rate (default 24, at most 120); each RequestFrame is one
	// frame 1/FPS after the previous. GIF stores delays in hundredths of a second, so
	// above 50 fps its frames alternate between 1 and 2 hundredths, and browsers slow
	// delays that short down to 0.1 s.
	FPS int
	// Width and Height of the output (default: the canvas size when Start is called).
	// MP4 rounds them down to even numbers.
	Width, Height int
	// Format is "mp4" (H.264, the default), "gif", "webp" (animated) or "apng".
	Format string
	// Quality (1..100, default 80) of lossy animated WebP; Lossless writes lossless WebP.
	Quality  int
	Lossless bool
	// Preset is the x264 speed preset (server extension, default "superfast"). On
	// the 1080x1920 benchmark poster at 3000 kbps, x264 costs 14 ms of CPU a frame
	// at superfast against 25 at veryfast, for 58.4 dB PSNR against 60.1; on detailed
	// moving content (FFmpeg's mandelbrot source) within 0.2 dB at 1000 and 3000
	// kbps. "ultrafast" (6 ms) drops CABAC and deblocking: 1–2 dB below veryfast,
	// with files 2–5% larger.
	Preset string
	// TempDir receives the output files (default os.TempDir()).
	TempDir string
	// Queue is how many captured frames may wait for the encoder (default 3, at most
	// 64); RequestFrame blocks while it is full.
	Queue int
}

// invalid builds an option error that errors.Is matches with ErrInvalidOption.
func invalid(format string, args ...any) error {
	return fmt.Errorf("recorder: "+format+": %w", append(args, ErrInvalidOption)...)
}

// x264Presets are the encoder speed presets Options.Preset accepts.
var x264Presets = []string{"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"}

func (o Options) normalized() (Options, error) {
	if math.IsNaN(o.Duration) || o.Duration < 0 {
		return o, invalid("duration %v must be a positive number of seconds", o.Duration)
	}
	switch {
	case o.Duration == 0:
		o.Duration = DefaultDuration
	case o.Duration < MinDuration:
		o.Duration = MinDuration
	case o.Duration > MaxDuration:
		o.Duration = MaxDuration
	}
	switch {
	case o.VideoBitsPerSecond < 0:
		return o, invalid("videoBitsPerSecond %d must be positive", o.VideoBitsPerSecond)
	case o.VideoBitsPerSecond == 0:
		o.VideoBitsPerSecond = DefaultVideoBitsPerSecond
	case o.VideoBitsPerSecond < MinVideoBitsPerSecond:
		o.VideoBitsPerSecond = MinVideoBitsPerSecond
	case o.VideoBitsPerSecond > MaxVideoBitsPerSecond:
		o.VideoBitsPerSecond = MaxVideoBitsPerSecond
	}
	switch {
	case o.Gop < 0 || o.Gop > MaxGop:
		return o, invalid("gop %d outside [1, %d]", o.Gop, MaxGop)
	case o.Gop == 0:
		o.Gop = DefaultGop
	}
	switch {
	case o.FPS < 0 || o.FPS > MaxFPS:
		return o, invalid("fps %d outside [1, %d]", o.FPS, MaxFPS)
	case o.FPS == 0:
		o.FPS = DefaultFPS
	}
	if o.Width < 0 || o.Width > MaxSide {
		return o, invalid("width %d outside [1, %d]", o.Width, MaxSide)
	}
	if o.Height < 0 || o.Height > MaxSide {
		return o, invalid("height %d outside [1, %d]", o.Height, MaxSide)
	}
	o.Format = strings.ToLower(o.Format)
	switch o.Format {
	case "":
		o.Format = "mp4"
	case "mp4", "gif", "webp", "apng":
	default:
		return o, invalid("format %q is not one of mp4, gif, webp, apng", o.Format)
	}
	switch {
	case o.Quality < 0 || o.Quality > 100:
		return o, invalid("quality %d outside [1, 100]", o.Quality)
	case o.Quality == 0:
		o.Quality = 80
	}
	switch {
	case o.Queue < 0 || o.Queue > MaxQueue:
		return o, invalid("queue %d outside [1, %d]", o.Queue, MaxQueue)
	case o.Queue == 0:
		o.Queue = DefaultQueue
	}
	if o.Preset == "" {
		// Drawing and x264 share the machine's cores; superfast leaves the drawer
		// nearly half the CPU veryfast would take, at a quality cost only visible
		// on detailed content (see Preset).
		o.Preset = DefaultPreset
	}
	if !slices.Contains(x264Presets, o.Preset) {
		return o, invalid("preset %q is not one of %s", o.Preset, strings.Join(x264Presets, ", "))
	}
	if o.TempDir == "" {
		o.TempDir = os.TempDir()
	}
	return o, nil
}

// maxFrames is the frame count at which recording stops on its own.
func (o Options) maxFrames() int64 { return int64(math.Round(o.Duration * float64(o.FPS))) }
