package audio

import "math"

// DynamicsCompressorOptions are the DynamicsCompressorNode constructor's options; nil keeps the
// spec defaults (threshold −24 dB, knee 30 dB, ratio 12, attack 3 ms, release 250 ms).
type DynamicsCompressorOptions struct {
	Threshold, Knee, Ratio, Attack, Release *float32
	ChannelOptions
}

// DynamicsCompressorNode follows the structure of Chromium's compressor, which the spec describes
// only loosely: a 6 ms look-ahead delay, a static curve that is linear below the threshold, an
// exponential knee and a fixed ratio above it, an adaptive release, a sine warp of the gain and a
// make-up gain of (1/curve(1))^0.6.
type DynamicsCompressorNode struct {
	*audioNode
	threshold, knee, ratio, attack, release *AudioParam
	reduction                               float32
	k                                       compressorKernel
}

const (
	compressorDivision = 32
	compressorMaxDelay = 1024 // Chromium's pre-delay limit, in frames
	compressorRing     = 2048 // ring size: the pre-delay plus a whole quantum, so writing a
	// quantum ahead never overwrites a frame still to be read
	compressorPreDelay   = 0.006
	compressorSatRelease = 0.0025
	compressorMeterTau   = 0.325
	compressorSpacingDB  = 5.0
)

type compressorKernel struct {
	sampleRate float64
	// static curve
	dbThreshold, dbKnee, ratio                 float64
	linThreshold, kneeK, slope                 float64
	kneeThreshold, kneeThreshDB, yKneeThreshDB float64
	makeup                                     float64
	attackFr                                   float64
	releaseFr                                  float64
	satRelease                                 float64
	satRateMin                                 float64 // saturation release rate for the common case of no attenuation
	// dynamic state
	detector, gain, meter, maxAttackDiff float64
	envelopeRate, desired                float64
	meterK                               float64
	delay                                [][compressorRing]float32
	atten, attenDB, gains, peak, scratch [RenderQuantum]float64
	rq, rp                               [RenderQuantum]float64 // release step: det·rq + rp
	invSatRelease                        float64
	read, write                          int
	haveCurve                            bool
}

// NewDynamicsCompressorNode is the DynamicsCompressorNode constructor.
func NewDynamicsCompressorNode(c *BaseContext, o DynamicsCompressorOptions) (*DynamicsCompressorNode, error) {
	n := &DynamicsCompressorNode{}
	n.audioNode = newNode(c, n, 1, 1, 2, ClampedMax, Speakers)
	n.checkCount = func(v int) error {
		if v > 2 {
			return errorf(ErrNotSupported, "DynamicsCompressorNode channelCount %d above 2", v)
		}
		return nil
	}
	n.checkMode = func(v ChannelCountMode) error {
		if v == Max {
			return errorf(ErrNotSupported, "DynamicsCompressorNode channelCountMode cannot be max")
		}
		return nil
	}
	n.threshold = newParam(c, "threshold", -24, -100, 0, KRate)
	n.knee = newParam(c, "knee", 30, 0, 40, KRate)
	n.ratio = newParam(c, "ratio", 12, 1, 20, KRate)
	n.attack = newParam(c, "attack", 0.003, 0, 1, KRate)
	n.release = newParam(c, "release", 0.25, 0, 1, KRate)
	for _, p := range []*AudioParam{n.threshold, n.knee, n.ratio, n.attack, n.release} {
		p.fixedRate = true
	}
	n.ownParams(n.threshold, n.knee, n.ratio, n.attack, n.release)
	set := func(p *AudioParam, v *float32) error {
		if v == nil {
			return nil
		}
		return p.SetValue(*v)
	}
	if err := firstErr(set(n.threshold, o.Threshold), set(n.knee, o.Knee), set(n.ratio, o.Ratio), set(n.attack, o.Attack), set(n.release, o.Release), o.ChannelOptions.apply(n.audioNode)); err != nil {
		return nil, err
	}
	k := &n.k
	k.sampleRate = c.sampleRate
	k.detector, k.gain, k.maxAttackDiff, k.envelopeRate = 0, 1, -1, 1
	k.meterK = 1 - math.Exp(-1/(c.sampleRate*compressorMeterTau))
	k.write = min(int(compressorPreDelay*c.sampleRate), compressorMaxDelay-1)
	return n, nil
}

