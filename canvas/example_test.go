package canvas_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"

	"github.com/seed92233726/mediad/canvas"
)

// A share-poster card: gradient background, rounded card with a shadow,
// exported as PNG.
func Example() {
	cv, err := canvas.NewCanvas(540, 720)
	if err != nil {
		panic(err)
	}
	ctx := cv.Context2D()

	bg, _ := ctx.CreateLinearGradient(0, 0, 540, 720)
	_ = bg.AddColorStop(0, "#ff9a9e")
	_ = bg.AddColorStop(1, "#fad0c4")
	ctx.SetFillStyle(bg)
	ctx.FillRect(0, 0, 540, 720)

	ctx.Save()
	ctx.SetShadowColor("rgba(0, 0, 0, 0.25)")
	ctx.SetShadowBlur(24)
	ctx.SetShadowOffsetY(12)
	ctx.SetFillStyle("white")
	ctx.BeginPath()
	if err := ctx.RoundRect(40, 60, 460, 600, canvas.R(28)); err != nil {
		panic(err)
	}
	ctx.Fill()
	ctx.Restore()

	badge := canvas.NewPath2D()
	_ = badge.Arc(430, 600, 40, 0, 2*math.Pi, false)
	ctx.SetGlobalCompositeOperation("multiply")
	ctx.SetFillStyle("#ffd200")
	ctx.FillPath(badge)

	var png bytes.Buffer
	if err := cv.Encode(&png, "png", canvas.EncodeOptions{}); err != nil {
		panic(err)
	}
	px, _ := ctx.GetImageData(270, 300, 1, 1)
	fmt.Println(ctx.FillStyle(), px.Data, png.Len() > 0)
	// Output: #ffd200 [255 255 255 255] true
}

// Errors are sentinel values that errors.Is can test; property setters ignore
// invalid values as the browser does.
func ExampleContext2D_Arc() {
	cv, _ := canvas.NewCanvas(10, 10)
	ctx := cv.Context2D()
	err := ctx.Arc(5, 5, -1, 0, math.Pi, false)
	fmt.Println(err != nil, errors.Is(err, canvas.ErrIndexSize))
	ctx.SetLineWidth(math.NaN()) // ignored
	fmt.Println(ctx.LineWidth())
	// Output:
	// true true
	// 1
}
