package audio

import (
	"math"
	"sort"
)

// AutomationRate is "a-rate" (one value per frame) or "k-rate" (one value per quantum).
type AutomationRate string

const (
	ARate AutomationRate = "a-rate"
	KRate AutomationRate = "k-rate"
)

type eventType uint8

const (
	evSetValue eventType = iota
	evLinear
	evExp
	evTarget
	evCurve
	evHold // inserted by cancelAndHoldAtTime after a setTarget; value fixed when reached
)

type event struct {
	typ   eventType
	time  float64 // ramps: the end time
	frame int64   // first frame at or after time
	value float32
	tau   float64
	curve []float32
	dur   float64
	// A ramp with no earlier event starts where the timeline stood when it was inserted.
	startTime  float64
	startValue float32
	// setTarget and hold events learn their starting value when they are reached.
	reached    bool
	startLevel float32
}

// AudioParam is a node parameter with an automation timeline, per-sample (a-rate) or
// per-quantum (k-rate) values and optional audio-rate modulation from connected outputs.
type AudioParam struct {
	ctx          *BaseContext
	name         string
	defaultValue float32
	minValue     float32
	maxValue     float32
	value        float32
	rate         AutomationRate
	fixedRate    bool

	events []event
	cursor int // index of the last reached event, -1 before the first
	last   float32

	srcs  []*output
	in    bus
	stamp uint64

	// Computed per quantum: values[:] when !constant, else cval for every frame.
	values   [RenderQuantum]float32
	constant bool
	cval     float32
}

func newParam(ctx *BaseContext, name string, def, minV, maxV float32, rate AutomationRate) *AudioParam {
	p := &AudioParam{ctx: ctx, name: name, defaultValue: def, minValue: minV, maxValue: maxV, value: def, rate: rate, cursor: -1, last: def}
	p.in.setSilent(1)
	p.constant, p.cval = true, def
	return p
}

// ownParams registers params with their node so that pull updates them each quantum.
func (n *audioNode) ownParams(ps ...*AudioParam) { n.params = append(n.params, ps...) }

func (p *AudioParam) DefaultValue() float32          { return p.defaultValue }
func (p *AudioParam) MinValue() float32              { return p.minValue }
func (p *AudioParam) MaxValue() float32              { return p.maxValue }
func (p *AudioParam) AutomationRate() AutomationRate { return p.rate }

// Value returns the intrinsic value: the timeline's value at the start of the last rendered
// quantum, or the value last set.
func (p *AudioParam) Value() float32 { return p.clamp(p.value) }

// SetValue sets the value; with automation events scheduled it acts as setValueAtTime(v, now), which
// is what Chromium does.
func (p *AudioParam) SetValue(v float32) error {
	if isNonFinite32(v) {
		return errorf(ErrType, "%s: non-finite value", p.name)
	}
	p.value = v
	if len(p.events) > 0 {
		return p.SetValueAtTime(v, p.ctx.CurrentTime())
	}
	p.last = v
	return nil
}

// SetAutomationRate changes the rate; some params (e.g. of AudioBufferSourceNode) refuse with
// InvalidStateError.
func (p *AudioParam) SetAutomationRate(r AutomationRate) error {
	if r != ARate && r != KRate {
		return errorf(ErrType, "invalid automationRate %q", r)
	}
	if p.fixedRate && r != p.rate {
		return errorf(ErrInvalidState, "%s: automationRate cannot be changed", p.name)
	}
	p.rate = r
	return nil
}

func (p *AudioParam) clamp(v float32) float32 {
	if v < p.minValue {
		return p.minValue
	}
	if v > p.maxValue {
		return p.maxValue
	}
	return v
}

func isNonFinite32(v float32) bool { return math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) }
func isNonFinite(v float64) bool   { return math.IsNaN(v) || math.IsInf(v, 0) }

func (p *AudioParam) checkTime(t float64, what string) error {
	if isNonFinite(t) {
		return errorf(ErrType, "%s: non-finite %s", p.name, what)
	}
	if t < 0 {
		return errorf(ErrRange, "%s: negative %s %v", p.name, what, t)
	}
	return nil
}

func (p *AudioParam) frameOf(t float64) int64 {
	f := math.Ceil(t * p.ctx.sampleRate)
	if f > math.MaxInt64/4 {
		return math.MaxInt64 / 4
	}
	return int64(f)
}

