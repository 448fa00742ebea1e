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
	"time"
)

// sample is one timed run. rssKB is the peak resident set of a whole-process run (0 when
// the engine shares a process and its own peak cannot be told apart).
type sample struct {
	d     time.Duration
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
	rssKB int64 // largest peak RSS over the runs
	err   string
}

func (o *outcome) ok() bool { return o.err == "" && o.skip == "" && len(o.times) > 0 }

func (o *outcome) median() time.Duration {
	s := slices.Clone(o.times)
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

// timed runs fn once and measures its wall time.
func timed(fn func() error) (sample, error) {
	t0 := time.Now()
	err := fn()
	return sample{d: time.Since(t0)}, err
}

// gnuTime is /usr/bin/time when installed: the peak RSS that Go's own rusage reports
// for a child can include this process's memory (children start with vfork semantics),
// while GNU time waits for its child itself and reports only that child's.
var gnuTime, _ = exec.LookPath("/usr/bin/time")

// wholeProcess returns an engine run that starts name with args, waits for it and
// measures its wall time and peak RSS.
func wholeProcess(dir, name string, args ...string) func() (sample, error) {
	rusage := filepath.Join(dir, "rusage-"+filepath.Base(name))
	return func() (sample, error) {
		cmd := exec.Command(name, args...)
		if gnuTime != "" {
			cmd = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", rusage, name}, args...)...)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		t0 := time.Now()
		err := cmd.Run()
		d := time.Since(t0)
		if err != nil {
			return sample{}, fmt.Errorf("%s: %v: %s", filepath.Base(name), err, stderr.String())
		}
		s := sample{d: d}
		if gnuTime != "" {
			if b, err := os.ReadFile(rusage); err == nil {
				f := strings.Fields(string(b))
				if len(f) > 0 {
					s.rssKB, _ = strconv.ParseInt(f[len(f)-1], 10, 64)
				}
			}
		}
		return s, nil
	}
}
