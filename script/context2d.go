package script

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
)

const ctxIface = "CanvasRenderingContext2D"

// ctxBinding is the Go side of one CanvasRenderingContext2D object.
type ctxBinding struct {
	ctx       *canvas.Context2D
	canvas    *canvasBinding
	canvasObj *goja.Object // ctx.canvas; keeps the canvas object alive with its context
}

// pathTarget is what the context's current path and Path2D share: the
// CanvasPath mixin.
type pathTarget interface {
	ClosePath()
	MoveTo(x, y float64)
	LineTo(x, y float64)
	QuadraticCurveTo(cpx, cpy, x, y float64)
	BezierCurveTo(cp1x, cp1y, cp2x, cp2y, x, y float64)
	Arc(x, y, r, startAngle, endAngle float64, counterclockwise bool) error
	ArcTo(x1, y1, x2, y2, r float64) error
	Ellipse(x, y, rx, ry, rotation, startAngle, endAngle float64, counterclockwise bool) error
	Rect(x, y, w, h float64)
	RoundRect(x, y, w, h float64, radii ...canvas.Radius) error
}

// installPathMethods adds the CanvasPath methods to a class.
func installPathMethods[T any](r *Runtime, cl *class[T], target func(T) pathTarget) {
	iface := cl.name
	a := func(call goja.FunctionCall, i int) float64 { return double(call.Argument(i)) }
	und := goja.Undefined()
	cl.method("closePath", 0, func(s T, call goja.FunctionCall) goja.Value { target(s).ClosePath(); return und })
	cl.method("moveTo", 2, func(s T, call goja.FunctionCall) goja.Value {
		target(s).MoveTo(a(call, 0), a(call, 1))
		return und
	})
	cl.method("lineTo", 2, func(s T, call goja.FunctionCall) goja.Value {
		target(s).LineTo(a(call, 0), a(call, 1))
		return und
	})
	cl.method("quadraticCurveTo", 4, func(s T, call goja.FunctionCall) goja.Value {
		target(s).QuadraticCurveTo(a(call, 0), a(call, 1), a(call, 2), a(call, 3))
		return und
	})
	cl.method("bezierCurveTo", 6, func(s T, call goja.FunctionCall) goja.Value {
		target(s).BezierCurveTo(a(call, 0), a(call, 1), a(call, 2), a(call, 3), a(call, 4), a(call, 5))
		return und
	})
	cl.method("arc", 5, func(s T, call goja.FunctionCall) goja.Value {
		err := target(s).Arc(a(call, 0), a(call, 1), a(call, 2), a(call, 3), a(call, 4), call.Argument(5).ToBoolean())
		r.check(err, iface, "arc")
		return und
	})
	cl.method("arcTo", 5, func(s T, call goja.FunctionCall) goja.Value {
		r.check(target(s).ArcTo(a(call, 0), a(call, 1), a(call, 2), a(call, 3), a(call, 4)), iface, "arcTo")
		return und
	})
	cl.method("ellipse", 7, func(s T, call goja.FunctionCall) goja.Value {
		err := target(s).Ellipse(a(call, 0), a(call, 1), a(call, 2), a(call, 3), a(call, 4), a(call, 5), a(call, 6), call.Argument(7).ToBoolean())
		r.check(err, iface, "ellipse")
		return und
	})
	cl.method("rect", 4, func(s T, call goja.FunctionCall) goja.Value {
		target(s).Rect(a(call, 0), a(call, 1), a(call, 2), a(call, 3))
		return und
	})
	cl.method("roundRect", 4, func(s T, call goja.FunctionCall) goja.Value {
		radii := r.radii(call.Argument(4), iface)
		r.check(target(s).RoundRect(a(call, 0), a(call, 1), a(call, 2), a(call, 3), radii...), iface, "roundRect")
		return und
	})
}

