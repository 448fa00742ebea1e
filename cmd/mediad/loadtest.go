package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func init() {
	register(command{
		name:    "loadtest",
		summary: "load a local mediad (loopback only, bounded) and report req/s and latency percentiles",
		run:     runLoadtest,
	})
}

// Bounds that keep a load test a test: it never runs long, never opens more
// connections than a laptop notices, and only ever talks to this machine.
const (
	maxLoadDuration    = 5 * time.Minute
	maxLoadRequests    = 1_000_000
	maxLoadConcurrency = 256
)

func runLoadtest(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("loadtest", "[-url http://127.0.0.1:8080] [-path /v1/image/compress?compressedWidth=320] [-body FILE] [-c 2] [-d 10s] [-n 0]", stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "service address (must be a loopback address)")
	path := fs.String("path", "/v1/image/info", "endpoint with its query string")
	bodyFile := fs.String("body", "", "file sent as the request body (an image, or JSON for /v1/canvas/render)")
	ctype := fs.String("content-type", "", "Content-Type of the body (default: application/json for .json files)")
	conc := fs.Int("c", runtime.NumCPU(), fmt.Sprintf("concurrent clients (1..%d; default: the CPUs, mediad's default number of workers)", maxLoadConcurrency))
	dur := fs.Duration("d", 10*time.Second, fmt.Sprintf("duration (at most %v)", maxLoadDuration))
	n := fs.Int("n", 0, fmt.Sprintf("stop after this many requests (0: only the duration; at most %d)", maxLoadRequests))
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if *conc < 1 || *conc > maxLoadConcurrency {
		return usageError{fmt.Sprintf("-c %d: must be 1..%d", *conc, maxLoadConcurrency)}
	}
	if *dur <= 0 || *dur > maxLoadDuration {
		return usageError{fmt.Sprintf("-d %v: must be in (0, %v]", *dur, maxLoadDuration)}
	}
	if *n < 0 || *n > maxLoadRequests {
		return usageError{fmt.Sprintf("-n %d: must be 0..%d", *n, maxLoadRequests)}
	}
	target, err := loopbackURL(*base, *path)
	if err != nil {
		return usageError{err.Error()}
	}
	var body []byte
	if *bodyFile != "" {
		if body, err = os.ReadFile(*bodyFile); err != nil {
			return err
		}
		if *ctype == "" && strings.HasSuffix(strings.ToLower(*bodyFile), ".json") {
			*ctype = "application/json"
		}
	}
	method := http.MethodPost
	if body == nil {
		method = http.MethodGet
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep := loadTest(ctx, loadSpec{method: method, url: target, body: body, contentType: *ctype,
		concurrency: *conc, duration: *dur, requests: *n})
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	rep.print(stdout)
	return nil
}

// loopbackURL joins base and path and refuses any host that is not a loopback
// address: the load generator is for measuring this machine, not others.
func loopbackURL(base, path string) (string, error) {
	u, err := url.Parse(strings.TrimRight(base, "/") + path)
	if err != nil {
		return "", fmt.Errorf("-url: %v", err)
	}
	if u.Scheme != "http" {
		return "", fmt.Errorf("-url %q: only http:// is supported", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u.String(), nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("-url %q: the host must be a loopback address (127.0.0.1, ::1 or localhost)", base)
	}
	return u.String(), nil
}

type loadSpec struct {
	method, url, contentType string
	body                     []byte
	concurrency              int
	duration                 time.Duration
	requests                 int // 0: no count limit
}

// loadReport is what a load test measured.
type loadReport struct {
	Requests   int            `json:"requests"`
	Errors     int            `json:"transportErrors"`
	Status     map[string]int `json:"status"`
	Seconds    float64        `json:"seconds"`
	ReqPerSec  float64        `json:"reqPerSec"`
	P50ms      float64        `json:"p50ms"`
	P90ms      float64        `json:"p90ms"`
	P99ms      float64        `json:"p99ms"`
	MaxMs      float64        `json:"maxMs"`
	BytesOut   int64          `json:"bytesReceived"`
	RetryAfter int            `json:"withRetryAfter"` // 429/503 answers that carried Retry-After
	// CPU time per answered request: the server's (from its /metrics
	// process_cpu_seconds_total; 0 when it has none) and this load generator's.
	ServerCPUms float64 `json:"serverCpuMsPerRequest,omitempty"`
	ClientCPUms float64 `json:"clientCpuMsPerRequest,omitempty"`
}

func (r loadReport) print(w io.Writer) {
	fmt.Fprintf(w, "requests  %d in %.2fs (%d transport errors)\n", r.Requests, r.Seconds, r.Errors)
	fmt.Fprintf(w, "rate      %.1f req/s\n", r.ReqPerSec)
	fmt.Fprintf(w, "latency   p50 %.2fms  p90 %.2fms  p99 %.2fms  max %.2fms\n", r.P50ms, r.P90ms, r.P99ms, r.MaxMs)
	codes := make([]string, 0, len(r.Status))
	for c := range r.Status {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		fmt.Fprintf(w, "status    %s: %d\n", c, r.Status[c])
	}
	if r.RetryAfter > 0 {
		fmt.Fprintf(w, "          %d overload answers carried Retry-After\n", r.RetryAfter)
	}
	fmt.Fprintf(w, "received  %d bytes\n", r.BytesOut)
	if r.ServerCPUms > 0 {
		fmt.Fprintf(w, "cpu       server %.3fms  client %.3fms per request\n", r.ServerCPUms, r.ClientCPUms)
	}
}

// loadTest runs spec.concurrency clients on kept-alive connections until the
// duration or the request count runs out (or ctx ends).
func loadTest(ctx context.Context, spec loadSpec) loadReport {
	ctx, cancel := context.WithTimeout(ctx, spec.duration)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: spec.concurrency, MaxConnsPerHost: spec.concurrency, DisableCompression: true,
		// Large buffers: a 4 KiB read buffer would take an image answer in dozens
		// of system calls, which on a loaded machine is client time counted as the
		// service's latency.
		ReadBufferSize: 64 << 10, WriteBufferSize: 64 << 10}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	serverCPU0 := scrapeCPU(client, spec.url)
	clientCPU0 := processCPU()

	var (
		mu        sync.Mutex
		lat       []time.Duration
		rep       = loadReport{Status: map[string]int{}}
		issued    int
		wg        sync.WaitGroup
		startTime = time.Now()
	)
	take := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if spec.requests > 0 && issued >= spec.requests {
			return false
		}
		issued++
		return true
	}
	for i := 0; i < spec.concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Answers are read into one buffer per client and dropped; io.Discard
			// would read them 8 KiB at a time.
			sink := make([]byte, 256<<10)
			for ctx.Err() == nil && take() {
				req, err := http.NewRequestWithContext(ctx, spec.method, spec.url, bytes.NewReader(spec.body))
				if err != nil {
					return
				}
				if spec.contentType != "" {
					req.Header.Set("Content-Type", spec.contentType)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				var n int64
				if err == nil {
					n, err = drain(resp.Body, sink)
					resp.Body.Close()
				}
				d := time.Since(t0)
				if ctx.Err() != nil {
					return // cut by the end of the test, not an answer
				}
				mu.Lock()
				rep.Requests++
				if err != nil {
					rep.Errors++
				} else {
					rep.Status[fmt.Sprint(resp.StatusCode)]++
					rep.BytesOut += n
					lat = append(lat, d)
					if (resp.StatusCode == 429 || resp.StatusCode == 503) && resp.Header.Get("Retry-After") != "" {
						rep.RetryAfter++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	rep.Seconds = time.Since(startTime).Seconds()
	if n := float64(len(lat)); n > 0 {
		if serverCPU0 >= 0 {
			if cpu := scrapeCPU(client, spec.url); cpu >= 0 {
				rep.ServerCPUms = (cpu - serverCPU0) * 1000 / n
			}
		}
		rep.ClientCPUms = (processCPU() - clientCPU0) * 1000 / n
	}
	if rep.Seconds > 0 {
		rep.ReqPerSec = float64(len(lat)) / rep.Seconds
	}
	slices.Sort(lat)
	rep.P50ms, rep.P90ms, rep.P99ms = percentileMs(lat, 50), percentileMs(lat, 90), percentileMs(lat, 99)
	if len(lat) > 0 {
		rep.MaxMs = float64(lat[len(lat)-1].Microseconds()) / 1000
	}
	return rep
}

// percentileMs is the nearest-rank percentile of sorted durations, in ms.
func percentileMs(sorted []time.Duration, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	i = min(max(i-1, 0), len(sorted)-1)
	return float64(sorted[i].Microseconds()) / 1000
}

// drain reads r to its end into buf, over and over, and counts the bytes.
func drain(r io.Reader, buf []byte) (int64, error) {
	var total int64
	for {
		n, err := r.Read(buf)
		total += int64(n)
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// scrapeCPU reads process_cpu_seconds_total from the /metrics page of the server
// target is on (-1 when there is none), so the report can give the server's CPU
// time per request: on a machine shared with other work, wall-clock rates move
// with the load but CPU per request mostly does not.
func scrapeCPU(client *http.Client, target string) float64 {
	u, err := url.Parse(target)
	if err != nil {
		return -1
	}
	u.Path, u.RawQuery = "/metrics", ""
	resp, err := client.Get(u.String())
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return -1
	}
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, "process_cpu_seconds_total "); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				return f
			}
		}
	}
	return -1
}

// processCPU is this process's user+system CPU time in seconds.
func processCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
