package audio

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"testing"

	"github.com/seed92233726/mediad/audio/internal/hrtf"
)

// withHRTF runs f with the HRTF set state reset, restoring it afterwards.
func withHRTF(t *testing.T, paths []string, data []byte, f func()) {
	t.Helper()
	hrtfState.Lock()
	saved := struct {
		paths  []string
		sets   []*hrtf.Set
		loaded bool
	}{HRTFPaths, hrtfState.sets, hrtfState.loaded}
	savedBy := hrtfState.byRate
	HRTFPaths = paths
	hrtfState.sets, hrtfState.loaded, hrtfState.byRate = nil, false, nil
	hrtfState.Unlock()
	defer func() {
		hrtfState.Lock()
		HRTFPaths = saved.paths
		hrtfState.sets = saved.sets
		hrtfState.loaded, hrtfState.byRate = saved.loaded, savedBy
		hrtfState.Unlock()
	}()
	if data != nil {
		if err := LoadHRTF(data); err != nil {
			t.Fatal(err)
		}
	}
	f()
}

// tinyHRTF is a MinPHR02 set (16-bit, left ear only, 44.1 kHz) of 5 elevations where every
// response is a single tap whose height encodes elevation and azimuth, with a delay of
// elevation+azimuth samples.
func tinyHRTF() []byte {
	az := []int{1, 4, 8, 4, 1}
	b := []byte("MinPHR02")
	b = binary.LittleEndian.AppendUint32(b, 44100)
	b = append(b, 0, 0, 8, 1, 0x78, 0x05, byte(len(az)))
	for _, n := range az {
		b = append(b, byte(n))
	}
	for e, n := range az {
		for a := 0; a < n; a++ {
			for i := 0; i < 8; i++ {
				v := int16(0)
				if i == 0 {
					v = int16(1000*e + 100*a)
				}
				b = binary.LittleEndian.AppendUint16(b, uint16(v))
			}
		}
	}
	for e, n := range az {
		for a := 0; a < n; a++ {
			b = append(b, byte(e+a))
		}
	}
	return b
}

func TestHRTFImpulseThroughTinySet(t *testing.T) {
	withHRTF(t, nil, tinyHRTF(), func() {
		c := mustOffline(t, 2, 256, 44100)
		src := c.CreateBufferSource()
		src.SetBuffer(mkbuf(c, 1, 1, 44100, func(_, _ int) float64 { return 1 }))
		p := c.CreatePanner()
		if err := p.SetPanningModel(HRTF); err != nil {
			t.Fatal(err)
		}
		// Source to the right (x = 1), listener defaults: azimuth 90, elevation 0, distance 1.
		p.SetPosition(1, 0, 0)
		src.Connect(p)
		p.Connect(c.Destination())
		src.Start(0)
		out := render(t, c)
		l, _ := out.GetChannelData(0)
		r, _ := out.GetChannelData(1)
		// Left ear: elevation 2, azimuth index 2 → tap 2200/32768 after 4 samples. Right ear mirrors
		// azimuth 6 → 2600/32768 after 8 samples.
		if math.Abs(float64(l[4])-hrtfGain*2200.0/32768) > 1e-6 || math.Abs(float64(r[8])-hrtfGain*2600.0/32768) > 1e-6 {
			t.Fatalf("impulse: left[4] %v right[8] %v", l[4]*32768, r[8]*32768)
		}
		for i, v := range l[:20] {
			if i != 4 && v != 0 {
				t.Fatalf("left[%d] = %v, want silence", i, v)
			}
		}
	})
}

func TestHRTFWithoutSet(t *testing.T) {
	withHRTF(t, []string{"/nonexistent.mhr"}, nil, func() {
		c := mustOffline(t, 2, 128, 44100)
		if err := c.CreatePanner().SetPanningModel(HRTF); !errors.Is(err, ErrNotSupported) {
			t.Fatalf("no HRTF set: %v", err)
		}
	})
	if err := LoadHRTF([]byte("junk")); !errors.Is(err, ErrNotSupported) {
		t.Fatalf("bad set: %v", err)
	}
}

// With the Debian KEMAR set: sources left and right are louder in the near ear, and a source
// sweeping around the head renders without clicks.
func TestHRTFDebianSet(t *testing.T) {
	if _, err := os.Stat(HRTFPaths[0]); err != nil {
		t.Skip("libopenal-data not installed")
	}
	c := mustOffline(t, 2, 44100, 48000) // 48 kHz: the 48 kHz file, or a resampled one
	src := c.CreateOscillator()
	src.Frequency().SetValue(500)
	src.Start(0)
	p := c.CreatePanner()
	if err := p.SetPanningModel(HRTF); err != nil {
		t.Fatal(err)
	}
	// Around the head once in ~0.9 s at radius 2.
	for i := 0; i <= 36; i++ {
		a := float64(i) * 10 * math.Pi / 180
		tt := float64(i) * 0.025
		p.PositionX().SetValueAtTime(float32(2*math.Sin(a)), tt)
		p.PositionZ().SetValueAtTime(float32(-2*math.Cos(a)), tt)
	}
	src.Connect(p)
	p.Connect(c.Destination())
	out := render(t, c)
	l, _ := out.GetChannelData(0)
	r, _ := out.GetChannelData(1)
	energy := func(x []float32) (e float64) {
		for _, v := range x {
			e += float64(v) * float64(v)
		}
		return
	}
	// 90° (right) is at 0.225 s, 270° (left) at 0.675 s.
	at := func(s float64) int { return int(s * 48000) }
	rightL, rightR := energy(l[at(0.215):at(0.235)]), energy(r[at(0.215):at(0.235)])
	leftL, leftR := energy(l[at(0.665):at(0.685)]), energy(r[at(0.665):at(0.685)])
	if rightR < 2*rightL || leftL < 2*leftR {
		t.Fatalf("interaural levels: source right L %v R %v; source left L %v R %v", rightL, rightR, leftL, leftR)
	}
	var jump float64
	for i := 1; i < len(l); i++ {
		jump = math.Max(jump, math.Abs(float64(l[i]-l[i-1])))
	}
	// A 500 Hz sine of amplitude ≲ 1 changes by at most ~0.07 per sample at 48 kHz.
	if jump > 0.1 {
		t.Fatalf("a click: sample-to-sample change %v", jump)
	}
}
