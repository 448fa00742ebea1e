//go:build cgo && !noffmpeg

package ffmpeg

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"testing"
)

// decodeAll decodes every frame of the best video stream to RGBA.
func decodeAll(t testing.TB, d *Demuxer) (pts []int64, rgba []byte, w, h int) {
	t.Helper()
	vs := d.BestStream(MediaVideo)
	if vs < 0 {
		t.Fatal("no video stream")
	}
	dec, err := NewVideoDecoder(d, vs, VideoDecoderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	conv := NewRGBAConverter()
	defer conv.Close()
	pkt, fr := NewPacket(), NewFrame()
	defer pkt.Free()
	defer fr.Free()
	var buf []byte
	drain := func() error {
		for {
			err := dec.Receive(fr)
			if err != nil {
				return err
			}
			w, h = fr.Width(), fr.Height()
			if len(buf) != w*h*4 {
				buf = make([]byte, w*h*4)
			}
			if err := conv.Convert(fr, buf, w*4); err != nil {
				t.Fatal(err)
			}
			rgba = append(rgba, buf...)
			pts = append(pts, fr.Pts())
		}
	}
	for {
		err := d.ReadPacket(pkt)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if pkt.StreamIndex() != vs {
			continue
		}
		if err := dec.Send(pkt); err != nil {
			t.Fatal(err)
		}
		if err := drain(); err != ErrAgain {
			t.Fatal(err)
		}
	}
	if err := dec.Send(nil); err != nil {
		t.Fatal(err)
	}
	if err := drain(); err != io.EOF {
		t.Fatal(err)
	}
	return pts, rgba, w, h
}

func TestDecodeMatchesFFmpeg(t *testing.T) {
	tests := []struct {
		medium        string
		codec         string
		width, height int
	}{
		{"h264", "h264", 64, 48},
		{"h264b", "h264", 64, 48},
		{"h264av", "h264", 64, 48},
		{"hevc", "hevc", 64, 48},
		{"vp9", "vp9", 64, 48},
		{"vfr", "h264", 64, 48},
	}
	for _, tc := range tests {
		t.Run(tc.medium, func(t *testing.T) {
			path := testMedium(t, tc.medium)
			d, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			si := d.Stream(d.BestStream(MediaVideo))
			if si.Codec != tc.codec || si.Width != tc.width || si.Height != tc.height {
				t.Errorf("stream = %s %dx%d, want %s %dx%d", si.Codec, si.Width, si.Height, tc.codec, tc.width, tc.height)
			}
			pts, rgba, w, h := decodeAll(t, d)
			wantPts := probeFrames(t, path)
			if len(pts) != len(wantPts) {
				t.Fatalf("decoded %d frames, ffprobe %d", len(pts), len(wantPts))
			}
			for i := range pts {
				if pts[i] != wantPts[i] {
					t.Fatalf("frame %d pts %d, ffprobe %d", i, pts[i], wantPts[i])
				}
			}
			if w != tc.width || h != tc.height {
				t.Errorf("frame size %dx%d", w, h)
			}
			want := ffmpegRGBA(t, path)
			if len(want) != len(rgba) {
				t.Fatalf("rgba bytes %d, ffmpeg %d", len(rgba), len(want))
			}
			if diff := maxDiff(rgba, want); diff > 0 {
				t.Errorf("pixels differ from ffmpeg by up to %d", diff)
			}
		})
	}
}

func maxDiff(a, b []byte) int {
	m := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		m = max(m, d)
	}
	return m
}

func TestStreamInfo(t *testing.T) {
	tests := []struct {
		medium   string
		rotation int
		video    bool
		audio    string
		rate     int
	}{
		{"h264", 0, true, "", 0},
		{"rot90", 270, true, "", 0},
		{"h264av", 0, true, "aac", 44100},
		{"audio", 0, false, "aac", 48000},
	}
	for _, tc := range tests {
		t.Run(tc.medium, func(t *testing.T) {
			d, err := Open(testMedium(t, tc.medium))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			vs := d.BestStream(MediaVideo)
			if (vs >= 0) != tc.video {
				t.Fatalf("video stream %d, want present=%v", vs, tc.video)
			}
			if vs >= 0 {
				si := d.Stream(vs)
				if si.Rotation != tc.rotation {
					t.Errorf("rotation %d, want %d", si.Rotation, tc.rotation)
				}
				if math.Abs(si.FrameRate.Float()-30) > 0.01 {
					t.Errorf("fps %v", si.FrameRate)
				}
			}
			as := d.BestStream(MediaAudio)
			if tc.audio == "" {
				if as >= 0 {
					t.Errorf("unexpected audio stream %d", as)
				}
				return
			}
			si := d.Stream(as)
			if si.Codec != tc.audio || si.SampleRate != tc.rate || si.Channels != 1 {
				t.Errorf("audio %s %d Hz %d ch", si.Codec, si.SampleRate, si.Channels)
			}
		})
	}
}

