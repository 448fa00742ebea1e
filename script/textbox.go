package script

import (
	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
)

// installTextBox adds the text box extensions of package canvas to the 2D
// context: fillTextBox, strokeTextBox and layoutText(text, x, y, box) with box
// {width, maxLines, height, lineHeight, align, ellipsis}. Poster code that wraps
// and clamps text by hand in JavaScript gets the engine's line breaking instead.
func (r *Runtime) installTextBox() {
	cl := r.classes.ctx
	def := func(name string, run func(*canvas.Context2D, string, float64, float64, canvas.TextBox) canvas.TextBoxResult) {
		cl.method(name, 3, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
			s := r.str(c.Argument(0))
			x, y := double(c.Argument(1)), double(c.Argument(2))
			res := run(b.ctx, s, x, y, r.textBox(c.Argument(3)))
			return r.textBoxResult(res)
		})
	}
	def("fillTextBox", (*canvas.Context2D).FillTextBox)
	def("strokeTextBox", (*canvas.Context2D).StrokeTextBox)
	def("layoutText", (*canvas.Context2D).LayoutText)
}

func (r *Runtime) textBox(v goja.Value) canvas.TextBox {
	var box canvas.TextBox
	obj, ok := v.(*goja.Object)
	if !ok {
		return box
	}
	num := func(name string) float64 {
		if m := obj.Get(name); !absent(m) {
			if f := m.ToFloat(); f == f {
				return f
			}
		}
		return 0
	}
	box.Width = num("width")
	box.Height = num("height")
	box.LineHeight = num("lineHeight")
	if n := num("maxLines"); n > 0 && n < 1<<30 {
		box.MaxLines = int(n)
	}
	if a := obj.Get("align"); !absent(a) {
		box.Align = r.str(a)
	}
	if e := obj.Get("ellipsis"); !absent(e) {
		if goja.IsNull(e) || e.String() == "" {
			box.NoEllipsis = true
		} else {
			box.Ellipsis = r.str(e)
		}
	}
	return box
}

func (r *Runtime) textBoxResult(res canvas.TextBoxResult) goja.Value {
	lines := make([]any, len(res.Lines))
	for i, l := range res.Lines {
		o := r.vm.NewObject()
		must(o.Set("text", l.Text))
		must(o.Set("width", l.Width))
		must(o.Set("x", l.X))
		must(o.Set("y", l.Y))
		lines[i] = o
	}
	out := r.vm.NewObject()
	must(out.Set("lines", r.vm.NewArray(lines...)))
	must(out.Set("height", res.Height))
	must(out.Set("truncated", res.Truncated))
	return out
}
