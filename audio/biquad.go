package audio

import (
	"math"
	"math/cmplx"
)

// BiquadFilterType is one of the eight second-order filter shapes.
type BiquadFilterType string

const (
	Lowpass   BiquadFilterType = "lowpass"
	Highpass  BiquadFilterType = "highpass"
	Bandpass  BiquadFilterType = "bandpass"
	Lowshelf  BiquadFilterType = "lowshelf"
	Highshelf BiquadFilterType = "highshelf"
	Peaking   BiquadFilterType = "peaking"
	Notch     BiquadFilterType = "notch"
	Allpass   BiquadFilterType = "allpass"
)

// BiquadFilterOptions are the BiquadFilterNode constructor's options; nil pointers keep the
// defaults (lowpass, 350 Hz, Q 1, gain 0, detune 0).
type BiquadFilterOptions struct {
	Type      BiquadFilterType
	Frequency *float32
	Q         *float32
	Gain      float32
	Detune    float32
	ChannelOptions
}

type biquadCoef struct{ b0, b1, b2, a1, a2 float64 }

type biquadState struct{ x1, x2, y1, y2 float64 }

// BiquadFilterNode is a second-order IIR filter with the Audio EQ Cookbook coefficients the spec
// gives, run in double precision (direct form I) like Chromium.
type BiquadFilterNode struct {
	*audioNode
	typ                          BiquadFilterType
	frequency, q, gain, detune   *AudioParam
	state                        []biquadState
	coef                         biquadCoef
	lastF, lastQ, lastG, lastDet float32
	haveCoef                     bool
}

// NewBiquadFilterNode is the BiquadFilterNode constructor.
func NewBiquadFilterNode(c *BaseContext, o BiquadFilterOptions) (*BiquadFilterNode, error) {
	f := &BiquadFilterNode{typ: Lowpass}
	f.audioNode = newNode(c, f, 1, 1, 2, Max, Speakers)
	ny := float32(c.sampleRate / 2)
	f.frequency = newParam(c, "frequency", 350, 0, ny, ARate)
	f.q = newParam(c, "Q", 1, -maxFloat32, maxFloat32, ARate)
	f.gain = newParam(c, "gain", 0, -maxFloat32, float32(40*math.Log10(maxFloat32)), ARate)
	f.detune = newParam(c, "detune", 0, -float32(1200*math.Log2(maxFloat32)), float32(1200*math.Log2(maxFloat32)), ARate)
	f.ownParams(f.frequency, f.q, f.gain, f.detune)
	if o.Type != "" {
		if err := f.SetType(o.Type); err != nil {
			return nil, err
		}
	}
	if o.Frequency != nil {
		f.frequency.SetValue(*o.Frequency)
	}
	if o.Q != nil {
		f.q.SetValue(*o.Q)
	}
	if err := firstErr(f.gain.SetValue(o.Gain), f.detune.SetValue(o.Detune), o.ChannelOptions.apply(f.audioNode)); err != nil {
		return nil, err
	}
	return f, nil
}

// CreateBiquadFilter is the context factory for BiquadFilterNode.
func (c *BaseContext) CreateBiquadFilter() *BiquadFilterNode {
	f, _ := NewBiquadFilterNode(c, BiquadFilterOptions{})
	return f
}

func (f *BiquadFilterNode) Frequency() *AudioParam { return f.frequency }
func (f *BiquadFilterNode) Q() *AudioParam         { return f.q }
func (f *BiquadFilterNode) Gain() *AudioParam      { return f.gain }
func (f *BiquadFilterNode) Detune() *AudioParam    { return f.detune }
func (f *BiquadFilterNode) Type() BiquadFilterType { return f.typ }

// SetType selects the filter shape.
func (f *BiquadFilterNode) SetType(t BiquadFilterType) error {
	switch t {
	case Lowpass, Highpass, Bandpass, Lowshelf, Highshelf, Peaking, Notch, Allpass:
		f.typ = t
		f.haveCoef = false
		return nil
	}
	return errorf(ErrType, "invalid biquad type %q", t)
}

