package server

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/seed92233726/mediad/canvas/legacy"
)

// Server is the HTTP API. It is safe for concurrent use; mount it anywhere with
// http.Handle (it routes on the full path).
type Server struct {
	cfg     Config
	log     *slog.Logger
	lim     *limiter
	met     *serverMetrics
	routes  map[string]*route
	openapi []byte
	metricH http.Handler
	images  *legacy.DirLoader // Config.Assets, for action lists; nil without
	bodies  *bufPool          // request bodies
	outBufs *bufPool          // gathered answers

	draining atomic.Bool
	seq      atomic.Uint64
	idPrefix string
}

// jobFunc does one operation's work on a worker. body is the request body (for
// image operations, already sniffed); the job writes its output to out, after
// declaring its type with out.open. It stops when ctx ends.
type jobFunc func(ctx context.Context, a Args, body []byte, out *answer) error

type route struct {
	op  *Operation
	job jobFunc
	// prepare runs before a worker is taken: it parses and checks what can be checked
	// cheaply (parameters, image headers), so bad requests never occupy a worker.
	prepare func(r *http.Request, body []byte) (Args, []byte, int64, error)
	serve   http.HandlerFunc // non-job routes
}

// noPixels as answer.pixels: the operation decoded no pixels (info).
const noPixels = -1

// New returns a Server with cfg's limits (zero fields take DefaultConfig's) logging
// to logger (nil: slog.Default()).
func New(cfg Config, logger *slog.Logger) *Server {
	cfg = cfg.normalized()
	if logger == nil {
		logger = slog.Default()
	}
	s := &Server{cfg: cfg, log: logger, lim: newLimiter(cfg.Jobs, cfg.Queue)}
	// Bodies up to 8 MiB (a large phone photo) and every gathered answer are
	// reused; a couple more than the workers, since a body is read before its
	// request waits for a worker.
	s.bodies = newBufPool(cfg.Jobs+2, 8<<20)
	s.outBufs = newBufPool(cfg.Jobs+2, spillLimit)
	s.met = newMetrics(s.lim)
	s.metricH = promhttp.HandlerFor(s.met.reg, promhttp.HandlerOpts{})
	if cfg.Assets != "" {
		l, err := legacy.NewDirLoader(cfg.Assets)
		if err != nil {
			// Renders then fail with "no image loader"; a caller that wants to
			// refuse to start checks the directory first (mediad serve does).
			logger.Error("assets directory", "dir", cfg.Assets, "err", err)
		} else {
			l.MaxPixels = cfg.MaxPixels
			s.images = l
		}
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	s.idPrefix = hex.EncodeToString(b[:])
	doc, err := json.MarshalIndent(OpenAPI(), "", "  ")
	if err != nil {
		panic(err) // the document is built from constants; a test covers it
	}
	s.openapi = doc
	s.routes = map[string]*route{}
	for _, op := range ops {
		s.routes[op.Path] = s.bind(op)
	}
	return s
}

// Close releases the assets directory. The handler must not be used after.
func (s *Server) Close() error {
	if s.images != nil {
		return s.images.Close()
	}
	return nil
}

// Config returns the effective limits.
func (s *Server) Config() Config { return s.cfg }

// Registry is the Prometheus registry the /metrics endpoint serves; embedders may
// register more collectors on it.
func (s *Server) Registry() *prometheus.Registry { return s.met.reg }

// SetDraining marks the server as shutting down: /readyz answers 503 so load
// balancers stop sending, while requests in progress finish normally.
func (s *Server) SetDraining(v bool) { s.draining.Store(v) }

// statusWriter records what was answered, for the log line and the metrics.
type statusWriter struct {
	http.ResponseWriter
	status  int
	written int64
	code    string // error code, when the answer is an error
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.written += int64(n)
	return n, err
}

// Flush lets promhttp and streaming writers flush through the recorder.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := s.requestID(r)
	rw.Header().Set("X-Request-Id", id)
	w := &statusWriter{ResponseWriter: rw}
	label := "unknown"
	var bodyIn countingBody
	if r.Body != nil {
		bodyIn.r = r.Body
		r.Body = &bodyIn
	}
	defer func() {
		v := recover()
		if v == http.ErrAbortHandler {
			// An answer that failed after its first byte: the connection is cut
			// (below) so the client cannot take a truncated image for a whole one.
			if w.code == "" {
				w.code = "aborted"
			}
			defer panic(v)
		} else if v != nil {
			s.log.Error("panic", "id", id, "route", label, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if w.status == 0 {
				s.writeError(w, &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error"})
			}
		}
		if w.status == 0 {
			w.status = http.StatusOK
		}
		d := time.Since(start)
		s.met.requests.WithLabelValues(label, strconv.Itoa(w.status)).Inc()
		s.met.latency.WithLabelValues(label).Observe(d.Seconds())
		s.met.bytesIn.WithLabelValues(label).Add(float64(bodyIn.n))
		s.met.bytesOut.WithLabelValues(label).Add(float64(w.written))
		attrs := []any{"id", id, "method", r.Method, "path", r.URL.Path, "route", label,
			"status", w.status, "ms", float64(d.Microseconds()) / 1000, "in", bodyIn.n, "out", w.written,
			"remote", r.RemoteAddr}
		if w.code != "" {
			attrs = append(attrs, "error", w.code)
		}
		level := slog.LevelInfo
		if w.status >= 500 {
			level = slog.LevelWarn
		}
		s.log.Log(r.Context(), level, "request", attrs...)
	}()

	rt, ok := s.routes[r.URL.Path]
	if !ok {
		s.writeError(w, newAPIError(http.StatusNotFound, codeNotFound, "no endpoint %s (see /openapi.json)", clip(r.URL.Path)))
		return
	}
	label = rt.op.ID
	if r.Method != rt.op.Method && !(rt.op.Method == http.MethodGet && r.Method == http.MethodHead) {
		w.Header().Set("Allow", rt.op.Method)
		s.writeError(w, newAPIError(http.StatusMethodNotAllowed, codeMethod, "%s takes %s, not %s", rt.op.Path, rt.op.Method, clip(r.Method)))
		return
	}
	if rt.serve != nil {
		rt.serve(w, r)
		return
	}
	s.serveJob(w, r, rt)
}

// countingBody counts the request bytes read.
type countingBody struct {
	r io.ReadCloser
	n int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingBody) Close() error { return c.r.Close() }

// requestID keeps a caller's X-Request-Id when it is short and printable, so ids
// can be followed across services; otherwise it makes one.
func (s *Server) requestID(r *http.Request) string {
	if v := r.Header.Get("X-Request-Id"); v != "" && len(v) <= 64 {
		ok := true
		for i := 0; i < len(v); i++ {
			c := v[i]
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.') {
				ok = false
				break
			}
		}
		if ok {
			return v
		}
	}
	return s.idPrefix + "-" + strconv.FormatUint(s.seq.Add(1), 10)
}

func (s *Server) writeError(w *statusWriter, e *apiError) {
	w.code = e.Code
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Del("ETag")
	if e.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	body, _ := json.Marshal(map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message}})
	body = append(body, '\n')
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.Status)
	_, _ = w.Write(body)
}

