package legacy

import (
	"context"
	"fmt"
	"image"
	"math"

	"github.com/seed92233726/mediad/canvas"
)

// RenderOptions configure Render. The zero value renders a 300×150 canvas at
// pixel ratio 1 with no images and the canvas package's default limits.
type RenderOptions struct {
	// Width and Height are the canvas size in CSS pixels; 0 means 300 and 150,
	// the size of a <canvas> without attributes.
	Width, Height int
	// PixelRatio is the device pixel ratio: the bitmap is Width×PixelRatio by
	// Height×PixelRatio pixels and every batch starts scaled by it, as the
	// phone's legacy canvas does. 0 means 1; it must be at most MaxPixelRatio.
	PixelRatio float64
	// Images resolves drawImage and createPattern paths; nil refuses them.
	Images ImageLoader
	// MaxPixels bounds the bitmap (checked before allocating); 0 means
	// canvas.DefaultLimits.MaxPixels.
	MaxPixels int64
}

// MaxPixelRatio is the largest accepted PixelRatio.
const MaxPixelRatio = 16

// Render replays an action list as one draw(false) batch onto a new canvas.
// The actions are validated and their images loaded before anything is
// drawn; the result depends on nothing but the actions, the options and the
// loaded images.
func Render(actions []Action, opts RenderOptions) (*canvas.Canvas, error) {
	return RenderContext(context.Background(), actions, opts)
}

// RenderContext is Render that stops between actions once ctx is done,
// returning ctx's error.
func RenderContext(ctx context.Context, actions []Action, opts RenderOptions) (*canvas.Canvas, error) {
	calls, err := normalize(actions)
	if err != nil {
		return nil, err
	}
	w, h := opts.Width, opts.Height
	if w == 0 {
		w = canvas.DefaultWidth
	}
	if h == 0 {
		h = canvas.DefaultHeight
	}
	if w < 0 || h < 0 {
		return nil, fmt.Errorf("legacy: negative canvas size %dx%d", w, h)
	}
	dpr, err := pixelRatio(opts.PixelRatio)
	if err != nil {
		return nil, err
	}
	dw, dh := math.Round(float64(w)*dpr), math.Round(float64(h)*dpr)
	if dw < 1 || dh < 1 {
		return nil, fmt.Errorf("legacy: canvas %dx%d at pixel ratio %g has no pixels", w, h, dpr)
	}
	if dw > math.MaxInt32 || dh > math.MaxInt32 {
		return nil, fmt.Errorf("legacy: canvas %gx%g: %w", dw, dh, canvas.ErrTooLarge)
	}
	cv, err := canvas.NewCanvasWithLimits(int(dw), int(dh), canvas.Limits{MaxPixels: opts.MaxPixels})
	if err != nil {
		return nil, err
	}
	if err := replay(ctx, cv, calls, false, dpr, opts.Images); err != nil {
		return nil, err
	}
	return cv, nil
}

func pixelRatio(r float64) (float64, error) {
	if r == 0 {
		return 1, nil
	}
	if !(r > 0 && r <= MaxPixelRatio) {
		return 0, fmt.Errorf("legacy: pixel ratio %g outside (0, %d]", r, MaxPixelRatio)
	}
	return r, nil
}

// replayer applies validated calls to a Context2D.
type replayer struct {
	ctx      *canvas.Context2D
	base     canvas.Matrix // CSS px → device px
	images   ImageLoader
	loaded   map[string]image.Image
	drawable map[string]*canvas.Image // loaded images converted once for drawImage
	patterns map[*Pattern]*canvas.Pattern
	depth    int // saves made by this batch and not yet restored
}

