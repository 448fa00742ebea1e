package audio

import "math"

// OverSampleType is "none", "2x" or "4x".
type OverSampleType string

const (
	OverSampleNone OverSampleType = "none"
	OverSample2x   OverSampleType = "2x"
	OverSample4x   OverSampleType = "4x"
)

// WaveShaperOptions are the WaveShaperNode constructor's options.
type WaveShaperOptions struct {
	Curve      []float32
	Oversample OverSampleType
	ChannelOptions
}

// WaveShaperNode maps each sample through a curve, optionally at 2x or 4x the sample rate. The
// half-band resamplers have Chromium's lengths (128 taps up, 256 down), so oversampling delays the
// output by the same 128 (2x) or 192 (4x) frames Chromium shows.
type WaveShaperNode struct {
	*audioNode
	curve      []float32
	oversample OverSampleType
	chans      []*shaperChannel
}

type shaperChannel struct {
	up1, up2     upsampler
	down1, down2 downsampler
	buf2, buf4   [4 * RenderQuantum]float32
}

// NewWaveShaperNode is the WaveShaperNode constructor.
func NewWaveShaperNode(c *BaseContext, o WaveShaperOptions) (*WaveShaperNode, error) {
	w := &WaveShaperNode{oversample: OverSampleNone}
	w.audioNode = newNode(c, w, 1, 1, 2, Max, Speakers)
	if o.Curve != nil {
		if err := w.SetCurve(o.Curve); err != nil {
			return nil, err
		}
	}
	if o.Oversample != "" {
		if err := w.SetOversample(o.Oversample); err != nil {
			return nil, err
		}
	}
	if err := o.ChannelOptions.apply(w.audioNode); err != nil {
		return nil, err
	}
	return w, nil
}

// CreateWaveShaper is the context factory for WaveShaperNode.
func (c *BaseContext) CreateWaveShaper() *WaveShaperNode {
	w, _ := NewWaveShaperNode(c, WaveShaperOptions{})
	return w
}

func (w *WaveShaperNode) Curve() []float32           { return w.curve }
func (w *WaveShaperNode) Oversample() OverSampleType { return w.oversample }

// SetCurve copies the curve; nil removes it (pass-through). Fewer than 2 values gives
// InvalidStateError.
func (w *WaveShaperNode) SetCurve(c []float32) error {
	if c == nil {
		w.curve = nil
		return nil
	}
	if len(c) < 2 {
		return errorf(ErrInvalidState, "curve needs at least 2 values, got %d", len(c))
	}
	w.curve = append([]float32(nil), c...)
	return nil
}

func (w *WaveShaperNode) SetOversample(o OverSampleType) error {
	switch o {
	case OverSampleNone, OverSample2x, OverSample4x:
		w.oversample = o
		return nil
	}
	return errorf(ErrType, "invalid oversample %q", o)
}

func (w *WaveShaperNode) shape(s []float32) {
	c := w.curve
	n := len(c)
	half := float32(n-1) / 2
	for i, x := range s {
		v := half * (x + 1)
		switch {
		case v <= 0 || v != v:
			s[i] = c[0]
		case v >= float32(n-1):
			s[i] = c[n-1]
		default:
			k := int(v)
			f := v - float32(k)
			s[i] = (1-f)*c[k] + f*c[k+1]
		}
	}
}

func (w *WaveShaperNode) process(int64) {
	in, out := w.in(0), w.out(0)
	if in.silent && (w.oversample == OverSampleNone || w.curve == nil) {
		out.setSilent(in.n)
		return
	}
	out.setChannels(in.n)
	out.silent = false
	for len(w.chans) < in.n {
		w.chans = append(w.chans, newShaperChannel())
	}
	for ch := 0; ch < in.n; ch++ {
		src, dst := in.ch[ch][:RenderQuantum], out.ch[ch][:RenderQuantum]
		if w.curve == nil {
			copy(dst, src)
			continue
		}
		sc := w.chans[ch]
		switch w.oversample {
		case OverSample2x:
			b := sc.buf2[:2*RenderQuantum]
			sc.up1.process(src, b)
			w.shape(b)
			sc.down1.process(b, dst)
		case OverSample4x:
			b2, b4 := sc.buf2[:2*RenderQuantum], sc.buf4[:4*RenderQuantum]
			sc.up1.process(src, b2)
			sc.up2.process(b2, b4)
			w.shape(b4)
			sc.down2.process(b4, b2)
			sc.down1.process(b2, dst)
		default:
			copy(dst, src)
			w.shape(dst)
		}
	}
}

const (
	upKernel   = 128
	downKernel = 256
)

var upTaps, downTaps = makeUpTaps(), makeDownTaps()

func blackman(i, n int) float64 {
	x := (float64(i) + 0.5) / float64(n)
	return 0.42 - 0.5*math.Cos(2*math.Pi*x) + 0.08*math.Cos(4*math.Pi*x)
}

// makeUpTaps is the half-sample interpolator: tap i weights the input i samples back, centred on
// (upKernel-1)/2 = 63.5.
func makeUpTaps() []float64 {
	h := make([]float64, upKernel)
	for i := range h {
		t := math.Pi * (float64(i) - (upKernel-1)/2.0)
		h[i] = math.Sin(t) / t * blackman(i, upKernel)
	}
	return h
}

// makeDownTaps are the odd taps of a half-band low-pass of length downKernel (its even taps are
// zero except the centre, 0.5).
func makeDownTaps() []float64 {
	g := make([]float64, downKernel/4)
	for j := range g {
		t := math.Pi * float64(2*j+1) / 2
		// Window position of offset ±(2j+1) around the centre of a downKernel-long window.
		g[j] = 0.5 * math.Sin(t) / t * blackman(downKernel/2+2*j+1, downKernel)
	}
	return g
}

// upsampler doubles the rate: even outputs are the input delayed by upKernel/2, odd outputs are
// interpolated half a sample later.
type upsampler struct {
	hist [upKernel + 2*RenderQuantum]float64
}

func (u *upsampler) process(src, dst []float32) {
	n := len(src)
	h := u.hist[:upKernel+n]
	// History holds the last upKernel inputs at h[0:upKernel], then this block.
	for i, v := range src {
		h[upKernel+i] = float64(v)
	}
	for i := 0; i < n; i++ {
		cur := upKernel + i // index of x[i]
		dst[2*i] = float32(h[cur-upKernel/2])
		var s float64
		for k, t := range upTaps {
			s += t * h[cur-k]
		}
		dst[2*i+1] = float32(s)
	}
	copy(h[:upKernel], h[n:n+upKernel])
}

// downsampler halves the rate after a half-band low-pass; its delay is downKernel/2 samples at the
// high rate.
type downsampler struct {
	hist [downKernel + 4*RenderQuantum]float64
}

func (d *downsampler) process(src, dst []float32) {
	n := len(src)
	h := d.hist[:downKernel+n]
	for i, v := range src {
		h[downKernel+i] = float64(v)
	}
	for o := 0; o < n/2; o++ {
		// Centred downKernel/2 high-rate samples back, so the node's total delay is a whole
		// number of frames (128 for 2x).
		c := downKernel + 2*o - downKernel/2
		s := 0.5 * h[c]
		for j, t := range downTaps {
			s += t * (h[c-(2*j+1)] + h[c+(2*j+1)])
		}
		dst[o] = float32(s)
	}
	copy(h[:downKernel], h[n:n+downKernel])
}

func newShaperChannel() *shaperChannel { return &shaperChannel{} }
