package audio

// ChannelMergerNode turns each of its mono inputs into one channel of its output.
type ChannelMergerNode struct {
	*audioNode
}

// ChannelMergerOptions: zero NumberOfInputs means 6.
type ChannelMergerOptions struct{ NumberOfInputs int }

// NewChannelMergerNode is the ChannelMergerNode constructor.
func NewChannelMergerNode(c *BaseContext, o ChannelMergerOptions) (*ChannelMergerNode, error) {
	n := o.NumberOfInputs
	if n == 0 {
		n = 6
	}
	if n < 1 || n > MaxChannels {
		return nil, errorf(ErrIndexSize, "numberOfInputs %d outside [1, %d]", n, MaxChannels)
	}
	m := &ChannelMergerNode{}
	m.audioNode = newNode(c, m, n, 1, 1, Explicit, Speakers)
	m.checkCount = func(v int) error {
		if v != 1 {
			return errorf(ErrInvalidState, "ChannelMergerNode channelCount must be 1")
		}
		return nil
	}
	m.checkMode = func(v ChannelCountMode) error {
		if v != Explicit {
			return errorf(ErrInvalidState, "ChannelMergerNode channelCountMode must be explicit")
		}
		return nil
	}
	return m, nil
}

// CreateChannelMerger is the context factory for ChannelMergerNode.
func (c *BaseContext) CreateChannelMerger(numberOfInputs int) (*ChannelMergerNode, error) {
	return NewChannelMergerNode(c, ChannelMergerOptions{NumberOfInputs: numberOfInputs})
}

func (m *ChannelMergerNode) process(int64) {
	out := m.out(0)
	n := len(m.inputs)
	silent := true
	for i := range m.inputs {
		silent = silent && m.in(i).silent
	}
	if silent {
		out.setSilent(n)
		return
	}
	out.setChannels(n)
	out.silent = false
	for i := range m.inputs {
		copy(out.ch[i][:RenderQuantum], m.in(i).ch[0][:RenderQuantum])
	}
}

// ChannelSplitterNode sends each channel of its input to its own mono output.
type ChannelSplitterNode struct {
	*audioNode
}

// ChannelSplitterOptions: zero NumberOfOutputs means 6.
type ChannelSplitterOptions struct{ NumberOfOutputs int }

// NewChannelSplitterNode is the ChannelSplitterNode constructor.
func NewChannelSplitterNode(c *BaseContext, o ChannelSplitterOptions) (*ChannelSplitterNode, error) {
	n := o.NumberOfOutputs
	if n == 0 {
		n = 6
	}
	if n < 1 || n > MaxChannels {
		return nil, errorf(ErrIndexSize, "numberOfOutputs %d outside [1, %d]", n, MaxChannels)
	}
	s := &ChannelSplitterNode{}
	s.audioNode = newNode(c, s, 1, n, n, Explicit, Discrete)
	s.checkCount = func(v int) error {
		if v != n {
			return errorf(ErrInvalidState, "ChannelSplitterNode channelCount must be %d", n)
		}
		return nil
	}
	s.checkMode = func(v ChannelCountMode) error {
		if v != Explicit {
			return errorf(ErrInvalidState, "ChannelSplitterNode channelCountMode must be explicit")
		}
		return nil
	}
	s.checkInterp = func(v ChannelInterpretation) error {
		if v != Discrete {
			return errorf(ErrInvalidState, "ChannelSplitterNode channelInterpretation must be discrete")
		}
		return nil
	}
	return s, nil
}

// CreateChannelSplitter is the context factory for ChannelSplitterNode.
func (c *BaseContext) CreateChannelSplitter(numberOfOutputs int) (*ChannelSplitterNode, error) {
	return NewChannelSplitterNode(c, ChannelSplitterOptions{NumberOfOutputs: numberOfOutputs})
}

func (s *ChannelSplitterNode) process(int64) {
	in := s.in(0)
	for i := range s.outputs {
		out := s.out(i)
		if in.silent || i >= in.n {
			out.setSilent(1)
			continue
		}
		out.setChannels(1)
		out.silent = false
		copy(out.ch[0][:RenderQuantum], in.ch[i][:RenderQuantum])
	}
}
