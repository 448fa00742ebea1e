package script

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
)

func (r *Runtime) installPath2D() {
	k := &r.classes
	k.path = newLazyClass(r, "Path2D", func(call goja.ConstructorCall) *canvas.Path2D {
		arg := call.Argument(0)
		if absent(arg) {
			return canvas.NewPath2D()
		}
		if src, ok := k.path.lookup(arg); ok {
			return canvas.NewPath2DFrom(src)
		}
		// SVG path data: the path keeps what parsed before an error, and the
		// browser reports nothing, so neither do we.
		p, _ := canvas.NewPath2DSVG(r.str(arg))
		return p
	})
	installPathMethods(r, k.path, func(p *canvas.Path2D) pathTarget { return p })
	k.path.method("addPath", 1, func(p *canvas.Path2D, call goja.FunctionCall) goja.Value {
		src, ok := k.path.lookup(call.Argument(0))
		if !ok {
			r.throwTypeError(fmt.Sprintf("Failed to execute 'addPath' on 'Path2D': parameter 1 is not of type 'Path2D'."))
		}
		p.AddPath(src, r.matrixInit(call.Argument(1), "Path2D", "addPath"))
		return goja.Undefined()
	})
}

func (r *Runtime) installStyles() {
	k := &r.classes
	k.gradient = newLazyClass[*canvas.Gradient](r, "CanvasGradient", nil)
	k.gradient.method("addColorStop", 2, func(g *canvas.Gradient, call goja.FunctionCall) goja.Value {
		off := r.finiteDouble(call.Argument(0), "CanvasGradient", "addColorStop")
		r.check(g.AddColorStop(off, r.str(call.Argument(1))), "CanvasGradient", "addColorStop")
		return goja.Undefined()
	})
	k.pattern = newLazyClass[*canvas.Pattern](r, "CanvasPattern", nil)
	k.pattern.method("setTransform", 0, func(p *canvas.Pattern, call goja.FunctionCall) goja.Value {
		p.SetTransform(r.matrixInit(call.Argument(0), "CanvasPattern", "setTransform"))
		return goja.Undefined()
	})
}

// gradientObject returns the one JavaScript object for g, so that
// `ctx.fillStyle === gradient` holds after an assignment.
func (r *Runtime) gradientObject(g *canvas.Gradient) goja.Value {
	k := &r.classes
	if obj := k.gradientObjs.get(g); obj != nil {
		return obj
	}
	obj := k.gradient.wrap(g)
	k.gradientObjs.put(g, obj)
	return obj
}

// patternObject is gradientObject for patterns.
func (r *Runtime) patternObject(p *canvas.Pattern) goja.Value {
	k := &r.classes
	if obj := k.patternObjs.get(p); obj != nil {
		return obj
	}
	obj := k.pattern.wrap(p)
	k.patternObjs.put(p, obj)
	return obj
}
