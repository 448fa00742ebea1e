package script

import (
	_ "embed"
	"fmt"
	"weak"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
)

//go:embed dommatrix.js
var domMatrixJS string

// canvasBinding is the Go side of one OffscreenCanvas object. It refers to no
// JavaScript object strongly (see weakTable); the context object holds its canvas
// object instead, as ctx.canvas must keep it alive.
type canvasBinding struct {
	c      *canvas.OffscreenCanvas
	ctxObj weak.Pointer[goja.Object] // the context getContext('2d') handed out
}

// canvasClasses are the JavaScript interfaces of the canvas bindings.
type canvasClasses struct {
	canvas      *class[*canvasBinding]
	ctx         *class[*ctxBinding]
	path        *class[*canvas.Path2D]
	gradient    *class[*canvas.Gradient]
	pattern     *class[*canvas.Pattern]
	imageData   *class[*imageDataBinding]
	textMetrics *class[*canvas.TextMetrics]
	image       *class[*imageBinding]

	gradientObjs *identityTable[*canvas.Gradient]
	patternObjs  *identityTable[*canvas.Pattern]
	// domInstall builds the DOMMatrix and DOMPoint classes (dommatrix.js)
	// and defines the globals it is given; domClasses are the classes it
	// made, by name.
	domInstall goja.Callable
	domClasses *goja.Object
}

// domGlobals are the globals dommatrix.js defines, in its order.
var domGlobals = [...]string{"DOMMatrixReadOnly", "DOMMatrix", "DOMPointReadOnly", "DOMPoint"}

// installDOMGeometry defines the DOMMatrix and DOMPoint globals, built when a
// script first reads one of them or a canvas method first returns a DOMMatrix:
// few scripts use them, and building them is a fifth of a bare runtime.
func (r *Runtime) installDOMGeometry() {
	install, err := r.vm.RunProgram(programs().domMatrix)
	must(err)
	r.classes.domInstall, _ = goja.AssertFunction(install)
	for _, name := range domGlobals {
		r.lazyGlobal(name, func() goja.Value { return r.domClasses().Get(name) })
	}
}

// domMatrixClass is the DOMMatrix class, whatever the global holds now.
func (r *Runtime) domMatrixClass() *goja.Object {
	return r.domClasses().Get("DOMMatrix").(*goja.Object)
}

// domClasses builds the DOMMatrix and DOMPoint classes if needed; the globals
// still pending are defined then, all at once, as eager installation would.
func (r *Runtime) domClasses() *goja.Object {
	k := &r.classes
	if k.domClasses != nil {
		return k.domClasses
	}
	var names []any
	for _, name := range domGlobals {
		if _, ok := r.lazy.pending[name]; ok {
			delete(r.lazy.pending, name)
			names = append(names, name)
		}
	}
	v, err := k.domInstall(goja.Undefined(), r.vm.NewArray(names...))
	if err != nil {
		panic(err)
	}
	k.domClasses = v.(*goja.Object)
	k.domInstall = nil
	return k.domClasses
}

// Canvases returns the canvases the script created, in creation order; the first
// is always there (it is what `mediad run -o` saves), later ones only while the
// script can still reach them — dropped canvases are collected with their pixels.
func (r *Runtime) Canvases() []*canvas.OffscreenCanvas {
	var out []*canvas.OffscreenCanvas
	if r.firstCanvas != nil {
		out = append(out, r.firstCanvas.c)
	}
	for _, p := range r.canvasList {
		if b := p.Value(); b != nil {
			out = append(out, b.c)
		}
	}
	return out
}

func (r *Runtime) canvasLimits() canvas.Limits {
	if r.opts.CanvasLimits == (canvas.Limits{}) {
		return canvas.DefaultLimits
	}
	return r.opts.CanvasLimits
}

func (r *Runtime) installCanvas() {
	r.installDOMGeometry()
	k := &r.classes
	k.gradientObjs = newIdentityTable[*canvas.Gradient]()
	k.patternObjs = newIdentityTable[*canvas.Pattern]()

	k.canvas = newClass(r, "OffscreenCanvas", func(call goja.ConstructorCall) *canvasBinding {
		if len(call.Arguments) < 2 {
			r.throwTypeError(fmt.Sprintf("Failed to construct 'OffscreenCanvas': 2 arguments required, but only %d present.", len(call.Arguments)))
		}
		w := r.enforceUnsigned(call.Argument(0), "OffscreenCanvas", "constructor")
		h := r.enforceUnsigned(call.Argument(1), "OffscreenCanvas", "constructor")
		return r.newCanvasBinding("2d", w, h, "Failed to construct 'OffscreenCanvas'")
	})
	r.installCanvasMembers()
	r.installContext2D()
	r.installPath2D()
	r.installStyles()
	r.installImageData()
	r.installTextMetrics()
	r.installTextBox()
	r.installImage()
	r.installDrawImage()
	r.installWx()
}