// CreateDynamicsCompressor is the context factory for DynamicsCompressorNode.
func (c *BaseContext) CreateDynamicsCompressor() *DynamicsCompressorNode {
	n, _ := NewDynamicsCompressorNode(c, DynamicsCompressorOptions{})
	return n
}

func (n *DynamicsCompressorNode) Threshold() *AudioParam { return n.threshold }
func (n *DynamicsCompressorNode) Knee() *AudioParam      { return n.knee }
func (n *DynamicsCompressorNode) Ratio() *AudioParam     { return n.ratio }
func (n *DynamicsCompressorNode) Attack() *AudioParam    { return n.attack }
func (n *DynamicsCompressorNode) Release() *AudioParam   { return n.release }

// Reduction is the current gain reduction in dB (≤ 0), updated each quantum.
func (n *DynamicsCompressorNode) Reduction() float32 { return n.reduction }

const (
	dbToNepers = math.Ln10 / 20
	nepersToDB = 20 / math.Ln10
)

// dbToLin and linToDB go through exp and log, which are cheaper than Pow and Log10 and give the
// same values to within rounding.
func dbToLin(db float64) float64 { return fastExp(db * dbToNepers) }

func linToDB(v float64) float64 {
	if v <= 0 {
		return -1000 // Chromium's stand-in for −∞
	}
	return fastLog(v) * nepersToDB
}

func (k *compressorKernel) kneeCurve(x, kk float64) float64 {
	if x < k.linThreshold {
		return x
	}
	return k.linThreshold + (1-fastExp(-kk*(x-k.linThreshold)))/kk
}

func (k *compressorKernel) saturate(x, kk float64) float64 {
	if x < k.kneeThreshold {
		return k.kneeCurve(x, kk)
	}
	return dbToLin(k.yKneeThreshDB + k.slope*(linToDB(x)-k.kneeThreshDB))
}

func (k *compressorKernel) slopeAt(x, kk float64) float64 {
	if x < k.linThreshold {
		return 1
	}
	x2 := x * 1.001
	xdb, x2db := linToDB(x), linToDB(x2)
	return (linToDB(k.kneeCurve(x2, kk)) - linToDB(k.kneeCurve(x, kk))) / (x2db - xdb)
}

// kneeFor finds the knee exponent whose slope at the end of the knee equals 1/ratio, by the
// same 15-step geometric bisection Chromium uses (so the curves agree).
func (k *compressorKernel) kneeFor(slope float64) float64 {
	x := dbToLin(k.dbThreshold + k.dbKnee)
	lo, hi, kk := 0.1, 10000.0, 5.0
	for i := 0; i < 15; i++ {
		if k.slopeAt(x, kk) < slope {
			hi = kk
		} else {
			lo = kk
		}
		kk = math.Sqrt(lo * hi)
	}
	return kk
}

func (k *compressorKernel) setParams(threshold, knee, ratio, attack, release float64) {
	if !k.haveCurve || threshold != k.dbThreshold || knee != k.dbKnee || ratio != k.ratio {
		k.haveCurve = true
		k.dbThreshold, k.dbKnee, k.ratio = threshold, knee, ratio
		k.linThreshold = dbToLin(threshold)
		k.slope = 1 / ratio
		k.kneeK = k.kneeFor(k.slope)
		k.kneeThreshDB = threshold + knee
		k.kneeThreshold = dbToLin(k.kneeThreshDB)
		k.yKneeThreshDB = linToDB(k.kneeCurve(k.kneeThreshold, k.kneeK))
		k.makeup = math.Pow(1/k.saturate(1, k.kneeK), 0.6)
	}
	k.attackFr = math.Max(0.001, attack) * k.sampleRate
	k.releaseFr = release * k.sampleRate
	k.satRelease = compressorSatRelease * k.sampleRate
	k.satRateMin = dbToLin(2/k.satRelease) - 1
	k.invSatRelease = 1 / k.satRelease
}

