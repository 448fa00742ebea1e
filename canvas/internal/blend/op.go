package blend

// Op is a canvas globalCompositeOperation.
type Op uint8

const (
	SourceOver Op = iota
	SourceIn
	SourceOut
	SourceAtop
	DestinationOver
	DestinationIn
	DestinationOut
	DestinationAtop
	Lighter
	Copy
	Xor
	Multiply
	Screen
	Overlay
	Darken
	Lighten
	ColorDodge
	ColorBurn
	HardLight
	SoftLight
	Difference
	Exclusion
	Hue
	Saturation
	Color
	Luminosity
	numOps
)

// NumOps is the number of operators; Op values are 0..NumOps-1.
const NumOps = int(numOps)

var opNames = [numOps]string{
	"source-over", "source-in", "source-out", "source-atop",
	"destination-over", "destination-in", "destination-out", "destination-atop",
	"lighter", "copy", "xor",
	"multiply", "screen", "overlay", "darken", "lighten", "color-dodge", "color-burn",
	"hard-light", "soft-light", "difference", "exclusion",
	"hue", "saturation", "color", "luminosity",
}

// ParseOp maps a globalCompositeOperation string to an Op. The match is exact
// and case-sensitive, as the canvas spec requires; ok is false for anything
// else and the setter then ignores the value.
func ParseOp(s string) (Op, bool) {
	for i, n := range opNames {
		if n == s {
			return Op(i), true
		}
	}
	return SourceOver, false
}

// String returns the operator's canvas name.
func (o Op) String() string {
	if o < numOps {
		return opNames[o]
	}
	return "invalid"
}

// ClearsOutsideShape reports operators whose result where the source is
// transparent differs from the destination. The canvas must apply them over its
// whole clip region, with the shape's coverage folded into the source (src×cov)
// and the clip as the coverage, so the area outside the shape is cleared or
// kept as the operator says. Chromium does the same by drawing such shapes into
// a layer first.
func (o Op) ClearsOutsideShape() bool {
	switch o {
	case Copy, SourceIn, SourceOut, DestinationIn, DestinationAtop:
		return true
	}
	return false
}

// IsPorterDuff reports the operators that are a fixed linear combination of
// source and destination (s×Fa + d×Fb), which includes copy.
func (o Op) IsPorterDuff() bool { return o <= Xor && o != Lighter }
