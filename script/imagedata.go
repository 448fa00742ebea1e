package script

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
)

// imageDataBinding is the Go side of an ImageData object: data is a
// Uint8ClampedArray over d.Data itself, so writes from either side are seen by
// the other without copying.
type imageDataBinding struct {
	d    *canvas.ImageData
	data *goja.Object
}

func (r *Runtime) installImageData() {
	k := &r.classes
	k.imageData = newLazyClass(r, "ImageData", func(call goja.ConstructorCall) *imageDataBinding {
		const what = "Failed to construct 'ImageData'"
		if len(call.Arguments) < 2 {
			r.throwTypeError(fmt.Sprintf("%s: 2 arguments required, but only %d present.", what, len(call.Arguments)))
		}
		first := call.Argument(0)
		if obj, ok := first.(*goja.Object); ok && r.isUint8Clamped(obj) {
			w := r.enforceUnsigned(call.Argument(1), "ImageData", "constructor")
			h := 0
			if !absent(call.Argument(2)) {
				h = r.enforceUnsigned(call.Argument(2), "ImageData", "constructor")
				if h == 0 {
					r.throwDOMException("IndexSizeError", what+": The source height is zero or not a number.")
				}
			}
			d, err := canvas.NewImageDataFrom(r.bufferSourceBytes(obj, "constructor", "ImageData"), w, h)
			if err != nil {
				r.throwAs(err, what+": "+errorSentence(err))
			}
			return &imageDataBinding{d: d, data: obj}
		}
		if _, isObj := first.(*goja.Object); isObj {
			r.throwTypeError(what + ": parameter 1 is not of type 'Uint8ClampedArray'.")
		}
		w := r.enforceUnsigned(first, "ImageData", "constructor")
		h := r.enforceUnsigned(call.Argument(1), "ImageData", "constructor")
		d, err := r.newImageData(w, h)
		if err != nil {
			r.throwAs(err, what+": "+errorSentence(err))
		}
		return r.imageDataBinding(d)
	})
	cl := k.imageData
	cl.accessor("width", func(b *imageDataBinding) goja.Value { return r.vm.ToValue(b.d.Width) }, nil)
	cl.accessor("height", func(b *imageDataBinding) goja.Value { return r.vm.ToValue(b.d.Height) }, nil)
	cl.accessor("data", func(b *imageDataBinding) goja.Value { return b.data }, nil)
	cl.accessor("colorSpace", func(b *imageDataBinding) goja.Value { return r.vm.ToValue(b.d.ColorSpace) }, nil)
}

// newImageData allocates w×h ImageData under the runtime's canvas limits.
func (r *Runtime) newImageData(w, h int) (*canvas.ImageData, error) {
	r.reserve(4 * int64(w) * int64(h))
	if w > 0 && h > 0 {
		lim := r.canvasLimits()
		if (lim.MaxSide > 0 && (w > lim.MaxSide || h > lim.MaxSide)) || (lim.MaxPixels > 0 && int64(w)*int64(h) > lim.MaxPixels) {
			return nil, canvas.ErrTooLarge
		}
	}
	return canvas.NewImageData(w, h)
}

func (r *Runtime) isUint8Clamped(obj *goja.Object) bool {
	ctor := r.vm.GlobalObject().Get("Uint8ClampedArray")
	c, ok := obj.Get("constructor").(*goja.Object)
	return ok && c == ctor
}

// imageDataBinding wraps Go ImageData with a Uint8ClampedArray over its bytes.
func (r *Runtime) imageDataBinding(d *canvas.ImageData) *imageDataBinding {
	buf := r.vm.NewArrayBuffer(d.Data)
	arr, err := r.vm.New(r.builtinCtors.u8clamped, r.vm.ToValue(buf))
	if err != nil {
		panic(err)
	}
	return &imageDataBinding{d: d, data: arr}
}

// imageDataObject returns a new ImageData object for d.
func (r *Runtime) imageDataObject(d *canvas.ImageData) goja.Value {
	return r.classes.imageData.wrap(r.imageDataBinding(d))
}

// createImageData implements createImageData(sw, sh) and createImageData(imagedata).
func (r *Runtime) createImageData(ctx *canvas.Context2D, call goja.FunctionCall, iface string) goja.Value {
	if src, ok := r.classes.imageData.lookup(call.Argument(0)); ok {
		d, err := ctx.CreateImageDataFrom(src.d)
		r.check(err, iface, "createImageData")
		return r.imageDataObject(d)
	}
	r.need(call, 2, iface, "createImageData")
	sw := r.enforceLong(call.Argument(0), iface, "createImageData")
	sh := r.enforceLong(call.Argument(1), iface, "createImageData")
	r.reserve(4 * int64(abs(sw)) * int64(abs(sh)))
	d, err := ctx.CreateImageData(sw, sh)
	r.check(err, iface, "createImageData")
	return r.imageDataObject(d)
}
