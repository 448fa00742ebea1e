package server

import (
	"bytes"
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

	draining atomic.Bool
	seq      atomic.Uint64
	idPrefix string
}

// jobFunc does one operation's work on a worker. body is the request body (for
// image operations, already sniffed); it returns the answer.
type jobFunc func(ctx context.Context, a Args, body []byte) (*result, error)

type route struct {
	op  *Operation
	job jobFunc
	// prepare runs before a worker is taken: it parses and checks what can be checked
	// cheaply (parameters, image headers), so bad requests never occupy a worker.
	prepare func(r *http.Request, body []byte) (Args, []byte, int64, error)
	serve   http.HandlerFunc // non-job routes
}

// result is a successful answer.
type result struct {
	contentType string
	data        []byte
	width       int
	height      int
	pixels      int64 // processed pixels for the metrics; 0: the source's, noPixels: none
}

const noPixels = -1

// New returns a Server with cfg's limits (zero fields take DefaultConfig's) logging
// to logger (nil: slog.Default()).
func New(cfg Config, logger *slog.Logger) *Server {
	cfg = cfg.normalized()
	if logger == nil {
		logger = slog.Default()
	}
	s := &Server{cfg: cfg, log: logger, lim: newLimiter(cfg.Jobs, cfg.Queue)}
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
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
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

// serveJob admits, reads, checks, queues and runs one operation.
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
	// The ticket is handed to the job goroutine once it starts, so that a job still
	// running after a timeout answer keeps counting against the limits.
	ticketHeld := true
	defer func() {
		if ticketHeld {
			s.lim.leave()
		}
	}()

	// The body is read under the request's deadline too, so a client that sends
	// slowly (or stops) cannot hold a ticket for longer than one request may take.
	if dl, ok := ctx.Deadline(); ok {
		_ = http.NewResponseController(w).SetReadDeadline(dl)
	}
	body, err := s.readBody(w, r)
	if err != nil {
		s.writeError(w, classify(err))
		return
	}
	a, body, pixels, err := rt.prepare(r, body)
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
	done := make(chan jobAnswer, 1)
	ticketHeld = false
	go func() {
		start := time.Now()
		ans := s.runJob(ctx, rt, a, body)
		// Free the worker and the ticket before answering, so a client that sends its
		// next request as soon as it has this answer finds them free.
		s.lim.release(time.Since(start))
		s.lim.leave()
		done <- ans
	}()
	var ans jobAnswer
	select {
	case ans = <-done:
	case <-ctx.Done():
		e := classify(context.Cause(ctx))
		if e.Code == codeTimeout {
			e.RetryAfter = s.lim.retryAfter()
			s.met.rejected.WithLabelValues(codeTimeout).Inc()
		}
		s.writeError(w, e)
		return
	}
	if ans.panic != nil {
		s.log.Error("panic", "id", w.Header().Get("X-Request-Id"), "route", rt.op.ID, "panic", fmt.Sprint(ans.panic), "stack", ans.stack)
		s.writeError(w, &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error"})
		return
	}
	if ans.err != nil {
		e := classify(ans.err)
		if e.Status >= 500 {
			s.log.Error("operation failed", "id", w.Header().Get("X-Request-Id"), "route", rt.op.ID, "err", ans.err)
		}
		s.writeError(w, e)
		return
	}
	res := ans.res
	switch res.pixels {
	case 0:
		res.pixels = pixels
	case noPixels:
		res.pixels = 0
	}
	s.met.pixels.WithLabelValues(rt.op.ID).Add(float64(res.pixels))
	h := w.Header()
	h.Set("Content-Type", res.contentType)
	h.Set("Content-Length", strconv.Itoa(len(res.data)))
	h.Set("ETag", etag)
	if res.width > 0 {
		h.Set("X-Image-Width", strconv.Itoa(res.width))
		h.Set("X-Image-Height", strconv.Itoa(res.height))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(res.data)
}

type jobAnswer struct {
	res   *result
	err   error
	panic any
	stack string
}

// runJob runs the operation, turning a panic into an answer (a panic on this
// goroutine would otherwise end the process).
func (s *Server) runJob(ctx context.Context, rt *route, a Args, body []byte) (ans jobAnswer) {
	defer func() {
		if v := recover(); v != nil {
			ans = jobAnswer{panic: v, stack: string(debug.Stack())}
		}
	}()
	res, err := rt.job(ctx, a, body)
	return jobAnswer{res: res, err: err}
}

// readBody reads the whole body, refusing more than MaxBody bytes: at once when
// Content-Length says so, otherwise as soon as the limit is passed.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.cfg.MaxBody {
		return nil, &http.MaxBytesError{Limit: s.cfg.MaxBody}
	}
	rd := http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(rd); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, newAPIError(http.StatusRequestTimeout, codeBodyTimeout, "the body did not arrive within the request's time limit")
		}
		return nil, newAPIError(http.StatusBadRequest, "read_error", "reading the body: %v", err)
	}
	return buf.Bytes(), nil
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
