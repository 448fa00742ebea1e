// Package hrtf reads head-related impulse responses in OpenAL Soft's "MinPHR02" format (the
// minimum-phase sets Debian ships in libopenal-data, measured on a KEMAR dummy head) and looks up
// a blended left/right response pair for any direction.
package hrtf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrFormat reports data that is not a MinPHR02 set this package can read.
var ErrFormat = errors.New("hrtf: invalid or unsupported data")

// Set is one field (distance) of measured responses on a sphere: elevations from −90° to +90° in
// equal steps, each with its own number of azimuths, azimuth 0 in front.
type Set struct {
	SampleRate int
	IRSize     int
	elevs      []elevation
	// Right-ear responses mirror the left ear's (the data is left-ear only) or are stored.
	stereo bool
}

type elevation struct {
	az    int         // number of azimuths
	left  [][]float32 // per azimuth
	right [][]float32
	dl    []float64 // onset delay per azimuth, samples
	dr    []float64
}

// Parse reads a MinPHR02 file.
func Parse(data []byte) (*Set, error) {
	if len(data) < 17 || string(data[:8]) != "MinPHR02" {
		return nil, fmt.Errorf("%w: missing MinPHR02 header", ErrFormat)
	}
	rate := int(binary.LittleEndian.Uint32(data[8:]))
	sampleType, channelType, irSize, fields := data[12], data[13], int(data[14]), int(data[15])
	if rate < 8000 || rate > 192000 || sampleType > 1 || channelType > 1 || irSize < 8 || irSize > 512 || fields < 1 {
		return nil, fmt.Errorf("%w: rate %d, sample type %d, channels %d, IR size %d, fields %d", ErrFormat, rate, sampleType, channelType, irSize, fields)
	}
	p := 16
	type field struct{ az []int }
	fs := make([]field, fields)
	for f := range fs {
		if p+3 > len(data) {
			return nil, fmt.Errorf("%w: truncated field table", ErrFormat)
		}
		evCount := int(data[p+2])
		p += 3
		if evCount < 5 || evCount > 181 || p+evCount > len(data) {
			return nil, fmt.Errorf("%w: %d elevations", ErrFormat, evCount)
		}
		for e := 0; e < evCount; e++ {
			n := int(data[p+e])
			if n < 1 {
				return nil, fmt.Errorf("%w: elevation with no azimuths", ErrFormat)
			}
			fs[f].az = append(fs[f].az, n)
		}
		p += evCount
	}
	chans := 1 + int(channelType)
	bytesPer := 2 + int(sampleType)
	total := 0
	for _, f := range fs {
		for _, n := range f.az {
			total += n
		}
	}
	need := total*chans*irSize*bytesPer + total*chans
	if len(data)-p < need {
		return nil, fmt.Errorf("%w: %d bytes of responses, %d needed", ErrFormat, len(data)-p, need)
	}
	// Only the first (nearest) field is used: Web Audio's HRTF panning has no distance model of
	// its own.
	s := &Set{SampleRate: rate, IRSize: irSize, stereo: chans == 2}
	readIR := func() []float32 {
		ir := make([]float32, irSize)
		for i := range ir {
			var v int32
			if bytesPer == 2 {
				v = int32(int16(binary.LittleEndian.Uint16(data[p:])))
				ir[i] = float32(float64(v) / 32768)
			} else {
				v = int32(uint32(data[p])<<8|uint32(data[p+1])<<16|uint32(data[p+2])<<24) >> 8
				ir[i] = float32(float64(v) / 8388608)
			}
			p += bytesPer
		}
		return ir
	}
	for fi, f := range fs {
		for _, n := range f.az {
			var el elevation
			if fi == 0 {
				el.az = n
			}
			for a := 0; a < n; a++ {
				l := readIR()
				var r []float32
				if chans == 2 {
					r = readIR()
				}
				if fi == 0 {
					el.left = append(el.left, l)
					el.right = append(el.right, r)
				}
			}
			if fi == 0 {
				s.elevs = append(s.elevs, el)
			}
		}
	}
	for fi, f := range fs {
		for e, n := range f.az {
			for a := 0; a < n; a++ {
				for c := 0; c < chans; c++ {
					d := float64(data[p])
					p++
					if fi != 0 {
						continue
					}
					if c == 0 {
						s.elevs[e].dl = append(s.elevs[e].dl, d)
					} else {
						s.elevs[e].dr = append(s.elevs[e].dr, d)
					}
				}
			}
		}
	}
	if !s.stereo {
		// The right ear at azimuth a hears what the left ear hears at −a.
		for e := range s.elevs {
			el := &s.elevs[e]
			el.right = make([][]float32, el.az)
			el.dr = make([]float64, el.az)
			for a := 0; a < el.az; a++ {
				m := (el.az - a) % el.az
				el.right[a] = el.left[m]
				el.dr[a] = el.dl[m]
			}
		}
	}
	return s, nil
}

