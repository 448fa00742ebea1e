package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/seed92233726/mediad/codec/ffmpeg"
)

// ffmpegFile is a small file made by the ffmpeg command: args go between the lavfi
// input and the output name.
type ffmpegFile struct {
	name     string
	src      string // lavfi source
	args     []string
	encoder  string // skipped when the ffmpeg command lacks it
	channels int
	rate     int
}

// ffmpegFiles are the formats decodeFFmpeg takes. Stereo files carry a different tone
// per channel, so a swapped or mixed channel shows.
var ffmpegFiles = []ffmpegFile{
	{"stereo.m4a", "aevalsrc=0.4*sin(2*PI*440*t)|0.3*sin(2*PI*660*t):s=44100:d=0.4", []string{"-c:a", "aac", "-b:a", "96k"}, "aac", 2, 44100},
	{"mono.aac", "aevalsrc=0.4*sin(2*PI*440*t):s=22050:d=0.3", []string{"-c:a", "aac", "-b:a", "48k", "-f", "adts"}, "aac", 1, 22050},
	{"av.mp4", "aevalsrc=0.4*sin(2*PI*440*t):s=48000:d=0.3", []string{"-f", "lavfi", "-i", "color=c=red:s=32x32:r=10:d=0.3", "-c:v", "mpeg4", "-c:a", "aac"}, "mpeg4", 1, 48000},
	{"vorbis.ogg", "aevalsrc=0.4*sin(2*PI*440*t)|0.3*sin(2*PI*660*t):s=48000:d=0.3", []string{"-c:a", "libvorbis", "-q:a", "3"}, "libvorbis", 2, 48000},
	{"opus.ogg", "aevalsrc=0.4*sin(2*PI*440*t)|0.3*sin(2*PI*660*t):s=48000:d=0.3", []string{"-c:a", "libopus", "-b:a", "64k"}, "libopus", 2, 48000},
	{"opus.webm", "aevalsrc=0.4*sin(2*PI*440*t):s=48000:d=0.3", []string{"-c:a", "libopus", "-b:a", "32k"}, "libopus", 1, 48000},
}

var (
	ffmpegFilesOnce sync.Once
	ffmpegFilesDir  string
	ffmpegEncoders  string
)

// makeFFmpegFile returns the bytes of f, generated once per test binary; it skips
// when the ffmpeg command or f's encoder is missing.
func makeFFmpegFile(t testing.TB, f ffmpegFile) []byte {
	t.Helper()
	data, skip, err := generateFFmpegFile(f)
	if skip != "" {
		t.Skip(skip)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func generateFFmpegFile(f ffmpegFile) (data []byte, skip string, err error) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return nil, "ffmpeg command not installed", nil
	}
	ffmpegFilesOnce.Do(func() {
		ffmpegFilesDir, _ = os.MkdirTemp("", "audio-ffmpeg-")
		out, _ := exec.Command("ffmpeg", "-hide_banner", "-encoders").Output()
		ffmpegEncoders = string(out)
	})
	if !strings.Contains(ffmpegEncoders, " "+f.encoder+" ") {
		return nil, "ffmpeg has no " + f.encoder + " encoder", nil
	}
	path := filepath.Join(ffmpegFilesDir, f.name)
	if data, err := os.ReadFile(path); err == nil {
		return data, "", nil
	}
	args := append([]string{"-v", "error", "-y", "-f", "lavfi", "-i", f.src}, f.args...)
	tmp := path + ".part" + filepath.Ext(f.name)
	if out, err := exec.Command("ffmpeg", append(args, tmp)...).CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("ffmpeg %s: %v\n%s", f.name, err, out)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, "", err
	}
	data, err = os.ReadFile(path)
	return data, "", err
}

// ffmpegDecoder is the ExtraDecoder ffmpeg_decode.go registers, found by the Ogg magic
// it claims; nil in builds without FFmpeg (noffmpeg tag), where nothing is registered.
func ffmpegDecoder() ExtraDecoder {
	for _, d := range extraDecoders {
		if _, _, ok, _ := d([]byte("OggS")); ok {
			return d
		}
	}
	return nil
}

// TestFFmpegDecoderRegistration: registered exactly when the FFmpeg libraries are
// built in.
func TestFFmpegDecoderRegistration(t *testing.T) {
	if got, want := ffmpegDecoder() != nil, ffmpeg.HasDecoder("aac"); got != want {
		t.Fatalf("FFmpeg decoder registered %v, FFmpeg built in %v", got, want)
	}
	if ffmpegDecoder() == nil {
		if _, err := Decode([]byte("OggS\x00\x02" + strings.Repeat("\x00", 100))); !errors.Is(err, ErrNotSupported) {
			t.Fatalf("Ogg without FFmpeg: %v, want ErrNotSupported", err)
		}
	}
}

