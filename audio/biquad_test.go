package audio

import "testing"

// TestBiquadStereoMatchesMono: the two-channel loop of a constant filter gives each channel
// exactly what a mono filter gives it.
func TestBiquadStereoMatchesMono(t *testing.T) {
	stereo := mkbufFrom(t, 2)
	render := func(ch int, b *AudioBuffer) [][]float32 {
		c := mustOffline(t, ch, 3000, benchRate)
		s := c.CreateBufferSource()
		s.SetBuffer(b)
		s.Start(0)
		f, err := NewBiquadFilterNode(c.BaseContext, BiquadFilterOptions{Type: Peaking, Frequency: F32(1500), Q: F32(4), Gain: 9})
		if err != nil {
			t.Fatal(err)
		}
		s.Connect(f)
		f.Connect(c.Destination())
		out, err := c.StartRendering(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return out.data
	}
	both := render(2, stereo)
	for ch := 0; ch < 2; ch++ {
		mono, _ := NewAudioBuffer(AudioBufferOptions{NumberOfChannels: 1, Length: stereo.Length(), SampleRate: benchRate})
		copy(mono.data[0], stereo.data[ch])
		one := render(1, mono)[0]
		for i := range one {
			if both[ch][i] != one[i] {
				t.Fatalf("channel %d frame %d: stereo %v, mono %v", ch, i, both[ch][i], one[i])
			}
		}
	}
}

func mkbufFrom(t *testing.T, ch int) *AudioBuffer {
	t.Helper()
	b, err := NewAudioBuffer(AudioBufferOptions{NumberOfChannels: ch, Length: 3000, SampleRate: benchRate})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < ch; k++ {
		n := noiseFn(int64(11 + k))
		for i := range b.data[k] {
			b.data[k][i] = float32(n(k, i))
		}
	}
	return b
}