// startDivision chooses the envelope rate for the next 32 frames: attack speed follows the
// largest compression difference seen, release speed comes from a 4th-order fit through four
// release zones (0.09, 0.16, 0.42, 0.98 of the release time).
func (k *compressorKernel) startDivision() {
	if math.IsNaN(k.detector) || math.IsInf(k.detector, 0) {
		k.detector = 1
	}
	k.desired = math.Asin(math.Max(-1, math.Min(1, k.detector))) / (math.Pi / 2)
	releasing := k.desired > k.gain
	var diff float64
	if k.desired == 0 {
		diff = 1
		if releasing {
			diff = -1
		}
	} else {
		diff = linToDB(k.gain / k.desired)
	}
	if releasing {
		k.maxAttackDiff = -1
		if math.IsNaN(diff) || math.IsInf(diff, 0) {
			diff = -1
		}
		x := 0.25 * (math.Max(-12, math.Min(0, diff)) + 12)
		y1, y2, y3, y4 := k.releaseFr*0.09, k.releaseFr*0.16, k.releaseFr*0.42, k.releaseFr*0.98
		// Coefficients of the polynomial through (0,y1) (1,y2) (2,y3) (3,y4) with a fixed
		// 4th-order term, as the reference compressor defines the release curve.
		a := 0.9999999999999998*y1 + 1.8432219684323923e-16*y2 - 1.9373394351676423e-16*y3 + 8.824516011816245e-18*y4
		b := -1.5788320352845888*y1 + 2.3305837032074286*y2 - 0.9141194204840429*y3 + 0.1623677525612032*y4
		c := 0.5334142869106424*y1 - 1.272736789213631*y2 + 0.9258856042207512*y3 - 0.18656310191776226*y4
		d := 0.08783463138207234*y1 - 0.1694162967925622*y2 + 0.08588057951595272*y3 - 0.00429891410546283*y4
		e := -0.042416883008123074*y1 + 0.1115693827987602*y2 - 0.09764676325265872*y3 + 0.028494263462021576*y4
		frames := a + x*(b+x*(c+x*(d+x*e)))
		k.envelopeRate = dbToLin(compressorSpacingDB / frames)
		return
	}
	if math.IsNaN(diff) || math.IsInf(diff, 0) {
		diff = 1
	}
	if k.maxAttackDiff == -1 || k.maxAttackDiff < diff {
		k.maxAttackDiff = diff
	}
	eff := math.Max(0.5, k.maxAttackDiff)
	// (0.25/eff)^(1/attackFr) through exp and log, which are cheaper than Pow.
	k.envelopeRate = 1 - fastExp(fastLog(0.25/eff)/k.attackFr)
}

