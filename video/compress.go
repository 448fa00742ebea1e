package video

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// CompressOptions are wx.compressVideo's parameters. Either Quality picks a preset,
// or Bitrate, Fps and Resolution all give fine control; when Quality is set the other
// three are ignored.
type CompressOptions struct {
	Quality    string  // "low", "medium" or "high"
	Bitrate    float64 // kbps
	Fps        float64
	Resolution float64 // scale of the source size, in (0, 1]
	// MaxPixels refuses sources whose pictures exceed it before decoding them;
	// 0 means ffmpeg.DefaultMaxPixels (8K UHD).
	MaxPixels int
	// Progress, if set, is called with the fraction done (0..1) as the output grows.
	Progress func(fraction float64)
}

// CompressResult is wx.compressVideo's success payload.
type CompressResult struct {
	TempFilePath string  `json:"tempFilePath"`
	Size         float64 `json:"size"` // kB
}

// Presets. WeChat does not document its mapping; these are ours: the scale of the
// source size, the share of the source video bitrate, the frame-rate cap, and the x264
// CRF used when the source bitrate is unknown.
var compressPresets = map[string]struct {
	scale, share, maxFps float64
	crf                  int
}{
	"low":    {0.5, 0.25, 24, 32},
	"medium": {0.75, 0.5, 30, 28},
	"high":   {1, 0.8, 60, 23},
}

// Compress transcodes source to H.264/AAC in a new temporary MP4 (wx.compressVideo).
// The output never exceeds the source's resolution, bitrate or frame rate; audio is
// copied when MP4 can carry it and re-encoded to AAC otherwise. The caller removes the
// file when done.
func Compress(ctx context.Context, source string, opt CompressOptions) (CompressResult, error) {
	f, err := os.CreateTemp("", "mediad-compress-*.mp4")
	if err != nil {
		return CompressResult{}, err
	}
	path := f.Name()
	f.Close()
	size, err := CompressTo(ctx, source, path, opt)
	if err != nil {
		os.Remove(path)
		return CompressResult{}, err
	}
	return CompressResult{TempFilePath: path, Size: size}, nil
}

// CompressTo is Compress writing to dst; it returns the output size in kB.
func CompressTo(ctx context.Context, source, dst string, opt CompressOptions) (float64, error) {
	dm, err := ffmpeg.Open(source)
	if err != nil {
		return 0, err
	}
	vs := dm.BestStream(ffmpeg.MediaVideo)
	as := dm.BestStream(ffmpeg.MediaAudio)
	if vs < 0 {
		dm.Close()
		return 0, ErrNoVideo
	}
	si := dm.Stream(vs)
	var audio ffmpeg.StreamInfo
	if as >= 0 {
		audio = dm.Stream(as)
	}
	total := dm.Format().Duration
	srcBitrate := si.BitRate
	if srcBitrate <= 0 {
		// Containers like WebM/MKV only give the overall rate; take the audio off.
		if f := dm.Format(); f.BitRate > 0 {
			srcBitrate = max(0, f.BitRate-audio.BitRate)
		}
	}
	dm.Close()

	srcFps := si.FrameRate.Float()
	var scale float64
	var enc videoEncodeOptions
	if opt.Quality != "" {
		p, ok := compressPresets[opt.Quality]
		if !ok {
			return 0, fmt.Errorf("video: compress: unknown quality %q (low, medium, high)", opt.Quality)
		}
		scale = p.scale
		if srcBitrate > 0 {
			enc.bitrate = int64(float64(srcBitrate) * p.share)
		} else {
			enc.crf = p.crf
		}
		enc.maxFps = p.maxFps
	} else {
		if opt.Bitrate <= 0 || opt.Fps <= 0 || opt.Resolution <= 0 || opt.Resolution > 1 ||
			math.IsNaN(opt.Bitrate+opt.Fps+opt.Resolution) {
			return 0, errors.New("video: compress: give quality, or bitrate > 0, fps > 0 and resolution in (0, 1]")
		}
		scale = opt.Resolution
		enc.bitrate = int64(opt.Bitrate * 1000)
		if srcBitrate > 0 {
			enc.bitrate = min(enc.bitrate, srcBitrate)
		}
		enc.maxFps = opt.Fps
	}
	if srcFps > 0 && enc.maxFps >= srcFps {
		enc.maxFps = 0 // never raise the rate; keeping every frame is the same thing
	}
	enc.maxPixels = opt.MaxPixels
	enc.width = max(2, int(math.Round(float64(si.Width)*scale))&^1)
	enc.height = max(2, int(math.Round(float64(si.Height)*scale))&^1)

	err = writeMP4(ctx, dst, total, opt.Progress, func(m *ffmpeg.Muxer) ([]producer, error) {
		var ps []producer
		vp, err := newVideoEncodeProducer(source, vs, m, 0, enc)
		if err != nil {
			return ps, err
		}
		ps = append(ps, vp)
		if as < 0 {
			return ps, nil
		}
		var ap producer
		if mp4AudioCodecs[audio.Codec] {
			ap, err = newCopyProducer(source, as, m, 0)
		} else {
			ap, err = newAudioMixProducer([]audioTrackRef{{source, as, 1}}, m, 0)
		}
		if err != nil {
			return ps, err
		}
		return append(ps, ap), nil
	})
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(dst)
	if err != nil {
		return 0, err
	}
	return float64(st.Size()) / 1024, nil
}