// biquadCoefficients computes normalised coefficients (a0 = 1) for the given parameters.
func biquadCoefficients(typ BiquadFilterType, sampleRate float64, freq, q, gain, detune float32) biquadCoef {
	ny := sampleRate / 2
	f0 := float64(freq)
	if detune != 0 {
		f0 *= math.Exp2(float64(detune) / 1200)
	}
	f0 = math.Max(0, math.Min(f0, ny))
	w := f0 / ny // normalised to Nyquist, in [0, 1]
	A := math.Pow(10, float64(gain)/40)
	Q := float64(q)
	switch typ {
	case Lowpass:
		if w >= 1 {
			return biquadCoef{b0: 1}
		}
		if w <= 0 {
			return biquadCoef{}
		}
		return normalize(lowHighPass(w, Q, false))
	case Highpass:
		if w >= 1 {
			return biquadCoef{}
		}
		if w <= 0 {
			return biquadCoef{b0: 1}
		}
		return normalize(lowHighPass(w, Q, true))
	case Bandpass:
		if w <= 0 || w >= 1 {
			return biquadCoef{}
		}
		if Q <= 0 {
			return biquadCoef{b0: 1}
		}
		th := math.Pi * w
		alpha := math.Sin(th) / (2 * Q)
		k := math.Cos(th)
		return normalize(alpha, 0, -alpha, 1+alpha, -2*k, 1-alpha)
	case Notch:
		if w <= 0 || w >= 1 {
			return biquadCoef{b0: 1}
		}
		if Q <= 0 {
			return biquadCoef{}
		}
		th := math.Pi * w
		alpha := math.Sin(th) / (2 * Q)
		k := math.Cos(th)
		return normalize(1, -2*k, 1, 1+alpha, -2*k, 1-alpha)
	case Allpass:
		if w <= 0 || w >= 1 {
			return biquadCoef{b0: 1}
		}
		if Q <= 0 {
			return biquadCoef{b0: -1}
		}
		th := math.Pi * w
		alpha := math.Sin(th) / (2 * Q)
		k := math.Cos(th)
		return normalize(1-alpha, -2*k, 1+alpha, 1+alpha, -2*k, 1-alpha)
	case Peaking:
		if w <= 0 || w >= 1 {
			return biquadCoef{b0: 1}
		}
		if Q <= 0 {
			return biquadCoef{b0: A * A}
		}
		th := math.Pi * w
		alpha := math.Sin(th) / (2 * Q)
		k := math.Cos(th)
		return normalize(1+alpha*A, -2*k, 1-alpha*A, 1+alpha/A, -2*k, 1-alpha/A)
	case Lowshelf:
		if w >= 1 {
			return biquadCoef{b0: A * A}
		}
		if w <= 0 {
			return biquadCoef{b0: 1}
		}
		th := math.Pi * w
		k := math.Cos(th)
		s := math.Sin(th) / 2 * math.Sqrt(2)
		sa := 2 * math.Sqrt(A) * s
		return normalize(A*((A+1)-(A-1)*k+sa), 2*A*((A-1)-(A+1)*k), A*((A+1)-(A-1)*k-sa),
			(A+1)+(A-1)*k+sa, -2*((A-1)+(A+1)*k), (A+1)+(A-1)*k-sa)
	case Highshelf:
		if w >= 1 {
			return biquadCoef{b0: 1}
		}
		if w <= 0 {
			return biquadCoef{b0: A * A}
		}
		th := math.Pi * w
		k := math.Cos(th)
		s := math.Sin(th) / 2 * math.Sqrt(2)
		sa := 2 * math.Sqrt(A) * s
		return normalize(A*((A+1)+(A-1)*k+sa), -2*A*((A-1)+(A+1)*k), A*((A+1)+(A-1)*k-sa),
			(A+1)-(A-1)*k+sa, 2*((A-1)-(A+1)*k), (A+1)-(A-1)*k-sa)
	}
	return biquadCoef{b0: 1}
}

// lowHighPass uses the spec's Q in dB for the resonance of low- and highpass filters.
func lowHighPass(w, qdB float64, high bool) (b0, b1, b2, a0, a1, a2 float64) {
	th := math.Pi * w
	alpha := math.Sin(th) / (2 * math.Pow(10, qdB/20))
	k := math.Cos(th)
	if high {
		return (1 + k) / 2, -(1 + k), (1 + k) / 2, 1 + alpha, -2 * k, 1 - alpha
	}
	return (1 - k) / 2, 1 - k, (1 - k) / 2, 1 + alpha, -2 * k, 1 - alpha
}

func normalize(b0, b1, b2, a0, a1, a2 float64) biquadCoef {
	return biquadCoef{b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0}
}

func (f *BiquadFilterNode) coefAt(k int) biquadCoef {
	fr, q, g, d := f.frequency.valueAt(k), f.q.valueAt(k), f.gain.valueAt(k), f.detune.valueAt(k)
	if !f.haveCoef || fr != f.lastF || q != f.lastQ || g != f.lastG || d != f.lastDet {
		f.coef = biquadCoefficients(f.typ, f.ctx.sampleRate, fr, q, g, d)
		f.lastF, f.lastQ, f.lastG, f.lastDet, f.haveCoef = fr, q, g, d, true
	}
	return f.coef
}

