package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/seed92233726/mediad/server"
)

func TestServeHelpListsEverySetting(t *testing.T) {
	var so, se bytes.Buffer
	if code := dispatch([]string{"serve", "-h"}, &so, &se); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range server.Settings() {
		if !strings.Contains(se.String(), "-"+s.Flag) || !strings.Contains(se.String(), "$"+s.Env) {
			t.Errorf("serve -h lacks -%s / $%s", s.Flag, s.Env)
		}
	}
	for _, f := range []string{"-addr", "-shutdown-timeout", "-log-format", "-gc-percent", "-memory-limit", "$MEDIAD_GC_PERCENT", "$MEDIAD_MEMORY_LIMIT"} {
		if !strings.Contains(se.String(), f) {
			t.Errorf("serve -h lacks %s", f)
		}
	}
}

func TestServeBadConfig(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"bad flag", []string{"serve", "-max-body", "huge"}, nil},
		{"bad environment", []string{"serve"}, map[string]string{"MEDIAD_TIMEOUT": "soon"}},
		{"bad log format", []string{"serve", "-log-format", "xml"}, nil},
		{"bad memory limit", []string{"serve", "-memory-limit", "lots"}, nil},
		{"bad memory limit in the environment", []string{"serve"}, map[string]string{"MEDIAD_MEMORY_LIMIT": "-3G"}},
		{"argument", []string{"serve", "extra"}, nil},
		{"assets not a directory", []string{"serve", "-assets", "/nonexistent/assets"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			var so, se bytes.Buffer
			if code := dispatch(tc.args, &so, &se); code != 2 {
				t.Fatalf("exit %d, want 2; %s", code, se.String())
			}
		})
	}
}

