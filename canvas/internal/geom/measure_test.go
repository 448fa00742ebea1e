package geom

import (
	"math"
	"testing"
	"time"
)

// The dasher measures curves as Skia does: chords of halvings to half a
// pixel, which falls short of the true length. A quarter circle of radius 22
// is measured as conic chords about 0.2 px short of πr/2.
func TestSkiaCurveLength(t *testing.T) {
	var p Path
	p.MoveTo(Point{22, 0})
	p.arcSegments(0, 0, 22, 22, 0, 0, math.Pi/2, Identity)
	q := p.Points[1:4]
	c, ok := arcConic(p.Points[0], q[0], q[1], q[2])
	if !ok {
		t.Fatal("arcSegments' quarter circle not recognised as an arc")
	}
	if math.Abs(c.w-math.Sqrt2/2) > 1e-9 || !near(c.p1, Point{22, 22}, 1e-9) {
		t.Errorf("conic %+v, want control (22, 22) and weight √2/2", c)
	}
	l := skiaCurveLength(true, p.Points[0], q[0], q[1], q[2], 0.5, &measureBudget{MaxMeasurePieces})
	if want := 22 * math.Pi / 2; !(l < want-0.1 && l > want-0.4) {
		t.Errorf("measured %v, want 0.1-0.4 short of %v", l, want)
	}
	// A finer tolerance measures closer to the true length.
	if l2 := skiaCurveLength(true, p.Points[0], q[0], q[1], q[2], 0.01, &measureBudget{MaxMeasurePieces}); !(l2 > l && l2 < 22*math.Pi/2) {
		t.Errorf("measured %v at tolerance 0.01, want between %v and the true length", l2, l)
	}
	// A cubic that is not an arc is measured as a cubic.
	if _, ok := arcConic(Point{0, 0}, Point{10, 0}, Point{20, 5}, Point{20, 20}); ok {
		t.Error("a general cubic was taken for an arc")
	}
	// A straight quadratic or cubic measures its exact length.
	if l := skiaCurveLength(false, Point{0, 0}, Point{5, 0}, Point{10, 0}, Point{10, 0}, 0.5, &measureBudget{MaxMeasurePieces}); l != 10 {
		t.Errorf("straight quadratic measured %v, want 10", l)
	}
}

// Dashes along a stroked circle follow Skia's measure: a dash pattern whose
// period divides the measured circumference, not the true one, tiles it.
func TestDashUsesSkiaMeasure(t *testing.T) {
	var circle Path
	circle.MoveTo(Point{22, 0})
	circle.arcSegments(0, 0, 22, 22, 0, 0, 2*math.Pi, Identity)
	circle.Close()
	q := circle.Points
	total := 0.0
	for i := 0; i < 4; i++ {
		total += skiaCurveLength(true, q[3*i], q[3*i+1], q[3*i+2], q[3*i+3], 0.5, &measureBudget{MaxMeasurePieces})
	}
	// One dash of the whole measured length less 1: the gap of 1 measured
	// unit sits just before the start point, at angle -1/22 rad.
	var out Path
	Stroke(&out, &circle, StrokeStyle{Width: 2, Dash: []float64{total - 1, 1}}, Identity)
	inGap := Point{22 * math.Cos(-0.5/22), 22 * math.Sin(-0.5/22)}
	if winding(&out, inGap.X, inGap.Y) != 0 {
		t.Error("the gap is not where Skia's measure puts it")
	}
	if p := (Point{22 * math.Cos(-2.5/22), 22 * math.Sin(-2.5/22)}); winding(&out, p.X, p.Y) == 0 {
		t.Error("the dash stops short of where Skia's measure puts its end")
	}
}

// Measuring is bounded: a dashed path of huge curves, each of which would
// halve 2^20 times, falls back to true lengths once the budget is spent
// instead of running for minutes.
func TestMeasureBudget(t *testing.T) {
	var p Path
	p.MoveTo(Point{0, 0})
	for i := 0; i < 200; i++ {
		p.CubicTo(Point{1e9, 0}, Point{1e9, 1e9}, Point{0, 1e9})
		p.CubicTo(Point{-1e9, 1e9}, Point{-1e9, 0}, Point{0, 0})
	}
	var out Path
	start := time.Now()
	Stroke(&out, &p, StrokeStyle{Width: 1, Dash: []float64{1e6, 1e6}}, Identity)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("stroking took %v", d)
	}
	b := measureBudget{10}
	if l := skiaCurveLength(true, Point{0, 0}, Point{1e9, 0}, Point{1e9, 1e9}, Point{0, 1e9}, 0.5, &b); !math.IsNaN(l) {
		t.Errorf("a measurement past its budget gave %v, want NaN", l)
	}
}