func (f *BiquadFilterNode) process(int64) {
	in, out := f.in(0), f.out(0)
	for len(f.state) < in.n {
		f.state = append(f.state, biquadState{})
	}
	if in.silent && f.settled() {
		out.setSilent(in.n)
		return
	}
	out.setChannels(in.n)
	out.silent = false
	constant := f.frequency.constant && f.q.constant && f.gain.constant && f.detune.constant
	// y1 enters the sum last: each frame then waits on the previous one for one multiply and
	// one subtraction only, the rest of the sum being ready in advance.
	if constant && in.n == 2 {
		// Both channels in one loop: two independent recursions overlap.
		c := f.coefAt(0)
		sl, sr := f.state[0], f.state[1]
		l, r := in.ch[0][:RenderQuantum], in.ch[1][:RenderQuantum]
		dl, dr := out.ch[0][:RenderQuantum], out.ch[1][:RenderQuantum]
		for i, xf := range l {
			x := float64(xf)
			y := c.b0*x + c.b1*sl.x1 + c.b2*sl.x2 - c.a2*sl.y2 - c.a1*sl.y1
			sl.x2, sl.x1, sl.y2, sl.y1 = sl.x1, x, sl.y1, y
			dl[i] = float32(y)
			x = float64(r[i])
			y = c.b0*x + c.b1*sr.x1 + c.b2*sr.x2 - c.a2*sr.y2 - c.a1*sr.y1
			sr.x2, sr.x1, sr.y2, sr.y1 = sr.x1, x, sr.y1, y
			dr[i] = float32(y)
		}
		f.state[0], f.state[1] = sl.flushed(), sr.flushed()
		return
	}
	for ch := 0; ch < in.n; ch++ {
		st := f.state[ch]
		src, dst := in.ch[ch][:RenderQuantum], out.ch[ch][:RenderQuantum]
		if constant {
			c := f.coefAt(0)
			for i, xf := range src {
				x := float64(xf)
				y := c.b0*x + c.b1*st.x1 + c.b2*st.x2 - c.a2*st.y2 - c.a1*st.y1
				st.x2, st.x1, st.y2, st.y1 = st.x1, x, st.y1, y
				dst[i] = float32(y)
			}
		} else {
			for i, xf := range src {
				c := f.coefAt(i)
				x := float64(xf)
				y := c.b0*x + c.b1*st.x1 + c.b2*st.x2 - c.a2*st.y2 - c.a1*st.y1
				st.x2, st.x1, st.y2, st.y1 = st.x1, x, st.y1, y
				dst[i] = float32(y)
			}
		}
		f.state[ch] = st.flushed()
	}
}

// flushed flushes denormals so that a decaying tail does not slow the filter down.
func (s biquadState) flushed() biquadState {
	if math.Abs(s.y1) < 1e-30 && math.Abs(s.y2) < 1e-30 {
		s.y1, s.y2 = 0, 0
	}
	return s
}

// settled reports whether the filter's memory has decayed to nothing, so a silent input gives
// silent output.
func (f *BiquadFilterNode) settled() bool {
	for _, s := range f.state {
		if math.Abs(s.x1)+math.Abs(s.x2)+math.Abs(s.y1)+math.Abs(s.y2) > 1e-12 {
			return false
		}
	}
	return true
}

// GetFrequencyResponse computes magnitude and phase at the given frequencies from the params'
// current values. Frequencies outside [0, Nyquist] give NaN, as in the spec.
func (f *BiquadFilterNode) GetFrequencyResponse(freqs, mag, phase []float32) error {
	if len(mag) != len(freqs) || len(phase) != len(freqs) {
		return errorf(ErrInvalidAccess, "frequency, magnitude and phase arrays differ in length (%d, %d, %d)", len(freqs), len(mag), len(phase))
	}
	c := biquadCoefficients(f.typ, f.ctx.sampleRate, f.frequency.Value(), f.q.Value(), f.gain.Value(), f.detune.Value())
	frequencyResponse([]float64{c.b0, c.b1, c.b2}, []float64{1, c.a1, c.a2}, f.ctx.sampleRate, freqs, mag, phase)
	return nil
}

func frequencyResponse(b, a []float64, sampleRate float64, freqs, mag, phase []float32) {
	ny := sampleRate / 2
	for i, fr := range freqs {
		if fr < 0 || float64(fr) > ny || fr != fr {
			mag[i], phase[i] = float32(math.NaN()), float32(math.NaN())
			continue
		}
		z := cmplx.Exp(complex(0, -math.Pi*float64(fr)/ny))
		h := poly(b, z) / poly(a, z)
		mag[i] = float32(cmplx.Abs(h))
		phase[i] = float32(math.Atan2(imag(h), real(h)))
	}
}

// poly evaluates Σ c[k] z^k, where z stands for e^{-iω}.
func poly(c []float64, z complex128) complex128 {
	var s complex128
	for k := len(c) - 1; k >= 0; k-- {
		s = s*z + complex(c[k], 0)
	}
	return s
}
