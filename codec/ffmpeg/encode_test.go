//go:build cgo && !noffmpeg

package ffmpeg

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// drainTo writes every packet the encoder has ready to stream s of m.
func drainTo(t *testing.T, e *Encoder, m *Muxer, s int, pkt *Packet) int {
	t.Helper()
	n := 0
	for {
		err := e.Receive(pkt)
		if err == ErrAgain || err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := m.WritePacket(pkt, s); err != nil {
			t.Fatal(err)
		}
		n++
	}
}

func ffprobeValue(t *testing.T, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command("ffprobe", append([]string{"-v", "error", "-of", "default=nw=1:nk=1"}, append(args, path)...)...).Output()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestEncodeMuxMP4 encodes a moving gradient and a sine tone into MP4 with faststart
// and checks the result with ffprobe and ffmpeg.
func TestEncodeMuxMP4(t *testing.T) {
	haveFFmpeg(t)
	tests := []struct {
		name      string
		w, h      int
		rotation  int
		bitrate   int64
		faststart bool
	}{
		{"crf faststart", 64, 48, 0, 0, true},
		{"bitrate rotated", 96, 64, 90, 200000, false},
		{"odd size rounds down", 65, 49, 0, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := LiveObjects()
			out := filepath.Join(t.TempDir(), "out.mp4")
			m, err := NewMuxer(out, MuxerOptions{FastStart: tc.faststart})
			if err != nil {
				t.Fatal(err)
			}
			ve, err := NewVideoEncoder(VideoEncoderOptions{Width: tc.w, Height: tc.h, FrameRate: Rational{30, 1},
				BitRate: tc.bitrate, GlobalHeader: m.GlobalHeader(), Rotation: tc.rotation})
			if err != nil {
				t.Fatal(err)
			}
			ae, err := NewAudioEncoder(AudioEncoderOptions{SampleRate: 48000, Channels: 2, GlobalHeader: m.GlobalHeader()})
			if err != nil {
				t.Fatal(err)
			}
			vs, err := m.AddStream(ve)
			if err != nil {
				t.Fatal(err)
			}
			as, err := m.AddStream(ae)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.WriteHeader(); err != nil {
				t.Fatal(err)
			}
			pkt := NewPacket()
			defer pkt.Free()
			rgba := make([]byte, tc.w*tc.h*4)
			var frames [][]byte
			for i := 0; i < 30; i++ {
				for y := 0; y < tc.h; y++ {
					for x := 0; x < tc.w; x++ {
						o := (y*tc.w + x) * 4
						rgba[o], rgba[o+1], rgba[o+2], rgba[o+3] = byte(x*4+i*4), byte(y*4), byte(128+i), 255
					}
				}
				frames = append(frames, append([]byte(nil), rgba...))
				if err := ve.EncodeRGBA(rgba, tc.w, tc.h, tc.w*4, int64(i)); err != nil {
					t.Fatal(err)
				}
				drainTo(t, ve, m, vs, pkt)
				// 1600 stereo samples per frame: 1/30 s at 48 kHz.
				pcm := make([]float32, 1600*2)
				for k := 0; k < 1600; k++ {
					v := float32(0.5 * math.Sin(2*math.Pi*440*float64(i*1600+k)/48000))
					pcm[2*k], pcm[2*k+1] = v, v
				}
				if err := ae.EncodeAudio(pcm); err != nil {
					t.Fatal(err)
				}
				drainTo(t, ae, m, as, pkt)
			}
			for _, e := range []struct {
				e *Encoder
				s int
			}{{ve, vs}, {ae, as}} {
				if err := e.e.Flush(); err != nil {
					t.Fatal(err)
				}
				drainTo(t, e.e, m, e.s, pkt)
			}
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			ve.Close()
			ae.Close()
			pkt.Free()
			if n := LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}

			if got := ffprobeValue(t, out, "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,nb_read_frames"); got != strings.Join([]string{"h264", itoa(tc.w &^ 1), itoa(tc.h &^ 1), "30"}, "\n") {
				t.Errorf("video stream: %q", got)
			}
			if got := ffprobeValue(t, out, "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels"); got != "aac\n48000\n2" {
				t.Errorf("audio stream: %q", got)
			}
			d, err := Open(out)
			if err != nil {
				t.Fatal(err)
			}
			if r := d.Stream(vs).Rotation; r != tc.rotation {
				t.Errorf("rotation %d, want %d", r, tc.rotation)
			}
			d.Close()
			data, _ := os.ReadFile(out)
			moov, mdat := bytes.Index(data, []byte("moov")), bytes.Index(data, []byte("mdat"))
			if (moov < mdat) != tc.faststart {
				t.Errorf("moov at %d, mdat at %d, faststart %v", moov, mdat, tc.faststart)
			}
			// Lossy, but close: mean absolute error against what was encoded.
			w, h := tc.w&^1, tc.h&^1
			if tc.w == w && tc.h == h {
				got := ffmpegRGBA(t, out, "-noautorotate")
				var sum, n float64
				for i, f := range frames {
					g := got[i*w*h*4 : (i+1)*w*h*4]
					for k := range f {
						sum += math.Abs(float64(f[k]) - float64(g[k]))
						n++
					}
				}
				if mae := sum / n; mae > 4 {
					t.Errorf("mean abs error %.2f", mae)
				}
			}
		})
	}
}

