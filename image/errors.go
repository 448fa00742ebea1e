package image

import (
	"errors"
	"fmt"

	"github.com/seed92233726/mediad/codec"
)

var (
	// ErrInvalidParameter wraps every error caused by an option value.
	ErrInvalidParameter = errors.New("invalid parameter")
	// ErrTooLarge is codec.ErrTooLarge: the image (or the requested output) exceeds
	// the pixel limit.
	ErrTooLarge = codec.ErrTooLarge
)

// ParamError names the option that was rejected and why.
type ParamError struct {
	Param  string // the option's name as the API spells it, e.g. "quality"
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("image: %s: %s", e.Param, e.Reason) }

func (e *ParamError) Unwrap() error { return ErrInvalidParameter }

func paramErr(param, format string, args ...any) error {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...)}
}
