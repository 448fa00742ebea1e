package script

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/canvas/legacy"
)

// installWxCanvas binds the wx canvas functions that work on whole canvases:
// canvasToTempFilePath, canvasGetImageData, canvasPutImageData and
// loadFontFace, plus requestAnimationFrame on canvases.
func (r *Runtime) installWxCanvas(wx *goja.Object) {
	r.defineAsync(wx, wxAPI{
		name:    "canvasToTempFilePath",
		options: []string{"x", "y", "width", "height", "destWidth", "destHeight", "canvasId", "canvas", "fileType", "quality"},
		results: []string{"tempFilePath"},
		run:     r.canvasToTempFilePath,
	})
	r.defineAsync(wx, wxAPI{
		name:    "canvasGetImageData",
		options: []string{"canvasId", "canvas", "x", "y", "width", "height"},
		results: []string{"data", "width", "height"},
		run: func(o, res *goja.Object) error {
			c, err := r.targetCanvas(o)
			if err != nil {
				return err
			}
			x, y, w, h, err := region(o)
			if err != nil {
				return err
			}
			r.reserve(4 * int64(abs(w)) * int64(abs(h)))
			id, err := legacy.CanvasGetImageData(c, x, y, w, h)
			if err != nil {
				return failf("%s", strings.TrimPrefix(err.Error(), "canvasGetImageData: "))
			}
			b := r.imageDataBinding(id)
			must(res.Set("data", b.data))
			must(res.Set("width", id.Width))
			must(res.Set("height", id.Height))
			return nil
		},
	})
	r.defineAsync(wx, wxAPI{
		name:    "canvasPutImageData",
		options: []string{"canvasId", "canvas", "data", "x", "y", "width", "height"},
		run: func(o, res *goja.Object) error {
			c, err := r.targetCanvas(o)
			if err != nil {
				return err
			}
			x, y, w, h, err := region(o)
			if err != nil {
				return err
			}
			d := o.Get("data")
			if absent(d) || goja.IsNull(d) {
				return failf("parameter error: parameter.data should be Uint8ClampedArray instead of Undefined")
			}
			data := r.bufferSourceBytes(d, "canvasPutImageData", "wx")
			if err := legacy.CanvasPutImageData(c, data, x, y, w, h); err != nil {
				return failf("%s", strings.TrimPrefix(err.Error(), "canvasPutImageData: "))
			}
			return nil
		},
	})
	r.defineAsync(wx, wxAPI{
		name:    "loadFontFace",
		options: []string{"global", "family", "source", "desc", "scopes"},
		results: []string{"status"},
		run:     r.loadFontFace,
	})

	cl := r.classes.canvas
	cl.method("requestAnimationFrame", 1, func(_ *canvasBinding, call goja.FunctionCall) goja.Value {
		return r.requestAnimationFrame(call)
	})
	cl.method("cancelAnimationFrame", 1, func(_ *canvasBinding, call goja.FunctionCall) goja.Value {
		r.cancelFrame(call.Argument(0).ToInteger())
		return goja.Undefined()
	})
	g := r.vm.GlobalObject()
	must(g.Set("requestAnimationFrame", r.requestAnimationFrame))
	must(g.Set("cancelAnimationFrame", func(call goja.FunctionCall) goja.Value {
		r.cancelFrame(call.Argument(0).ToInteger())
		return goja.Undefined()
	}))
}

func (r *Runtime) requestAnimationFrame(call goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		r.throwTypeError("Failed to execute 'requestAnimationFrame': The callback provided as parameter 1 is not a function.")
	}
	return r.vm.ToValue(r.requestFrame(fn))
}

// targetCanvas finds the canvas an option object names: `canvas` (a 2D canvas
// object) or `canvasId` (a wx.createCanvasContext canvas).
func (r *Runtime) targetCanvas(o *goja.Object) (*canvas.Canvas, error) {
	if v := o.Get("canvas"); !absent(v) && !goja.IsNull(v) {
		b, ok := r.classes.canvas.lookup(v)
		if !ok {
			return nil, failf("parameter error: parameter.canvas is not a canvas")
		}
		return &b.c.Canvas, nil
	}
	id := r.optString(o, "canvasId")
	if id == "" {
		return nil, failf("parameter error: give canvas (a 2D canvas) or canvasId")
	}
	if c, ok := r.legacyCanvases[id]; ok {
		return c, nil
	}
	return nil, failf("canvas %q not found", clip(id))
}

