package script

import (
	"bytes"
	"encoding/json"
	"path/filepath"

	"github.com/dop251/goja"
	"github.com/seed92233726/mediad/codec"
	mimage "github.com/seed92233726/mediad/image"
)

// cropScales are the values wx.cropImage documents (any W:H works here).
var cropScales = []string{"16:9", "9:16", "4:3", "3:4", "5:4", "4:5", "1:1"}

// installWxImage binds wx.compressImage, cropImage, getImageInfo and editImage
// over package image. Sources are read through the sandbox; results are new
// temp files.
func (r *Runtime) installWxImage(wx *goja.Object) {
	r.defineAsync(wx, wxAPI{
		name:    "compressImage",
		options: []string{"src", "quality", "compressedWidth", "compressedHeight"},
		results: []string{"tempFilePath"},
		run: func(o, res *goja.Object) error {
			data, err := r.imageFileSource(o, false)
			if err != nil {
				return err
			}
			var opts mimage.CompressOptions
			opts.Limits = r.imageLimits()
			q, err := intOption(o, "quality")
			if err != nil {
				return err
			}
			opts.Quality = q
			if opts.CompressedWidth, err = intOption(o, "compressedWidth"); err != nil {
				return err
			}
			if opts.CompressedHeight, err = intOption(o, "compressedHeight"); err != nil {
				return err
			}
			out, err := mimage.Compress(bytes.NewReader(data), opts)
			return r.imageResult(res, "compress", out, err)
		},
	})
	r.defineAsync(wx, wxAPI{
		name:    "cropImage",
		options: []string{"src", "cropScale", "rect", "gravity"},
		values:  map[string][]string{"cropScale": cropScales},
		results: []string{"tempFilePath"},
		run: func(o, res *goja.Object) error {
			scale, err := r.needString(o, "cropScale")
			if err != nil {
				return err
			}
			data, err := r.imageFileSource(o, false)
			if err != nil {
				return err
			}
			opts := mimage.CropOptions{Limits: r.imageLimits(), Scale: scale, Gravity: mimage.Gravity(r.optString(o, "gravity"))}
			if rect, ok := o.Get("rect").(*goja.Object); ok {
				var rc mimage.Rect
				for _, f := range []struct {
					name string
					dst  *int
				}{{"x", &rc.X}, {"y", &rc.Y}, {"width", &rc.Width}, {"height", &rc.Height}} {
					if *f.dst, err = intOption(rect, f.name); err != nil {
						return err
					}
				}
				opts.Rect = &rc
			}
			out, err := mimage.Crop(bytes.NewReader(data), opts)
			return r.imageResult(res, "crop", out, err)
		},
	})
	r.defineAsync(wx, wxAPI{
		name:    "getImageInfo",
		options: []string{"src"},
		results: []string{"width", "height", "path", "orientation", "type"},
		run: func(o, res *goja.Object) error {
			src, err := r.needString(o, "src")
			if err != nil {
				return err
			}
			data, err := r.imageFileSource(o, true)
			if err != nil {
				return err
			}
			info, err := mimage.Info(bytes.NewReader(data))
			if err != nil {
				return err
			}
			path := src
			if isURL(src) {
				// A downloaded image is kept as a temp file, as on a phone.
				if path, err = r.sandbox.writeTemp("download-*."+extOf(codec.Format(info.Type)), data); err != nil {
					return err
				}
			}
			must(res.Set("width", info.Width))
			must(res.Set("height", info.Height))
			must(res.Set("path", path))
			must(res.Set("orientation", info.Orientation))
			must(res.Set("type", info.Type))
			return nil
		},
	})
	r.defineAsync(wx, wxAPI{
		name:    "editImage",
		options: []string{"src", "ops"},
		results: []string{"tempFilePath"},
		run: func(o, res *goja.Object) error {
			data, err := r.imageFileSource(o, false)
			if err != nil {
				return err
			}
			opts := mimage.EditOptions{Limits: r.imageLimits()}
			if ops := o.Get("ops"); !absent(ops) && !goja.IsNull(ops) {
				js, err := json.Marshal(ops.Export())
				if err != nil {
					return failf("parameter error: ops: %v", err)
				}
				if err := json.Unmarshal(js, &opts.Ops); err != nil {
					return failf("parameter error: ops: %v", err)
				}
			}
			out, err := mimage.Edit(bytes.NewReader(data), opts)
			return r.imageResult(res, "edit", out, err)
		},
	})
}

// imageFileSource reads the image named by o.src; network URLs only where the API
// takes them (getImageInfo).
func (r *Runtime) imageFileSource(o *goja.Object, network bool) ([]byte, error) {
	src, err := r.needString(o, "src")
	if err != nil {
		return nil, err
	}
	if isURL(src) {
		if !network {
			return nil, failf("invalid src: network URLs are not accepted here, download the image first")
		}
		return r.fetch.get(r.runCtx, src)
	}
	data, err := r.sandbox.readFile(src)
	if err != nil {
		return nil, err
	}
	// The decoded image is what costs memory; the header says how much.
	if info, err := mimage.Info(bytes.NewReader(data)); err == nil {
		r.reserve(8 * int64(info.Width) * int64(info.Height))
	}
	return data, nil
}

func (r *Runtime) imageLimits() mimage.Limits {
	return mimage.Limits{MaxPixels: r.canvasLimits().MaxPixels, MaxInputBytes: r.sandbox.maxFile}
}

// imageResult stores an encoded result as a temp file.
func (r *Runtime) imageResult(res *goja.Object, prefix string, out mimage.Result, err error) error {
	if err != nil {
		return err
	}
	path, err := r.sandbox.writeTemp(prefix+"-*."+extOf(out.Format), out.Data)
	if err != nil {
		return err
	}
	must(res.Set("tempFilePath", path))
	return nil
}

func extOf(f codec.Format) string {
	switch f {
	case codec.JPEG:
		return "jpg"
	case "":
		return "bin"
	}
	return filepath.Base(string(f))
}

// intOption reads an optional whole-number field (0 when absent).
func intOption(o *goja.Object, name string) (int, error) {
	f, _, err := optNumber(o, name)
	if err != nil {
		return 0, err
	}
	if f < -(1<<31) || f > 1<<31 {
		return 0, failf("parameter error: parameter.%s is out of range", name)
	}
	return int(f), nil
}