// replay runs one draw(reserve) batch. Nothing is drawn when a call fails
// validation or needs an image that cannot be loaded.
func replay(ctx context.Context, cv *canvas.Canvas, calls []call, reserve bool, dpr float64, images ImageLoader) error {
	r := &replayer{
		ctx:    cv.Context2D(),
		base:   canvas.NewMatrix(dpr, 0, 0, dpr, 0, 0),
		images: images,
	}
	if err := r.prepare(calls); err != nil {
		return err
	}
	c := r.ctx
	if !reserve {
		c.Reset()
	}
	// The batch's own save keeps whatever state the context had outside the
	// batch, and the defaults make every batch start alike (rule 3 of draw).
	c.Save()
	defer func() {
		for ; r.depth > 0; r.depth-- {
			c.Restore()
		}
		c.Restore()
	}()
	r.defaults()
	c.BeginPath()
	for i, cl := range calls {
		if i&255 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := cl.m.apply(r, cl.a); err != nil {
			return &ActionError{Index: i, Method: cl.name, Err: err}
		}
	}
	return nil
}

// defaults sets the state a batch starts from: the HTML defaults, which are
// also WeChat's, with the transform scaled by the pixel ratio.
func (r *replayer) defaults() {
	c := r.ctx
	b := r.base
	c.SetTransform(b.A, b.B, b.C, b.D, b.E, b.F)
	c.SetFillStyle("#000000")
	c.SetStrokeStyle("#000000")
	c.SetGlobalAlpha(1)
	c.SetGlobalCompositeOperation("source-over")
	c.SetLineWidth(1)
	c.SetLineCap("butt")
	c.SetLineJoin("miter")
	c.SetMiterLimit(10)
	c.SetLineDash([]float64{})
	c.SetLineDashOffset(0)
	c.SetShadowColor("rgba(0, 0, 0, 0)")
	c.SetShadowBlur(0)
	c.SetShadowOffsetX(0)
	c.SetShadowOffsetY(0)
	c.SetFont(defaultFont)
	c.SetTextAlign("left")
	c.SetTextBaseline("alphabetic")
	c.SetImageSmoothingEnabled(true)
	c.SetFilter("none")
}

const defaultFont = "10px sans-serif"

// prepare refuses what this build cannot draw and loads every image the
// batch uses, so that a missing file fails the batch before any pixel changes.
func (r *replayer) prepare(calls []call) error {
	for i, cl := range calls {
		var err error
		switch cl.name {
		case "drawImage":
			err = r.prepareDrawImage(cl.a.str(0))
		case "setFillStyle", "fillStyle", "setStrokeStyle", "strokeStyle":
			if p, ok := cl.a[0].(*Pattern); ok {
				err = r.preparePattern(p)
			}
		}
		if err != nil {
			return &ActionError{Index: i, Method: cl.name, Err: err}
		}
	}
	return nil
}

func (r *replayer) loadImage(path string) (image.Image, error) {
	if img, ok := r.loaded[path]; ok {
		return img, nil
	}
	if r.images == nil {
		return nil, ErrNoImageLoader
	}
	img, err := r.images.LoadImage(path)
	if err != nil {
		return nil, err
	}
	if img == nil || img.Bounds().Empty() {
		return nil, fmt.Errorf("%w: image %q has no pixels", ErrValue, path)
	}
	if r.loaded == nil {
		r.loaded = map[string]image.Image{}
	}
	r.loaded[path] = img
	return img, nil
}

// prepareDrawImage loads a drawImage path and converts it to a canvas.Image
// once, however many actions draw it.
func (r *replayer) prepareDrawImage(path string) error {
	if _, ok := r.drawable[path]; ok {
		return nil
	}
	img, err := r.loadImage(path)
	if err != nil {
		return fmt.Errorf("drawImage: %w", err)
	}
	ci, err := canvas.NewImageFromImage(img)
	if err != nil {
		return fmt.Errorf("drawImage: %w", err)
	}
	if r.drawable == nil {
		r.drawable = map[string]*canvas.Image{}
	}
	r.drawable[path] = ci
	return nil
}

