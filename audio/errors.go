package audio

import (
	"errors"
	"fmt"
)

// The Web Audio API's exceptions as Go errors. Every error the package returns for invalid
// arguments wraps one of them, so callers (and the JavaScript binding) can test with errors.Is.
var (
	ErrNotSupported  = errors.New("NotSupportedError")
	ErrIndexSize     = errors.New("IndexSizeError")
	ErrInvalidState  = errors.New("InvalidStateError")
	ErrRange         = errors.New("RangeError")
	ErrInvalidAccess = errors.New("InvalidAccessError")
	ErrType          = errors.New("TypeError")
	// ErrDecode reports audio data that cannot be decoded (EncodingError in the spec).
	ErrDecode = errors.New("EncodingError")
)

func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)
}
