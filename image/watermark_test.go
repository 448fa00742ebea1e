package image

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	stdimage "image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/codec"
)

var wmBackground = color.RGBA{40, 120, 200, 255}

func solidRGBA(w, h int, c color.Color) *stdimage.RGBA {
	m := stdimage.NewRGBA(stdimage.Rect(0, 0, w, h))
	draw.Draw(m, m.Rect, stdimage.NewUniform(c), stdimage.Point{}, draw.Src)
	return m
}

// changed returns the bounding box of the pixels of m that differ from bg.
func changed(m *stdimage.RGBA, bg color.RGBA) stdimage.Rectangle {
	var r stdimage.Rectangle
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			if m.RGBAAt(x, y) != bg {
				r = r.Union(stdimage.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func applyOne(t *testing.T, op EditOp, m *stdimage.RGBA) *stdimage.RGBA {
	t.Helper()
	if err := op.validate(0); err != nil {
		t.Fatalf("validate: %v", err)
	}
	out, err := op.apply(context.Background(), 0, m, 1<<24)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return out
}

func f64(v float64) *float64 { return &v }

// TestWatermarkGravity checks that text and image watermarks land at each gravity,
// inset by the margin, and that nothing outside that corner, edge or centre changes.
func TestWatermarkGravity(t *testing.T) {
	const W, H, margin = 240, 160, 12
	wm := encode(t, solidRGBA(30, 20, color.RGBA{255, 0, 0, 255}), codec.PNG)
	gravities := []Gravity{GravityNorthWest, GravityNorth, GravityNorthEast, GravityWest, GravityCentre,
		GravityEast, GravitySouthWest, GravitySouth, GravitySouthEast}
	for _, kind := range []string{"text", "image"} {
		for _, g := range gravities {
			t.Run(kind+"/"+string(g), func(t *testing.T) {
				op := EditOp{Op: "watermark", Gravity: g, Margin: margin}
				if kind == "text" {
					op.Text, op.Font, op.Color = "MW", "bold 24px sans-serif", "#ffffff"
				} else {
					op.Image = wm
				}
				box := changed(applyOne(t, op, solidRGBA(W, H, wmBackground)), wmBackground)
				if box.Empty() {
					t.Fatal("nothing drawn")
				}
				fx, fy, _ := g.anchor()
				check := func(axis string, lo, hi, size int, f float64) {
					t.Helper()
					tol := 2 // anti-aliased glyph edges
					if kind == "image" {
						tol = 0
					}
					switch f {
					case 0:
						if lo < margin-tol || lo > margin+tol {
							t.Errorf("%s: starts at %d, want margin %d (box %v)", axis, lo, margin, box)
						}
					case 1:
						if hi > size-margin+tol || hi < size-margin-tol {
							t.Errorf("%s: ends at %d, want %d (box %v)", axis, hi, size-margin, box)
						}
					default:
						if c := float64(lo+hi) / 2; math.Abs(c-float64(size)/2) > 2 {
							t.Errorf("%s: centred at %v, want %v (box %v)", axis, c, size/2, box)
						}
					}
					if hi-lo > size/3 {
						t.Errorf("%s: %d pixels changed, more than the watermark (box %v)", axis, hi-lo, box)
					}
				}
				check("x", box.Min.X, box.Max.X, W, fx)
				check("y", box.Min.Y, box.Max.Y, H, fy)
				if kind == "image" && (box.Dx() != 30 || box.Dy() != 20) {
					t.Errorf("image watermark covers %v, want 30x20", box)
				}
			})
		}
	}
}

func TestWatermarkTextColour(t *testing.T) {
	white := color.RGBA{255, 255, 255, 255}
	for _, tc := range []struct {
		color string
		want  color.RGBA // the most saturated pixel: the colour over white
	}{
		{"#ff0000", color.RGBA{255, 0, 0, 255}},
		{"rgba(0,0,255,0.5)", color.RGBA{127, 127, 255, 255}},
	} {
		m := applyOne(t, EditOp{Op: "watermark", Text: "HH", Font: "bold 48px sans-serif", Color: tc.color}, solidRGBA(200, 100, white))
		box := changed(m, white)
		if box.Dx() < 20 || box.Dy() < 20 {
			t.Fatalf("%s: text covers only %v", tc.color, box)
		}
		// Glyph interiors are fully covered: the colour composited over white.
		found := 0
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				if near(m.RGBAAt(x, y), tc.want, 1) {
					found++
				}
			}
		}
		if found < 50 {
			t.Errorf("%s: %d pixels of %v in %v", tc.color, found, tc.want, box)
		}
	}
}

func TestWatermarkImageOpacity(t *testing.T) {
	opaque := encode(t, solidRGBA(30, 20, color.RGBA{255, 0, 0, 255}), codec.PNG)
	half := stdimage.NewNRGBA(stdimage.Rect(0, 0, 30, 20))
	draw.Draw(half, half.Rect, stdimage.NewUniform(color.NRGBA{255, 0, 0, 128}), stdimage.Point{}, draw.Src)
	translucent := encode(t, half, codec.PNG)
	for _, tc := range []struct {
		name    string
		img     []byte
		opacity *float64
		want    color.RGBA
	}{
		// 0.5·(255,0,0) + 0.5·(40,120,200)
		{"opacity 0.5", opaque, f64(0.5), color.RGBA{148, 60, 100, 255}},
		{"opacity 1", opaque, nil, color.RGBA{255, 0, 0, 255}},
		// the watermark's own alpha (128/255) composites the same way
		{"alpha in the image", translucent, nil, color.RGBA{148, 60, 100, 255}},
		// 0.5·(128/255)
		{"alpha and opacity", translucent, f64(0.5), color.RGBA{94, 90, 150, 255}},
		{"opacity 0", opaque, f64(0), wmBackground},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := applyOne(t, EditOp{Op: "watermark", Image: tc.img, Opacity: tc.opacity, Gravity: GravityNorthWest, Margin: 5}, solidRGBA(100, 60, wmBackground))
			if got := m.RGBAAt(20, 15); !near(got, tc.want, 1) {
				t.Errorf("inside: %v, want %v", got, tc.want)
			}
			for _, p := range []stdimage.Point{{4, 4}, {35, 10}, {10, 25}, {90, 50}} {
				if got := m.RGBAAt(p.X, p.Y); got != wmBackground {
					t.Errorf("outside at %v: %v changed", p, got)
				}
			}
		})
	}
}