// insert adds e in time order after events at the same time, replacing an event of the same type
// at the same time (Chromium's rule), and refusing to overlap a value curve.
func (p *AudioParam) insert(e event) error {
	// Chromium moves events scheduled in the past to the current time.
	e.time = max(e.time, p.ctx.CurrentTime())
	e.frame = p.frameOf(e.time)
	// k: first event strictly after e.time; events at e.time stay before e (insertion order).
	k := sort.Search(len(p.events), func(i int) bool { return p.events[i].time > e.time })
	// Only neighbours can overlap: curves before e (the list is time-ordered and curves never
	// overlap each other) and, for a new curve, events within its span.
	// Walk back over the events at e.time and at the latest earlier time (a curve may share its
	// start time with other events).
	prev := math.Inf(-1)
	for i := k - 1; i >= 0; i-- {
		x := p.events[i]
		if x.time < e.time {
			if prev == math.Inf(-1) {
				prev = x.time
			} else if x.time < prev {
				break
			}
		}
		if x.typ == evCurve && e.time < x.time+x.dur && (e.time > x.time || e.typ == evCurve) {
			return errorf(ErrNotSupported, "%s: event at %v overlaps setValueCurve [%v, %v)", p.name, e.time, x.time, x.time+x.dur)
		}
	}
	if e.typ == evCurve && k < len(p.events) && p.events[k].time < e.time+e.dur {
		return errorf(ErrNotSupported, "%s: setValueCurve [%v, %v) overlaps event at %v", p.name, e.time, e.time+e.dur, p.events[k].time)
	}
	if (e.typ == evLinear || e.typ == evExp) && len(p.events) == 0 {
		e.startTime = p.ctx.CurrentTime()
		e.startValue = p.last
	}
	for i := k - 1; i >= 0 && p.events[i].time == e.time; i-- {
		if p.events[i].typ == e.typ && e.typ != evCurve {
			p.events[i] = e
			p.resetCursor()
			return nil
		}
	}
	p.events = append(p.events, event{})
	copy(p.events[k+1:], p.events[k:])
	p.events[k] = e
	if k <= p.cursor {
		p.resetCursor()
	}
	return nil
}

// resetCursor re-derives the last reached event after the list changed; events keep their
// reached state so a setTarget does not restart.
func (p *AudioParam) resetCursor() {
	f := p.ctx.frame
	p.cursor = -1
	for i := range p.events {
		if p.events[i].frame < f && p.events[i].reached {
			p.cursor = i
		}
	}
}

func (p *AudioParam) SetValueAtTime(v float32, t float64) error {
	if isNonFinite32(v) {
		return errorf(ErrType, "%s: non-finite value", p.name)
	}
	if err := p.checkTime(t, "startTime"); err != nil {
		return err
	}
	return p.insert(event{typ: evSetValue, time: t, value: v})
}

func (p *AudioParam) LinearRampToValueAtTime(v float32, t float64) error {
	if isNonFinite32(v) {
		return errorf(ErrType, "%s: non-finite value", p.name)
	}
	if err := p.checkTime(t, "endTime"); err != nil {
		return err
	}
	return p.insert(event{typ: evLinear, time: t, value: v})
}

func (p *AudioParam) ExponentialRampToValueAtTime(v float32, t float64) error {
	if isNonFinite32(v) {
		return errorf(ErrType, "%s: non-finite value", p.name)
	}
	if v == 0 {
		return errorf(ErrRange, "%s: exponential ramp to 0", p.name)
	}
	if err := p.checkTime(t, "endTime"); err != nil {
		return err
	}
	return p.insert(event{typ: evExp, time: t, value: v})
}

func (p *AudioParam) SetTargetAtTime(target float32, t, timeConstant float64) error {
	if isNonFinite32(target) || isNonFinite(timeConstant) {
		return errorf(ErrType, "%s: non-finite argument", p.name)
	}
	if err := p.checkTime(t, "startTime"); err != nil {
		return err
	}
	if timeConstant < 0 {
		return errorf(ErrRange, "%s: negative timeConstant %v", p.name, timeConstant)
	}
	if timeConstant == 0 {
		return p.insert(event{typ: evSetValue, time: t, value: target})
	}
	return p.insert(event{typ: evTarget, time: t, value: target, tau: timeConstant})
}