func itoa(v int) string { return strconv.Itoa(v) }

// TestRemuxCopy copies every stream of a file without re-encoding: the copy must
// decode to the same pixels and keep its rotation.
func TestRemuxCopy(t *testing.T) {
	for _, name := range []string{"h264av", "rot90", "hevc"} {
		t.Run(name, func(t *testing.T) {
			src := testMedium(t, name)
			before := LiveObjects()
			out := filepath.Join(t.TempDir(), "copy.mp4")
			d, err := Open(src)
			if err != nil {
				t.Fatal(err)
			}
			m, err := NewMuxer(out, MuxerOptions{FastStart: true})
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < d.NumStreams(); i++ {
				if _, err := m.AddStreamCopy(d, i); err != nil {
					t.Fatal(err)
				}
			}
			if err := m.WriteHeader(); err != nil {
				t.Fatal(err)
			}
			pkt := NewPacket()
			for {
				err := d.ReadPacket(pkt)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := m.WritePacket(pkt, pkt.StreamIndex()); err != nil {
					t.Fatal(err)
				}
			}
			pkt.Free()
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			d.Close()
			if n := LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}
			if !bytes.Equal(ffmpegRGBA(t, out), ffmpegRGBA(t, src)) {
				t.Error("remuxed file decodes differently")
			}
			if a, b := probeFrames(t, out), probeFrames(t, src); len(a) != len(b) {
				t.Errorf("%d frames, source %d", len(a), len(b))
			}
		})
	}
}

func TestEncoderErrors(t *testing.T) {
	tests := []struct {
		name string
		open func() (*Encoder, error)
	}{
		{"zero size", func() (*Encoder, error) { return NewVideoEncoder(VideoEncoderOptions{}) }},
		{"huge", func() (*Encoder, error) { return NewVideoEncoder(VideoEncoderOptions{Width: 100000, Height: 100000}) }},
		{"unknown codec", func() (*Encoder, error) {
			return NewVideoEncoder(VideoEncoderOptions{Codec: "nope", Width: 16, Height: 16})
		}},
		{"too many channels", func() (*Encoder, error) { return NewAudioEncoder(AudioEncoderOptions{Channels: 64}) }},
	}
	for _, tc := range tests {
		before := LiveObjects()
		if e, err := tc.open(); err == nil {
			e.Close()
			t.Errorf("%s: opened", tc.name)
		}
		if LiveObjects() != before {
			t.Errorf("%s: leaked", tc.name)
		}
	}
	e, err := NewVideoEncoder(VideoEncoderOptions{Width: 16, Height: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.EncodeRGBA(make([]byte, 10), 16, 16, 64, 0); err == nil {
		t.Error("short buffer accepted")
	}
	if err := e.EncodeAudio(make([]float32, 4)); err == nil {
		t.Error("audio into a video encoder accepted")
	}
	if _, err := NewMuxer("/nonexistent-dir/x.mp4", MuxerOptions{}); err == nil {
		t.Error("muxer in a missing directory")
	} else if errors.Is(err, io.EOF) {
		t.Error(err)
	}
}
