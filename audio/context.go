package audio

import "math"

// ContextState is "suspended", "running" or "closed".
type ContextState string

const (
	StateSuspended ContextState = "suspended"
	StateRunning   ContextState = "running"
	StateClosed    ContextState = "closed"
)

// BaseContext is what OfflineContext and StreamContext share: the graph, the clock and the node
// factories (CreateGain, CreateOscillator …).
type BaseContext struct {
	sampleRate float64
	frame      int64 // first frame of the next quantum
	stamp      uint64
	stack      []*audioNode
	dest       *AudioDestinationNode
	listener   *AudioListener
	autoPull   []*audioNode
	sources    []*scheduledSource
	waves      map[OscillatorType]*PeriodicWave
	events     []func()
	spare      []func()
	state      ContextState

	// OnStateChange, when set, is called after every state change.
	OnStateChange func(ContextState)
}

func newBaseContext(channels int, sampleRate float64) (*BaseContext, error) {
	if channels < 1 || channels > MaxChannels {
		return nil, errorf(ErrNotSupported, "number of channels %d outside [1, %d]", channels, MaxChannels)
	}
	if math.IsNaN(sampleRate) || sampleRate < MinSampleRate || sampleRate > MaxSampleRate {
		return nil, errorf(ErrNotSupported, "sample rate %v outside [%d, %d]", sampleRate, MinSampleRate, MaxSampleRate)
	}
	c := &BaseContext{sampleRate: sampleRate, state: StateSuspended}
	c.dest = newDestination(c, channels)
	c.listener = newListener(c)
	return c, nil
}

func (c *BaseContext) SampleRate() float64 { return c.sampleRate }

// CurrentTime is the time of the next frame to be rendered, in seconds.
func (c *BaseContext) CurrentTime() float64 { return float64(c.frame) / c.sampleRate }

// CurrentFrame is the index of the next frame to be rendered.
func (c *BaseContext) CurrentFrame() int64 { return c.frame }

func (c *BaseContext) State() ContextState                { return c.state }
func (c *BaseContext) Destination() *AudioDestinationNode { return c.dest }
func (c *BaseContext) Listener() *AudioListener           { return c.listener }

func (c *BaseContext) setState(s ContextState) {
	if c.state == s {
		return
	}
	c.state = s
	if c.OnStateChange != nil {
		c.OnStateChange(s)
	}
}

// CreateBuffer is the context's AudioBuffer factory.
func (c *BaseContext) CreateBuffer(channels, length int, sampleRate float64) (*AudioBuffer, error) {
	if err := checkBufferArgs(channels, length, sampleRate); err != nil {
		return nil, err
	}
	return NewAudioBuffer(AudioBufferOptions{NumberOfChannels: channels, Length: length, SampleRate: sampleRate})
}

func (c *BaseContext) cycleHasDelay(n *audioNode) bool {
	for i := len(c.stack) - 1; i >= 0; i-- {
		if c.stack[i].isDelay {
			return true
		}
		if c.stack[i] == n {
			return false
		}
	}
	return false
}

// renderQuantum runs the graph for one quantum and returns the destination's input.
func (c *BaseContext) renderQuantum() *bus {
	c.stamp++
	c.dest.pull()
	for _, n := range c.autoPull {
		n.pull()
	}
	c.frame += RenderQuantum
	c.fireEnded()
	return c.dest.in(0)
}

// fireEnded calls onended of sources that finished during the quantum just rendered, after the
// quantum, and forgets them.
func (c *BaseContext) fireEnded() {
	k := 0
	for _, s := range c.sources {
		if s.endedNow {
			s.endedNow = false
			// Chromium disables a finished source's outputs: downstream inputs stop counting its
			// channels (a stereo source that ended leaves a mono, silent input behind).
			s.node.disabled = true
			if s.onEnded != nil {
				s.onEnded()
			}
			continue
		}
		c.sources[k] = s
		k++
	}
	clear(c.sources[k:])
	c.sources = c.sources[:k]
	// Events queued during the quantum (InnerAudioContext …) fire now, in order; handlers may
	// queue more, which wait for the next quantum.
	if len(c.events) > 0 {
		ev := c.events
		c.events = c.spare[:0]
		for _, f := range ev {
			f()
		}
		clear(ev)
		c.spare = ev
	}
}

// AudioDestinationNode is the graph's sink; its input is what the context renders.
type AudioDestinationNode struct {
	*audioNode
	maxChannels int
}

func newDestination(c *BaseContext, channels int) *AudioDestinationNode {
	d := &AudioDestinationNode{maxChannels: channels}
	d.audioNode = newNode(c, d, 1, 0, channels, Explicit, Speakers)
	d.checkCount = func(n int) error {
		if n > d.maxChannels {
			return errorf(ErrIndexSize, "destination channelCount %d above maxChannelCount %d", n, d.maxChannels)
		}
		return nil
	}
	return d
}

// MaxChannelCount is the most channels the destination can take.
func (d *AudioDestinationNode) MaxChannelCount() int { return d.maxChannels }

func (d *AudioDestinationNode) process(int64) {}
