package legacy

import "github.com/seed92233726/mediad/canvas"

// TextMetrics is what measureText returns on the legacy context: the width
// only.
type TextMetrics struct {
	Width float64 `json:"width"`
}

func (r *replayer) fillText(a args) error {
	r.ctx.FillText(a.str(0), a.num(1), a.num(2), maxWidth(a)...)
	return nil
}

func (r *replayer) strokeText(a args) error {
	r.ctx.StrokeText(a.str(0), a.num(1), a.num(2), maxWidth(a)...)
	return nil
}

func maxWidth(a args) []float64 {
	if a.has(3) {
		return []float64{a.num(3)}
	}
	return nil
}

// measureText measures text in font with a scratch context of its own, so
// measuring never touches the target's state.
func (c *CanvasContext) measureText(font, text string) TextMetrics {
	if c.measure == nil {
		cv, _ := canvas.NewCanvas(0, 0) // a zero-sized canvas is always allowed
		c.measure = cv.Context2D()
	}
	c.measure.SetFont(font)
	return TextMetrics{Width: c.measure.MeasureText(text).Width}
}
