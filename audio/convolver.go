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

const (
	convBlock = RenderQuantum // head partition: zero latency
	convTail  = 2048          // tail partition, used from offset convTail on
)

// ConvolverNode convolves its input with an impulse response by zero-latency, two-level
// partitioned overlap-save FFT convolution: the first 2048 frames of the response in 128-frame
// partitions computed every quantum, the rest in 2048-frame partitions computed once every 16
// quanta, which is exactly when their output is first needed.
type ConvolverNode struct {
	*audioNode
	buffer    *AudioBuffer
	normalize bool
	headPlan  *fft.RealPlan
	tailPlan  *fft.RealPlan
	// Response spectra per IR channel: head partitions (convBlock+1 bins), tail partitions
	// (convTail+1 bins).
	headIR, tailIR     [][][]complex128
	ins                [2]*convInput
	tailOut            [2][convTail]float32 // tail output of each output channel for the current block
	fill               int                  // frames into the current tail block
	tail               int                  // frames of output still owed after the input fell silent
	headAcc, tailAcc   []complex128
	headAcc2, tailAcc2 []complex128
	headReal, tailReal []float64
}

// convInput is one input channel's history in both partition sizes.
type convInput struct {
	prev     [convBlock]float64
	headHist [][]complex128
	headPos  int
	block    [convTail]float64
	blockOld [convTail]float64
	tailHist [][]complex128
	tailPos  int
}

