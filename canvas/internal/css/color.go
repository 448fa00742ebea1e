package css

import (
	"image/color"
	"math"
	"strconv"
)

// maxColorLen bounds the work done on hostile input: no valid colour string comes
// anywhere near it, and a canvas style setter may be called in a loop.
const maxColorLen = 256

// ParseColor parses a CSS colour. ok is false for anything a browser would reject,
// and the caller then keeps its previous style, as the canvas spec requires.
func ParseColor(s string) (c color.NRGBA, ok bool) {
	s = trimSpace(s)
	if len(s) == 0 || len(s) > maxColorLen {
		return c, false
	}
	if s[0] == '#' {
		return parseHex(s[1:])
	}
	var lower [maxColorLen]byte
	n := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'A' && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		lower[n] = ch
		n++
	}
	ls := lower[:n]
	open := -1
	for i, ch := range ls {
		if ch == '(' {
			open = i
			break
		}
	}
	if open < 0 {
		switch string(ls) {
		case "transparent":
			return color.NRGBA{}, true
		case "currentcolor":
			// A canvas not attached to a document has no inherited colour; the
			// spec and Chromium resolve currentcolor to opaque black.
			return color.NRGBA{A: 255}, true
		}
		v, found := namedColors[string(ls)]
		if !found {
			return c, false
		}
		return rgbHex(v), true
	}
	// CSS closes functions left open at the end of input, so "rgb(1 2 3" is
	// valid (Chromium agrees).
	body := ls[open+1:]
	if len(body) > 0 && body[len(body)-1] == ')' {
		body = body[:len(body)-1]
	}
	name := string(ls[:open])
	var args argList
	if !tokenize(body, &args) {
		return c, false
	}
	switch name {
	case "rgb", "rgba":
		return parseRGB(&args)
	case "hsl", "hsla":
		return parseHSL(&args)
	case "hwb":
		return parseHWB(&args)
	}
	return c, false
}

func isSpace(ch byte) bool {
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'
}

func trimSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func hexVal(ch byte) (uint8, bool) {
	switch {
	case ch >= '0' && ch <= '9':
		return ch - '0', true
	case ch >= 'a' && ch <= 'f':
		return ch - 'a' + 10, true
	case ch >= 'A' && ch <= 'F':
		return ch - 'A' + 10, true
	}
	return 0, false
}

func parseHex(h string) (color.NRGBA, bool) {
	var d [8]uint8
	if len(h) != 3 && len(h) != 4 && len(h) != 6 && len(h) != 8 {
		return color.NRGBA{}, false
	}
	for i := 0; i < len(h); i++ {
		v, ok := hexVal(h[i])
		if !ok {
			return color.NRGBA{}, false
		}
		d[i] = v
	}
	switch len(h) {
	case 3:
		return color.NRGBA{d[0] * 17, d[1] * 17, d[2] * 17, 255}, true
	case 4:
		return color.NRGBA{d[0] * 17, d[1] * 17, d[2] * 17, d[3] * 17}, true
	case 6:
		return color.NRGBA{d[0]<<4 | d[1], d[2]<<4 | d[3], d[4]<<4 | d[5], 255}, true
	}
	return color.NRGBA{d[0]<<4 | d[1], d[2]<<4 | d[3], d[4]<<4 | d[5], d[6]<<4 | d[7]}, true
}

type tokKind uint8

const (
	tokNumber  tokKind = iota // plain number
	tokPercent                // number followed by %
	tokAngle                  // number with an angle unit, value already in degrees
	tokNone                   // the keyword none
	tokComma
	tokSlash
)

type token struct {
	kind tokKind
	v    float64
}

// argList holds the tokens of one colour function; no valid function has more
// than 7 (four values, three separators), so a fixed array keeps parsing
// allocation-free and bounds hostile input.
type argList struct {
	t [8]token
	n int
}

func (a *argList) push(t token) bool {
	if a.n == len(a.t) {
		return false
	}
	a.t[a.n] = t
	a.n++
	return true
}