// newCanvasBinding creates the Go canvas for a new JavaScript canvas object.
func (r *Runtime) newCanvasBinding(kind string, w, h int, what string) *canvasBinding {
	r.reserve(4 * int64(w) * int64(h))
	c, err := canvas.NewOffscreenCanvasWithLimits(kind, w, h, r.canvasLimits())
	if err != nil {
		r.throwAs(err, what+": "+errorSentence(err))
	}
	c.UseFonts(r.fonts)
	b := &canvasBinding{c: c}
	if r.firstCanvas == nil {
		r.firstCanvas = b
		return b
	}
	if len(r.canvasList) == cap(r.canvasList) {
		// Drop the entries of collected canvases before growing.
		live := r.canvasList[:0]
		for _, p := range r.canvasList {
			if p.Value() != nil {
				live = append(live, p)
			}
		}
		r.canvasList = live
	}
	r.canvasList = append(r.canvasList, weak.Make(b))
	return b
}

func (r *Runtime) installCanvasMembers() {
	k := &r.classes
	cl := k.canvas
	size := func(get func(*canvas.OffscreenCanvas) int, set func(*canvas.OffscreenCanvas, int) error, name string) {
		cl.accessor(name, func(b *canvasBinding) goja.Value { return r.vm.ToValue(get(b.c)) },
			func(b *canvasBinding, v goja.Value) {
				n := r.enforceUnsigned(v, "OffscreenCanvas", name)
				if name == "width" {
					r.reserve(4 * int64(n) * int64(b.c.Height()))
				} else {
					r.reserve(4 * int64(n) * int64(b.c.Width()))
				}
				r.check(set(b.c, n), "OffscreenCanvas", name)
			})
	}
	size(func(c *canvas.OffscreenCanvas) int { return c.Width() }, func(c *canvas.OffscreenCanvas, n int) error { return c.SetWidth(n) }, "width")
	size(func(c *canvas.OffscreenCanvas) int { return c.Height() }, func(c *canvas.OffscreenCanvas, n int) error { return c.SetHeight(n) }, "height")

	cl.method("getContext", 1, func(b *canvasBinding, call goja.FunctionCall) goja.Value {
		kind := r.str(call.Argument(0))
		switch kind {
		case "2d":
		case "webgl", "webgl2", "bitmaprenderer":
			return goja.Null() // not available here, as a browser without the feature
		default:
			r.throwTypeError(fmt.Sprintf("Failed to execute 'getContext' on 'OffscreenCanvas': The provided value '%s' is not a valid enum value of type OffscreenRenderingContextType.", kind))
		}
		ctx, err := b.c.GetContext(kind)
		r.check(err, "OffscreenCanvas", "getContext")
		if obj := b.ctxObj.Value(); obj != nil {
			return obj
		}
		// The first context object, or a new one if the old one was collected
		// (then nobody can tell them apart).
		obj := k.ctx.wrap(&ctxBinding{ctx: ctx, canvas: b, canvasObj: call.This.(*goja.Object)})
		b.ctxObj = weak.Make(obj)
		return obj
	})
	cl.method("toDataURL", 0, func(b *canvasBinding, call goja.FunctionCall) goja.Value {
		mime := "image/png"
		if !absent(call.Argument(0)) {
			mime = r.str(call.Argument(0))
		}
		q := -1.0 // out of range: the default quality
		if a := call.Argument(1); !absent(a) {
			if _, isNum := a.Export().(int64); isNum {
				q = a.ToFloat()
			} else if f, isNum := a.Export().(float64); isNum {
				q = f
			}
		}
		return r.vm.ToValue(b.c.ToDataURL(mime, q))
	})
	// WeChat canvas helpers.
	cl.method("createImageData", 1, func(b *canvasBinding, call goja.FunctionCall) goja.Value {
		ctx, err := b.c.GetContext(b.c.Type())
		r.check(err, "OffscreenCanvas", "createImageData")
		return r.createImageData(ctx, call, "OffscreenCanvas")
	})
	cl.method("createPath2D", 0, func(b *canvasBinding, call goja.FunctionCall) goja.Value {
		obj, err := r.vm.New(k.path.build(), call.Arguments...)
		if err != nil {
			panic(err)
		}
		return obj
	})
}