// SetValueCurveAtTime copies values, so later changes to the slice do not affect the curve.
func (p *AudioParam) SetValueCurveAtTime(values []float32, t, duration float64) error {
	if len(values) < 2 {
		return errorf(ErrInvalidState, "%s: value curve needs at least 2 values, got %d", p.name, len(values))
	}
	for _, v := range values {
		if isNonFinite32(v) {
			return errorf(ErrType, "%s: non-finite curve value", p.name)
		}
	}
	if err := p.checkTime(t, "startTime"); err != nil {
		return err
	}
	if isNonFinite(duration) || duration <= 0 {
		return errorf(ErrRange, "%s: curve duration %v must be positive", p.name, duration)
	}
	c := append([]float32(nil), values...)
	if err := p.insert(event{typ: evCurve, time: t, value: c[len(c)-1], curve: c, dur: duration}); err != nil {
		return err
	}
	// As in Chromium, an explicit setValue at the curve's end makes later events (ramps in
	// particular) start from the curve's end rather than its beginning.
	return p.insert(event{typ: evSetValue, time: max(t, p.ctx.CurrentTime()) + duration, value: c[len(c)-1]})
}

// CancelScheduledValues removes every event at or after t.
func (p *AudioParam) CancelScheduledValues(t float64) error {
	if err := p.checkTime(t, "cancelTime"); err != nil {
		return err
	}
	k := len(p.events)
	for i, e := range p.events {
		if e.time >= t {
			k = i
			break
		}
	}
	if k == len(p.events) {
		return nil
	}
	// Chromium: cancelling a ramp that is already under way freezes the value it has reached
	// rather than jumping back to the previous event's value.
	f := p.ctx.frame
	removed := p.events[k]
	inProgress := (removed.typ == evLinear || removed.typ == evExp) && removed.frame >= f && (k == 0 || p.events[k-1].frame < f) && f > 0
	p.events = p.events[:k]
	if inProgress {
		p.events = append(p.events, event{typ: evSetValue, time: p.ctx.CurrentTime(), frame: f, value: p.last})
	}
	p.resetCursor()
	return nil
}

// CancelAndHoldAtTime removes events after t and holds the value the timeline has at t.
func (p *AudioParam) CancelAndHoldAtTime(t float64) error {
	if err := p.checkTime(t, "cancelTime"); err != nil {
		return err
	}
	i := -1 // last event at or before t
	for k, e := range p.events {
		if e.time <= t {
			i = k
		}
	}
	next := i + 1
	if next < len(p.events) && (p.events[next].typ == evLinear || p.events[next].typ == evExp) {
		// Cut the ramp short at t with the value it would have there.
		v := p.rampValueAt(next, t)
		e := p.events[next]
		e.time, e.value, e.frame = t, v, p.frameOf(t)
		p.events = append(p.events[:next], e)
		p.resetCursor()
		return nil
	}
	p.events = p.events[:next]
	if i >= 0 {
		switch e := p.events[i]; e.typ {
		case evTarget:
			// Chromium holds the setTarget value at t even when a later event existed.
			p.events = append(p.events, event{typ: evHold, time: t, frame: p.frameOf(t)})
		case evCurve:
			if t < e.time+e.dur {
				v := curveValue(e.curve, e.dur, t-e.time)
				p.events = append(p.events, event{typ: evSetValue, time: t, frame: p.frameOf(t), value: v})
			}
		}
	}
	p.resetCursor()
	return nil
}

// rampStart returns where the ramp at index k begins: the previous event's end, or where the
// timeline stood when the ramp was inserted.
func (p *AudioParam) rampStart(k int) (float64, float32) {
	if k == 0 {
		e := p.events[0]
		return e.startTime, e.startValue
	}
	e := p.events[k-1]
	switch e.typ {
	case evCurve:
		return e.time + e.dur, e.value
	case evTarget, evHold:
		if e.reached {
			return e.time, e.startLevel
		}
		return e.time, p.last
	}
	return e.time, e.value
}

func (p *AudioParam) rampValueAt(k int, t float64) float32 {
	t0, v0 := p.rampStart(k)
	e := p.events[k]
	return rampValue(e.typ, t0, v0, e.time, e.value, t)
}

