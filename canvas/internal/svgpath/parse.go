package svgpath

import (
	"fmt"
	"math"
	"strconv"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// Error reports where and why path data stopped being valid.
type Error struct {
	Offset int    // byte offset into the path data
	Msg    string // what was expected
}

func (e *Error) Error() string { return fmt.Sprintf("svgpath: %s at offset %d", e.Msg, e.Offset) }

// argCount is the number of numbers each command takes (flags count as numbers).
var argCount = [128]int8{
	'M': 2, 'L': 2, 'H': 1, 'V': 1, 'C': 6, 'S': 4, 'Q': 4, 'T': 2, 'A': 7, 'Z': 0,
}

type parser struct {
	s   string
	pos int
}

func isWsp(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func (p *parser) skipWsp() {
	for p.pos < len(p.s) && isWsp(p.s[p.pos]) {
		p.pos++
	}
}

// skipCommaWsp consumes the optional separator between arguments.
func (p *parser) skipCommaWsp() {
	p.skipWsp()
	if p.pos < len(p.s) && p.s[p.pos] == ',' {
		p.pos++
		p.skipWsp()
	}
}

// number reads one SVG number; it does not consume a trailing separator.
func (p *parser) number() (float64, bool) {
	s, start := p.s, p.pos
	i := start
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	// An exponent only counts when digits follow, so "1e" leaves "e" to fail
	// as an unknown command, as browsers do.
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	v, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	p.pos = i
	return v, true
}

// flag reads an arc flag: exactly one '0' or '1', so "0110" is four flags.
func (p *parser) flag() (float64, bool) {
	if p.pos < len(p.s) {
		switch p.s[p.pos] {
		case '0':
			p.pos++
			return 0, true
		case '1':
			p.pos++
			return 1, true
		}
	}
	return 0, false
}

// startsNumber reports whether an implicit repeat of the last command begins here.
func (p *parser) startsNumber() bool {
	if p.pos >= len(p.s) {
		return false
	}
	c := p.s[p.pos]
	return c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')
}

// Parse appends the path described by SVG path data d to dst. On malformed data
// it keeps everything up to the last complete command and returns an *Error.
// Empty or all-whitespace data is a valid empty path.
func Parse(d string, dst *geom.Path) error {
	p := parser{s: d}
	var (
		cur, start geom.Point // current point, start of the current subpath
		lastCtrl   geom.Point // last control point, for S and T reflection
		prevCmd    byte       // previous command, upper case
		closed     bool       // last command was Z: the next drawing command opens a subpath at start
		args       [7]float64
	)
	p.skipWsp()
	if p.pos == len(p.s) {
		return nil
	}
	cmd := byte(0)
	for {
		p.skipWsp()
		if p.pos == len(p.s) {
			return nil
		}
		c := p.s[p.pos]
		switch {
		case c < 128 && (argCount[c&^0x20] > 0 || c&^0x20 == 'Z') && isLetter(c):
			cmd = c
			p.pos++
		case cmd != 0 && cmd&^0x20 != 'Z' && p.startsNumber():
			// Implicit repetition; a moveto repeats as a lineto.
			switch cmd {
			case 'M':
				cmd = 'L'
			case 'm':
				cmd = 'l'
			}
		default:
			return &Error{p.pos, fmt.Sprintf("unexpected %q", c)}
		}
		if prevCmd == 0 && cmd&^0x20 != 'M' {
			return &Error{p.pos - 1, "path data must start with a moveto"}
		}
		upper := cmd &^ 0x20
		rel := cmd != upper
		n := int(argCount[upper])
		for i := 0; i < n; i++ {
			if i > 0 {
				p.skipCommaWsp()
			} else {
				p.skipWsp()
			}
			var ok bool
			if upper == 'A' && (i == 3 || i == 4) {
				args[i], ok = p.flag()
			} else {
				args[i], ok = p.number()
			}
			if !ok {
				return &Error{p.pos, fmt.Sprintf("expected number %d of %c", i+1, cmd)}
			}
		}
		if n > 0 {
			p.skipCommaWsp()
		}
		if closed && upper != 'M' && upper != 'Z' {
			dst.MoveTo(start)
		}
		closed = false
		var base geom.Point
		if rel {
			base = cur
		}
		pt := func(i int) geom.Point { return geom.Point{X: base.X + args[i], Y: base.Y + args[i+1]} }
		switch upper {
		case 'M':
			cur = pt(0)
			start = cur
			dst.MoveTo(cur)
			lastCtrl = cur
		case 'L':
			cur = pt(0)
			dst.LineTo(cur)
		case 'H':
			cur.X = base.X*b2f(rel) + args[0]
			dst.LineTo(cur)
		case 'V':
			cur.Y = base.Y*b2f(rel) + args[0]
			dst.LineTo(cur)
		case 'C':
			c1, c2, e := pt(0), pt(2), pt(4)
			dst.CubicTo(c1, c2, e)
			lastCtrl, cur = c2, e
		case 'S':
			c1 := cur
			if prevCmd == 'C' || prevCmd == 'S' {
				c1 = reflect(lastCtrl, cur)
			}
			c2, e := pt(0), pt(2)
			dst.CubicTo(c1, c2, e)
			lastCtrl, cur = c2, e
		case 'Q':
			c1, e := pt(0), pt(2)
			dst.QuadTo(c1, e)
			lastCtrl, cur = c1, e
		case 'T':
			c1 := cur
			if prevCmd == 'Q' || prevCmd == 'T' {
				c1 = reflect(lastCtrl, cur)
			}
			e := pt(0)
			dst.QuadTo(c1, e)
			lastCtrl, cur = c1, e
		case 'A':
			e := pt(5)
			arcTo(dst, cur, args[0], args[1], args[2], args[3] != 0, args[4] != 0, e)
			cur = e
		case 'Z':
			dst.Close()
			cur = start
			closed = true
		}
		prevCmd = upper
	}
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func reflect(ctrl, about geom.Point) geom.Point {
	return geom.Point{X: 2*about.X - ctrl.X, Y: 2*about.Y - ctrl.Y}
}
