package audio

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// decodeAudioData: the same file bytes decoded by Chromium and by Decode/DecodeAudioData, then
// played through a buffer source.

func fixture(name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "files", name))
	if err != nil {
		panic(err)
	}
	return b
}

// pcmWAV builds a WAV file of a two-tone signal with full-scale extremes, in the given layout.
func pcmWAV(bits, channels, rate int, float bool) []byte {
	const frames = 1000
	var data bytes.Buffer
	for i := 0; i < frames; i++ {
		for c := 0; c < channels; c++ {
			x := 1.05 * math.Sin(float64(i)*0.05*float64(c+1)) // clips at the peaks: full scale both ways
			x = math.Max(-1, math.Min(1, x))
			switch {
			case float && bits == 32:
				binary.Write(&data, binary.LittleEndian, float32(x))
			case bits == 8:
				data.WriteByte(byte(math.Round(x*127.5 + 127.5)))
			case bits == 16:
				binary.Write(&data, binary.LittleEndian, int16(math.Round(x*32767.5-0.5)))
			case bits == 24:
				v := int32(math.Round(x*8388607.5 - 0.5))
				data.Write([]byte{byte(v), byte(v >> 8), byte(v >> 16)})
			}
		}
	}
	var b bytes.Buffer
	tag := 1
	if float {
		tag = 3
	}
	align := channels * bits / 8
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+data.Len()))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, binary.LittleEndian, []uint32{16})
	binary.Write(&b, binary.LittleEndian, []uint16{uint16(tag), uint16(channels)})
	binary.Write(&b, binary.LittleEndian, []uint32{uint32(rate), uint32(rate * align)})
	binary.Write(&b, binary.LittleEndian, []uint16{uint16(align), uint16(bits)})
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(data.Len()))
	b.Write(data.Bytes())
	return b.Bytes()
}

func decodeCase(name string, file []byte, channels, length int, rate float64, snr float64) diffCase {
	return diffCase{name: name, channels: channels, length: length, rate: rate, snr: snr,
		js: `const bytes = Uint8Array.from(atob('` + base64.StdEncoding.EncodeToString(file) + `'), c => c.charCodeAt(0));
const b = await ctx.decodeAudioData(bytes.buffer); const s = ctx.createBufferSource(); s.buffer = b; s.connect(ctx.destination); s.start();`,
		build: func(c *OfflineContext) error {
			b, err := c.DecodeAudioData(file)
			if err != nil {
				return err
			}
			s, err := NewAudioBufferSourceNode(c.BaseContext, AudioBufferSourceOptions{Buffer: b})
			return firstErr(err, s.Connect(c.Destination()), s.Start(0))
		}}
}

var decodeCases = []diffCase{
	decodeCase("decode-wav-pcm16-stereo", pcmWAV(16, 2, 44100, false), 2, 1024, 44100, 0),
	decodeCase("decode-wav-pcm8", pcmWAV(8, 1, 22050, false), 1, 1024, 22050, 0),
	decodeCase("decode-wav-pcm24", pcmWAV(24, 1, 48000, false), 1, 1024, 48000, 0),
	decodeCase("decode-wav-float32", pcmWAV(32, 2, 44100, true), 2, 1024, 44100, 0),
	decodeCase("decode-wav-resampled-22k-to-44k", pcmWAV(16, 1, 22050, false), 1, 2048, 44100, 60),
	decodeCase("decode-mp3-mono-44k", fixture("sine440-mono-44k.mp3"), 1, 4410, 44100, 70),
	decodeCase("decode-mp3-stereo-48k", fixture("sine-stereo-48k.mp3"), 2, 12000, 48000, 70),
	decodeCase("decode-flac-16-stereo", fixture("sine-stereo-16.flac"), 2, 4410, 44100, 0),
	decodeCase("decode-flac-24-mono", fixture("sine-mono-24.flac"), 1, 4800, 48000, 0),
	// Chromium resamples with its own sinc resampler; both are good, so the bound is their
	// mutual agreement.
	decodeCase("decode-mp3-resampled-44k-to-48k", fixture("sine440-mono-44k.mp3"), 1, 4800, 48000, 65),
	decodeCase("decode-flac-resampled-44k-to-22k", fixture("sine-stereo-16.flac"), 2, 2205, 22050, 70),
}

func TestChromiumDecode(t *testing.T) { runDiffCases(t, decodeCases) }
