package audio

import "math"

// ConstantSourceOptions are the ConstantSourceNode constructor's options (nil Offset: 1).
type ConstantSourceOptions struct {
	Offset *float32
}

// ConstantSourceNode outputs its a-rate offset param between start and stop.
type ConstantSourceNode struct {
	*audioNode
	scheduledSource
	offset *AudioParam
}

// NewConstantSourceNode is the ConstantSourceNode constructor.
func NewConstantSourceNode(c *BaseContext, o ConstantSourceOptions) (*ConstantSourceNode, error) {
	s := &ConstantSourceNode{}
	s.audioNode = newNode(c, s, 0, 1, 2, Max, Speakers)
	s.scheduledSource.init(c, s.audioNode)
	s.offset = newParam(c, "offset", 1, -maxFloat32, maxFloat32, ARate)
	s.ownParams(s.offset)
	if o.Offset != nil {
		if err := s.offset.SetValue(*o.Offset); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// CreateConstantSource is the context factory for ConstantSourceNode.
func (c *BaseContext) CreateConstantSource() *ConstantSourceNode {
	s, _ := NewConstantSourceNode(c, ConstantSourceOptions{})
	return s
}

func (s *ConstantSourceNode) Offset() *AudioParam { return s.offset }

// Start schedules playback at when (seconds).
func (s *ConstantSourceNode) Start(when float64) error { return s.start(when) }

func (s *ConstantSourceNode) process(frame int64) {
	out := s.out(0)
	// Chromium starts a ConstantSource on the first whole frame at or after the start time.
	a, b, ok := s.activeRange(frame, math.Ceil(s.startTime*s.sctx.sampleRate))
	if !ok || a >= b {
		out.setSilent(1)
		return
	}
	out.setChannels(1)
	out.silent = false
	d := out.ch[0][:RenderQuantum]
	clear(d[:a])
	clear(d[b:])
	if s.offset.constant {
		fill(d[a:b], s.offset.cval)
	} else {
		copy(d[a:b], s.offset.values[a:b])
	}
}
