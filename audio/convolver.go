package audio

import (
	"math"

	"github.com/seed92233726/mediad/audio/internal/fft"
)

// ConvolverOptions are the ConvolverNode constructor's options.
type ConvolverOptions struct {
	Buffer               *AudioBuffer
	DisableNormalization bool
	ChannelOptions
}

const convBlock = RenderQuantum

// ConvolverNode convolves its input with an impulse response using uniformly partitioned
// overlap-save FFT convolution with 128-frame partitions: zero latency, cost linear in the
// response length.
type ConvolverNode struct {
	*audioNode
	buffer    *AudioBuffer
	normalize bool
	plan      *fft.Plan
	// One frequency-domain response per IR channel, partitions of convBlock.
	ir     [][][]complex128
	paths  []*convPath // per (input channel, IR channel) pair in use
	tail   int         // frames of output still owed after the input fell silent
	tmp    []complex128
	acc    []complex128
	inPrev [2][convBlock]float64
}

type convPath struct {
	hist [][]complex128 // spectra of past input blocks, ring of len(ir partitions)
	pos  int
}

// NewConvolverNode is the ConvolverNode constructor.
func NewConvolverNode(c *BaseContext, o ConvolverOptions) (*ConvolverNode, error) {
	v := &ConvolverNode{normalize: !o.DisableNormalization, plan: fft.NewPlan(2 * convBlock)}
	v.audioNode = newNode(c, v, 1, 1, 2, ClampedMax, Speakers)
	v.checkCount = func(n int) error {
		if n > 2 {
			return errorf(ErrNotSupported, "ConvolverNode channelCount %d above 2", n)
		}
		return nil
	}
	v.checkMode = func(m ChannelCountMode) error {
		if m == Max {
			return errorf(ErrNotSupported, "ConvolverNode channelCountMode cannot be max")
		}
		return nil
	}
	v.tmp = make([]complex128, 2*convBlock)
	v.acc = make([]complex128, 2*convBlock)
	if err := o.ChannelOptions.apply(v.audioNode); err != nil {
		return nil, err
	}
	if o.Buffer != nil {
		if err := v.SetBuffer(o.Buffer); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// CreateConvolver is the context factory for ConvolverNode.
func (c *BaseContext) CreateConvolver() *ConvolverNode {
	v, _ := NewConvolverNode(c, ConvolverOptions{})
	return v
}

func (v *ConvolverNode) Buffer() *AudioBuffer { return v.buffer }
func (v *ConvolverNode) Normalize() bool      { return v.normalize }

// SetNormalize takes effect at the next SetBuffer, as in the spec.
func (v *ConvolverNode) SetNormalize(b bool) { v.normalize = b }

// normalizationScale follows Chromium: 1/RMS of the response, times −58 dB (not the spec's
// 0.00125), scaled by 44100/sampleRate, halved for a 4-channel (true stereo) response.
func normalizationScale(b *AudioBuffer) float64 {
	var power float64
	for _, ch := range b.data {
		for _, s := range ch {
			power += float64(s) * float64(s)
		}
	}
	power = math.Sqrt(power / float64(len(b.data)*b.length))
	const minPower = 0.000125
	if math.IsNaN(power) || math.IsInf(power, 0) || power < minPower {
		power = minPower
	}
	scale := 1 / power * math.Pow(10, -58.0/20) * 44100 / b.sampleRate
	if len(b.data) == 4 {
		scale *= 0.5
	}
	return scale
}

// SetBuffer sets the impulse response: 1, 2 or 4 channels at the context's sample rate
// (NotSupportedError otherwise); nil removes it.
func (v *ConvolverNode) SetBuffer(b *AudioBuffer) error {
	if b == nil {
		v.buffer, v.ir, v.paths = nil, nil, nil
		return nil
	}
	if n := len(b.data); n != 1 && n != 2 && n != 4 {
		return errorf(ErrNotSupported, "impulse response has %d channels; 1, 2 or 4 are allowed", n)
	}
	if b.sampleRate != v.ctx.sampleRate {
		return errorf(ErrNotSupported, "impulse response sample rate %v differs from the context's %v", b.sampleRate, v.ctx.sampleRate)
	}
	scale := 1.0
	if v.normalize {
		scale = normalizationScale(b)
	}
	parts := (b.length + convBlock - 1) / convBlock
	v.ir = make([][][]complex128, len(b.data))
	for c, data := range b.data {
		v.ir[c] = make([][]complex128, parts)
		for p := 0; p < parts; p++ {
			spec := make([]complex128, 2*convBlock)
			for i := 0; i < convBlock && p*convBlock+i < b.length; i++ {
				spec[i] = complex(float64(data[p*convBlock+i])*scale, 0)
			}
			v.plan.Forward(spec)
			v.ir[c][p] = spec[:convBlock+1]
		}
	}
	v.buffer = b
	v.paths = nil
	v.tail = 0
	return nil
}

func (v *ConvolverNode) newPath() *convPath {
	p := &convPath{hist: make([][]complex128, len(v.ir[0]))}
	for i := range p.hist {
		p.hist[i] = make([]complex128, convBlock+1)
	}
	return p
}

// inputSpectrum transforms [previous block, this block] of one input channel.
func (v *ConvolverNode) inputSpectrum(ch int, src []float32, dst []complex128) {
	prev := &v.inPrev[ch]
	for i := 0; i < convBlock; i++ {
		v.tmp[i] = complex(prev[i], 0)
		x := float64(src[i])
		v.tmp[convBlock+i] = complex(x, 0)
		prev[i] = x
	}
	v.plan.Forward(v.tmp)
	copy(dst, v.tmp[:convBlock+1])
}

// convolve runs one path: push the input spectrum, multiply-accumulate against the response
// partitions, and add the new block of output into out.
func (v *ConvolverNode) convolve(p *convPath, irc [][]complex128, spec []complex128, out []float32, add bool) {
	p.pos = (p.pos + 1) % len(p.hist)
	copy(p.hist[p.pos], spec)
	acc := v.acc[:convBlock+1]
	clear(acc)
	n := len(p.hist)
	for k, h := range irc {
		x := p.hist[(p.pos-k+n)%n]
		for i := range acc {
			acc[i] += x[i] * h[i]
		}
	}
	full := v.acc
	for i := 1; i < convBlock; i++ {
		full[2*convBlock-i] = complex(real(acc[i]), -imag(acc[i]))
	}
	v.plan.Inverse(full)
	k := 1 / float64(2*convBlock)
	for i := 0; i < convBlock; i++ {
		s := float32(real(full[convBlock+i]) * k)
		if add {
			out[i] += s
		} else {
			out[i] = s
		}
	}
}

func (v *ConvolverNode) process(int64) {
	in, out := v.in(0), v.out(0)
	if v.ir == nil {
		out.setSilent(1)
		return
	}
	irCh := len(v.ir)
	outCh := 2
	if in.n == 1 && irCh == 1 {
		outCh = 1
	}
	length := len(v.ir[0]) * convBlock
	if in.silent {
		if v.tail <= 0 {
			out.setSilent(outCh)
			return
		}
		v.tail -= convBlock
	} else {
		v.tail = length + convBlock
	}
	// Input channels after up-mixing mono to stereo where the response needs two.
	inCh := in.n
	if irCh == 4 || (irCh == 2 && inCh == 1) {
		inCh = 2
	}
	// Paths: output L and R, each the sum of (input channel, IR channel) terms.
	type term struct{ in, ir int }
	var terms [2][]term
	switch {
	case outCh == 1:
		terms[0] = []term{{0, 0}}
	case irCh == 4:
		terms[0] = []term{{0, 0}, {1, 2}}
		terms[1] = []term{{0, 1}, {1, 3}}
	case irCh == 2:
		terms[0] = []term{{0, 0}}
		terms[1] = []term{{1, 1}}
	default:
		terms[0] = []term{{0, 0}}
		terms[1] = []term{{1, 0}}
	}
	need := len(terms[0]) + len(terms[1])
	for len(v.paths) < need {
		v.paths = append(v.paths, v.newPath())
	}
	var specs [2][convBlock + 1]complex128
	zero := make32zero()
	for c := 0; c < inCh; c++ {
		src := zero
		if !in.silent {
			src = in.ch[min(c, in.n-1)][:RenderQuantum]
		}
		v.inputSpectrum(c, src, specs[c][:])
	}
	out.setChannels(outCh)
	out.silent = false
	pi := 0
	for o := 0; o < outCh; o++ {
		for t, tm := range terms[o] {
			v.convolve(v.paths[pi], v.ir[tm.ir], specs[tm.in][:], out.ch[o][:RenderQuantum], t > 0)
			pi++
		}
	}
}

var zeroBlock [RenderQuantum]float32

func make32zero() []float32 { return zeroBlock[:] }
