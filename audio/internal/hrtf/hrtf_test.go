package hrtf

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"testing"
)

// synth builds a MinPHR02 file (16-bit, left ear only) of 5 elevations whose responses encode
// their own elevation and azimuth index, so lookups can be checked exactly.
func synth(az []int, irSize int) []byte {
	b := []byte("MinPHR02")
	b = binary.LittleEndian.AppendUint32(b, 44100)
	b = append(b, 0, 0, byte(irSize), 1)
	b = append(b, 0x78, 0x05, byte(len(az)))
	for _, n := range az {
		b = append(b, byte(n))
	}
	for e, n := range az {
		for a := 0; a < n; a++ {
			for i := 0; i < irSize; i++ {
				v := int16(0)
				if i == 0 {
					v = int16(1000*e + 10*a)
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

func TestParseAndLookup(t *testing.T) {
	s, err := Parse(synth([]int{1, 4, 8, 4, 1}, 8))
	if err != nil {
		t.Fatal(err)
	}
	if s.Elevations() != 5 || s.Azimuths(2) != 8 || s.IRSize != 8 {
		t.Fatalf("layout %d elevations, %d azimuths", s.Elevations(), s.Azimuths(2))
	}
	l, r := make([]float32, 8), make([]float32, 8)
	cases := []struct {
		az, el       float64
		wantL, wantR float64 // first tap ×32768
		wantDL       float64
	}{
		{0, 0, 2000, 2000, 2},      // front, horizon: elevation 2, azimuth 0 both ears
		{90, 0, 2020, 2060, 4},     // right: left ear az 2, right ear mirrors az 6
		{45, 0, 2010, 2070, 3},     // exactly azimuth index 1
		{22.5, 0, 2005, 2035, 2.5}, // between azimuths 0 and 1 (right ear: mirrored 0 and 7)
		{0, 45, 3000, 3000, 3},     // elevation index 3
		{0, 22.5, 2500, 2500, 2.5}, // between elevations 2 and 3
		{0, 90, 4000, 4000, 4},     // top
		{-90, 0, 2060, 2020, 8},    // left: left ear az 6
	}
	for _, tc := range cases {
		dl, _ := s.Response(tc.az, tc.el, l, r)
		if math.Abs(float64(l[0])*32768-tc.wantL) > 0.01 || math.Abs(float64(r[0])*32768-tc.wantR) > 0.01 || math.Abs(dl-tc.wantDL) > 1e-9 {
			t.Errorf("az %v el %v: left %v right %v delay %v; want %v %v %v", tc.az, tc.el, l[0]*32768, r[0]*32768, dl, tc.wantL, tc.wantR, tc.wantDL)
		}
	}
}

func TestParseErrors(t *testing.T) {
	good := synth([]int{1, 4, 8, 4, 1}, 8)
	for name, data := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("MinPHR99"), good[8:]...),
		"truncated": good[:len(good)-10],
		"few elevs": synth([]int{1, 1}, 8),
		"tiny IR":   synth([]int{1, 4, 8, 4, 1}, 2),
	} {
		if _, err := Parse(data); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// The Debian set, when installed: a source on the right is louder in the right ear.
func TestDebianSet(t *testing.T) {
	data, err := os.ReadFile("/usr/share/openal/hrtf/default-44100.mhr")
	if err != nil {
		t.Skip("libopenal-data not installed")
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	l, r := make([]float32, s.IRSize), make([]float32, s.IRSize)
	energy := func(x []float32) (e float64) {
		for _, v := range x {
			e += float64(v) * float64(v)
		}
		return
	}
	dl, dr := s.Response(90, 0, l, r)
	if energy(r) < 4*energy(l) || dl <= dr {
		t.Fatalf("source at the right: energy L %v R %v, delays %v %v", energy(l), energy(r), dl, dr)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(synth([]int{1, 4, 8, 4, 1}, 8))
	f.Add(synth([]int{1, 2, 3, 2, 1, 1}, 16))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		l, r := make([]float32, s.IRSize), make([]float32, s.IRSize)
		s.Response(33, -20, l, r)
	})
}
