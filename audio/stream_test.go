package audio

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"
	"time"
)

func TestStreamFloatAndInt16(t *testing.T) {
	for _, f := range []SampleFormat{Float32LE, Int16LE} {
		s, err := NewStreamContext(StreamOptions{Channels: 2, SampleRate: 8000, Format: f})
		if err != nil {
			t.Fatal(err)
		}
		src := s.CreateConstantSource()
		src.Offset().SetValue(0.5)
		src.Start(0)
		src.Connect(s.Destination())
		p := make([]byte, 300*s.frameBytes()+1) // not a multiple of the quantum or the frame
		if _, err := io.ReadFull(s, p); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 300*2; i++ {
			var v float64
			if f == Int16LE {
				v = float64(int16(binary.LittleEndian.Uint16(p[2*i:]))) / 32767
			} else {
				v = float64(math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:])))
			}
			if math.Abs(v-0.5) > 1e-4 {
				t.Fatalf("format %d sample %d = %v", f, i, v)
			}
		}
		if got := s.CurrentFrame(); got != 384 {
			t.Errorf("rendered %d frames, want 384 (three quanta)", got)
		}
	}
}

func TestStreamSuspendResumeClose(t *testing.T) {
	s, _ := NewStreamContext(StreamOptions{Channels: 1, SampleRate: 8000})
	src := s.CreateConstantSource()
	src.Start(0)
	src.Connect(s.Destination())
	p := make([]byte, 128*4)
	io.ReadFull(s, p)
	s.Suspend()
	io.ReadFull(s, p)
	if s.State() != StateSuspended || s.CurrentFrame() != 128 {
		t.Fatalf("suspended: state %s frame %d", s.State(), s.CurrentFrame())
	}
	if v := math.Float32frombits(binary.LittleEndian.Uint32(p)); v != 0 {
		t.Fatalf("suspended output %v, want silence", v)
	}
	s.Resume()
	io.ReadFull(s, p)
	if s.State() != StateRunning || s.CurrentFrame() != 256 {
		t.Fatalf("resumed: state %s frame %d", s.State(), s.CurrentFrame())
	}
	s.Close()
	if _, err := s.Read(p); err != io.EOF {
		t.Fatalf("after close: %v", err)
	}
	if err := s.Close(); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("second close: %v", err)
	}
}

func TestStreamPaced(t *testing.T) {
	s, _ := NewStreamContext(StreamOptions{Channels: 1, SampleRate: 8000, Paced: true})
	p := make([]byte, 800*4) // 0.1 s
	start := time.Now()
	io.ReadFull(s, p)
	io.ReadFull(s, p)
	if el := time.Since(start); el < 90*time.Millisecond {
		t.Fatalf("0.2 s of paced audio took %v", el)
	}
}

func TestStreamDoRunsOnRenderGoroutine(t *testing.T) {
	s, _ := NewStreamContext(StreamOptions{Channels: 1, SampleRate: 8000})
	done := make(chan struct{})
	go func() {
		s.Do(func() {
			src := s.CreateConstantSource()
			src.Start(0)
			src.Connect(s.Destination())
		})
		close(done)
	}()
	<-done
	p := make([]byte, 4)
	s.Read(p)
	if v := math.Float32frombits(binary.LittleEndian.Uint32(p)); v != 1 {
		t.Fatalf("queued graph change not applied: %v", v)
	}
}
