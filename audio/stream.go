package audio

import (
	"encoding/binary"
	"io"
	"math"
	"sync"
	"time"
)

// SampleFormat is the PCM encoding a StreamContext produces.
type SampleFormat int

const (
	// Float32LE is interleaved little-endian float32.
	Float32LE SampleFormat = iota
	// Int16LE is interleaved little-endian signed 16-bit, clipped to [-1, 1].
	Int16LE
)

// StreamOptions configure a StreamContext; zero values mean 2 channels, 44100 Hz, Float32LE,
// rendering as fast as the reader pulls.
type StreamOptions struct {
	Channels   int
	SampleRate float64
	Format     SampleFormat
	// Paced makes Read wait so that audio is produced no faster than real time, like a sound
	// card would consume it.
	Paced bool
}

// StreamContext is the server-side form of wx.createWebAudioContext: a graph rendered on demand
// into a PCM byte stream (io.Reader). It starts running; while suspended, Read yields silence and
// the clock stands still; after Close, Read returns io.EOF.
//
// Change the graph either from the goroutine that calls Read, or through Do, which runs a
// function on the rendering goroutine between quanta.
type StreamContext struct {
	*BaseContext
	format   SampleFormat
	channels int
	paced    bool

	mu      sync.Mutex
	queue   []func()
	pending []byte // rendered bytes not yet read
	started time.Time
	played  int64 // frames handed out while running, for pacing
	scratch []byte
}

// NewStreamContext creates a running stream context.
func NewStreamContext(o StreamOptions) (*StreamContext, error) {
	if o.Channels == 0 {
		o.Channels = 2
	}
	if o.SampleRate == 0 {
		o.SampleRate = 44100
	}
	if o.Format != Float32LE && o.Format != Int16LE {
		return nil, errorf(ErrNotSupported, "unknown sample format %d", o.Format)
	}
	base, err := newBaseContext(o.Channels, o.SampleRate)
	if err != nil {
		return nil, err
	}
	s := &StreamContext{BaseContext: base, format: o.Format, channels: o.Channels, paced: o.Paced}
	s.setState(StateRunning)
	return s, nil
}

// Do queues f to run on the rendering goroutine before the next quantum; use it to change the
// graph while another goroutine reads.
func (s *StreamContext) Do(f func()) {
	s.mu.Lock()
	s.queue = append(s.queue, f)
	s.mu.Unlock()
}

// Suspend stops the clock; Read returns silence until Resume.
func (s *StreamContext) Suspend() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == StateClosed {
		return errorf(ErrInvalidState, "context is closed")
	}
	s.queue = append(s.queue, func() { s.setState(StateSuspended) })
	return nil
}

// Resume restarts the clock.
func (s *StreamContext) Resume() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == StateClosed {
		return errorf(ErrInvalidState, "context is closed")
	}
	s.queue = append(s.queue, func() { s.setState(StateRunning) })
	return nil
}

// Close ends the stream: the next Read returns io.EOF and the graph is released.
func (s *StreamContext) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == StateClosed {
		return errorf(ErrInvalidState, "context is already closed")
	}
	s.queue = append(s.queue, func() {
		s.setState(StateClosed)
		s.dest.inputs[0].srcs = nil
		s.autoPull = nil
	})
	return nil
}

func (s *StreamContext) runQueue() {
	s.mu.Lock()
	q := s.queue
	s.queue = nil
	s.mu.Unlock()
	for _, f := range q {
		f()
	}
}

func (s *StreamContext) frameBytes() int {
	if s.format == Int16LE {
		return 2 * s.channels
	}
	return 4 * s.channels
}

// Read fills p with whole or partial frames of rendered PCM.
func (s *StreamContext) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.pending) == 0 {
			s.runQueue()
			if s.state == StateClosed {
				if n > 0 {
					return n, nil
				}
				return 0, io.EOF
			}
			s.renderBytes()
		}
		k := copy(p[n:], s.pending)
		s.pending = s.pending[k:]
		n += k
	}
	return n, nil
}

// renderBytes renders one quantum (or silence while suspended) into s.pending, pacing first if
// asked to.
func (s *StreamContext) renderBytes() {
	if s.paced {
		if s.started.IsZero() {
			s.started = time.Now()
		}
		due := s.started.Add(time.Duration(float64(s.played) / s.sampleRate * float64(time.Second)))
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
	}
	s.played += RenderQuantum
	size := RenderQuantum * s.frameBytes()
	if cap(s.scratch) < size {
		s.scratch = make([]byte, size)
	}
	buf := s.scratch[:size]
	if s.state != StateRunning {
		clear(buf)
		s.pending = buf
		return
	}
	b := s.renderQuantum()
	w := 0
	for i := 0; i < RenderQuantum; i++ {
		for c := 0; c < s.channels; c++ {
			var v float32
			if !b.silent && c < b.n {
				v = b.ch[c][i]
			}
			if s.format == Int16LE {
				binary.LittleEndian.PutUint16(buf[w:], uint16(toInt16(v)))
				w += 2
			} else {
				binary.LittleEndian.PutUint32(buf[w:], math.Float32bits(v))
				w += 4
			}
		}
	}
	s.pending = buf
}

func toInt16(v float32) int16 {
	switch {
	case v != v:
		return 0
	case v >= 1:
		return 32767
	case v <= -1:
		return -32768
	case v < 0:
		return int16(math.Round(float64(v) * 32768))
	}
	return int16(math.Round(float64(v) * 32767))
}