// installWx defines the canvas part of the wx object; the wider wx API extends it.
func (r *Runtime) installWx() {
	wx, ok := r.vm.GlobalObject().Get("wx").(*goja.Object)
	if !ok {
		wx = r.vm.NewObject()
		must(r.vm.GlobalObject().Set("wx", wx))
	}
	k := &r.classes
	must(wx.Set("createOffscreenCanvas", func(call goja.FunctionCall) goja.Value {
		kind, w, h := "webgl", canvas.DefaultWidth, canvas.DefaultHeight
		if opts, isObj := call.Argument(0).(*goja.Object); isObj {
			if v := opts.Get("type"); !absent(v) {
				kind = r.str(v)
			}
			if v := opts.Get("width"); !absent(v) {
				w = r.enforceUnsigned(v, "wx", "createOffscreenCanvas")
			}
			if v := opts.Get("height"); !absent(v) {
				h = r.enforceUnsigned(v, "wx", "createOffscreenCanvas")
			}
		} else {
			// The legacy (width, height, component) form: WeChat makes a WebGL
			// canvas, which is not available here, so it gives a 2D one.
			kind = "2d"
			if v := call.Argument(0); !absent(v) {
				w = r.enforceUnsigned(v, "wx", "createOffscreenCanvas")
			}
			if v := call.Argument(1); !absent(v) {
				h = r.enforceUnsigned(v, "wx", "createOffscreenCanvas")
			}
		}
		if kind != "2d" {
			r.throwCanvasError(fmt.Errorf("%w: createOffscreenCanvas:fail type %q is not supported (only '2d')", canvas.ErrNotSupported, kind), "wx", "createOffscreenCanvas")
		}
		obj := r.vm.NewObject()
		must(obj.SetPrototype(k.canvas.proto))
		b := r.newCanvasBinding(kind, w, h, "createOffscreenCanvas:fail")
		k.canvas.objs.put(obj, b)
		return obj
	}))
}

// installTextMetrics defines TextMetrics, whose attributes are read-only
// accessors as in browsers.
func (r *Runtime) installTextMetrics() {
	cl := newLazyClass[*canvas.TextMetrics](r, "TextMetrics", nil)
	r.classes.textMetrics = cl
	attrs := []struct {
		name string
		get  func(*canvas.TextMetrics) float64
	}{
		{"width", func(m *canvas.TextMetrics) float64 { return m.Width }},
		{"actualBoundingBoxLeft", func(m *canvas.TextMetrics) float64 { return m.ActualBoundingBoxLeft }},
		{"actualBoundingBoxRight", func(m *canvas.TextMetrics) float64 { return m.ActualBoundingBoxRight }},
		{"fontBoundingBoxAscent", func(m *canvas.TextMetrics) float64 { return m.FontBoundingBoxAscent }},
		{"fontBoundingBoxDescent", func(m *canvas.TextMetrics) float64 { return m.FontBoundingBoxDescent }},
		{"actualBoundingBoxAscent", func(m *canvas.TextMetrics) float64 { return m.ActualBoundingBoxAscent }},
		{"actualBoundingBoxDescent", func(m *canvas.TextMetrics) float64 { return m.ActualBoundingBoxDescent }},
		{"emHeightAscent", func(m *canvas.TextMetrics) float64 { return m.EmHeightAscent }},
		{"emHeightDescent", func(m *canvas.TextMetrics) float64 { return m.EmHeightDescent }},
		{"hangingBaseline", func(m *canvas.TextMetrics) float64 { return m.HangingBaseline }},
		{"alphabeticBaseline", func(m *canvas.TextMetrics) float64 { return m.AlphabeticBaseline }},
		{"ideographicBaseline", func(m *canvas.TextMetrics) float64 { return m.IdeographicBaseline }},
	}
	for _, at := range attrs {
		name, get := at.name, at.get
		cl.accessor(name, func(m *canvas.TextMetrics) goja.Value { return r.vm.ToValue(get(m)) }, nil)
	}
}