func (n *DynamicsCompressorNode) process(int64) {
	in, out := n.in(0), n.out(0)
	k := &n.k
	k.setParams(float64(n.threshold.cval), float64(n.knee.cval), float64(n.ratio.cval), float64(n.attack.cval), float64(n.release.cval))
	chans := in.n
	for len(k.delay) < chans {
		k.delay = append(k.delay, [compressorRing]float32{})
	}
	out.setChannels(chans)
	out.silent = false
	// Passes over the quantum instead of Chromium's one interleaved loop, same arithmetic: the
	// static curve (exps and logs, independent from frame to frame, so the CPU overlaps them),
	// the detector and gain recursions (serial but cheap once the curve is out of their way),
	// then the gain warp, metering and output.
	w := k.write
	// The ring is a whole number of quanta long, so a quantum's frames are at most two runs.
	w1 := min(RenderQuantum, compressorRing-w)
	above := false
	for c := 0; c < chans; c++ {
		src, d := in.ch[c][:RenderQuantum], k.delay[c][:]
		copy(d[w:w+w1], src[:w1])
		copy(d[:RenderQuantum-w1], src[w1:])
		pk := k.peak[:RenderQuantum]
		if haveAVX2 {
			peakAVX2(&pk[0], &src[0], RenderQuantum, c == 0)
		} else if c == 0 {
			for i, v := range src {
				pk[i] = math.Abs(float64(v))
			}
		} else {
			for i, v := range src {
				pk[i] = max(pk[i], math.Abs(float64(v)))
			}
		}
	}
	if chans == 0 {
		clear(k.peak[:])
	}
	for _, p := range k.peak {
		above = above || p >= k.kneeThreshold
	}
	k.write = (w + RenderQuantum) & (compressorRing - 1)
	rq, rp := k.rq[:RenderQuantum], k.rp[:RenderQuantum]
	atten, gains := k.atten[:RenderQuantum], k.gains[:RenderQuantum]
	scale := k.invSatRelease * dbToNepers
	// The static curve gives every frame's attenuation, then its release rate,
	// 10^(max(2, attenDB)/20/satRelease) − 1, is taken for all frames at once. A releasing
	// detector then moves as det·(1−rate) + a·rate, so its recursion costs one multiply-add per
	// frame.
	if kneeOnly := !above && k.linThreshold >= 0.0001; kneeOnly && haveAVX2 {
		// kneeOnlyCurve and the release step below, pass for pass, four frames at a time.
		lt, kk := k.linThreshold, k.kneeK
		x, l := &k.scratch[0], &k.attenDB[0] // attenDB holds ln(attenuation) here
		kneeInAVX2(&k.peak[0], x, &atten[0], RenderQuantum, lt, -kk)
		expSlice(atten)
		kneeRatioAVX2(&atten[0], x, &atten[0], l, RenderQuantum, lt, 1/kk)
		logSlice(k.attenDB[:])
		releaseArgAVX2(l, &rq[0], RenderQuantum, -nepersToDB, scale)
		expSlice(rq)
		releaseStepAVX2(&rq[0], &rp[0], &atten[0], RenderQuantum)
	} else {
		if kneeOnly {
			k.kneeOnlyCurve()
		} else {
			k.curve()
		}
		for i, db := range k.attenDB[:RenderQuantum] {
			rq[i] = max(db, 2) * scale
		}
		expSlice(rq)
		for i, e := range rq {
			rate := e - 1
			rq[i] = 1 - rate
			rp[i] = atten[i] * rate
		}
	}
	// The recursions run on locals: through k's fields every frame would wait on a store and a
	// reload of the previous frame's state. A quantum is a whole number of 32-frame divisions.
	// The clamps to 1 are branches, not min: they are almost never taken, and a predicted branch
	// adds nothing to the recursion's latency.
	det, gain := k.detector, k.gain
	for d := 0; d < RenderQuantum; d += compressorDivision {
		k.detector, k.gain = det, gain
		k.startDivision()
		det = k.detector
		rateEnv, desired := k.envelopeRate, k.desired
		aq, pq, gq := atten[d:d+compressorDivision], rq[d:d+compressorDivision], rp[d:d+compressorDivision]
		if rateEnv < 1 {
			// Exponential approach to the desired gain: gain += (desired − gain)·rate.
			keep, move := 1-rateEnv, desired*rateEnv
			for i, a := range aq {
				if a > det {
					det = det*pq[i] + gq[i]
				} else {
					det = a
				}
				if det > 1 {
					det = 1
				}
				if det-det != 0 { // NaN or infinite
					det = 1
				}
				gain = gain*keep + move
				gains[d+i] = gain
			}
			continue
		}
		for i, a := range aq {
			if a > det {
				det = det*pq[i] + gq[i]
			} else {
				det = a
			}
			if det > 1 {
				det = 1
			}
			if det-det != 0 {
				det = 1
			}
			if gain = gain * rateEnv; gain > 1 {
				gain = 1
			}
			gains[d+i] = gain
		}
	}
	k.detector, k.gain = det, gain
	// Warp, output: the delayed input times the make-up and warped gains.
	scratch := k.scratch[:RenderQuantum]
	makeup := k.makeup
	if haveAVX2 {
		warpAVX2(&gains[0], &scratch[0], RenderQuantum, makeup)
	} else {
		for i, g := range gains {
			g = sinQuarter(math.Pi / 2 * min(1, max(0, g)))
			gains[i] = g * makeup
			scratch[i] = max(g, 1e-12)
		}
	}
	r := k.read
	r1 := min(RenderQuantum, compressorRing-r)
	for c := 0; c < chans; c++ {
		d, dst := k.delay[c][:], out.ch[c][:RenderQuantum]
		applyGain(dst[:r1], d[r:r+r1], gains[:r1])
		applyGain(dst[r1:], d[:RenderQuantum-r1], gains[r1:])
	}
	k.read = (r + RenderQuantum) & (compressorRing - 1)
	// Metering follows the warped gain in dB: down at once, up with a 325 ms time constant.
	logSlice(scratch)
	// meter += (realDB − meter)·k as meter·(1 − k) + realDB·k: one fused step on the serial path.
	meter, meterK, keep := k.meter, k.meterK, 1-k.meterK
	for _, l := range scratch {
		realDB := l * nepersToDB
		if realDB < meter {
			meter = realDB
		} else {
			meter = math.FMA(meter, keep, realDB*meterK)
		}
	}
	k.meter = meter
	n.reduction = float32(meter)
}