func (r *replayer) preparePattern(p *Pattern) error {
	if _, ok := r.patterns[p]; ok {
		return nil
	}
	img, err := r.loadImage(p.Image)
	if err != nil {
		return fmt.Errorf("createPattern: %w", err)
	}
	cp, err := r.ctx.CreatePatternImage(img, p.Repetition)
	if err != nil {
		return fmt.Errorf("createPattern: %w", err)
	}
	if r.patterns == nil {
		r.patterns = map[*Pattern]*canvas.Pattern{}
	}
	r.patterns[p] = cp
	return nil
}

// style converts a validated fill or stroke style to what Context2D takes.
// Gradients are rebuilt on every use because they are live: stops added
// between two uses count from the second one on.
func (r *replayer) style(v any) any {
	switch s := v.(type) {
	case *Gradient:
		var g *canvas.Gradient
		d := s.Data
		if s.Type == "linear" {
			g, _ = r.ctx.CreateLinearGradient(d[0], d[1], d[2], d[3])
		} else {
			g, _ = r.ctx.CreateRadialGradient(d[0], d[1], 0, d[0], d[1], d[2])
		}
		for _, st := range s.ColorStop {
			_ = g.AddColorStop(st.Offset, st.Color) // validated
		}
		return g
	case *Pattern:
		return r.patterns[s]
	}
	return v
}

func (r *replayer) fillStyle(a args) error   { r.ctx.SetFillStyle(r.style(a[0])); return nil }
func (r *replayer) strokeStyle(a args) error { r.ctx.SetStrokeStyle(r.style(a[0])); return nil }

func (r *replayer) setShadow(a args) error {
	c := r.ctx
	c.SetShadowOffsetX(a.num(0))
	c.SetShadowOffsetY(a.num(1))
	c.SetShadowBlur(a.num(2))
	// WeChat's documented default colour when setShadow gets none.
	color := "black"
	if a.has(3) {
		color = a.str(3)
	}
	c.SetShadowColor(color)
	return nil
}

func (r *replayer) shadowOffsetX(a args) error { r.ctx.SetShadowOffsetX(a.num(0)); return nil }
func (r *replayer) shadowOffsetY(a args) error { r.ctx.SetShadowOffsetY(a.num(0)); return nil }
func (r *replayer) shadowBlur(a args) error    { r.ctx.SetShadowBlur(a.num(0)); return nil }
func (r *replayer) shadowColor(a args) error   { r.ctx.SetShadowColor(a.str(0)); return nil }

// withFontSize returns font with only its size replaced, or font itself when
// either does not parse (the browser would ignore the assignment).
func withFontSize(font string, size float64) string {
	f, ok := canvas.ParseFont(font)
	if !ok || !(size >= 0) {
		return font
	}
	f.Size = size
	return f.String()
}

func (r *replayer) setFontSize(a args) error {
	r.ctx.SetFont(withFontSize(r.ctx.Font(), a.num(0)))
	return nil
}

func (r *replayer) font(a args) error        { r.ctx.SetFont(a.str(0)); return nil }
func (r *replayer) globalAlpha(a args) error { r.ctx.SetGlobalAlpha(a.num(0)); return nil }
func (r *replayer) compositeOp(a args) error {
	r.ctx.SetGlobalCompositeOperation(a.str(0))
	return nil
}
func (r *replayer) lineCap(a args) error    { r.ctx.SetLineCap(a.str(0)); return nil }
func (r *replayer) lineJoin(a args) error   { r.ctx.SetLineJoin(a.str(0)); return nil }
func (r *replayer) lineWidth(a args) error  { r.ctx.SetLineWidth(a.num(0)); return nil }
func (r *replayer) miterLimit(a args) error { r.ctx.SetMiterLimit(a.num(0)); return nil }

func (r *replayer) setLineDash(a args) error {
	r.ctx.SetLineDash(a[0].([]float64))
	if a.has(1) {
		r.ctx.SetLineDashOffset(a.num(1))
	}
	return nil
}

func (r *replayer) lineDashOffset(a args) error { r.ctx.SetLineDashOffset(a.num(0)); return nil }
func (r *replayer) textAlign(a args) error      { r.ctx.SetTextAlign(a.str(0)); return nil }

