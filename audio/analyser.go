package audio

import (
	"math"

	"github.com/seed92233726/mediad/audio/internal/fft"
)

// AnalyserOptions are the AnalyserNode constructor's options; zero values keep the defaults
// (fftSize 2048, −100/−30 dB, smoothing 0.8 — use SmoothingTimeConstant: F64(0) for none).
type AnalyserOptions struct {
	FFTSize               int
	MinDecibels           *float64
	MaxDecibels           *float64
	SmoothingTimeConstant *float64
	ChannelOptions
}

// F64 returns a pointer to v, for option fields whose zero value is meaningful.
func F64(v float64) *float64 { return &v }

const maxFFTSize = 32768

// AnalyserNode passes its input through unchanged and keeps the last 32768 frames (down-mixed to
// mono) for time-domain and FFT frequency-domain readings. It is processed every quantum even
// when its output goes nowhere.
type AnalyserNode struct {
	*audioNode
	fftSize      int
	minDB, maxDB float64
	smoothing    float64
	ring         [maxFFTSize]float32
	write        int
	mono         bus
	plan         *fft.Plan
	work         []complex128
	smoothed     []float64
	window       []float64
	scratch      []float32 // latest fftSize frames, reused by every reading
	lastFrame    int64     // quantum whose spectrum is in smoothed; -1 none
}

// NewAnalyserNode is the AnalyserNode constructor.
func NewAnalyserNode(c *BaseContext, o AnalyserOptions) (*AnalyserNode, error) {
	a := &AnalyserNode{fftSize: 2048, minDB: -100, maxDB: -30, smoothing: 0.8, lastFrame: -1}
	a.audioNode = newNode(c, a, 1, 1, 2, Max, Speakers)
	if o.FFTSize != 0 {
		if err := a.SetFFTSize(o.FFTSize); err != nil {
			return nil, err
		}
	} else {
		a.SetFFTSize(2048)
	}
	minDB, maxDB := a.minDB, a.maxDB
	if o.MinDecibels != nil {
		minDB = *o.MinDecibels
	}
	if o.MaxDecibels != nil {
		maxDB = *o.MaxDecibels
	}
	if minDB >= maxDB || isNonFinite(minDB) || isNonFinite(maxDB) {
		return nil, errorf(ErrIndexSize, "minDecibels %v must be below maxDecibels %v", minDB, maxDB)
	}
	a.minDB, a.maxDB = minDB, maxDB
	if o.SmoothingTimeConstant != nil {
		if err := a.SetSmoothingTimeConstant(*o.SmoothingTimeConstant); err != nil {
			return nil, err
		}
	}
	if err := o.ChannelOptions.apply(a.audioNode); err != nil {
		return nil, err
	}
	c.autoPull = append(c.autoPull, a.audioNode)
	return a, nil
}

// CreateAnalyser is the context factory for AnalyserNode.
func (c *BaseContext) CreateAnalyser() *AnalyserNode {
	a, _ := NewAnalyserNode(c, AnalyserOptions{})
	return a
}

func (a *AnalyserNode) FFTSize() int                   { return a.fftSize }
func (a *AnalyserNode) FrequencyBinCount() int         { return a.fftSize / 2 }
func (a *AnalyserNode) MinDecibels() float64           { return a.minDB }
func (a *AnalyserNode) MaxDecibels() float64           { return a.maxDB }
func (a *AnalyserNode) SmoothingTimeConstant() float64 { return a.smoothing }

// SetFFTSize accepts powers of two from 32 to 32768 (IndexSizeError otherwise).
func (a *AnalyserNode) SetFFTSize(n int) error {
	if n < 32 || n > maxFFTSize || n&(n-1) != 0 {
		return errorf(ErrIndexSize, "fftSize %d is not a power of two in [32, 32768]", n)
	}
	if n == a.fftSize && a.plan != nil {
		return nil
	}
	a.fftSize = n
	a.plan = fft.NewPlan(n)
	a.work = make([]complex128, n)
	a.smoothed = make([]float64, n/2)
	a.window = make([]float64, n)
	a.scratch = make([]float32, n)
	for i := range a.window {
		x := float64(i) / float64(n)
		a.window[i] = 0.42 - 0.5*math.Cos(2*math.Pi*x) + 0.08*math.Cos(4*math.Pi*x)
	}
	a.lastFrame = -1
	return nil
}

func (a *AnalyserNode) SetMinDecibels(v float64) error {
	if isNonFinite(v) || v >= a.maxDB {
		return errorf(ErrIndexSize, "minDecibels %v must be below maxDecibels %v", v, a.maxDB)
	}
	a.minDB = v
	return nil
}

