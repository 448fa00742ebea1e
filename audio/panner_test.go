package audio

import (
	"math"
	"testing"
)

// TestPannerFramePathsAgree renders moving sources through the batched per-frame path (fixed
// listener basis) and through the frame-at-a-time path (a listener orientation automated to the
// within 1e-9 of the same value forces it), for mono and stereo inputs, a cone and every distance model.
func TestPannerFramePathsAgree(t *testing.T) {
	for _, tc := range []struct {
		ch    int
		model DistanceModel
		cone  bool
	}{{1, Inverse, false}, {2, Inverse, false}, {1, Linear, true}, {2, Exponential, true}} {
		render := func(automateListener bool) [][]float32 {
			c := mustOffline(t, 2, 4096, benchRate)
			if automateListener {
				c.Listener().ForwardY().SetValueAtTime(0, 0)
				c.Listener().ForwardY().LinearRampToValueAtTime(1e-9, 1)
			}
			p := c.CreatePanner()
			if err := p.SetDistanceModel(tc.model); err != nil {
				t.Fatal(err)
			}
			if tc.cone {
				p.SetConeInnerAngle(60)
				p.SetConeOuterAngle(200)
				p.OrientationX().SetValueAtTime(1, 0)
				p.OrientationX().LinearRampToValueAtTime(-1, 0.09)
			}
			p.PositionX().SetValueAtTime(-3, 0)
			p.PositionX().LinearRampToValueAtTime(4, 0.09)
			p.PositionZ().SetValueAtTime(0.5, 0)
			p.PositionZ().LinearRampToValueAtTime(-2, 0.09)
			p.PositionY().SetValueAtTime(0, 0.04) // passes through the listener's up axis
			loopedNoise(c, tc.ch, 0.05).Connect(p)
			p.Connect(c.Destination())
			b, err := c.StartRendering(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return b.data
		}
		batched, single := render(false), render(true)
		for ch := range batched {
			for i := range batched[ch] {
				if d := math.Abs(float64(batched[ch][i] - single[ch][i])); d > 1e-6 {
					t.Fatalf("%d channels, %s, cone %v: channel %d frame %d: %v vs %v", tc.ch, tc.model, tc.cone, ch, i, batched[ch][i], single[ch][i])
				}
			}
		}
	}
}
