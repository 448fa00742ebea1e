package audio

import "math"

const maxFloat32 = math.MaxFloat32

// GainOptions are the GainNode constructor's options; a nil Gain means the default 1.
type GainOptions struct {
	Gain *float32
	ChannelOptions
}

// ChannelOptions are the AudioNodeOptions every node constructor accepts; zero values keep the
// node type's defaults.
type ChannelOptions struct {
	ChannelCount          int
	ChannelCountMode      ChannelCountMode
	ChannelInterpretation ChannelInterpretation
}

func (o ChannelOptions) apply(n *audioNode) error {
	if o.ChannelCount != 0 {
		if err := n.SetChannelCount(o.ChannelCount); err != nil {
			return err
		}
	}
	if o.ChannelCountMode != "" {
		if err := n.SetChannelCountMode(o.ChannelCountMode); err != nil {
			return err
		}
	}
	if o.ChannelInterpretation != "" {
		if err := n.SetChannelInterpretation(o.ChannelInterpretation); err != nil {
			return err
		}
	}
	return nil
}

// F32 returns a pointer to v, for option fields whose zero value is meaningful.
func F32(v float32) *float32 { return &v }

// GainNode multiplies its input by the a-rate gain param.
type GainNode struct {
	*audioNode
	gain *AudioParam
}

// NewGainNode is the GainNode constructor.
func NewGainNode(c *BaseContext, o GainOptions) (*GainNode, error) {
	g := &GainNode{}
	g.audioNode = newNode(c, g, 1, 1, 2, Max, Speakers)
	g.gain = newParam(c, "gain", 1, -maxFloat32, maxFloat32, ARate)
	g.ownParams(g.gain)
	if o.Gain != nil {
		if err := g.gain.SetValue(*o.Gain); err != nil {
			return nil, err
		}
	}
	if err := o.ChannelOptions.apply(g.audioNode); err != nil {
		return nil, err
	}
	return g, nil
}

// CreateGain is the context factory for GainNode.
func (c *BaseContext) CreateGain() *GainNode {
	g, _ := NewGainNode(c, GainOptions{})
	return g
}

func (g *GainNode) Gain() *AudioParam { return g.gain }

func (g *GainNode) process(int64) {
	in, out := g.in(0), g.out(0)
	p := g.gain
	if in.silent || (p.constant && p.cval == 0) {
		out.setSilent(in.n)
		return
	}
	out.setChannels(in.n)
	out.silent = false
	for c := 0; c < in.n; c++ {
		src, dst := in.ch[c][:RenderQuantum], out.ch[c][:RenderQuantum]
		if p.constant {
			scaleInto(dst, src, p.cval)
		} else {
			mulInto(dst, src, p.values[:])
		}
	}
}

func scaleInto(dst, src []float32, k float32) {
	src = src[:len(dst)]
	if k == 1 {
		copy(dst, src)
		return
	}
	i := 0
	if n := len(dst) &^ 15; haveAVX2 && n > 0 {
		scaleAVX2(&dst[0], &src[0], n, k)
		i = n
	}
	for ; i < len(dst); i++ {
		dst[i] = src[i] * k
	}
}

func mulInto(dst, src, k []float32) {
	src, k = src[:len(dst)], k[:len(dst)]
	i := 0
	if n := len(dst) &^ 15; haveAVX2 && n > 0 {
		mulAVX2(&dst[0], &src[0], &k[0], n)
		i = n
	}
	for ; i < len(dst); i++ {
		dst[i] = src[i] * k[i]
	}
}
