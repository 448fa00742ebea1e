package codec

import (
	"errors"
	"fmt"
)

// Sentinel errors; every error from this package wraps one of them together with the
// format name, e.g. "codec: heic: unsupported format".
var (
	// ErrUnsupportedFormat: the data is not an image format codec can decode (or encode).
	ErrUnsupportedFormat = errors.New("unsupported format")
	// ErrTooLarge: the image exceeds the pixel limit or the format's size limit.
	ErrTooLarge = errors.New("image too large")
	// ErrCorrupt: the data is malformed or truncated.
	ErrCorrupt = errors.New("corrupt image data")
)

// Error is the error type returned by this package.
type Error struct {
	Format Format
	Kind   error // one of the sentinel errors
	Detail string
}

func (e *Error) Error() string {
	s := "codec: "
	if e.Format != Unknown {
		s += string(e.Format) + ": "
	}
	s += e.Kind.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *Error) Unwrap() error { return e.Kind }

func newErr(f Format, kind error, format string, args ...any) error {
	return &Error{Format: f, Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

func corrupt(f Format, err error) error {
	if err == nil {
		return nil
	}
	var ce *Error
	if errors.As(err, &ce) {
		return err
	}
	return &Error{Format: f, Kind: ErrCorrupt, Detail: err.Error()}
}