func TestWatermarkImageScaled(t *testing.T) {
	wm := encode(t, solidRGBA(30, 20, color.RGBA{255, 0, 0, 255}), codec.PNG)
	for _, tc := range []struct {
		w, h         int
		wantW, wantH int
	}{{60, 0, 60, 40}, {0, 10, 15, 10}, {90, 30, 45, 30}} {
		m := applyOne(t, EditOp{Op: "watermark", Image: wm, Width: tc.w, Height: tc.h, Gravity: GravitySouthEast}, solidRGBA(120, 80, wmBackground))
		want := stdimage.Rect(120-tc.wantW, 80-tc.wantH, 120, 80)
		if box := changed(m, wmBackground); box != want {
			t.Errorf("width %d height %d: drawn over %v, want %v", tc.w, tc.h, box, want)
		}
	}
}

func TestWatermarkInvalid(t *testing.T) {
	wm := encode(t, solidRGBA(4, 4, color.RGBA{255, 0, 0, 255}), codec.PNG)
	for _, tc := range []struct {
		op    EditOp
		param string
	}{
		{EditOp{Op: "watermark"}, "text"},
		{EditOp{Op: "watermark", Text: "a", Image: wm}, "image"},
		{EditOp{Op: "watermark", Text: "a", Font: "enormous"}, "font"},
		{EditOp{Op: "watermark", Text: "a", Font: "5000px sans-serif"}, "font"},
		{EditOp{Op: "watermark", Text: "a", Color: "not-a-colour"}, "color"},
		{EditOp{Op: "watermark", Text: "a", Color: "rgba(1,2)"}, "color"},
		{EditOp{Op: "watermark", Text: "a", Opacity: f64(1.5)}, "opacity"},
		{EditOp{Op: "watermark", Text: "a", Opacity: f64(-0.1)}, "opacity"},
		{EditOp{Op: "watermark", Text: "a", Opacity: f64(math.NaN())}, "opacity"},
		{EditOp{Op: "watermark", Text: "a", Margin: -1}, "margin"},
		{EditOp{Op: "watermark", Text: "a", Gravity: "upwards"}, "gravity"},
		{EditOp{Op: "watermark", Text: "a", Gravity: GravityAttention}, "gravity"},
		{EditOp{Op: "watermark", Text: "a", Width: 10}, "width"},
		{EditOp{Op: "watermark", Text: strings.Repeat("x", maxWatermarkRunes+1)}, "text"},
		{EditOp{Op: "watermark", Text: "\xff"}, "text"},
		{EditOp{Op: "watermark", Image: wm, Width: -1}, "width"},
		{EditOp{Op: "watermark", Image: wm, Height: maxSide + 1}, "width"},
		{EditOp{Op: "watermark", Image: wm, Font: "12px serif"}, "font"},
		{EditOp{Op: "watermark", Image: wm, Color: "red"}, "color"},
		{EditOp{Op: "watermark", Image: make([]byte, maxWatermarkBytes+1)}, "image"},
		{EditOp{Op: "watermark", Image: []byte("not an image")}, "image"},
		{EditOp{Op: "watermark", Image: []byte("not an image"), Opacity: f64(0)}, "image"},
		{EditOp{Op: "watermark", Image: wm[:len(wm)/2]}, "image"},
	} {
		png := encode(t, solidRGBA(20, 20, wmBackground), codec.PNG)
		_, err := Edit(bytes.NewReader(png), EditOptions{Ops: []EditOp{{Op: "flip", Direction: "vertical"}, tc.op}})
		var pe *ParamError
		if !errors.Is(err, ErrInvalidParameter) || !errors.As(err, &pe) || pe.Param != "ops[1]."+tc.param {
			t.Errorf("%+v: got %v, want an error naming ops[1].%s", tc.op, err, tc.param)
		}
	}
}

