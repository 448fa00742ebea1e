package audio

// AudioProcessingEvent is what a ScriptProcessorNode's callback receives: the last bufferSize
// frames of input, a buffer to fill with output, and the context time at which that output
// will be heard.
type AudioProcessingEvent struct {
	InputBuffer  *AudioBuffer
	OutputBuffer *AudioBuffer
	PlaybackTime float64
}

// ScriptProcessorNode hands blocks of bufferSize frames to a Go callback. Its output lags its
// input by 2×bufferSize frames, as in Chromium. The callback runs on the
// rendering goroutine and must not block.
type ScriptProcessorNode struct {
	*audioNode
	bufferSize    int
	inBuf, outBuf *AudioBuffer
	// The callback fills nextOut, which plays after queued: Chromium's output lags the input by
	// two buffer lengths.
	nextOut, queued *AudioBuffer
	pos             int
	onAudioProcess  func(*AudioProcessingEvent)
	event           AudioProcessingEvent
}

// CreateScriptProcessor creates a ScriptProcessorNode. bufferSize is 0 (1024 here) or a power of
// two from 256 to 16384; channel counts up to 32, not both zero.
func (c *BaseContext) CreateScriptProcessor(bufferSize, inputChannels, outputChannels int) (*ScriptProcessorNode, error) {
	switch bufferSize {
	case 0:
		bufferSize = 1024
	case 256, 512, 1024, 2048, 4096, 8192, 16384:
	default:
		return nil, errorf(ErrIndexSize, "bufferSize %d is not 0 or a power of two in [256, 16384]", bufferSize)
	}
	if inputChannels == 0 && outputChannels == 0 {
		return nil, errorf(ErrIndexSize, "input and output channel counts are both zero")
	}
	if inputChannels < 0 || inputChannels > MaxChannels || outputChannels < 0 || outputChannels > MaxChannels {
		return nil, errorf(ErrNotSupported, "channel counts (%d, %d) outside [0, %d]", inputChannels, outputChannels, MaxChannels)
	}
	s := &ScriptProcessorNode{bufferSize: bufferSize}
	cc := max(inputChannels, 1)
	s.audioNode = newNode(c, s, 1, 1, cc, Explicit, Speakers)
	fixed := cc
	s.checkCount = func(v int) error {
		if v != fixed {
			return errorf(ErrNotSupported, "ScriptProcessorNode channelCount is fixed at %d", fixed)
		}
		return nil
	}
	s.checkMode = func(m ChannelCountMode) error {
		if m != Explicit {
			return errorf(ErrNotSupported, "ScriptProcessorNode channelCountMode must be explicit")
		}
		return nil
	}
	var err error
	if s.inBuf, err = NewAudioBuffer(AudioBufferOptions{NumberOfChannels: cc, Length: bufferSize, SampleRate: c.sampleRate}); err != nil {
		return nil, err
	}
	oc := max(outputChannels, 1)
	if s.outBuf, err = NewAudioBuffer(AudioBufferOptions{NumberOfChannels: oc, Length: bufferSize, SampleRate: c.sampleRate}); err != nil {
		return nil, err
	}
	if s.nextOut, err = NewAudioBuffer(AudioBufferOptions{NumberOfChannels: oc, Length: bufferSize, SampleRate: c.sampleRate}); err != nil {
		return nil, err
	}
	if s.queued, err = NewAudioBuffer(AudioBufferOptions{NumberOfChannels: oc, Length: bufferSize, SampleRate: c.sampleRate}); err != nil {
		return nil, err
	}
	c.autoPull = append(c.autoPull, s.audioNode)
	return s, nil
}

func (s *ScriptProcessorNode) BufferSize() int { return s.bufferSize }

// SetOnAudioProcess sets the callback; with none, the output is silent.
func (s *ScriptProcessorNode) SetOnAudioProcess(f func(*AudioProcessingEvent)) { s.onAudioProcess = f }

func (s *ScriptProcessorNode) process(frame int64) {
	in, out := s.in(0), s.out(0)
	oc := len(s.outBuf.data)
	out.setChannels(oc)
	out.silent = false
	for c := range s.inBuf.data {
		dst := s.inBuf.data[c][s.pos : s.pos+RenderQuantum]
		if in.silent || c >= in.n {
			clear(dst)
		} else {
			copy(dst, in.ch[c][:RenderQuantum])
		}
	}
	for c := 0; c < oc; c++ {
		copy(out.ch[c][:RenderQuantum], s.outBuf.data[c][s.pos:s.pos+RenderQuantum])
	}
	s.pos += RenderQuantum
	if s.pos < s.bufferSize {
		return
	}
	s.pos = 0
	for _, d := range s.nextOut.data {
		clear(d)
	}
	if s.onAudioProcess != nil {
		s.event = AudioProcessingEvent{InputBuffer: s.inBuf, OutputBuffer: s.nextOut,
			PlaybackTime: float64(frame+RenderQuantum+int64(s.bufferSize)) / s.ctx.sampleRate}
		s.onAudioProcess(&s.event)
	}
	s.outBuf, s.queued, s.nextOut = s.queued, s.nextOut, s.outBuf
}