// serveJob admits, reads, checks, queues and runs one operation. The job runs on
// the handler's own goroutine: handing it to another costs a goroutine wake-up
// on the way there and another on the way back, which on a loaded machine was
// most of the service's overhead. A watchdog answers in its place when the
// request ends first, and the job itself stops at its next context check.
func (s *Server) serveJob(w *statusWriter, r *http.Request, rt *route) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	if s.draining.Load() {
		// Only requests already on a kept-alive connection get here; tell them to
		// go elsewhere rather than start work the shutdown would have to wait for.
		w.Header().Set("Connection", "close")
	}
	if !s.lim.admit() {
		s.met.rejected.WithLabelValues(codeOverloaded).Inc()
		s.writeError(w, &apiError{Status: http.StatusTooManyRequests, Code: codeOverloaded,
			Message: "too many requests in progress; retry later", RetryAfter: s.lim.retryAfter()})
		return
	}
	ticketHeld, workerHeld := true, false
	var jobStart time.Time
	// free gives back the worker and the ticket, once; it runs before a
	// successful answer is sent, so that a client that sends its next request as
	// soon as it has this answer finds them free.
	free := func() {
		if workerHeld {
			s.lim.release(time.Since(jobStart))
			workerHeld = false
		}
		if ticketHeld {
			s.lim.leave()
			ticketHeld = false
		}
	}
	defer free()

	// The body is read under the request's deadline too, so a client that sends
	// slowly (or stops) cannot hold a ticket for longer than one request may take.
	if dl, ok := ctx.Deadline(); ok {
		_ = http.NewResponseController(w).SetReadDeadline(dl)
	}
	raw, err := s.readBody(w, r)
	if raw != nil {
		// Nothing refers to the body once the handler returns: the job ran on this
		// goroutine and its output has been written out or copied.
		defer func() { s.bodies.put(raw) }()
	}
	if err != nil {
		s.writeError(w, classify(err))
		return
	}
	a, body, pixels, err := rt.prepare(r, raw)
	if err != nil {
		s.writeError(w, classify(err))
		return
	}
	etag := makeETag(rt.op, a, body)
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		s.met.notModify.WithLabelValues(rt.op.ID).Inc()
		w.Header().Set("ETag", etag)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	wait := s.cfg.QueueTimeout
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		wait = time.Until(dl)
	}
	if err := s.lim.acquire(ctx, wait); err != nil {
		e := classify(err)
		e.RetryAfter = s.lim.retryAfter()
		s.met.rejected.WithLabelValues(e.Code).Inc()
		s.writeError(w, e)
		return
	}
	workerHeld, jobStart = true, time.Now()

	out := s.newAnswer(ctx, w, etag)
	defer out.release()
	stop := context.AfterFunc(ctx, out.watchdog)
	err = s.runJob(ctx, rt, a, body, out)
	if !stop() {
		// The watchdog has started: let it finish with the ResponseWriter first.
		<-out.watchdogDone
	}
	free()
	if err != nil {
		e := classify(err)
		var pe *panicError
		if errors.As(err, &pe) {
			s.log.Error("panic", "id", w.Header().Get("X-Request-Id"), "route", rt.op.ID, "panic", fmt.Sprint(pe.v), "stack", pe.stack)
			e = &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error"}
		} else if e.Status >= 500 && e.Code == codeInternal {
			s.log.Error("operation failed", "id", w.Header().Get("X-Request-Id"), "route", rt.op.ID, "err", err)
		}
		if out.fail(e) {
			// Part of the image has gone out; all the client can be told now is
			// that the answer is not whole.
			w.code = e.Code
			panic(http.ErrAbortHandler)
		}
		return
	}
	if out.finish() {
		switch out.pixels {
		case 0:
			out.pixels = pixels
		case noPixels:
			out.pixels = 0
		}
		s.met.pixels.WithLabelValues(rt.op.ID).Add(float64(out.pixels))
	}
}