func TestOpenReaderMatchesPath(t *testing.T) {
	path := testMedium(t, "h264b")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d1, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d1.Close()
	d2, err := OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	p1, r1, _, _ := decodeAll(t, d1)
	p2, r2, _, _ := decodeAll(t, d2)
	if len(p1) != len(p2) || !bytes.Equal(r1, r2) {
		t.Fatalf("reader decode differs: %d vs %d frames", len(p2), len(p1))
	}
}

func TestAudioDecodeResample(t *testing.T) {
	tests := []struct {
		name string
		out  AudioFormat
	}{
		{"native", AudioFormat{}},
		{"stereo44k", AudioFormat{SampleRate: 44100, Channels: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Open(testMedium(t, "audio"))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			as := d.BestStream(MediaAudio)
			dec, err := NewAudioDecoder(d, as)
			if err != nil {
				t.Fatal(err)
			}
			defer dec.Close()
			rs := NewResampler(tc.out)
			defer rs.Close()
			pkt, fr := NewPacket(), NewFrame()
			defer pkt.Free()
			defer fr.Free()
			var pcm []float32
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
					if pcm, err = rs.Convert(fr, pcm); err != nil {
						t.Fatal(err)
					}
				}
				if err == io.EOF {
					break
				}
				if err != ErrAgain {
					t.Fatal(err)
				}
			}
			pcm, _ = rs.Flush(pcm)
			f := rs.Format()
			seconds := float64(len(pcm)/f.Channels) / float64(f.SampleRate)
			// 0.5 s of sine plus the AAC priming/padding the decoder keeps.
			if seconds < 0.49 || seconds > 0.56 {
				t.Errorf("decoded %.3f s at %+v", seconds, f)
			}
			var peak float64
			for _, v := range pcm {
				peak = math.Max(peak, math.Abs(float64(v)))
			}
			if peak < 0.05 || peak > 1.01 {
				t.Errorf("peak %v, want a sine", peak)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	path := testMedium(t, "h264")
	full, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		msg  string // FFmpeg's own explanation, expected in the error
	}{
		{"empty", nil, "Invalid data"},
		{"garbage", bytes.Repeat([]byte("not a video "), 100), "Invalid data"},
		{"truncated moov-at-end", full[:len(full)/2], "moov atom not found"},
		{"header only", full[:64], "moov atom not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := LiveObjects()
			d, err := OpenReader(bytes.NewReader(tc.data))
			if err == nil {
				d.Close()
				t.Fatal("opened invalid input")
			}
			var fe *Error
			if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tc.msg) {
				t.Errorf("error %q is not an FFmpeg error saying %q", err, tc.msg)
			}
			if LiveObjects() != before {
				t.Errorf("leaked %d C objects", LiveObjects()-before)
			}
		})
	}
	if _, err := Open("/nonexistent/file.mp4"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	for _, p := range []string{t.TempDir(), "/dev/null"} {
		if d, err := Open(p); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			if d != nil {
				d.Close()
			}
			t.Errorf("Open(%s): %v", p, err)
		}
	}
}

