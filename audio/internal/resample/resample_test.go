package resample

import (
	"math"
	"testing"
)

// A sine well below both Nyquist frequencies must come through with its amplitude and phase.
func TestSineThroughRatios(t *testing.T) {
	cases := []struct {
		in, out, freq float64
		minSNR        float64
	}{
		{44100, 48000, 1000, 90},
		{48000, 44100, 5000, 90},
		{22050, 44100, 3000, 90},
		{96000, 44100, 10000, 90},
		{8000, 44100, 440, 90},
	}
	for _, tc := range cases {
		n := int(tc.in / 4)
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(math.Sin(2 * math.Pi * tc.freq * float64(i) / tc.in))
		}
		y := Resample(x, tc.in, tc.out)
		if want := int(math.Round(float64(n) * tc.out / tc.in)); len(y) != want {
			t.Fatalf("%v→%v: %d samples, want %d", tc.in, tc.out, len(y), want)
		}
		var sig, noise float64
		// Skip the edges, where the kernel runs off the signal.
		for i := 200; i < len(y)-200; i++ {
			want := math.Sin(2 * math.Pi * tc.freq * float64(i) / tc.out)
			d := float64(y[i]) - want
			sig += want * want
			noise += d * d
		}
		if snr := 10 * math.Log10(sig/noise); snr < tc.minSNR {
			t.Errorf("%v→%v at %v Hz: SNR %.1f dB < %v", tc.in, tc.out, tc.freq, snr, tc.minSNR)
		}
	}
}

// A tone above the output Nyquist frequency must be removed, not aliased.
func TestAntiAliasing(t *testing.T) {
	in, out := 48000.0, 22050.0
	x := make([]float32, 24000)
	for i := range x {
		x[i] = float32(math.Sin(2 * math.Pi * 15000 * float64(i) / in))
	}
	y := Resample(x, in, out)
	var p float64
	for _, v := range y[200 : len(y)-200] {
		p += float64(v) * float64(v)
	}
	rms := math.Sqrt(p / float64(len(y)-400))
	if db := 20 * math.Log10(rms/math.Sqrt(0.5)); db > -80 {
		t.Errorf("15 kHz leaks through at %.1f dB", db)
	}
}

// Streaming in uneven chunks must give exactly what the one-shot resampler gives.
func TestStreamMatchesResample(t *testing.T) {
	x := make([]float32, 5000)
	for i := range x {
		x[i] = float32(math.Sin(float64(i) * 0.03))
	}
	want := Resample(x, 22050, 48000)
	s := NewStream(22050, 48000)
	var got []float32
	buf := make([]float32, 333)
	for i := 0; i < len(x); i += 701 {
		s.Push(x[i:min(i+701, len(x))])
		for {
			n := s.Pull(buf)
			got = append(got, buf[:n]...)
			if n < len(buf) {
				break
			}
		}
	}
	s.Close()
	for {
		n := s.Pull(buf)
		got = append(got, buf[:n]...)
		if n == 0 {
			break
		}
	}
	if len(got) < len(want)-1 || len(got) > len(want)+1 {
		t.Fatalf("stream gave %d samples, one-shot %d", len(got), len(want))
	}
	for i := 0; i < min(len(got), len(want)); i++ {
		if math.Abs(float64(got[i]-want[i])) > 1e-6 {
			t.Fatalf("sample %d: %v vs %v", i, got[i], want[i])
		}
	}
}
