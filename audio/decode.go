package audio

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/seed92233726/mediad/audio/internal/resample"
	"github.com/seed92233726/mediad/audio/internal/wav"
)

// Decode decodes a complete WAV, MP3 or FLAC file at its own sample rate. Failures wrap
// ErrDecode; formats it does not know wrap ErrNotSupported too.
func Decode(data []byte) (b *AudioBuffer, err error) {
	// The third-party decoders are not trusted to reject every malformed input gracefully.
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, errorf(ErrDecode, "decoder failed on malformed data: %v", r)
		}
	}()
	switch {
	case wav.IsWAV(data):
		a, err := wav.Decode(data, MaxBufferSamples)
		if err != nil {
			return nil, errorf(ErrDecode, "%v", err)
		}
		return newDecoded(a.Channels, float64(a.SampleRate))
	case isFLAC(data):
		return decodeFLAC(data)
	case isMP3(data):
		return decodeMP3(data)
	}
	for _, d := range extraDecoders {
		chans, rate, ok, err := d(data)
		if !ok {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDecode, err)
		}
		return newDecoded(chans, rate)
	}
	return nil, fmt.Errorf("%w: %w: unrecognised audio format", ErrDecode, ErrNotSupported)
}

// ExtraDecoder decodes a format the package does not know (AAC, Ogg … through FFmpeg): ok
// reports whether it recognised the data; channels are non-interleaved and of equal length.
type ExtraDecoder func(data []byte) (channels [][]float32, sampleRate float64, ok bool, err error)

var extraDecoders []ExtraDecoder

// RegisterDecoder adds a decoder tried, in registration order, after WAV, FLAC and MP3. Call it
// during initialisation, before decoding starts.
func RegisterDecoder(d ExtraDecoder) { extraDecoders = append(extraDecoders, d) }

func newDecoded(chans [][]float32, rate float64) (*AudioBuffer, error) {
	if len(chans) == 0 || len(chans[0]) == 0 {
		return nil, errorf(ErrDecode, "no audio frames")
	}
	if rate < MinSampleRate || rate > MaxSampleRate {
		return nil, errorf(ErrDecode, "sample rate %v outside [%d, %d]", rate, MinSampleRate, MaxSampleRate)
	}
	return NewAudioBufferFromChannels(chans, rate)
}

// DecodeAudioData decodes a complete audio file and resamples it to the context's rate, as
// decodeAudioData does.
func (c *BaseContext) DecodeAudioData(data []byte) (*AudioBuffer, error) {
	b, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return Resample(b, c.sampleRate)
}

// Resample returns b converted to sampleRate with a high-quality windowed-sinc resampler (b
// itself when the rates already match).
func Resample(b *AudioBuffer, sampleRate float64) (*AudioBuffer, error) {
	if b.sampleRate == sampleRate {
		return b, nil
	}
	if sampleRate < MinSampleRate || sampleRate > MaxSampleRate {
		return nil, errorf(ErrNotSupported, "sample rate %v outside [%d, %d]", sampleRate, MinSampleRate, MaxSampleRate)
	}
	n := int(float64(b.length)*sampleRate/b.sampleRate + 0.5)
	if n < 1 || n > MaxBufferSamples/len(b.data) {
		return nil, errorf(ErrNotSupported, "resampled buffer of %d frames is out of bounds", n)
	}
	out := make([][]float32, len(b.data))
	for c, d := range b.data {
		out[c] = resample.Resample(d, b.sampleRate, sampleRate)
	}
	return NewAudioBufferFromChannels(out, sampleRate)
}

// WAVFormat selects the sample encoding of EncodeWAV.
type WAVFormat int

const (
	WAVPCM16 WAVFormat = iota
	WAVPCM24
	WAVFloat32
)

// EncodeWAV writes b as a WAV file; integer formats clip to [-1, 1].
func EncodeWAV(w io.Writer, b *AudioBuffer, f WAVFormat) error {
	if b == nil {
		return errors.New("audio: EncodeWAV of a nil buffer")
	}
	return wav.Encode(w, b.data, int(b.sampleRate+0.5), wav.Format(f))
}

// limitWriter collects decoded PCM and refuses to grow past a byte limit.
type limitWriter struct {
	buf   bytes.Buffer
	limit int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if l.buf.Len()+len(p) > l.limit {
		return 0, errorf(ErrDecode, "decoded audio exceeds the limit of %d samples", MaxBufferSamples)
	}
	return l.buf.Write(p)
}
