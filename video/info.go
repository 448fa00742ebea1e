package video

import (
	"io"
	"os"
	"strings"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// VideoInfo is wx.getVideoInfo's result plus codec and audio details. Width and Height
// are the coded size; Orientation says how to turn it upright.
type VideoInfo struct {
	Orientation string  `json:"orientation"` // up, down, left, right, and -mirrored variants
	Type        string  `json:"type"`        // container: mp4, mov, webm, mkv, ...
	Duration    float64 `json:"duration"`    // seconds
	Size        float64 `json:"size"`        // kB (1024 bytes)
	Width       int     `json:"width"`
	Height      int     `json:"height"`
	Fps         float64 `json:"fps"`
	Bitrate     float64 `json:"bitrate"` // kbps, whole container

	VideoCodec string     `json:"videoCodec,omitempty"`
	Rotation   int        `json:"rotation"` // clockwise degrees that show the picture upright
	Frames     int64      `json:"frames,omitempty"`
	Audio      *AudioInfo `json:"audio,omitempty"`
}

// AudioInfo describes the main audio stream.
type AudioInfo struct {
	Codec      string  `json:"codec"`
	SampleRate int     `json:"sampleRate"`
	Channels   int     `json:"channels"`
	Duration   float64 `json:"duration"` // seconds
	Bitrate    float64 `json:"bitrate"`  // kbps
}

// Info describes the video at path (wx.getVideoInfo). A file with audio only is
// described with zero video fields and Audio set.
func Info(path string) (VideoInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return VideoInfo{}, err
	}
	dm, err := ffmpeg.Open(path)
	if err != nil {
		return VideoInfo{}, err
	}
	defer dm.Close()
	return describe(dm, st.Size()), nil
}

// InfoReader is Info for a video read from r; size is its length in bytes (for the
// size and bitrate fields), or -1 to measure it by seeking.
func InfoReader(r io.ReadSeeker, size int64) (VideoInfo, error) {
	if size < 0 {
		end, err := r.Seek(0, io.SeekEnd)
		if err != nil {
			return VideoInfo{}, err
		}
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return VideoInfo{}, err
		}
		size = end
	}
	dm, err := ffmpeg.OpenReader(r)
	if err != nil {
		return VideoInfo{}, err
	}
	defer dm.Close()
	return describe(dm, size), nil
}

func describe(dm *ffmpeg.Demuxer, size int64) VideoInfo {
	f := dm.Format()
	info := VideoInfo{
		Type:        containerType(f, codecNames(dm)),
		Duration:    f.Duration,
		Size:        float64(size) / 1024,
		Bitrate:     float64(f.BitRate) / 1000,
		Orientation: "up",
	}
	if vs := dm.BestStream(ffmpeg.MediaVideo); vs >= 0 {
		s := dm.Stream(vs)
		info.Width, info.Height = s.Width, s.Height
		info.Fps = s.FrameRate.Float()
		info.VideoCodec = s.Codec
		info.Rotation = s.Rotation
		info.Orientation = orientation(s.Rotation, s.Mirrored)
		info.Frames = s.NbFrames
		if d := s.DurationSeconds(); info.Duration == 0 {
			info.Duration = d
		}
	}
	if as := dm.BestStream(ffmpeg.MediaAudio); as >= 0 {
		s := dm.Stream(as)
		info.Audio = &AudioInfo{Codec: s.Codec, SampleRate: s.SampleRate, Channels: s.Channels,
			Duration: s.DurationSeconds(), Bitrate: float64(s.BitRate) / 1000}
	}
	if info.Bitrate == 0 && info.Duration > 0 {
		info.Bitrate = float64(size) * 8 / info.Duration / 1000
	}
	return info
}

// orientation names a clockwise rotation as wx.getVideoInfo does. For video the
// mirrored left/right variants are vertical flips in WeChat's table; a horizontal flip
// followed by a quarter turn is the same picture as a vertical flip with the opposite
// turn, so the names map directly.
func orientation(rot int, mirrored bool) string {
	var s string
	switch rot {
	case 90:
		s = "right"
	case 180:
		s = "down"
	case 270:
		s = "left"
	default:
		s = "up"
	}
	if mirrored {
		s += "-mirrored"
	}
	return s
}

// containerType turns FFmpeg's demuxer name into the file type a user expects.
func containerType(f ffmpeg.FormatInfo, codecs []string) string {
	switch {
	case strings.HasPrefix(f.Name, "mov,"):
		brand := strings.TrimSpace(f.Tags["major_brand"])
		switch {
		case brand == "qt":
			return "mov"
		case strings.HasPrefix(brand, "3g"):
			return "3gp"
		case brand == "M4A":
			return "m4a"
		}
		return "mp4"
	case f.Name == "matroska,webm":
		// FFmpeg does not expose the EBML doctype; WebM is Matroska restricted to these codecs.
		for _, c := range codecs {
			switch c {
			case "vp8", "vp9", "av1", "opus", "vorbis", "webvtt":
			default:
				return "mkv"
			}
		}
		return "webm"
	}
	name, _, _ := strings.Cut(f.Name, ",")
	return name
}

func codecNames(dm *ffmpeg.Demuxer) []string {
	var out []string
	for _, s := range dm.Streams() {
		out = append(out, s.Codec)
	}
	return out
}

// HevcSupport is the server's answer to wx.checkDeviceSupportHevc.
type HevcSupport struct {
	Decode bool `json:"decode"`
	Encode bool `json:"encode"`
}

// CheckDeviceSupportHevc reports whether this build decodes and encodes H.265.
func CheckDeviceSupportHevc() HevcSupport {
	return HevcSupport{Decode: ffmpeg.HasDecoder("hevc"), Encode: ffmpeg.HasEncoder("hevc")}
}