// panicError is a job's panic, turned into an error with its stack.
type panicError struct {
	v     any
	stack string
}

func (p *panicError) Error() string { return fmt.Sprint("panic: ", p.v) }

// runJob runs the operation, turning a panic into an error (with the stack of
// where it happened) so the request still gets an answer and the slots are freed.
func (s *Server) runJob(ctx context.Context, rt *route, a Args, body []byte, out *answer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{v: v, stack: string(debug.Stack())}
		}
	}()
	return rt.job(ctx, a, body, out)
}

// readBody reads the whole body into a pooled buffer (sized from Content-Length
// when there is one), refusing more than MaxBody bytes: at once when
// Content-Length says so, otherwise as soon as the limit is passed. The buffer is
// returned even with an error, for the pool.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.cfg.MaxBody {
		return nil, &http.MaxBytesError{Limit: s.cfg.MaxBody}
	}
	rd := http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	// One byte more than announced, so the end is seen without growing.
	buf := s.bodies.get(int(max(r.ContentLength, 0)) + 1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grows by the usual factor
		}
		n, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err == nil {
			continue
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return buf, err
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return buf, newAPIError(http.StatusRequestTimeout, codeBodyTimeout, "the body did not arrive within the request's time limit")
		}
		return buf, newAPIError(http.StatusBadRequest, "read_error", "reading the body: %v", err)
	}
}

// etagVersion changes whenever the same request could produce different bytes
// (an encoder change), so caches do not keep answers of an older build.
const etagVersion = "mediad-1"

// makeETag hashes everything the answer depends on. xxHash, not a cryptographic
// hash: an ETag only has to tell a client's own earlier answers apart, and at
// 10+ GB/s it costs a few microseconds where SHA-256 cost 3% of a compress request.
// The body length goes in too, so a collision would need equal lengths as well.
func makeETag(op *Operation, a Args, body []byte) string {
	var h xxhash.Digest
	h.Reset()
	h.WriteString(etagVersion)
	h.WriteString("\x00" + op.ID + "\x00")
	h.WriteString(a.canonical())
	h.WriteString("\x00")
	h.Write(body)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.Sum64())
	return `"` + hex.EncodeToString(b[:]) + strconv.FormatInt(int64(len(body)), 36) + `"`
}

// etagMatch implements If-None-Match's weak comparison.
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
