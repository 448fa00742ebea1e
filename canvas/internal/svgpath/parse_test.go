package svgpath

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

// dump renders a path compactly: "M0,0 L10,0 Z".
func dump(p *geom.Path) string {
	var sb strings.Builder
	k := 0
	for i, v := range p.Verbs {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteByte("MLQCZ"[v])
		for j := 0; j < geom.NumPoints[v]; j++ {
			if j > 0 {
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "%g,%g", round3(p.Points[k].X), round3(p.Points[k].Y))
			k++
		}
	}
	return sb.String()
}

func round3(v float64) float64 { return math.Round(v*1000)/1000 + 0 } // +0 turns -0 into 0

func TestParse(t *testing.T) {
	tests := []struct {
		name, d, want string
		err           bool
	}{
		{"empty", "", "", false},
		{"whitespace only", " \n\t", "", false},
		{"move line", "M10 20 L30 40", "M10,20 L30,40", false},
		{"relative", "m10 20 l5 5 h5 v-5 z", "M10,20 L15,25 L20,25 L20,20 Z", false},
		{"implicit lineto after moveto", "M0 0 10 0 10 10", "M0,0 L10,0 L10,10", false},
		{"implicit relative lineto", "m1 1 2 2 3 3", "M1,1 L3,3 L6,6", false},
		{"comma and no separators", "M1,2L3,4", "M1,2 L3,4", false},
		{"signs separate numbers", "M-1-2L-3-4", "M-1,-2 L-3,-4", false},
		{"dots separate numbers", "M.5.5L1.5.5", "M0.5,0.5 L1.5,0.5", false},
		{"exponents", "M1e3 2E-1L+1e+1 -.5e1", "M1000,0.2 L10,-5", false},
		{"absolute H V", "M1 1 H5 V7 H2", "M1,1 L5,1 L5,7 L2,7", false},
		{"repeated H", "M0 0 h1 2 3", "M0,0 L1,0 L3,0 L6,0", false},
		{"cubic", "M0 0 C1 2 3 4 5 6", "M0,0 C1,2 3,4 5,6", false},
		{"smooth cubic reflects", "M0 0 C0 10 10 10 10 0 S20 -10 20 0", "M0,0 C0,10 10,10 10,0 C10,-10 20,-10 20,0", false},
		{"smooth cubic without previous cubic", "M0 0 S10 10 20 0", "M0,0 C0,0 10,10 20,0", false},
		{"relative smooth cubic", "M0 0 c0 10 10 10 10 0 s10 -10 10 0", "M0,0 C0,10 10,10 10,0 C10,-10 20,-10 20,0", false},
		{"quad", "M0 0 Q5 10 10 0", "M0,0 Q5,10 10,0", false},
		{"smooth quad chain", "M0 0 Q5 10 10 0 T20 0 T30 0", "M0,0 Q5,10 10,0 Q15,-10 20,0 Q25,10 30,0", false},
		{"smooth quad without previous quad", "M0 0 T10 0", "M0,0 Q0,0 10,0", false},
		{"smooth quad after cubic does not reflect", "M0 0 C1 1 2 2 3 3 T10 0", "M0,0 C1,1 2,2 3,3 Q3,3 10,0", false},
		{"close then draw starts at subpath start", "M1 1 L5 1 Z L9 9", "M1,1 L5,1 Z M1,1 L9,9", false},
		{"close then relative", "M1 1 l4 0 z l1 1", "M1,1 L5,1 Z M1,1 L2,2", false},
		{"two subpaths", "M0 0 L1 0 M5 5 L6 5", "M0,0 L1,0 M5,5 L6,5", false},
		{"relative moveto after close", "M10 10 L20 10 Z m5 5 l1 0", "M10,10 L20,10 Z M15,15 L16,15", false},
		{"arc zero radius is a line", "M0 0 A0 5 0 0 1 10 0", "M0,0 L10,0", false},
		{"arc to same point is omitted", "M3 3 A5 5 0 0 1 3 3 L4 4", "M3,3 L4,4", false},
		{"arc flags without separators", "M0 0 a5 5 0 0110 0", "M0,0 C0,-2.761 2.239,-5 5,-5 C7.761,-5 10,-2.761 10,0", false},
		{"arc flags with commas", "M0,0A5,5,0,1,0,10,0", "M0,0 C0,2.761 2.239,5 5,5 C7.761,5 10,2.761 10,0", false},

		{"must start with moveto", "L10 10", "", true},
		{"number first", "10 10", "", true},
		{"error keeps good commands", "M10 10 L20 20 L30", "M10,10 L20,20", true},
		{"error in implicit repeat keeps complete repeats", "M0 0 L1 1 2 2 3", "M0,0 L1,1 L2,2", true},
		{"unknown command", "M0 0 L1 1 X 2 2", "M0,0 L1,1", true},
		{"bad flag", "M0 0 A5 5 0 2 0 10 0", "M0,0", true},
		{"double comma", "M0,,0", "", true},
		{"trailing separator after args is tolerated", "M0 0,", "M0,0", false},
		{"close takes no numbers", "M0 0 L1 1 Z 5 5", "M0,0 L1,1 Z", true},
		{"lone moveto letter", "M", "", true},
		{"exponent without digits", "M1e 2", "", true},
		{"infinite number", "M1e999 0", "", true},
		{"leading comma", ",M0 0", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p geom.Path
			err := Parse(tt.d, &p)
			if got := dump(&p); got != tt.want {
				t.Errorf("Parse(%q) path = %q, want %q", tt.d, got, tt.want)
			}
			if (err != nil) != tt.err {
				t.Errorf("Parse(%q) error = %v, want error %v", tt.d, err, tt.err)
			}
			var pe *Error
			if err != nil && !errors.As(err, &pe) {
				t.Errorf("error %v is not *Error", err)
			}
		})
	}
}