func rampValue(typ eventType, t0 float64, v0 float32, t1 float64, v1 float32, t float64) float32 {
	if t >= t1 {
		return v1
	}
	if t <= t0 {
		return v0
	}
	frac := (t - t0) / (t1 - t0)
	if typ == evLinear {
		// Chromium: float difference, double product and sum, then float.
		return float32(float64(v0) + float64(v1-v0)*frac)
	}
	if v0 == 0 || (v0 < 0) != (v1 < 0) {
		return v0
	}
	return float32(float64(v0) * math.Pow(float64(v1)/float64(v0), frac))
}

// fillRamp writes a linear or exponential ramp for frames f, f+1, … (all before the ramp's end).
// The exponential ramp is computed exactly at the first frame and by repeated multiplication
// after it, which agrees with the closed form to float64 rounding.
func fillRamp(seg []float32, typ eventType, t0 float64, v0 float32, t1 float64, v1 float32, f int64, sr float64) {
	if len(seg) == 0 {
		return
	}
	span := t1 - t0
	if typ == evLinear || v0 == 0 || (v0 < 0) != (v1 < 0) || span <= 0 {
		for j := range seg {
			seg[j] = rampValue(typ, t0, v0, t1, v1, float64(f+int64(j))/sr)
		}
		return
	}
	t := float64(f) / sr
	if t < t0 {
		for j := range seg {
			seg[j] = rampValue(typ, t0, v0, t1, v1, float64(f+int64(j))/sr)
		}
		return
	}
	ratio := float64(v1) / float64(v0)
	v := float64(v0) * math.Pow(ratio, (t-t0)/span)
	step := math.Pow(ratio, 1/(span*sr))
	for j := range seg {
		seg[j] = float32(v)
		v *= step
	}
}

func curveValue(c []float32, dur, dt float64) float32 {
	n := len(c)
	if dt >= dur {
		return c[n-1]
	}
	if dt <= 0 {
		return c[0]
	}
	pos := float64(n-1) * dt / dur
	k := int(pos)
	if k >= n-1 {
		return c[n-1]
	}
	f := float32(pos - float64(k))
	return c[k] + (c[k+1]-c[k])*f
}

// update pulls connected outputs and computes this quantum's values.
func (p *AudioParam) update(frame int64) {
	// Listener params are shared by every PannerNode; compute them once per quantum.
	if p.stamp == p.ctx.stamp {
		return
	}
	p.stamp = p.ctx.stamp
	if len(p.events) == 0 {
		p.constant, p.cval = true, p.clamp(p.value)
		p.last = p.value
	} else if p.targetConverged(frame) {
		p.constant, p.cval = true, p.clamp(p.value)
		p.last = p.value
	} else {
		p.constant = p.fillTimeline(frame)
		if p.constant {
			p.cval = p.values[0]
		}
		p.value = p.values[0]
		if p.rate == KRate && !p.constant {
			p.constant, p.cval = true, p.values[0]
		}
	}
	if len(p.srcs) == 0 {
		if p.constant {
			p.cval = p.clamp(p.cval)
		} else {
			p.clampAll()
		}
		return
	}
	if !p.mixInputs() {
		if p.constant {
			p.cval = p.clamp(p.cval)
		} else {
			p.clampAll()
		}
		return
	}
	in := p.in.ch[0][:RenderQuantum]
	if p.rate == KRate {
		base := p.cval
		if !p.constant {
			base = p.values[0]
		}
		p.constant, p.cval = true, p.clamp(base+in[0])
		return
	}
	if p.constant {
		for i := range p.values {
			p.values[i] = p.cval + in[i]
		}
		p.constant = false
	} else {
		for i := range p.values {
			p.values[i] += in[i]
		}
	}
	p.clampAll()
}

func (p *AudioParam) clampAll() {
	lo, hi := p.minValue, p.maxValue
	for i, v := range p.values {
		if v != v { // NaN from an input becomes the default value, as the spec says
			p.values[i] = p.clamp(p.defaultValue)
		} else if v < lo {
			p.values[i] = lo
		} else if v > hi {
			p.values[i] = hi
		}
	}
}

