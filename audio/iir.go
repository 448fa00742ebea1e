package audio

import "math"

// IIRFilterOptions are the IIRFilterNode constructor's options.
type IIRFilterOptions struct {
	Feedforward []float64
	Feedback    []float64
	ChannelOptions
}

const maxIIROrder = 20

// IIRFilterNode is a general IIR filter of up to order 19, run in double precision.
type IIRFilterNode struct {
	*audioNode
	b, a []float64 // normalised so that a[0] = 1
	// Per channel: past inputs and outputs in circular buffers of 32.
	xs, ys [][32]float64
	pos    int
}

// NewIIRFilterNode is the IIRFilterNode constructor.
func NewIIRFilterNode(c *BaseContext, o IIRFilterOptions) (*IIRFilterNode, error) {
	ff, fb := o.Feedforward, o.Feedback
	if len(ff) == 0 || len(ff) > maxIIROrder {
		return nil, errorf(ErrNotSupported, "feedforward length %d outside [1, %d]", len(ff), maxIIROrder)
	}
	if len(fb) == 0 || len(fb) > maxIIROrder {
		return nil, errorf(ErrNotSupported, "feedback length %d outside [1, %d]", len(fb), maxIIROrder)
	}
	allZero := true
	for _, v := range ff {
		if isNonFinite(v) {
			return nil, errorf(ErrType, "non-finite feedforward coefficient")
		}
		allZero = allZero && v == 0
	}
	if allZero {
		return nil, errorf(ErrInvalidState, "feedforward coefficients are all zero")
	}
	for _, v := range fb {
		if isNonFinite(v) {
			return nil, errorf(ErrType, "non-finite feedback coefficient")
		}
	}
	if fb[0] == 0 {
		return nil, errorf(ErrInvalidState, "feedback[0] must not be zero")
	}
	f := &IIRFilterNode{b: make([]float64, len(ff)), a: make([]float64, len(fb))}
	for i, v := range ff {
		f.b[i] = v / fb[0]
	}
	for i, v := range fb {
		f.a[i] = v / fb[0]
	}
	f.audioNode = newNode(c, f, 1, 1, 2, Max, Speakers)
	if err := o.ChannelOptions.apply(f.audioNode); err != nil {
		return nil, err
	}
	return f, nil
}

// CreateIIRFilter is the context factory for IIRFilterNode.
func (c *BaseContext) CreateIIRFilter(feedforward, feedback []float64) (*IIRFilterNode, error) {
	return NewIIRFilterNode(c, IIRFilterOptions{Feedforward: feedforward, Feedback: feedback})
}

func (f *IIRFilterNode) process(int64) {
	in, out := f.in(0), f.out(0)
	for len(f.xs) < in.n {
		f.xs = append(f.xs, [32]float64{})
		f.ys = append(f.ys, [32]float64{})
	}
	if in.silent && f.settled() {
		out.setSilent(in.n)
		return
	}
	out.setChannels(in.n)
	out.silent = false
	b, a := f.b, f.a
	pos := f.pos
	for ch := 0; ch < in.n; ch++ {
		xs, ys := &f.xs[ch], &f.ys[ch]
		p := f.pos
		src, dst := in.ch[ch][:RenderQuantum], out.ch[ch][:RenderQuantum]
		for i, xf := range src {
			x := float64(xf)
			y := b[0] * x
			for k := 1; k < len(b); k++ {
				y += b[k] * xs[(p-k)&31]
			}
			for k := 1; k < len(a); k++ {
				y -= a[k] * ys[(p-k)&31]
			}
			if math.Abs(y) < 1e-38 {
				y = 0
			}
			xs[p&31], ys[p&31] = x, y
			p++
			dst[i] = float32(y)
		}
		pos = p
	}
	f.pos = pos & 31
}

func (f *IIRFilterNode) settled() bool {
	for ch := range f.xs {
		for k := range f.xs[ch] {
			if math.Abs(f.xs[ch][k])+math.Abs(f.ys[ch][k]) > 1e-12 {
				return false
			}
		}
	}
	return true
}

// GetFrequencyResponse computes magnitude and phase at the given frequencies.
func (f *IIRFilterNode) GetFrequencyResponse(freqs, mag, phase []float32) error {
	if len(mag) != len(freqs) || len(phase) != len(freqs) {
		return errorf(ErrInvalidAccess, "frequency, magnitude and phase arrays differ in length (%d, %d, %d)", len(freqs), len(mag), len(phase))
	}
	frequencyResponse(f.b, f.a, f.ctx.sampleRate, freqs, mag, phase)
	return nil
}
