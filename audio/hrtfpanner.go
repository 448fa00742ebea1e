package audio

import (
	"math"
	"os"
	"sync"

	"github.com/seed92233726/mediad/audio/internal/hrtf"
	"github.com/seed92233726/mediad/audio/internal/resample"
)

// HRTFPaths are the files tried, in order, for the HRTF panning model when no set was given with
// LoadHRTF: the KEMAR-based sets of Debian's libopenal-data. The one whose sample rate is closest
// to the context's is used, resampled if needed.
var HRTFPaths = []string{"/usr/share/openal/hrtf/default-44100.mhr", "/usr/share/openal/hrtf/default-48000.mhr"}

var hrtfState struct {
	sync.Mutex
	sets   []*hrtf.Set // loaded candidates
	loaded bool
	byRate map[float64]*hrtf.Set
}

// LoadHRTF makes data (an OpenAL Soft MinPHR02 file) the HRTF set for panners created from now
// on, in place of the files in HRTFPaths.
func LoadHRTF(data []byte) error {
	s, err := hrtf.Parse(data)
	if err != nil {
		return errorf(ErrNotSupported, "%v", err)
	}
	hrtfState.Lock()
	defer hrtfState.Unlock()
	hrtfState.sets = []*hrtf.Set{s}
	hrtfState.loaded = true
	hrtfState.byRate = nil
	return nil
}

// hrtfSet returns the HRTF set at sampleRate, loading and resampling on first use.
func hrtfSet(sampleRate float64) (*hrtf.Set, error) {
	st := &hrtfState
	st.Lock()
	defer st.Unlock()
	if s, ok := st.byRate[sampleRate]; ok {
		return s, nil
	}
	if !st.loaded {
		st.loaded = true
		for _, p := range HRTFPaths {
			if data, err := os.ReadFile(p); err == nil {
				if s, err := hrtf.Parse(data); err == nil {
					st.sets = append(st.sets, s)
				}
			}
		}
	}
	if len(st.sets) == 0 {
		return nil, errorf(ErrNotSupported, "HRTF panning needs a head-related impulse response set: install Debian's libopenal-data or call audio.LoadHRTF")
	}
	best := st.sets[0]
	for _, s := range st.sets[1:] {
		if math.Abs(float64(s.SampleRate)-sampleRate) < math.Abs(float64(best.SampleRate)-sampleRate) {
			best = s
		}
	}
	if float64(int(sampleRate)) != sampleRate {
		return nil, errorf(ErrNotSupported, "HRTF panning at a fractional sample rate %v", sampleRate)
	}
	s := best.Resampled(int(sampleRate), resample.Resample)
	if st.byRate == nil {
		st.byRate = map[float64]*hrtf.Set{}
	}
	st.byRate[sampleRate] = s
	return s, nil
}

// hrtfGain scales the KEMAR set so that a source straight ahead is as loud as in Chromium, whose
// IRCAM-based set is normalised differently (measured: +3.5 dB unscaled).
const hrtfGain = 0.668

// hrtfState of one PannerNode: the response in use, per-ear input history, and the direction it
// was computed for (a change crossfades over one quantum).
type hrtfPan struct {
	set          *hrtf.Set
	hl, hr       []float32 // current responses
	pl, pr       []float32 // previous responses, for the crossfade
	dl, dr       int       // current delays, samples
	pdl, pdr     int
	az, el       float64
	have         bool
	histL, histR []float32 // [history | this quantum]
	hist         int
	outL, outR   [RenderQuantum]float32
	prevL, prevR [RenderQuantum]float32
}

func newHRTFPan(s *hrtf.Set, sampleRate float64) *hrtfPan {
	n := s.IRSize
	// Onset delays in these sets stay well under 2 ms.
	hist := n + int(0.005*sampleRate) + 1
	return &hrtfPan{set: s, hl: make([]float32, n), hr: make([]float32, n), pl: make([]float32, n), pr: make([]float32, n),
		hist: hist, histL: make([]float32, hist+RenderQuantum), histR: make([]float32, hist+RenderQuantum)}
}

// convolve writes Σ h[k]·x[n−k−d] for the quantum held at the end of x.
func (h *hrtfPan) convolve(x []float32, ir []float32, d int, out *[RenderQuantum]float32) {
	base := h.hist - d
	for n := 0; n < RenderQuantum; n++ {
		var s float32
		i := base + n
		for k, c := range ir {
			s += c * x[i-k]
		}
		out[n] = s
	}
}

// process pans one quantum of in (mono or stereo) for direction (az, el) and writes stereo to out.
func (h *hrtfPan) process(in *bus, out *bus, az, el, gain float64) {
	copy(h.histL[h.hist:], in.ch[0][:RenderQuantum])
	right := in.ch[0]
	if in.n > 1 {
		right = in.ch[1]
	}
	copy(h.histR[h.hist:], right[:RenderQuantum])
	changed := !h.have || az != h.az || el != h.el
	if changed {
		copy(h.pl, h.hl)
		copy(h.pr, h.hr)
		h.pdl, h.pdr = h.dl, h.dr
		dl, dr := h.set.Response(az, el, h.hl, h.hr)
		maxD := h.hist - h.set.IRSize
		h.dl, h.dr = min(int(math.Round(dl)), maxD), min(int(math.Round(dr)), maxD)
		h.az, h.el = az, el
	}
	h.convolve(h.histL, h.hl, h.dl, &h.outL)
	h.convolve(h.histR, h.hr, h.dr, &h.outR)
	l, r := out.ch[0][:RenderQuantum], out.ch[1][:RenderQuantum]
	g := float32(gain * hrtfGain)
	if changed && h.have {
		// Crossfade from the previous direction to avoid clicks.
		h.convolve(h.histL, h.pl, h.pdl, &h.prevL)
		h.convolve(h.histR, h.pr, h.pdr, &h.prevR)
		for n := range l {
			w := float32(n+1) / RenderQuantum
			l[n] = g * (h.prevL[n] + (h.outL[n]-h.prevL[n])*w)
			r[n] = g * (h.prevR[n] + (h.outR[n]-h.prevR[n])*w)
		}
	} else {
		for n := range l {
			l[n] = g * h.outL[n]
			r[n] = g * h.outR[n]
		}
	}
	h.have = true
	copy(h.histL, h.histL[RenderQuantum:])
	copy(h.histR, h.histR[RenderQuantum:])
}

// elevationOf is the spec's elevation of the source seen from the listener, in degrees.
func elevationOf(src, lis, fwd, up vec3) float64 {
	sl := src.sub(lis)
	if sl.isZero() {
		return 0
	}
	sl = sl.unit()
	right := fwd.cross(up)
	if right.isZero() {
		return 0
	}
	upv := right.unit().cross(fwd.unit())
	e := 90 - 180/math.Pi*math.Acos(math.Max(-1, math.Min(1, sl.dot(upv))))
	if e > 90 {
		return 180 - e
	}
	if e < -90 {
		return -180 - e
	}
	return e
}
