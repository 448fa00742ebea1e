package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/seed92233726/mediad/canvas"
	"github.com/seed92233726/mediad/codec"
	mimage "github.com/seed92233726/mediad/image"
	"github.com/seed92233726/mediad/script"
)

// apiError is an answer other than success: status, a stable machine code and a
// sentence for people.
type apiError struct {
	Status     int
	Code       string
	Message    string
	RetryAfter int // seconds; 0 = no header
	cause      error
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }
func (e *apiError) Unwrap() error { return e.cause }

func newAPIError(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Error codes, as they appear in {"error":{"code"}}.
const (
	codeBadParameter = "bad_parameter"
	codeTooLarge     = "too_large"
	codeUnsupported  = "unsupported_type"
	codeUndecodable  = "undecodable"
	codeScript       = "script_error"
	codeScriptLimit  = "script_limit"
	codeRender       = "render_error"
	codeOverloaded   = "overloaded"
	codeQueueTimeout = "queue_timeout"
	codeTimeout      = "timeout"
	codeBodyTimeout  = "body_timeout"
	codeShutdown     = "shutting_down"
	codeNotFound     = "not_found"
	codeMethod       = "method_not_allowed"
	codeInternal     = "internal"
	// codeNotBuilt: a request form this build cannot serve yet (the action list).
	codeNotBuilt = "unsupported"
)

// classify maps an error from the libraries to an answer. Everything a request can
// cause is a 4xx; only what is left (a fault of ours) is a 500.
func classify(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var pe *ParamError
	if errors.As(err, &pe) {
		return &apiError{Status: http.StatusBadRequest, Code: codeBadParameter, Message: pe.Error(), cause: err}
	}
	var ipe *mimage.ParamError
	if errors.As(err, &ipe) {
		return &apiError{Status: http.StatusBadRequest, Code: codeBadParameter, Message: ipe.Param + ": " + ipe.Reason, cause: err}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: "body is larger than " + strconv.FormatInt(mbe.Limit, 10) + " bytes", cause: err}
	}
	var se *script.Error
	if errors.As(err, &se) {
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			// The request's deadline, not the script's own limit, ended it.
			return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout, Message: "the request ran past the server's time limit", RetryAfter: 1, cause: err}
		case se.Kind == script.KindTimeout || se.Kind == script.KindStackDepth || se.Kind == script.KindMemory:
			return &apiError{Status: http.StatusUnprocessableEntity, Code: codeScriptLimit, Message: se.Message, cause: err}
		case se.Kind == script.KindCanceled:
			return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout, Message: "request ended before the script finished", RetryAfter: 1, cause: err}
		}
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codeScript, Message: clipMessage(se.Stack), cause: err}
	}
	switch {
	case errors.Is(err, codec.ErrTooLarge), errors.Is(err, canvas.ErrTooLarge):
		return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: err.Error(), cause: err}
	case errors.Is(err, codec.ErrUnsupportedFormat):
		return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupported, Message: err.Error(), cause: err}
	case errors.Is(err, codec.ErrCorrupt):
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codeUndecodable, Message: err.Error(), cause: err}
	case errors.Is(err, mimage.ErrInvalidParameter):
		return &apiError{Status: http.StatusBadRequest, Code: codeBadParameter, Message: err.Error(), cause: err}
	case errors.Is(err, errQueueTimeout):
		return &apiError{Status: http.StatusServiceUnavailable, Code: codeQueueTimeout, Message: err.Error(), cause: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout, Message: "the request ran past the server's time limit", cause: err}
	case errors.Is(err, context.Canceled):
		return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout, Message: "the request was canceled", cause: err}
	}
	return &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error", cause: err}
}

func clipMessage(s string) string {
	const n = 2000
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