// radii converts roundRect's (unrestricted double or DOMPointInit or
// sequence<unrestricted double or DOMPointInit>) argument; absent means 0.
func (r *Runtime) radii(v goja.Value, iface string) []canvas.Radius {
	if absent(v) {
		return []canvas.Radius{canvas.R(0)}
	}
	one := func(v goja.Value) canvas.Radius {
		if obj, ok := v.(*goja.Object); ok {
			x, y := 0.0, 0.0
			if xv := obj.Get("x"); !absent(xv) {
				x = xv.ToFloat()
			}
			if yv := obj.Get("y"); !absent(yv) {
				y = yv.ToFloat()
			}
			return canvas.Radius{X: x, Y: y}
		}
		return canvas.R(double(v))
	}
	if obj, ok := v.(*goja.Object); ok {
		if it := obj.GetSymbol(goja.SymIterator); it != nil && !goja.IsUndefined(it) {
			items := r.sequence(v, iface, "roundRect")
			if len(items) == 0 || len(items) > 4 {
				r.throwRangeError(fmt.Sprintf("Failed to execute 'roundRect' on '%s': %d radii provided. Between one and four radii are necessary.", iface, len(items)))
			}
			out := make([]canvas.Radius, len(items))
			for i, item := range items {
				out[i] = one(item)
			}
			return out
		}
	}
	return []canvas.Radius{one(v)}
}

