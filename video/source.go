package video

import (
	"errors"
	"fmt"
	"io"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// ErrNoVideo is returned when a source has no video stream where one is needed.
var ErrNoVideo = errors.New("video: no video stream")

// maxDecodeErrors bounds how many consecutive packets a decoder may reject before the
// source is declared undecodable; isolated damage is skipped as players do.
const maxDecodeErrors = 64

// source pulls decoded frames of one video and (optionally) one audio stream.
type source struct {
	dm       *ffmpeg.Demuxer
	vs, as   int // stream indexes, -1 when absent or not wanted
	vinfo    ffmpeg.StreamInfo
	vdec     *ffmpeg.VideoDecoder
	adec     *ffmpeg.AudioDecoder
	pkt      *ffmpeg.Packet
	fr       *ffmpeg.Frame // decoder output
	held     *ffmpeg.Frame // the latest frame at or before the seek target
	out      *ffmpeg.Frame // the frame to hand out: fr or held
	conv     *ffmpeg.RGBAConverter
	rs       *ffmpeg.Resampler
	scratch  []byte // RGBA before rotation
	eof      bool   // demuxer exhausted, decoders being drained
	vPending bool   // vdec may hold output
	aPending bool
	vDone    bool
	aDone    bool
	errs     int   // consecutive decode errors
	lastErr  error // most recent decode or read error, reported when nothing decodes
	frames   int   // video frames produced

	// Frame-accurate seeking: while targeting, video frames starting at or before
	// target are held back (each replacing the previous) until a later one shows which
	// frame is on screen at target; that one comes out first, then the later one.
	target    int64
	targeting bool
	haveHeld  bool
	queued    bool // fr waits to be handed out after held
}

type sourceOptions struct {
	video, audio bool
	threads      int
	maxPixels    int
	// stream picks a specific stream (of the wanted kind) instead of the best one.
	stream    int
	streamSet bool
}

func openSource(path string, opt sourceOptions) (*source, error) {
	dm, err := ffmpeg.Open(path)
	if err != nil {
		return nil, err
	}
	return newSource(dm, opt)
}

func openSourceReader(r io.ReadSeeker, opt sourceOptions) (*source, error) {
	dm, err := ffmpeg.OpenReader(r)
	if err != nil {
		return nil, err
	}
	return newSource(dm, opt)
}

// newSource takes ownership of dm.
func newSource(dm *ffmpeg.Demuxer, opt sourceOptions) (*source, error) {
	s := &source{dm: dm, vs: -1, as: -1}
	if err := s.init(opt); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *source) init(opt sourceOptions) error {
	if opt.video {
		s.vs = s.dm.BestStream(ffmpeg.MediaVideo)
		if opt.streamSet {
			s.vs = opt.stream
		}
		if s.vs < 0 {
			return ErrNoVideo
		}
		s.vinfo = s.dm.Stream(s.vs)
		v, err := ffmpeg.NewVideoDecoder(s.dm, s.vs, ffmpeg.VideoDecoderOptions{Threads: opt.threads, MaxPixels: opt.maxPixels})
		if err != nil {
			return err
		}
		s.vdec = v
		s.conv = ffmpeg.NewRGBAConverter()
	}
	if opt.audio {
		s.as = s.dm.BestStream(ffmpeg.MediaAudio)
		if opt.streamSet && !opt.video {
			s.as = opt.stream
		}
		if s.as >= 0 {
			a, err := ffmpeg.NewAudioDecoder(s.dm, s.as)
			if err != nil {
				return err
			}
			s.adec = a
			s.rs = ffmpeg.NewResampler(ffmpeg.AudioFormat{})
		}
	}
	if s.vdec == nil && s.adec == nil {
		return errors.New("video: nothing to decode")
	}
	for i := 0; i < s.dm.NumStreams(); i++ {
		s.dm.SetDiscard(i, i == s.vs || i == s.as)
	}
	s.pkt = ffmpeg.NewPacket()
	s.fr = ffmpeg.NewFrame()
	s.held = ffmpeg.NewFrame()
	s.out = s.fr
	s.vDone = s.vdec == nil
	s.aDone = s.adec == nil
	return nil
}

func (s *source) close() {
	if s.vdec != nil {
		s.vdec.Close()
	}
	if s.adec != nil {
		s.adec.Close()
	}
	if s.conv != nil {
		s.conv.Close()
	}
	if s.rs != nil {
		s.rs.Close()
	}
	if s.pkt != nil {
		s.pkt.Free()
	}
	if s.fr != nil {
		s.fr.Free()
	}
	if s.held != nil {
		s.held.Free()
	}
	if s.dm != nil {
		s.dm.Close()
	}
	*s = source{vs: -1, as: -1}
}

// seek repositions on the keyframe at or before ms; frames before ms must then be
// skipped by the caller for frame accuracy.
func (s *source) seek(ms int64) error {
	stream := s.vs
	if stream < 0 {
		stream = s.as
	}
	if err := s.dm.SeekMs(stream, ms); err != nil {
		return err
	}
	if s.vdec != nil {
		s.vdec.Flush()
	}
	if s.adec != nil {
		s.adec.Flush()
	}
	s.eof, s.vPending, s.aPending = false, false, false
	s.vDone, s.aDone = s.vdec == nil, s.adec == nil
	s.errs = 0
	s.target, s.targeting, s.haveHeld, s.queued = ms, s.vdec != nil, false, false
	return nil
}

// nextOut is next with the seek target applied; the frame to use is s.out.
func (s *source) nextOut() (ffmpeg.MediaType, error) {
	if s.queued {
		s.queued = false
		s.out = s.fr
		return ffmpeg.MediaVideo, nil
	}
	for {
		s.out = s.fr
		kind, err := s.next()
		if err == io.EOF && s.targeting && s.haveHeld {
			// The target is past the last frame: the last frame is the answer.
			s.targeting = false
			s.out = s.held
			return ffmpeg.MediaVideo, nil
		}
		if err != nil || kind != ffmpeg.MediaVideo || !s.targeting {
			return kind, err
		}
		if pts := s.fr.Pts(); pts == ffmpeg.NoPTS || ffmpeg.ToMs(pts, s.fr.TimeBase())-s.startMs() <= s.target {
			s.fr.Swap(s.held)
			s.haveHeld = true
			continue
		}
		s.targeting = false
		if s.haveHeld {
			s.queued = true
			s.out = s.held
		}
		return ffmpeg.MediaVideo, nil
	}
}

// next decodes until a frame is ready in s.fr and says which kind it is; io.EOF when
// every wanted stream is drained.
func (s *source) next() (ffmpeg.MediaType, error) {
	for {
		if s.vPending {
			if err := s.vdec.Receive(s.fr); err == nil {
				s.errs = 0
				s.frames++
				return ffmpeg.MediaVideo, nil
			} else if done, ferr := s.receiveErr(err, &s.vPending); ferr != nil {
				return 0, ferr
			} else if done {
				s.vDone = true
			}
		}
		if s.aPending {
			if err := s.adec.Receive(s.fr); err == nil {
				s.errs = 0
				return ffmpeg.MediaAudio, nil
			} else if done, ferr := s.receiveErr(err, &s.aPending); ferr != nil {
				return 0, ferr
			} else if done {
				s.aDone = true
			}
		}
		if s.vDone && s.aDone {
			if s.frames == 0 && s.vdec != nil && s.lastErr != nil {
				return 0, s.lastErr
			}
			return 0, io.EOF
		}
		if s.eof {
			// Drained decoders report io.EOF above; if neither is pending we are done.
			if !s.vPending && !s.aPending {
				s.vDone, s.aDone = true, true
			}
			continue
		}
		err := s.dm.ReadPacket(s.pkt)
		if err != nil {
			// A read error (truncated or damaged file) ends the input like EOF, so what
			// was decodable is still delivered.
			if err != io.EOF {
				s.lastErr = err
			}
			s.eof = true
			if s.vdec != nil && !s.vDone {
				s.send(s.vdec.Send, nil, &s.vPending)
			}
			if s.adec != nil && !s.aDone {
				s.send(s.adec.Send, nil, &s.aPending)
			}
			continue
		}
		switch idx := s.pkt.StreamIndex(); {
		case idx == s.vs && !s.vDone:
			if err := s.send(s.vdec.Send, s.pkt, &s.vPending); err != nil {
				return 0, err
			}
		case idx == s.as && !s.aDone:
			if err := s.send(s.adec.Send, s.pkt, &s.aPending); err != nil {
				return 0, err
			}
		}
	}
}

func (s *source) send(send func(*ffmpeg.Packet) error, p *ffmpeg.Packet, pending *bool) error {
	err := send(p)
	*pending = true
	if err == nil {
		return nil
	}
	s.lastErr = err
	if s.errs++; s.errs > maxDecodeErrors {
		return fmt.Errorf("video: undecodable stream: %w", err)
	}
	return nil
}

// receiveErr classifies a Receive error: done at io.EOF, wait for input at ErrAgain,
// skip damaged frames up to maxDecodeErrors.
func (s *source) receiveErr(err error, pending *bool) (done bool, fatal error) {
	switch {
	case err == ffmpeg.ErrAgain:
		*pending = false
		return false, nil
	case err == io.EOF:
		*pending = false
		return true, nil
	case errors.Is(err, ffmpeg.ErrTooLarge):
		return false, err
	}
	s.lastErr = err
	if s.errs++; s.errs > maxDecodeErrors {
		return false, fmt.Errorf("video: undecodable stream: %w", err)
	}
	return false, nil
}

// outputSize is the upright size of the current video frame.
func (s *source) outputSize() (w, h int) {
	w, h = s.out.Width(), s.out.Height()
	if s.vinfo.Rotation == 90 || s.vinfo.Rotation == 270 {
		w, h = h, w
	}
	return w, h
}

// rgba converts the current video frame, upright, into dst (len >= w*h*4 of
// outputSize).
func (s *source) rgba(dst []byte) error {
	w, h := s.out.Width(), s.out.Height()
	if s.vinfo.Rotation == 0 && !s.vinfo.Mirrored {
		return s.conv.Convert(s.out, dst, w*4)
	}
	if n := w * h * 4; cap(s.scratch) < n {
		s.scratch = make([]byte, n)
	} else {
		s.scratch = s.scratch[:n]
	}
	if err := s.conv.Convert(s.out, s.scratch, w*4); err != nil {
		return err
	}
	orient(dst, s.scratch, w, h, s.vinfo.Rotation, s.vinfo.Mirrored)
	return nil
}

// orient writes src (w x h RGBA) into dst turned clockwise by rot degrees, after a
// horizontal flip when mirrored.
func orient(dst, src []byte, w, h, rot int, mirrored bool) {
	ow := w
	if rot == 90 || rot == 270 {
		ow = h
	}
	for y := 0; y < h; y++ {
		row := src[y*w*4 : (y+1)*w*4]
		for x := 0; x < w; x++ {
			sx := x
			if mirrored {
				sx = w - 1 - x
			}
			var dx, dy int
			switch rot {
			case 90:
				dx, dy = h-1-y, x
			case 180:
				dx, dy = w-1-x, h-1-y
			case 270:
				dx, dy = y, w-1-x
			default:
				dx, dy = x, y
			}
			o := (dy*ow + dx) * 4
			copy(dst[o:o+4], row[sx*4:sx*4+4])
		}
	}
}

// startMs is the stream's start time; API timestamps are relative to it.
func (s *source) startMs() int64 {
	st := s.vinfo.StartTime
	if s.vs < 0 || st == ffmpeg.NoPTS {
		return 0
	}
	return ffmpeg.ToMs(st, s.vinfo.TimeBase)
}
