package audio

import "math"

// DelayOptions are the DelayNode constructor's options (zero MaxDelayTime: 1 s).
type DelayOptions struct {
	MaxDelayTime float64
	DelayTime    float32
	ChannelOptions
}

// DelayNode delays its input by the a-rate delayTime param, reading between samples by linear
// interpolation. It is the only node through which the graph may form a cycle.
type DelayNode struct {
	*audioNode
	delayTime *AudioParam
	maxDelay  float64
	ring      [][]float32
	size      int
	write     int
	idle      int // frames since the input was last non-silent
}

// NewDelayNode is the DelayNode constructor.
func NewDelayNode(c *BaseContext, o DelayOptions) (*DelayNode, error) {
	if o.MaxDelayTime == 0 {
		o.MaxDelayTime = 1
	}
	if isNonFinite(o.MaxDelayTime) || o.MaxDelayTime <= 0 || o.MaxDelayTime >= 180 {
		return nil, errorf(ErrNotSupported, "maxDelayTime %v outside (0, 180)", o.MaxDelayTime)
	}
	d := &DelayNode{maxDelay: o.MaxDelayTime}
	d.audioNode = newNode(c, d, 1, 1, 2, Max, Speakers)
	d.isDelay = true
	d.delayTime = newParam(c, "delayTime", 0, 0, float32(o.MaxDelayTime), ARate)
	d.ownParams(d.delayTime)
	if err := d.delayTime.SetValue(o.DelayTime); err != nil {
		return nil, err
	}
	if err := o.ChannelOptions.apply(d.audioNode); err != nil {
		return nil, err
	}
	d.size = int(math.Ceil(o.MaxDelayTime*c.sampleRate)) + 2*RenderQuantum
	if d.size > MaxBufferSamples {
		return nil, errorf(ErrNotSupported, "maxDelayTime %v s needs %d frames of memory per channel, above the limit of %d samples", o.MaxDelayTime, d.size, MaxBufferSamples)
	}
	d.idle = d.size
	return d, nil
}

// CreateDelay is the context factory for DelayNode.
func (c *BaseContext) CreateDelay(maxDelayTime float64) (*DelayNode, error) {
	return NewDelayNode(c, DelayOptions{MaxDelayTime: maxDelayTime})
}

func (d *DelayNode) DelayTime() *AudioParam { return d.delayTime }

func (d *DelayNode) process(int64) {
	in, out := d.in(0), d.out(0)
	if in.silent {
		d.idle += RenderQuantum
	} else {
		d.idle = 0
	}
	if d.idle > d.size {
		out.setSilent(max(1, len(d.ring)))
		return
	}
	// Rings grow with the input's channel count, within the memory limit; channels beyond it
	// are dropped rather than allocating without bound.
	for len(d.ring) < in.n && (len(d.ring)+1)*d.size <= MaxBufferSamples {
		d.ring = append(d.ring, make([]float32, d.size))
	}
	chans := max(1, len(d.ring))
	if len(d.ring) == 0 {
		out.setSilent(1)
		return
	}
	w := d.write
	for c := 0; c < len(d.ring); c++ {
		r := d.ring[c]
		if c < in.n && !in.silent {
			src := in.ch[c][:RenderQuantum]
			n := copy(r[w:], src)
			copy(r, src[n:])
		} else {
			n := len(r[w:min(w+RenderQuantum, len(r))])
			clear(r[w : w+n])
			clear(r[:RenderQuantum-n])
		}
	}
	out.setChannels(chans)
	out.silent = false
	sr := d.ctx.sampleRate
	size := float64(d.size)
	for k := 0; k < RenderQuantum; k++ {
		delay := float64(d.delayTime.valueAt(k)) * sr
		pos := float64(w+k) - delay
		if pos < 0 {
			pos += size
		}
		i0 := int(pos)
		f := float32(pos - float64(i0))
		if i0 >= d.size {
			i0 -= d.size
		}
		i1 := i0 + 1
		if i1 == d.size {
			i1 = 0
		}
		for c := 0; c < chans; c++ {
			r := d.ring[c]
			out.ch[c][k] = r[i0] + (r[i1]-r[i0])*f
		}
	}
	d.write = (w + RenderQuantum) % d.size
}
