package audio

import "math"

// PanningModel is "equalpower" or "HRTF".
type PanningModel string

// DistanceModel is "linear", "inverse" or "exponential".
type DistanceModel string

const (
	EqualPower  PanningModel  = "equalpower"
	HRTF        PanningModel  = "HRTF"
	Linear      DistanceModel = "linear"
	Inverse     DistanceModel = "inverse"
	Exponential DistanceModel = "exponential"
)

// PannerOptions are the PannerNode constructor's options; nil pointers keep the spec defaults.
type PannerOptions struct {
	PanningModel                             PanningModel
	DistanceModel                            DistanceModel
	PositionX, PositionY, PositionZ          float32
	OrientationX, OrientationY, OrientationZ *float32
	RefDistance, MaxDistance, RolloffFactor  *float64
	ConeInnerAngle, ConeOuterAngle           *float64
	ConeOuterGain                            float64
	ChannelOptions
}

// PannerNode positions a mono or stereo input in space relative to the context's AudioListener,
// with equal-power panning, distance attenuation and a sound cone.
type PannerNode struct {
	*audioNode
	model                    PanningModel
	distModel                DistanceModel
	px, py, pz, ox, oy, oz   *AudioParam
	refDistance, maxDistance float64
	rolloff                  float64
	coneInner, coneOuter     float64
	coneOuterGain            float64
	hrtf                     *hrtfPan
}

