package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// build makes a WAV file by hand so the tests do not depend on Encode.
func build(tag, channels, rate, bits int, extensible bool, data []byte) []byte {
	var b bytes.Buffer
	fmtLen := 16
	if extensible {
		fmtLen = 40
	}
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+fmtLen+8+len(data)))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, binary.LittleEndian, uint32(fmtLen))
	ftag := tag
	if extensible {
		ftag = tagExtensible
	}
	align := channels * bits / 8
	binary.Write(&b, binary.LittleEndian, []uint16{uint16(ftag), uint16(channels)})
	binary.Write(&b, binary.LittleEndian, []uint32{uint32(rate), uint32(rate * align)})
	binary.Write(&b, binary.LittleEndian, []uint16{uint16(align), uint16(bits)})
	if extensible {
		binary.Write(&b, binary.LittleEndian, []uint16{22, uint16(bits)})
		binary.Write(&b, binary.LittleEndian, uint32(3))
		binary.Write(&b, binary.LittleEndian, uint16(tag))
		b.Write([]byte{0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71})
	}
	b.WriteString("LIST")
	binary.Write(&b, binary.LittleEndian, uint32(3))
	b.Write([]byte{1, 2, 3, 0}) // odd chunk with pad byte
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(len(data)))
	b.Write(data)
	return b.Bytes()
}

func le(vals ...any) []byte {
	var b bytes.Buffer
	for _, v := range vals {
		binary.Write(&b, binary.LittleEndian, v)
	}
	return b.Bytes()
}

func TestDecodeFormats(t *testing.T) {
	cases := []struct {
		name string
		file []byte
		want [][]float32
	}{
		{"pcm16 asymmetric scaling", build(tagPCM, 1, 8000, 16, false, le(int16(-32768), int16(32767), int16(0), int16(-16384))),
			[][]float32{{-1, 1, 0, -0.5}}},
		{"pcm8 unsigned", build(tagPCM, 1, 8000, 8, false, []byte{0, 255, 128}), [][]float32{{-1, 1, 0}}},
		{"pcm24 stereo", build(tagPCM, 2, 8000, 24, false, []byte{0, 0, 0x80, 0xff, 0xff, 0x7f}), [][]float32{{-1}, {1}}},
		{"pcm32", build(tagPCM, 1, 8000, 32, false, le(int32(-1<<31), int32(1<<31-1))), [][]float32{{-1, 1}}},
		{"float32", build(tagFloat, 1, 8000, 32, false, le(float32(0.25), float32(-2))), [][]float32{{0.25, -2}}},
		{"float64", build(tagFloat, 1, 8000, 64, false, le(0.5, -0.125)), [][]float32{{0.5, -0.125}}},
		{"extensible pcm16", build(tagPCM, 2, 8000, 16, true, le(int16(32767), int16(-32768))), [][]float32{{1}, {-1}}},
		{"extensible float", build(tagFloat, 1, 8000, 32, true, le(float32(0.75))), [][]float32{{0.75}}},
		{"truncated data chunk keeps whole frames", build(tagPCM, 1, 8000, 16, false, []byte{0xff, 0x7f, 0x00}), [][]float32{{1}}},
	}
	for _, tc := range cases {
		a, err := Decode(tc.file, 0)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(a.Channels) != len(tc.want) {
			t.Errorf("%s: %d channels, want %d", tc.name, len(a.Channels), len(tc.want))
			continue
		}
		for c := range tc.want {
			if len(a.Channels[c]) != len(tc.want[c]) {
				t.Errorf("%s: channel %d has %d frames, want %d", tc.name, c, len(a.Channels[c]), len(tc.want[c]))
				continue
			}
			for i, v := range tc.want[c] {
				if a.Channels[c][i] != v {
					t.Errorf("%s: ch %d frame %d = %v, want %v", tc.name, c, i, a.Channels[c][i], v)
				}
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name string
		file []byte
		max  int
	}{
		{"empty", nil, 0},
		{"not riff", []byte("RIFX0000WAVEfmt "), 0},
		{"no fmt", []byte("RIFF\x04\x00\x00\x00WAVE"), 0},
		{"alaw unsupported", build(6, 1, 8000, 8, false, []byte{1}), 0},
		{"12-bit unsupported", build(tagPCM, 1, 8000, 12, false, []byte{1, 2}), 0},
		{"zero channels", build(tagPCM, 0, 8000, 16, false, []byte{1, 2}), 0},
		{"zero rate", build(tagPCM, 1, 0, 16, false, []byte{1, 2}), 0},
		{"no frames", build(tagPCM, 1, 8000, 16, false, []byte{1}), 0},
		{"over limit", build(tagPCM, 1, 8000, 16, false, make([]byte, 200)), 10},
	}
	for _, tc := range cases {
		if _, err := Decode(tc.file, tc.max); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", tc.name, err)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	in := [][]float32{{-1, -0.5, 0, 0.25, 1}, {1, 0.5, 0, -0.25, -1}}
	for _, f := range []Format{PCM16, PCM24, Float32} {
		var b bytes.Buffer
		if err := Encode(&b, in, 44100, f); err != nil {
			t.Fatal(err)
		}
		a, err := Decode(b.Bytes(), 0)
		if err != nil {
			t.Fatal(err)
		}
		tol := map[Format]float32{PCM16: 1.0 / 32767, PCM24: 1.0 / 8388607, Float32: 0}[f]
		for c := range in {
			for i, v := range in[c] {
				if d := a.Channels[c][i] - v; d > tol || d < -tol {
					t.Errorf("format %d ch %d frame %d: %v, want %v", f, c, i, a.Channels[c][i], v)
				}
			}
		}
		if a.SampleRate != 44100 {
			t.Errorf("rate %d", a.SampleRate)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(build(tagPCM, 1, 8000, 16, false, le(int16(1), int16(-1))))
	f.Add(build(tagPCM, 2, 44100, 24, true, make([]byte, 12)))
	f.Add(build(tagFloat, 1, 8000, 64, false, le(0.5)))
	f.Add(build(tagPCM, 1, 8000, 8, false, []byte{1, 2, 3}))
	f.Add([]byte("RIFF\xff\xff\xff\xffWAVEdata\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Decode(data, 1<<20)
		if err != nil {
			return
		}
		n := len(a.Channels[0])
		for _, c := range a.Channels {
			if len(c) != n {
				t.Fatal("channels differ in length")
			}
		}
		if n*len(a.Channels) > 1<<20 {
			t.Fatal("limit exceeded")
		}
	})
}