// ffmpegPCM decodes path with the ffmpeg command to interleaved float32 at the file's
// own rate and channel count.
func ffmpegPCM(t *testing.T, path string) []float32 {
	t.Helper()
	raw, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-map", "0:a:0", "-f", "f32le", "-").Output()
	if err != nil {
		t.Fatalf("ffmpeg decode %s: %v", path, err)
	}
	pcm := make([]float32, len(raw)/4)
	for i := range pcm {
		pcm[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return pcm
}

// TestFFmpegDecode compares Decode with the ffmpeg command's own decoding of the same
// file. Both run the same libavcodec decoders, so the sample count must match exactly
// and samples within 1e-5 (float32 conversion only; in practice they are identical).
// Builds without FFmpeg must refuse the formats as unsupported instead.
func TestFFmpegDecode(t *testing.T) {
	const tolerance = 1e-5
	for _, f := range ffmpegFiles {
		t.Run(f.name, func(t *testing.T) {
			data := makeFFmpegFile(t, f)
			dec := ffmpegDecoder()
			if dec == nil {
				if _, err := Decode(data); !errors.Is(err, ErrNotSupported) {
					t.Fatalf("build without FFmpeg: %v, want ErrNotSupported", err)
				}
				return
			}
			before := ffmpeg.LiveObjects()
			chans, rate, ok, err := dec(data)
			if !ok || err != nil {
				t.Fatalf("FFmpeg decoder: ok %v, %v", ok, err)
			}
			if n := ffmpeg.LiveObjects() - before; n != 0 {
				t.Errorf("%d FFmpeg objects leaked", n)
			}
			want := ffmpegPCM(t, filepath.Join(ffmpegFilesDir, f.name))
			if len(chans) != f.channels || rate != float64(f.rate) {
				t.Fatalf("%d channels at %v Hz, want %d at %d", len(chans), rate, f.channels, f.rate)
			}
			if len(chans[0])*f.channels != len(want) {
				t.Fatalf("%d frames, ffmpeg decodes %d", len(chans[0]), len(want)/f.channels)
			}
			var energy float64
			for c, got := range chans {
				if len(got) != len(chans[0]) {
					t.Fatalf("channel %d has %d frames, channel 0 %d", c, len(got), len(chans[0]))
				}
				for i, v := range got {
					if d := math.Abs(float64(v - want[i*f.channels+c])); d > tolerance {
						t.Fatalf("channel %d frame %d: %v, ffmpeg %v", c, i, v, want[i*f.channels+c])
					}
					energy += float64(v) * float64(v)
				}
			}
			// Matching a silent reference proves nothing: the tones must be there.
			if rms := math.Sqrt(energy / float64(len(want))); rms < 0.1 {
				t.Errorf("rms %.3f: decoded audio is nearly silent", rms)
			}

			// Decode tries its MP3 sniffer before registered decoders; AAC payload and
			// WebM clusters contain sync-like byte pairs it must not take for MP3.
			if isMP3(data) {
				t.Fatalf("the MP3 sniffer claims this %s", f.name)
			}
			b, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			for c := range chans {
				got, _ := b.GetChannelData(c)
				if b.Length() != len(chans[c]) || b.SampleRate() != rate || got[len(got)/2] != chans[c][len(got)/2] {
					t.Fatalf("Decode differs from the FFmpeg decoder")
				}
			}
		})
	}
}

// TestFFmpegDecodeAudioData checks a context resamples FFmpeg-decoded audio to its own
// rate, as it does WAV, MP3 and FLAC.
func TestFFmpegDecodeAudioData(t *testing.T) {
	data := makeFFmpegFile(t, ffmpegFiles[3])
	dec := ffmpegDecoder()
	if dec == nil {
		t.Skip("built without FFmpeg")
	}
	c, err := NewOfflineContext(2, 128, 44100)
	if err != nil {
		t.Fatal(err)
	}
	src, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.DecodeAudioData(data)
	if err != nil {
		t.Fatal(err)
	}
	want := int(float64(src.Length())*44100/48000 + 0.5)
	if src.SampleRate() != 48000 || b.SampleRate() != 44100 || b.Length() != want || b.NumberOfChannels() != 2 {
		t.Fatalf("%d ch × %d frames @ %v, want 2 × %d @ 44100", b.NumberOfChannels(), b.Length(), b.SampleRate(), want)
	}
}

// TestFFmpegDecodeErrors: damaged files of the formats decodeFFmpeg claims fail with
// ErrDecode and say which container they were read as; none of them panics or hangs.
func TestFFmpegDecodeErrors(t *testing.T) {
	m4a := makeFFmpegFile(t, ffmpegFiles[0])
	dec := ffmpegDecoder()
	if dec == nil {
		t.Skip("built without FFmpeg")
	}
	adts := makeFFmpegFile(t, ffmpegFiles[1])
	garbage := make([]byte, 4000)
	for i := range garbage {
		garbage[i] = byte(i*7 + i>>3)
	}
	tests := []struct {
		name, data, want string
	}{
		// ffmpeg writes the index (moov) last, so the first half has none.
		{"m4a cut in half", string(m4a[:len(m4a)/2]), "mp4:"},
		{"ftyp then garbage", string(m4a[:32]) + string(garbage), "mp4:"},
		{"Ogg page header then garbage", "OggS" + string(garbage), "ogg:"},
		{"ADTS header then zeros", string(adts[:7]) + string(make([]byte, 500)), "aac:"},
		{"WebM magic alone", "\x1a\x45\xdf\xa3", "webm:"},
		{"ADIF magic alone", "ADIF", "aac:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := ffmpeg.LiveObjects()
			_, _, ok, err := dec([]byte(tc.data))
			if !ok || err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("FFmpeg decoder: ok %v, error %v: want an error naming %q", ok, err, tc.want)
			}
			// Through Decode (whichever decoder claims the bytes) it is an ErrDecode.
			if b, err := Decode([]byte(tc.data)); err == nil {
				t.Errorf("Decode: %d frames from damaged data", b.Length())
			} else if !errors.Is(err, ErrDecode) {
				t.Errorf("Decode: %v does not wrap ErrDecode", err)
			}
			if n := ffmpeg.LiveObjects() - before; n != 0 {
				t.Errorf("%d FFmpeg objects leaked", n)
			}
		})
	}
}

