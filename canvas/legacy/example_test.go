package legacy_test

import (
	"fmt"
	"os"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/canvas/legacy"
)

// The wx.createCanvasContext flow: record, draw, export.
func Example() {
	cv, _ := canvas.NewCanvas(300, 200)
	ctx := legacy.NewCanvasContext(cv, legacy.ContextOptions{})
	ctx.SetFillStyle("red")
	ctx.FillRect(10, 10, 150, 100)
	_ = ctx.Draw(false, nil)
	ctx.FillRect(50, 50, 150, 100) // default black: state does not carry over
	_ = ctx.Draw(true, func(err error) {
		path, err := legacy.CanvasToTempFilePath(cv, legacy.ExportOptions{FileType: "jpg", Quality: 0.9}, "")
		if err == nil {
			defer os.Remove(path)
			fmt.Println("exported", len(path) > 0)
		}
	})
	// Output: exported true
}

// An action list as the HTTP service receives it.
func ExampleUnmarshal() {
	actions, err := legacy.Unmarshal([]byte(`[
		{"method": "setFillStyle", "data": [{"type": "linear", "data": [0, 0, 100, 0],
			"colorStop": [[0, "red"], [1, "blue"]]}]},
		{"method": "fillRect", "data": [0, 0, 100, 50]},
		{"method": "arc", "data": [50, 25, -5, 0, 6.28]}
	]`))
	fmt.Println(len(actions), err)
	// Output: 0 action 2 (arc): invalid argument: the radius provided (-5) is negative
}