// TestCorruptDecodes feeds damaged payloads: decoding must end, with or without an
// error, and never crash.
func TestCorruptDecodes(t *testing.T) {
	full, err := os.ReadFile(testMedium(t, "h264av"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func([]byte) []byte
	}{
		{"truncated faststart", func(b []byte) []byte { return b[:len(b)*2/3] }},
		{"scribbled payload", func(b []byte) []byte {
			for i := len(b) / 2; i < len(b)*3/4; i += 7 {
				b[i] ^= 0x5a
			}
			return b
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := LiveObjects()
			data := tc.edit(append([]byte(nil), full...))
			d, err := OpenReader(bytes.NewReader(data))
			if err != nil {
				return // refusing is fine
			}
			n, err := decodeLenient(d)
			d.Close()
			t.Logf("decoded %d frames, err %v", n, err)
			if LiveObjects() != before {
				t.Errorf("leaked %d C objects", LiveObjects()-before)
			}
		})
	}
}

// decodeLenient decodes every video frame, stopping at the first error.
func decodeLenient(d *Demuxer) (int, error) {
	vs := d.BestStream(MediaVideo)
	if vs < 0 {
		return 0, errors.New("no video")
	}
	dec, err := NewVideoDecoder(d, vs, VideoDecoderOptions{})
	if err != nil {
		return 0, err
	}
	defer dec.Close()
	conv := NewRGBAConverter()
	defer conv.Close()
	pkt, fr := NewPacket(), NewFrame()
	defer pkt.Free()
	defer fr.Free()
	var buf []byte
	n := 0
	eof := false
	for !eof {
		err := d.ReadPacket(pkt)
		if err == io.EOF {
			eof = true
			err = dec.Send(nil)
		} else if err == nil {
			err = dec.Send(pkt)
		}
		if err != nil {
			return n, err
		}
		for {
			err := dec.Receive(fr)
			if err == ErrAgain || err == io.EOF {
				break
			}
			if err != nil {
				return n, err
			}
			if need := fr.Width() * fr.Height() * 4; len(buf) < need {
				buf = make([]byte, need)
			}
			if err := conv.Convert(fr, buf, fr.Width()*4); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

func TestSeekThenDecode(t *testing.T) {
	d, err := Open(testMedium(t, "h264b"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	vs := d.BestStream(MediaVideo)
	if err := d.SeekMs(vs, 500); err != nil {
		t.Fatal(err)
	}
	pts, _, _, _ := decodeAll(t, d)
	if len(pts) == 0 || len(pts) >= 30 {
		t.Fatalf("after seek decoded %d frames", len(pts))
	}
	tb := d.Stream(vs).TimeBase
	if ms := ToMs(pts[0], tb); ms > 500 {
		t.Errorf("first frame after seek at %d ms, past the 500 ms target", ms)
	}
}

func TestNoLeaks(t *testing.T) {
	path := testMedium(t, "h264av")
	before := LiveObjects()
	for range 3 {
		d, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		decodeAll(t, d)
		d.Close()
		d.Close() // twice is fine
	}
	if n := LiveObjects() - before; n != 0 {
		t.Fatalf("%d C objects still allocated", n)
	}
}

func TestTimeConversions(t *testing.T) {
	tests := []struct {
		ts int64
		tb Rational
		ms int64
	}{
		{512, Rational{1, 15360}, 33},
		{15360, Rational{1, 15360}, 1000},
		{-512, Rational{1, 15360}, -33},
		{1001, Rational{1, 30000}, 33},
		{NoPTS, Rational{1, 1000}, NoPTS},
	}
	for _, tc := range tests {
		if got := ToMs(tc.ts, tc.tb); got != tc.ms {
			t.Errorf("ToMs(%d, %v) = %d, want %d", tc.ts, tc.tb, got, tc.ms)
		}
	}
	if got := FromMs(1000, Rational{1, 15360}); got != 15360 {
		t.Errorf("FromMs = %d", got)
	}
}

func TestHasCodec(t *testing.T) {
	tests := []struct {
		name        string
		dec, encode bool
	}{
		{"h264", true, true}, // libx264 is required by the product
		{"aac", true, true},
		{"libx264", false, true},
		{"no-such-codec", false, false},
	}
	for _, tc := range tests {
		if got := HasDecoder(tc.name); got != tc.dec {
			t.Errorf("HasDecoder(%q) = %v", tc.name, got)
		}
		if got := HasEncoder(tc.name); got != tc.encode {
			t.Errorf("HasEncoder(%q) = %v", tc.name, got)
		}
	}
}

// TestPixelLimit: pictures above the limit are refused before their pixels exist:
// either NewVideoDecoder refuses the stream, or (when probing already refused to size
// it) decoding fails without producing a frame.
func TestPixelLimit(t *testing.T) {
	tests := []struct {
		name, medium string
		max          int
	}{
		{"default limit", "huge", 0},
		{"configured limit", "h264", 64*48 - 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := LiveObjects()
			d, err := Open(testMedium(t, tc.medium))
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				d.Close()
				if LiveObjects() != before {
					t.Error("leaked")
				}
			}()
			vs := d.BestStream(MediaVideo)
			if si := d.Stream(vs); tc.medium == "huge" && (si.Width != 8192 || si.Height != 4352) {
				t.Errorf("stream size %dx%d, want the header's 8192x4352", si.Width, si.Height)
			}
			dec, err := NewVideoDecoder(d, vs, VideoDecoderOptions{MaxPixels: tc.max})
			if errors.Is(err, ErrTooLarge) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer dec.Close()
			pkt, fr := NewPacket(), NewFrame()
			defer pkt.Free()
			defer fr.Free()
			var decodeErr error
			for decodeErr == nil {
				if err := d.ReadPacket(pkt); err != nil {
					decodeErr = dec.Send(nil)
				} else {
					decodeErr = dec.Send(pkt)
				}
				if decodeErr == nil {
					if decodeErr = dec.Receive(fr); decodeErr == nil {
						t.Fatalf("decoded a %dx%d frame above the limit", fr.Width(), fr.Height())
					}
				}
				if decodeErr == ErrAgain {
					decodeErr = nil
				}
			}
			if !errors.Is(decodeErr, ErrTooLarge) {
				t.Fatalf("decoding ended with %v, want ErrTooLarge", decodeErr)
			}
		})
	}
}