// NewPannerNode is the PannerNode constructor.
func NewPannerNode(c *BaseContext, o PannerOptions) (*PannerNode, error) {
	p := &PannerNode{model: EqualPower, distModel: Inverse, refDistance: 1, maxDistance: 10000, rolloff: 1, coneInner: 360, coneOuter: 360}
	p.audioNode = newNode(c, p, 1, 1, 2, ClampedMax, Speakers)
	p.checkCount = func(v int) error {
		if v > 2 {
			return errorf(ErrNotSupported, "PannerNode channelCount %d above 2", v)
		}
		return nil
	}
	p.checkMode = func(v ChannelCountMode) error {
		if v == Max {
			return errorf(ErrNotSupported, "PannerNode channelCountMode cannot be max")
		}
		return nil
	}
	mk := func(name string, v float32) *AudioParam { return newParam(c, name, v, -maxFloat32, maxFloat32, ARate) }
	p.px, p.py, p.pz = mk("positionX", o.PositionX), mk("positionY", o.PositionY), mk("positionZ", o.PositionZ)
	p.ox, p.oy, p.oz = mk("orientationX", 1), mk("orientationY", 0), mk("orientationZ", 0)
	p.ownParams(p.px, p.py, p.pz, p.ox, p.oy, p.oz)
	p.ownParams(c.listener.params()...)
	var errs []error
	setF := func(ap *AudioParam, v *float32) {
		if v != nil {
			errs = append(errs, ap.SetValue(*v))
		}
	}
	setF(p.ox, o.OrientationX)
	setF(p.oy, o.OrientationY)
	setF(p.oz, o.OrientationZ)
	if o.PanningModel != "" {
		errs = append(errs, p.SetPanningModel(o.PanningModel))
	}
	if o.DistanceModel != "" {
		errs = append(errs, p.SetDistanceModel(o.DistanceModel))
	}
	if o.RefDistance != nil {
		errs = append(errs, p.SetRefDistance(*o.RefDistance))
	}
	if o.MaxDistance != nil {
		errs = append(errs, p.SetMaxDistance(*o.MaxDistance))
	}
	if o.RolloffFactor != nil {
		errs = append(errs, p.SetRolloffFactor(*o.RolloffFactor))
	}
	if o.ConeInnerAngle != nil {
		p.coneInner = *o.ConeInnerAngle
	}
	if o.ConeOuterAngle != nil {
		p.coneOuter = *o.ConeOuterAngle
	}
	errs = append(errs, p.SetConeOuterGain(o.ConeOuterGain), o.ChannelOptions.apply(p.audioNode))
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// CreatePanner is the context factory for PannerNode.
func (c *BaseContext) CreatePanner() *PannerNode {
	p, _ := NewPannerNode(c, PannerOptions{})
	return p
}

func (p *PannerNode) PositionX() *AudioParam       { return p.px }
func (p *PannerNode) PositionY() *AudioParam       { return p.py }
func (p *PannerNode) PositionZ() *AudioParam       { return p.pz }
func (p *PannerNode) OrientationX() *AudioParam    { return p.ox }
func (p *PannerNode) OrientationY() *AudioParam    { return p.oy }
func (p *PannerNode) OrientationZ() *AudioParam    { return p.oz }
func (p *PannerNode) PanningModel() PanningModel   { return p.model }
func (p *PannerNode) DistanceModel() DistanceModel { return p.distModel }
func (p *PannerNode) RefDistance() float64         { return p.refDistance }
func (p *PannerNode) MaxDistance() float64         { return p.maxDistance }
func (p *PannerNode) RolloffFactor() float64       { return p.rolloff }
func (p *PannerNode) ConeInnerAngle() float64      { return p.coneInner }
func (p *PannerNode) ConeOuterAngle() float64      { return p.coneOuter }
func (p *PannerNode) ConeOuterGain() float64       { return p.coneOuterGain }
func (p *PannerNode) SetConeInnerAngle(v float64)  { p.coneInner = v }
func (p *PannerNode) SetConeOuterAngle(v float64)  { p.coneOuter = v }

// SetPanningModel selects the panning algorithm. HRTF convolves with measured head-related
// impulse responses (see HRTFPaths and LoadHRTF); without a set it gives NotSupportedError.
func (p *PannerNode) SetPanningModel(m PanningModel) error {
	switch m {
	case EqualPower:
		p.model = m
		return nil
	case HRTF:
		if p.hrtf == nil {
			s, err := hrtfSet(p.ctx.sampleRate)
			if err != nil {
				return err
			}
			p.hrtf = newHRTFPan(s, p.ctx.sampleRate)
		}
		p.model = m
		return nil
	}
	return errorf(ErrType, "invalid panningModel %q", m)
}

func (p *PannerNode) SetDistanceModel(m DistanceModel) error {
	switch m {
	case Linear, Inverse, Exponential:
		p.distModel = m
		return nil
	}
	return errorf(ErrType, "invalid distanceModel %q", m)
}

func (p *PannerNode) SetRefDistance(v float64) error {
	if isNonFinite(v) || v < 0 {
		return errorf(ErrRange, "refDistance %v must be ≥ 0", v)
	}
	p.refDistance = v
	return nil
}

func (p *PannerNode) SetMaxDistance(v float64) error {
	if isNonFinite(v) || v <= 0 {
		return errorf(ErrRange, "maxDistance %v must be > 0", v)
	}
	p.maxDistance = v
	return nil
}

func (p *PannerNode) SetRolloffFactor(v float64) error {
	if isNonFinite(v) || v < 0 {
		return errorf(ErrRange, "rolloffFactor %v must be ≥ 0", v)
	}
	p.rolloff = v
	return nil
}

func (p *PannerNode) SetConeOuterGain(v float64) error {
	if isNonFinite(v) || v < 0 || v > 1 {
		return errorf(ErrInvalidState, "coneOuterGain %v outside [0, 1]", v)
	}
	p.coneOuterGain = v
	return nil
}

// SetPosition and SetOrientation are the legacy setters.
func (p *PannerNode) SetPosition(x, y, z float32) error {
	return firstErr(p.px.SetValue(x), p.py.SetValue(y), p.pz.SetValue(z))
}

func (p *PannerNode) SetOrientation(x, y, z float32) error {
	return firstErr(p.ox.SetValue(x), p.oy.SetValue(y), p.oz.SetValue(z))
}

type vec3 struct{ x, y, z float64 }

func (a vec3) sub(b vec3) vec3      { return vec3{a.x - b.x, a.y - b.y, a.z - b.z} }
func (a vec3) scale(k float64) vec3 { return vec3{a.x * k, a.y * k, a.z * k} }
func (a vec3) dot(b vec3) float64   { return a.x*b.x + a.y*b.y + a.z*b.z }
func (a vec3) norm() float64        { return math.Sqrt(a.dot(a)) }
func (a vec3) isZero() bool         { return a.x == 0 && a.y == 0 && a.z == 0 }
func (a vec3) cross(b vec3) vec3 {
	return vec3{a.y*b.z - a.z*b.y, a.z*b.x - a.x*b.z, a.x*b.y - a.y*b.x}
}
func (a vec3) unit() vec3 {
	n := a.norm()
	if n == 0 {
		return a
	}
	return a.scale(1 / n)
}

func paramVec(x, y, z *AudioParam, k int) vec3 {
	return vec3{float64(x.valueAt(k)), float64(y.valueAt(k)), float64(z.valueAt(k))}
}

// azimuth returns the source's azimuth in degrees as the spec computes it (elevation does not
// matter for equal-power panning).
func azimuth(src, lis, fwd, up vec3) float64 {
	sl := src.sub(lis)
	if sl.isZero() {
		return 0
	}
	sl = sl.unit()
	right := fwd.cross(up)
	if right.isZero() {
		return 0
	}
	right = right.unit()
	f := fwd.unit()
	upv := right.cross(f)
	proj := sl.sub(upv.scale(sl.dot(upv)))
	if proj.isZero() {
		return 0
	}
	proj = proj.unit()
	az := 180 / math.Pi * math.Acos(math.Max(-1, math.Min(1, proj.dot(right))))
	if proj.dot(f) < 0 {
		az = 360 - az
	}
	if az >= 0 && az <= 270 {
		return 90 - az
	}
	return 450 - az
}

func (p *PannerNode) distanceGain(d float64) float64 {
	ref, mx, r := p.refDistance, p.maxDistance, p.rolloff
	switch p.distModel {
	case Linear:
		if mx <= ref {
			return 1 - math.Min(r, 1)
		}
		d = math.Max(ref, math.Min(d, mx))
		return 1 - math.Min(r, 1)*(d-ref)/(mx-ref)
	case Exponential:
		if ref == 0 {
			return 0
		}
		return math.Pow(math.Max(d, ref)/ref, -r)
	}
	if ref == 0 && r == 0 {
		return 1
	}
	d = math.Max(d, ref)
	den := ref + r*(d-ref)
	if den == 0 {
		return 0
	}
	return ref / den
}

func (p *PannerNode) coneGain(src, orient, lis vec3) float64 {
	if orient.isZero() || (p.coneInner == 360 && p.coneOuter == 360) {
		return 1
	}
	toL := lis.sub(src).unit()
	angle := 180 / math.Pi * math.Acos(math.Max(-1, math.Min(1, toL.dot(orient.unit()))))
	inner, outer := math.Abs(p.coneInner)/2, math.Abs(p.coneOuter)/2
	switch {
	case angle <= inner:
		return 1
	case angle >= outer:
		return p.coneOuterGain
	}
	x := (angle - inner) / (outer - inner)
	return (1 - x) + p.coneOuterGain*x
}

func (p *PannerNode) process(int64) {
	in, out := p.in(0), p.out(0)
	if in.silent {
		out.setSilent(2)
		return
	}
	out.setChannels(2)
	out.silent = false
	l := p.ctx.listener
	if p.model == HRTF {
		// HRTF panning follows the direction once per quantum, crossfading between responses.
		src, orient := paramVec(p.px, p.py, p.pz, 0), paramVec(p.ox, p.oy, p.oz, 0)
		lis := paramVec(l.positionX, l.positionY, l.positionZ, 0)
		fwd, up := paramVec(l.forwardX, l.forwardY, l.forwardZ, 0), paramVec(l.upX, l.upY, l.upZ, 0)
		gain := p.distanceGain(src.sub(lis).norm()) * p.coneGain(src, orient, lis)
		p.hrtf.process(in, out, azimuth(src, lis, fwd, up), elevationOf(src, lis, fwd, up), gain)
		return
	}
	perSample := false
	for _, ap := range p.params {
		perSample = perSample || !ap.constant
	}
	// The listener's basis changes only when its forward/up params are automated; otherwise it
	// is built once per quantum and each sample costs a few square roots (no acos or sincos).
	basisVaries := !(l.forwardX.constant && l.forwardY.constant && l.forwardZ.constant &&
		l.upX.constant && l.upY.constant && l.upZ.constant)
	mono := in.n == 1
	if perSample && !basisVaries {
		b := newPanBasis(paramVec(l.forwardX, l.forwardY, l.forwardZ, 0), paramVec(l.upX, l.upY, l.upZ, 0))
		p.equalPowerFrames(in, out, l, &b, mono)
		return
	}
	var b panBasis
	var gl, gr, gain, c float64
	for i := 0; i < RenderQuantum; i++ {
		if i == 0 || perSample {
			src, orient := paramVec(p.px, p.py, p.pz, i), paramVec(p.ox, p.oy, p.oz, i)
			lis := paramVec(l.positionX, l.positionY, l.positionZ, i)
			if i == 0 || basisVaries {
				b = newPanBasis(paramVec(l.forwardX, l.forwardY, l.forwardZ, i), paramVec(l.upX, l.upY, l.upZ, i))
			}
			var dist float64
			c, dist = b.sinAzimuth(src.sub(lis))
			gain = p.distanceGain(dist) * p.coneGain(src, orient, lis)
			gl, gr = equalPowerGains(c, mono)
		}
		if mono {
			v := float64(in.ch[0][i]) * gain
			out.ch[0][i] = float32(v * gl)
			out.ch[1][i] = float32(v * gr)
			continue
		}
		vl, vr := float64(in.ch[0][i])*gain, float64(in.ch[1][i])*gain
		if c <= 0 {
			out.ch[0][i] = float32(vl + vr*gl)
			out.ch[1][i] = float32(vr * gr)
		} else {
			out.ch[0][i] = float32(vl * gl)
			out.ch[1][i] = float32(vr + vl*gr)
		}
	}
}

// equalPowerFrames is equal-power panning with a position or orientation that changes every
// frame and a fixed listener basis. Each frame costs square roots and divisions whose latency
// would serialise a frame-at-a-time loop, so the geometry of all frames is done first and the
// roots, quotients and gains in loops of their own, where the CPU overlaps the frames.
// Same arithmetic as sinAzimuth, except that the source direction is not normalised before its
// projection: the projection is normalised anyway, so only the rounding differs.
func (p *PannerNode) equalPowerFrames(in, out *bus, l *AudioListener, b *panBasis, mono bool) {
	var d2, p2, pd, gain [RenderQuantum]float64
	cone := !(p.coneInner == 360 && p.coneOuter == 360)
	for i := range RenderQuantum {
		src, lis := paramVec(p.px, p.py, p.pz, i), paramVec(l.positionX, l.positionY, l.positionZ, i)
		sl := src.sub(lis)
		d2[i] = sl.dot(sl)
		pr := sl.sub(b.up.scale(sl.dot(b.up)))
		p2[i], pd[i] = pr.dot(pr), pr.dot(b.right)
		gain[i] = 1
		if cone {
			gain[i] = p.coneGain(src, paramVec(p.ox, p.oy, p.oz, i), lis)
		}
	}
	for i := range RenderQuantum {
		gain[i] *= p.distanceGain(math.Sqrt(d2[i]))
	}
	// pd becomes the sine of the azimuth.
	for i := range RenderQuantum {
		c := 0.0
		if d2[i] != 0 && p2[i] != 0 && b.ok {
			c = max(-1, min(1, pd[i]/math.Sqrt(p2[i])))
		}
		pd[i] = c
	}
	if mono {
		src, l, r := in.ch[0][:RenderQuantum], out.ch[0][:RenderQuantum], out.ch[1][:RenderQuantum]
		for i, c := range pd {
			v := float64(src[i]) * gain[i]
			l[i] = float32(v * math.Sqrt((1-c)*0.5))
			r[i] = float32(v * math.Sqrt((1+c)*0.5))
		}
		return
	}
	for i, c := range pd {
		gl, gr := equalPowerGains(c, false)
		vl, vr := float64(in.ch[0][i])*gain[i], float64(in.ch[1][i])*gain[i]
		if c <= 0 {
			out.ch[0][i] = float32(vl + vr*gl)
			out.ch[1][i] = float32(vr * gr)
		} else {
			out.ch[0][i] = float32(vl * gl)
			out.ch[1][i] = float32(vr + vl*gr)
		}
	}
}

// panBasis is the listener's right and up unit vectors and its unit forward vector, as the
// spec's azimuth computation builds them; ok is false when forward and up are parallel.
type panBasis struct {
	right, f, up vec3
	ok           bool
}

func newPanBasis(fwd, up vec3) panBasis {
	right := fwd.cross(up)
	if right.isZero() {
		return panBasis{}
	}
	right = right.unit()
	f := fwd.unit()
	return panBasis{right: right, f: f, up: right.cross(f), ok: true}
}

// sinAzimuth returns the sine of the source's azimuth folded into [-90°, 90°] (the only part of
// the azimuth equal-power panning uses) and the source's distance; sl is source minus listener.
// The spec's azimuth is 90° - acos(c) (folded front/back), where c is the cosine between the
// horizontal projection and the right vector, so sin(azimuth) = c with no trigonometry.
func (b *panBasis) sinAzimuth(sl vec3) (c, dist float64) {
	dist = sl.norm()
	if dist == 0 || !b.ok {
		return 0, dist
	}
	sl = sl.scale(1 / dist)
	proj := sl.sub(b.up.scale(sl.dot(b.up)))
	if proj.isZero() {
		return 0, dist
	}
	proj = proj.unit()
	return math.Max(-1, math.Min(1, proj.dot(b.right))), dist
}

// equalPowerGains are the spec's equal-power gains for an azimuth whose sine is c. Mono input:
// x = (az+90)/180, so the angle xπ/2 is (π-θ)/2 with cos θ = c and the gains are the half-angle
// forms √((1-c)/2) and √((1+c)/2). Stereo input: the angle is π-θ (az ≤ 0) or π/2-θ (az > 0),
// giving (-c, sin θ) and (sin θ, c) with sin θ = √((1-c)(1+c)).
func equalPowerGains(c float64, mono bool) (gl, gr float64) {
	if mono {
		return math.Sqrt((1 - c) * 0.5), math.Sqrt((1 + c) * 0.5)
	}
	s := math.Sqrt((1 - c) * (1 + c))
	if c <= 0 {
		return -c, s
	}
	return s, c
}
