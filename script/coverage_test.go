package script

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/seed92233726/mediad/canvas"
)

// goOnly are Context2D methods with no JavaScript counterpart of their own: Go
// spellings of one JS overload, getters/setters covered by their attribute, and
// Go extensions.
var goOnly = map[string]string{
	"Canvas":                 "the canvas attribute",
	"FillPath":               "fill(path, rule)",
	"StrokePath":             "stroke(path)",
	"ClipPath":               "clip(path, rule)",
	"IsPointInPath2D":        "isPointInPath(path, x, y, rule)",
	"IsPointInStroke2D":      "isPointInStroke(path, x, y)",
	"SetTransformMatrix":     "setTransform(matrix)",
	"PutImageDataDirty":      "putImageData with a dirty rectangle",
	"CreateImageDataFrom":    "createImageData(imagedata)",
	"CreatePatternImage":     "Go extension (any image.Image)",
	"CreatePatternFrom":      "createPattern(image or canvas, repetition)",
	"CreatePatternImageData": "Go extension; createPattern(ImageData) is a TypeError in browsers",
	"LineDash":               "getLineDash()",
	"EmHeight":               "Go extension; measureText's emHeightAscent/Descent stay 0 as in Chromium",
}

// TestContext2DFullyBound keeps the binding complete: every exported method of
// canvas.Context2D must appear on CanvasRenderingContext2D.prototype as a method
// or an attribute.
func TestContext2DFullyBound(t *testing.T) {
	r := New(Options{})
	v, err := r.vm.RunString(`Object.getOwnPropertyNames(CanvasRenderingContext2D.prototype)`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := r.vm.ExportTo(v, &names); err != nil {
		t.Fatal(err)
	}
	bound := map[string]bool{}
	for _, n := range names {
		bound[n] = true
	}
	typ := reflect.TypeOf(&canvas.Context2D{})
	for i := 0; i < typ.NumMethod(); i++ {
		name := typ.Method(i).Name
		if _, ok := goOnly[name]; ok {
			continue
		}
		js := strings.TrimPrefix(name, "Set")
		if name == "SetTransform" || name == "SetLineDash" {
			js = name
		}
		if js == "" {
			continue
		}
		js = string(unicode.ToLower(rune(js[0]))) + js[1:]
		if !bound[js] {
			t.Errorf("canvas.Context2D.%s has no JavaScript binding (%s)", name, js)
		}
	}
}
