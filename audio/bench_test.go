package audio

import (
	"math"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: on a shared machine it measures the render's
// own cost far more steadily than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Benchmarks modelled on the webaudio-benchmark graphs. Each op renders one second of audio
// (except automation: 20 s) and reports x-realtime; graphs are built and warmed up outside the
// timer, so allocs/op is the render loop's own (0).

const benchRate = 44100

func benchGraph(b *testing.B, seconds float64, build func(c *OfflineContext)) {
	b.Helper()
	c, err := NewOfflineContext(2, int(1000*benchRate), benchRate)
	if err != nil {
		b.Fatal(err)
	}
	build(c)
	quanta := int(seconds * benchRate / RenderQuantum)
	for i := 0; i < 8; i++ { // warm-up: buses and tables reach their steady size
		c.renderQuantum()
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for q := 0; q < quanta; q++ {
			c.renderQuantum()
		}
	}
	b.StopTimer()
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(seconds/perOp, "x-realtime")
	b.ReportMetric(seconds/cpu, "x-realtime-cpu")
}

func loopedNoise(c *OfflineContext, ch int, seconds float64) *AudioBufferSourceNode {
	s := c.CreateBufferSource()
	s.SetBuffer(mkbuf(c, ch, int(seconds*benchRate), benchRate, noiseFn(1)))
	s.SetLoop(true)
	s.Start(0)
	return s
}

func BenchmarkGainChain(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		var prev AudioNode = loopedNoise(c, 2, 1)
		for i := 0; i < 10; i++ {
			g, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.9)})
			prev.base().Connect(g)
			prev = g
		}
		prev.base().Connect(c.Destination())
	})
}

func BenchmarkOscillators100(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		sum, _ := NewGainNode(c.BaseContext, GainOptions{Gain: F32(0.01)})
		types := []OscillatorType{Sine, Square, Sawtooth, Triangle}
		for i := 0; i < 100; i++ {
			o, _ := NewOscillatorNode(c.BaseContext, OscillatorOptions{Type: types[i%4], Frequency: F32(float32(110 + 17*i))})
			o.Connect(sum)
			o.Start(0)
		}
		sum.Connect(c.Destination())
	})
}

func BenchmarkBiquadNoise(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		f, _ := NewBiquadFilterNode(c.BaseContext, BiquadFilterOptions{Type: Lowpass, Frequency: F32(2000), Q: F32(3)})
		loopedNoise(c, 2, 1).Connect(f)
		f.Connect(c.Destination())
	})
}

func BenchmarkCompressor(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		k := c.CreateDynamicsCompressor()
		loopedNoise(c, 2, 1).Connect(k)
		k.Connect(c.Destination())
	})
}

func BenchmarkStereoPanner(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		p := c.CreateStereoPanner()
		// A slow sweep keeps the pan a-rate for the whole run.
		p.Pan().SetValueAtTime(-1, 0)
		p.Pan().LinearRampToValueAtTime(1, 1000)
		loopedNoise(c, 2, 1).Connect(p)
		p.Connect(c.Destination())
	})
}

func BenchmarkConvolver1s(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		ir := mkbuf(c, 2, benchRate, benchRate, func(ch, i int) float64 {
			return noiseFn(int64(3+ch))(ch, i) * math.Exp(-float64(i)/8000)
		})
		v, _ := NewConvolverNode(c.BaseContext, ConvolverOptions{Buffer: ir})
		loopedNoise(c, 1, 1).Connect(v)
		v.Connect(c.Destination())
	})
}

func BenchmarkPlaybackRate1_5(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		s := loopedNoise(c, 2, 1)
		s.PlaybackRate().SetValue(1.5)
		s.Connect(c.Destination())
	})
}

func BenchmarkAutomation20s(b *testing.B) {
	const seconds = 20
	b.ReportAllocs()
	var total float64
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, _ := NewOfflineContext(1, seconds*benchRate, benchRate)
		s := c.CreateConstantSource()
		p := s.Offset()
		for k := 0; k < 2000; k++ {
			t := float64(k) * seconds / 2000
			switch k % 4 {
			case 0:
				p.SetValueAtTime(float32(k%7)/7, t)
			case 1:
				p.LinearRampToValueAtTime(float32(k%5)/5, t)
			case 2:
				p.ExponentialRampToValueAtTime(0.1+float32(k%3)/3, t)
			default:
				p.SetTargetAtTime(0.5, t, 0.002)
			}
		}
		s.Connect(c.Destination())
		s.Start(0)
		c.renderQuantum()
		b.StartTimer()
		cpu0 := cpuTime()
		for q := 0; q < seconds*benchRate/RenderQuantum; q++ {
			c.renderQuantum()
		}
		cpu += cpuTime() - cpu0
	}
	total = b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(seconds/total, "x-realtime")
	b.ReportMetric(seconds/(cpu.Seconds()/float64(b.N)), "x-realtime-cpu")
}

// TestRenderLoopAllocatesNothing guards the zero-allocation rule on a graph that uses most node
// types at once.
func TestRenderLoopAllocatesNothing(t *testing.T) {
	c := mustOffline(t, 2, 1<<20, benchRate)
	src := loopedNoise(c, 2, 0.1)
	o := c.CreateOscillator()
	o.Frequency().SetValueAtTime(200, 0)
	o.Frequency().LinearRampToValueAtTime(800, 20)
	o.Start(0)
	f := c.CreateBiquadFilter()
	d, _ := c.CreateDelay(0.5)
	d.DelayTime().SetValue(0.01)
	fb := c.CreateGain()
	fb.Gain().SetValue(0.3)
	p := c.CreateStereoPanner()
	k := c.CreateDynamicsCompressor()
	ws, _ := NewWaveShaperNode(c.BaseContext, WaveShaperOptions{Curve: []float32{-1, 0, 1}, Oversample: OverSample2x})
	cv, _ := NewConvolverNode(c.BaseContext, ConvolverOptions{Buffer: mkbuf(c, 1, 1000, benchRate, noiseFn(2))})
	an := c.CreateAnalyser()
	pan := c.CreatePanner()
	pan.PositionX().SetValueAtTime(-1, 0)
	pan.PositionX().LinearRampToValueAtTime(1, 20)
	for _, e := range []error{src.Connect(f), o.Connect(f), f.Connect(d), d.Connect(fb), fb.Connect(d), d.Connect(p), p.Connect(k),
		k.Connect(ws), ws.Connect(cv), cv.Connect(an), an.Connect(pan), pan.Connect(c.Destination())} {
		if e != nil {
			t.Fatal(e)
		}
	}
	for i := 0; i < 8; i++ {
		c.renderQuantum()
	}
	if n := testing.AllocsPerRun(100, func() { c.renderQuantum() }); n != 0 {
		t.Fatalf("render quantum allocates %v times", n)
	}
}

// BenchmarkPanner is the peers runner's "panner" graph: mono noise into a default PannerNode
// whose positionX sweeps slowly, so the position is a-rate for the whole run.
func BenchmarkPanner(b *testing.B) {
	benchGraph(b, 1, func(c *OfflineContext) {
		p := c.CreatePanner()
		p.PositionX().SetValueAtTime(-10, 0)
		p.PositionX().LinearRampToValueAtTime(10, 1000)
		loopedNoise(c, 1, 1).Connect(p)
		p.Connect(c.Destination())
	})
}