// NewConvolverNode is the ConvolverNode constructor.
func NewConvolverNode(c *BaseContext, o ConvolverOptions) (*ConvolverNode, error) {
	v := &ConvolverNode{normalize: !o.DisableNormalization, headPlan: fft.NewRealPlan(2 * convBlock), tailPlan: fft.NewRealPlan(2 * convTail)}
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
	v.headAcc, v.tailAcc = make([]complex128, convBlock+1), make([]complex128, convTail+1)
	v.headAcc2, v.tailAcc2 = make([]complex128, convBlock+1), make([]complex128, convTail+1)
	v.headReal, v.tailReal = make([]float64, 2*convBlock), make([]float64, 2*convTail)
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

// MaxConvolverFrames bounds the impulse response length (default 2^23 frames, about three
// minutes at 44.1 kHz): its spectra take about 32 bytes per frame and channel, plus as much again
// per input channel of history.
var MaxConvolverFrames = 1 << 23

// SetBuffer sets the impulse response: 1, 2 or 4 channels at the context's sample rate
// (NotSupportedError otherwise); nil removes it.
func (v *ConvolverNode) SetBuffer(b *AudioBuffer) error {
	if b == nil {
		v.buffer, v.headIR, v.tailIR = nil, nil, nil
		v.ins = [2]*convInput{}
		return nil
	}
	if n := len(b.data); n != 1 && n != 2 && n != 4 {
		return errorf(ErrNotSupported, "impulse response has %d channels; 1, 2 or 4 are allowed", n)
	}
	if b.length > MaxConvolverFrames {
		return errorf(ErrNotSupported, "impulse response of %d frames exceeds the limit of %d", b.length, MaxConvolverFrames)
	}
	if b.sampleRate != v.ctx.sampleRate {
		return errorf(ErrNotSupported, "impulse response sample rate %v differs from the context's %v", b.sampleRate, v.ctx.sampleRate)
	}
	scale := 1.0
	if v.normalize {
		scale = normalizationScale(b)
	}
	headLen := min(b.length, convTail)
	v.headIR = make([][][]complex128, len(b.data))
	v.tailIR = make([][][]complex128, len(b.data))
	for c, data := range b.data {
		v.headIR[c] = partitionSpectra(v.headPlan, data[:headLen], convBlock, scale)
		if b.length > convTail {
			v.tailIR[c] = partitionSpectra(v.tailPlan, data[convTail:], convTail, scale)
		}
	}
	v.buffer = b
	v.ins = [2]*convInput{}
	v.tailOut = [2][convTail]float32{}
	v.fill = 0
	v.tail = 0
	return nil
}

// partitionSpectra splits h into partitions of size n and returns each one's spectrum (first n+1
// bins of a 2n-point FFT of the zero-padded partition).
func partitionSpectra(plan *fft.RealPlan, h []float32, n int, scale float64) [][]complex128 {
	parts := (len(h) + n - 1) / n
	out := make([][]complex128, parts)
	x := make([]float64, 2*n)
	for p := range out {
		clear(x)
		for i := 0; i < n && p*n+i < len(h); i++ {
			x[i] = float64(h[p*n+i]) * scale
		}
		out[p] = make([]complex128, n+1)
		plan.Forward(x, out[p])
	}
	return out
}

func (v *ConvolverNode) newInput() *convInput {
	in := &convInput{headHist: make([][]complex128, len(v.headIR[0]))}
	for i := range in.headHist {
		in.headHist[i] = make([]complex128, convBlock+1)
	}
	if n := len(v.tailIR[0]); n > 0 {
		in.tailHist = make([][]complex128, n)
		for i := range in.tailHist {
			in.tailHist[i] = make([]complex128, convTail+1)
		}
	}
	return in
}

// pushHead transforms [previous quantum, this quantum] and makes it the newest head spectrum.
func (v *ConvolverNode) pushHead(in *convInput, src []float32) {
	w := v.headReal
	copy(w, in.prev[:])
	for i := 0; i < convBlock; i++ {
		x := float64(src[i])
		w[convBlock+i] = x
		in.prev[i] = x
	}
	in.headPos = (in.headPos + 1) % len(in.headHist)
	v.headPlan.Forward(w, in.headHist[in.headPos])
}

// pushTail does the same for a completed 2048-frame block.
func (v *ConvolverNode) pushTail(in *convInput) {
	w := v.tailReal
	copy(w, in.blockOld[:])
	copy(w[convTail:], in.block[:])
	in.blockOld = in.block
	in.tailPos = (in.tailPos + 1) % len(in.tailHist)
	v.tailPlan.Forward(w, in.tailHist[in.tailPos])
}

// mac adds Σ_k hist[pos−k] · ir[k] into acc.
func mac(acc []complex128, hist [][]complex128, pos int, ir [][]complex128) {
	n := len(hist)
	if haveAVX2 {
		// Bins in blocks, partitions inside: the accumulator block stays in L1 while the
		// spectra stream past.
		for lo := 0; lo < len(acc); lo += macBlock {
			a := acc[lo:min(lo+macBlock, len(acc))]
			for k, h := range ir {
				x := hist[(pos-k+n)%n][lo : lo+len(a)]
				h = h[lo : lo+len(a)]
				cmacAVX2(&a[0], &x[0], &h[0], len(a))
			}
		}
		return
	}
	for k, h := range ir {
		x := hist[(pos-k+n)%n]
		x = x[:len(acc)]
		h = h[:len(acc)]
		for i := range acc {
			acc[i] += x[i] * h[i]
		}
	}
}

// macBlock is the number of bins mac and mac2 accumulate across all partitions at a time.
const macBlock = 256

// finish inverse-transforms an accumulated half spectrum and keeps the second half (overlap-save).
func finish(plan *fft.RealPlan, acc []complex128, work []float64, n int, out []float32) {
	plan.Inverse(acc, work)
	k := 1 / float64(2*n)
	for i := 0; i < n; i++ {
		out[i] = float32(work[n+i] * k)
	}
}

type convTerm struct{ in, ir int }

func (v *ConvolverNode) process(int64) {
	in, out := v.in(0), v.out(0)
	if v.headIR == nil {
		out.setSilent(1)
		return
	}
	irCh := len(v.headIR)
	outCh := 2
	if in.n == 1 && irCh == 1 {
		outCh = 1
	}
	length := v.buffer.length
	if in.silent {
		if v.tail <= 0 {
			out.setSilent(outCh)
			return
		}
		v.tail -= convBlock
	} else {
		v.tail = length + convTail + convBlock
	}
	// Mono input feeds both input paths when the response needs two.
	// A mono input is transformed once and shared by every term for as long as the input has
	// never been stereo; when it turns stereo, the second channel starts from a copy of the
	// shared history (the up-mix it had been receiving). Once stereo, both histories are kept
	// (a mono input then feeds both), so a tail never loses a channel.
	inCh := min(in.n, 2)
	if inCh == 2 && v.ins[0] != nil && v.ins[1] == nil {
		v.ins[1] = v.ins[0].clone()
	}
	if v.ins[1] != nil && (irCh == 4 || irCh == 2) {
		inCh = 2
	}
	var terms [2][2]convTerm
	nTerms := 1
	switch {
	case outCh == 1:
		terms[0][0] = convTerm{0, 0}
	case irCh == 4:
		terms[0] = [2]convTerm{{0, 0}, {1, 2}}
		terms[1] = [2]convTerm{{0, 1}, {1, 3}}
		nTerms = 2
	case irCh == 2:
		terms[0][0], terms[1][0] = convTerm{0, 0}, convTerm{1, 1}
	default:
		terms[0][0], terms[1][0] = convTerm{0, 0}, convTerm{1, 0}
	}
	for o := range terms {
		for t := range terms[o] {
			terms[o][t].in = min(terms[o][t].in, inCh-1)
		}
	}
	for c := 0; c < inCh; c++ {
		if v.ins[c] == nil {
			v.ins[c] = v.newInput()
		}
		src := zeroBlock[:]
		if !in.silent {
			src = in.ch[min(c, in.n-1)][:RenderQuantum]
		}
		ci := v.ins[c]
		v.pushHead(ci, src)
		if ci.tailHist != nil {
			for i, x := range src {
				ci.block[v.fill+i] = float64(x)
			}
		}
	}
	out.setChannels(outCh)
	out.silent = false
	if outCh == 2 && nTerms == 1 && terms[0][0].in == terms[1][0].in {
		v.processShared(out, terms[0][0].in, terms[0][0].ir, terms[1][0].ir)
		return
	}
	for o := 0; o < outCh; o++ {
		acc := v.headAcc
		clear(acc)
		for t := 0; t < nTerms; t++ {
			tm := terms[o][t]
			ci := v.ins[tm.in]
			mac(acc, ci.headHist, ci.headPos, v.headIR[tm.ir])
		}
		dst := out.ch[o][:RenderQuantum]
		finish(v.headPlan, acc, v.headReal, convBlock, dst)
		if len(v.tailIR[0]) > 0 {
			addTo(dst, v.tailOut[o][v.fill:v.fill+convBlock])
		}
	}
	v.fill += convBlock
	if v.fill < convTail {
		return
	}
	v.fill = 0
	if len(v.tailIR[0]) == 0 {
		return
	}
	// A tail block is complete: its contribution is due over the next 2048 frames.
	for c := 0; c < inCh; c++ {
		v.pushTail(v.ins[c])
	}
	for o := 0; o < outCh; o++ {
		acc := v.tailAcc
		clear(acc)
		for t := 0; t < nTerms; t++ {
			tm := terms[o][t]
			ci := v.ins[tm.in]
			mac(acc, ci.tailHist, ci.tailPos, v.tailIR[tm.ir])
		}
		finish(v.tailPlan, acc, v.tailReal, convTail, v.tailOut[o][:])
	}
}

// processShared renders two outputs fed by the same input channel (a mono input through a
// stereo response) reading each input spectrum once for both responses.
func (v *ConvolverNode) processShared(out *bus, inIdx, irL, irR int) {
	ci := v.ins[inIdx]
	accL, accR := v.headAcc, v.headAcc2
	clear(accL)
	clear(accR)
	mac2(accL, accR, ci.headHist, ci.headPos, v.headIR[irL], v.headIR[irR])
	l, r := out.ch[0][:RenderQuantum], out.ch[1][:RenderQuantum]
	finish(v.headPlan, accL, v.headReal, convBlock, l)
	finish(v.headPlan, accR, v.headReal, convBlock, r)
	hasTail := len(v.tailIR[0]) > 0
	if hasTail {
		addTo(l, v.tailOut[0][v.fill:v.fill+convBlock])
		addTo(r, v.tailOut[1][v.fill:v.fill+convBlock])
	}
	v.fill += convBlock
	if v.fill < convTail {
		return
	}
	v.fill = 0
	if !hasTail {
		return
	}
	v.pushTail(ci)
	accL, accR = v.tailAcc, v.tailAcc2
	clear(accL)
	clear(accR)
	mac2(accL, accR, ci.tailHist, ci.tailPos, v.tailIR[irL], v.tailIR[irR])
	finish(v.tailPlan, accL, v.tailReal, convTail, v.tailOut[0][:])
	finish(v.tailPlan, accR, v.tailReal, convTail, v.tailOut[1][:])
}

// mac2 is mac for two responses at once.
func mac2(accL, accR []complex128, hist [][]complex128, pos int, irL, irR [][]complex128) {
	n := len(hist)
	if haveAVX2 {
		accR = accR[:len(accL)]
		for lo := 0; lo < len(accL); lo += macBlock {
			hi := min(lo+macBlock, len(accL))
			al, ar := accL[lo:hi], accR[lo:hi]
			for k := range irL {
				x := hist[(pos-k+n)%n][lo:hi]
				hl, hr := irL[k][lo:hi], irR[k][lo:hi]
				cmac2AVX2(&al[0], &ar[0], &x[0], &hl[0], &hr[0], len(al))
			}
		}
		return
	}
	for k := range irL {
		x := hist[(pos-k+n)%n][:len(accL)]
		hl, hr := irL[k][:len(accL)], irR[k][:len(accL)]
		accR := accR[:len(accL)]
		for i := range accL {
			xi := x[i]
			accL[i] += xi * hl[i]
			accR[i] += xi * hr[i]
		}
	}
}

// clone copies an input's whole history.
func (in *convInput) clone() *convInput {
	c := *in
	c.headHist = make([][]complex128, len(in.headHist))
	for i, h := range in.headHist {
		c.headHist[i] = append([]complex128(nil), h...)
	}
	if in.tailHist != nil {
		c.tailHist = make([][]complex128, len(in.tailHist))
		for i, h := range in.tailHist {
			c.tailHist[i] = append([]complex128(nil), h...)
		}
	}
	return &c
}

var zeroBlock [RenderQuantum]float32