// tokenize splits lower-cased function arguments into numbers, percentages,
// angles, `none`, commas and slashes.
func tokenize(s []byte, a *argList) bool {
	i := 0
	for i < len(s) {
		ch := s[i]
		switch {
		case isSpace(ch):
			i++
			continue
		case ch == ',':
			if !a.push(token{kind: tokComma}) {
				return false
			}
			i++
			continue
		case ch == '/':
			if !a.push(token{kind: tokSlash}) {
				return false
			}
			i++
			continue
		}
		if ch >= 'a' && ch <= 'z' {
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			if string(s[i:j]) != "none" || !a.push(token{kind: tokNone}) {
				return false
			}
			i = j
			continue
		}
		j := scanNumber(s, i)
		if j == i {
			return false
		}
		v, err := strconv.ParseFloat(string(s[i:j]), 64)
		if err != nil && !isRangeErr(err) {
			return false
		}
		if math.IsNaN(v) {
			return false
		}
		t := token{kind: tokNumber, v: v}
		if j < len(s) && s[j] == '%' {
			t.kind = tokPercent
			j++
		} else if j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
			k := j
			for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
				k++
			}
			switch string(s[j:k]) {
			case "deg":
			case "rad":
				t.v = v * 180 / math.Pi
			case "grad":
				t.v = v * 0.9
			case "turn":
				t.v = v * 360
			default:
				return false
			}
			t.kind = tokAngle
			j = k
		}
		// Two numbers must be separated (CSS tokenises "1.5.5" as 1.5 and .5, but
		// a colour function never accepts that without a separator anyway).
		if j < len(s) && !isSpace(s[j]) && s[j] != ',' && s[j] != '/' {
			if !(s[j] == '+' || s[j] == '-' || s[j] == '.') {
				return false
			}
		}
		if !a.push(t) {
			return false
		}
		i = j
	}
	return true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// scanNumber returns the end of a CSS <number> starting at i, or i if none.
func scanNumber(s []byte, i int) int {
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	digits := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
		digits++
	}
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
			digits++
		}
	}
	if digits == 0 {
		return i
	}
	if j < len(s) && s[j] == 'e' {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	return j
}

// splitArgs validates the separator structure and returns the component tokens
// and the optional alpha. Legacy syntax is "a, b, c[, alpha]" with no `none`;
// modern syntax is "a b c[ / alpha]".
func splitArgs(a *argList) (comp [3]token, alpha token, hasAlpha, legacy bool, ok bool) {
	t := a.t[:a.n]
	if len(t) >= 2 && t[1].kind == tokComma {
		legacy = true
		if len(t) != 5 && len(t) != 7 {
			return
		}
		for i, tk := range t {
			isSep := i%2 == 1
			if isSep != (tk.kind == tokComma) || tk.kind == tokSlash || tk.kind == tokNone {
				return
			}
		}
		comp = [3]token{t[0], t[2], t[4]}
		if len(t) == 7 {
			alpha, hasAlpha = t[6], true
		}
		ok = true
		return
	}
	switch {
	case len(t) == 3:
	case len(t) == 5 && t[3].kind == tokSlash:
		alpha, hasAlpha = t[4], true
	default:
		return
	}
	for i := 0; i < 3; i++ {
		if t[i].kind == tokComma || t[i].kind == tokSlash {
			return
		}
	}
	if hasAlpha && (alpha.kind == tokComma || alpha.kind == tokSlash) {
		return
	}
	comp = [3]token{t[0], t[1], t[2]}
	ok = true
	return
}

// round8 rounds a 0..255 value half up and clamps it, as Chromium does when it
// stores a parsed colour in 8 bits.
func round8(v float64) uint8 {
	if !(v > 0) { // also catches NaN
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(math.Floor(v + 0.5))
}

func alphaOf(t token, has bool) (uint8, bool) {
	if !has {
		return 255, true
	}
	switch t.kind {
	case tokNumber:
		return round8(t.v * 255), true
	case tokPercent:
		return round8(t.v / 100 * 255), true
	case tokNone:
		return 0, true
	}
	return 0, false
}

func parseRGB(a *argList) (color.NRGBA, bool) {
	comp, at, hasA, legacy, ok := splitArgs(a)
	if !ok {
		return color.NRGBA{}, false
	}
	var out [3]uint8
	for i, t := range comp {
		switch t.kind {
		// Chromium keeps parsed channels in float32 before rounding, so
		// 127.49999999999999 becomes 127.5 and rounds up; do the same.
		case tokNumber:
			out[i] = round8(float64(float32(t.v)))
		case tokPercent:
			out[i] = round8(float64(float32(t.v / 100 * 255)))
		case tokNone:
			out[i] = 0
		default:
			return color.NRGBA{}, false
		}
		// Legacy syntax wants all numbers or all percentages.
		if legacy && t.kind != comp[0].kind {
			return color.NRGBA{}, false
		}
	}
	alpha, ok := alphaOf(at, hasA)
	if !ok {
		return color.NRGBA{}, false
	}
	return color.NRGBA{out[0], out[1], out[2], alpha}, true
}

func hueOf(t token) (float64, bool) {
	switch t.kind {
	case tokNumber, tokAngle:
		if math.IsInf(t.v, 0) {
			return 0, true
		}
		h := math.Mod(t.v, 360)
		if h < 0 {
			h += 360
		}
		return h, true
	case tokNone:
		return 0, true
	}
	return 0, false
}

// fractionOf reads a saturation/lightness/whiteness/blackness argument as 0..1.
// Modern syntax also accepts a bare number meaning percent.
func fractionOf(t token, legacy bool) (float64, bool) {
	switch t.kind {
	case tokPercent:
		return clamp01(t.v / 100), true
	case tokNumber:
		if legacy {
			return 0, false
		}
		return clamp01(t.v / 100), true
	case tokNone:
		return 0, true
	}
	return 0, false
}

func clamp01(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 1 {
		return 1
	}
	return v
}

func parseHSL(a *argList) (color.NRGBA, bool) {
	comp, at, hasA, legacy, ok := splitArgs(a)
	if !ok {
		return color.NRGBA{}, false
	}
	h, ok1 := hueOf(comp[0])
	s, ok2 := fractionOf(comp[1], legacy)
	l, ok3 := fractionOf(comp[2], legacy)
	alpha, ok4 := alphaOf(at, hasA)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return color.NRGBA{}, false
	}
	r, g, b := hslToRGB(h, s, l)
	return color.NRGBA{round8(r * 255), round8(g * 255), round8(b * 255), alpha}, true
}

