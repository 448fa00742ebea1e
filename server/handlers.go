package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/seed92233726/mediad/codec"
	mimage "github.com/seed92233726/mediad/image"
)

// bind attaches the code of an operation to its declaration.
func (s *Server) bind(op *Operation) *route {
	rt := &route{op: op}
	switch op.ID {
	case "compress":
		rt.prepare, rt.job = s.prepareImage(op), s.compress
	case "crop":
		rt.prepare, rt.job = s.prepareImage(op), s.crop
	case "info":
		rt.prepare, rt.job = s.prepareImage(op), s.info
	case "edit":
		rt.prepare, rt.job = s.prepareEdit(op), s.edit
	case "render":
		rt.prepare, rt.job = s.prepareRender(op), s.render
	case "videoInfo":
		rt.prepare, rt.job = s.prepareVideo(op), s.videoInfo
	case "videoFrame":
		rt.prepare, rt.job = s.prepareVideo(op), s.videoFrame
	case "healthz":
		rt.serve = func(w http.ResponseWriter, r *http.Request) { writeText(w, http.StatusOK, "ok\n") }
	case "readyz":
		rt.serve = func(w http.ResponseWriter, r *http.Request) {
			if s.draining.Load() {
				writeText(w, http.StatusServiceUnavailable, "shutting down\n")
				return
			}
			writeText(w, http.StatusOK, "ready\n")
		}
	case "metrics":
		rt.serve = s.metricH.ServeHTTP
	case "openapi":
		rt.serve = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", fmt.Sprint(len(s.openapi)))
			_, _ = w.Write(s.openapi)
		}
	default:
		panic("server: operation " + op.ID + " has no handler")
	}
	return rt
}

func writeText(w http.ResponseWriter, status int, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(s))
}

// checkImage reads the image headers: unknown formats (415), claimed sizes over the
// limit (413) and broken headers (422) are refused before a worker is taken.
func (s *Server) checkImage(body []byte, sizeLimit bool) (codec.Config, error) {
	if len(body) == 0 {
		return codec.Config{}, paramError("body", "empty; send the image bytes as the request body")
	}
	cfg, err := codec.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		return cfg, err
	}
	if px := cfg.Pixels(); sizeLimit && px > s.cfg.MaxPixels {
		return cfg, newAPIError(http.StatusRequestEntityTooLarge, codeTooLarge,
			"image is %dx%d (%d pixels); the limit is %d pixels", cfg.Width, cfg.Height, px, s.cfg.MaxPixels)
	}
	return cfg, nil
}

func (s *Server) prepareImage(op *Operation) func(*http.Request, []byte) (Args, []byte, int64, error) {
	return func(r *http.Request, body []byte) (Args, []byte, int64, error) {
		a, err := op.ParseQuery(r.URL.Query())
		if err != nil {
			return a, nil, 0, err
		}
		if op.ID == "crop" {
			if err := checkCropArgs(a); err != nil {
				return a, nil, 0, err
			}
		}
		// info decodes no pixels, so it answers for images of any size.
		cfg, err := s.checkImage(body, op.ID != "info")
		if err != nil {
			return a, nil, 0, err
		}
		return a, body, cfg.Pixels(), nil
	}
}

func (s *Server) limits() mimage.Limits {
	return mimage.Limits{MaxPixels: s.cfg.MaxPixels, MaxInputBytes: s.cfg.MaxBody}
}

func output(a Args) mimage.Output {
	return mimage.Output{Quality: a.Int("quality"), Format: codec.Format(a.String("format")), Filter: a.String("filter")}
}

// imageOpen is the image package's OpenFunc for an answer.
func imageOpen(out *answer) mimage.OpenFunc {
	return func(f codec.Format, w, h int) (io.Writer, error) {
		return out.open("image/"+string(f), w, h), nil
	}
}

func (s *Server) compress(ctx context.Context, a Args, body []byte, out *answer) error {
	o := output(a)
	o.Precise = a.Bool("precise")
	return mimage.CompressTo(ctx, body, mimage.CompressOptions{
		Output: o, Limits: s.limits(),
		CompressedWidth: a.Int("compressedWidth"), CompressedHeight: a.Int("compressedHeight"),
		Upscale: a.Bool("upscale"),
	}, imageOpen(out))
}

