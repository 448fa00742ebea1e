package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The HTTP service under load: a batch of compress jobs sent to a running `mediad serve`
// several at a time, against what one does without a service — the same jobs as
// vipsthumbnail processes, as many at a time.

const (
	serviceJobs        = 16
	serviceConcurrency = 4
)

// mediadServer is one `mediad serve` process on a free loopback port, kept for the run.
type mediadServer struct {
	cmd  *exec.Cmd
	base string
}

func startServer(cli string) (*mediadServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(cli, "serve", "-addr", addr)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &mediadServer{cmd: cmd, base: "http://" + addr}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(s.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.close()
	return nil, fmt.Errorf("mediad serve did not become healthy on %s", addr)
}

// peakRSSKB is the server process's high-water resident set (VmHWM).
func (s *mediadServer) peakRSSKB() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

func (s *mediadServer) close() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// inParallel runs job(i) for i < n on workers goroutines and returns the first error.
func inParallel(n, workers int, job func(i int) error) error {
	var mu sync.Mutex
	var first error
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := job(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

func serviceScenarios(env *env) []scenario {
	name := fmt.Sprintf("compress 12MP→1080 ×%d, %d at a time", serviceJobs, serviceConcurrency)
	note := fmt.Sprintf("%d compress jobs of the mosaic, %d in flight: POST /v1/image/compress to one running `mediad serve` vs one vipsthumbnail process per job", serviceJobs, serviceConcurrency)
	if env.mosaicErr != nil || env.cliErr != nil {
		return []scenario{{group: "service", name: name, note: note, ours: engine{name: "mediad serve", skip: "needs the 12 MP input and the mediad CLI"}}}
	}
	data, err := os.ReadFile(env.mosaicPath)
	if err != nil {
		return nil
	}
	srv, err := startServer(env.cli)
	if err != nil {
		return []scenario{{group: "service", name: name, note: note, ours: engine{name: "mediad serve", skip: err.Error()}}}
	}
	env.closers = append(env.closers, srv.close)
	env.chromium.skipCPU = append(env.chromium.skipCPU, srv.cmd.Process.Pid)
	url := srv.base + "/v1/image/compress?compressedWidth=1080&quality=80"
	ours := engine{name: "mediad serve", how: "HTTP, one process", run: func() (sample, error) {
		_, t0, _ := procStat(srv.cmd.Process.Pid)
		s, err := timed(func() error {
			return inParallel(serviceJobs, serviceConcurrency, func(int) error {
				resp, err := http.Post(url, "image/jpeg", bytes.NewReader(data))
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				n, _ := io.Copy(io.Discard, resp.Body)
				if resp.StatusCode != http.StatusOK || n == 0 {
					return fmt.Errorf("HTTP %d", resp.StatusCode)
				}
				return nil
			})
		})
		// CPU: the client's (this process, timed measures it) plus the server's, in ticks.
		_, t1, _ := procStat(srv.cmd.Process.Pid)
		s.cpu += time.Duration(t1-t0) * (time.Second / 100)
		s.rssKB = srv.peakRSSKB()
		return s, err
	}}
	vips := engine{name: "vipsthumbnail", how: "a process per job"}
	if _, err := exec.LookPath("vipsthumbnail"); err != nil {
		vips.skip = "vipsthumbnail not installed (Debian libvips-tools)"
	} else {
		runs := make([]func() (sample, error), serviceConcurrency)
		for w := range runs {
			out := filepath.Join(env.tmp, fmt.Sprintf("svc-%d.jpg", w))
			runs[w] = wholeProcess(env.tmp, "vipsthumbnail", env.mosaicPath, "--size", "1080x", "-o", out+"[Q=80,strip]")
		}
		vips.run = func() (sample, error) {
			var mu sync.Mutex
			var peak int64
			var cpu time.Duration
			s, err := timed(func() error {
				// Worker w always uses runs[w], so no two processes share an output file.
				next := make(chan func() (sample, error), serviceConcurrency)
				for _, r := range runs {
					next <- r
				}
				return inParallel(serviceJobs, serviceConcurrency, func(int) error {
					r := <-next
					defer func() { next <- r }()
					smp, err := r()
					mu.Lock()
					peak = max(peak, smp.rssKB)
					cpu += smp.cpu
					mu.Unlock()
					return err
				})
			})
			s.rssKB, s.cpu = peak, cpu
			return s, err
		}
	}
	return []scenario{{group: "service", name: name, note: note, ours: ours, peers: []engine{vips}}}
}
