package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
)

// spillLimit is how much of an answer is gathered in memory before it is sent.
// An answer that fits goes out with a Content-Length in one write; a larger one
// is streamed (chunked) as it is encoded, so memory per request stays bounded
// whatever the output size.
const spillLimit = 512 << 10

// Who answers a request: the job (its output or its error), or the timeout
// watchdog when the request's context ends before the job has sent anything.
const (
	ownerNone int32 = iota
	ownerJob
	ownerWatchdog
)

// errAnswered is what a job's writes return once the watchdog has answered.
var errAnswered = errors.New("server: the request was already answered (timeout or client gone)")

// answer is where a job writes its output. It is an io.Writer for encoders: the
// bytes are gathered in a pooled buffer up to spillLimit and then streamed.
// Headers are set only when the first byte leaves, so an error before that still
// gets a clean JSON error answer; after it the connection is aborted instead.
type answer struct {
	s    *Server
	w    *statusWriter
	ctx  context.Context
	etag string

	// What the job declared in open: the headers of a successful answer.
	contentType   string
	width, height int
	// pixels overrides the metric's pixel count (0: the source's, noPixels: none).
	pixels int64

	buf       []byte // pooled; nil once given back
	streaming bool   // headers sent; bytes go straight to w
	werr      error  // the first error writing to the client

	owner        atomic.Int32
	watchdogDone chan struct{} // closed when the watchdog has finished
}

func (s *Server) newAnswer(ctx context.Context, w *statusWriter, etag string) *answer {
	return &answer{s: s, w: w, ctx: ctx, etag: etag, buf: s.outBufs.get(0), watchdogDone: make(chan struct{})}
}

// open declares the answer's content type and (for images) size; it must come
// before the first Write. It returns the answer itself, for encoders.
func (a *answer) open(contentType string, width, height int) io.Writer {
	a.contentType, a.width, a.height = contentType, width, height
	return a
}

// Write gathers p, or streams it once the answer has outgrown the buffer.
func (a *answer) Write(p []byte) (int, error) {
	if a.werr != nil {
		return 0, a.werr
	}
	if !a.streaming {
		if len(a.buf)+len(p) <= spillLimit {
			a.buf = append(a.buf, p...)
			return len(p), nil
		}
		if !a.claim() {
			a.werr = errAnswered
			return 0, a.werr
		}
		a.streaming = true
		a.header(-1)
		if len(a.buf) > 0 {
			if _, err := a.w.Write(a.buf); err != nil {
				a.werr = err
				return 0, err
			}
			a.buf = a.buf[:0]
		}
	}
	// Past the first byte, a request that has ended stops its encoder here.
	if a.ctx.Err() != nil {
		a.werr = context.Cause(a.ctx)
		return 0, a.werr
	}
	n, err := a.w.Write(p)
	if err != nil {
		a.werr = err
	}
	return n, err
}

// claim makes the job the one that answers, unless the watchdog already has.
func (a *answer) claim() bool {
	return a.owner.CompareAndSwap(ownerNone, ownerJob) || a.owner.Load() == ownerJob
}

// header sets the success headers and the status; size < 0 means unknown (chunked).
func (a *answer) header(size int) {
	h := a.w.Header()
	h.Set("Content-Type", a.contentType)
	if size >= 0 {
		h.Set("Content-Length", strconv.Itoa(size))
	}
	h.Set("ETag", a.etag)
	if a.width > 0 {
		h.Set("X-Image-Width", strconv.Itoa(a.width))
		h.Set("X-Image-Height", strconv.Itoa(a.height))
	}
	a.w.WriteHeader(http.StatusOK)
}

// finish sends a gathered answer whole; a streamed one is already on its way
// (net/http ends the chunked body when the handler returns). It reports false
// when the watchdog answered instead.
func (a *answer) finish() bool {
	if a.streaming {
		return true
	}
	if !a.claim() {
		return false
	}
	a.header(len(a.buf))
	_, _ = a.w.Write(a.buf)
	return true
}

// fail answers with e unless output has already left (then the caller aborts the
// connection) or the watchdog answered. It reports whether bytes had left.
func (a *answer) fail(e *apiError) (sent bool) {
	if a.streaming {
		return true
	}
	if a.claim() {
		a.s.writeError(a.w, e)
	}
	return false
}

// watchdog answers for a job whose request ended (deadline or client gone)
// before the job sent anything, so the client hears at once even while the job
// is inside a step that cannot be interrupted; the job stops at its next check.
func (a *answer) watchdog() {
	defer close(a.watchdogDone)
	if !a.owner.CompareAndSwap(ownerNone, ownerWatchdog) {
		return
	}
	cause := context.Cause(a.ctx)
	e := classify(cause)
	// A client that hung up hears nothing; only a deadline is a refusal for
	// capacity worth counting (and a Retry-After).
	if e.Code == codeTimeout && !errors.Is(cause, context.Canceled) {
		e.RetryAfter = a.s.lim.retryAfter()
		a.s.met.rejected.WithLabelValues(codeTimeout).Inc()
	}
	a.s.writeError(a.w, e)
	a.w.Flush()
}

// release gives the output buffer back to the pool.
func (a *answer) release() {
	if a.buf != nil {
		a.s.outBufs.put(a.buf)
		a.buf = nil
	}
}

// bufPool keeps a few byte slices for reuse: request bodies and gathered
// answers, which are otherwise the largest allocations of the service's own
// (a 3 MB upload is 3 MB of garbage per request). A bounded free list rather
// than a sync.Pool, which the collector empties every cycle — and large-image
// work makes cycles frequent. Slices above max are left to the collector so an
// odd huge request does not pin its memory.
type bufPool struct {
	free chan []byte
	max  int
}

func newBufPool(n, max int) *bufPool { return &bufPool{free: make(chan []byte, n), max: max} }

// get returns an empty slice with room for at least size bytes.
func (p *bufPool) get(size int) []byte {
	select {
	case b := <-p.free:
		if cap(b) >= size {
			return b[:0]
		}
		// Too small for this one: let it go and make one that fits, which is then
		// the one kept.
	default:
	}
	return make([]byte, 0, max(size, 32<<10))
}

func (p *bufPool) put(b []byte) {
	if cap(b) > p.max {
		return
	}
	select {
	case p.free <- b[:0]:
	default:
	}
}
