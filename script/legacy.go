package script

import (
	"fmt"
	"image"
	"reflect"
	"unicode"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/canvas/legacy"
)

// legacyProperties are the CanvasContext properties (base library 1.9.90)
// and the set* method each assignment records.
var legacyProperties = map[string]string{
	"fillStyle": "SetFillStyle", "strokeStyle": "SetStrokeStyle", "shadowOffsetX": "SetShadowOffsetX",
	"shadowOffsetY": "SetShadowOffsetY", "shadowBlur": "SetShadowBlur", "shadowColor": "SetShadowColor",
	"lineWidth": "SetLineWidth", "lineCap": "SetLineCap", "lineJoin": "SetLineJoin", "miterLimit": "SetMiterLimit",
	"lineDashOffset": "SetLineDashOffset", "font": "SetFont", "globalAlpha": "SetGlobalAlpha",
	"globalCompositeOperation": "SetGlobalCompositeOperation", "textAlign": "SetTextAlign", "textBaseline": "SetTextBaseline",
}

// legacyGoOnly are CanvasContext methods that are not part of the script API
// (draw is bound by hand: its callback runs from a task).
var legacyGoOnly = map[string]bool{"Canvas": true, "Actions": true, "Draw": true, "DrawContext": true}

// installLegacy binds wx.createCanvasContext(canvasId, options): the
// recording CanvasContext of package canvas/legacy over an offscreen bitmap
// (options.width × options.height CSS px at options.pixelRatio; 300×150 at 1
// by default), found again by canvasId in canvasToTempFilePath and
// canvasGet/PutImageData. The methods are bound from the Go type by
// reflection, so the recorder and the script API cannot drift apart.
func (r *Runtime) installLegacy(wx *goja.Object) {
	proto := r.vm.NewObject()
	wrapped := newWeakTable[any]()
	unwrap := func(v goja.Value) any {
		if obj, ok := v.(*goja.Object); ok {
			if g, ok := wrapped.get(obj); ok {
				return g
			}
		}
		if absent(v) || goja.IsNull(v) {
			return nil
		}
		return v.Export()
	}
	var wrap func(v reflect.Value) goja.Value
	methodsOf := func(obj *goja.Object, typ reflect.Type, self func(this goja.Value) (reflect.Value, bool), skip map[string]bool) {
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			if skip[m.Name] {
				continue
			}
			conv, ok := r.legacyArgs(m.Type, unwrap)
			if !ok {
				continue
			}
			name := string(unicode.ToLower(rune(m.Name[0]))) + m.Name[1:]
			fn := m.Func
			must(obj.Set(name, func(call goja.FunctionCall) goja.Value {
				recv, ok := self(call.This)
				if !ok {
					r.throwTypeError("Illegal invocation")
				}
				out := fn.Call(append([]reflect.Value{recv}, conv(call.Arguments)...))
				if len(out) == 0 {
					return goja.Undefined()
				}
				return wrap(out[0])
			}))
		}
	}
	helperProtos := map[reflect.Type]*goja.Object{}
	wrap = func(v reflect.Value) goja.Value {
		switch x := v.Interface().(type) {
		case legacy.TextMetrics:
			o := r.vm.NewObject()
			must(o.Set("width", x.Width))
			return o
		case error:
			panic(r.vm.NewGoError(x))
		}
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			p, ok := helperProtos[v.Type()]
			if !ok {
				p = r.vm.NewObject()
				t := v.Type()
				methodsOf(p, t, func(this goja.Value) (reflect.Value, bool) {
					if obj, ok := this.(*goja.Object); ok {
						if g, ok := wrapped.get(obj); ok && reflect.TypeOf(g) == t {
							return reflect.ValueOf(g), true
						}
					}
					return reflect.Value{}, false
				}, nil)
				helperProtos[v.Type()] = p
			}
			obj := r.vm.NewObject()
			must(obj.SetPrototype(p))
			wrapped.put(obj, v.Interface())
			return obj
		}
		return r.vm.ToValue(v.Interface())
	}
	contexts := newWeakTable[*legacy.CanvasContext]()
	self := func(this goja.Value) (reflect.Value, bool) {
		if obj, ok := this.(*goja.Object); ok {
			if c, ok := contexts.get(obj); ok {
				return reflect.ValueOf(c), true
			}
		}
		return reflect.Value{}, false
	}
	methodsOf(proto, reflect.TypeOf(&legacy.CanvasContext{}), self, legacyGoOnly)
	for prop, setter := range legacyProperties {
		m, ok := reflect.TypeOf(&legacy.CanvasContext{}).MethodByName(setter)
		if !ok {
			continue
		}
		conv, _ := r.legacyArgs(m.Type, unwrap)
		fn, key := m.Func, "__"+prop
		get := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			if obj, ok := call.This.(*goja.Object); ok {
				if v := obj.Get(key); v != nil {
					return v
				}
			}
			return goja.Undefined()
		})
		set := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			recv, ok := self(call.This)
			if !ok {
				r.throwTypeError("Illegal invocation")
			}
			fn.Call(append([]reflect.Value{recv}, conv(call.Arguments)...))
			must(call.This.(*goja.Object).DefineDataProperty(key, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_FALSE))
			return goja.Undefined()
		})
		must(proto.DefineAccessorProperty(prop, get, set, goja.FLAG_TRUE, goja.FLAG_TRUE))
	}
	must(proto.Set("draw", func(call goja.FunctionCall) goja.Value {
		recv, ok := self(call.This)
		if !ok {
			r.throwTypeError("Illegal invocation")
		}
		c := recv.Interface().(*legacy.CanvasContext)
		reserve, cbv := false, call.Argument(1)
		if fn, isFn := goja.AssertFunction(call.Argument(0)); isFn {
			cbv = r.vm.ToValue(fn) // draw(callback)
		} else {
			reserve = call.Argument(0).ToBoolean()
		}
		if err := c.DrawContext(r.runCtx, reserve, nil); err != nil {
			panic(r.vm.NewGoError(fmt.Errorf("draw:fail %s", reasonOf(err))))
		}
		if fn, isFn := goja.AssertFunction(cbv); isFn {
			r.post(func() error { _, err := fn(goja.Undefined()); return err })
		}
		return goja.Undefined()
	}))
	r.interfaces = append(r.interfaces, "CanvasContext")
	ctor := r.vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		r.throwTypeError("Illegal constructor")
		return nil
	}).(*goja.Object)
	must(ctor.Set("prototype", proto))
	must(r.vm.GlobalObject().DefineDataProperty("CanvasContext", ctor, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE))

	must(wx.Set("createCanvasContext", func(call goja.FunctionCall) goja.Value {
		id := r.str(call.Argument(0))
		w, h, dpr := canvas.DefaultWidth, canvas.DefaultHeight, 1.0
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if v, given, err := optNumber(o, "width"); err == nil && given && v >= 0 {
				w = int(v)
			}
			if v, given, err := optNumber(o, "height"); err == nil && given && v >= 0 {
				h = int(v)
			}
			if v, given, err := optNumber(o, "pixelRatio"); err == nil && given && v > 0 && v <= 4 {
				dpr = v
			}
		}
		target, ok := r.legacyCanvases[id]
		if !ok {
			bw, bh := int(float64(w)*dpr), int(float64(h)*dpr)
			r.reserve(4 * int64(bw) * int64(bh))
			c, err := canvas.NewCanvasWithLimits(bw, bh, r.canvasLimits())
			if err != nil {
				r.throwAs(err, "createCanvasContext:fail "+errorSentence(err))
			}
			c.UseFonts(r.fonts)
			target = c
			r.legacyCanvases[id] = c
		}
		ctx := legacy.NewCanvasContext(target, legacy.ContextOptions{PixelRatio: dpr, Images: sandboxImages{r}})
		obj := r.vm.NewObject()
		must(obj.SetPrototype(proto))
		contexts.put(obj, ctx)
		must(obj.DefineDataProperty("canvasId", r.vm.ToValue(id), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
		return obj
	}))
}

