package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/audio"
	"github.com/seed92233726/mediad/recorder"
)

// sineWAV writes a 1 s stereo 44.1 kHz sine WAV through the recorder itself.
func sineWAV(t *testing.T) string {
	t.Helper()
	const rate = 44100
	ch := [][]float32{make([]float32, rate), make([]float32, rate)}
	for i := range ch[0] {
		ch[0][i] = float32(0.4 * math.Sin(2*math.Pi*440*float64(i)/rate))
		ch[1][i] = ch[0][i]
	}
	b, err := audio.NewAudioBufferFromChannels(ch, rate)
	if err != nil {
		t.Fatal(err)
	}
	src, err := recorder.NewBufferSource(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := recorder.NewRecorderManager()
	if err := m.Start(context.Background(), recorder.StartOptions{Format: "wav", SampleRate: rate, TempDir: t.TempDir()}, src); err != nil {
		t.Skip(err) // without FFmpeg nothing below can run either
	}
	res, err := m.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return res.TempFilePath
}

func TestRecord(t *testing.T) {
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Skip("ffprobe not installed")
	}
	in := sineWAV(t)
	dir := t.TempDir()
	tests := []struct {
		name      string
		args      []string
		code      int
		codec     string // ffprobe codec_name,sample_rate,channels of the output
		frames    bool   // frame lines expected before the stop line
		stderrSub string
	}{
		{"mp3 with frames", []string{"-format", "mp3", "-sample-rate", "44100", "-encode-bit-rate", "128000", "-frame-size", "4"}, 0, "mp3\n44100\n2", true, ""},
		{"aac mono 16 kHz, default bit rate", []string{"-sample-rate", "16000", "-channels", "1"}, 0, "aac\n16000\n1", false, ""},
		{"wav 8 kHz", []string{"-format", "wav"}, 0, "pcm_s16le\n8000\n2", false, ""},
		{"bit rate outside the table", []string{"-sample-rate", "44100", "-encode-bit-rate", "32000"}, 2, "", false, "encodeBitRate 32000 is outside 64000–320000"},
		{"unknown format", []string{"-format", "ogg"}, 2, "", false, `format "ogg"`},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out"+string(rune('a'+i)))
			var stdout, stderr bytes.Buffer
			code := dispatch(append(append([]string{"record"}, tc.args...), "-o", out, in), &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.code, stderr.String())
			}
			if tc.code != 0 {
				if !strings.Contains(stderr.String(), tc.stderrSub) {
					t.Errorf("stderr %q, want %q", stderr.String(), tc.stderrSub)
				}
				return
			}
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			var stop recordStop
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &stop); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(out)
			if err != nil || stop.TempFilePath != out || stop.FileSize != fi.Size() || stop.Duration != 1000 {
				t.Fatalf("stop line %+v, file %v (%v)", stop, fi, err)
			}
			if (len(lines) > 1) != tc.frames {
				t.Errorf("%d frame lines", len(lines)-1)
			}
			if tc.frames {
				var last recordFrame
				json.Unmarshal([]byte(lines[len(lines)-2]), &last)
				if !last.IsLastFrame {
					t.Errorf("last frame line %q", lines[len(lines)-2])
				}
			}
			probe, err := exec.Command("ffprobe", "-v", "error", "-of", "default=nw=1:nk=1", "-show_entries", "stream=codec_name,sample_rate,channels", out).Output()
			if err != nil || strings.TrimSpace(string(probe)) != tc.codec {
				t.Errorf("ffprobe %q (%v), want %q", probe, err, tc.codec)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if code := dispatch([]string{"record", in}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "-o OUT is required") {
		t.Errorf("without -o: exit %d, %q", code, stderr.String())
	}
}