// onEllipse measures how far the cubics of an arc stray from the ideal ellipse.
func TestArcAccuracy(t *testing.T) {
	tests := []struct {
		d                   string
		cx, cy, rx, ry, rot float64 // the ellipse the arc must lie on
	}{
		{"M0 0 A10 10 0 0 1 20 0", 10, 0, 10, 10, 0},
		{"M0 0 A10 10 0 1 1 20 0", 10, 0, 10, 10, 0},
		{"M0 0 A20 10 0 0 0 40 0", 20, 0, 20, 10, 0},
		{"M0 0 A20 10 90 0 0 0 40", 0, 20, 20, 10, 90},
		// Radii too small: scaled up until the arc just spans the chord.
		{"M0 0 A1 1 0 0 1 20 0", 10, 0, 10, 10, 0},
		{"M0 0 A2 1 30 0 1 40 0", 20, 0, math.NaN(), 0, 30},
	}
	for _, tt := range tests {
		var p geom.Path
		if err := Parse(tt.d, &p); err != nil {
			t.Fatal(err)
		}
		if p.Verbs[len(p.Verbs)-1] != geom.CubicTo {
			t.Fatalf("%s: no cubic in %s", tt.d, dump(&p))
		}
		if math.IsNaN(tt.rx) {
			continue // only checked for not failing; its radii come out of the scaling
		}
		sin, cos := math.Sincos(tt.rot * math.Pi / 180)
		maxErr := 0.0
		k := 1
		for _, v := range p.Verbs[1:] {
			p0 := p.Points[k-1]
			c1, c2, e := p.Points[k], p.Points[k+1], p.Points[k+2]
			k += 3
			if v != geom.CubicTo {
				t.Fatalf("unexpected verb %v", v)
			}
			for s := 0.0; s <= 1; s += 1.0 / 16 {
				u := 1 - s
				x := u*u*u*p0.X + 3*u*u*s*c1.X + 3*u*s*s*c2.X + s*s*s*e.X - tt.cx
				y := u*u*u*p0.Y + 3*u*u*s*c1.Y + 3*u*s*s*c2.Y + s*s*s*e.Y - tt.cy
				xr, yr := cos*x+sin*y, -sin*x+cos*y
				r := math.Hypot(xr/tt.rx, yr/tt.ry)
				maxErr = math.Max(maxErr, math.Abs(r-1))
			}
		}
		if maxErr > 1e-3 {
			t.Errorf("%s: radial error %g", tt.d, maxErr)
		}
	}
}