var rectParams = []string{"x", "y", "width", "height"}

// checkCropArgs: a rectangle is all four of x, y, width, height or none of them.
func checkCropArgs(a Args) error {
	n := 0
	for _, p := range rectParams {
		if a.Has(p) {
			n++
		}
	}
	if n > 0 && n < 4 {
		for _, p := range rectParams {
			if !a.Has(p) {
				return paramError(p, "required with the other rectangle parameters (x, y, width, height)")
			}
		}
	}
	if n == 0 && !a.Has("cropScale") {
		return paramError("cropScale", "required (or give x, y, width and height)")
	}
	return nil
}

func (s *Server) crop(ctx context.Context, a Args, body []byte, out *answer) error {
	opts := mimage.CropOptions{
		Output: output(a), Limits: s.limits(),
		Scale: a.String("cropScale"), Gravity: mimage.Gravity(a.String("gravity")),
	}
	if a.Has("x") {
		opts.Rect = &mimage.Rect{X: a.Int("x"), Y: a.Int("y"), Width: a.Int("width"), Height: a.Int("height")}
	}
	return mimage.CropTo(ctx, body, opts, imageOpen(out))
}

// infoAnswer is wx.getImageInfo's fields, plus what the headers also tell.
type infoAnswer struct {
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	Type        string `json:"type"`
	Orientation string `json:"orientation"`
	HasAlpha    bool   `json:"hasAlpha"`
	Frames      int    `json:"frames"`
}

func (s *Server) info(ctx context.Context, a Args, body []byte, out *answer) error {
	info, err := mimage.Info(bytes.NewReader(body))
	if err != nil {
		return err
	}
	// Headers only: no pixels were decoded.
	out.pixels = noPixels
	return json.NewEncoder(out.open("application/json", 0, 0)).Encode(infoAnswer(info))
}

// isJSON reports whether the request declares a JSON body.
func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func (s *Server) prepareEdit(op *Operation) func(*http.Request, []byte) (Args, []byte, int64, error) {
	return func(r *http.Request, body []byte) (Args, []byte, int64, error) {
		var a Args
		var err error
		if isJSON(r) {
			if len(r.URL.RawQuery) > 0 {
				return a, nil, 0, paramError("query", "with a JSON body the options go in the body, not the query string")
			}
			if a, err = op.ParseJSON(body); err != nil {
				return a, nil, 0, err
			}
			if !a.Has("image") {
				return a, nil, 0, paramError("image", "required in the JSON form (base64 of the image bytes)")
			}
			img := a.String("image")
			if i := strings.Index(img, ";base64,"); strings.HasPrefix(img, "data:") && i >= 0 {
				img = img[i+len(";base64,"):]
			}
			if body, err = base64.StdEncoding.DecodeString(img); err != nil {
				return a, nil, 0, paramError("image", "not base64: %v", err)
			}
		} else if a, err = op.ParseQuery(r.URL.Query()); err != nil {
			return a, nil, 0, err
		}
		if _, err := decodeEditOps(a.Raw("ops")); err != nil {
			return a, nil, 0, err
		}
		cfg, err := s.checkImage(body, true)
		if err != nil {
			return a, nil, 0, err
		}
		return a, body, cfg.Pixels(), nil
	}
}

// decodeEditOps decodes the ops array strictly: a misspelt member is an error, not a
// silently ignored option.
func decodeEditOps(raw json.RawMessage) ([]mimage.EditOp, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var list []mimage.EditOp
	if err := dec.Decode(&list); err != nil {
		return nil, paramError("ops", "%v", err)
	}
	return list, nil
}

func (s *Server) edit(ctx context.Context, a Args, body []byte, out *answer) error {
	list, err := decodeEditOps(a.Raw("ops"))
	if err != nil {
		return err
	}
	return mimage.EditTo(ctx, body, mimage.EditOptions{Output: output(a), Limits: s.limits(), Ops: list}, imageOpen(out))
}
