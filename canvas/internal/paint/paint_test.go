package paint

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seed92233726/mediad/canvas/internal/geom"
)

func nrgba(r, g, b, a uint8) color.NRGBA { return color.NRGBA{r, g, b, a} }

func TestSolid(t *testing.T) {
	s := NewSolid(nrgba(255, 128, 0, 128))
	if got, want := s.Premul(), [4]uint8{128, 64, 0, 128}; got != want {
		t.Fatalf("Premul = %v, want %v", got, want)
	}
	dst := make([]uint8, 4*7+2) // a ragged tail must be left alone
	s.Shade(3, 4, dst)
	for i := 0; i < 28; i += 4 {
		if [4]uint8(dst[i:i+4]) != s.Premul() {
			t.Fatalf("pixel %d = %v", i/4, dst[i:i+4])
		}
	}
	if dst[28] != 0 || dst[29] != 0 {
		t.Fatal("wrote past the last whole pixel")
	}
}

func TestPremultiply(t *testing.T) {
	for _, tt := range []struct {
		in   color.NRGBA
		want [4]uint8
	}{
		{nrgba(255, 255, 255, 255), [4]uint8{255, 255, 255, 255}},
		{nrgba(100, 150, 200, 3), [4]uint8{1, 2, 2, 3}},
		{nrgba(255, 0, 1, 0), [4]uint8{0, 0, 0, 0}},
		{nrgba(201, 1, 255, 127), [4]uint8{100, 0, 127, 127}},
	} {
		if got := Premultiply(tt.in); got != tt.want {
			t.Errorf("Premultiply(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// rampAt evaluates a ramp at t through a one-pixel buffer.
func rampAt(stops []Stop, t float64) [4]uint8 {
	var px [4]uint8
	newRamp(stops).at(float32(t), px[:])
	return px
}

func TestGradientStops(t *testing.T) {
	red, blue, lime, white := nrgba(255, 0, 0, 255), nrgba(0, 0, 255, 255), nrgba(0, 255, 0, 255), nrgba(255, 255, 255, 255)
	tests := []struct {
		name  string
		stops []Stop
		t     float64
		want  [4]uint8
	}{
		{"below first stop takes the first colour", []Stop{{0.3, red}, {0.7, blue}}, 0.1, [4]uint8{255, 0, 0, 255}},
		{"above last stop takes the last colour", []Stop{{0.3, red}, {0.7, blue}}, 0.9, [4]uint8{0, 0, 255, 255}},
		{"before the gradient start", []Stop{{0, red}, {1, blue}}, -5, [4]uint8{255, 0, 0, 255}},
		{"after the gradient end", []Stop{{0, red}, {1, blue}}, 7, [4]uint8{0, 0, 255, 255}},
		{"midpoint", []Stop{{0, red}, {1, blue}}, 0.5, [4]uint8{128, 0, 128, 255}},
		{"stops sorted by offset", []Stop{{1, blue}, {0, red}}, 0.25, [4]uint8{191, 0, 64, 255}},
		{"hard edge: before it the earlier stop", []Stop{{0, white}, {0.5, red}, {0.5, blue}, {1, lime}}, 0.49, [4]uint8{255, 5, 5, 255}},
		{"hard edge: at it the later stop", []Stop{{0, white}, {0.5, red}, {0.5, blue}, {1, lime}}, 0.5, [4]uint8{0, 0, 255, 255}},
		{"three stops at one offset: the last wins after", []Stop{{0.5, red}, {0.5, lime}, {0.5, blue}}, 0.6, [4]uint8{0, 0, 255, 255}},
		{"three stops at one offset: the first wins before", []Stop{{0.5, red}, {0.5, lime}, {0.5, blue}}, 0.4, [4]uint8{255, 0, 0, 255}},
		{"hard edge at 0: pad region is the first", []Stop{{0, red}, {0, blue}, {1, lime}}, -1, [4]uint8{255, 0, 0, 255}},
		{"hard edge at 1: pad region is the last", []Stop{{0, red}, {1, blue}, {1, lime}}, 2, [4]uint8{0, 255, 0, 255}},
		{"single stop everywhere", []Stop{{0.7, lime}}, 0.1, [4]uint8{0, 255, 0, 255}},
		// Interpolated without premultiplying: red fading to transparent blue
		// keeps half red and half blue in colour at half alpha.
		{"unpremultiplied interpolation", []Stop{{0, red}, {1, nrgba(0, 0, 255, 0)}}, 0.5, [4]uint8{64, 0, 64, 128}},
		{"no stops paint nothing", nil, 0.5, [4]uint8{}},
		{"NaN offsets are ignored", []Stop{{math.NaN(), red}, {0, blue}}, 0.5, [4]uint8{0, 0, 255, 255}},
		{"NaN t paints nothing", []Stop{{0, red}, {1, blue}}, math.NaN(), [4]uint8{}},
	}
	for _, tt := range tests {
		if got := rampAt(tt.stops, tt.t); got != tt.want {
			t.Errorf("%s: t=%v got %v, want %v", tt.name, tt.t, got, tt.want)
		}
	}
}

func shadeRow(s Shader, x, y, n int) []uint8 {
	dst := make([]uint8, 4*n)
	s.Shade(x, y, dst)
	return dst
}

func isClear(p []uint8) bool {
	for _, v := range p {
		if v != 0 {
			return false
		}
	}
	return true
}

func TestPaintsNothing(t *testing.T) {
	st := []Stop{{0, nrgba(255, 0, 0, 255)}, {1, nrgba(0, 0, 255, 255)}}
	singular := geom.Matrix{A: 1, B: 2, C: 2, D: 4}
	nan := geom.Matrix{A: math.NaN(), D: 1}
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for name, s := range map[string]Shader{
		"linear with equal endpoints":  NewLinear(5, 5, 5, 5, st, geom.Identity),
		"linear with singular matrix":  NewLinear(0, 0, 10, 0, st, singular),
		"linear with NaN matrix":       NewLinear(0, 0, 10, 0, st, nan),
		"linear with infinite point":   NewLinear(0, 0, math.Inf(1), 0, st, geom.Identity),
		"radial with equal circles":    NewRadial(5, 5, 3, 5, 5, 3, st, geom.Identity),
		"radial with negative radius":  NewRadial(5, 5, -3, 5, 5, 3, st, geom.Identity),
		"radial with singular matrix":  NewRadial(5, 5, 0, 5, 5, 3, st, singular),
		"radial with zero radii":       NewRadial(0, 0, 0, 9, 9, 0, st, geom.Identity),
		"conic with singular matrix":   NewConic(0, 5, 5, st, singular),
		"conic with NaN angle":         NewConic(math.NaN(), 5, 5, st, geom.Identity),
		"gradient without stops":       NewLinear(0, 0, 10, 0, nil, geom.Identity),
		"pattern of nil image":         NewPattern(nil, RepeatBoth, geom.Identity, Bilinear),
		"pattern of empty image":       NewPattern(image.NewRGBA(image.Rect(0, 0, 0, 5)), RepeatBoth, geom.Identity, Bilinear),
		"pattern with singular matrix": NewPattern(img, RepeatBoth, singular, Bilinear),
	} {
		if row := shadeRow(s, -3, 2, 20); !isClear(row) {
			t.Errorf("%s painted %v", name, row[:8])
		}
	}
}

// TestRadialCases checks the cone rule on points whose answer is known from
// geometry rather than from the implementation.
func TestRadialCases(t *testing.T) {
	st := []Stop{{0, nrgba(0, 0, 0, 255)}, {1, nrgba(255, 255, 255, 255)}}
	tests := []struct {
		name                   string
		x0, y0, r0, x1, y1, r1 float64
		px, py                 float64
		omega                  float64 // NaN: not painted
	}{
		{"concentric, halfway", 0, 0, 0, 0, 0, 10, 5, 0, 0.5},
		{"concentric, beyond the end circle pads", 0, 0, 0, 0, 0, 10, 30, 0, 3},
		{"inner radius: inside the start circle", 0, 0, 10, 0, 0, 20, 5, 0, -0.5},
		{"focal inside, on the far side", -5, 0, 0, 0, 0, 10, 10, 0, 1},
		{"focal inside, behind the focus", -5, 0, 0, 0, 0, 10, -10, 0, 1},
		{"focal outside: inside the cone, the later circle", -20, 0, 2, 0, 0, 10, 0, 0, 22.0 / 12},
		{"focal outside: outside the cone is not painted", -20, 0, 2, 0, 0, 10, -20, 15, math.NaN()},
		{"focal outside: behind the apex is not painted", -20, 0, 2, 0, 0, 10, -40, 0, math.NaN()},
		{"equal radii: on the strip, the later circle", 0, 0, 5, 20, 0, 5, 10, 3, 0.7},
		{"equal radii: beside the strip is not painted", 0, 0, 5, 20, 0, 5, 10, 8, math.NaN()},
		{"focal on the edge, inside", -10, 0, 0, 0, 0, 10, 0, 0, 0.5},
		{"focal on the edge, behind the focus is not painted", -10, 0, 0, 0, 0, 10, -15, 0, math.NaN()},
	}
	for _, tt := range tests {
		g := NewRadial(tt.x0, tt.y0, tt.r0, tt.x1, tt.y1, tt.r1, st, geom.Identity).(*Radial)
		got := g.omega(tt.px, tt.py)
		if math.IsNaN(tt.omega) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.omega) > 1e-9) {
			t.Errorf("%s: ω(%v,%v) = %v, want %v", tt.name, tt.px, tt.py, got, tt.omega)
		}
	}
}

func TestLinearValues(t *testing.T) {
	st := []Stop{{0, nrgba(0, 0, 0, 255)}, {1, nrgba(255, 255, 255, 255)}}
	// A 256-pixel ramp: pixel i is sampled at its centre, t = (i+0.5)/256.
	row := shadeRow(NewLinear(0, 0, 256, 0, st, geom.Identity), 0, 0, 256)
	for i := 0; i < 256; i++ {
		want := uint8(math.Round((float64(i) + 0.5) / 256 * 255))
		if row[4*i] != want {
			t.Fatalf("pixel %d = %d, want %d", i, row[4*i], want)
		}
	}
	// The matrix applies: a 2× scale of a 128-wide gradient equals the 256 one.
	row2 := shadeRow(NewLinear(0, 0, 128, 0, st, geom.Scale(2, 2)), 0, 0, 256)
	for i := range row {
		if d := int(row[i]) - int(row2[i]); d < -1 || d > 1 {
			t.Fatalf("scaled gradient differs at byte %d: %d vs %d", i, row[i], row2[i])
		}
	}
	// Long rows do not drift: a pixel far along equals a row started there.
	// (Both spans are long enough to use the colour cache.)
	lin := NewLinear(0, 0, 1e4, 3, st, geom.Identity)
	long := shadeRow(lin, 0, 7, 5000)
	tail := shadeRow(lin, 5000-lutMinSpan, 7, lutMinSpan)
	if string(long[4*(5000-lutMinSpan):]) != string(tail) {
		t.Fatal("incremental stepping drifted")
	}
}

func TestConicAngles(t *testing.T) {
	st := []Stop{{0, nrgba(0, 0, 0, 255)}, {1, nrgba(255, 255, 255, 255)}}
	// Around (0.5, 0.5) a pixel row through the centre: to the right t≈0, to
	// the left t≈0.5; below (clockwise, y down) t≈0.25.
	for _, tt := range []struct {
		x, y int
		t    float64
	}{{50, 0, 0}, {-50, 0, 0.5}, {0, 50, 0.25}, {0, -50, 0.75}} {
		row := shadeRow(NewConic(0, 0.5, 0.5, st, geom.Identity), tt.x, tt.y, 1)
		if d := int(row[0]) - int(math.Round(tt.t*255)); d < -1 || d > 1 {
			t.Errorf("(%d,%d): %d, want t=%v", tt.x, tt.y, row[0], tt.t)
		}
	}
	// The start angle rotates the ramp.
	row := shadeRow(NewConic(math.Pi/2, 0.5, 0.5, st, geom.Identity), 0, 50, 1)
	if row[0] > 1 {
		t.Errorf("start angle π/2: below the centre should be t≈0, got %d", row[0])
	}
	for i := 0; i < 1000; i++ {
		a := float64(i) / 1000 * 2 * math.Pi
		y, x := math.Sincos(a)
		want := math.Mod(math.Atan2(y, x)/(2*math.Pi)+1, 1)
		if d := math.Abs(turns(y, x) - want); d > 1e-7 && d < 1-1e-7 {
			t.Fatalf("turns(%v) = %v, want %v", a, turns(y, x), want)
		}
	}
}

// patternImage is a 2×2 image with four distinct opaque texels.
func patternImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	copy(img.Pix, []uint8{10, 0, 0, 255, 20, 0, 0, 255, 30, 0, 0, 255, 40, 0, 0, 255})
	return img
}

func TestPatternRepeatModes(t *testing.T) {
	img := patternImage()
	// Rows y=0 (texels 10,20) and y=2 (below the image), columns -2..3.
	tests := []struct {
		rep        Repeat
		row0, row2 string
	}{
		{RepeatBoth, "10 20 10 20 10 20", "10 20 10 20 10 20"},
		{RepeatX, "10 20 10 20 10 20", "0 0 0 0 0 0"},
		{RepeatY, "0 0 10 20 0 0", "0 0 10 20 0 0"},
		{NoRepeat, "0 0 10 20 0 0", "0 0 0 0 0 0"},
	}
	for _, f := range []Filter{Nearest, Bilinear, Medium, High} {
		for _, tt := range tests {
			for _, y := range []int{0, 2} {
				// Both the 1:1 fast path and the general sampling path.
				for _, fast := range []bool{true, false} {
					p := NewPattern(img, tt.rep, geom.Identity, f).(*Pattern)
					p.translate = fast
					row := shadeRow(p, -2, y, 6)
					got := ""
					for i := 0; i < 6; i++ {
						if i > 0 {
							got += " "
						}
						got += itoa(int(row[4*i]))
					}
					want := tt.row0
					if y == 2 {
						want = tt.row2
					}
					if got != want {
						t.Errorf("filter %d repeat %d y=%d fast path %v: %s, want %s", f, tt.rep, y, fast, got, want)
					}
				}
			}
		}
	}
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	s := ""
	for ; v > 0; v /= 10 {
		s = string(rune('0'+v%10)) + s
	}
	return s
}

func TestParseRepeat(t *testing.T) {
	for s, want := range map[string]Repeat{"": RepeatBoth, "repeat": RepeatBoth, "repeat-x": RepeatX, "repeat-y": RepeatY, "no-repeat": NoRepeat} {
		if got, ok := ParseRepeat(s); !ok || got != want {
			t.Errorf("ParseRepeat(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"Repeat", "round", "space", "repeat-xy"} {
		if _, ok := ParseRepeat(s); ok {
			t.Errorf("ParseRepeat(%q) accepted", s)
		}
	}
}

// Extreme transforms and coordinates must not panic, and repeating patterns
// must still produce texels far from the origin.
func TestPatternExtremeCoordinates(t *testing.T) {
	img := patternImage()
	for _, m := range []geom.Matrix{
		geom.Translate(1e300, -1e300), geom.Scale(1e-300, 1e-300), geom.Scale(1e300, 1e300),
		{A: 1e-200, B: 1, C: 1, D: 1e-200}, geom.Translate(-1e15, 3e15),
	} {
		for _, f := range []Filter{Nearest, Bilinear, Medium, High} {
			for _, rep := range []Repeat{RepeatBoth, NoRepeat, RepeatX} {
				shadeRow(NewPattern(img, rep, m, f), 1<<30, -1<<30, 8)
				shadeRow(NewImage(img, m, f), -5, 5, 8)
			}
		}
	}
	row := shadeRow(NewPattern(img, RepeatBoth, geom.Translate(-1e12-0.5, 0), Nearest), 0, 0, 4)
	if row[3] != 255 {
		t.Errorf("far repeat lost the pattern: %v", row)
	}
}

func TestImageClampsEdges(t *testing.T) {
	img := patternImage()
	// Enlarged 4×: samples left of the image repeat the edge texel instead of
	// fading to transparent (the cubic may undershoot a little).
	for _, f := range []Filter{Nearest, Bilinear, Medium, High} {
		row := shadeRow(NewImage(img, geom.Scale(4, 4), f), -3, 0, 2)
		if row[3] != 255 || row[0] < 8 || row[0] > 12 || row[7] != 255 {
			t.Errorf("filter %d: %v", f, row)
		}
	}
}

func TestMipmapsPreserveAverage(t *testing.T) {
	// A 64×64 checkerboard shrunk 8× with Medium reads level 3, whose texels
	// are the average grey; nearest sampling would alias to black or white.
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			v := uint8(255 * ((x + y) & 1))
			copy(img.Pix[4*(y*64+x):], []uint8{v, v, v, 255})
		}
	}
	row := shadeRow(NewPattern(img, RepeatBoth, geom.Scale(0.125, 0.125), Medium), 0, 3, 8)
	for i := 0; i < 8; i++ {
		if d := int(row[4*i]) - 128; d < -2 || d > 2 {
			t.Fatalf("pixel %d = %d, want ≈128", i, row[4*i])
		}
	}
}

// The colour cache must stay within one level of exact evaluation everywhere,
// including steep segments and hard edges, which it hands to exactPixel.
func TestRampCache(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for iter := 0; iter < 200; iter++ {
		var stops []Stop
		for k := 1 + r.IntN(6); k > 0; k-- {
			off := r.Float64()
			if r.IntN(4) == 0 && len(stops) > 0 {
				off = stops[len(stops)-1].Offset // a hard edge
			}
			stops = append(stops, Stop{Offset: off, Color: nrgba(uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)))})
		}
		rp := newRamp(stops)
		for i, p := range rp.table(lutMinSpan).lut {
			if want := rp.exactPixel(float32(i) / lutSize); p != exactMark && p != want {
				t.Fatalf("stops %v: entry %d is %08x, exact %08x", stops, i, p, want)
			}
		}
		for k := 0; k < 2000; k++ {
			tt := float32(r.Float64())
			got, want := rp.pixel(tt, rp.table(lutMinSpan)), rp.exactPixel(tt)
			for sh := 0; sh < 32; sh += 8 {
				if d := int(got>>sh&0xff) - int(want>>sh&0xff); d < -1 || d > 1 {
					t.Fatalf("stops %v t=%v: cached %08x exact %08x", stops, tt, got, want)
				}
			}
		}
		// Right at each stop the cache must not be used.
		for _, s := range rp.segs[1:] {
			for _, tt := range []float32{s.t0, s.t0 - 1e-6, s.t0 + 1e-6} {
				if tt >= 0 && tt <= 1 && rp.pixel(tt, rp.table(lutMinSpan)) != rp.exactPixel(tt) {
					t.Fatalf("stops %v: cache used at stop %v", stops, tt)
				}
			}
		}
	}
}

