// Package wav reads and writes RIFF/WAVE audio: PCM of 8, 16, 24 and 32 bits, IEEE float of 32
// and 64 bits, and WAVE_FORMAT_EXTENSIBLE wrapping either.
package wav

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// ErrFormat reports data that is not a WAV file this package can read.
var ErrFormat = errors.New("wav: invalid or unsupported data")

const (
	tagPCM        = 1
	tagFloat      = 3
	tagExtensible = 0xFFFE
)

// Audio is decoded, non-interleaved audio.
type Audio struct {
	SampleRate int
	Channels   [][]float32
}

// IsWAV reports whether data starts like a RIFF/WAVE file.
func IsWAV(data []byte) bool {
	return len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WAVE"
}

func fail(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
}

// Decode parses a complete WAV file. maxSamples bounds channels×frames; a file claiming more is
// refused before anything is allocated. Integer samples scale like Chromium's: negative values
// by 1/2^(bits−1), positive ones by 1/(2^(bits−1)−1), so both full-scale ends map to ±1.
func Decode(data []byte, maxSamples int) (*Audio, error) {
	if !IsWAV(data) {
		return nil, fail("no RIFF/WAVE header")
	}
	var (
		haveFmt             bool
		tag, channels, bits int
		blockAlign, rate    int
		pcm                 []byte
		haveData            bool
	)
	p := data[12:]
	for len(p) >= 8 {
		id := string(p[0:4])
		size := int64(binary.LittleEndian.Uint32(p[4:8]))
		p = p[8:]
		body := p
		if size < int64(len(p)) {
			body = p[:size]
		}
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return nil, fail("fmt chunk of %d bytes", len(body))
			}
			tag = int(binary.LittleEndian.Uint16(body[0:2]))
			channels = int(binary.LittleEndian.Uint16(body[2:4]))
			rate = int(binary.LittleEndian.Uint32(body[4:8]))
			blockAlign = int(binary.LittleEndian.Uint16(body[12:14]))
			bits = int(binary.LittleEndian.Uint16(body[14:16]))
			if tag == tagExtensible {
				if len(body) < 40 {
					return nil, fail("extensible fmt chunk of %d bytes", len(body))
				}
				// The sub-format GUID starts with the real format tag.
				tag = int(binary.LittleEndian.Uint16(body[24:26]))
				// Valid bits smaller than the container are left-justified, so the container
				// size alone decides the scaling.
			}
			haveFmt = true
		case "data":
			pcm = body
			haveData = true
		}
		adv := size + size&1
		if adv > int64(len(p)) {
			break
		}
		p = p[adv:]
		if haveData && haveFmt {
			break
		}
	}
	if !haveFmt {
		return nil, fail("no fmt chunk")
	}
	if !haveData {
		return nil, fail("no data chunk")
	}
	if channels < 1 || channels > 32 {
		return nil, fail("%d channels", channels)
	}
	if rate < 1 || rate > 768000 {
		return nil, fail("sample rate %d", rate)
	}
	switch {
	case tag == tagPCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32):
	case tag == tagFloat && (bits == 32 || bits == 64):
	default:
		return nil, fail("format tag %d with %d bits is not supported", tag, bits)
	}
	size := bits / 8
	if blockAlign < size*channels {
		blockAlign = size * channels
	}
	frames := len(pcm) / blockAlign
	if frames == 0 {
		return nil, fail("no complete sample frames")
	}
	if maxSamples > 0 && frames > maxSamples/channels {
		return nil, fail("%d frames × %d channels exceeds the limit of %d samples", frames, channels, maxSamples)
	}
	out := &Audio{SampleRate: rate, Channels: make([][]float32, channels)}
	all := make([]float32, frames*channels)
	for c := range out.Channels {
		out.Channels[c] = all[c*frames : (c+1)*frames : (c+1)*frames]
	}
	for f := 0; f < frames; f++ {
		row := pcm[f*blockAlign:]
		for c := 0; c < channels; c++ {
			s := row[c*size:]
			out.Channels[c][f] = sample(s, tag, bits)
		}
	}
	return out, nil
}

func sample(s []byte, tag, bits int) float32 {
	if tag == tagFloat {
		if bits == 32 {
			return math.Float32frombits(binary.LittleEndian.Uint32(s))
		}
		return float32(math.Float64frombits(binary.LittleEndian.Uint64(s)))
	}
	var v int64
	switch bits {
	case 8:
		v = int64(s[0]) - 128
	case 16:
		v = int64(int16(binary.LittleEndian.Uint16(s)))
	case 24:
		v = int64(int32(uint32(s[0])<<8|uint32(s[1])<<16|uint32(s[2])<<24) >> 8)
	case 32:
		v = int64(int32(binary.LittleEndian.Uint32(s)))
	}
	half := int64(1) << (bits - 1)
	if v < 0 {
		return float32(float64(v) / float64(half))
	}
	return float32(float64(v) / float64(half-1))
}

// Format selects the sample encoding Encode writes.
type Format int

const (
	PCM16 Format = iota
	PCM24
	Float32
)

// Encode writes channels (equal length) as a WAV file.
func Encode(w io.Writer, channels [][]float32, sampleRate int, f Format) error {
	nch := len(channels)
	if nch == 0 || nch > 65535 {
		return fmt.Errorf("wav: cannot encode %d channels", nch)
	}
	frames := len(channels[0])
	bits, tag := 16, tagPCM
	switch f {
	case PCM24:
		bits = 24
	case Float32:
		bits, tag = 32, tagFloat
	}
	size := bits / 8
	dataLen := int64(frames) * int64(nch) * int64(size)
	if dataLen > math.MaxUint32-44 {
		return fmt.Errorf("wav: %d bytes of audio do not fit a RIFF file", dataLen)
	}
	hdr := make([]byte, 44)
	copy(hdr[0:], "RIFF")
	binary.LittleEndian.PutUint32(hdr[4:], uint32(36+dataLen))
	copy(hdr[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(hdr[16:], 16)
	binary.LittleEndian.PutUint16(hdr[20:], uint16(tag))
	binary.LittleEndian.PutUint16(hdr[22:], uint16(nch))
	binary.LittleEndian.PutUint32(hdr[24:], uint32(sampleRate))
	binary.LittleEndian.PutUint32(hdr[28:], uint32(sampleRate*nch*size))
	binary.LittleEndian.PutUint16(hdr[32:], uint16(nch*size))
	binary.LittleEndian.PutUint16(hdr[34:], uint16(bits))
	copy(hdr[36:], "data")
	binary.LittleEndian.PutUint32(hdr[40:], uint32(dataLen))
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	buf := make([]byte, 0, 4096*size*nch)
	for i := 0; i < frames; i++ {
		for _, ch := range channels {
			buf = appendSample(buf, ch[i], f)
		}
		if len(buf) >= cap(buf)-size*nch {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

func appendSample(b []byte, v float32, f Format) []byte {
	if f == Float32 {
		return binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	x := math.Max(-1, math.Min(1, float64(v)))
	if x != x {
		x = 0
	}
	bits := 16
	if f == PCM24 {
		bits = 24
	}
	// The inverse of Decode's scaling, so that encode→decode is exact for full-scale values.
	half := float64(int64(1) << (bits - 1))
	var q int64
	if x < 0 {
		q = int64(math.Round(x * half))
	} else {
		q = int64(math.Round(x * (half - 1)))
	}
	if bits == 16 {
		return binary.LittleEndian.AppendUint16(b, uint16(int16(q)))
	}
	u := uint32(int32(q))
	return append(b, byte(u), byte(u>>8), byte(u>>16))
}