// Elevations is the number of measured elevations.
func (s *Set) Elevations() int { return len(s.elevs) }

// Azimuths is the number of azimuths measured at elevation index e.
func (s *Set) Azimuths(e int) int { return s.elevs[e].az }

// Response blends the four measured responses around (azimuth, elevation) in degrees —
// azimuth clockwise from the front (90 = right), elevation up from the horizon — and writes the
// left and right responses (len IRSize) and their onset delays in samples.
func (s *Set) Response(azimuth, elevation float64, left, right []float32) (delayL, delayR float64) {
	clear(left[:s.IRSize])
	clear(right[:s.IRSize])
	n := len(s.elevs)
	pos := (math.Max(-90, math.Min(90, elevation)) + 90) / 180 * float64(n-1)
	e0 := min(int(pos), n-1)
	e1 := min(e0+1, n-1)
	fe := pos - float64(e0)
	az := math.Mod(azimuth, 360)
	if az < 0 {
		az += 360
	}
	for k, ew := range [2]struct {
		e int
		w float64
	}{{e0, 1 - fe}, {e1, fe}} {
		if ew.w == 0 && k == 1 {
			continue
		}
		el := &s.elevs[ew.e]
		ap := az / 360 * float64(el.az)
		a0 := int(ap) % el.az
		a1 := (a0 + 1) % el.az
		fa := ap - math.Floor(ap)
		for _, aw := range [2]struct {
			a int
			w float64
		}{{a0, 1 - fa}, {a1, fa}} {
			w := float32(ew.w * aw.w)
			if w == 0 {
				continue
			}
			for i := 0; i < s.IRSize; i++ {
				left[i] += w * el.left[aw.a][i]
				right[i] += w * el.right[aw.a][i]
			}
			delayL += float64(w) * el.dl[aw.a]
			delayR += float64(w) * el.dr[aw.a]
		}
	}
	return delayL, delayR
}

// Resampled returns the set converted to sample rate to: every response through resample (which
// maps a response at the set's rate to one at the new rate) and the delays scaled.
func (s *Set) Resampled(to int, resample func(x []float32, in, out float64) []float32) *Set {
	if to == s.SampleRate {
		return s
	}
	k := float64(to) / float64(s.SampleRate)
	out := &Set{SampleRate: to, stereo: s.stereo}
	for _, el := range s.elevs {
		ne := elevation{az: el.az}
		for a := 0; a < el.az; a++ {
			l := resample(el.left[a], float64(s.SampleRate), float64(to))
			r := resample(el.right[a], float64(s.SampleRate), float64(to))
			// The resampler keeps the gain of a signal; an impulse response must keep its sum
			// instead, which scales with the rate.
			for i := range l {
				l[i] /= float32(k)
			}
			for i := range r {
				r[i] /= float32(k)
			}
			ne.left = append(ne.left, l)
			ne.right = append(ne.right, r)
			ne.dl = append(ne.dl, el.dl[a]*k)
			ne.dr = append(ne.dr, el.dr[a]*k)
		}
		out.elevs = append(out.elevs, ne)
	}
	out.IRSize = len(out.elevs[0].left[0])
	return out
}