// legacyArgs returns the converter from JavaScript arguments to the Go
// parameters of method type t (receiver first), or false when a parameter has a
// type scripts cannot supply.
func (r *Runtime) legacyArgs(t reflect.Type, unwrap func(goja.Value) any) (func([]goja.Value) []reflect.Value, bool) {
	n := t.NumIn() - 1
	kinds := make([]reflect.Type, n)
	for i := range kinds {
		kinds[i] = t.In(i + 1)
		switch kinds[i].Kind() {
		case reflect.Float64, reflect.String, reflect.Bool, reflect.Interface:
		case reflect.Slice:
			if kinds[i].Elem().Kind() != reflect.Float64 {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	variadic := t.IsVariadic()
	return func(args []goja.Value) []reflect.Value {
		arg := func(i int) goja.Value {
			if i < len(args) {
				return args[i]
			}
			return goja.Undefined()
		}
		floats := func(v goja.Value) []float64 {
			var out []float64
			if obj, ok := v.(*goja.Object); ok {
				for _, e := range r.sequence(obj, "CanvasContext", "setLineDash") {
					out = append(out, double(e))
				}
			}
			return out
		}
		fixed := n
		if variadic {
			fixed = n - 1
		}
		out := make([]reflect.Value, 0, n+len(args))
		for i := 0; i < fixed; i++ {
			v := arg(i)
			switch kinds[i].Kind() {
			case reflect.Float64:
				out = append(out, reflect.ValueOf(double(v)))
			case reflect.String:
				out = append(out, reflect.ValueOf(r.str(v)))
			case reflect.Bool:
				out = append(out, reflect.ValueOf(v.ToBoolean()))
			case reflect.Interface:
				x := unwrap(v)
				if x == nil {
					out = append(out, reflect.Zero(kinds[i]))
				} else {
					out = append(out, reflect.ValueOf(x))
				}
			case reflect.Slice:
				out = append(out, reflect.ValueOf(floats(v)))
			}
		}
		if variadic {
			// Trailing numbers, as many as given (drawImage's 2, 4 or 8).
			for i := fixed; i < len(args) && i < fixed+16; i++ {
				if absent(args[i]) {
					break
				}
				out = append(out, reflect.ValueOf(double(args[i])))
			}
		}
		return out
	}, true
}

// sandboxImages resolves the image paths of legacy drawImage and createPattern
// through the sandbox.
type sandboxImages struct{ r *Runtime }

func (s sandboxImages) LoadImage(p string) (image.Image, error) {
	img, err := s.r.decodeImageSource(p)
	if err != nil {
		return nil, err
	}
	return img, nil
}
