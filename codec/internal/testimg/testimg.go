// Package testimg builds the images codec's tests, fuzz seeds and benchmarks use: a
// procedural photo-like picture and hand-assembled files for the edge cases encoders
// do not write on their own (EXIF orientation in every container, animated WebP,
// interlaced PNG, restart markers, truncation).
package testimg

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"math"
)

// Photo returns a deterministic photo-like w×h image: smooth gradients, a soft disc,
// fine stripes and hash noise, so codecs see both flat areas and texture.
func Photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy, r := float64(w)*0.6, float64(h)*0.4, math.Min(float64(w), float64(h))*0.3
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride:]
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/float64(w), float64(y)/float64(h)
			rr := 40 + 150*fx
			gg := 60 + 120*fy
			bb := 90 + 100*(1-fx)*fy
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			if d < r {
				k := 1 - d/r
				rr += 80 * k
				gg += 40 * k
			}
			if (x/3+y/7)%5 == 0 {
				bb += 30
			}
			n := float64(hash(x, y)%32) - 16
			i := x * 4
			row[i+0] = clamp(rr + n)
			row[i+1] = clamp(gg + n)
			row[i+2] = clamp(bb + n)
			row[i+3] = 0xff
		}
	}
	return m
}

// Alpha returns a w×h non-premultiplied image whose alpha ramps across x and whose
// colour ramps across y, with a fully transparent left column.
func Alpha(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := uint8(x * 255 / max(w-1, 1))
			m.SetNRGBA(x, y, color.NRGBA{uint8(y * 255 / max(h-1, 1)), 200, uint8(255 - x*255/max(w-1, 1)), a})
		}
	}
	return m
}

// Marker returns a w×h image with a distinct colour in each quadrant and a white pixel
// at (0,0), so every orientation transform is visible.
func Marker(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	quad := []color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			q := 0
			if x >= w/2 {
				q++
			}
			if y >= h/2 {
				q += 2
			}
			m.SetRGBA(x, y, quad[q])
		}
	}
	m.SetRGBA(0, 0, color.RGBA{255, 255, 255, 255})
	return m
}

type order interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

func hash(x, y int) uint32 {
	h := uint32(x)*0x9e3779b1 ^ uint32(y)*0x85ebca77
	h ^= h >> 15
	h *= 0x2c1b3c6d
	h ^= h >> 13
	return h
}

func clamp(v float64) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// EXIF returns a minimal TIFF-structured EXIF block holding only an orientation tag, in
// the given byte order, preceded by the "Exif\0\0" marker when withMarker is set.
func EXIF(o int, bigEndian, withMarker bool) []byte {
	var bo order = binary.LittleEndian
	hdr := []byte("II*\x00")
	if bigEndian {
		bo, hdr = binary.BigEndian, []byte("MM\x00*")
	}
	b := append([]byte{}, hdr...)
	b = bo.AppendUint32(b, 8)
	b = bo.AppendUint16(b, 2) // two entries: a dummy tag first, so the walk is exercised
	b = bo.AppendUint16(b, 0x010f)
	b = bo.AppendUint16(b, 2)
	b = bo.AppendUint32(b, 4)
	b = append(b, 'c', 'a', 'm', 0)
	b = bo.AppendUint16(b, 0x0112)
	b = bo.AppendUint16(b, 3)
	b = bo.AppendUint32(b, 1)
	b = bo.AppendUint16(b, uint16(o))
	b = bo.AppendUint16(b, 0)
	b = bo.AppendUint32(b, 0) // no next IFD
	if withMarker {
		b = append([]byte("Exif\x00\x00"), b...)
	}
	return b
}

