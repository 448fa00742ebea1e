package server

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// occupy starts n slow renders on s and returns once they hold their workers (or
// wait for one); wait blocks until they have all been answered.
func occupy(t *testing.T, s *Server, n, ms int) (wait func() []*httptest.ResponseRecorder) {
	t.Helper()
	var wg sync.WaitGroup
	recs := make([]*httptest.ResponseRecorder, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			recs[i] = do(s, "POST", "/v1/canvas/render", "", renderBody(busyScript(ms)))
		}()
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(s.lim.tickets) < n {
		if time.Now().After(deadline) {
			t.Fatal("the slow requests were never admitted")
		}
		time.Sleep(time.Millisecond)
	}
	return func() []*httptest.ResponseRecorder { wg.Wait(); return recs }
}

func checkRetry(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body.String())
	}
	if got, _ := errorOf(t, rec); got != code {
		t.Errorf("code %q, want %q", got, code)
	}
	ra, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	if err != nil || ra < 1 || ra > 60 {
		t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
	}
}

func TestOverloadIs429(t *testing.T) {
	s := testServer(t, Config{Jobs: 1, Queue: 1, QueueTimeout: 5 * time.Second})
	wait := occupy(t, s, 2, 400) // one running, one queued: every ticket taken
	rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 8, 8))
	checkRetry(t, rec, 429, codeOverloaded)
	for i, r := range wait() {
		if r.Code != 200 {
			t.Errorf("slow request %d: %d %s", i, r.Code, r.Body.String())
		}
	}
	if rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 8, 8)); rec.Code != 200 {
		t.Fatalf("after the load: %d", rec.Code)
	}
}

func TestQueueTimeoutIs503(t *testing.T) {
	s := testServer(t, Config{Jobs: 1, Queue: 4, QueueTimeout: 50 * time.Millisecond})
	wait := occupy(t, s, 1, 600)
	start := time.Now()
	rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 8, 8))
	checkRetry(t, rec, 503, codeQueueTimeout)
	if d := time.Since(start); d > 400*time.Millisecond {
		t.Errorf("the refusal took %v; the queue timeout is 50ms", d)
	}
	wait()
}

func TestRequestTimeoutIs503(t *testing.T) {
	s := testServer(t, Config{Timeout: 150 * time.Millisecond, ScriptTimeout: 10 * time.Second})
	start := time.Now()
	rec := do(s, "POST", "/v1/canvas/render", "", renderBody(`new OffscreenCanvas(1, 1); for (;;) {}`))
	checkRetry(t, rec, 503, codeTimeout)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("answered after %v", d)
	}
	// The interrupted script gives its worker back.
	deadline := time.Now().Add(5 * time.Second)
	for s.lim.inFlight() > 0 || len(s.lim.tickets) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("worker still held after the script was stopped")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestScriptLimits(t *testing.T) {
	tests := []struct {
		name   string
		cfg    Config
		script string
	}{
		{"time", Config{ScriptTimeout: 100 * time.Millisecond}, `new OffscreenCanvas(1, 1); for (;;) {}`},
		{"timers past the time limit", Config{ScriptTimeout: 100 * time.Millisecond}, `new OffscreenCanvas(1, 1); setInterval(() => {}, 1)`},
		// A budget of one byte is passed at once: the guard must stop the script.
		{"memory", Config{ScriptMemory: 1, ScriptTimeout: 10 * time.Second}, `new OffscreenCanvas(1, 1); const a = []; for (;;) { a.push({}) ; if (a.length > 1e5) a.length = 0 }`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := testServer(t, tc.cfg)
			start := time.Now()
			rec := do(s, "POST", "/v1/canvas/render", "", renderBody(tc.script))
			if rec.Code != 422 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if code, msg := errorOf(t, rec); code != codeScriptLimit {
				t.Errorf("code %q (%s)", code, msg)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("stopped after %v", d)
			}
		})
	}
}

func TestLimiterRetryAfter(t *testing.T) {
	l := newLimiter(2, 10)
	if got := l.retryAfter(); got != 1 {
		t.Errorf("idle: %d", got)
	}
	l.avgJob.Store(int64(3 * time.Second))
	l.waiting.Store(3)
	// (3 waiting + this one) × 3 s / 2 workers = 6 s
	if got := l.retryAfter(); got != 6 {
		t.Errorf("busy: %d, want 6", got)
	}
	l.waiting.Store(1000)
	if got := l.retryAfter(); got != 60 {
		t.Errorf("capped: %d, want 60", got)
	}
}

// TestSlowBodyIs408: a client that promises a body and stops sending is cut off
// at the request's time limit, and its ticket is given back.
func TestSlowBodyIs408(t *testing.T) {
	s := testServer(t, Config{Timeout: 300 * time.Millisecond, Jobs: 1, Queue: -1})
	srv := httptest.NewServer(s)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/image/info HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nGIF89a")
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cut off after %v", d)
	}
	// The only ticket is free again: the next request is served, not refused.
	if rec := do(s, "POST", "/v1/image/info", "", jpegBytes(t, 4, 4)); rec.Code != 200 {
		t.Fatalf("next request: %d", rec.Code)
	}
}

// TestKeepAliveAfterDeadline: the body read deadline of one request does not
// outlive it on a kept-alive connection.
func TestKeepAliveAfterDeadline(t *testing.T) {
	s := testServer(t, Config{Timeout: 200 * time.Millisecond})
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := srv.Client()
	jpg := jpegBytes(t, 8, 8)
	for i := 0; i < 2; i++ {
		resp, err := client.Post(srv.URL+"/v1/image/info", "", bytes.NewReader(jpg))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("request %d: %d", i, resp.StatusCode)
		}
		time.Sleep(400 * time.Millisecond) // past the first request's deadline
	}
}
