package legacy

import "fmt"

// TextMetrics is what measureText returns on the legacy context: the width
// only.
type TextMetrics struct {
	Width float64 `json:"width"`
}

// Text goes through the canvas package's text engine; until it draws text,
// text actions are refused before anything is drawn.

func (r *replayer) checkText(name string) error { return fmt.Errorf("%s: %w", name, ErrNotSupported) }

func (r *replayer) fillText(args) error   { return fmt.Errorf("fillText: %w", ErrNotSupported) }
func (r *replayer) strokeText(args) error { return fmt.Errorf("strokeText: %w", ErrNotSupported) }

// measureText measures text in font.
func measureText(font, text string) (TextMetrics, error) {
	return TextMetrics{}, fmt.Errorf("measureText: %w", ErrNotSupported)
}
