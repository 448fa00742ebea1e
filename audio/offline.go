package audio

import (
	"context"
)

// OfflineContext renders a graph as fast as possible into an AudioBuffer.
type OfflineContext struct {
	*BaseContext
	length   int
	channels int
	started  bool
	suspends map[int64]chan struct{}
	resume   chan struct{}
	result   *AudioBuffer
}

// OfflineContextOptions are the arguments of the OfflineAudioContext constructor.
type OfflineContextOptions struct {
	NumberOfChannels int // zero means 1
	Length           int
	SampleRate       float64
}

// NewOfflineContext creates a context rendering length frames of channels channels.
func NewOfflineContext(channels, length int, sampleRate float64) (*OfflineContext, error) {
	if err := checkBufferArgs(channels, length, sampleRate); err != nil {
		return nil, err
	}
	base, err := newBaseContext(channels, sampleRate)
	if err != nil {
		return nil, err
	}
	return &OfflineContext{BaseContext: base, length: length, channels: channels, suspends: map[int64]chan struct{}{}, resume: make(chan struct{}, 1)}, nil
}

// NewOfflineContextWithOptions is the option-struct form of NewOfflineContext.
func NewOfflineContextWithOptions(o OfflineContextOptions) (*OfflineContext, error) {
	if o.NumberOfChannels == 0 {
		o.NumberOfChannels = 1
	}
	return NewOfflineContext(o.NumberOfChannels, o.Length, o.SampleRate)
}

// Length is the number of frames the context renders.
func (c *OfflineContext) Length() int { return c.length }

// Suspend schedules a suspension at time t, rounded down to a render quantum boundary as Chromium
// does. The returned channel is closed once rendering has stopped there; the graph may then be
// changed from any goroutine until Resume is called.
func (c *OfflineContext) Suspend(t float64) (<-chan struct{}, error) {
	if isNonFinite(t) || t < 0 {
		return nil, errorf(ErrInvalidState, "suspend time %v is negative", t)
	}
	f := int64(t * c.sampleRate)
	f -= f % RenderQuantum
	if f >= int64(c.length) {
		return nil, errorf(ErrInvalidState, "suspend time %v is beyond the rendering length", t)
	}
	if c.started && f < c.frame {
		return nil, errorf(ErrInvalidState, "suspend time %v has already passed", t)
	}
	if _, dup := c.suspends[f]; dup {
		return nil, errorf(ErrInvalidState, "a suspension is already scheduled at frame %d", f)
	}
	ch := make(chan struct{})
	c.suspends[f] = ch
	return ch, nil
}

// Resume continues rendering after a suspension.
func (c *OfflineContext) Resume() error {
	if !c.started {
		return errorf(ErrInvalidState, "rendering has not started")
	}
	if c.state == StateClosed {
		return errorf(ErrInvalidState, "context is closed")
	}
	select {
	case c.resume <- struct{}{}:
	default:
	}
	return nil
}

// StartRendering renders the whole graph and returns the result. It can be called once; ctx
// cancels rendering, including while suspended.
func (c *OfflineContext) StartRendering(ctx context.Context) (*AudioBuffer, error) {
	if c.started {
		return nil, errorf(ErrInvalidState, "rendering already started")
	}
	c.started = true
	out, err := NewAudioBuffer(AudioBufferOptions{NumberOfChannels: c.channels, Length: c.length, SampleRate: c.sampleRate})
	if err != nil {
		return nil, err
	}
	c.setState(StateRunning)
	done := ctx.Done()
	for c.frame < int64(c.length) {
		if ch, ok := c.suspends[c.frame]; ok {
			delete(c.suspends, c.frame)
			c.setState(StateSuspended)
			close(ch)
			select {
			case <-c.resume:
			case <-done:
				return nil, ctx.Err()
			}
			c.setState(StateRunning)
		}
		select {
		case <-done:
			return nil, ctx.Err()
		default:
		}
		start := c.frame
		b := c.renderQuantum()
		n := min(RenderQuantum, c.length-int(start))
		for ch := 0; ch < c.channels; ch++ {
			dst := out.data[ch][start : start+int64(n)]
			if b.silent || ch >= b.n {
				clear(dst)
				continue
			}
			copy(dst, b.ch[ch][:n])
		}
	}
	c.setState(StateClosed)
	c.result = out
	return out, nil
}