// TestWatermarkJSON decodes ops as the HTTP edit endpoint and `mediad edit` do
// (strictly, unknown members refused) and runs them through Edit.
func TestWatermarkJSON(t *testing.T) {
	wm := base64.StdEncoding.EncodeToString(encode(t, solidRGBA(16, 16, color.RGBA{255, 0, 0, 255}), codec.PNG))
	raw := `[{"op":"watermark","text":"© mediad","font":"bold 32px sans-serif","color":"rgba(255,255,255,0.6)","gravity":"southeast","margin":24},
		{"op":"watermark","image":"` + wm + `","opacity":0.5,"width":32,"gravity":"northwest","margin":8}]`
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	var ops []EditOp
	if err := dec.Decode(&ops); err != nil {
		t.Fatal(err)
	}
	if ops[1].Opacity == nil || *ops[1].Opacity != 0.5 || len(ops[1].Image) == 0 || ops[0].Margin != 24 {
		t.Fatalf("decoded %+v", ops)
	}
	png := encode(t, solidRGBA(400, 300, wmBackground), codec.PNG)
	res, err := Edit(bytes.NewReader(png), EditOptions{Output: Output{Format: codec.PNG}, Ops: ops})
	if err != nil {
		t.Fatal(err)
	}
	out := toRGBA(decodeResult(t, res))
	// The image watermark: 32x32 at 8,8, half red over the background.
	if got, want := out.RGBAAt(20, 20), (color.RGBA{148, 60, 100, 255}); !near(got, want, 1) {
		t.Errorf("image watermark pixel %v, want %v", got, want)
	}
	if box := changed(out, wmBackground); box.Min != (stdimage.Point{8, 8}) || box.Max.X > 400-24+2 || box.Max.Y > 300-24+2 || box.Max.X < 300 || box.Max.Y < 250 {
		t.Errorf("changed pixels span %v", box)
	}
	text := out.SubImage(stdimage.Rect(200, 150, 400, 300)).(*stdimage.RGBA)
	if changed(text, wmBackground).Empty() {
		t.Error("no text in the south-east quarter")
	}
}

// FuzzWatermark runs watermark ops with arbitrary fields and watermark bytes:
// an error must name a parameter (or the input), nothing may panic.
func FuzzWatermark(f *testing.F) {
	seed := seedImages(f)[0]
	f.Add(seed, "© mediad", "bold 32px sans-serif", "rgba(255,255,255,0.6)", "southeast", 24, 0.6, []byte(nil), 0)
	f.Add(seed, "", "", "", "north", 0, 0.5, seed, 40)
	f.Add(seed, "x", "1e9px serif", "#12345", "attention", -3, 2.0, []byte(nil), -1)
	f.Fuzz(func(t *testing.T, data []byte, text, font, colour, gravity string, margin int, opacity float64, wm []byte, width int) {
		e := EditOp{Op: "watermark", Text: text, Font: font, Color: colour, Gravity: Gravity(gravity),
			Margin: margin, Opacity: &opacity, Image: wm, Width: width}
		_, err := Edit(bytes.NewReader(data), EditOptions{Ops: []EditOp{e}, Limits: fuzzLimits})
		checkErr(t, err)
	})
}
