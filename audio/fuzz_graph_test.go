package audio

import (
	"context"
	"encoding/binary"
	"math"
	"testing"
	"time"
)

// FuzzGraph builds graphs from arbitrary bytes — any node type, any connections (cycles
// included), automation with arbitrary values and times, NaN and infinities — and renders them:
// nothing may panic or hang, and errors are the only way to refuse.
func FuzzGraph(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{1, 1, 0x7f, 0xc0, 0, 0, 2, 3, 0xff, 0xff, 0xff, 0xff, 9, 9, 9, 9, 12, 0, 1, 2})
	f.Add([]byte("delay feedback cycle with automation: \x03\x03\x11\x00\x01\x11\x01\x00\x13\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := NewOfflineContext(2, 1024, 22050)
		if err != nil {
			t.Fatal(err)
		}
		r := &byteReader{data: data}
		nodes := []AudioNode{c.Destination()}
		var params []*AudioParam
		for steps := 0; steps < 40 && !r.done(); steps++ {
			switch r.byte() % 20 {
			case 0:
				s := c.CreateOscillator()
				s.SetType([]OscillatorType{Sine, Square, Sawtooth, Triangle}[r.byte()%4])
				s.Start(r.f64())
				s.Stop(r.f64())
				nodes = append(nodes, s)
				params = append(params, s.Frequency(), s.Detune())
			case 1:
				s := c.CreateConstantSource()
				s.Start(r.f64())
				nodes = append(nodes, s)
				params = append(params, s.Offset())
			case 2:
				s := c.CreateBufferSource()
				if b, err := c.CreateBuffer(int(r.byte()%3)+1, int(r.byte())+1, 22050); err == nil {
					d, _ := b.GetChannelData(0)
					for i := range d {
						d[i] = r.f32()
					}
					s.SetBuffer(b)
				}
				s.SetLoop(r.byte()%2 == 0)
				s.SetLoopStart(r.f64())
				s.SetLoopEnd(r.f64())
				s.Start(r.f64(), r.f64(), r.f64())
				nodes = append(nodes, s)
				params = append(params, s.PlaybackRate(), s.Detune())
			case 3:
				g := c.CreateGain()
				nodes = append(nodes, g)
				params = append(params, g.Gain())
			case 4:
				if d, err := c.CreateDelay(r.f64()); err == nil {
					nodes = append(nodes, d)
					params = append(params, d.DelayTime())
				}
			case 5:
				b := c.CreateBiquadFilter()
				b.SetType([]BiquadFilterType{Lowpass, Highpass, Bandpass, Lowshelf, Highshelf, Peaking, Notch, Allpass}[r.byte()%8])
				nodes = append(nodes, b)
				params = append(params, b.Frequency(), b.Q(), b.Gain(), b.Detune())
			case 6:
				if f, err := c.CreateIIRFilter([]float64{r.f64(), r.f64()}, []float64{r.f64(), r.f64()}); err == nil {
					nodes = append(nodes, f)
				}
			case 7:
				p := c.CreateStereoPanner()
				nodes = append(nodes, p)
				params = append(params, p.Pan())
			case 8:
				p := c.CreatePanner()
				if r.byte()%2 == 0 {
					p.SetPanningModel(HRTF) // NotSupportedError without a set: fine
				}
				p.SetDistanceModel([]DistanceModel{Linear, Inverse, Exponential}[r.byte()%3])
				p.SetRefDistance(r.f64())
				p.SetMaxDistance(r.f64())
				p.SetRolloffFactor(r.f64())
				p.SetConeInnerAngle(r.f64())
				p.SetConeOuterAngle(r.f64())
				nodes = append(nodes, p)
				params = append(params, p.PositionX(), p.PositionY(), p.OrientationZ())
			case 9:
				k := c.CreateDynamicsCompressor()
				nodes = append(nodes, k)
				params = append(params, k.Threshold(), k.Knee(), k.Ratio(), k.Attack(), k.Release())
			case 10:
				w := c.CreateWaveShaper()
				w.SetCurve([]float32{r.f32(), r.f32(), r.f32()})
				w.SetOversample([]OverSampleType{OverSampleNone, OverSample2x, OverSample4x}[r.byte()%3])
				nodes = append(nodes, w)
			case 11:
				a := c.CreateAnalyser()
				a.SetFFTSize(32 << (r.byte() % 11))
				nodes = append(nodes, a)
			case 12:
				v := c.CreateConvolver()
				if b, err := c.CreateBuffer([]int{1, 2, 4}[r.byte()%3], int(r.byte())*20+1, 22050); err == nil {
					d, _ := b.GetChannelData(0)
					d[0] = r.f32()
					v.SetBuffer(b)
				}
				nodes = append(nodes, v)
			case 13:
				if m, err := c.CreateChannelMerger(int(r.byte()%4) + 1); err == nil {
					nodes = append(nodes, m)
				}
			case 14:
				if s, err := c.CreateChannelSplitter(int(r.byte()%4) + 1); err == nil {
					nodes = append(nodes, s)
				}
			case 15, 16, 17:
				a, b := nodes[int(r.byte())%len(nodes)], nodes[int(r.byte())%len(nodes)]
				a.base().Connect(b, int(r.byte()%3), int(r.byte()%3))
			case 18:
				if len(params) > 0 {
					p := params[int(r.byte())%len(params)]
					switch r.byte() % 8 {
					case 0:
						p.SetValueAtTime(r.f32(), r.f64())
					case 1:
						p.LinearRampToValueAtTime(r.f32(), r.f64())
					case 2:
						p.ExponentialRampToValueAtTime(r.f32(), r.f64())
					case 3:
						p.SetTargetAtTime(r.f32(), r.f64(), r.f64())
					case 4:
						p.SetValueCurveAtTime([]float32{r.f32(), r.f32(), r.f32()}, r.f64(), r.f64())
					case 5:
						p.CancelScheduledValues(r.f64())
					case 6:
						p.CancelAndHoldAtTime(r.f64())
					default:
						p.SetValue(r.f32())
					}
					a := nodes[int(r.byte())%len(nodes)]
					if r.byte()%4 == 0 {
						a.base().ConnectParam(p)
					}
				}
			case 19:
				n := nodes[int(r.byte())%len(nodes)]
				n.base().SetChannelCount(int(r.byte()%8) + 1)
				n.base().SetChannelCountMode([]ChannelCountMode{Max, ClampedMax, Explicit}[r.byte()%3])
				n.base().SetChannelInterpretation([]ChannelInterpretation{Speakers, Discrete}[r.byte()%2])
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := c.StartRendering(ctx); err != nil {
			t.Fatalf("rendering failed: %v", err)
		}
	})
}

type byteReader struct {
	data []byte
	pos  int
}

func (r *byteReader) done() bool { return r.pos >= len(r.data) }

func (r *byteReader) byte() byte {
	if r.pos >= len(r.data) {
		return 0
	}
	r.pos++
	return r.data[r.pos-1]
}

// f32 reads four bytes as a float32 (any bit pattern: NaN, infinities, denormals).
func (r *byteReader) f32() float32 {
	var b [4]byte
	for i := range b {
		b[i] = r.byte()
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
}

// f64 mostly gives small times (a byte scaled to 0–0.05 s), sometimes arbitrary values.
func (r *byteReader) f64() float64 {
	b := r.byte()
	if b < 240 {
		return float64(b) / 240 * 0.05
	}
	return float64(r.f32())
}