func (r *Runtime) installContext2D() {
	k := &r.classes
	cl := newClass[*ctxBinding](r, ctxIface, nil)
	k.ctx = cl
	vm := r.vm
	und := goja.Undefined()
	a := func(call goja.FunctionCall, i int) float64 { return double(call.Argument(i)) }

	cl.accessor("canvas", func(b *ctxBinding) goja.Value { return b.canvasObj }, nil)

	// Attributes. Numeric setters convert with ToNumber and leave validation to
	// package canvas, which ignores invalid values as browsers do.
	num := func(name string, get func(*canvas.Context2D) float64, set func(*canvas.Context2D, float64)) {
		cl.accessor(name, func(b *ctxBinding) goja.Value { return vm.ToValue(get(b.ctx)) },
			func(b *ctxBinding, v goja.Value) { set(b.ctx, double(v)) })
	}
	text := func(name string, get func(*canvas.Context2D) string, set func(*canvas.Context2D, string)) {
		cl.accessor(name, func(b *ctxBinding) goja.Value { return vm.ToValue(get(b.ctx)) },
			func(b *ctxBinding, v goja.Value) { set(b.ctx, r.str(v)) })
	}
	num("globalAlpha", (*canvas.Context2D).GlobalAlpha, (*canvas.Context2D).SetGlobalAlpha)
	num("lineWidth", (*canvas.Context2D).LineWidth, (*canvas.Context2D).SetLineWidth)
	num("miterLimit", (*canvas.Context2D).MiterLimit, (*canvas.Context2D).SetMiterLimit)
	num("lineDashOffset", (*canvas.Context2D).LineDashOffset, (*canvas.Context2D).SetLineDashOffset)
	num("shadowBlur", (*canvas.Context2D).ShadowBlur, (*canvas.Context2D).SetShadowBlur)
	num("shadowOffsetX", (*canvas.Context2D).ShadowOffsetX, (*canvas.Context2D).SetShadowOffsetX)
	num("shadowOffsetY", (*canvas.Context2D).ShadowOffsetY, (*canvas.Context2D).SetShadowOffsetY)
	text("globalCompositeOperation", (*canvas.Context2D).GlobalCompositeOperation, (*canvas.Context2D).SetGlobalCompositeOperation)
	text("lineCap", (*canvas.Context2D).LineCap, (*canvas.Context2D).SetLineCap)
	text("lineJoin", (*canvas.Context2D).LineJoin, (*canvas.Context2D).SetLineJoin)
	text("shadowColor", (*canvas.Context2D).ShadowColor, (*canvas.Context2D).SetShadowColor)
	text("imageSmoothingQuality", (*canvas.Context2D).ImageSmoothingQuality, (*canvas.Context2D).SetImageSmoothingQuality)
	text("filter", (*canvas.Context2D).Filter, (*canvas.Context2D).SetFilter)
	text("font", (*canvas.Context2D).Font, (*canvas.Context2D).SetFont)
	text("textAlign", (*canvas.Context2D).TextAlign, (*canvas.Context2D).SetTextAlign)
	text("textBaseline", (*canvas.Context2D).TextBaseline, (*canvas.Context2D).SetTextBaseline)
	text("direction", (*canvas.Context2D).Direction, (*canvas.Context2D).SetDirection)
	text("fontKerning", (*canvas.Context2D).FontKerning, (*canvas.Context2D).SetFontKerning)
	text("fontStretch", (*canvas.Context2D).FontStretch, (*canvas.Context2D).SetFontStretch)
	text("fontVariantCaps", (*canvas.Context2D).FontVariantCaps, (*canvas.Context2D).SetFontVariantCaps)
	text("textRendering", (*canvas.Context2D).TextRendering, (*canvas.Context2D).SetTextRendering)
	text("letterSpacing", (*canvas.Context2D).LetterSpacing, (*canvas.Context2D).SetLetterSpacing)
	text("wordSpacing", (*canvas.Context2D).WordSpacing, (*canvas.Context2D).SetWordSpacing)
	text("lang", (*canvas.Context2D).Lang, (*canvas.Context2D).SetLang)
	cl.accessor("imageSmoothingEnabled", func(b *ctxBinding) goja.Value { return vm.ToValue(b.ctx.ImageSmoothingEnabled()) },
		func(b *ctxBinding, v goja.Value) { b.ctx.SetImageSmoothingEnabled(v.ToBoolean()) })
	style := func(name string, get func(*canvas.Context2D) any, set func(*canvas.Context2D, any)) {
		cl.accessor(name, func(b *ctxBinding) goja.Value { return r.styleValue(get(b.ctx)) },
			func(b *ctxBinding, v goja.Value) { set(b.ctx, r.styleArg(v)) })
	}
	style("fillStyle", (*canvas.Context2D).FillStyle, (*canvas.Context2D).SetFillStyle)
	style("strokeStyle", (*canvas.Context2D).StrokeStyle, (*canvas.Context2D).SetStrokeStyle)

	// State.
	cl.method("save", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value { b.ctx.Save(); return und })
	cl.method("restore", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value { b.ctx.Restore(); return und })
	cl.method("reset", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value { b.ctx.Reset(); return und })
	cl.method("isContextLost", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value { return vm.ToValue(b.ctx.IsContextLost()) })
	cl.method("getContextAttributes", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value {
		at := b.ctx.GetContextAttributes()
		o := vm.NewObject()
		must(o.Set("alpha", at.Alpha))
		must(o.Set("colorSpace", at.ColorSpace))
		must(o.Set("desynchronized", at.Desynchronized))
		must(o.Set("willReadFrequently", at.WillReadFrequently))
		return o
	})

	// Transforms.
	cl.method("scale", 2, func(b *ctxBinding, c goja.FunctionCall) goja.Value { b.ctx.Scale(a(c, 0), a(c, 1)); return und })
	cl.method("rotate", 1, func(b *ctxBinding, c goja.FunctionCall) goja.Value { b.ctx.Rotate(a(c, 0)); return und })
	cl.method("translate", 2, func(b *ctxBinding, c goja.FunctionCall) goja.Value { b.ctx.Translate(a(c, 0), a(c, 1)); return und })
	cl.method("transform", 6, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		b.ctx.Transform(a(c, 0), a(c, 1), a(c, 2), a(c, 3), a(c, 4), a(c, 5))
		return und
	})
	cl.method("setTransform", 0, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		switch n := len(c.Arguments); {
		case n <= 1:
			b.ctx.SetTransformMatrix(r.matrixInit(c.Argument(0), ctxIface, "setTransform"))
		case n >= 6:
			b.ctx.SetTransform(a(c, 0), a(c, 1), a(c, 2), a(c, 3), a(c, 4), a(c, 5))
		default:
			r.throwTypeError(fmt.Sprintf("Failed to execute 'setTransform' on '%s': Valid arities are: [0, 1, 6], but %d arguments provided.", ctxIface, n))
		}
		return und
	})
	cl.method("resetTransform", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value { b.ctx.ResetTransform(); return und })
	cl.method("getTransform", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value {
		return r.newDOMMatrix(b.ctx.GetTransform())
	})

	// Rectangles.
	cl.method("clearRect", 4, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		b.ctx.ClearRect(a(c, 0), a(c, 1), a(c, 2), a(c, 3))
		return und
	})
	cl.method("fillRect", 4, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		b.ctx.FillRect(a(c, 0), a(c, 1), a(c, 2), a(c, 3))
		return und
	})
	cl.method("strokeRect", 4, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		b.ctx.StrokeRect(a(c, 0), a(c, 1), a(c, 2), a(c, 3))
		return und
	})

	// Paths.
	cl.method("beginPath", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value { b.ctx.BeginPath(); return und })
	installPathMethods(r, cl, func(b *ctxBinding) pathTarget { return b.ctx })
	cl.method("fill", 0, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		if p, ok := k.path.lookup(c.Argument(0)); ok {
			b.ctx.FillPath(p, r.fillRule(c.Argument(1), "fill"))
		} else {
			b.ctx.Fill(r.fillRule(c.Argument(0), "fill"))
		}
		return und
	})
	cl.method("stroke", 0, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		if len(c.Arguments) > 0 {
			p, ok := k.path.lookup(c.Argument(0))
			if !ok {
				r.throwTypeError(fmt.Sprintf("Failed to execute 'stroke' on '%s': parameter 1 is not of type 'Path2D'.", ctxIface))
			}
			b.ctx.StrokePath(p)
			return und
		}
		b.ctx.Stroke()
		return und
	})
	cl.method("clip", 0, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		if p, ok := k.path.lookup(c.Argument(0)); ok {
			b.ctx.ClipPath(p, r.fillRule(c.Argument(1), "clip"))
		} else {
			b.ctx.Clip(r.fillRule(c.Argument(0), "clip"))
		}
		return und
	})
	cl.method("isPointInPath", 2, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		// WebIDL overload resolution: with two arguments it is (x, y) whatever
		// they are, so isPointInPath(path, 1) is false, not an error.
		if p, ok := k.path.lookup(c.Argument(0)); ok && len(c.Arguments) >= 3 {
			return vm.ToValue(b.ctx.IsPointInPath2D(p, a(c, 1), a(c, 2), r.fillRule(c.Argument(3), "isPointInPath")))
		}
		return vm.ToValue(b.ctx.IsPointInPath(a(c, 0), a(c, 1), r.fillRule(c.Argument(2), "isPointInPath")))
	})
	cl.method("isPointInStroke", 2, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		if p, ok := k.path.lookup(c.Argument(0)); ok && len(c.Arguments) >= 3 {
			return vm.ToValue(b.ctx.IsPointInStroke2D(p, a(c, 1), a(c, 2)))
		}
		return vm.ToValue(b.ctx.IsPointInStroke(a(c, 0), a(c, 1)))
	})

	// Line dashes.
	cl.method("setLineDash", 1, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		items := r.sequence(c.Argument(0), ctxIface, "setLineDash")
		segs := make([]float64, len(items))
		for i, v := range items {
			segs[i] = double(v)
		}
		b.ctx.SetLineDash(segs)
		return und
	})
	cl.method("getLineDash", 0, func(b *ctxBinding, _ goja.FunctionCall) goja.Value {
		d := b.ctx.GetLineDash()
		items := make([]any, len(d))
		for i, v := range d {
			items[i] = v
		}
		return vm.NewArray(items...)
	})

	// Styles.
	cl.method("createLinearGradient", 4, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		f := func(i int) float64 { return r.finiteDouble(c.Argument(i), ctxIface, "createLinearGradient") }
		g, err := b.ctx.CreateLinearGradient(f(0), f(1), f(2), f(3))
		r.check(err, ctxIface, "createLinearGradient")
		return r.gradientObject(g)
	})
	cl.method("createRadialGradient", 6, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		f := func(i int) float64 { return r.finiteDouble(c.Argument(i), ctxIface, "createRadialGradient") }
		g, err := b.ctx.CreateRadialGradient(f(0), f(1), f(2), f(3), f(4), f(5))
		r.check(err, ctxIface, "createRadialGradient")
		return r.gradientObject(g)
	})
	cl.method("createConicGradient", 3, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		f := func(i int) float64 { return r.finiteDouble(c.Argument(i), ctxIface, "createConicGradient") }
		g, err := b.ctx.CreateConicGradient(f(0), f(1), f(2))
		r.check(err, ctxIface, "createConicGradient")
		return r.gradientObject(g)
	})
	cl.method("createPattern", 2, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		src, loading, ok := r.imageSource(c.Argument(0))
		if !ok {
			r.throwTypeError(fmt.Sprintf("Failed to execute 'createPattern' on '%s': The provided value is not of type '(CanvasImageSource)'.", ctxIface))
		}
		rep := ""
		if v := c.Argument(1); !goja.IsNull(v) {
			rep = r.str(v)
		}
		if loading {
			// An image not yet decoded gives no pattern (null), as in browsers.
			return goja.Null()
		}
		p, err := b.ctx.CreatePatternFrom(src, rep)
		r.check(err, ctxIface, "createPattern")
		return r.patternObject(p)
	})

	// Text.
	text3 := func(name string, draw func(*canvas.Context2D, string, float64, float64, ...float64)) {
		cl.method(name, 3, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
			s := r.str(c.Argument(0))
			if mw := c.Argument(3); !absent(mw) {
				draw(b.ctx, s, a(c, 1), a(c, 2), double(mw))
			} else {
				draw(b.ctx, s, a(c, 1), a(c, 2))
			}
			return und
		})
	}
	text3("fillText", (*canvas.Context2D).FillText)
	text3("strokeText", (*canvas.Context2D).StrokeText)
	cl.method("measureText", 1, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		m := b.ctx.MeasureText(r.str(c.Argument(0)))
		return k.textMetrics.wrap(&m)
	})

	// Pixels.
	cl.method("createImageData", 1, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		return r.createImageData(b.ctx, c, ctxIface)
	})
	cl.method("getImageData", 4, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		l := func(i int) int { return r.enforceLong(c.Argument(i), ctxIface, "getImageData") }
		sx, sy, sw, sh := l(0), l(1), l(2), l(3)
		r.reserve(4 * int64(abs(sw)) * int64(abs(sh)))
		img, err := b.ctx.GetImageData(sx, sy, sw, sh)
		r.check(err, ctxIface, "getImageData")
		return r.imageDataObject(img)
	})
	cl.method("putImageData", 3, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		img, ok := k.imageData.lookup(c.Argument(0))
		if !ok {
			r.throwTypeError(fmt.Sprintf("Failed to execute 'putImageData' on '%s': parameter 1 is not of type 'ImageData'.", ctxIface))
		}
		l := func(i int) int { return r.enforceLong(c.Argument(i), ctxIface, "putImageData") }
		switch len(c.Arguments) {
		case 3:
			r.check(b.ctx.PutImageData(img.d, l(1), l(2)), ctxIface, "putImageData")
		case 7:
			r.check(b.ctx.PutImageDataDirty(img.d, l(1), l(2), l(3), l(4), l(5), l(6)), ctxIface, "putImageData")
		default:
			r.throwTypeError(fmt.Sprintf("Failed to execute 'putImageData' on '%s': Valid arities are: [3, 7], but %d arguments provided.", ctxIface, len(c.Arguments)))
		}
		return und
	})
}

