package recorder

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"runtime"

	xdraw "golang.org/x/image/draw"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// frameSink turns captured frames into one output file. write runs on the encoder
// goroutine; finish and abort run after it has exited.
type frameSink interface {
	write(f *frameBuf) error
	// finish completes the file after `frames` frames.
	finish(frames int64) error
	// abort releases everything without completing the file.
	abort()
}

// newSink takes ownership of f (the created temp file).
func newSink(quit context.Context, f *os.File, o Options, w, h int, audio PCMSource) (frameSink, error) {
	switch o.Format {
	case "mp4":
		path := f.Name()
		f.Close() // the muxer reopens the path itself
		return newMP4Sink(quit, path, o, w, h, audio)
	case "gif":
		return newGIFSink(f, o, w, h), nil
	case "webp":
		return newWebPSink(f, o, w, h)
	case "apng":
		return newAPNGSink(f, o, w, h)
	}
	f.Close()
	return nil, fmt.Errorf("recorder: format %q", o.Format)
}

// scaler gives the animated-image sinks frames at the output size, scaling only when
// the canvas size differs from it.
type scaler struct {
	w, h int
	dst  *image.RGBA
}

func (s *scaler) frame(f *frameBuf) *image.RGBA {
	src := &image.RGBA{Pix: f.pix, Stride: f.stride, Rect: image.Rect(0, 0, f.w, f.h)}
	if f.w == s.w && f.h == s.h {
		return src
	}
	if s.dst == nil {
		s.dst = image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	}
	xdraw.ApproxBiLinear.Scale(s.dst, s.dst.Rect, src, src.Rect, xdraw.Src, nil)
	return s.dst
}

// frameDelays spreads frame durations in units of 1/unitsPerSecond so that their sum
// tracks i/fps exactly, e.g. 4, 4, 5 centiseconds at 24 fps.
func frameDelay(i int64, fps, unitsPerSecond int) int {
	at := func(k int64) int64 { return int64(math.Round(float64(k) * float64(unitsPerSecond) / float64(fps))) }
	return int(at(i+1) - at(i))
}

// mp4Sink encodes H.264 (and AAC when a soundtrack is attached) into MP4 with the
// index at the front.
type mp4Sink struct {
	mux   *ffmpeg.Muxer
	venc  *ffmpeg.Encoder
	aenc  *ffmpeg.Encoder
	vst   int
	ast   int
	pkt   *ffmpeg.Packet
	fps   int
	audio PCMSource
	aread []float32 // source samples
	amix  []float32 // remixed to the encoder's channels
	afed  int64     // sample frames given to the encoder
	aeof  bool
	quit  context.Context // ends blocking soundtrack reads (ContextReader sources)
}

func newMP4Sink(quit context.Context, path string, o Options, w, h int, audio PCMSource) (_ *mp4Sink, err error) {
	s := &mp4Sink{fps: o.FPS, audio: audio, quit: quit}
	defer func() {
		if err != nil {
			s.abort()
			os.Remove(path)
		}
	}()
	if s.mux, err = ffmpeg.NewMuxer(path, ffmpeg.MuxerOptions{Format: "mp4", FastStart: true}); err != nil {
		return nil, fmt.Errorf("recorder: %w", err)
	}
	gh := s.mux.GlobalHeader()
	s.venc, err = ffmpeg.NewVideoEncoder(ffmpeg.VideoEncoderOptions{
		Width: w, Height: h,
		FrameRate: ffmpeg.Rational{Num: o.FPS, Den: 1},
		BitRate:   int64(o.VideoBitsPerSecond) * 1000,
		GOP:       o.Gop,
		Preset:    o.Preset,
		// x264 alone would start 1.5 frame threads per CPU in the affinity mask,
		// blind to a container's CPU quota, each thread holding frames of its
		// own; GOMAXPROCS follows the quota, and the drawer shares those CPUs.
		// Sliced threads code one frame at a time on all of them while the
		// drawer prepares the next: with frame threads, x264's threads kept
		// running after each call and crowded out the drawer, so the encoder
		// then waited for frames (BenchmarkRecordPoster on 2 loaded cores:
		// encoder idle 50-87 ms a frame against 9-23 sliced, at equal CPU and
		// within 0.3 dB PSNR at the same bitrate).
		Threads:       runtime.GOMAXPROCS(0),
		SlicedThreads: true,
		GlobalHeader:  gh,
	})
	if err != nil {
		return nil, fmt.Errorf("recorder: video encoder: %w", err)
	}
	if s.vst, err = s.mux.AddStream(s.venc); err != nil {
		return nil, fmt.Errorf("recorder: %w", err)
	}
	if audio != nil {
		s.aenc, err = ffmpeg.NewAudioEncoder(ffmpeg.AudioEncoderOptions{
			SampleRate: audio.SampleRate(), Channels: min(audio.Channels(), 2), BitRate: 128000, GlobalHeader: gh,
		})
		if err != nil {
			return nil, fmt.Errorf("recorder: audio encoder: %w", err)
		}
		if s.ast, err = s.mux.AddStream(s.aenc); err != nil {
			return nil, fmt.Errorf("recorder: %w", err)
		}
		s.aread = make([]float32, 4096*audio.Channels())
	}
	if err = s.mux.WriteHeader(); err != nil {
		return nil, fmt.Errorf("recorder: %w", err)
	}
	s.pkt = ffmpeg.NewPacket()
	return s, nil
}