// A sub-image (Rect not at the origin, stride wider than the row) must sample
// exactly like a standalone copy of the same pixels.
func TestPatternSubImage(t *testing.T) {
	big := image.NewRGBA(image.Rect(0, 0, 20, 20))
	for i := range big.Pix {
		big.Pix[i] = uint8(i * 13)
	}
	for i := 3; i < len(big.Pix); i += 4 {
		big.Pix[i] = 255
	}
	sub := big.SubImage(image.Rect(5, 6, 12, 10)).(*image.RGBA)
	cp := image.NewRGBA(image.Rect(0, 0, 7, 4))
	for y := 0; y < 4; y++ {
		copy(cp.Pix[y*cp.Stride:], sub.Pix[y*sub.Stride:y*sub.Stride+28])
	}
	for _, f := range []Filter{Nearest, Bilinear, Medium, High} {
		for _, m := range []geom.Matrix{geom.Identity, rotScale(1.7, 0.4, 3, 2), geom.Scale(0.3, 0.3)} {
			a := shadeRow(NewPattern(sub, RepeatBoth, m, f), 0, 3, 40)
			b := shadeRow(NewPattern(cp, RepeatBoth, m, f), 0, 3, 40)
			if string(a) != string(b) {
				t.Fatalf("filter %d matrix %v: sub-image differs", f, m)
			}
		}
	}
}

