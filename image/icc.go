package image

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	stdimage "image"
	"io"
	"math"

	"github.com/seed92233726/mediad/codec"
)

// ICC handling: RGB matrix/TRC profiles (the kind cameras, phones and editors embed:
// Display P3, Adobe RGB, ProPhoto, Rec. 2020, and sRGB itself) are converted to sRGB, so
// the colours look the same once the profile is stripped with the other metadata.
// Other profiles (LUT-based, CMYK, grey) are dropped and the pixels kept as they are.

// maxICC bounds an embedded profile; real ones are a few hundred bytes to a few
// hundred kilobytes.
const maxICC = 4 << 20

// extractICC returns the embedded ICC profile of a JPEG, PNG or WebP file, or nil.
func extractICC(data []byte, f codec.Format) []byte {
	switch f {
	case codec.JPEG:
		return jpegICC(data)
	case codec.PNG:
		return pngICC(data)
	case codec.WebP:
		return webpICC(data)
	}
	return nil
}

// webpICC returns the ICCP chunk of an extended (VP8X) WebP file.
func webpICC(data []byte) []byte {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil
	}
	for p := 12; p+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[p+4:]))
		if n < 0 || n > len(data)-p-8 {
			return nil
		}
		switch string(data[p : p+4]) {
		case "ICCP":
			if n > maxICC {
				return nil
			}
			return data[p+8 : p+8+n]
		case "VP8 ", "VP8L", "ANIM": // the profile must come before the image data
			return nil
		}
		p += 8 + n + n&1
	}
	return nil
}

// jpegICC concatenates the APP2 "ICC_PROFILE" chunks in their sequence order.
func jpegICC(data []byte) []byte {
	var parts [256][]byte
	total := 0
	count := 0
	p := 2
	for p+4 <= len(data) && data[p] == 0xFF {
		m := data[p+1]
		if m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == 0xFF {
			p++
			continue
		}
		if m == 0xDA || m == 0xD9 { // pixels start: no more metadata
			break
		}
		n := int(binary.BigEndian.Uint16(data[p+2:]))
		if n < 2 || p+2+n > len(data) {
			break
		}
		seg := data[p+4 : p+2+n]
		if m == 0xE2 && len(seg) > 14 && string(seg[:12]) == "ICC_PROFILE\x00" {
			seq, cnt := int(seg[12]), int(seg[13])
			if seq >= 1 && parts[seq] == nil {
				parts[seq] = seg[14:]
				total += len(seg) - 14
				count = max(count, cnt)
			}
		}
		p += 2 + n
	}
	if count == 0 || total > maxICC {
		return nil
	}
	out := make([]byte, 0, total)
	for i := 1; i <= count; i++ {
		if parts[i] == nil {
			return nil // a missing chunk: the profile is unusable
		}
		out = append(out, parts[i]...)
	}
	return out
}

// pngICC inflates the iCCP chunk.
func pngICC(data []byte) []byte {
	p := 8
	for p+12 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		if n < 0 || p+12+n > len(data) || typ == "IDAT" {
			return nil
		}
		if typ == "iCCP" {
			body := data[p+8 : p+8+n]
			i := bytes.IndexByte(body, 0)
			if i < 0 || i+2 > len(body) || body[i+1] != 0 {
				return nil
			}
			zr, err := zlib.NewReader(bytes.NewReader(body[i+2:]))
			if err != nil {
				return nil
			}
			prof, err := io.ReadAll(io.LimitReader(zr, maxICC+1))
			if err != nil || len(prof) > maxICC {
				return nil
			}
			return prof
		}
		p += 12 + n
	}
	return nil
}

// iccToSRGB converts 8-bit values encoded for one RGB matrix/TRC profile to sRGB.
type iccToSRGB struct {
	lin [3][256]float32 // profile TRC: code value → linear
	m   [9]float32      // linear profile RGB → linear sRGB
	enc [4096]uint8     // linear sRGB (quantised to 12 bits) → sRGB code value
}

// xyzD50ToSRGB is the inverse of sRGB's Bradford-adapted D50 colorant matrix, the
// matrix an ICC sRGB profile carries.
var xyzD50ToSRGB = [9]float64{
	3.1338561, -1.6168667, -0.4906146,
	-0.9787684, 1.9161415, 0.0334540,
	0.0719453, -0.2289914, 1.4052427,
}

