package video

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// Track kinds.
const (
	KindAudio = "audio"
	KindVideo = "video"
)

// MaxAudioTracks bounds the audio tracks one export mixes (each is a running decoder).
const MaxAudioTracks = 16

// ErrDestroyed is returned by a destroyed MediaContainer.
var ErrDestroyed = errors.New("video: media container destroyed")

// MediaTrack is one audio or video stream of a source (wx MediaTrack).
type MediaTrack struct {
	Kind     string  // KindAudio or KindVideo
	Duration float64 // ms
	// Volume scales an audio track on export (1: unchanged). Ignored for video.
	Volume float64

	Codec  string
	source string
	stream int
	owner  *MediaContainer
}

// MediaContainer splits sources into tracks and muxes chosen tracks into a new MP4
// (wx.createMediaContainer).
//
// Export rules:
//   - at most one video track; the output lasts as long as it does (audio is cut to
//     its length, as WeChat does), or as long as the longest audio track without video;
//   - video is copied without re-encoding when MP4 can carry its codec (H.264, HEVC,
//     MPEG-4, AV1, VP9), otherwise re-encoded to H.264; rotation is kept;
//   - one audio track at volume 1 whose codec MP4 carries (AAC, MP3, ALAC, Opus) is
//     copied; otherwise the audio tracks are decoded, scaled by their volumes, summed,
//     clipped and encoded as AAC (at the first track's sample rate, mono or stereo).
type MediaContainer struct {
	mu        sync.Mutex
	tracks    []*MediaTrack
	destroyed bool
	progress  func(float64)
}

// OnProgress sets a function called with the fraction of an export done (0..1).
func (c *MediaContainer) OnProgress(fn func(fraction float64)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.progress = fn
}

// NewMediaContainer returns an empty container.
func NewMediaContainer() *MediaContainer { return &MediaContainer{} }

// ExtractDataSource lists the audio and video tracks of the file at source. They are
// not added to the container.
func (c *MediaContainer) ExtractDataSource(source string) ([]*MediaTrack, error) {
	c.mu.Lock()
	destroyed := c.destroyed
	c.mu.Unlock()
	if destroyed {
		return nil, ErrDestroyed
	}
	dm, err := ffmpeg.Open(source)
	if err != nil {
		return nil, err
	}
	defer dm.Close()
	fdur := dm.Format().Duration
	var out []*MediaTrack
	for _, s := range dm.Streams() {
		t := &MediaTrack{Codec: s.Codec, source: source, stream: s.Index, owner: c, Volume: 1}
		switch s.Type {
		case ffmpeg.MediaVideo:
			if s.Width == 0 || isCoverArt(s) {
				continue
			}
			t.Kind = KindVideo
		case ffmpeg.MediaAudio:
			t.Kind = KindAudio
		default:
			continue
		}
		d := s.DurationSeconds()
		if d <= 0 {
			d = fdur
		}
		t.Duration = d * 1000
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("video: %s has no audio or video track", source)
	}
	return out, nil
}

func isCoverArt(s ffmpeg.StreamInfo) bool {
	return (s.Codec == "mjpeg" || s.Codec == "png") && s.NbFrames <= 1
}

// AddTrack includes t in the output; adding a track twice has no effect.
func (c *MediaContainer) AddTrack(t *MediaTrack) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.destroyed {
		return ErrDestroyed
	}
	if t == nil || t.owner != c {
		return errors.New("video: track does not belong to this container")
	}
	for _, x := range c.tracks {
		if x == t {
			return nil
		}
	}
	c.tracks = append(c.tracks, t)
	return nil
}

// RemoveTrack excludes t from the output.
func (c *MediaContainer) RemoveTrack(t *MediaTrack) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.destroyed {
		return ErrDestroyed
	}
	for i, x := range c.tracks {
		if x == t {
			c.tracks = append(c.tracks[:i], c.tracks[i+1:]...)
			return nil
		}
	}
	return nil
}

// Export writes the added tracks to a new temporary MP4 and returns its path
// (wx export's tempFilePath). The caller removes the file when done.
func (c *MediaContainer) Export(ctx context.Context) (string, error) {
	f, err := os.CreateTemp("", "mediad-export-*.mp4")
	if err != nil {
		return "", err
	}
	path := f.Name()
	f.Close()
	if err := c.ExportTo(ctx, path); err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}

// ExportTo writes the added tracks to an MP4 at path (see the rules on MediaContainer).
func (c *MediaContainer) ExportTo(ctx context.Context, path string) error {
	c.mu.Lock()
	if c.destroyed {
		c.mu.Unlock()
		return ErrDestroyed
	}
	tracks := append([]*MediaTrack(nil), c.tracks...)
	progress := c.progress
	c.mu.Unlock()

	var vt *MediaTrack
	var audio []*MediaTrack
	for _, t := range tracks {
		switch {
		case t.Kind == KindVideo && vt != nil:
			return errors.New("video: export: more than one video track")
		case t.Kind == KindVideo:
			vt = t
		default:
			audio = append(audio, t)
		}
	}
	if vt == nil && len(audio) == 0 {
		return errors.New("video: export: no tracks added")
	}
	if len(audio) > MaxAudioTracks {
		return fmt.Errorf("video: export: %d audio tracks, at most %d", len(audio), MaxAudioTracks)
	}
	var limit float64 // seconds; 0 = no cut
	total := 0.0
	if vt != nil {
		limit = vt.Duration / 1000
		total = limit
	} else {
		for _, t := range audio {
			total = max(total, t.Duration/1000)
		}
	}
	return writeMP4(ctx, path, total, progress, func(m *ffmpeg.Muxer) ([]producer, error) {
		var ps []producer
		if vt != nil {
			var p producer
			var err error
			if mp4VideoCodecs[vt.Codec] {
				p, err = newCopyProducer(vt.source, vt.stream, m, 0)
			} else {
				p, err = newVideoEncodeProducer(vt.source, vt.stream, m, 0, videoEncodeOptions{})
			}
			if err != nil {
				return ps, err
			}
			ps = append(ps, p)
		}
		switch {
		case len(audio) == 0:
		case len(audio) == 1 && audio[0].Volume == 1 && mp4AudioCodecs[audio[0].Codec]:
			p, err := newCopyProducer(audio[0].source, audio[0].stream, m, limit)
			if err != nil {
				return ps, err
			}
			ps = append(ps, p)
		default:
			refs := make([]audioTrackRef, len(audio))
			for i, t := range audio {
				if t.Volume < 0 {
					return ps, errors.New("video: export: negative volume")
				}
				refs[i] = audioTrackRef{t.source, t.stream, t.Volume}
			}
			p, err := newAudioMixProducer(refs, m, limit)
			if err != nil {
				return ps, err
			}
			ps = append(ps, p)
		}
		return ps, nil
	})
}

// Destroy releases the container; later calls return ErrDestroyed.
func (c *MediaContainer) Destroy() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.destroyed = true
	c.tracks = nil
}

var mp4VideoCodecs = map[string]bool{"h264": true, "hevc": true, "mpeg4": true, "av1": true, "vp9": true}

var mp4AudioCodecs = map[string]bool{"aac": true, "mp3": true, "alac": true, "opus": true}

func removeQuietly(path string) { os.Remove(path) }
