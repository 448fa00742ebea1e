package image

import (
	"math"
	"strconv"
	"strings"
)

// Rect is an explicit rectangle in pixels of the upright image (EXIF orientation
// applied), as wx APIs spell it.
type Rect struct {
	X, Y, Width, Height int
}

// Gravity says where a crop of fixed size sits when it is smaller than the image.
type Gravity string

// Gravities. The zero value is GravityCentre.
const (
	GravityCentre    Gravity = "centre"
	GravityNorth     Gravity = "north"
	GravitySouth     Gravity = "south"
	GravityEast      Gravity = "east"
	GravityWest      Gravity = "west"
	GravityNorthEast Gravity = "northeast"
	GravityNorthWest Gravity = "northwest"
	GravitySouthEast Gravity = "southeast"
	GravitySouthWest Gravity = "southwest"
	// GravityAttention places the crop over the most salient part of the image:
	// edges, saturated colour and skin tones (see attention.go).
	GravityAttention Gravity = "attention"
)

// anchor returns the fractional position (0 = left/top, 1 = right/bottom) of a gravity.
func (g Gravity) anchor() (fx, fy float64, ok bool) {
	switch strings.ToLower(string(g)) {
	case "", "centre", "center":
		return 0.5, 0.5, true
	case "north":
		return 0.5, 0, true
	case "south":
		return 0.5, 1, true
	case "east":
		return 1, 0.5, true
	case "west":
		return 0, 0.5, true
	case "northeast":
		return 1, 0, true
	case "northwest":
		return 0, 0, true
	case "southeast":
		return 1, 1, true
	case "southwest":
		return 0, 1, true
	}
	return 0, 0, false
}

func (g Gravity) valid() bool {
	if strings.EqualFold(string(g), string(GravityAttention)) {
		return true
	}
	_, _, ok := g.anchor()
	return ok
}

func (g Gravity) isAttention() bool { return strings.EqualFold(string(g), string(GravityAttention)) }

// maxRatio bounds each side of a cropScale so "1:1e300" cannot produce a degenerate
// rectangle; real aspect ratios are far inside it.
const maxRatio = 10000

// ParseCropScale parses a cropScale such as "16:9", "4:5" or "1.91:1" into its width
// and height parts.
func ParseCropScale(s string) (w, h float64, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, 0, paramErr("cropScale", "%q is not of the form W:H (e.g. 16:9)", s)
	}
	w, errW := strconv.ParseFloat(strings.TrimSpace(a), 64)
	h, errH := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if errW != nil || errH != nil || !(w > 0) || !(h > 0) || w > maxRatio || h > maxRatio {
		return 0, 0, paramErr("cropScale", "%q must be two positive numbers up to %d separated by ':'", s, maxRatio)
	}
	return w, h, nil
}

// ratioSize is the largest rectangle of aspect rw:rh that fits in w×h.
func ratioSize(w, h int, rw, rh float64) (int, int) {
	if float64(w)*rh >= float64(h)*rw {
		cw := int(math.Round(float64(h) * rw / rh))
		return min(max(cw, 1), w), h
	}
	ch := int(math.Round(float64(w) * rh / rw))
	return w, min(max(ch, 1), h)
}

// place positions a cw×ch rectangle inside w×h by a gravity anchor.
func place(w, h, cw, ch int, fx, fy float64) Rect {
	return Rect{
		X:     int(math.Round(float64(w-cw) * fx)),
		Y:     int(math.Round(float64(h-ch) * fy)),
		Width: cw, Height: ch,
	}
}

// matchesRatio reports whether a rectangle has aspect rw:rh up to one pixel of rounding.
func matchesRatio(r Rect, rw, rh float64) bool {
	// |r.W/r.H - rw/rh| expressed in pixels of the longer side of the rectangle.
	want := float64(r.Height) * rw / rh
	if math.Abs(float64(r.Width)-want) <= 1 {
		return true
	}
	want = float64(r.Width) * rh / rw
	return math.Abs(float64(r.Height)-want) <= 1
}

// fitSize computes the output size for compressedWidth/compressedHeight: one given, the
// other follows the aspect ratio; both given, the image fits inside the box; neither,
// the size is kept. Without upscale the result is never larger than the input.
func fitSize(w, h, tw, th int, upscale bool) (int, int) {
	if tw <= 0 && th <= 0 {
		return w, h
	}
	s := math.Inf(1)
	if tw > 0 {
		s = float64(tw) / float64(w)
	}
	if th > 0 {
		s = math.Min(s, float64(th)/float64(h))
	}
	if s >= 1 && !upscale {
		return w, h
	}
	ow := int(math.Round(float64(w) * s))
	oh := int(math.Round(float64(h) * s))
	// The given side is exact; only the derived side is rounded.
	if tw > 0 && float64(tw)/float64(w) == s {
		ow = tw
	}
	if th > 0 && float64(th)/float64(h) == s {
		oh = th
	}
	return max(ow, 1), max(oh, 1)
}
