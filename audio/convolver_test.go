package audio

import (
	"math"
	"testing"
)

// A mono input shares one history between both paths of a stereo response; when a stereo source
// joins later, the result must equal feeding the convolver an explicitly up-mixed stereo input
// from the start.
func TestConvolverMonoToStereoTransition(t *testing.T) {
	render2 := func(forceStereo bool) [][]float32 {
		c := mustOffline(t, 2, 16384, 44100)
		ir := decayIR(c, 2, 5000, 4)
		v, _ := NewConvolverNode(c.BaseContext, ConvolverOptions{Buffer: ir})
		mono := noiseSrc(c, 1, 16384, 8)
		stereo := c.CreateBufferSource()
		stereo.SetBuffer(mkbuf(c, 2, 4000, 44100, noiseFn(9)))
		var into AudioNode = v
		if forceStereo {
			g, _ := NewGainNode(c.BaseContext, GainOptions{ChannelOptions: ChannelOptions{ChannelCount: 2, ChannelCountMode: Explicit}})
			g.Connect(v)
			into = g
		}
		mono.Connect(into)
		stereo.Connect(into)
		stereo.Start(6000.0 / 44100)
		v.Connect(c.Destination())
		return render(t, c).data
	}
	a, b := render2(false), render2(true)
	for ch := range a {
		for i := range a[ch] {
			if math.Abs(float64(a[ch][i]-b[ch][i])) > 1e-6 {
				t.Fatalf("channel %d frame %d: %v vs %v", ch, i, a[ch][i], b[ch][i])
			}
		}
	}
}
