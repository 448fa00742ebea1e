package audio

import (
	"math"
	"testing"
)

func TestGraphBehaviours(t *testing.T) {
	cases := []struct {
		name  string
		build func(c *OfflineContext) error
		check func(t *testing.T, out []float32)
	}{
		{"cycle without delay is muted, not looped", func(c *OfflineContext) error {
			src := constStart(c, 1, 0)
			a, b := c.CreateGain(), c.CreateGain()
			return firstErr(src.Connect(a), a.Connect(b), b.Connect(a), a.Connect(c.Destination()))
		}, func(t *testing.T, out []float32) {
			// The back edge b→a reads a muted cycle, so a outputs just the source.
			for i, v := range out {
				if v != 1 {
					t.Fatalf("frame %d: %v, want 1", i, v)
				}
			}
		}},
		{"fan-out and fan-in sum", func(c *OfflineContext) error {
			src := constStart(c, 0.25, 0)
			a, b := c.CreateGain(), c.CreateGain()
			return firstErr(src.Connect(a), src.Connect(b), a.Connect(c.Destination()), b.Connect(c.Destination()))
		}, func(t *testing.T, out []float32) {
			if out[0] != 0.5 || out[500] != 0.5 {
				t.Fatalf("got %v, want 0.5", out[0])
			}
		}},
		{"duplicate connect counts once", func(c *OfflineContext) error {
			src := constStart(c, 0.25, 0)
			return firstErr(src.Connect(c.Destination()), src.Connect(c.Destination()))
		}, func(t *testing.T, out []float32) {
			if out[0] != 0.25 {
				t.Fatalf("got %v, want 0.25", out[0])
			}
		}},
		{"disconnected node is not rendered", func(c *OfflineContext) error {
			src := constStart(c, 0.25, 0)
			if err := src.Connect(c.Destination()); err != nil {
				return err
			}
			src.Disconnect()
			return nil
		}, func(t *testing.T, out []float32) {
			if out[0] != 0 {
				t.Fatalf("got %v, want silence", out[0])
			}
		}},
		{"k-rate gain holds the quantum's first value", func(c *OfflineContext) error {
			src := constStart(c, 1, 0)
			g := c.CreateGain()
			return firstErr(g.Gain().SetAutomationRate(KRate), g.Gain().SetValueAtTime(0, 0), g.Gain().LinearRampToValueAtTime(1, 512.0/44100),
				src.Connect(g), g.Connect(c.Destination()))
		}, func(t *testing.T, out []float32) {
			if out[0] != 0 || out[127] != 0 || out[128] != 0.25 || out[255] != 0.25 {
				t.Fatalf("k-rate steps: %v %v %v %v", out[0], out[127], out[128], out[255])
			}
		}},
		{"param clamps to its nominal range", func(c *OfflineContext) error {
			src := constStart(c, 1, 0)
			p := c.CreateStereoPanner()
			mod := constStart(c, 5, 0)
			return firstErr(src.Connect(p), mod.ConnectParam(p.Pan()), p.Connect(c.Destination()))
		}, func(t *testing.T, out []float32) {
			// pan clamped to 1: a mono source lands fully right, so the left channel is silent.
			if out[100] > 1e-7 {
				t.Fatalf("left %v, want 0 with pan clamped to 1", out[100])
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustOffline(t, 1, 1024, 44100)
			if tc.name == "param clamps to its nominal range" {
				c = mustOffline(t, 2, 1024, 44100)
			}
			if err := tc.build(c); err != nil {
				t.Fatal(err)
			}
			d, _ := render(t, c).GetChannelData(0)
			tc.check(t, d)
		})
	}
}

func TestOnEndedFiresOnceAfterStop(t *testing.T) {
	c := mustOffline(t, 1, 2048, 44100)
	s := c.CreateOscillator()
	calls := 0
	var at int64
	s.SetOnEnded(func() { calls++; at = c.CurrentFrame() })
	s.Connect(c.Destination())
	s.Start(0)
	s.Stop(300.0 / 44100)
	render(t, c)
	if calls != 1 || at != 384 {
		t.Fatalf("onended: %d calls, at frame %d; want 1 call after the quantum ending at 384", calls, at)
	}
}

func TestAutomationClosedForms(t *testing.T) {
	const sr = 8000.0
	c := mustOffline(t, 1, 4000, sr)
	s := constStart(c, 1, 0)
	p := s.Offset()
	p.SetValueAtTime(0.5, 0)
	p.ExponentialRampToValueAtTime(2, 0.1) // frames 0..800
	p.SetTargetAtTime(0.25, 0.2, 0.05)     // from frame 1600
	s.Connect(c.Destination())
	out, _ := render(t, c).GetChannelData(0)
	for _, i := range []int{0, 200, 400, 799} {
		want := 0.5 * math.Pow(4, float64(i)/800)
		if math.Abs(float64(out[i])-want) > 1e-5*want {
			t.Errorf("exp ramp frame %d: %v want %v", i, out[i], want)
		}
	}
	for _, i := range []int{1600, 1700, 2000, 2400} {
		want := 0.25 + (2-0.25)*math.Exp(-(float64(i)/sr-0.2)/0.05)
		if math.Abs(float64(out[i])-want) > 1e-5 {
			t.Errorf("setTarget frame %d: %v want %v", i, out[i], want)
		}
	}
}