// Shaders are shared by goroutines filling different rows; the lazily built
// colour cache must be safe under that (run with -race) and give every
// goroutine the same pixels, whichever shades first.
func TestGradientConcurrentShade(t *testing.T) {
	st := []Stop{{0, nrgba(255, 0, 0, 255)}, {0.5, nrgba(0, 0, 255, 128)}, {1, nrgba(0, 255, 0, 255)}}
	for _, s := range []Shader{
		NewLinear(0, 0, 300, 40, st, geom.Identity),
		NewRadial(100, 50, 0, 120, 60, 200, st, geom.Identity),
		NewConic(1, 100, 50, st, geom.Identity),
	} {
		const workers = 4
		rows := make([][]uint8, workers)
		done := make(chan int)
		for w := 0; w < workers; w++ {
			go func(w int) {
				rows[w] = shadeRow(s, 0, 9, 300)
				done <- w
			}(w)
		}
		for range workers {
			<-done
		}
		for w := 1; w < workers; w++ {
			if string(rows[w]) != string(rows[0]) {
				t.Fatalf("%T: goroutine %d shaded differently", s, w)
			}
		}
	}
}

// Whether a span uses the colour cache depends on its length only, not on
// whether the cache exists yet: short spans give the same pixels before and
// after a long span has built it.
func TestGradientCacheDeterministic(t *testing.T) {
	st := []Stop{{0, nrgba(255, 0, 0, 255)}, {0.5, nrgba(0, 0, 255, 128)}, {1, nrgba(0, 255, 0, 255)}}
	s := NewLinear(0, 0, 300, 40, st, geom.Identity)
	before := shadeRow(s, 100, 9, lutMinSpan-1)
	shadeRow(s, 0, 0, 300) // builds the cache
	after := shadeRow(s, 100, 9, lutMinSpan-1)
	if string(before) != string(after) {
		t.Fatal("a short span changed once the cache existed")
	}
}