// region reads the required x, y, width, height of canvasGet/PutImageData.
func region(o *goja.Object) (x, y, w, h int, err error) {
	var v [4]float64
	for i, name := range []string{"x", "y", "width", "height"} {
		if v[i], err = needNumber(o, name); err != nil {
			return
		}
		if v[i] > 1<<30 || v[i] < -(1<<30) {
			return 0, 0, 0, 0, failf("parameter error: parameter.%s is out of range", name)
		}
	}
	return int(v[0]), int(v[1]), int(v[2]), int(v[3]), nil
}

func (r *Runtime) canvasToTempFilePath(o, res *goja.Object) error {
	c, err := r.targetCanvas(o)
	if err != nil {
		return err
	}
	var opts legacy.ExportOptions
	fields := []struct {
		name string
		dst  *float64
	}{{"x", &opts.X}, {"y", &opts.Y}, {"width", &opts.Width}, {"height", &opts.Height},
		{"destWidth", &opts.DestWidth}, {"destHeight", &opts.DestHeight}}
	for _, f := range fields {
		v, given, err := optNumber(o, f.name)
		if err != nil {
			return err
		}
		// ExportOptions reads 0 as "the default"; an explicit zero (or a
		// negative size) is an empty region.
		if given && v <= 0 && f.name != "x" && f.name != "y" {
			return failf("%s is %g: the region has no pixels", f.name, v)
		}
		*f.dst = v
	}
	opts.FileType = r.optString(o, "fileType")
	if q, given, err := optNumber(o, "quality"); err != nil {
		return err
	} else if given {
		opts.Quality = q
	}
	opts.MaxPixels = r.canvasLimits().MaxPixels
	if c.Width() == 0 || c.Height() == 0 {
		return failf("the canvas is %dx%d: there are no pixels to export", c.Width(), c.Height())
	}
	w, h := opts.DestWidth, opts.DestHeight
	if w == 0 {
		w = opts.Width
		if w == 0 {
			w = float64(c.Width()) - opts.X
		}
	}
	if h == 0 {
		h = opts.Height
		if h == 0 {
			h = float64(c.Height()) - opts.Y
		}
	}
	if w > 0 && h > 0 {
		r.reserve(4 * int64(w) * int64(h))
	}
	dir, err := r.sandbox.tempDir()
	if err != nil {
		return err
	}
	file, err := legacy.CanvasToTempFilePath(c, opts, dir)
	if err != nil {
		return failf("%s", strings.TrimPrefix(err.Error(), "canvasToTempFilePath: "))
	}
	if st, err := os.Stat(file); err == nil {
		if err := r.sandbox.charge(st.Size()); err != nil {
			os.Remove(file)
			return err
		}
	}
	r.exported = c
	must(res.Set("tempFilePath", tempPrefix+filepath.Base(file)))
	return nil
}

func (r *Runtime) loadFontFace(o, res *goja.Object) error {
	family, err := r.needString(o, "family")
	if err != nil {
		return err
	}
	source, err := r.needString(o, "source")
	if err != nil {
		return err
	}
	var desc canvas.FontDescriptors
	if d, ok := o.Get("desc").(*goja.Object); ok {
		desc.Style = r.optString(d, "style")
		desc.Weight = r.optString(d, "weight")
		desc.Variant = r.optString(d, "variant")
	}
	// global (app-wide registration) means nothing on a server, and every
	// scope is served; both are still checked as WeChat checks them.
	if g := o.Get("global"); g != nil {
		_ = g.ToBoolean()
	}
	if sc := o.Get("scopes"); !absent(sc) && !goja.IsNull(sc) {
		if _, ok := sc.Export().([]any); !ok {
			return failf("parameter error: parameter.scopes should be Array")
		}
	}
	data, err := r.readSource(unwrapURL(source))
	if err != nil {
		return err
	}
	if err := r.fonts.RegisterFont(family, data, desc); err != nil {
		return err
	}
	must(res.Set("status", "loaded"))
	return nil
}

// unwrapURL strips CSS url("…") around a source.
func unwrapURL(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(strings.ToLower(s), "url(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[4 : len(s)-1])
		if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
			s = s[1 : len(s)-1]
		}
	}
	return s
}

// readSource returns the bytes a source names: a data: URL, an http(s) URL
// through the checked fetcher, or a path in the sandbox.
func (r *Runtime) readSource(src string) ([]byte, error) {
	switch {
	case strings.HasPrefix(strings.ToLower(src), "data:"):
		if int64(len(src)) > r.sandbox.maxFile*4/3+1024 {
			return nil, errFileTooLarge
		}
		return canvas.ReadFontSource(src)
	case isURL(src):
		return r.fetch.get(r.runCtx, src)
	}
	return r.sandbox.readFile(src)
}