// applyGain sets dst[i] = src[i]·g[i] in float64, rounded to float32.
func applyGain(dst, src []float32, g []float64) {
	src, g = src[:len(dst)], g[:len(dst)]
	i := 0
	if n := len(dst) &^ 3; haveAVX2 && n > 0 {
		applyGainAVX2(&dst[0], &src[0], &g[0], n)
		i = n
	}
	for ; i < len(dst); i++ {
		dst[i] = float32(float64(src[i]) * g[i])
	}
}

// kneeOnlyCurve is curve for a quantum with no frame above the knee and a threshold above the
// 0.0001 floor: a frame below the threshold is taken at the threshold itself, where the knee
// formula gives exactly 1, so every frame goes down the same branch-free path.
func (k *compressorKernel) kneeOnlyCurve() {
	lt, kk := k.linThreshold, k.kneeK
	atten, x, ldb := k.atten[:RenderQuantum], k.scratch[:RenderQuantum], k.attenDB[:RenderQuantum]
	for i, p := range k.peak[:RenderQuantum] {
		xc := max(p, lt)
		x[i] = xc
		atten[i] = -kk * (xc - lt)
	}
	expSlice(atten)
	invKnee := 1 / kk
	for i, e := range atten {
		// kneeCurve(x)/x, with the exponential already taken.
		a := (lt + (1-e)*invKnee) / x[i]
		atten[i] = a
		ldb[i] = a
	}
	logSlice(ldb)
	for i, l := range ldb {
		ldb[i] = -l * nepersToDB
	}
}

// curve computes every frame's attenuation (atten, linear; attenDB, dB ≥ 0) from its peak.
func (k *compressorKernel) curve() {
	// In batches: logs of the peaks above the knee, then one batch of exponentials (knee curve
	// or dB→linear), then logs of the knee attenuations.
	var region [RenderQuantum]uint8 // 0 linear, 1 knee, 2 above the knee
	above, knee := false, false
	for i, peak := range k.peak {
		switch {
		case peak <= 0.0001 || peak < k.linThreshold:
			region[i] = 0
		case peak >= k.kneeThreshold:
			region[i] = 2
			above = true
		default:
			region[i] = 1
			knee = true
		}
	}
	if above {
		copy(k.scratch[:], k.peak[:])
		logSlice(k.scratch[:])
	}
	for i := 0; i < RenderQuantum; i++ {
		switch region[i] {
		case 2:
			// Above the knee the dB form comes straight from the curve, sparing a log.
			xdb := k.scratch[i] * nepersToDB
			k.attenDB[i] = xdb - (k.yKneeThreshDB + k.slope*(xdb-k.kneeThreshDB))
			k.atten[i] = -k.attenDB[i] * dbToNepers
		case 1:
			k.atten[i] = -k.kneeK * (k.peak[i] - k.linThreshold)
		default:
			k.atten[i], k.attenDB[i] = 0, 0
		}
	}
	expSlice(k.atten[:])
	if knee {
		invKnee := 1 / k.kneeK
		for i := 0; i < RenderQuantum; i++ {
			if region[i] == 1 {
				// kneeCurve(x)/x, with the exponential already taken.
				k.atten[i] = (k.linThreshold + (1-k.atten[i])*invKnee) / k.peak[i]
				k.scratch[i] = k.atten[i]
			} else {
				k.scratch[i] = 1
			}
		}
		logSlice(k.scratch[:])
		for i := 0; i < RenderQuantum; i++ {
			if region[i] == 1 {
				k.attenDB[i] = -k.scratch[i] * nepersToDB
			}
		}
	}
}
