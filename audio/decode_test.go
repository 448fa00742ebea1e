package audio

import (
	"bytes"
	"errors"
	"testing"
)

func TestDecodeLengthsAndChannels(t *testing.T) {
	cases := []struct {
		file     string
		channels int
		frames   int
		rate     float64
	}{
		// Chromium trims the MP3 encoder delay and padding: 0.1 s at 44.1 kHz is 4410 frames.
		{"sine440-mono-44k.mp3", 1, 4410, 44100},
		{"sine-stereo-48k.mp3", 2, 12000, 48000},
		{"sine-stereo-16.flac", 2, 4410, 44100},
		{"sine-mono-24.flac", 1, 4800, 48000},
	}
	for _, tc := range cases {
		b, err := Decode(fixture(tc.file))
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if b.NumberOfChannels() != tc.channels || b.Length() != tc.frames || b.SampleRate() != tc.rate {
			t.Errorf("%s: %d ch × %d frames @ %v, want %d × %d @ %v", tc.file, b.NumberOfChannels(), b.Length(), b.SampleRate(), tc.channels, tc.frames, tc.rate)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	mp3 := fixture("sine440-mono-44k.mp3")
	flac := fixture("sine-stereo-16.flac")
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"text", []byte("hello, this is not audio")},
		{"truncated wav", pcmWAV(16, 1, 8000, false)[:30]},
		{"flac header only", flac[:42]},
		{"mp3 header only", mp3[:4]},
	}
	for _, tc := range cases {
		if _, err := Decode(tc.data); !errors.Is(err, ErrDecode) {
			t.Errorf("%s: err = %v, want ErrDecode", tc.name, err)
		}
	}
}

func TestDecodeRespectsLimit(t *testing.T) {
	old := MaxBufferSamples
	MaxBufferSamples = 1000
	defer func() { MaxBufferSamples = old }()
	for _, f := range []string{"sine440-mono-44k.mp3", "sine-stereo-16.flac"} {
		if _, err := Decode(fixture(f)); !errors.Is(err, ErrDecode) {
			t.Errorf("%s over the limit: err = %v", f, err)
		}
	}
	if _, err := Decode(pcmWAV(16, 2, 8000, false)); !errors.Is(err, ErrDecode) {
		t.Errorf("wav over the limit: err = %v", err)
	}
}

func TestEncodeWAVRoundTrip(t *testing.T) {
	c := mustOffline(t, 2, 256, 44100)
	src := mkbuf(c, 2, 256, 44100, sinFn(0.1))
	var w bytes.Buffer
	if err := EncodeWAV(&w, src, WAVFloat32); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(w.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for ch := 0; ch < 2; ch++ {
		a, _ := src.GetChannelData(ch)
		b, _ := got.GetChannelData(ch)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("ch %d frame %d: %v vs %v", ch, i, a[i], b[i])
			}
		}
	}
}

// FuzzDecode feeds arbitrary bytes through the format sniffing and all three decoders; the seeds
// are valid files of each format, so mutations exercise the parsers past their headers.
func FuzzDecode(f *testing.F) {
	f.Add(pcmWAV(16, 1, 8000, false)[:200])
	f.Add(pcmWAV(24, 2, 44100, false)[:300])
	f.Add(fixture("sine440-mono-44k.mp3"))
	f.Add(fixture("sine-stereo-16.flac")[:2000])
	f.Add(fixture("sine-mono-24.flac")[:1500])
	f.Add([]byte("ID3\x04\x00\x00\x00\x00\x00\x10fLaC"))
	f.Fuzz(func(t *testing.T, data []byte) {
		old := MaxBufferSamples
		MaxBufferSamples = 1 << 22
		defer func() { MaxBufferSamples = old }()
		b, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrDecode) {
				t.Fatalf("error does not wrap ErrDecode: %v", err)
			}
			return
		}
		if b.Length() < 1 || b.NumberOfChannels() < 1 {
			t.Fatal("empty buffer without error")
		}
	})
}

func TestRegisteredDecoder(t *testing.T) {
	saved := extraDecoders
	defer func() { extraDecoders = saved }()
	RegisterDecoder(func(data []byte) ([][]float32, float64, bool, error) {
		if string(data) == "TONE" {
			return [][]float32{{0.5, -0.5, 0.25}}, 8000, true, nil
		}
		if string(data) == "BROKEN" {
			return nil, 0, true, errors.New("bad frame")
		}
		return nil, 0, false, nil
	})
	b, err := Decode([]byte("TONE"))
	if err != nil || b.Length() != 3 || b.SampleRate() != 8000 {
		t.Fatalf("registered decoder: %v %v", b, err)
	}
	if _, err := Decode([]byte("BROKEN")); !errors.Is(err, ErrDecode) {
		t.Fatalf("decoder error: %v", err)
	}
	if _, err := Decode([]byte("OTHER")); !errors.Is(err, ErrNotSupported) {
		t.Fatalf("unknown data: %v", err)
	}
}
