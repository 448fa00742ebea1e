package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/seed92233726/mediad/server"
)

func TestLoopbackURL(t *testing.T) {
	tests := []struct {
		base string
		ok   bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.5.6.7:1/", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"http://10.0.0.1:8080", false},
		{"http://example.com", false},
		{"http://0.0.0.0:8080", false},
		{"https://127.0.0.1:8080", false},
		{"127.0.0.1:8080", false},
	}
	for _, tc := range tests {
		t.Run(tc.base, func(t *testing.T) {
			u, err := loopbackURL(tc.base, "/healthz")
			if (err == nil) != tc.ok {
				t.Fatalf("loopbackURL(%q) = %q, %v", tc.base, u, err)
			}
			if tc.ok && !strings.HasSuffix(u, "/healthz") {
				t.Errorf("url %q", u)
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		p    int
		want float64
	}{{50, 50}, {90, 90}, {99, 99}, {100, 100}, {1, 1}}
	for _, tc := range tests {
		if got := percentileMs(d, tc.p); got != tc.want {
			t.Errorf("p%d = %v, want %v", tc.p, got, tc.want)
		}
	}
	if percentileMs(nil, 50) != 0 {
		t.Error("empty")
	}
}

func TestLoadTestCounts(t *testing.T) {
	srv := httptest.NewServer(server.New(server.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	jpg := testJPEG(t, t.TempDir(), 64, 48)
	body, err := os.ReadFile(jpg)
	if err != nil {
		t.Fatal(err)
	}
	rep := loadTest(context.Background(), loadSpec{method: "POST", url: srv.URL + "/v1/image/compress?compressedWidth=32",
		body: body, concurrency: 3, duration: 20 * time.Second, requests: 50})
	if rep.Requests != 50 || rep.Status["200"] != 50 || rep.Errors != 0 {
		t.Fatalf("report %+v", rep)
	}
	if !(rep.P50ms > 0 && rep.P50ms <= rep.P99ms && rep.P99ms <= rep.MaxMs && rep.ReqPerSec > 0) {
		t.Errorf("inconsistent figures %+v", rep)
	}
	if rep.ServerCPUms < 0 || rep.ClientCPUms < 0 || rep.BytesOut == 0 {
		t.Errorf("CPU per request: server %vms, client %vms; %d bytes", rep.ServerCPUms, rep.ClientCPUms, rep.BytesOut)
	}
	var out bytes.Buffer
	rep.print(&out)
	if !strings.Contains(out.String(), "req/s") || !strings.Contains(out.String(), "p99") {
		t.Errorf("report text %q", out.String())
	}
}

func TestLoadtestCommand(t *testing.T) {
	srv := httptest.NewServer(server.New(server.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"health json", []string{"loadtest", "-url", srv.URL, "-path", "/healthz", "-n", "20", "-c", "2", "-json"}, 0},
		{"remote refused", []string{"loadtest", "-url", "http://192.0.2.1:80", "-n", "1"}, 2},
		{"too long", []string{"loadtest", "-url", srv.URL, "-d", "1h"}, 2},
		{"too many clients", []string{"loadtest", "-url", srv.URL, "-c", "100000"}, 2},
		{"too many requests", []string{"loadtest", "-url", srv.URL, "-n", "99999999"}, 2},
		{"missing body file", []string{"loadtest", "-url", srv.URL, "-body", "/nonexistent", "-n", "1"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var so, se bytes.Buffer
			if code := dispatch(tc.args, &so, &se); code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, se.String())
			}
			if tc.code == 0 {
				var rep loadReport
				if err := json.Unmarshal(so.Bytes(), &rep); err != nil || rep.Status["200"] != 20 {
					t.Errorf("report %s (%v)", so.String(), err)
				}
			}
		})
	}
}

// TestScrapeCPU: the server's CPU time is read from its /metrics page. The
// server runs in this process, so burning CPU here must show there.
func TestScrapeCPU(t *testing.T) {
	srv := httptest.NewServer(server.New(server.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	client := srv.Client()
	before := scrapeCPU(client, srv.URL+"/v1/image/info?x=1")
	if before < 0 {
		t.Fatal("no process_cpu_seconds_total on /metrics")
	}
	start := processCPU()
	for x := 0; processCPU()-start < 0.1; x++ {
	}
	if after := scrapeCPU(client, srv.URL); after-before < 0.05 {
		t.Errorf("server CPU went from %v to %v after 0.1 s of work", before, after)
	}
	if scrapeCPU(client, "http://127.0.0.1:1/") != -1 {
		t.Error("no server: want -1")
	}
}
