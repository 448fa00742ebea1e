package audio

import "math"

// StereoPannerOptions are the StereoPannerNode constructor's options.
type StereoPannerOptions struct {
	Pan float32
	ChannelOptions
}

// StereoPannerNode pans a mono or stereo input with the spec's equal-power law.
type StereoPannerNode struct {
	*audioNode
	pan *AudioParam
}

// NewStereoPannerNode is the StereoPannerNode constructor.
func NewStereoPannerNode(c *BaseContext, o StereoPannerOptions) (*StereoPannerNode, error) {
	p := &StereoPannerNode{}
	p.audioNode = newNode(c, p, 1, 1, 2, ClampedMax, Speakers)
	p.checkCount = func(v int) error {
		if v > 2 {
			return errorf(ErrNotSupported, "StereoPannerNode channelCount %d above 2", v)
		}
		return nil
	}
	p.checkMode = func(v ChannelCountMode) error {
		if v == Max {
			return errorf(ErrNotSupported, "StereoPannerNode channelCountMode cannot be max")
		}
		return nil
	}
	p.pan = newParam(c, "pan", 0, -1, 1, ARate)
	p.ownParams(p.pan)
	if err := firstErr(p.pan.SetValue(o.Pan), o.ChannelOptions.apply(p.audioNode)); err != nil {
		return nil, err
	}
	return p, nil
}

// CreateStereoPanner is the context factory for StereoPannerNode.
func (c *BaseContext) CreateStereoPanner() *StereoPannerNode {
	p, _ := NewStereoPannerNode(c, StereoPannerOptions{})
	return p
}

func (p *StereoPannerNode) Pan() *AudioParam { return p.pan }

func (p *StereoPannerNode) process(int64) {
	in, out := p.in(0), p.out(0)
	if in.silent {
		out.setSilent(2)
		return
	}
	out.setChannels(2)
	out.silent = false
	l, r := out.ch[0][:RenderQuantum], out.ch[1][:RenderQuantum]
	if in.n == 1 {
		x := in.ch[0][:RenderQuantum]
		for i := range l {
			pos := (float64(p.pan.valueAt(i)) + 1) / 2
			s, c := sincosQuarter(pos * math.Pi / 2)
			l[i] = x[i] * float32(c)
			r[i] = x[i] * float32(s)
		}
		return
	}
	xl, xr := in.ch[0][:RenderQuantum], in.ch[1][:RenderQuantum]
	for i := range l {
		pan := float64(p.pan.valueAt(i))
		if pan <= 0 {
			s, c := sincosQuarter((pan + 1) * math.Pi / 2)
			l[i] = xl[i] + xr[i]*float32(c)
			r[i] = xr[i] * float32(s)
		} else {
			s, c := sincosQuarter(pan * math.Pi / 2)
			l[i] = xl[i] * float32(c)
			r[i] = xr[i] + xl[i]*float32(s)
		}
	}
}
