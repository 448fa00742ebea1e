package audio

import "math"

// scheduledSource is the start/stop state shared by OscillatorNode, AudioBufferSourceNode and
// ConstantSourceNode (AudioScheduledSourceNode in the spec).
type scheduledSource struct {
	sctx      *BaseContext
	startTime float64
	stopTime  float64
	started   bool
	stopSet   bool
	ended     bool
	endedNow  bool
	onEnded   func()
	node      *audioNode
}

func (s *scheduledSource) init(ctx *BaseContext, n *audioNode) {
	s.sctx = ctx
	s.node = n
	s.stopTime = math.Inf(1)
}

// SetOnEnded sets the callback run after the quantum in which the source finished.
func (s *scheduledSource) SetOnEnded(f func()) { s.onEnded = f }

func (s *scheduledSource) start(when float64) error {
	if isNonFinite(when) {
		return errorf(ErrType, "start: non-finite time")
	}
	if when < 0 {
		return errorf(ErrRange, "start: negative time %v", when)
	}
	if s.started {
		return errorf(ErrInvalidState, "start called twice")
	}
	s.started = true
	s.startTime = when
	s.sctx.sources = append(s.sctx.sources, s)
	return nil
}

// Stop schedules the end of playback; a time in the past (or 0) stops at once.
func (s *scheduledSource) Stop(when float64) error {
	if isNonFinite(when) {
		return errorf(ErrType, "stop: non-finite time")
	}
	if when < 0 {
		return errorf(ErrRange, "stop: negative time %v", when)
	}
	if !s.started {
		return errorf(ErrInvalidState, "stop called before start")
	}
	s.stopSet = true
	s.stopTime = when
	return nil
}

// finish marks the source ended; onended fires after the quantum.
func (s *scheduledSource) finish() {
	if !s.ended {
		s.ended = true
		s.endedNow = true
	}
}

// activeRange returns the frames [a, b) of the quantum at frame during which the source plays,
// given the first frame it plays (startFrame). b < 128 means the source stops in this quantum.
func (s *scheduledSource) activeRange(frame int64, startFrame float64) (a, b int, playing bool) {
	if !s.started || s.ended {
		return 0, 0, false
	}
	sr := s.sctx.sampleRate
	end := float64(frame + RenderQuantum)
	if startFrame >= end {
		return 0, 0, false
	}
	a = 0
	if startFrame > float64(frame) {
		a = int(startFrame - float64(frame))
	}
	b = RenderQuantum
	stop := math.Ceil(s.stopTime * sr)
	if stop < startFrame {
		stop = startFrame
	}
	if stop < end {
		b = max(a, int(stop-float64(frame)))
		if b < 0 {
			b = 0
		}
		s.finish()
	}
	return a, b, true
}