// mixInputs sums the connected outputs down-mixed to mono; false when all are silent.
func (p *AudioParam) mixInputs() bool {
	p.in.setChannels(1)
	p.in.silent = false
	p.in.zero()
	any := false
	for _, o := range p.srcs {
		if !o.owner.pull() || o.bus.silent {
			continue
		}
		mixInto(&p.in, &o.bus, Speakers)
		any = true
	}
	return any
}

// targetConverged implements Chromium's shortcut for a timeline whose last event is a setTarget
// that started more than 1.5 quanta ago: once the value is within exp(-10) (relative) of the
// target, or ten time constants have passed, the value snaps to the target and the timeline is
// dropped. Matching it matters: the snap is a visible step of up to ~5e-5.
func (p *AudioParam) targetConverged(frame int64) bool {
	last := p.events[len(p.events)-1]
	now := float64(frame) / p.ctx.sampleRate
	if last.typ != evTarget || !last.reached || last.time+1.5*RenderQuantum/p.ctx.sampleRate >= now {
		return false
	}
	const threshold = 4.539992976248485e-05
	v, target := p.last, last.value
	conv := now > last.time+10*last.tau ||
		(target == 0 && math.Abs(float64(v)) < threshold) ||
		(target != 0 && math.Abs(float64(target-v)) < threshold*math.Abs(float64(v)))
	if !conv {
		return false
	}
	p.value = target
	p.events = p.events[:0]
	p.cursor = -1
	return true
}

// fillTimeline writes the timeline's values for the quantum at frame into p.values and reports
// whether they are all equal (the common case, which nodes use as a fast path).
func (p *AudioParam) fillTimeline(frame int64) bool {
	sr := p.ctx.sampleRate
	const n = RenderQuantum
	k := 0
	allConst := true
	for k < n {
		f := frame + int64(k)
		for p.cursor+1 < len(p.events) && p.events[p.cursor+1].frame <= f {
			p.cursor++
			p.reach(p.cursor)
		}
		i := p.cursor
		end := int64(n)
		if i+1 < len(p.events) {
			end = min(end, p.events[i+1].frame-frame)
		}
		seg := p.values[k:end]
		switch {
		case i+1 < len(p.events) && (p.events[i+1].typ == evLinear || p.events[i+1].typ == evExp):
			allConst = false
			e := p.events[i+1]
			t0, v0 := p.rampStart(i + 1)
			fillRamp(seg, e.typ, t0, v0, e.time, e.value, f, sr)
		case i < 0:
			fill(seg, p.value)
		default:
			e := &p.events[i]
			switch e.typ {
			case evTarget:
				if e.tau == 0 {
					fill(seg, e.value)
					break
				}
				allConst = false
				// Closed form at the segment start, then one multiplication per frame.
				d := float64(e.startLevel-e.value) * math.Exp(-(float64(f)/sr-e.time)/e.tau)
				r := math.Exp(-1 / (sr * e.tau))
				for j := range seg {
					seg[j] = e.value + float32(d)
					d *= r
				}
			case evCurve:
				allConst = false
				for j := range seg {
					seg[j] = curveValue(e.curve, e.dur, float64(f+int64(j))/sr-e.time)
				}
			case evHold:
				fill(seg, e.startLevel)
			default:
				fill(seg, e.value)
			}
		}
		if len(seg) > 0 {
			p.last = seg[len(seg)-1]
			if allConst && seg[0] != p.values[0] {
				allConst = false
			}
		}
		k = int(end)
	}
	return allConst
}

// reach marks event i as reached, fixing the start level of setTarget and hold events.
func (p *AudioParam) reach(i int) {
	e := &p.events[i]
	if e.reached {
		return
	}
	e.reached = true
	switch e.typ {
	case evTarget:
		e.startLevel = p.last
	case evHold:
		e.startLevel = p.last
		if i > 0 {
			if prev := p.events[i-1]; prev.typ == evTarget {
				if prev.tau == 0 {
					e.startLevel = prev.value
				} else {
					e.startLevel = prev.value + (prev.startLevel-prev.value)*float32(math.Exp(-(e.time-prev.time)/prev.tau))
				}
			}
		}
	}
}

func fill(s []float32, v float32) {
	for i := range s {
		s[i] = v
	}
}

// valueAt returns the param's value for frame k of the current quantum.
func (p *AudioParam) valueAt(k int) float32 {
	if p.constant {
		return p.cval
	}
	return p.values[k]
}