func (a *AnalyserNode) SetMaxDecibels(v float64) error {
	if isNonFinite(v) || v <= a.minDB {
		return errorf(ErrIndexSize, "maxDecibels %v must be above minDecibels %v", v, a.minDB)
	}
	a.maxDB = v
	return nil
}

func (a *AnalyserNode) SetSmoothingTimeConstant(v float64) error {
	if isNonFinite(v) || v < 0 || v > 1 {
		return errorf(ErrIndexSize, "smoothingTimeConstant %v outside [0, 1]", v)
	}
	a.smoothing = v
	return nil
}

func (a *AnalyserNode) process(int64) {
	in, out := a.in(0), a.out(0)
	// Output is the input, unchanged.
	if in.silent {
		out.setSilent(in.n)
	} else {
		out.setChannels(in.n)
		out.silent = false
		for c := 0; c < in.n; c++ {
			copy(out.ch[c][:RenderQuantum], in.ch[c][:RenderQuantum])
		}
	}
	var src []float32
	if in.silent {
		a.mono.setSilent(1)
		src = a.mono.ch[0][:RenderQuantum]
	} else if in.n == 1 {
		src = in.ch[0][:RenderQuantum]
	} else {
		a.mono.setChannels(1)
		a.mono.silent = false
		a.mono.zero()
		mixInto(&a.mono, in, Speakers)
		src = a.mono.ch[0][:RenderQuantum]
	}
	n := copy(a.ring[a.write:], src)
	copy(a.ring[:], src[n:])
	a.write = (a.write + RenderQuantum) % maxFFTSize
}

// latest copies the most recent len(dst) frames (len(dst) ≤ 32768) into dst, oldest first.
func (a *AnalyserNode) latest(dst []float32) {
	n := len(dst)
	start := (a.write - n + maxFFTSize) % maxFFTSize
	k := copy(dst, a.ring[start:])
	copy(dst[k:], a.ring[:n-k])
}

// GetFloatTimeDomainData copies the most recent samples (as many as fit, up to fftSize).
func (a *AnalyserNode) GetFloatTimeDomainData(dst []float32) {
	n := min(len(dst), a.fftSize)
	a.latest(a.scratch)
	copy(dst[:n], a.scratch[:n])
}

// GetByteTimeDomainData maps [-1, 1] to [0, 255], 128 being zero.
func (a *AnalyserNode) GetByteTimeDomainData(dst []byte) {
	n := min(len(dst), a.fftSize)
	a.latest(a.scratch)
	for i := 0; i < n; i++ {
		v := math.Floor(128 * (1 + float64(a.scratch[i])))
		dst[i] = byte(math.Max(0, math.Min(255, v)))
	}
}

// spectrum updates the smoothed magnitudes once per quantum: repeated calls within one quantum
// read the same values, as the spec requires.
func (a *AnalyserNode) spectrum() {
	frame := a.ctx.frame
	if a.lastFrame == frame {
		return
	}
	a.lastFrame = frame
	n := a.fftSize
	a.latest(a.scratch)
	for i, v := range a.scratch {
		a.work[i] = complex(float64(v)*a.window[i], 0)
	}
	a.plan.Forward(a.work)
	k := a.smoothing
	for i := range a.smoothed {
		m := math.Hypot(real(a.work[i]), imag(a.work[i])) / float64(n)
		v := k*a.smoothed[i] + (1-k)*m
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		a.smoothed[i] = v
	}
}

// GetFloatFrequencyData writes the spectrum in dB (−Inf for an exactly zero bin, as Chromium
// reports it).
func (a *AnalyserNode) GetFloatFrequencyData(dst []float32) {
	a.spectrum()
	n := min(len(dst), len(a.smoothed))
	for i := 0; i < n; i++ {
		dst[i] = float32(20 * math.Log10(a.smoothed[i]))
	}
}

// GetByteFrequencyData maps [minDecibels, maxDecibels] to [0, 255].
func (a *AnalyserNode) GetByteFrequencyData(dst []byte) {
	a.spectrum()
	n := min(len(dst), len(a.smoothed))
	scale := 255 / (a.maxDB - a.minDB)
	for i := 0; i < n; i++ {
		db := 20 * math.Log10(a.smoothed[i])
		v := math.Floor(scale * (db - a.minDB))
		if math.IsNaN(v) || v < 0 {
			v = 0
		}
		dst[i] = byte(math.Min(255, v))
	}
}