// InsertJPEGAPP1 inserts an APP1 segment with payload right after the SOI marker.
func InsertJPEGAPP1(jpg, payload []byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xff, 0xe1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// PNGChunk returns one PNG chunk with its CRC.
func PNGChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// InsertPNGChunk inserts a chunk right after IHDR.
func InsertPNGChunk(p []byte, typ string, data []byte) []byte {
	const ihdrEnd = 8 + 8 + 13 + 4
	out := append([]byte{}, p[:ihdrEnd]...)
	out = append(out, PNGChunk(typ, data)...)
	return append(out, p[ihdrEnd:]...)
}

// RIFFChunk returns one RIFF chunk, padded to even length.
func RIFFChunk(typ string, data []byte) []byte {
	b := append([]byte(typ), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// WebPFile wraps chunks in a RIFF WEBP header.
func WebPFile(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	b := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(b, body...)
}

// WebPImageChunks returns the chunks after the RIFF header of a simple WebP file.
func WebPImageChunks(simple []byte) []byte { return simple[12:] }

// VP8X returns a VP8X chunk for a canvas of w×h with the given flags.
func VP8X(flags byte, w, h int) []byte {
	d := []byte{flags, 0, 0, 0}
	d = append(d, byte(w-1), byte((w-1)>>8), byte((w-1)>>16))
	d = append(d, byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	return RIFFChunk("VP8X", d)
}

// VP8X flags.
const (
	VP8XAnimation = 0x02
	VP8XEXIF      = 0x08
	VP8XAlpha     = 0x10
)

// WebPWithEXIF turns a simple (VP8 or VP8L) WebP into an extended one carrying exif.
func WebPWithEXIF(simple []byte, w, h int, alpha bool, exif []byte) []byte {
	flags := byte(VP8XEXIF)
	if alpha {
		flags |= VP8XAlpha
	}
	return WebPFile(VP8X(flags, w, h), WebPImageChunks(simple), RIFFChunk("EXIF", exif))
}

// AnimFrame is one frame of an animated WebP: a simple WebP file placed at (X, Y).
type AnimFrame struct {
	WebP           []byte
	X, Y, W, H     int
	DurationMs     int
	Blend, Dispose bool // Blend: alpha-blend onto the canvas; Dispose: clear to background after
}

// AnimatedWebP assembles an animated WebP from simple WebP frames (X and Y must be even).
func AnimatedWebP(w, h, loops int, frames []AnimFrame) []byte {
	anim := binary.LittleEndian.AppendUint32(nil, 0) // background: transparent
	anim = binary.LittleEndian.AppendUint16(anim, uint16(loops))
	chunks := [][]byte{VP8X(VP8XAnimation|VP8XAlpha, w, h), RIFFChunk("ANIM", anim)}
	for _, f := range frames {
		d := []byte{byte(f.X / 2), byte(f.X / 2 >> 8), byte(f.X / 2 >> 16), byte(f.Y / 2), byte(f.Y / 2 >> 8), byte(f.Y / 2 >> 16)}
		d = append(d, byte(f.W-1), byte((f.W-1)>>8), byte((f.W-1)>>16), byte(f.H-1), byte((f.H-1)>>8), byte((f.H-1)>>16))
		d = append(d, byte(f.DurationMs), byte(f.DurationMs>>8), byte(f.DurationMs>>16))
		var bits byte
		if !f.Blend {
			bits |= 0x02
		}
		if f.Dispose {
			bits |= 0x01
		}
		d = append(d, bits)
		d = append(d, WebPImageChunks(f.WebP)...)
		chunks = append(chunks, RIFFChunk("ANMF", d))
	}
	return WebPFile(chunks...)
}

// TIFFWithOrientation adds an Orientation entry to IFD0 of a little-endian TIFF written
// by golang.org/x/image/tiff, by appending a rewritten IFD0 at the end of the file.
func TIFFWithOrientation(t []byte, o int) []byte {
	var bo order = binary.LittleEndian
	if bytes.HasPrefix(t, []byte("MM")) {
		bo = binary.BigEndian
	}
	off := bo.Uint32(t[4:8])
	n := int(bo.Uint16(t[off:]))
	entries := t[off+2 : off+2+uint32(n)*12]
	out := append([]byte{}, t...)
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	newOff := uint32(len(out))
	out = bo.AppendUint16(out, uint16(n+1))
	inserted := false
	for i := 0; i < n; i++ {
		e := entries[i*12 : i*12+12]
		if !inserted && bo.Uint16(e[0:2]) > 0x0112 {
			out = appendOrientation(out, bo, o)
			inserted = true
		}
		out = append(out, e...)
	}
	if !inserted {
		out = appendOrientation(out, bo, o)
	}
	out = bo.AppendUint32(out, 0)
	bo.PutUint32(out[4:8], newOff)
	return out
}

func appendOrientation(b []byte, bo order, o int) []byte {
	b = bo.AppendUint16(b, 0x0112)
	b = bo.AppendUint16(b, 3)
	b = bo.AppendUint32(b, 1)
	b = bo.AppendUint16(b, uint16(o))
	return bo.AppendUint16(b, 0)
}
