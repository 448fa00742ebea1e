package paint

import "image/color"

// Shader writes len(dst)/4 premultiplied RGBA pixels for device row y starting
// at column x, each sampled at its pixel centre.
type Shader interface {
	Shade(x, y int, dst []uint8)
}

// Solid is a single colour.
type Solid struct {
	c color.NRGBA
	p [4]uint8
}

// NewSolid returns a solid paint of c (non-premultiplied, as parsed from CSS).
func NewSolid(c color.NRGBA) *Solid { return &Solid{c: c, p: Premultiply(c)} }

// Premul returns the premultiplied colour, for compositing fast paths.
func (s *Solid) Premul() [4]uint8 { return s.p }

// Color returns the colour as given.
func (s *Solid) Color() color.NRGBA { return s.c }

// Shade fills dst with the colour.
func (s *Solid) Shade(x, y int, dst []uint8) {
	if len(dst) < 4 {
		return
	}
	dst = dst[:len(dst)/4*4]
	copy(dst, s.p[:])
	for k := 4; k < len(dst); k *= 2 {
		copy(dst[k:], dst[:k])
	}
}

// Premultiply converts a CSS colour to premultiplied bytes, rounding to nearest
// as Skia does.
func Premultiply(c color.NRGBA) [4]uint8 {
	a := uint32(c.A)
	return [4]uint8{
		uint8((uint32(c.R)*a + 127) / 255),
		uint8((uint32(c.G)*a + 127) / 255),
		uint8((uint32(c.B)*a + 127) / 255),
		c.A,
	}
}

// clearPixels writes transparent black, for shaders that paint nothing.
func clearPixels(dst []uint8) { clear(dst[:len(dst)/4*4]) }