// parseICC returns the conversion for an RGB matrix/TRC profile, nil when the profile
// is already sRGB (to within rounding), or an error for profiles it cannot apply.
func parseICC(p []byte) (*iccToSRGB, error) {
	if len(p) < 132 || int(binary.BigEndian.Uint32(p)) > len(p) {
		return nil, errors.New("truncated profile")
	}
	if string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " {
		return nil, errors.New("not an RGB profile with an XYZ connection space")
	}
	n := int(binary.BigEndian.Uint32(p[128:]))
	if n > (len(p)-132)/12 {
		return nil, errors.New("tag table truncated")
	}
	tags := map[string][]byte{}
	for i := 0; i < n; i++ {
		e := p[132+12*i:]
		off, size := int(binary.BigEndian.Uint32(e[4:])), int(binary.BigEndian.Uint32(e[8:]))
		if off < 0 || size < 0 || off > len(p) || size > len(p)-off {
			return nil, errors.New("tag outside the profile")
		}
		tags[string(e[:4])] = p[off : off+size]
	}
	var prof [9]float64
	for c, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		t := tags[sig]
		if len(t) < 20 || string(t[:4]) != "XYZ " {
			return nil, errors.New("no colorant " + sig + " (not a matrix/TRC profile)")
		}
		for k := 0; k < 3; k++ {
			prof[k*3+c] = s15f16(t[8+4*k:])
		}
	}
	x := &iccToSRGB{}
	var m [9]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				m[i*3+j] += xyzD50ToSRGB[i*3+k] * prof[k*3+j]
			}
		}
	}
	identity := true
	for i, v := range m {
		x.m[i] = float32(v)
		want := 0.0
		if i%4 == 0 {
			want = 1
		}
		if math.Abs(v-want) > 0.002 {
			identity = false
		}
	}
	for c, sig := range []string{"rTRC", "gTRC", "bTRC"} {
		curve, err := parseTRC(tags[sig])
		if err != nil {
			return nil, errors.New(sig + ": " + err.Error())
		}
		for v := 0; v < 256; v++ {
			l := curve(float64(v) / 255)
			x.lin[c][v] = float32(l)
			if math.Abs(l-srgbDecode(float64(v)/255)) > 0.5/255 {
				identity = false
			}
		}
	}
	if identity {
		return nil, nil
	}
	for i := range x.enc {
		x.enc[i] = uint8(math.Round(255 * srgbEncode(float64(i)/4095)))
	}
	return x, nil
}

func s15f16(b []byte) float64 { return float64(int32(binary.BigEndian.Uint32(b))) / 65536 }

// parseTRC reads a 'curv' or 'para' tone curve as a function on [0, 1].
func parseTRC(t []byte) (func(float64) float64, error) {
	if len(t) < 12 {
		return nil, errors.New("missing tone curve")
	}
	switch string(t[:4]) {
	case "curv":
		n := int(binary.BigEndian.Uint32(t[8:]))
		switch {
		case n == 0:
			return func(v float64) float64 { return v }, nil
		case n == 1 && len(t) >= 14:
			g := float64(binary.BigEndian.Uint16(t[12:])) / 256
			return func(v float64) float64 { return math.Pow(v, g) }, nil
		case n >= 2 && n <= (len(t)-12)/2:
			tab := make([]float64, n)
			for i := range tab {
				tab[i] = float64(binary.BigEndian.Uint16(t[12+2*i:])) / 65535
			}
			return func(v float64) float64 {
				f := v * float64(n-1)
				i := min(int(f), n-2)
				return tab[i] + (tab[i+1]-tab[i])*(f-float64(i))
			}, nil
		}
		return nil, errors.New("bad curv")
	case "para":
		fn := int(binary.BigEndian.Uint16(t[8:]))
		np := [...]int{1, 3, 4, 5, 7}
		if fn > 4 || len(t) < 12+4*np[fn] {
			return nil, errors.New("bad para")
		}
		var q [7]float64
		for i := 0; i < np[fn]; i++ {
			q[i] = s15f16(t[12+4*i:])
		}
		g, a, b, c, d, e, f := q[0], q[1], q[2], q[3], q[4], q[5], q[6]
		pow := func(x float64) float64 {
			if x <= 0 {
				return 0
			}
			return math.Pow(x, g)
		}
		switch fn {
		case 0:
			return func(x float64) float64 { return pow(x) }, nil
		case 1:
			return func(x float64) float64 {
				if x >= -b/a {
					return pow(a*x + b)
				}
				return 0
			}, nil
		case 2:
			return func(x float64) float64 {
				if x >= -b/a {
					return pow(a*x+b) + c
				}
				return c
			}, nil
		case 3:
			return func(x float64) float64 {
				if x >= d {
					return pow(a*x + b)
				}
				return c * x
			}, nil
		default:
			return func(x float64) float64 {
				if x >= d {
					return pow(a*x+b) + e
				}
				return c*x + f
			}, nil
		}
	}
	return nil, errors.New("unknown curve type " + string(t[:4]))
}

func srgbDecode(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func srgbEncode(v float64) float64 {
	if v <= 0.0031308 {
		return 12.92 * v
	}
	return 1.055*math.Pow(v, 1/2.4) - 0.055
}

// apply converts img in place when it is RGBA; other types are converted to RGBA
// first. Gray images are returned unchanged (a grey profile is not matrix/TRC RGB).
func (x *iccToSRGB) apply(img stdimage.Image) stdimage.Image {
	if _, ok := img.(*stdimage.Gray); ok {
		return img
	}
	m, ok := img.(*stdimage.RGBA)
	if !ok {
		m = toRGBA(img)
	}
	rows(m, func(row []uint8) {
		for i := 0; i+3 < len(row); i += 4 {
			p := row[i : i+4 : i+4]
			a := p[3]
			if a == 0 {
				continue
			}
			r, g, b := p[0], p[1], p[2]
			if a != 255 { // the profile describes unpremultiplied values
				r, g, b = uint8(uint32(r)*255/uint32(a)), uint8(uint32(g)*255/uint32(a)), uint8(uint32(b)*255/uint32(a))
			}
			lr, lg, lb := x.lin[0][r], x.lin[1][g], x.lin[2][b]
			for c := 0; c < 3; c++ {
				v := x.m[c*3]*lr + x.m[c*3+1]*lg + x.m[c*3+2]*lb
				q := int(v*4095 + 0.5)
				q = min(max(q, 0), 4095)
				o := x.enc[q]
				if a != 255 {
					o = uint8((uint32(o)*uint32(a) + 127) / 255)
				}
				p[c] = o
			}
		}
	})
	return m
}
