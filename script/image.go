package script

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
	mimage "github.com/seed92233726/mediad/image"
)

// imageBinding is the Go side of an Image object (canvas.createImage(), new
// Image()). Setting src loads it: the bytes come through the sandbox (paths),
// the checked fetcher (http/https) or the data: URL itself, and onload /
// onerror run from a task of their own, as in browsers.
type imageBinding struct {
	img    *canvas.Image
	src    string
	state  imageState
	loadID int // a later src assignment supersedes an earlier load
}

type imageState uint8

const (
	imageUnset imageState = iota
	imageLoaded
	imageBroken
)

func (r *Runtime) installImage() {
	k := &r.classes
	k.image = newClass(r, "Image", func(call goja.ConstructorCall) *imageBinding { return &imageBinding{} })
	cl := k.image
	// The setter needs the object itself (for onload/onerror), so it is defined
	// by hand rather than through class.accessor.
	setter := r.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		b := cl.of(call.This)
		r.loadImage(call.This.(*goja.Object), b, r.str(call.Argument(0)))
		return goja.Undefined()
	})
	getter := r.vm.ToValue(func(call goja.FunctionCall) goja.Value { return r.vm.ToValue(cl.of(call.This).src) })
	must(cl.proto.DefineAccessorProperty("src", getter, setter, goja.FLAG_TRUE, goja.FLAG_TRUE))
	size := func(name string, get func(*canvas.Image) int) {
		cl.accessor(name, func(b *imageBinding) goja.Value {
			if b.img == nil {
				return r.vm.ToValue(0)
			}
			return r.vm.ToValue(get(b.img))
		}, nil)
	}
	size("width", (*canvas.Image).Width)
	size("height", (*canvas.Image).Height)
	size("naturalWidth", (*canvas.Image).Width)
	size("naturalHeight", (*canvas.Image).Height)
	cl.accessor("complete", func(b *imageBinding) goja.Value { return r.vm.ToValue(b.state != imageUnset || b.src == "") }, nil)
	must(cl.proto.Set("onload", goja.Null()))
	must(cl.proto.Set("onerror", goja.Null()))
	must(cl.proto.Set("referrerPolicy", ""))

	k.canvas.method("createImage", 0, func(_ *canvasBinding, call goja.FunctionCall) goja.Value {
		return cl.wrap(&imageBinding{})
	})
}

// loadImage starts loading src into b; the outcome is reported to onload or
// onerror from a task.
func (r *Runtime) loadImage(obj *goja.Object, b *imageBinding, src string) {
	b.loadID++
	id := b.loadID
	b.src, b.img, b.state = src, nil, imageUnset
	if src == "" {
		return
	}
	img, err := r.decodeImageSource(src)
	r.post(func() error {
		if b.loadID != id {
			return nil
		}
		handler := "onload"
		if err != nil {
			b.state = imageBroken
			handler = "onerror"
		} else {
			b.img, b.state = img, imageLoaded
		}
		fn, ok := goja.AssertFunction(obj.Get(handler))
		if !ok {
			return nil
		}
		ev := r.vm.NewObject()
		must(ev.Set("type", strings.TrimPrefix(handler, "on")))
		must(ev.Set("target", obj))
		if err != nil {
			must(ev.Set("errMsg", reasonOf(err)))
		}
		_, cerr := fn(obj, ev)
		return cerr
	})
}

// decodeImageSource reads and decodes an image source within the sandbox and
// the memory limit.
func (r *Runtime) decodeImageSource(src string) (img *canvas.Image, err error) {
	err = r.runAPI(func() error {
		var data []byte
		var rerr error
		if strings.HasPrefix(strings.ToLower(src), "data:") {
			data, rerr = canvas.ReadFontSource(src) // a data: URL decoder; the name is historical
		} else {
			data, rerr = r.readSource(src)
		}
		if rerr != nil {
			return rerr
		}
		if info, ierr := mimage.Info(bytes.NewReader(data)); ierr == nil {
			r.reserve(4 * int64(info.Width) * int64(info.Height))
		}
		lim := r.canvasLimits()
		img, rerr = canvas.NewImageFromBytes(data, canvas.ImageLoadOptions{MaxBytes: r.sandbox.maxFile, MaxPixels: lim.MaxPixels})
		return rerr
	})
	return img, err
}

// imageSource returns the drawable behind v (an Image or a canvas); ok is false
// for any other value. A loaded-or-broken Image gives its *canvas.Image (nil
// when broken, which canvas reports as InvalidStateError); one still loading
// gives skip, as browsers draw nothing for it.
func (r *Runtime) imageSource(v goja.Value) (src canvas.ImageSource, skip, ok bool) {
	k := &r.classes
	if b, found := k.image.lookup(v); found {
		switch b.state {
		case imageLoaded:
			return b.img, false, true
		case imageBroken:
			return (*canvas.Image)(nil), false, true
		}
		return nil, true, true
	}
	if b, found := k.canvas.lookup(v); found {
		return &b.c.Canvas, false, true
	}
	return nil, false, false
}

func (r *Runtime) installDrawImage() {
	k := &r.classes
	k.ctx.method("drawImage", 3, func(b *ctxBinding, c goja.FunctionCall) goja.Value {
		n := len(c.Arguments)
		if n != 3 && n != 5 && n != 9 {
			r.throwTypeError(fmt.Sprintf("Failed to execute 'drawImage' on '%s': Valid arities are: [3, 5, 9], but %d arguments provided.", ctxIface, n))
		}
		src, skip, ok := r.imageSource(c.Argument(0))
		if !ok {
			r.throwTypeError(fmt.Sprintf("Failed to execute 'drawImage' on '%s': The provided value is not of type '(CSSImageValue or HTMLCanvasElement or HTMLImageElement or HTMLVideoElement or ImageBitmap or OffscreenCanvas or SVGImageElement or VideoFrame)'.", ctxIface))
		}
		nums := make([]float64, n-1)
		for i := range nums {
			nums[i] = double(c.Argument(i + 1))
		}
		if skip {
			return goja.Undefined()
		}
		r.check(b.ctx.DrawImage(src, nums...), ctxIface, "drawImage")
		return goja.Undefined()
	})
}
