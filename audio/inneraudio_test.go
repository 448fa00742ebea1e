package audio

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestInnerAudioContextEventsAndOutput(t *testing.T) {
	c := mustOffline(t, 2, 44100, 44100)
	a := c.CreateInnerAudioContext()
	var log []string
	for _, ev := range []string{EventCanplay, EventPlay, EventPause, EventEnded, EventTimeUpdate, EventSeeking, EventSeeked, EventStop} {
		a.On(ev, func(e InnerAudioEvent) { log = append(log, e.Type) })
	}
	a.SetVolume(0.5)
	a.SetAutoplay(true)
	// 0.1 s mono MP3 at 44.1 kHz: 4410 frames.
	if err := a.SetSrcData("sine.mp3", fixture("sine440-mono-44k.mp3")); err != nil {
		t.Fatal(err)
	}
	if a.Duration() != 0.1 || a.Paused() {
		t.Fatalf("duration %v paused %v", a.Duration(), a.Paused())
	}
	a.Connect(c.Destination())
	out := render(t, c)
	want := strings.Join([]string{EventCanplay, EventPlay, EventEnded}, ",")
	if got := strings.Join(log, ","); got != want {
		t.Fatalf("events %s, want %s", got, want)
	}
	ref, _ := Decode(fixture("sine440-mono-44k.mp3"))
	rd, _ := ref.GetChannelData(0)
	l, _ := out.GetChannelData(0)
	for i := 0; i < 4410; i += 97 {
		if math.Abs(float64(l[i])-0.5*float64(rd[i])) > 1e-6 {
			t.Fatalf("frame %d: %v, want %v", i, l[i], 0.5*rd[i])
		}
	}
	if l[4500] != 0 || !a.Paused() || a.CurrentTime() != 0 {
		t.Fatalf("after the end: sample %v paused %v time %v", l[4500], a.Paused(), a.CurrentTime())
	}
}

func TestInnerAudioContextSeekPauseLoop(t *testing.T) {
	c := mustOffline(t, 1, 44100, 44100)
	a := c.CreateInnerAudioContext()
	var log []string
	for _, ev := range []string{EventPause, EventEnded, EventTimeUpdate, EventSeeking, EventSeeked, EventStop, EventPlay} {
		a.On(ev, func(e InnerAudioEvent) { log = append(log, e.Type) })
	}
	a.SetLoop(true)
	if err := a.SetSrcData("x.flac", fixture("sine-stereo-16.flac")); err != nil {
		t.Fatal(err)
	}
	a.Connect(c.Destination())
	s1, _ := c.Suspend(0.05)
	s2, _ := c.Suspend(0.6)
	go func() {
		<-s1
		a.Seek(0.09)
		c.Resume()
		<-s2
		a.Pause()
		c.Resume()
	}()
	a.Play()
	render(t, c)
	got := strings.Join(log, ",")
	if !strings.HasPrefix(got, "play,seeking,seeked,timeUpdate") || !strings.HasSuffix(got, "pause") || strings.Contains(got, "ended") {
		t.Fatalf("events %s", got)
	}
}

func TestInnerAudioContextErrors(t *testing.T) {
	c := mustOffline(t, 1, 128, 44100)
	a := c.CreateInnerAudioContext()
	var codes []int
	a.On(EventError, func(e InnerAudioEvent) { codes = append(codes, e.ErrCode) })
	a.Loader = func(string) ([]byte, error) { return nil, errors.New("no such file") }
	if err := a.SetSrc("missing.mp3"); err == nil {
		t.Fatal("missing file accepted")
	}
	if err := a.SetSrcData("bad.wav", []byte("RIFF....WAVEjunk")); !errors.Is(err, ErrDecode) {
		t.Fatalf("bad data: %v", err)
	}
	if len(codes) != 2 || codes[0] != 10003 || codes[1] != 10004 {
		t.Fatalf("error codes %v, want [10003 10004]", codes)
	}
	id := a.On(EventPlay, func(InnerAudioEvent) { t.Fatal("removed handler called") })
	a.Off(EventPlay, id)
	a.SetSrcData("ok.flac", fixture("sine-stereo-16.flac"))
	a.Play()
	c.StartRendering(context.Background())
}
