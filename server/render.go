package server

import (
	"context"
	"errors"
	"math"
	"mime"
	"net/http"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/canvas/legacy"
	"github.com/seed92233726/mediad/script"
)

func (s *Server) prepareRender(op *Operation) func(*http.Request, []byte) (Args, []byte, int64, error) {
	return func(r *http.Request, body []byte) (Args, []byte, int64, error) {
		var a Args
		// curl -d sends form-urlencoded and some clients text/plain; the body is JSON
		// all the same. Anything else (an image, multipart) is a mistake worth naming.
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if mt != "" && !isJSON(r) && mt != "text/plain" && mt != "application/x-www-form-urlencoded" {
			return a, nil, 0, newAPIError(http.StatusUnsupportedMediaType, codeUnsupported,
				"Content-Type %q: the body must be application/json", clip(mt))
		}
		if len(body) == 0 {
			return a, nil, 0, paramError("body", "empty; send {\"script\": …} or {\"actions\": […]}")
		}
		a, err := op.ParseJSON(body)
		if err != nil {
			return a, nil, 0, err
		}
		// The body's bytes are all in Args now, and the ETag has them from there.
		switch {
		case a.Has("actions") && a.Has("script"):
			return a, nil, 0, paramError("script", "give actions or script, not both")
		case a.Has("script"):
			return a, nil, 0, nil
		case a.Has("actions"):
			// Validate the whole list now, so a bad action never takes a worker.
			if _, err := legacy.Unmarshal(a.Raw("actions")); err != nil {
				return a, nil, 0, paramError("actions", "%v", err)
			}
			w, h := a.Int("width"), a.Int("height")
			dpr := a.Float("pixelRatio")
			if dpr == 0 {
				dpr = 1
			}
			bw, bh := int(math.Round(float64(w)*dpr)), int(math.Round(float64(h)*dpr))
			if bw < 1 || bh < 1 {
				return a, nil, 0, paramError("pixelRatio", "%g makes the %dx%d canvas %dx%d pixels", dpr, w, h, bw, bh)
			}
			if err := s.checkCanvas(bw, bh); err != nil {
				return a, nil, 0, err
			}
			return a, nil, int64(bw) * int64(bh), nil
		}
		return a, nil, 0, paramError("script", "required: give script (JavaScript) or actions (CanvasContext action list)")
	}
}

func (s *Server) canvasLimits() canvas.Limits {
	return canvas.Limits{MaxSide: s.cfg.MaxCanvasSide, MaxPixels: s.cfg.MaxCanvasPixels}
}

func (s *Server) checkCanvas(w, h int) error {
	l := s.canvasLimits()
	if w > l.MaxSide || h > l.MaxSide || int64(w)*int64(h) > l.MaxPixels {
		return newAPIError(http.StatusRequestEntityTooLarge, codeTooLarge,
			"canvas %dx%d is over the limits (side %d, %d pixels)", w, h, l.MaxSide, l.MaxPixels)
	}
	return nil
}

var fileTypes = map[string]struct{ format, mime string }{
	"png":  {"png", "image/png"},
	"jpg":  {"jpeg", "image/jpeg"},
	"webp": {"webp", "image/webp"},
}

func (s *Server) render(ctx context.Context, a Args, body []byte, out *answer) error {
	if a.Has("actions") {
		return s.renderActions(ctx, a, out)
	}
	return s.renderScript(ctx, a, out)
}

// renderActions replays a legacy CanvasContext action list as one draw().
func (s *Server) renderActions(ctx context.Context, a Args, out *answer) error {
	acts, err := legacy.Unmarshal(a.Raw("actions"))
	if err != nil {
		return paramError("actions", "%v", err)
	}
	var images legacy.ImageLoader
	if s.images != nil {
		images = s.images
	}
	c, err := legacy.RenderContext(ctx, acts, legacy.RenderOptions{
		Width: a.Int("width"), Height: a.Int("height"), PixelRatio: a.Float("pixelRatio"),
		Images: images, MaxPixels: s.cfg.MaxCanvasPixels,
	})
	if err != nil {
		return renderError(err)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	ft := fileTypes[a.String("fileType")]
	out.pixels = int64(c.Width()) * int64(c.Height())
	w := out.open(ft.mime, c.Width(), c.Height())
	if ft.format == "webp" {
		// The legacy export writes PNG and JPEG only, as the phone does; WebP is
		// the server's extension, encoded by package canvas.
		err = c.Encode(w, "webp", canvas.EncodeOptions{Quality: a.Float("quality")})
	} else {
		err = legacy.Export(w, c, legacy.ExportOptions{PixelRatio: a.Float("pixelRatio"), FileType: a.String("fileType"), Quality: a.Float("quality")})
	}
	if err != nil {
		return renderError(err)
	}
	return nil
}

// renderError maps what replaying an action list fails with: sizes are 413,
// the request's deadline 503 (classify), everything else the list's fault (422).
func renderError(err error) error {
	switch {
	case errors.Is(err, canvas.ErrTooLarge), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, canvas.ErrNotSupported), errors.Is(err, legacy.ErrNoImageLoader):
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codeNotBuilt, Message: err.Error(), cause: err}
	}
	return &apiError{Status: http.StatusUnprocessableEntity, Code: codeRender, Message: err.Error(), cause: err}
}

func (s *Server) renderScript(ctx context.Context, a Args, out *answer) error {
	// ScriptDir is the assets directory (read-only) or nothing; no AllowDirs or
	// AllowNet: a request's script sees those, its own temporary directories
	// (removed by Close) and no network.
	rt := script.New(script.Options{Timeout: s.cfg.ScriptTimeout, CanvasLimits: s.canvasLimits(),
		MaxMemory: s.cfg.ScriptMemory, ScriptDir: s.cfg.Assets})
	defer rt.Close()
	if err := rt.RunString(ctx, "render.js", a.String("script")); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	// The same rule as `mediad run -o`: the last canvas passed to
	// wx.canvasToTempFilePath, else the first canvas created.
	c := rt.OutputCanvas()
	if c == nil {
		return newAPIError(http.StatusUnprocessableEntity, codeScript, "the script created no canvas (wx.createOffscreenCanvas or new OffscreenCanvas)")
	}
	if c.Width() == 0 || c.Height() == 0 {
		return newAPIError(http.StatusUnprocessableEntity, codeScript, "the canvas is %dx%d; there is no image to encode", c.Width(), c.Height())
	}
	ft := fileTypes[a.String("fileType")]
	out.pixels = int64(c.Width()) * int64(c.Height())
	if err := c.Encode(out.open(ft.mime, c.Width(), c.Height()), ft.format, canvas.EncodeOptions{Quality: a.Float("quality")}); err != nil {
		if out.werr != nil {
			return err // the client's side, not the script's
		}
		return newAPIError(http.StatusUnprocessableEntity, codeScript, "encoding the canvas: %v", err)
	}
	return nil
}
