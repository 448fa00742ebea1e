package audio

import (
	"math"
	"os"

	"testing"
)

// HRTF: Chromium uses the IRCAM composite set, mediad the KEMAR set of Debian's libopenal-data,
// so the waveforms differ by design. What must agree is the spatial impression: the interaural
// level difference (ILD) and the overall level, within the bounds below.

const (
	hrtfILDBound   = 5.0 // dB, |ILD mediad − ILD Chromium|
	hrtfLevelBound = 3.0 // dB, |level mediad − level Chromium|
)

func hrtfCase(name string, x, y, z float32) diffCase {
	return diffCase{name: name, channels: 2, length: 8192, rate: 44100,
		js: jsNoiseSrc(1, 8192, "17") + `const p = ctx.createPanner(); p.panningModel = 'HRTF'; p.positionX.value = ` + ftoa(x) + `; p.positionY.value = ` + ftoa(y) + `; p.positionZ.value = ` + ftoa(z) + `; s.connect(p).connect(ctx.destination);`,
		build: func(c *OfflineContext) error {
			s := noiseSrc(c, 1, 8192, 17)
			p := c.CreatePanner()
			return firstErr(p.SetPanningModel(HRTF), p.SetPosition(x, y, z), s.Connect(p), p.Connect(c.Destination()))
		},
		check: func(t *testing.T, ref, got [][]float32) {
			db := func(x []float32) float64 {
				var e float64
				for _, v := range x[2048:] { // past Chromium's HRTF latency and start-up
					e += float64(v) * float64(v)
				}
				return 10 * math.Log10(e+1e-30)
			}
			ildRef, ildGot := db(ref[1])-db(ref[0]), db(got[1])-db(got[0])
			lvlRef := 10 * math.Log10(math.Pow(10, db(ref[0])/10)+math.Pow(10, db(ref[1])/10))
			lvlGot := 10 * math.Log10(math.Pow(10, db(got[0])/10)+math.Pow(10, db(got[1])/10))
			if os.Getenv("REPORT_SNR") != "" {
				t.Logf("ILD Chromium %.1f dB, mediad %.1f dB; level difference %.1f dB", ildRef, ildGot, lvlGot-lvlRef)
			}
			if math.Abs(ildRef-ildGot) > hrtfILDBound || math.Abs(lvlRef-lvlGot) > hrtfLevelBound {
				t.Errorf("ILD Chromium %.1f dB, mediad %.1f dB; level Chromium %.1f dB, mediad %.1f dB", ildRef, ildGot, lvlRef, lvlGot)
			}
		}}
}

var hrtfCases = []diffCase{
	hrtfCase("hrtf-front", 0, 0, -1),
	hrtfCase("hrtf-right-45", 1, 0, -1),
	hrtfCase("hrtf-left-90", -2, 0, 0),
	hrtfCase("hrtf-right-back-135", 1, 0, 1),
	hrtfCase("hrtf-up-left", -1, 1, -0.5),
}

func TestChromiumHRTF(t *testing.T) {
	if _, err := hrtfSet(44100); err != nil {
		t.Skip(err)
	}
	runDiffCases(t, hrtfCases)
}