func TestArcSweepDirection(t *testing.T) {
	// A half circle from (0,0) to (20,0): sweep=1 goes through negative y
	// (clockwise on screen, y down), sweep=0 through positive y.
	for _, tt := range []struct {
		d    string
		sign float64
	}{{"M0 0 A10 10 0 0 1 20 0", -1}, {"M0 0 A10 10 0 0 0 20 0", 1}} {
		var p geom.Path
		if err := Parse(tt.d, &p); err != nil {
			t.Fatal(err)
		}
		mid := p.Points[3] // end of the first of two quarter arcs
		if math.Abs(mid.X-10) > 1e-9 || math.Abs(mid.Y-10*tt.sign) > 1e-9 {
			t.Errorf("%s: midpoint %v", tt.d, mid)
		}
	}
}

func TestHugeInputStaysLinear(t *testing.T) {
	d := "M0 0" + strings.Repeat(" a1e300 1e-300 45 1 1 1e300 -1e300", 2000)
	var p geom.Path
	if err := Parse(d, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Verbs) > 2000*4+1 {
		t.Fatalf("%d verbs", len(p.Verbs))
	}
	checkPath(t, &p)
}

func checkPath(t *testing.T, p *geom.Path) {
	n := 0
	for i, v := range p.Verbs {
		if i == 0 && v != geom.MoveTo {
			t.Fatalf("path starts with verb %d", v)
		}
		n += geom.NumPoints[v]
	}
	if n != len(p.Points) {
		t.Fatalf("%d points for verbs needing %d", len(p.Points), n)
	}
	for _, pt := range p.Points {
		if math.IsNaN(pt.X) || math.IsNaN(pt.Y) || math.IsInf(pt.X, 0) || math.IsInf(pt.Y, 0) {
			t.Fatalf("non-finite point %v", pt)
		}
	}
}

func FuzzSVGPath(f *testing.F) {
	for _, s := range []string{"M0 0L10 10Z", "m1 1 2 2 3 3", "M.5.5-1-2", "M0 0 a5 5 0 1010 0",
		"M0 0 C1 2 3 4 5 6 S7 8 9 10", "M0 0 Q1 1 2 2 T3 3 t4 4", "M1e3 1E-3 h1 v1 H2 V2 z l1 1",
		"M0 0 A1e308 1e308 0 0 0 1 1", "M0 0 L", "M0,0,", "z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, d string) {
		var p geom.Path
		err := Parse(d, &p)
		checkPath(t, &p)
		// Each command yields at most 4 verbs (an arc, or M with an implied one).
		if len(p.Verbs) > 4*len(d)+4 {
			t.Fatalf("%d verbs from %d bytes", len(p.Verbs), len(d))
		}
		if err == nil && len(p.Verbs) == 0 && strings.TrimSpace(d) != "" && strings.Trim(d, " \t\n\r\f") != "" {
			t.Fatalf("no error and no path for %q", d)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	d := strings.Repeat("M10 10 L20 20 C30 30 40 40 50 50 Q60 60 70 70 A5 5 0 1 1 80 80 Z ", 50)
	var p geom.Path
	b.SetBytes(int64(len(d)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.Reset()
		if err := Parse(d, &p); err != nil {
			b.Fatal(err)
		}
	}
}