// fillRule converts an optional CanvasFillRule argument.
func (r *Runtime) fillRule(v goja.Value, method string) canvas.FillRule {
	if absent(v) {
		return canvas.NonZero
	}
	rule, err := canvas.ParseFillRule(r.str(v))
	r.check(err, ctxIface, method)
	return rule
}

// styleArg converts a fillStyle/strokeStyle assignment: gradients and patterns by
// identity, anything else by its string value (which may not parse: ignored).
func (r *Runtime) styleArg(v goja.Value) any {
	if g, ok := r.classes.gradient.lookup(v); ok {
		return g
	}
	if p, ok := r.classes.pattern.lookup(v); ok {
		return p
	}
	return r.str(v)
}

// styleValue returns the JavaScript value of a style: the same gradient or
// pattern object that was assigned, or the serialised colour.
func (r *Runtime) styleValue(v any) goja.Value {
	switch s := v.(type) {
	case *canvas.Gradient:
		return r.gradientObject(s)
	case *canvas.Pattern:
		return r.patternObject(s)
	}
	return r.vm.ToValue(v)
}

// newDOMMatrix returns a DOMMatrix object for m.
func (r *Runtime) newDOMMatrix(m canvas.Matrix) goja.Value {
	arr := r.vm.NewArray(m.A, m.B, m.C, m.D, m.E, m.F)
	obj, err := r.vm.New(r.domMatrixClass(), arr)
	if err != nil {
		panic(err)
	}
	return obj
}
