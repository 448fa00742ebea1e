package audio

import "math"

// AudioBufferSourceOptions are the AudioBufferSourceNode constructor's options.
type AudioBufferSourceOptions struct {
	Buffer       *AudioBuffer
	Detune       float32
	Loop         bool
	LoopStart    float64
	LoopEnd      float64
	PlaybackRate *float32 // nil: 1
}

// AudioBufferSourceNode plays an AudioBuffer with rate, detune and looping, starting with
// sub-sample accuracy and resampling by linear interpolation as Chromium does.
type AudioBufferSourceNode struct {
	*audioNode
	scheduledSource
	buffer       *AudioBuffer
	playbackRate *AudioParam
	detune       *AudioParam
	loop         bool
	loopStart    float64
	loopEnd      float64

	offset      float64
	duration    float64 // buffer seconds to play; +Inf when not given
	begun       bool
	readIndex   float64 // position in buffer frames
	playedSoFar float64 // buffer frames consumed, for duration
}

// NewAudioBufferSourceNode is the AudioBufferSourceNode constructor.
func NewAudioBufferSourceNode(c *BaseContext, o AudioBufferSourceOptions) (*AudioBufferSourceNode, error) {
	s := &AudioBufferSourceNode{duration: math.Inf(1)}
	s.audioNode = newNode(c, s, 0, 1, 2, Max, Speakers)
	s.scheduledSource.init(c, s.audioNode)
	s.playbackRate = newParam(c, "playbackRate", 1, -maxFloat32, maxFloat32, KRate)
	s.detune = newParam(c, "detune", 0, -maxFloat32, maxFloat32, KRate)
	s.playbackRate.fixedRate, s.detune.fixedRate = true, true
	s.ownParams(s.playbackRate, s.detune)
	if o.PlaybackRate != nil {
		if err := s.playbackRate.SetValue(*o.PlaybackRate); err != nil {
			return nil, err
		}
	}
	if err := s.detune.SetValue(o.Detune); err != nil {
		return nil, err
	}
	if o.Buffer != nil {
		if err := s.SetBuffer(o.Buffer); err != nil {
			return nil, err
		}
	}
	s.loop, s.loopStart, s.loopEnd = o.Loop, o.LoopStart, o.LoopEnd
	return s, nil
}

// CreateBufferSource is the context factory for AudioBufferSourceNode.
func (c *BaseContext) CreateBufferSource() *AudioBufferSourceNode {
	s, _ := NewAudioBufferSourceNode(c, AudioBufferSourceOptions{})
	return s
}

func (s *AudioBufferSourceNode) PlaybackRate() *AudioParam { return s.playbackRate }
func (s *AudioBufferSourceNode) Detune() *AudioParam       { return s.detune }
func (s *AudioBufferSourceNode) Buffer() *AudioBuffer      { return s.buffer }
func (s *AudioBufferSourceNode) Loop() bool                { return s.loop }
func (s *AudioBufferSourceNode) SetLoop(v bool)            { s.loop = v }
func (s *AudioBufferSourceNode) LoopStart() float64        { return s.loopStart }
func (s *AudioBufferSourceNode) LoopEnd() float64          { return s.loopEnd }
func (s *AudioBufferSourceNode) SetLoopStart(v float64)    { s.loopStart = v }
func (s *AudioBufferSourceNode) SetLoopEnd(v float64)      { s.loopEnd = v }

// SetBuffer sets the buffer; once a buffer is set, setting another gives InvalidStateError.
func (s *AudioBufferSourceNode) SetBuffer(b *AudioBuffer) error {
	if b != nil && s.buffer != nil {
		return errorf(ErrInvalidState, "buffer can be set only once")
	}
	if b != nil {
		s.buffer = b
	}
	return nil
}

// Start schedules playback at when, from offset seconds into the buffer, for duration seconds
// of buffer time: Start(when), Start(when, offset) or Start(when, offset, duration).
func (s *AudioBufferSourceNode) Start(when float64, offsetAndDuration ...float64) error {
	for _, v := range offsetAndDuration {
		if isNonFinite(v) {
			return errorf(ErrType, "start: non-finite argument")
		}
		if v < 0 {
			return errorf(ErrRange, "start: negative offset or duration %v", v)
		}
	}
	if err := s.start(when); err != nil {
		return err
	}
	if len(offsetAndDuration) > 0 {
		s.offset = offsetAndDuration[0]
	}
	if len(offsetAndDuration) > 1 {
		s.duration = offsetAndDuration[1]
	}
	return nil
}

func (s *AudioBufferSourceNode) loopRange() (float64, float64) {
	b := s.buffer
	n := float64(b.length)
	if s.loop && s.loopStart >= 0 && s.loopEnd > 0 && s.loopStart < s.loopEnd {
		ls := s.loopStart * b.sampleRate
		le := min(s.loopEnd*b.sampleRate, n)
		if ls < le {
			return ls, le
		}
	}
	return 0, n
}