func TestParseMemoryLimit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"4G", 4 << 30, true}, {"512m", 512 << 20, true}, {"100K", 100 << 10, true}, {"123456", 123456, true},
		{"none", 0, true}, {"0", 0, true}, {"-1G", 0, false}, {"G", 0, false}, {"4T", 0, false}, {"9999999999G", 0, false},
	} {
		got, err := parseMemoryLimit(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%q: %d, %v; want %d (ok %v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
	if auto, err := parseMemoryLimit("auto"); err != nil || (memTotal() > 0 && auto != memTotal()/2) {
		t.Errorf("auto: %d, %v (memory %d)", auto, err, memTotal())
	}
}

// TestTuneGC: the flags set the collector unless GOGC / GOMEMLIMIT already did.
func TestTuneGC(t *testing.T) {
	prevPercent := debug.SetGCPercent(100)
	prevLimit := debug.SetMemoryLimit(-1)
	defer func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	tuneGC(250, 3<<30, getenv)
	if p := debug.SetGCPercent(100); p != 250 {
		t.Errorf("gc percent %d, want 250", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 3<<30 {
		t.Errorf("memory limit %d, want 3 GiB", l)
	}
	env["GOGC"], env["GOMEMLIMIT"] = "150", "1GiB"
	if desc := tuneGC(250, 3<<30, getenv); !strings.Contains(desc, "GOGC=150") {
		t.Errorf("description %q", desc)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with $GOGC set, gc percent became %d", p)
	}
}

// builtBinaryDir holds the binary mediadBinary built; TestMain removes it.
var builtBinaryDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBinaryDir != "" {
		os.RemoveAll(builtBinaryDir)
	}
	os.Exit(code)
}

// mediadBinary builds the real binary once per test run.
var mediadBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mediad-e2e")
	if err != nil {
		return "", err
	}
	builtBinaryDir = dir
	bin := filepath.Join(dir, "mediad")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// service is a running `mediad serve` on a loopback port.
type service struct {
	cmd  *exec.Cmd
	base string
	logs *lockedBuffer
	done chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var listenLine = regexp.MustCompile(`msg=listening addr=(\S+)`)

func startService(t *testing.T, env []string, args ...string) *service {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin, err := mediadBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &service{cmd: cmd, logs: &lockedBuffer{}, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait(); pw.Close() }()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(s.logs, line)
			if m := listenLine.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the service did not start; log:\n%s", s.logs.String())
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
		if t.Failed() {
			t.Logf("service log:\n%s", s.logs.String())
		}
	})
	return s
}

type answer struct {
	status int
	header http.Header
	body   []byte
	err    error
}

func (s *service) post(path, ctype string, body []byte) answer {
	req, _ := http.NewRequest("POST", s.base+path, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return send(req)
}

func (s *service) get(path string) answer {
	req, _ := http.NewRequest("GET", s.base+path, nil)
	return send(req)
}

func send(req *http.Request) answer {
	c := &http.Client{Timeout: 60 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: b, err: err}
}

func renderJSON(script string) []byte {
	b, _ := json.Marshal(map[string]string{"script": script})
	return b
}

func slowScript(ms int) []byte {
	return renderJSON(fmt.Sprintf(`const c = new OffscreenCanvas(64, 64); const t = Date.now() + %d;
while (Date.now() < t) {} c.getContext('2d').fillRect(0, 0, 32, 32);`, ms))
}

// TestServiceEndToEnd builds the binary, starts it on a loopback port and calls
// every endpoint.
func TestServiceEndToEnd(t *testing.T) {
	dir := t.TempDir()
	jpg, err := os.ReadFile(testJPEG(t, dir, 320, 240))
	if err != nil {
		t.Fatal(err)
	}
	s := startService(t, []string{"MEDIAD_MAX_BODY=4M"}, "-jobs", "2")
	ops := url.QueryEscape(`[{"op":"rotate","degrees":90}]`)
	tests := []struct {
		name, method, path, ctype string
		body                      []byte
		status                    int
		ctypeWant                 string
		w, h                      int
	}{
		{"compress", "POST", "/v1/image/compress?compressedWidth=160", "", jpg, 200, "image/jpeg", 160, 120},
		{"crop", "POST", "/v1/image/crop?cropScale=1:1&format=png", "", jpg, 200, "image/png", 240, 240},
		{"info", "POST", "/v1/image/info", "", jpg, 200, "application/json", 0, 0},
		{"edit", "POST", "/v1/image/edit?ops=" + ops, "", jpg, 200, "image/jpeg", 240, 320},
		{"render", "POST", "/v1/canvas/render", "application/json", renderJSON(`new OffscreenCanvas(50, 20).getContext('2d').fillRect(0, 0, 9, 9)`), 200, "image/png", 50, 20},
		{"render actions", "POST", "/v1/canvas/render", "application/json", []byte(`{"width":40,"height":30,"actions":[{"method":"fillRect","data":[0,0,9,9]}]}`), 200, "image/png", 40, 30},
		{"body over MEDIAD_MAX_BODY", "POST", "/v1/image/compress", "", make([]byte, 4<<20+1), 413, "application/json", 0, 0},
		{"bad parameter", "POST", "/v1/image/compress?quality=0", "", jpg, 400, "application/json", 0, 0},
		{"healthz", "GET", "/healthz", "", nil, 200, "text/plain; charset=utf-8", 0, 0},
		{"readyz", "GET", "/readyz", "", nil, 200, "text/plain; charset=utf-8", 0, 0},
		{"openapi", "GET", "/openapi.json", "", nil, 200, "application/json", 0, 0},
		{"metrics", "GET", "/metrics", "", nil, 200, "", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a answer
			if tc.method == "GET" {
				a = s.get(tc.path)
			} else {
				a = s.post(tc.path, tc.ctype, tc.body)
			}
			if a.err != nil || a.status != tc.status {
				t.Fatalf("status %d (%v): %.200s", a.status, a.err, a.body)
			}
			if tc.ctypeWant != "" && a.header.Get("Content-Type") != tc.ctypeWant {
				t.Errorf("Content-Type %q", a.header.Get("Content-Type"))
			}
			if tc.w > 0 {
				cfg, _, err := image.DecodeConfig(bytes.NewReader(a.body))
				if err != nil || cfg.Width != tc.w || cfg.Height != tc.h {
					t.Errorf("image %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, tc.w, tc.h)
				}
			}
		})
	}
	// The log has one line per request, with an id; it is written once the answer
	// is out, so give the last one a moment to arrive through the pipe.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		n := strings.Count(s.logs.String(), "msg=request id=")
		if n >= len(tests) {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("%d request log lines for %d requests", n, len(tests))
			break
		}
	}
	if m := s.get("/metrics"); !bytes.Contains(m.body, []byte(`mediad_http_requests_total{code="413",route="compress"} 1`)) {
		t.Error("metrics do not count the 413")
	}
}

// TestServiceOverload fills one worker and a queue of one with slow renders: the
// rest are refused 429, a queued request that waits too long 503, both with
// Retry-After; the admitted requests succeed.
func TestServiceOverload(t *testing.T) {
	s := startService(t, []string{"MEDIAD_QUEUE=1"}, "-jobs", "1", "-queue-timeout", "300ms")
	const n = 6
	answers := make([]answer, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = s.post("/v1/canvas/render", "application/json", slowScript(1200))
		}()
	}
	wg.Wait()
	count := map[int]int{}
	for _, a := range answers {
		if a.err != nil {
			t.Fatalf("transport error: %v", a.err)
		}
		count[a.status]++
		if a.status == 429 || a.status == 503 {
			if a.header.Get("Retry-After") == "" {
				t.Errorf("%d without Retry-After", a.status)
			}
		} else if a.status != 200 {
			t.Errorf("status %d: %s", a.status, a.body)
		}
	}
	t.Logf("answers by status: %v", count)
	if count[200] < 1 || count[429] < 1 || count[503] < 1 {
		t.Errorf("want at least one 200, 429 and 503; got %v", count)
	}
}

// TestServiceGracefulShutdown sends SIGTERM while requests are running: each is
// answered in full, then the process exits 0 and the port is closed.
func TestServiceGracefulShutdown(t *testing.T) {
	s := startService(t, nil, "-jobs", "2", "-queue", "4")
	const n = 4
	answers := make([]answer, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = s.post("/v1/canvas/render", "application/json", slowScript(700))
		}()
	}
	// Wait until the requests are in the server (two running, two queued).
	deadline := time.Now().Add(20 * time.Second)
	for {
		m := s.get("/metrics")
		if bytes.Contains(m.body, []byte("mediad_jobs_in_flight 2")) && bytes.Contains(m.body, []byte("mediad_queue_depth 2")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("requests never got in flight:\n%s", m.body)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, a := range answers {
		if a.err != nil || a.status != 200 {
			t.Fatalf("request %d cut by the shutdown: %d %v %s", i, a.status, a.err, a.body)
		}
		if _, _, err := image.Decode(bytes.NewReader(a.body)); err != nil {
			t.Fatalf("request %d: incomplete image: %v", i, err)
		}
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the service did not exit after SIGTERM")
	}
	if a := s.get("/healthz"); a.err == nil {
		t.Fatalf("still answering after exit: %d", a.status)
	}
	if !strings.Contains(s.logs.String(), "msg=stopped") {
		t.Error("no stopped line in the log")
	}
}