// TestFFmpegDecodeLimit: MaxBufferSamples holds for FFmpeg-decoded audio too.
func TestFFmpegDecodeLimit(t *testing.T) {
	data := makeFFmpegFile(t, ffmpegFiles[3])
	dec := ffmpegDecoder()
	if dec == nil {
		t.Skip("built without FFmpeg")
	}
	old := MaxBufferSamples
	MaxBufferSamples = 10000
	defer func() { MaxBufferSamples = old }()
	if _, err := Decode(data); !errors.Is(err, ErrDecode) || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("0.3 s of stereo under a 10000-sample limit: %v", err)
	}
}

// TestFFmpegContainerSniff: the FFmpeg decoder claims only its own formats; MP3 and
// FLAC stay with their Go decoders.
func TestFFmpegContainerSniff(t *testing.T) {
	dec := ffmpegDecoder()
	if dec == nil {
		t.Skip("built without FFmpeg")
	}
	tests := []struct {
		name, data, want string
	}{
		{"mp4 ftyp", "\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "mp4"},
		{"ogg", "OggS\x00\x02", "ogg"},
		{"webm", "\x1a\x45\xdf\xa3\x9f", "webm"},
		{"adif", "ADIF\x00", "aac"},
		{"adts", "\xff\xf1\x50\x80\x02\x1f\xfc", "aac"},
		{"adts after ID3", "ID3\x04\x00\x00\x00\x00\x00\x00\xff\xf9\x50\x80\x02\x1f\xfc", "aac"},
		{"mp3 frame (layer III)", "\xff\xfb\x90\x64\x00\x00\x00", ""},
		{"adts with reserved rate index", "\xff\xf1\x3c\x80\x02\x1f\xfc", ""},
		{"flac", "fLaC\x00\x00\x00\x22", ""},
		{"short", "\xff\xf1", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		_, _, ok, err := dec([]byte(tc.data))
		if ok != (tc.want != "") {
			t.Errorf("%s: claimed %v", tc.name, ok)
		} else if ok && (err == nil || !strings.HasPrefix(err.Error(), tc.want+":")) {
			t.Errorf("%s: error %v, want one naming %q", tc.name, err, tc.want)
		}
	}
}

// FuzzFFmpegDecode is FuzzDecode seeded with the FFmpeg formats (cut short so that
// mutations reach the packets), when the ffmpeg command can make them.
func FuzzFFmpegDecode(f *testing.F) {
	f.Add([]byte("OggS"))
	f.Add([]byte("\xff\xf1\x50\x80\x02\x1f\xfc"))
	for _, file := range ffmpegFiles {
		if data, _, err := generateFFmpegFile(file); err == nil && data != nil {
			f.Add(data[:min(len(data), 3000)])
		}
	}
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