func (s *AudioBufferSourceNode) process(frame int64) {
	out := s.out(0)
	chans := 1
	if s.buffer != nil {
		chans = len(s.buffer.data)
	}
	startFrame := s.startTime * s.ctx.sampleRate
	first := math.Ceil(startFrame)
	if first < float64(frame) {
		first = float64(frame)
	}
	a, b, ok := s.activeRange(frame, first)
	if !ok || a >= b || s.buffer == nil {
		out.setSilent(chans)
		return
	}
	buf := s.buffer
	rate := float64(s.playbackRate.cval) * math.Exp2(float64(s.detune.cval)/1200) * buf.sampleRate / s.ctx.sampleRate
	if !s.begun {
		s.begun = true
		s.readIndex = s.offset * buf.sampleRate
		if s.loop {
			ls, le := s.loopRange()
			if s.readIndex >= le && le > ls {
				s.readIndex = ls
			}
		}
		// Sub-sample accurate start: the first frame plays the buffer at the position the
		// source would have reached had it started exactly at the start time.
		if first == math.Ceil(startFrame) {
			s.readIndex += (first - startFrame) * rate
		}
	}
	out.setChannels(chans)
	out.silent = false
	for c := 0; c < chans; c++ {
		d := out.ch[c][:RenderQuantum]
		clear(d[:a])
		clear(d[b:])
	}
	end := s.render(out, a, b, rate)
	if end < b {
		for c := 0; c < chans; c++ {
			clear(out.ch[c][end:b])
		}
		s.finish()
	}
}

// render fills frames [a, b) and returns the frame at which the buffer ran out (b if it did not).
func (s *AudioBufferSourceNode) render(out *bus, a, b int, rate float64) int {
	buf := s.buffer
	n := buf.length
	ls, le := s.loopRange()
	span := le - ls
	limit := s.duration * buf.sampleRate
	ri := s.readIndex
	played := s.playedSoFar
	// Fast path: unit rate on whole samples is a plain copy of runs up to the loop or buffer end.
	if rate == 1 && ri == math.Trunc(ri) && ri >= 0 && math.IsInf(limit, 1) {
		k := a
		for k < b {
			end := float64(n)
			if s.loop && span > 0 {
				if ri >= le {
					ri = ls + math.Mod(ri-ls, span)
				}
				end = le
			}
			if ri >= end || (ri >= float64(n) && !(s.loop && span > 0)) {
				break
			}
			// Frames available before the run ends; a fractional loop end needs the general
			// path for its last frame.
			avail := int(math.Ceil(end - ri))
			if float64(int(end)) != end {
				avail = int(end - ri)
				if avail <= 0 {
					break
				}
			}
			m := min(b-k, avail)
			i := int(ri)
			for c, data := range buf.data {
				copy(out.ch[c][k:k+m], data[i:i+m])
			}
			k += m
			ri += float64(m)
			played += float64(m)
			if !(s.loop && span > 0) && ri >= float64(n) {
				break
			}
			if s.loop && span > 0 && float64(int(end)) != end && ri < end {
				break
			}
		}
		s.readIndex, s.playedSoFar = ri, played
		if k == b && !(s.loop && span > 0) && ri >= float64(n) {
			s.finish()
			return b
		}
		if k == b {
			return b
		}
		a = k
	}
	for k := a; k < b; k++ {
		if played >= limit {
			s.readIndex, s.playedSoFar = ri, played
			return k
		}
		if s.loop && span > 0 {
			if ri >= le {
				ri = ls + math.Mod(ri-ls, span)
			} else if ri < ls && rate < 0 {
				ri = le - math.Mod(ls-ri, span)
			}
		} else if ri >= float64(n) || ri < 0 {
			s.readIndex, s.playedSoFar = ri, played
			return k
		}
		i0 := int(ri)
		f := ri - float64(i0)
		i1 := i0 + 1
		if s.loop && span > 0 && float64(i1) >= le {
			i1 = int(ls) + (i1 - int(le))
		}
		if i0 >= n {
			i0 = n - 1
		}
		// Past the last sample Chromium extrapolates from the last two samples.
		extrapolate := i1 >= n || i1 < 0
		for c, data := range buf.data {
			s0 := data[i0]
			if f == 0 {
				out.ch[c][k] = s0
				continue
			}
			var s1 float32
			switch {
			case !extrapolate:
				s1 = data[i1]
			case i0 > 0:
				s1 = 2*s0 - data[i0-1]
			default:
				s1 = s0
			}
			out.ch[c][k] = float32((1-f)*float64(s0) + f*float64(s1))
		}
		ri += rate
		played += math.Abs(rate)
	}
	s.readIndex, s.playedSoFar = ri, played
	// Reaching the end exactly at the quantum's last frame finishes the source now, as in
	// Chromium, not one quantum later.
	if played >= limit || (!(s.loop && span > 0) && (ri >= float64(n) || ri < 0)) {
		s.finish()
	}
	return b
}
