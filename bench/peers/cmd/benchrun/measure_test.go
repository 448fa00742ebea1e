package main

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMedianAndSpread(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name   string
		times  []time.Duration
		median time.Duration
		spread float64
	}{
		{"odd count takes the middle", []time.Duration{5 * ms, 1 * ms, 3 * ms}, 3 * ms, 2.0 / 2 / 3},
		{"even count averages the middle two", []time.Duration{4 * ms, 2 * ms, 8 * ms, 6 * ms}, 5 * ms, 3.0 / 2 / 5},
		{"one slow outlier barely moves the spread", []time.Duration{10 * ms, 10 * ms, 11 * ms, 10 * ms, 90 * ms}, 10 * ms, 1.0 / 2 / 10},
		{"identical runs have no spread", []time.Duration{7 * ms, 7 * ms, 7 * ms, 7 * ms, 7 * ms}, 7 * ms, 0},
	} {
		o := &outcome{times: tc.times}
		if got := o.median(); got != tc.median {
			t.Errorf("%s: median %v, want %v", tc.name, got, tc.median)
		}
		if got := o.spread(); got < tc.spread-1e-9 || got > tc.spread+1e-9 {
			t.Errorf("%s: spread %v, want %v", tc.name, got, tc.spread)
		}
	}
}

// runScenario interleaves the engines, reversing the order on odd rounds, and keeps a
// failing engine out of the figures without stopping the others.
func TestRunScenarioInterleaves(t *testing.T) {
	var order []string
	mk := func(name string, failAt int) engine {
		n := 0
		return engine{name: name, run: func() (sample, error) {
			n++
			if n == failAt {
				return sample{}, errors.New("boom")
			}
			order = append(order, name)
			return sample{d: time.Millisecond}, nil
		}}
	}
	s := scenario{ours: mk("A", 0), peers: []engine{mk("B", 0), mk("C", 3), {name: "D", skip: "not installed"}}}
	r := runScenario(s, 3)
	// Warm-ups A B C, round 1 A B C, round 2 reversed (C fails on its third call) B A,
	// round 3 A B.
	want := "A B C A B C B A A B"
	got := strings.Join(order, " ")
	if got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	if r.all[2].err != "boom" || r.all[2].ok() {
		t.Errorf("C: err %q ok %v", r.all[2].err, r.all[2].ok())
	}
	if r.all[3].ok() || len(r.all[0].times) != 3 {
		t.Errorf("D ok %v, A ran %d times", r.all[3].ok(), len(r.all[0].times))
	}
}
