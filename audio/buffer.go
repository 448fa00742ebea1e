package audio

import "math"

// Limits of AudioBuffer creation. Chromium accepts sample rates from 3000 to 768000 Hz and up to
// 32 channels; MaxBufferSamples bounds the total allocation (channels × length) so that a hostile
// script or file header cannot make the process allocate without limit.
const (
	MinSampleRate = 3000
	MaxSampleRate = 768000
	MaxChannels   = 32
)

// MaxBufferSamples is the largest channels×length an AudioBuffer may hold (default 2^28 samples,
// 1 GiB of float32). Change it before creating contexts if you need more.
var MaxBufferSamples = 1 << 28

// AudioBufferOptions are the arguments of the AudioBuffer constructor.
type AudioBufferOptions struct {
	NumberOfChannels int // zero means 1
	Length           int
	SampleRate       float64
}

// AudioBuffer holds non-interleaved float32 PCM, one slice per channel.
type AudioBuffer struct {
	sampleRate float64
	length     int
	data       [][]float32
}

func checkBufferArgs(channels, length int, sampleRate float64) error {
	if channels < 1 || channels > MaxChannels {
		return errorf(ErrNotSupported, "number of channels %d outside [1, %d]", channels, MaxChannels)
	}
	if length < 1 {
		return errorf(ErrNotSupported, "buffer length %d must be at least 1", length)
	}
	if math.IsNaN(sampleRate) || sampleRate < MinSampleRate || sampleRate > MaxSampleRate {
		return errorf(ErrNotSupported, "sample rate %v outside [%d, %d]", sampleRate, MinSampleRate, MaxSampleRate)
	}
	if length > MaxBufferSamples/channels {
		return errorf(ErrNotSupported, "buffer of %d channels × %d frames exceeds the limit of %d samples", channels, length, MaxBufferSamples)
	}
	return nil
}

// NewAudioBuffer creates a silent buffer (the AudioBuffer constructor and createBuffer).
func NewAudioBuffer(o AudioBufferOptions) (*AudioBuffer, error) {
	if o.NumberOfChannels == 0 {
		o.NumberOfChannels = 1
	}
	if err := checkBufferArgs(o.NumberOfChannels, o.Length, o.SampleRate); err != nil {
		return nil, err
	}
	b := &AudioBuffer{sampleRate: o.SampleRate, length: o.Length, data: make([][]float32, o.NumberOfChannels)}
	// One backing array keeps the channels together in memory.
	all := make([]float32, o.NumberOfChannels*o.Length)
	for c := range b.data {
		b.data[c] = all[c*o.Length : (c+1)*o.Length : (c+1)*o.Length]
	}
	return b, nil
}

// NewAudioBufferFromChannels wraps existing channel slices (all of equal, non-zero length)
// without copying.
func NewAudioBufferFromChannels(channels [][]float32, sampleRate float64) (*AudioBuffer, error) {
	if len(channels) == 0 {
		return nil, errorf(ErrNotSupported, "no channels")
	}
	n := len(channels[0])
	for _, c := range channels {
		if len(c) != n {
			return nil, errorf(ErrNotSupported, "channels differ in length")
		}
	}
	if err := checkBufferArgs(len(channels), n, sampleRate); err != nil {
		return nil, err
	}
	return &AudioBuffer{sampleRate: sampleRate, length: n, data: channels}, nil
}

func (b *AudioBuffer) SampleRate() float64   { return b.sampleRate }
func (b *AudioBuffer) Length() int           { return b.length }
func (b *AudioBuffer) NumberOfChannels() int { return len(b.data) }

// Duration is Length / SampleRate in seconds.
func (b *AudioBuffer) Duration() float64 { return float64(b.length) / b.sampleRate }

// GetChannelData returns the live samples of channel ch.
func (b *AudioBuffer) GetChannelData(ch int) ([]float32, error) {
	if ch < 0 || ch >= len(b.data) {
		return nil, errorf(ErrIndexSize, "channel %d outside [0, %d)", ch, len(b.data))
	}
	return b.data[ch], nil
}

// CopyFromChannel copies channel ch, from frame bufferOffset on, into dst as far as both go.
func (b *AudioBuffer) CopyFromChannel(dst []float32, ch, bufferOffset int) error {
	if ch < 0 || ch >= len(b.data) {
		return errorf(ErrIndexSize, "channel %d outside [0, %d)", ch, len(b.data))
	}
	if bufferOffset < 0 {
		return errorf(ErrIndexSize, "negative buffer offset %d", bufferOffset)
	}
	if bufferOffset >= b.length {
		return nil
	}
	copy(dst, b.data[ch][bufferOffset:])
	return nil
}

// CopyToChannel copies src into channel ch starting at frame startInChannel, as far as both go.
func (b *AudioBuffer) CopyToChannel(src []float32, ch, startInChannel int) error {
	if ch < 0 || ch >= len(b.data) {
		return errorf(ErrIndexSize, "channel %d outside [0, %d)", ch, len(b.data))
	}
	if startInChannel < 0 {
		return errorf(ErrIndexSize, "negative start %d", startInChannel)
	}
	if startInChannel >= b.length {
		return nil
	}
	copy(b.data[ch][startInChannel:], src)
	return nil
}
