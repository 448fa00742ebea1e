package server

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/seed92233726/mediad/canvas"
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
		switch {
		case a.Has("actions") && a.Has("script"):
			return a, nil, 0, paramError("script", "give actions or script, not both")
		case a.Has("script"):
			// The body's bytes are in Args now; the ETag has them through Args.
			return a, nil, 0, nil
		case a.Has("actions"):
			w, h := a.Int("width"), a.Int("height")
			if err := s.checkCanvas(w, h); err != nil {
				return a, nil, 0, err
			}
			return a, nil, 0, newAPIError(http.StatusUnprocessableEntity, codeNotBuilt,
				"the CanvasContext action-list renderer is not built into this mediad; send {\"script\": …} instead")
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

func (s *Server) render(ctx context.Context, a Args, _ []byte) (*result, error) {
	ctx, done := s.scripts.track(ctx)
	defer done()
	rt := script.New(script.Options{Timeout: s.cfg.ScriptTimeout, CanvasLimits: s.canvasLimits()})
	if err := rt.RunString(ctx, "render.js", a.String("script")); err != nil {
		return nil, err
	}
	canvases := rt.Canvases()
	if len(canvases) == 0 {
		return nil, newAPIError(http.StatusUnprocessableEntity, codeScript, "the script created no canvas (wx.createOffscreenCanvas or new OffscreenCanvas)")
	}
	c := canvases[0]
	if c.Width() == 0 || c.Height() == 0 {
		return nil, newAPIError(http.StatusUnprocessableEntity, codeScript, "the canvas is %dx%d; there is no image to encode", c.Width(), c.Height())
	}
	ft := fileTypes[a.String("fileType")]
	var buf bytes.Buffer
	if err := c.Encode(&buf, ft.format, canvas.EncodeOptions{Quality: a.Float("quality")}); err != nil {
		return nil, newAPIError(http.StatusUnprocessableEntity, codeScript, "encoding the canvas: %v", err)
	}
	return &result{contentType: ft.mime, data: buf.Bytes(), width: c.Width(), height: c.Height(),
		pixels: int64(c.Width()) * int64(c.Height())}, nil
}

// scriptGuard enforces Config.ScriptMemory. JavaScript allocations cannot be
// attributed to one VM, so the budget is on the live heap of the process while
// scripts run: past it, every running script is stopped with errScriptMemory.
// The sampler runs only while a script does.
type scriptGuard struct {
	limit   int64
	mu      sync.Mutex
	running map[*scriptRun]struct{}
}

type scriptRun struct{ cancel context.CancelCauseFunc }

func newScriptGuard(limit int64) *scriptGuard {
	return &scriptGuard{limit: limit, running: map[*scriptRun]struct{}{}}
}

func (g *scriptGuard) track(ctx context.Context) (context.Context, func()) {
	if g.limit < 0 {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	run := &scriptRun{cancel: cancel}
	g.mu.Lock()
	g.running[run] = struct{}{}
	first := len(g.running) == 1
	g.mu.Unlock()
	if first {
		go g.sample()
	}
	return ctx, func() {
		g.mu.Lock()
		delete(g.running, run)
		g.mu.Unlock()
		cancel(nil)
	}
}

func (g *scriptGuard) sample() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for range t.C {
		metrics.Read(sample)
		over := sample[0].Value.Kind() == metrics.KindUint64 && int64(sample[0].Value.Uint64()) > g.limit
		g.mu.Lock()
		if len(g.running) == 0 {
			g.mu.Unlock()
			return
		}
		if over {
			for run := range g.running {
				run.cancel(errScriptMemory)
			}
		}
		g.mu.Unlock()
	}
}
