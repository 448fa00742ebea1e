package audio

import "math"

// OscillatorType is the waveform of an OscillatorNode.
type OscillatorType string

const (
	Sine     OscillatorType = "sine"
	Square   OscillatorType = "square"
	Sawtooth OscillatorType = "sawtooth"
	Triangle OscillatorType = "triangle"
	Custom   OscillatorType = "custom"
)

// OscillatorOptions are the OscillatorNode constructor's options (zero Type: sine, nil
// Frequency: 440).
type OscillatorOptions struct {
	Type         OscillatorType
	Frequency    *float32
	Detune       float32
	PeriodicWave *PeriodicWave
}

// OscillatorNode generates a band-limited periodic waveform from wavetables.
type OscillatorNode struct {
	*audioNode
	scheduledSource
	typ       OscillatorType
	wave      *PeriodicWave
	frequency *AudioParam
	detune    *AudioParam
	phase     float64 // in table samples
	begun     bool
	// The tables picked for the last constant frequency: a steady tone needs no log per quantum.
	tabWave    *PeriodicWave
	tabFreq    float64
	tab0, tab1 []float32
	tabMix     float32
}

// NewOscillatorNode is the OscillatorNode constructor.
func NewOscillatorNode(c *BaseContext, o OscillatorOptions) (*OscillatorNode, error) {
	s := &OscillatorNode{}
	s.audioNode = newNode(c, s, 0, 1, 2, Max, Speakers)
	s.scheduledSource.init(c, s.audioNode)
	ny := float32(c.sampleRate / 2)
	s.frequency = newParam(c, "frequency", 440, -ny, ny, ARate)
	s.detune = newParam(c, "detune", 0, -153600, 153600, ARate)
	s.ownParams(s.frequency, s.detune)
	if o.Frequency != nil {
		if err := s.frequency.SetValue(*o.Frequency); err != nil {
			return nil, err
		}
	}
	if err := s.detune.SetValue(o.Detune); err != nil {
		return nil, err
	}
	switch {
	case o.Type == Custom && o.PeriodicWave == nil:
		return nil, errorf(ErrInvalidState, "type custom needs a periodicWave")
	case o.PeriodicWave != nil:
		s.SetPeriodicWave(o.PeriodicWave)
	default:
		t := o.Type
		if t == "" {
			t = Sine
		}
		if err := s.SetType(t); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// CreateOscillator is the context factory for OscillatorNode.
func (c *BaseContext) CreateOscillator() *OscillatorNode {
	s, _ := NewOscillatorNode(c, OscillatorOptions{})
	return s
}

func (s *OscillatorNode) Frequency() *AudioParam { return s.frequency }
func (s *OscillatorNode) Detune() *AudioParam    { return s.detune }
func (s *OscillatorNode) Type() OscillatorType   { return s.typ }

// SetType selects a built-in waveform; "custom" gives InvalidStateError (use SetPeriodicWave).
func (s *OscillatorNode) SetType(t OscillatorType) error {
	switch t {
	case Sine, Square, Sawtooth, Triangle:
	case Custom:
		return errorf(ErrInvalidState, "type custom is set through setPeriodicWave")
	default:
		return errorf(ErrType, "invalid oscillator type %q", t)
	}
	s.typ = t
	s.wave = s.ctx.builtinWave(t)
	return nil
}

// SetPeriodicWave switches the oscillator to a custom waveform.
func (s *OscillatorNode) SetPeriodicWave(w *PeriodicWave) {
	if w == nil {
		return
	}
	s.typ = Custom
	s.wave = w
}

// Start schedules the oscillator to start at when (seconds).
func (s *OscillatorNode) Start(when float64) error { return s.start(when) }

func (s *OscillatorNode) process(frame int64) {
	out := s.out(0)
	sr := s.ctx.sampleRate
	startFrame := s.startTime * sr
	first := math.Max(math.Ceil(startFrame), float64(frame))
	a, b, ok := s.activeRange(frame, first)
	if !ok || a >= b {
		out.setSilent(1)
		return
	}
	out.setChannels(1)
	out.silent = false
	d := out.ch[0][:RenderQuantum]
	clear(d[:a])
	clear(d[b:])
	w := s.wave
	size := float64(w.size)
	fp, dp := s.frequency, s.detune
	// Chromium starts the oscillator at phase 0 on the first whole frame at or after the start
	// time (unlike AudioBufferSourceNode, it does not offset the phase by the fraction).
	s.begun = true
	phase := s.phase
	if fp.constant && dp.constant {
		f := s.computedFreq(fp.cval, dp.cval)
		if w != s.tabWave || f != s.tabFreq || s.tab0 == nil {
			s.tab0, s.tab1, s.tabMix = w.tablesFor(f)
			s.tabWave, s.tabFreq = w, f
		}
		t0, t1, mix := s.tab0, s.tab1, s.tabMix
		inc := f * size / sr
		k := a
		if n := (b - a) &^ 3; haveAVX2 && n > 0 {
			oscAVX2(&d[a], n, &t0[0], &t1[0], mix, phase, inc, size, 1/size)
			phase = wrapPhase(phase+float64(n)*inc, size)
			k += n
		}
		for ; k < b; k++ {
			d[k] = w.sample(t0, t1, mix, phase)
			phase = wrapPhase(phase+inc, size)
		}
	} else {
		for k := a; k < b; k++ {
			f := s.computedFreq(fp.valueAt(k), dp.valueAt(k))
			t0, t1, mix := w.tablesFor(f)
			d[k] = w.sample(t0, t1, mix, phase)
			phase = wrapPhase(phase+f*size/sr, size)
		}
	}
	s.phase = phase
}

func (s *OscillatorNode) computedFreq(f, detune float32) float64 {
	v := float64(f)
	if detune != 0 {
		v *= math.Exp2(float64(detune) / 1200)
	}
	ny := s.ctx.sampleRate / 2
	return math.Max(-ny, math.Min(ny, v))
}

func wrapPhase(p, size float64) float64 {
	if p >= size || p < 0 {
		p -= size * math.Floor(p/size)
		if p >= size { // a phase a hair below 0 rounds to size: that is phase 0
			p = 0
		}
	}
	return p
}

// tablesFor picks the two tables around fundamental f and the blend between them: t0 has more
// partials, t1 fewer.
func (w *PeriodicWave) tablesFor(f float64) (t0, t1 []float32, mix float32) {
	f = math.Abs(f)
	n := len(w.tables)
	pitch := 0.0
	if f > 0 {
		ratio := f / w.lowestFreq
		pitch = 1 + math.Log2(ratio)*bandsPerOctave
	}
	if pitch < 0 {
		pitch = 0
	}
	r := int(pitch)
	if r >= n-1 {
		return w.tables[n-1], w.tables[n-1], 0
	}
	return w.tables[r], w.tables[r+1], float32(pitch - float64(r))
}

func (w *PeriodicWave) sample(t0, t1 []float32, mix float32, phase float64) float32 {
	i := int(phase)
	f := float32(phase - float64(i))
	v0 := t0[i] + (t0[i+1]-t0[i])*f
	if mix == 0 {
		return v0
	}
	v1 := t1[i] + (t1[i+1]-t1[i])*f
	return v0 + (v1-v0)*mix
}
