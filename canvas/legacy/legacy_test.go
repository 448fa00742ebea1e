package legacy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg"
	"io/fs"
	"math"
	"strings"
	"testing"

	"github.com/seed92233726/mediad/canvas"
)

// memLoader serves images from memory.
type memLoader map[string]image.Image

func (m memLoader) LoadImage(p string) (image.Image, error) {
	if img, ok := m[p]; ok {
		return img, nil
	}
	return nil, fmt.Errorf("image %q: %w", p, fs.ErrNotExist)
}

// checker is a 4×4 two-colour tile.
func checker() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			c := color.NRGBA{255, 140, 0, 255}
			if (x < 2) != (y < 2) {
				c = color.NRGBA{0, 0, 128, 128}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

var testImages = memLoader{"/img/tile.png": checker()}

// recordScene draws a scene exercising every non-text, non-image action
// through the legacy recorder; directScene draws the same through Context2D.
func recordScene(c *CanvasContext) {
	g := c.CreateLinearGradient(0, 0, 200, 0)
	g.AddColorStop(0, "#ff9a9e")
	g.AddColorStop(1, "rgba(0, 0, 255, 0.5)")
	c.SetFillStyle(g)
	c.FillRect(0, 0, 200, 150)

	rg := c.CreateCircularGradient(60, 60, 40)
	rg.AddColorStop(0, "white")
	rg.AddColorStop(1, "green")
	c.SetFillStyle(rg)
	c.BeginPath()
	c.Arc(60, 60, 40, 0, 2*math.Pi, false)
	c.Fill()

	c.SetFillStyle(c.CreatePattern("/img/tile.png", "repeat"))
	c.FillRect(120, 10, 60, 40)

	c.Save()
	c.SetShadow(3, 4, 5, "rgba(0,0,0,0.6)")
	c.SetStrokeStyle("navy")
	c.SetLineWidth(4)
	c.SetLineJoin("round")
	c.SetLineCap("square")
	c.BeginPath()
	c.MoveTo(20, 120)
	c.QuadraticCurveTo(50, 80, 80, 120)
	c.BezierCurveTo(100, 140, 120, 90, 140, 130)
	c.ArcTo(170, 140, 170, 100, 15)
	c.LineTo(190, 100)
	c.Stroke()
	c.Restore()

	c.Save()
	c.Translate(100, 75)
	c.Rotate(0.3)
	c.Scale(1.5, 0.8)
	c.SetGlobalAlpha(0.7)
	c.SetFillStyle("#3cb371")
	c.Rect(-20, -10, 40, 20)
	c.Fill()
	c.Transform(1, 0.2, 0, 1, 5, 5)
	c.SetStrokeStyle("crimson")
	c.SetLineDash([]float64{6, 3}, 2)
	c.SetMiterLimit(3)
	c.StrokeRect(-25, -15, 50, 30)
	c.Restore()

	c.Save()
	c.BeginPath()
	c.Arc(150, 110, 25, 0, math.Pi, true)
	c.ClosePath()
	c.Clip()
	c.SetGlobalCompositeOperation("multiply")
	c.SetFillStyle("rgb(255, 200, 0)")
	c.FillRect(120, 80, 60, 60)
	c.Restore()

	c.SetTransform(1, 0, 0, 1, 10, 0)
	c.SetLineDashOffset(1)
	c.SetShadowOffsetX(2)
	c.SetShadowOffsetY(2)
	c.SetShadowBlur(2)
	c.SetShadowColor("#0008")
	c.SetStrokeStyle("black")
	c.StrokeRect(5, 5, 30, 20)
	c.ClearRect(8, 8, 10, 6)

	c.SetTransform(1, 0, 0, 1, 0, 0)
	c.SetShadow(0, 0, 0, "transparent")
	c.SetFont("bold 12px GoPoster")
	c.SetFontSize(14)
	c.SetFillStyle("#102030")
	c.SetTextAlign("center")
	c.SetTextBaseline("top")
	c.FillText("Legacy 文字", 100, 20)
	c.SetTextAlign("right")
	c.SetTextBaseline("normal")
	c.FillText("condensed to fit", 190, 140, 60)
	c.SetStrokeStyle("purple")
	c.SetLineWidth(0.75)
	c.StrokeText("outline", 10, 140)
}

func directScene(t *testing.T, ctx *canvas.Context2D) {
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	g, err := ctx.CreateLinearGradient(0, 0, 200, 0)
	must(err)
	must(g.AddColorStop(0, "#ff9a9e"))
	must(g.AddColorStop(1, "rgba(0, 0, 255, 0.5)"))
	ctx.SetFillStyle(g)
	ctx.FillRect(0, 0, 200, 150)

	rg, err := ctx.CreateRadialGradient(60, 60, 0, 60, 60, 40)
	must(err)
	must(rg.AddColorStop(0, "white"))
	must(rg.AddColorStop(1, "green"))
	ctx.SetFillStyle(rg)
	ctx.BeginPath()
	must(ctx.Arc(60, 60, 40, 0, 2*math.Pi, false))
	ctx.Fill()

	p, err := ctx.CreatePatternImage(checker(), "repeat")
	must(err)
	ctx.SetFillStyle(p)
	ctx.FillRect(120, 10, 60, 40)

	ctx.Save()
	ctx.SetShadowOffsetX(3)
	ctx.SetShadowOffsetY(4)
	ctx.SetShadowBlur(5)
	ctx.SetShadowColor("rgba(0,0,0,0.6)")
	ctx.SetStrokeStyle("navy")
	ctx.SetLineWidth(4)
	ctx.SetLineJoin("round")
	ctx.SetLineCap("square")
	ctx.BeginPath()
	ctx.MoveTo(20, 120)
	ctx.QuadraticCurveTo(50, 80, 80, 120)
	ctx.BezierCurveTo(100, 140, 120, 90, 140, 130)
	must(ctx.ArcTo(170, 140, 170, 100, 15))
	ctx.LineTo(190, 100)
	ctx.Stroke()
	ctx.Restore()

	ctx.Save()
	ctx.Translate(100, 75)
	ctx.Rotate(0.3)
	ctx.Scale(1.5, 0.8)
	ctx.SetGlobalAlpha(0.7)
	ctx.SetFillStyle("#3cb371")
	ctx.Rect(-20, -10, 40, 20)
	ctx.Fill()
	ctx.Transform(1, 0.2, 0, 1, 5, 5)
	ctx.SetStrokeStyle("crimson")
	ctx.SetLineDash([]float64{6, 3})
	ctx.SetLineDashOffset(2)
	ctx.SetMiterLimit(3)
	ctx.StrokeRect(-25, -15, 50, 30)
	ctx.Restore()

	ctx.Save()
	ctx.BeginPath()
	must(ctx.Arc(150, 110, 25, 0, math.Pi, true))
	ctx.ClosePath()
	ctx.Clip()
	ctx.SetGlobalCompositeOperation("multiply")
	ctx.SetFillStyle("rgb(255, 200, 0)")
	ctx.FillRect(120, 80, 60, 60)
	ctx.Restore()

	ctx.SetTransform(1, 0, 0, 1, 10, 0)
	ctx.SetLineDashOffset(1)
	ctx.SetShadowOffsetX(2)
	ctx.SetShadowOffsetY(2)
	ctx.SetShadowBlur(2)
	ctx.SetShadowColor("#0008")
	ctx.SetStrokeStyle("black")
	ctx.StrokeRect(5, 5, 30, 20)
	ctx.ClearRect(8, 8, 10, 6)

	ctx.SetTransform(1, 0, 0, 1, 0, 0)
	ctx.SetShadowOffsetX(0)
	ctx.SetShadowOffsetY(0)
	ctx.SetShadowBlur(0)
	ctx.SetShadowColor("transparent")
	ctx.SetFont("bold 14px GoPoster")
	ctx.SetFillStyle("#102030")
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("top")
	ctx.FillText("Legacy 文字", 100, 20)
	ctx.SetTextAlign("right")
	ctx.SetTextBaseline("alphabetic")
	ctx.FillText("condensed to fit", 190, 140, 60)
	ctx.SetStrokeStyle("purple")
	ctx.SetLineWidth(0.75)
	ctx.StrokeText("outline", 10, 140)
}

func newCanvas(t testing.TB, w, h int) *canvas.Canvas {
	t.Helper()
	cv, err := canvas.NewCanvas(w, h)
	if err != nil {
		t.Fatal(err)
	}
	return cv
}

func samePixels(t *testing.T, what string, want, got *canvas.Canvas) {
	t.Helper()
	a, b := want.RGBA(), got.RGBA()
	if a.Rect != b.Rect {
		t.Fatalf("%s: size %v, want %v", what, b.Rect, a.Rect)
	}
	if !bytes.Equal(a.Pix, b.Pix) {
		n := 0
		for i := range a.Pix {
			if a.Pix[i] != b.Pix[i] {
				n++
			}
		}
		t.Fatalf("%s: %d bytes differ from the direct Context2D drawing", what, n)
	}
}

// TestRoundTrip: record → Draw, record → Marshal → Unmarshal → Render and
// the same calls made directly on a Context2D give identical pixels.
func TestRoundTrip(t *testing.T) {
	setupFonts(t)
	direct := newCanvas(t, 200, 150)
	directScene(t, direct.Context2D())

	drawn := newCanvas(t, 200, 150)
	rec := NewCanvasContext(drawn, ContextOptions{Images: testImages})
	recordScene(rec)
	actions := rec.Actions()
	if err := rec.Draw(false, nil); err != nil {
		t.Fatal(err)
	}
	samePixels(t, "Draw", direct, drawn)
	if n := len(rec.Actions()); n != 0 {
		t.Fatalf("Draw left %d actions pending", n)
	}

	js, err := Marshal(actions)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unmarshal(js)
	if err != nil {
		t.Fatalf("Unmarshal(Marshal): %v\n%s", err, js)
	}
	js2, err := Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(js, js2) {
		t.Fatalf("JSON changed on a round trip:\n%s\n%s", js, js2)
	}
	rendered, err := Render(back, RenderOptions{Width: 200, Height: 150, Images: testImages})
	if err != nil {
		t.Fatal(err)
	}
	samePixels(t, "Render(Unmarshal(Marshal))", direct, rendered)
}

func TestJSONForm(t *testing.T) {
	rec := NewCanvasContext(nil, ContextOptions{})
	g := rec.CreateLinearGradient(0, 0, 10, 0)
	g.AddColorStop(0, "red")
	rec.SetFillStyle(g)
	g.AddColorStop(1, "blue") // live: recorded styles see later stops
	rec.SetStrokeStyle(rec.CreatePattern("a.png", "repeat-x"))
	rec.Arc(1, 2, 3, 0, 1.5, true)
	rec.SetLineDash([]float64{4, 2}, 0)
	rec.BeginPath()
	got, err := Marshal(rec.Actions())
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"method":"setFillStyle","data":[{"type":"linear","data":[0,0,10,0],"colorStop":[[0,"red"],[1,"blue"]]}]},` +
		`{"method":"setStrokeStyle","data":[{"type":"pattern","data":["a.png","repeat-x"]}]},` +
		`{"method":"arc","data":[1,2,3,0,1.5,true]},` +
		`{"method":"setLineDash","data":[[4,2],0]},` +
		`{"method":"beginPath","data":[]}]`
	if string(got) != want {
		t.Fatalf("Marshal:\n got %s\nwant %s", got, want)
	}
	// encoding/json gives the same form, and reads it back.
	std, err := json.Marshal(rec.Actions())
	if err != nil || string(std) != want {
		t.Fatalf("json.Marshal: %v\n got %s\nwant %s", err, std, want)
	}
	var doc struct{ Actions []Action }
	if err := json.Unmarshal([]byte(`{"actions":`+want+`}`), &doc); err != nil {
		t.Fatal(err)
	}
	if again, _ := Marshal(doc.Actions); string(again) != want {
		t.Fatalf("json.Unmarshal round trip:\n got %s\nwant %s", again, want)
	}
	if err := json.Unmarshal([]byte(`[{"method":"arc","data":[1,2,-3,0,1]}]`), &doc.Actions); !errors.Is(err, ErrValue) {
		t.Fatalf("json.Unmarshal of a bad action: %v", err)
	}
}

func TestValidationErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		json  string
		index int
		is    error
		msg   string
	}{
		{"unknown method", `[{"method":"save","data":[]},{"method":"fillCircle","data":[1]}]`, 1, ErrUnknownMethod, `"fillCircle"`},
		{"too few", `[{"method":"fillRect","data":[0,0,10]}]`, 0, ErrArity, "got 3, want 4"},
		{"too many", `[{"method":"beginPath","data":[1]}]`, 0, ErrArity, "got 1, want 0"},
		{"optional range", `[{"method":"arc","data":[1,2,3,4]}]`, 0, ErrArity, "want 5 to 6"},
		{"drawImage arity", `[{"method":"drawImage","data":["a.png",1,2,3]}]`, 0, ErrArity, "want 3, 5, 9"},
		{"string for number", `[{"method":"fill","data":[]},{"method":"fillRect","data":[0,"0",10,10]}]`, 1, ErrType, "argument 1 (y): wrong argument type: want a number, got a string"},
		{"null for number", `[{"method":"lineTo","data":[null,1]}]`, 0, ErrType, "got null"},
		{"number for bool", `[{"method":"arc","data":[1,2,3,4,5,1]}]`, 0, ErrType, "want a boolean"},
		{"number for string", `[{"method":"setLineCap","data":[3]}]`, 0, ErrType, "want a string"},
		{"list for style", `[{"method":"setFillStyle","data":[[255,0,0]]}]`, 0, ErrType, "want a colour, gradient or pattern"},
		{"out of range number", `[{"method":"rotate","data":[1e999]}]`, 0, ErrValue, "out of range"},
		{"dash element", `[{"method":"setLineDash","data":[[1,"2"]]}]`, 0, ErrType, "element 1"},
		{"negative arc radius", `[{"method":"arc","data":[1,2,-3,0,1]}]`, 0, ErrValue, "negative"},
		{"negative arcTo radius", `[{"method":"moveTo","data":[0,0]},{"method":"arcTo","data":[1,2,3,4,-1]}]`, 1, ErrValue, "negative"},
		{"gradient type", `[{"method":"setFillStyle","data":[{"type":"conic","data":[0,0,0]}]}]`, 0, ErrValue, `"conic"`},
		{"gradient data length", `[{"method":"setFillStyle","data":[{"type":"radial","data":[0,0,1,2]}]}]`, 0, ErrValue, "3 numbers"},
		{"stop offset", `[{"method":"setStrokeStyle","data":[{"type":"linear","data":[0,0,1,1],"colorStop":[[1.5,"red"]]}]}]`, 0, ErrValue, "outside [0, 1]"},
		{"stop colour", `[{"method":"setFillStyle","data":[{"type":"linear","data":[0,0,1,1],"colorStop":[[0,"reed"]]}]}]`, 0, ErrValue, `"reed" is not a colour`},
		{"stop shape", `[{"method":"setFillStyle","data":[{"type":"linear","data":[0,0,1,1],"colorStop":[[0]]}]}]`, 0, ErrType, "[offset, colour]"},
		{"negative radial radius", `[{"method":"setFillStyle","data":[{"type":"radial","data":[0,0,-1]}]}]`, 0, ErrValue, "negative"},
		{"unknown style field", `[{"method":"setFillStyle","data":[{"type":"linear","data":[0,0,1,1],"stops":[]}]}]`, 0, ErrType, "stops"},
		{"pattern repetition", `[{"method":"setFillStyle","data":[{"type":"pattern","data":["a.png","tile"]}]}]`, 0, ErrValue, "repetition"},
		{"pattern arity", `[{"method":"setFillStyle","data":[{"type":"pattern","data":["a.png"]}]}]`, 0, ErrType, "[image, repetition]"},
		{"action not an object", `[{"method":"save","data":[]},[1,2]]`, 1, ErrType, "got a list"},
		{"missing method", `[{"data":[]}]`, 0, ErrType, "missing"},
		{"unknown key", `[{"method":"save","data":[],"args":[]}]`, 0, ErrType, "args"},
		{"data not a list", `[{"method":"rotate","data":1}]`, 0, ErrType, "must be a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Unmarshal([]byte(tc.json))
			var ae *ActionError
			if !errors.As(err, &ae) {
				t.Fatalf("error %v is not an *ActionError", err)
			}
			if ae.Index != tc.index || !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %q (index %d), want index %d, %v, containing %q", err, ae.Index, tc.index, tc.is, tc.msg)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("action %d", tc.index)) {
				t.Fatalf("message %q does not start with the index", err)
			}
		})
	}
}

// TestValidateGo checks what only Go callers can produce: NaN, infinities,
// foreign types, nil styles.
func TestValidateGo(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name    string
		actions []Action
		index   int
		is      error
	}{
		{"NaN", []Action{{"save", nil}, {"fillRect", []any{0, 0, nan, 1}}}, 1, ErrValue},
		{"infinity", []Action{{"translate", []any{math.Inf(1), 0}}}, 0, ErrValue},
		{"NaN in dash", []Action{{"setLineDash", []any{[]float64{1, nan}}}}, 0, ErrValue},
		{"NaN in gradient", []Action{{"setFillStyle", []any{&Gradient{Type: "linear", Data: []float64{0, nan, 1, 1}}}}}, 0, ErrValue},
		{"NaN stop", []Action{{"setFillStyle", []any{&Gradient{Type: "linear", Data: []float64{0, 0, 1, 1}, ColorStop: []ColorStop{{nan, "red"}}}}}}, 0, ErrValue},
		{"nil gradient", []Action{{"setFillStyle", []any{(*Gradient)(nil)}}}, 0, ErrType},
		{"struct", []Action{{"setFillStyle", []any{struct{}{}}}}, 0, ErrType},
		{"empty pattern path", []Action{{"setFillStyle", []any{&Pattern{Repetition: "repeat"}}}}, 0, ErrValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(tc.actions)
			var ae *ActionError
			if !errors.As(err, &ae) || ae.Index != tc.index || !errors.Is(err, tc.is) {
				t.Fatalf("got %v, want action %d: %v", err, tc.index, tc.is)
			}
			// Draw refuses the batch without drawing anything.
			cv := newCanvas(t, 4, 4)
			rec := NewCanvasContext(cv, ContextOptions{})
			rec.FillRect(0, 0, 4, 4)
			rec.actions = append(rec.actions, tc.actions...)
			var cbErr error
			if err := rec.Draw(true, func(e error) { cbErr = e }); !errors.Is(err, tc.is) || cbErr != err {
				t.Fatalf("Draw: %v, callback %v", err, cbErr)
			}
			if cv.RGBA().Pix[3] != 0 {
				t.Fatal("a refused batch drew")
			}
		})
	}
	// Go integers are numbers.
	if err := Validate([]Action{{"fillRect", []any{0, int64(1), uint8(2), float32(3)}}}); err != nil {
		t.Fatal(err)
	}
}

func TestUnmarshalWhole(t *testing.T) {
	for _, in := range []string{``, `{}`, `null`, `[`, `[{"method":"save","data":[]}`, `"x"`} {
		if _, err := Unmarshal([]byte(in)); err == nil {
			t.Errorf("Unmarshal(%q) succeeded", in)
		}
	}
	acts, err := Unmarshal([]byte(` [ {"method":"save"}, {"method":"restore","data":null}, {"method":"setLineDash","data":[null]} ] `))
	if err != nil || len(acts) != 3 {
		t.Fatalf("missing or null data: %v %v", acts, err)
	}
}

func px(cv *canvas.Canvas, x, y int) [4]uint8 {
	c := cv.RGBA().RGBAAt(x, y)
	return [4]uint8{c.R, c.G, c.B, c.A}
}

// TestDrawSemantics covers the rules of draw(reserve) in §3.3.1.
func TestDrawSemantics(t *testing.T) {
	red, black, none := [4]uint8{255, 0, 0, 255}, [4]uint8{0, 0, 0, 255}, [4]uint8{}

	t.Run("official example", func(t *testing.T) {
		// ctx.setFillStyle('red'); ctx.fillRect(10, 10, 150, 100); ctx.draw()
		// ctx.fillRect(50, 50, 150, 100); ctx.draw(true)
		cv := newCanvas(t, 300, 200)
		c := NewCanvasContext(cv, ContextOptions{})
		c.SetFillStyle("red")
		c.FillRect(10, 10, 150, 100)
		if err := c.Draw(false, nil); err != nil {
			t.Fatal(err)
		}
		c.FillRect(50, 50, 150, 100)
		called := false
		if err := c.Draw(true, func(err error) { called = err == nil }); err != nil {
			t.Fatal(err)
		}
		if !called {
			t.Fatal("callback not called")
		}
		if got := px(cv, 20, 20); got != red {
			t.Errorf("first rect %v, want red kept by reserve", got)
		}
		if got := px(cv, 180, 140); got != black {
			t.Errorf("second rect %v, want the default black (state does not carry over)", got)
		}
	})
	t.Run("reserve false clears", func(t *testing.T) {
		cv := newCanvas(t, 50, 50)
		c := NewCanvasContext(cv, ContextOptions{})
		c.FillRect(0, 0, 10, 10)
		_ = c.Draw(false, nil)
		c.FillRect(20, 20, 10, 10)
		_ = c.Draw(false, nil)
		if px(cv, 5, 5) != none || px(cv, 25, 25) != black {
			t.Fatalf("got %v and %v", px(cv, 5, 5), px(cv, 25, 25))
		}
	})
	t.Run("clip transform and unbalanced save do not leak", func(t *testing.T) {
		cv := newCanvas(t, 50, 50)
		c := NewCanvasContext(cv, ContextOptions{})
		c.Save()
		c.Save()
		c.Rect(0, 0, 5, 5)
		c.Clip()
		c.Translate(30, 30)
		c.SetGlobalAlpha(0.1)
		c.SetFillStyle("red")
		c.Restore()
		c.Restore()
		c.Restore() // one too many: must not pop the batch's own state
		c.Save()    // left open at the end of the batch
		c.Clip()
		_ = c.Draw(false, nil)
		c.FillRect(10, 10, 10, 10)
		_ = c.Draw(true, nil)
		if got := px(cv, 15, 15); got != black {
			t.Fatalf("got %v, want black at (15,15): state leaked from the previous batch", got)
		}
	})
	t.Run("implicit beginPath", func(t *testing.T) {
		cv := newCanvas(t, 50, 50)
		c := NewCanvasContext(cv, ContextOptions{})
		c.Rect(0, 0, 10, 10) // never filled in this batch
		_ = c.Draw(false, nil)
		c.Rect(20, 20, 10, 10)
		c.Fill()
		_ = c.Draw(true, nil)
		if px(cv, 5, 5) != none || px(cv, 25, 25) != black {
			t.Fatalf("the previous batch's path was filled: %v %v", px(cv, 5, 5), px(cv, 25, 25))
		}
	})
	t.Run("last set wins before fill", func(t *testing.T) {
		cv := newCanvas(t, 20, 20)
		c := NewCanvasContext(cv, ContextOptions{})
		c.Rect(0, 0, 20, 20)
		c.SetFillStyle("blue")
		c.SetFillStyle("red")
		c.Fill()
		_ = c.Draw(false, nil)
		if px(cv, 10, 10) != red {
			t.Fatalf("got %v", px(cv, 10, 10))
		}
	})
	t.Run("pixel ratio", func(t *testing.T) {
		cv := newCanvas(t, 40, 40)
		c := NewCanvasContext(cv, ContextOptions{PixelRatio: 2})
		c.SetTransform(1, 0, 0, 1, 5, 5) // in CSS px, on top of the ratio
		c.FillRect(0, 0, 5, 5)
		_ = c.Draw(false, nil)
		if px(cv, 11, 11) != black || px(cv, 9, 9) != none || px(cv, 21, 21) != none {
			t.Fatalf("got %v %v %v", px(cv, 11, 11), px(cv, 9, 9), px(cv, 21, 21))
		}
	})
	t.Run("missing image refuses the batch", func(t *testing.T) {
		cv := newCanvas(t, 10, 10)
		c := NewCanvasContext(cv, ContextOptions{Images: testImages})
		c.FillRect(0, 0, 10, 10)
		c.SetFillStyle(c.CreatePattern("/img/none.png", "repeat"))
		err := c.Draw(false, nil)
		var ae *ActionError
		if !errors.As(err, &ae) || ae.Index != 1 || !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("got %v", err)
		}
		if px(cv, 5, 5) != none {
			t.Fatal("drew before failing")
		}
		c.FillRect(0, 0, 10, 10)
		c.SetFillStyle(c.CreatePattern("/img/tile.png", "repeat"))
		if err := NewCanvasContext(cv, ContextOptions{}).Draw(false, nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Draw(false, nil); err != nil || px(cv, 5, 5) != black {
			t.Fatalf("the failed batch was not emptied: %v %v", err, px(cv, 5, 5))
		}
	})
	t.Run("drawImage draws the loaded image", func(t *testing.T) {
		cv := newCanvas(t, 10, 10)
		c := NewCanvasContext(cv, ContextOptions{Images: testImages})
		c.DrawImage("/img/tile.png", 0, 0)
		if err := c.Draw(false, nil); err != nil {
			t.Fatal(err)
		}
		// The checker's top-left texel is opaque orange.
		if got := px(cv, 0, 0); got != [4]uint8{255, 140, 0, 255} {
			t.Fatalf("pixel (0,0) = %v, want the image's orange", got)
		}
	})
}

// TestStateRules checks the state the replay sets up and the wx-specific
// mappings, on the Context2D itself.
func TestStateRules(t *testing.T) {
	cv := newCanvas(t, 10, 10)
	r := &replayer{ctx: cv.Context2D(), base: canvas.NewMatrix(2, 0, 0, 2, 0, 0)}
	r.ctx.SetFont("italic bold 30px serif")
	r.ctx.SetLineWidth(7)
	r.ctx.SetTransform(3, 0, 0, 3, 1, 1)
	r.defaults()
	for _, c := range []struct{ what, got, want string }{
		{"font", r.ctx.Font(), "10px sans-serif"},
		{"lineWidth", fmt.Sprint(r.ctx.LineWidth()), "1"},
		{"transform", fmt.Sprint(r.ctx.GetTransform()), fmt.Sprint(canvas.NewMatrix(2, 0, 0, 2, 0, 0))},
		{"textAlign", r.ctx.TextAlign(), "left"},
		{"textBaseline", r.ctx.TextBaseline(), "alphabetic"},
	} {
		if c.got != c.want {
			t.Errorf("default %s = %q, want %q", c.what, c.got, c.want)
		}
	}
	apply := func(method string, data ...any) {
		t.Helper()
		a, err := normalizeOne(Action{method, data})
		if err != nil {
			t.Fatal(err)
		}
		if err := methods[method].apply(r, a); err != nil {
			t.Fatal(err)
		}
	}
	apply("setTextBaseline", "top")
	apply("setTextBaseline", "normal")
	if b := r.ctx.TextBaseline(); b != "alphabetic" {
		t.Errorf("normal baseline = %q, want alphabetic", b)
	}
	apply("font", "italic bold 12px serif")
	apply("setFontSize", 20.0)
	if f := r.ctx.Font(); f != "italic bold 20px serif" {
		t.Errorf("setFontSize changed more than the size: %q", f)
	}
	apply("setShadow", 1.0, 2.0, 3.0)
	if c := r.ctx.ShadowColor(); c != "#000000" {
		t.Errorf("setShadow without a colour: shadowColor %q, want black", c)
	}
	apply("setLineCap", "rund") // ignored, as the browser does
	if c := r.ctx.LineCap(); c != "butt" {
		t.Errorf("invalid lineCap applied: %q", c)
	}
}

func TestMeasureText(t *testing.T) {
	setupFonts(t)
	ref := newCanvas(t, 0, 0).Context2D()
	c := NewCanvasContext(nil, ContextOptions{})
	const s = "Measure me 量"
	for _, tc := range []struct {
		name   string
		record func()
		font   string
	}{
		{"default font", func() {}, "10px sans-serif"},
		{"font property", func() { c.SetFont("bold 20px GoPoster") }, "bold 20px GoPoster"},
		{"setFontSize keeps the family", func() { c.SetFontSize(40) }, "bold 40px GoPoster"},
		{"save keeps it", func() { c.Save(); c.SetFont("12px GoPoster") }, "12px GoPoster"},
		{"restore brings it back", func() { c.Restore() }, "bold 40px GoPoster"},
		{"unparsable font ignored", func() { c.SetFont("huge") }, "bold 40px GoPoster"},
	} {
		tc.record()
		ref.SetFont(tc.font)
		want := ref.MeasureText(s).Width
		if got := c.MeasureText(s).Width; got != want || want <= 0 {
			t.Errorf("%s: width %g, want %g (%s)", tc.name, got, want, tc.font)
		}
	}
	// Draw starts the next batch from the default font, even when it fails.
	if err := c.Draw(false, nil); err == nil {
		t.Error("Draw without a target succeeded")
	}
	ref.SetFont("10px sans-serif")
	if got, want := c.MeasureText(s).Width, ref.MeasureText(s).Width; got != want {
		t.Errorf("after Draw: width %g, want %g", got, want)
	}
}

func TestWithFontSize(t *testing.T) {
	for _, tc := range []struct {
		font string
		size float64
		want string
	}{
		{"10px sans-serif", 16, "16px sans-serif"},
		{"bold 12px/1.5 \"PingFang SC\", serif", 24.5, "bold 24.5px \"PingFang SC\", serif"},
		{"italic small-caps 300 9pt monospace", 8, "italic 300 small-caps 8px monospace"},
		{"10px sans-serif", -1, "10px sans-serif"},
		{"not a font", 12, "not a font"},
	} {
		if got := withFontSize(tc.font, tc.size); got != tc.want {
			t.Errorf("withFontSize(%q, %g) = %q, want %q", tc.font, tc.size, got, tc.want)
		}
	}
	c := NewCanvasContext(nil, ContextOptions{})
	c.SetFont("bold 12px serif")
	c.Save()
	c.SetFontSize(30)
	if c.font != "bold 30px serif" {
		t.Errorf("tracked font %q", c.font)
	}
	c.Restore()
	if c.font != "bold 12px serif" {
		t.Errorf("restore did not restore the tracked font: %q", c.font)
	}
}

func TestRenderOptions(t *testing.T) {
	one := []Action{{"fillRect", []any{0, 0, 1, 1}}}
	for _, tc := range []struct {
		name string
		opts RenderOptions
		w, h int
		ok   bool
	}{
		{"defaults", RenderOptions{}, 300, 150, true},
		{"ratio", RenderOptions{Width: 100, Height: 50, PixelRatio: 3}, 300, 150, true},
		{"fractional ratio", RenderOptions{Width: 101, Height: 51, PixelRatio: 1.5}, 152, 77, true},
		{"negative", RenderOptions{Width: -1, Height: 5}, 0, 0, false},
		{"ratio too big", RenderOptions{PixelRatio: 100}, 0, 0, false},
		{"NaN ratio", RenderOptions{PixelRatio: math.NaN()}, 0, 0, false},
		{"no pixels", RenderOptions{Width: 1, Height: 1, PixelRatio: 0.1}, 0, 0, false},
		{"over MaxPixels", RenderOptions{Width: 1000, Height: 1000, MaxPixels: 999_999}, 0, 0, false},
		{"huge", RenderOptions{Width: math.MaxInt32, Height: math.MaxInt32, PixelRatio: 16}, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cv, err := Render(one, tc.opts)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v", err)
			}
			if tc.ok && (cv.Width() != tc.w || cv.Height() != tc.h) {
				t.Fatalf("size %dx%d, want %dx%d", cv.Width(), cv.Height(), tc.w, tc.h)
			}
		})
	}
	if _, err := Render([]Action{{"nope", nil}}, RenderOptions{}); err == nil {
		t.Fatal("invalid actions rendered")
	}
}

func TestMethodsTable(t *testing.T) {
	// Every CanvasContext method of the wx API is declared.
	for _, name := range []string{"setFillStyle", "setStrokeStyle", "setShadow", "setFontSize", "setGlobalAlpha",
		"setLineCap", "setLineJoin", "setLineWidth", "setLineDash", "setMiterLimit", "setTextAlign",
		"setTextBaseline", "setTransform", "font", "globalCompositeOperation", "lineDashOffset",
		"shadowOffsetX", "shadowOffsetY", "shadowBlur", "shadowColor", "drawImage", "fillText", "strokeText",
		"measureText", "arc", "arcTo", "beginPath", "bezierCurveTo", "clearRect", "clip", "closePath", "fill",
		"fillRect", "lineTo", "moveTo", "quadraticCurveTo", "rect", "restore", "rotate", "save", "scale",
		"stroke", "strokeRect", "transform", "translate"} {
		if methods[name] == nil {
			t.Errorf("method %s is not declared", name)
		}
	}
	for name, m := range methods {
		if m.apply == nil || m.min > len(m.params) {
			t.Errorf("method %s is malformed", name)
		}
	}
	if n := len(Methods()); n != len(methods) {
		t.Fatalf("Methods() lists %d of %d", n, len(methods))
	}
}

func TestParseRequest(t *testing.T) {
	req, err := ParseRequest([]byte(`{"width":20,"height":10,"pixelRatio":2,"fileType":"jpg","quality":0.8,
		"actions":[{"method":"setFillStyle","data":["red"]},{"method":"fillRect","data":[0,0,20,10]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	cv, err := Render(req.Actions, req.RenderOptions(nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	if cv.Width() != 40 || cv.Height() != 20 || px(cv, 39, 19) != ([4]uint8{255, 0, 0, 255}) {
		t.Fatalf("rendered %dx%d, %v", cv.Width(), cv.Height(), px(cv, 39, 19))
	}
	var buf bytes.Buffer
	if err := Export(&buf, cv, req.ExportOptions()); err != nil {
		t.Fatal(err)
	}
	if img, _, err := image.Decode(&buf); err != nil || img.Bounds().Dx() != 40 {
		t.Fatalf("export: %v", err)
	}
	for _, tc := range []struct{ body, want string }{
		{`{"width":1,"actions":[{"method":"nope"}]}`, "action 0"},
		{`{"width":1}`, "missing \"actions\""},
		{`{"widht":1,"actions":[]}`, "widht"},
		{`{"fileType":"bmp","actions":[]}`, "fileType"},
		{`{"actions":[]} {}`, "after"},
		{`[]`, "render request"},
	} {
		if _, err := ParseRequest([]byte(tc.body)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseRequest(%s) = %v, want an error containing %q", tc.body, err, tc.want)
		}
	}
}

func TestRenderContextCancel(t *testing.T) {
	acts := make([]Action, 1000)
	for i := range acts {
		acts[i] = Action{"fillRect", []any{0, 0, 1, 1}}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, n := range []int{1, 1000} {
		if _, err := RenderContext(ctx, acts[:n], RenderOptions{Width: 4, Height: 4}); !errors.Is(err, context.Canceled) {
			t.Fatalf("%d actions: got %v", n, err)
		}
	}
}
