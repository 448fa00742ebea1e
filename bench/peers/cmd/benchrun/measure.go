package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// sample is one timed run: wall time, CPU time (user + system, every thread of the
// engine; 0 when unknown) and, for a process of its own, the peak resident set (0 when
// the engine shares a process and its own peak cannot be told apart).
type sample struct {
	d     time.Duration
	cpu   time.Duration
	rssKB int64
}

// engine is one implementation of a scenario: mediad or a peer.
type engine struct {
	name string // e.g. "gg", "Chromium"
	how  string // "in-process", "whole process", "in page", "in Node"
	run  func() (sample, error)
	// skip says why the engine is unavailable on this machine ("" when it is).
	skip string
}

// scenario is one piece of realistic work, done by mediad (ours) and by each peer.
type scenario struct {
	group string
	name  string
	ours  engine
	peers []engine
	note  string
}

// outcome is what one engine did in one scenario.
type outcome struct {
	engine
	times []time.Duration
	cpus  []time.Duration
	rssKB int64 // largest peak RSS over the runs
	err   string
}

func (o *outcome) ok() bool { return o.err == "" && o.skip == "" && len(o.times) > 0 }

func (o *outcome) median() time.Duration { return median(o.times) }

// medianCPU is the median CPU time, 0 when the engine's CPU time is not known.
func (o *outcome) medianCPU() time.Duration { return median(o.cpus) }

func median(times []time.Duration) time.Duration {
	if len(times) == 0 {
		return 0
	}
	s := slices.Clone(times)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// spread is half the interquartile range relative to the median: the middle half of
// the runs lies within ±spread. Unlike the min–max range it is not blown up by the one
// run that a neighbour's burst of work on a shared machine slowed down.
func (o *outcome) spread() float64 {
	m := o.median()
	if m <= 0 {
		return 0
	}
	s := slices.Clone(o.times)
	slices.Sort(s)
	return (quantile(s, 0.75) - quantile(s, 0.25)) / 2 / float64(m)
}

// quantile interpolates linearly between the order statistics of sorted s.
func quantile(s []time.Duration, q float64) float64 {
	if len(s) == 0 {
		return 0
	}
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return float64(s[len(s)-1])
	}
	frac := pos - float64(i)
	return float64(s[i])*(1-frac) + float64(s[i+1])*frac
}

// scenarioResult holds the outcomes of ours (first) and every peer.
type scenarioResult struct {
	scenario
	all []*outcome
}

// runScenario warms every available engine up once and then runs them interleaved,
// reversing the order on every other round so no engine always follows the same one.
func runScenario(s scenario, reps int) scenarioResult {
	r := scenarioResult{scenario: s}
	for _, e := range append([]engine{s.ours}, s.peers...) {
		r.all = append(r.all, &outcome{engine: e})
	}
	var live []*outcome
	for _, o := range r.all {
		if o.skip != "" {
			continue
		}
		if _, err := o.run(); err != nil { // warm-up: caches, JIT, lazy loading
			o.err = firstLine(err.Error())
			continue
		}
		live = append(live, o)
	}
	for i := 0; i < reps; i++ {
		order := slices.Clone(live)
		if i%2 == 1 {
			slices.Reverse(order)
		}
		for _, o := range order {
			if o.err != "" {
				continue
			}
			// Start every run from a collected heap, so that one engine's garbage is not
			// collected on the next engine's time (the Go engines share this process).
			runtime.GC()
			smp, err := o.run()
			if err != nil {
				o.err = firstLine(err.Error())
				continue
			}
			o.times = append(o.times, smp.d)
			o.cpus = append(o.cpus, smp.cpu)
			o.rssKB = max(o.rssKB, smp.rssKB)
		}
	}
	return r
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// timed runs fn once in this process and measures its wall and CPU time.
func timed(fn func() error) (sample, error) {
	c0 := selfCPU()
	t0 := time.Now()
	err := fn()
	return sample{d: time.Since(t0), cpu: selfCPU() - c0}, err
}

// selfCPU is the CPU time, user + system, of every thread of this process.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// childrenCPU sums the CPU time of this process's descendants, except the pids in skip,
// from /proc in clock ticks (10 ms): coarse, so only meaningful for runs of tens of
// milliseconds and more.
func childrenCPU(skip ...int) time.Duration {
	self := os.Getpid()
	parent := map[int]int{}
	ticks := map[int]int64{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		pp, t, ok := procStat(pid)
		if ok {
			parent[pid], ticks[pid] = pp, t
		}
	}
	var total int64
	for pid, t := range ticks {
		if pid == self || slices.Contains(skip, pid) {
			continue
		}
		for p := parent[pid]; p != 0; p = parent[p] {
			if p == self {
				total += t
				break
			}
		}
	}
	return time.Duration(total) * (time.Second / 100) // USER_HZ
}

// procStat reads a process's parent and its user + system CPU ticks.
func procStat(pid int) (ppid int, ticks int64, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 > len(s) {
		return 0, 0, false
	}
	f := strings.Fields(s[i+2:])
	if len(f) < 13 {
		return 0, 0, false
	}
	ppid, _ = strconv.Atoi(f[1])
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ppid, ut + st, true
}

// gnuTime is /usr/bin/time when installed: the peak RSS that Go's own rusage reports
// for a child can include this process's memory (children start with vfork semantics),
// while GNU time waits for its child itself and reports only that child's.
var gnuTime, _ = exec.LookPath("/usr/bin/time")

var rusageFiles atomic.Int64

// wholeProcess returns an engine run that starts name with args, waits for it and
// measures its wall time and peak RSS.
func wholeProcess(dir, name string, args ...string) func() (sample, error) {
	// One report file per run function: several may run at once (the service scenario).
	rusage := filepath.Join(dir, fmt.Sprintf("rusage-%s-%d", filepath.Base(name), rusageFiles.Add(1)))
	return func() (sample, error) {
		cmd := exec.Command(name, args...)
		if gnuTime != "" {
			cmd = exec.Command(gnuTime, append([]string{"-f", "%M %U %S", "-o", rusage, name}, args...)...)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		t0 := time.Now()
		err := cmd.Run()
		d := time.Since(t0)
		if err != nil {
			return sample{}, fmt.Errorf("%s: %v: %s", filepath.Base(name), err, stderr.String())
		}
		s := sample{d: d, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
		if gnuTime != "" {
			// The last line is "maxKB user system"; earlier lines may be the child's complaints.
			if b, err := os.ReadFile(rusage); err == nil {
				lines := strings.Split(strings.TrimSpace(string(b)), "\n")
				f := strings.Fields(lines[len(lines)-1])
				if len(f) == 3 {
					s.rssKB, _ = strconv.ParseInt(f[0], 10, 64)
					u, _ := strconv.ParseFloat(f[1], 64)
					sy, _ := strconv.ParseFloat(f[2], 64)
					s.cpu = time.Duration((u + sy) * float64(time.Second))
				}
			}
		}
		return s, nil
	}
}