// Wide, gentle linear gradients are shaded run by run, steep ones pixel by
// pixel; either way every pixel must equal the cache lookup at its t and stay within a level of exact
// evaluation, including runs that end at a stop, at a hard edge or at the pad.
func TestLinearRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	runsUsed := 0
	for iter := 0; iter < 300; iter++ {
		var stops []Stop
		for k := 1 + r.IntN(5); k > 0; k-- {
			off := r.Float64()
			if r.IntN(4) == 0 && len(stops) > 0 {
				off = stops[len(stops)-1].Offset // a hard edge
			}
			if r.IntN(6) == 0 {
				off = float64(r.IntN(2))
			}
			// Dark, close colours make long runs, as in a poster background.
			base := uint8(r.IntN(200))
			c := nrgba(base+uint8(r.IntN(40)), base+uint8(r.IntN(40)), base+uint8(r.IntN(40)), 255-uint8(r.IntN(2)*r.IntN(256)))
			stops = append(stops, Stop{Offset: off, Color: c})
		}
		ang := r.Float64() * 2 * math.Pi
		l := 20 + r.Float64()*3000
		x0, y0 := r.Float64()*400-200, r.Float64()*400-200
		m := geom.Identity
		if r.IntN(2) == 0 {
			m = rot(r.Float64(), 0.5+r.Float64())
		}
		g := NewLinear(x0, y0, x0+l*math.Cos(ang), y0+l*math.Sin(ang), stops, m).(*Linear)
		if g.none || g.tx == 0 {
			continue
		}
		n := lutMinSpan + r.IntN(1500)
		x, y := r.IntN(600)-300, r.IntN(600)-300
		row := shadeRow(g, x, y, n)
		c := g.ramp.table(n)
		if c.meanRun >= runPixels*math.Abs(g.tx)*lutSize {
			runsUsed++
		}
		tb := g.tx*(float64(x)+0.5) + g.ty*(float64(y)+0.5) + g.tc
		for k := 0; k < n; k++ {
			tt := tb + g.tx*float64(k)
			var want uint32
			switch id := c.run(tt); {
			case id == -1:
				want = c.lo
			case id == lutSize+1:
				want = c.hi
			default:
				if want = c.lut[int(tt*lutSize+0.5)]; want == exactMark {
					want = g.ramp.exactPixel(float32(tt))
				}
			}
			got := binary.LittleEndian.Uint32(row[4*k:])
			exact := g.ramp.exactPixel(float32(tt))
			for sh := 0; sh < 32; sh += 8 {
				if d := int(got>>sh&0xff) - int(exact>>sh&0xff); d < -1 || d > 1 {
					t.Fatalf("iter %d pixel %d t=%v: %08x, exact %08x", iter, k, tt, got, exact)
				}
			}
			if got != want {
				t.Fatalf("iter %d pixel %d t=%v: shaded %08x, lookup %08x", iter, k, tt, got, want)
			}
		}
	}
	if runsUsed < 100 {
		t.Fatalf("only %d gradients were shaded by runs", runsUsed)
	}
}