func (s *mp4Sink) write(f *frameBuf) error {
	// Audio first, up to the end of this frame, so the muxer sees both streams advance
	// together and never has to hold one back.
	if err := s.feedAudio(f.idx + 1); err != nil {
		return err
	}
	var err error
	if f.yuv {
		err = s.venc.EncodePicture(f.pic, f.idx)
	} else {
		err = s.venc.EncodeRGBA(f.pix, f.w, f.h, f.stride, f.idx)
	}
	if err != nil {
		return fmt.Errorf("recorder: encode frame %d: %w", f.idx, err)
	}
	return s.drain(s.venc, s.vst)
}

func (s *mp4Sink) pictureSize() (int, int)              { return s.venc.Width(), s.venc.Height() }
func (s *mp4Sink) newPicture() (*ffmpeg.Picture, error) { return s.venc.NewPicture() }

// feedAudio encodes the soundtrack up to the end of video frame `frames`.
func (s *mp4Sink) feedAudio(frames int64) error {
	if s.aenc == nil || s.aeof {
		return nil
	}
	want := frames * int64(s.audio.SampleRate()) / int64(s.fps)
	inCh, outCh := s.audio.Channels(), s.aenc.Channels()
	for s.afed < want {
		n := min(int64(len(s.aread)/inCh), want-s.afed)
		var got int
		var err error
		if cr, ok := s.audio.(ContextReader); ok {
			got, err = cr.ReadPCMContext(s.quit, s.aread[:n*int64(inCh)])
		} else {
			got, err = s.audio.ReadPCM(s.aread[:n*int64(inCh)])
		}
		if err == io.EOF || (err != nil && s.quit.Err() != nil) {
			s.aeof = true
			return nil
		}
		if err != nil {
			return fmt.Errorf("recorder: read audio: %w", err)
		}
		s.amix = remix(s.amix, s.aread[:got], inCh, outCh)
		if err := s.aenc.EncodeAudio(s.amix); err != nil {
			return fmt.Errorf("recorder: encode audio: %w", err)
		}
		if err := s.drain(s.aenc, s.ast); err != nil {
			return err
		}
		s.afed += int64(got / inCh)
	}
	return nil
}

// drain writes every packet e has ready.
func (s *mp4Sink) drain(e *ffmpeg.Encoder, stream int) error {
	for {
		err := e.Receive(s.pkt)
		if errors.Is(err, ffmpeg.ErrAgain) || err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("recorder: encode: %w", err)
		}
		if err := s.mux.WritePacket(s.pkt, stream); err != nil {
			return fmt.Errorf("recorder: write: %w", err)
		}
	}
}

func (s *mp4Sink) finish(frames int64) error {
	defer s.abort()
	if err := s.feedAudio(frames); err != nil {
		return err
	}
	for _, e := range []struct {
		enc    *ffmpeg.Encoder
		stream int
	}{{s.venc, s.vst}, {s.aenc, s.ast}} {
		if e.enc == nil {
			continue
		}
		if err := e.enc.Flush(); err != nil {
			return fmt.Errorf("recorder: flush: %w", err)
		}
		if err := s.drain(e.enc, e.stream); err != nil {
			return err
		}
	}
	err := s.mux.Close()
	s.mux = nil
	if err != nil {
		return fmt.Errorf("recorder: finish mp4: %w", err)
	}
	return nil
}

func (s *mp4Sink) abort() {
	if s.mux != nil {
		s.mux.Close()
		s.mux = nil
	}
	if s.venc != nil {
		s.venc.Close()
		s.venc = nil
	}
	if s.aenc != nil {
		s.aenc.Close()
		s.aenc = nil
	}
	if s.pkt != nil {
		s.pkt.Free()
		s.pkt = nil
	}
}
