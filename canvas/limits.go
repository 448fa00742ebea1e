package canvas

// Limits bound the pixel buffers this package allocates: canvas bitmaps and
// ImageData. They are checked before any allocation, so a request for a
// 100000×100000 canvas fails with ErrTooLarge instead of exhausting memory.
type Limits struct {
	// MaxSide is the largest width or height in pixels; 0 means 16384.
	MaxSide int
	// MaxPixels is the largest width×height; 0 means 268435456 (256 Mi pixels,
	// 1 GiB of RGBA), the size at which browsers refuse a canvas.
	MaxPixels int64
}

// DefaultLimits are the limits NewCanvas and NewOffscreenCanvas use.
var DefaultLimits = Limits{MaxSide: 16384, MaxPixels: 268435456}

func (l Limits) normalized() Limits {
	if l.MaxSide <= 0 {
		l.MaxSide = DefaultLimits.MaxSide
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultLimits.MaxPixels
	}
	return l
}

// check reports whether a w×h buffer is allowed. Zero sizes are always allowed
// (a zero-sized canvas is valid and exports as "data:,").
func (l Limits) check(w, h int) error {
	l = l.normalized()
	if w < 0 || h < 0 {
		return errorf(ErrRange, "negative size %dx%d", w, h)
	}
	if w > l.MaxSide || h > l.MaxSide || int64(w)*int64(h) > l.MaxPixels {
		return errorf(ErrTooLarge, "%dx%d (max side %d, max pixels %d)", w, h, l.MaxSide, l.MaxPixels)
	}
	return nil
}
