package canvas

import (
	"errors"
	"fmt"
)

// Sentinel errors, one per exception type the HTML canvas API throws. Errors
// returned by this package wrap one of them with a message, so test them with
// errors.Is.
var (
	// ErrIndexSize is the DOMException "IndexSizeError" (negative radius, colour
	// stop offset outside [0, 1], zero-sized ImageData …).
	ErrIndexSize = errors.New("IndexSizeError")
	// ErrNotSupported is the DOMException "NotSupportedError".
	ErrNotSupported = errors.New("NotSupportedError")
	// ErrInvalidState is the DOMException "InvalidStateError" (e.g. a pattern from
	// a zero-sized canvas, a context of another type).
	ErrInvalidState = errors.New("InvalidStateError")
	// ErrSyntax is the DOMException "SyntaxError" (bad colour stop colour, unknown
	// pattern repetition).
	ErrSyntax = errors.New("SyntaxError")
	// ErrType is the JavaScript TypeError (unknown fill rule, inconsistent matrix
	// init, ImageData with a data length that does not match its size).
	ErrType = errors.New("TypeError")
	// ErrRange is the JavaScript RangeError (roundRect radii, allocations over the
	// configured limits).
	ErrRange = errors.New("RangeError")
	// ErrTooLarge reports a canvas or ImageData over the configured Limits; it is
	// a RangeError, as the browser reports failed canvas allocations.
	ErrTooLarge = fmt.Errorf("%w: size exceeds the configured canvas limits", ErrRange)
)

func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", kind, fmt.Sprintf(format, args...))
}
