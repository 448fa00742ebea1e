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
	"unsafe"
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
			// EncodeRGBA writes BT.601 limited range; the stream must say so.
			if got := ffprobeValue(t, out, "-select_streams", "v:0", "-show_entries", "stream=color_range,color_space,color_transfer,color_primaries"); got != "tv\nsmpte170m\nsmpte170m\nsmpte170m" {
				t.Errorf("video colour tags: %q", got)
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

// encodeTone encodes seconds of a 440 Hz sine at amplitude 0.5 (the same on every
// channel) in calls of chunk frames, without calling Receive between them, into a
// file of the given muxer format; it returns the path.
func encodeTone(t *testing.T, opt AudioEncoderOptions, format string, seconds float64, chunk int) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "tone."+format)
	m, err := NewMuxer(out, MuxerOptions{Format: format})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	opt.GlobalHeader = m.GlobalHeader()
	e, err := NewAudioEncoder(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	st, err := m.AddStream(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.WriteHeader(); err != nil {
		t.Fatal(err)
	}
	n := int(seconds * float64(opt.SampleRate))
	pcm := make([]float32, n*opt.Channels)
	for i := 0; i < n; i++ {
		v := float32(0.5 * math.Sin(2*math.Pi*440*float64(i)/float64(opt.SampleRate)))
		for c := 0; c < opt.Channels; c++ {
			pcm[i*opt.Channels+c] = v
		}
	}
	for len(pcm) > 0 {
		k := min(len(pcm), chunk*opt.Channels)
		if err := e.EncodeAudio(pcm[:k]); err != nil {
			t.Fatalf("EncodeAudio of %d frames: %v", k/opt.Channels, err)
		}
		pcm = pcm[k:]
	}
	pkt := NewPacket()
	defer pkt.Free()
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	if drainTo(t, e, m, st, pkt) == 0 {
		t.Fatal("no packets")
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEncodeAudioLargeCalls feeds whole seconds per EncodeAudio call, many codec
// frames at once: encoders that hold one packet (libmp3lame, whose frames are 576
// samples at 24 kHz and below) answer EAGAIN after a frame, and the encoder must
// collect their output itself. The file is decoded by the ffmpeg command and must
// be the tone: as many samples as went in (plus at most the codec's delay and
// padding, three frames), RMS within 10% of 0.5/sqrt 2, and 2*440 zero crossings
// a second within 2%.
func TestEncodeAudioLargeCalls(t *testing.T) {
	haveFFmpeg(t)
	tests := []struct {
		codec, format  string
		rate, channels int
		wantFrameSize  int
		chunk          int
	}{
		{"libmp3lame", "mp3", 8000, 1, 576, 8000},
		{"libmp3lame", "mp3", 22050, 2, 576, 4096},
		{"libmp3lame", "mp3", 24000, 2, 576, 100000},
		{"libmp3lame", "mp3", 44100, 2, 1152, 4096},
		{"aac", "adts", 48000, 2, 1024, 48000},
		{"aac", "adts", 16000, 1, 1024, 1},
	}
	for _, tc := range tests {
		t.Run(tc.codec+"/"+itoa(tc.rate)+"/"+itoa(tc.chunk), func(t *testing.T) {
			if !HasEncoder(tc.codec) {
				t.Skip("no encoder " + tc.codec)
			}
			before := LiveObjects()
			const seconds = 1.0
			opt := AudioEncoderOptions{Codec: tc.codec, SampleRate: tc.rate, Channels: tc.channels, BitRate: 64000}
			e, err := NewAudioEncoder(opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.FrameSize(); got != tc.wantFrameSize {
				t.Errorf("FrameSize %d, want %d", got, tc.wantFrameSize)
			}
			e.Close()
			out := encodeTone(t, opt, tc.format, seconds, tc.chunk)
			if n := LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}
			raw, err := exec.Command("ffmpeg", "-v", "error", "-i", out, "-f", "f32le", "-").Output()
			if err != nil {
				t.Fatalf("ffmpeg decode: %v", err)
			}
			// The first channel; every channel carries the same tone.
			got := make([]float32, len(raw)/4/tc.channels)
			for i := range got {
				b := raw[4*tc.channels*i:]
				got[i] = math.Float32frombits(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)
			}
			want := int(seconds * float64(tc.rate))
			if len(got) < want || len(got) > want+3*tc.wantFrameSize {
				t.Fatalf("%d samples decoded, want %d (+ up to 3 frames)", len(got), want)
			}
			// Measure over the middle, clear of the codec's start-up and tail.
			mid := got[tc.rate/10 : want-tc.rate/10]
			var sum float64
			crossings := 0
			for i, v := range mid {
				sum += float64(v) * float64(v)
				if i > 0 && (mid[i-1] < 0) != (v < 0) {
					crossings++
				}
			}
			rms := math.Sqrt(sum / float64(len(mid)))
			if want := 0.5 / math.Sqrt2; math.Abs(rms-want) > 0.1*want {
				t.Errorf("rms %.4f, want %.4f", rms, want)
			}
			wantX := 2 * 440 * float64(len(mid)) / float64(tc.rate)
			if math.Abs(float64(crossings)-wantX) > 0.02*wantX {
				t.Errorf("%d zero crossings, want %.0f", crossings, wantX)
			}
		})
	}
}

// TestEncodeAudioNoAllocs checks the steady state of EncodeAudio plus draining
// allocates nothing on the Go heap: frames, queued packets and planes are reused.
func TestEncodeAudioNoAllocs(t *testing.T) {
	for _, codec := range []string{"libmp3lame", "aac"} {
		t.Run(codec, func(t *testing.T) {
			if !HasEncoder(codec) {
				t.Skip("no encoder " + codec)
			}
			e, err := NewAudioEncoder(AudioEncoderOptions{Codec: codec, SampleRate: 22050, Channels: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			pkt := NewPacket()
			defer pkt.Free()
			pcm := make([]float32, 4096*2)
			for i := range pcm {
				pcm[i] = float32(math.Sin(float64(i) / 7))
			}
			var out []byte
			var check bool
			run := func() {
				if err := e.EncodeAudio(pcm); err != nil {
					t.Fatal(err)
				}
				for {
					err := e.Receive(pkt)
					if err == ErrAgain {
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					out = pkt.AppendData(out[:0])
					if check && !bytes.Equal(out, pkt.Data()) {
						t.Fatal("AppendData differs from Data")
					}
				}
			}
			check = true
			run() // grow the packet queue and out to their working sizes
			check = false
			if a := testing.AllocsPerRun(20, run); a != 0 {
				t.Errorf("%.1f allocations per call", a)
			}
			// Nor in C: samples go into the same two frame buffers throughout (a frame
			// still held by the encoder would otherwise be copied to a new buffer).
			seen := map[*float32]bool{}
			for i := 0; i < 200; i++ {
				if err := e.EncodeAudio(pcm[:2*100]); err != nil {
					t.Fatal(err)
				}
				seen[unsafe.SliceData(e.planes[0])] = true
			}
			if len(seen) > 2 {
				t.Errorf("samples written into %d different buffers", len(seen))
			}
		})
	}
}

// TestEncodeAfterFlush: input after Flush is refused with an error, not lost.
func TestEncodeAfterFlush(t *testing.T) {
	e, err := NewAudioEncoder(AudioEncoderOptions{SampleRate: 48000, Channels: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.EncodeAudio(make([]float32, 100)); err != nil {
		t.Fatal(err)
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := e.EncodeAudio(make([]float32, 100)); err == nil {
		t.Error("EncodeAudio after Flush accepted")
	}
	pkt := NewPacket()
	defer pkt.Free()
	for {
		err := e.Receive(pkt)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestEncodeFrameRange re-encodes decoded pictures with EncodeFrame. The output is
// limited-range BT.601 (and tagged so), so a full-range or BT.709 source must be
// converted, not copied: VP9 and AV1 decode full range as yuv420p with a range tag,
// H.264 as yuvj420p. Decoded to RGB by the ffmpeg command (which honours the tags),
// the copy must match the source within a mean absolute error of 1.5 levels (x264 at
// CRF 12 gives 0.5-0.7 on this picture, 1.1 for BT.709 which swscale converts through
// 8-bit RGB; planes copied unconverted give 2.8 for full range, 3.1 for BT.709).
func TestEncodeFrameRange(t *testing.T) {
	haveFFmpeg(t)
	tests := []struct {
		name, encoder string
		args          []string
	}{
		{"h264 limited", "libx264", []string{"-pix_fmt", "yuv420p", "-c:v", "libx264", "-crf", "10"}},
		{"h264 full (yuvj420p)", "libx264", []string{"-vf", "scale=out_range=full", "-pix_fmt", "yuvj420p", "-color_range", "pc", "-c:v", "libx264", "-crf", "10"}},
		{"h264 bt709", "libx264", []string{"-vf", "scale=out_color_matrix=bt709", "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-c:v", "libx264", "-crf", "10"}},
		{"vp9 full (yuv420p tagged pc)", "libvpx-vp9", []string{"-vf", "scale=out_range=full", "-pix_fmt", "yuv420p", "-color_range", "pc", "-c:v", "libvpx-vp9", "-crf", "10", "-b:v", "0", "-deadline", "realtime"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !HasEncoder(tc.encoder) {
				t.Skip("no encoder " + tc.encoder)
			}
			dir := t.TempDir()
			src := filepath.Join(dir, "src.mkv")
			args := append([]string{"-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=0.5"}, tc.args...)
			if out, err := exec.Command("ffmpeg", append(args, src)...).CombinedOutput(); err != nil {
				t.Fatalf("ffmpeg: %v\n%s", err, out)
			}
			before := LiveObjects()
			out := filepath.Join(dir, "out.mp4")
			reencode(t, src, out)
			if n := LiveObjects() - before; n != 0 {
				t.Errorf("%d C objects leaked", n)
			}
			a, b := ffmpegRGBA(t, src), ffmpegRGBA(t, out)
			if len(a) != len(b) {
				t.Fatalf("%d bytes of RGBA, source %d", len(b), len(a))
			}
			var sum float64
			for i := range a {
				sum += math.Abs(float64(a[i]) - float64(b[i]))
			}
			if mae := sum / float64(len(a)); mae > 1.5 {
				t.Errorf("mean abs error %.2f against the source", mae)
			}
		})
	}
}

// reencode decodes the video of src and encodes every frame with EncodeFrame into out.
func reencode(t *testing.T, src, out string) {
	t.Helper()
	d, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	vs := d.BestStream(MediaVideo)
	info := d.Stream(vs)
	dec, err := NewVideoDecoder(d, vs, VideoDecoderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	m, err := NewMuxer(out, MuxerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	e, err := NewVideoEncoder(VideoEncoderOptions{Width: info.Width, Height: info.Height, FrameRate: Rational{10, 1}, CRF: 12, GlobalHeader: m.GlobalHeader()})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	st, err := m.AddStream(e)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.WriteHeader(); err != nil {
		t.Fatal(err)
	}
	pkt, fr := NewPacket(), NewFrame()
	defer pkt.Free()
	defer fr.Free()
	n := int64(0)
	for {
		err := d.ReadPacket(pkt)
		if err == io.EOF {
			err = dec.Send(nil)
		} else if err == nil {
			err = dec.Send(pkt)
		}
		if err != nil {
			t.Fatal(err)
		}
		for {
			err = dec.Receive(fr)
			if err != nil {
				break
			}
			if err := e.EncodeFrame(fr, n); err != nil {
				t.Fatal(err)
			}
			n++
			drainTo(t, e, m, st, pkt)
		}
		if err == io.EOF {
			break
		}
		if err != ErrAgain {
			t.Fatal(err)
		}
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	drainTo(t, e, m, st, pkt)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkEncodeAudio encodes one second of stereo sine per op, passed in 4096-frame
// calls and drained after each, and reports the speed as a multiple of real time.
func BenchmarkEncodeAudio(b *testing.B) {
	for _, bc := range []struct {
		codec string
		rate  int
	}{{"libmp3lame", 22050}, {"libmp3lame", 44100}, {"aac", 48000}} {
		b.Run(bc.codec+"/"+itoa(bc.rate), func(b *testing.B) {
			if !HasEncoder(bc.codec) {
				b.Skip("no encoder " + bc.codec)
			}
			e, err := NewAudioEncoder(AudioEncoderOptions{Codec: bc.codec, SampleRate: bc.rate, Channels: 2})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			pkt := NewPacket()
			defer pkt.Free()
			pcm := make([]float32, 2*bc.rate)
			for i := range pcm {
				pcm[i] = float32(0.5 * math.Sin(2*math.Pi*440*float64(i/2)/float64(bc.rate)))
			}
			var out []byte
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for p := pcm; len(p) > 0; {
					k := min(len(p), 2*4096)
					if err := e.EncodeAudio(p[:k]); err != nil {
						b.Fatal(err)
					}
					p = p[k:]
					for {
						err := e.Receive(pkt)
						if err == ErrAgain {
							break
						}
						if err != nil {
							b.Fatal(err)
						}
						out = pkt.AppendData(out[:0])
					}
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
		})
	}
}

// TestEncodePicture fills pictures directly and checks, through the rawvideo
// encoder (whose packets are the planes), that the planes are laid out as the
// Picture describes and that a picture may be refilled as soon as EncodePicture
// returns: at once with one thread, and with frame threads, where libavcodec's
// workers still hold the frame when EncodePicture returns.
func TestEncodePicture(t *testing.T) {
	haveFFmpeg(t)
	before := LiveObjects()
	const w, h = 34, 20 // a row shorter than the planes' aligned stride
	for _, threads := range []int{1, 3} {
		enc, err := NewVideoEncoder(VideoEncoderOptions{Codec: "rawvideo", Width: w, Height: h, Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		p, err := enc.NewPicture()
		if err != nil {
			t.Fatal(err)
		}
		if p.Width != w || p.Height != h || p.YStride < w || p.CStride < w/2 || len(p.Y) < p.YStride*h || len(p.Cb) < p.CStride*h/2 {
			t.Fatalf("picture %dx%d strides %d/%d", p.Width, p.Height, p.YStride, p.CStride)
		}
		var want [][]byte
		for frame := 0; frame < 6; frame++ {
			var wf []byte
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					p.Y[y*p.YStride+x] = byte(x + 3*y + 7*frame)
				}
				wf = append(wf, p.Y[y*p.YStride:y*p.YStride+w]...)
			}
			for k, pl := range [][]byte{p.Cb, p.Cr} {
				for y := 0; y < h/2; y++ {
					for x := 0; x < w/2; x++ {
						pl[y*p.CStride+x] = byte(100 + x - y + 5*frame + 50*k)
					}
					wf = append(wf, pl[y*p.CStride:y*p.CStride+w/2]...)
				}
			}
			want = append(want, wf)
			if err := enc.EncodePicture(p, int64(frame)); err != nil {
				t.Fatal(err)
			}
			clear(p.Y) // refilled at once: the frame sent must not change
		}
		if err := enc.Flush(); err != nil {
			t.Fatal(err)
		}
		pkt := NewPacket()
		for frame := 0; ; frame++ {
			err := enc.Receive(pkt)
			if err == io.EOF {
				if frame != len(want) {
					t.Fatalf("threads %d: %d packets for %d pictures", threads, frame, len(want))
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if frame >= len(want) || !bytes.Equal(pkt.Data(), want[frame]) || pkt.Pts() != int64(frame) {
				t.Fatalf("threads %d: packet %d (%d bytes, pts %d) differs from the picture sent", threads, frame, pkt.Size(), pkt.Pts())
			}
		}
		pkt.Free()
		other, err := NewVideoEncoder(VideoEncoderOptions{Codec: "rawvideo", Width: w + 2, Height: h})
		if err != nil {
			t.Fatal(err)
		}
		if err := other.EncodePicture(p, 0); err == nil {
			t.Error("a picture of another size was accepted")
		}
		other.Close()
		if err := enc.EncodePicture(nil, 0); err == nil {
			t.Error("nil picture accepted")
		}
		p.Free()
		p.Free()
		if err := enc.EncodePicture(p, 5); err == nil {
			t.Error("freed picture accepted")
		}
		enc.Close()
	}
	audio, err := NewAudioEncoder(AudioEncoderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := audio.NewPicture(); err == nil {
		t.Error("audio encoder made a picture")
	}
	audio.Close()
	if n := LiveObjects(); n != before {
		t.Errorf("%d FFmpeg objects live, %d before", n, before)
	}
}

// TestSlicedThreads checks that the option reaches libx264, which writes its settings
// into the stream (an SEI message: "… threads=2 lookahead_threads=1 sliced_threads=1 …").
func TestSlicedThreads(t *testing.T) {
	haveFFmpeg(t)
	if !HasEncoder("libx264") {
		t.Skip("no libx264")
	}
	for _, sliced := range []bool{false, true} {
		enc, err := NewVideoEncoder(VideoEncoderOptions{Width: 64, Height: 256, Threads: 2, SlicedThreads: sliced}) // x264 slices need rows enough
		if err != nil {
			t.Fatal(err)
		}
		p, err := enc.NewPicture()
		if err != nil {
			t.Fatal(err)
		}
		pkt := NewPacket()
		var stream []byte
		for i := 0; i < 3; i++ {
			if err := enc.EncodePicture(p, int64(i)); err != nil {
				t.Fatal(err)
			}
		}
		if err := enc.Flush(); err != nil {
			t.Fatal(err)
		}
		for enc.Receive(pkt) == nil {
			stream = pkt.AppendData(stream)
		}
		want := "sliced_threads=0"
		if sliced {
			want = "sliced_threads=1"
		}
		if !bytes.Contains(stream, []byte(want)) || !bytes.Contains(stream, []byte(" threads=2 ")) {
			t.Errorf("sliced %v: stream lacks %q or threads=2", sliced, want)
		}
		pkt.Free()
		p.Free()
		enc.Close()
	}
}
