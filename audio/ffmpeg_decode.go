//go:build cgo && !noffmpeg

package audio

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// Formats Chromium's decodeAudioData reads through FFmpeg and no Go decoder here does
// (AAC raw or in MP4/M4A, Vorbis and Opus in Ogg or WebM) go to FFmpeg's libraries.
// Builds with the noffmpeg tag leave this file out, and those formats stay
// ErrNotSupported.
func init() { RegisterDecoder(decodeFFmpeg) }

// ffmpegContainer names the container data is in when it is one decodeFFmpeg takes,
// "" otherwise. It only sniffs magic numbers: the demuxer does the real parsing.
func ffmpegContainer(data []byte) string {
	switch {
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "mp4"
	case bytes.HasPrefix(data, []byte("OggS")):
		return "ogg"
	case bytes.HasPrefix(data, []byte{0x1a, 0x45, 0xdf, 0xa3}):
		return "webm"
	case bytes.HasPrefix(data, []byte("ADIF")):
		return "aac"
	}
	// ADTS frames, possibly after an ID3v2 tag: a 12-bit sync word, then layer 0 (which
	// is what tells AAC from MP3) and a defined sampling-frequency index.
	p := data[skipID3(data):]
	if len(p) >= 7 && p[0] == 0xff && p[1]&0xf6 == 0xf0 && (p[2]>>2)&0xf < 13 {
		return "aac"
	}
	return ""
}

// decodeFFmpeg is the ExtraDecoder for the containers ffmpegContainer recognises. It
// decodes the file's main audio stream at its own rate and channel count
// (DecodeAudioData then resamples like every other format), holding the output to
// MaxBufferSamples and MaxChannels.
func decodeFFmpeg(data []byte) (chans [][]float32, rate float64, ok bool, err error) {
	kind := ffmpegContainer(data)
	if kind == "" {
		return nil, 0, false, nil
	}
	chans, rate, err = ffmpegDecodeAll(data)
	if err != nil {
		return nil, 0, true, fmt.Errorf("%s: %w", kind, err)
	}
	return chans, rate, true, nil
}

func ffmpegDecodeAll(data []byte) ([][]float32, float64, error) {
	dm, err := ffmpeg.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	defer dm.Close()
	st := dm.BestStream(ffmpeg.MediaAudio)
	if st < 0 {
		return nil, 0, errors.New("no audio stream")
	}
	info := dm.Stream(st)
	if info.Channels < 1 || info.Channels > MaxChannels {
		return nil, 0, fmt.Errorf("%d channels outside [1, %d]", info.Channels, MaxChannels)
	}
	if info.SampleRate < MinSampleRate || info.SampleRate > MaxSampleRate {
		return nil, 0, fmt.Errorf("sample rate %d outside [%d, %d]", info.SampleRate, MinSampleRate, MaxSampleRate)
	}
	for i := 0; i < dm.NumStreams(); i++ {
		dm.SetDiscard(i, i == st)
	}
	dec, err := ffmpeg.NewAudioDecoder(dm, st)
	if err != nil {
		return nil, 0, err
	}
	defer dec.Close()
	// The resampler only converts the sample format to interleaved float32: the rate and
	// channel count are pinned to the first frame's, so a stream that changes them
	// midway (HE-AAC switching SBR on) still comes out as one buffer.
	rs := ffmpeg.NewResampler(ffmpeg.AudioFormat{})
	defer rs.Close()
	pkt := ffmpeg.NewPacket()
	defer pkt.Free()
	fr := ffmpeg.NewFrame()
	defer fr.Free()

	var chans [][]float32
	var tmp []float32
	total := 0
	// keep deinterleaves tmp into chans, so the file is never held twice.
	keep := func() error {
		if len(tmp) == 0 {
			return nil
		}
		n := rs.Format().Channels
		if chans == nil {
			if n < 1 || n > MaxChannels {
				return fmt.Errorf("%d channels outside [1, %d]", n, MaxChannels)
			}
			chans = make([][]float32, n)
		}
		if total += len(tmp); total > MaxBufferSamples {
			return fmt.Errorf("decoded audio exceeds the limit of %d samples", MaxBufferSamples)
		}
		frames := len(tmp) / n
		for c := range chans {
			dst := chans[c]
			for i := 0; i < frames; i++ {
				dst = append(dst, tmp[i*n+c])
			}
			chans[c] = dst
		}
		tmp = tmp[:0]
		return nil
	}
	for {
		rerr := dec.Receive(fr)
		switch {
		case rerr == nil:
			if tmp, err = rs.Convert(fr, tmp); err != nil {
				return nil, 0, err
			}
			if err := keep(); err != nil {
				return nil, 0, err
			}
			continue
		case rerr == io.EOF:
			if tmp, err = rs.Flush(tmp); err != nil {
				return nil, 0, err
			}
			if err := keep(); err != nil {
				return nil, 0, err
			}
			if chans == nil {
				return nil, 0, errors.New("no audio frames")
			}
			return chans, float64(rs.Format().SampleRate), nil
		case !errors.Is(rerr, ffmpeg.ErrAgain):
			return nil, 0, rerr
		}
		perr := dm.ReadPacket(pkt)
		if perr == io.EOF {
			if err := dec.Send(nil); err != nil {
				return nil, 0, err
			}
			continue
		}
		if perr != nil {
			return nil, 0, perr
		}
		// Receive has just answered ErrAgain, so the decoder takes the packet: any
		// error here, even ErrAgain, is a real failure and not a packet to drop.
		if err := dec.Send(pkt); err != nil {
			return nil, 0, err
		}
	}
}