func parseHWB(a *argList) (color.NRGBA, bool) {
	comp, at, hasA, legacy, ok := splitArgs(a)
	if !ok || legacy { // hwb() has no comma syntax
		return color.NRGBA{}, false
	}
	h, ok1 := hueOf(comp[0])
	w, ok2 := fractionOf(comp[1], false)
	bl, ok3 := fractionOf(comp[2], false)
	alpha, ok4 := alphaOf(at, hasA)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return color.NRGBA{}, false
	}
	var r, g, b float64
	if w+bl >= 1 {
		gray := w / (w + bl)
		r, g, b = gray, gray, gray
	} else {
		r, g, b = hslToRGB(h, 1, 0.5)
		k := 1 - w - bl
		r, g, b = r*k+w, g*k+w, b*k+w
	}
	return color.NRGBA{round8(r * 255), round8(g * 255), round8(b * 255), alpha}, true
}

// hslToRGB follows the CSS Color 4 sample algorithm; h in degrees [0,360).
func hslToRGB(h, s, l float64) (r, g, b float64) {
	f := func(n float64) float64 {
		k := math.Mod(n+h/30, 12)
		a := s * math.Min(l, 1-l)
		return l - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1))
	}
	return f(0), f(8), f(4)
}

// SerializeColor formats c exactly as Chromium's fillStyle/strokeStyle/shadowColor
// getters do: "#rrggbb" when opaque, otherwise "rgba(r, g, b, a)".
func SerializeColor(c color.NRGBA) string {
	const hexDigits = "0123456789abcdef"
	if c.A == 255 {
		return string([]byte{'#',
			hexDigits[c.R>>4], hexDigits[c.R&15],
			hexDigits[c.G>>4], hexDigits[c.G&15],
			hexDigits[c.B>>4], hexDigits[c.B&15]})
	}
	buf := make([]byte, 0, 32)
	buf = append(buf, "rgba("...)
	buf = strconv.AppendUint(buf, uint64(c.R), 10)
	buf = append(buf, ", "...)
	buf = strconv.AppendUint(buf, uint64(c.G), 10)
	buf = append(buf, ", "...)
	buf = strconv.AppendUint(buf, uint64(c.B), 10)
	buf = append(buf, ", "...)
	buf = appendAlpha(buf, c.A)
	buf = append(buf, ')')
	return string(buf)
}

// appendAlpha writes a/255 with the fewest decimals (two, else three) that
// still round-trip to the same 8-bit alpha; Chromium prints 0.5 for 128 and
// 0.498 for 127, 0.3 for 77 and 0.004 for 1.
func appendAlpha(buf []byte, a uint8) []byte {
	if a == 0 {
		return append(buf, '0')
	}
	// Work in integers (hundredths, thousandths) so the round-trip test is exact.
	hund := (int(a)*100*2 + 255) / (255 * 2) // round(a/255*100), half up
	if (hund*255*2+100)/(100*2) == int(a) {  // round(hund/100*255), half up
		return appendDecimal(buf, hund, 2)
	}
	thou := (int(a)*1000*2 + 255) / (255 * 2)
	return appendDecimal(buf, thou, 3)
}

// appendDecimal writes v/10^places without trailing zeros, e.g. (50,2) → "0.5".
func appendDecimal(buf []byte, v, places int) []byte {
	pow := 1
	for i := 0; i < places; i++ {
		pow *= 10
	}
	buf = strconv.AppendInt(buf, int64(v/pow), 10)
	frac := v % pow
	if frac == 0 {
		return buf
	}
	buf = append(buf, '.')
	for pow /= 10; frac > 0; pow /= 10 {
		buf = append(buf, byte('0'+frac/pow))
		frac %= pow
	}
	return buf
}