func (r *replayer) textBaseline(a args) error {
	b := a.str(0)
	if b == "normal" {
		// WeChat's default baseline; the 2D context calls it alphabetic.
		b = "alphabetic"
	}
	r.ctx.SetTextBaseline(b)
	return nil
}

func (r *replayer) setTransform(a args) error {
	// The legacy canvas works in CSS pixels: setTransform replaces the user
	// transform, and the pixel ratio stays underneath it.
	m := r.base.Multiply(canvas.NewMatrix(a.num(0), a.num(1), a.num(2), a.num(3), a.num(4), a.num(5)))
	r.ctx.SetTransform(m.A, m.B, m.C, m.D, m.E, m.F)
	return nil
}

func (r *replayer) transform(a args) error {
	r.ctx.Transform(a.num(0), a.num(1), a.num(2), a.num(3), a.num(4), a.num(5))
	return nil
}

func (r *replayer) translate(a args) error { r.ctx.Translate(a.num(0), a.num(1)); return nil }
func (r *replayer) scale(a args) error     { r.ctx.Scale(a.num(0), a.num(1)); return nil }
func (r *replayer) rotate(a args) error    { r.ctx.Rotate(a.num(0)); return nil }

func (r *replayer) save(args) error {
	r.ctx.Save()
	r.depth++
	return nil
}

// restore never pops below the batch's own save, so an unbalanced restore
// cannot leak state between batches.
func (r *replayer) restore(args) error {
	if r.depth > 0 {
		r.ctx.Restore()
		r.depth--
	}
	return nil
}

func (r *replayer) beginPath(args) error { r.ctx.BeginPath(); return nil }
func (r *replayer) closePath(args) error { r.ctx.ClosePath(); return nil }
func (r *replayer) fill(args) error      { r.ctx.Fill(); return nil }
func (r *replayer) stroke(args) error    { r.ctx.Stroke(); return nil }
func (r *replayer) clip(args) error      { r.ctx.Clip(); return nil }
func (r *replayer) moveTo(a args) error  { r.ctx.MoveTo(a.num(0), a.num(1)); return nil }
func (r *replayer) lineTo(a args) error  { r.ctx.LineTo(a.num(0), a.num(1)); return nil }

func (r *replayer) quadraticCurveTo(a args) error {
	r.ctx.QuadraticCurveTo(a.num(0), a.num(1), a.num(2), a.num(3))
	return nil
}

func (r *replayer) bezierCurveTo(a args) error {
	r.ctx.BezierCurveTo(a.num(0), a.num(1), a.num(2), a.num(3), a.num(4), a.num(5))
	return nil
}

func (r *replayer) arc(a args) error {
	ccw := a.has(5) && a[5].(bool)
	return r.ctx.Arc(a.num(0), a.num(1), a.num(2), a.num(3), a.num(4), ccw)
}

func (r *replayer) arcTo(a args) error {
	return r.ctx.ArcTo(a.num(0), a.num(1), a.num(2), a.num(3), a.num(4))
}

func (r *replayer) rect(a args) error {
	r.ctx.Rect(a.num(0), a.num(1), a.num(2), a.num(3))
	return nil
}

func (r *replayer) fillRect(a args) error {
	r.ctx.FillRect(a.num(0), a.num(1), a.num(2), a.num(3))
	return nil
}

func (r *replayer) strokeRect(a args) error {
	r.ctx.StrokeRect(a.num(0), a.num(1), a.num(2), a.num(3))
	return nil
}

func (r *replayer) clearRect(a args) error {
	r.ctx.ClearRect(a.num(0), a.num(1), a.num(2), a.num(3))
	return nil
}

// drawImage draws a path loaded by prepare in the 3-, 5- or 9-argument form,
// in CSS pixels like every other legacy call.
func (r *replayer) drawImage(a args) error {
	nums := make([]float64, len(a)-1)
	for i := range nums {
		nums[i] = a.num(i + 1)
	}
	return r.ctx.DrawImage(r.drawable[a.str(0)], nums...)
}
