package server

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Config holds the service limits. The zero value of a field means its default
// (see DefaultConfig); New normalises.
type Config struct {
	// MaxBody is the largest request body in bytes (413 beyond).
	MaxBody int64
	// MaxPixels is the largest source image, width×height, checked from the headers
	// before decoding (413 beyond).
	MaxPixels int64
	// MaxCanvasSide and MaxCanvasPixels bound every canvas a render creates.
	MaxCanvasSide   int
	MaxCanvasPixels int64
	// Timeout bounds one request from admission to answer (503 when it runs out).
	Timeout time.Duration
	// Jobs is the number of operations run at once; Queue how many more may wait
	// for a worker (429 beyond; 0 means 8×Jobs, negative none). QueueTimeout bounds
	// the wait (503 beyond).
	Jobs         int
	Queue        int
	QueueTimeout time.Duration
	// ScriptTimeout bounds a render script, event loop included (422 beyond).
	ScriptTimeout time.Duration
	// ScriptMemory bounds the heap growth a render script may cause (script's
	// MaxMemory: large allocations are refused before they are made, a watchdog
	// stops the script for the rest; 422). 0 means the default; negative disables it.
	ScriptMemory int64
	// Assets is a directory of images and files that render requests may read,
	// the server's version of a mini program's code package: action-list image
	// paths (createPattern, drawImage) and a script's relative paths resolve in
	// it, read-only, nothing outside it. Empty: renders read no files.
	Assets string
}

// DefaultConfig returns the built-in limits: safe for a small public service.
func DefaultConfig() Config {
	jobs := runtime.GOMAXPROCS(0)
	return Config{
		MaxBody:         32 << 20,
		MaxPixels:       50_000_000,
		MaxCanvasSide:   8192,
		MaxCanvasPixels: 16 << 20,
		Timeout:         60 * time.Second,
		Jobs:            jobs,
		Queue:           0, // 8×Jobs, whatever Jobs ends up being
		QueueTimeout:    10 * time.Second,
		ScriptTimeout:   10 * time.Second,
		ScriptMemory:    1 << 30,
	}
}

func (c Config) normalized() Config {
	d := DefaultConfig()
	if c.MaxBody <= 0 {
		c.MaxBody = d.MaxBody
	}
	if c.MaxPixels <= 0 {
		c.MaxPixels = d.MaxPixels
	}
	if c.MaxCanvasSide <= 0 {
		c.MaxCanvasSide = d.MaxCanvasSide
	}
	if c.MaxCanvasPixels <= 0 {
		c.MaxCanvasPixels = d.MaxCanvasPixels
	}
	if c.Timeout <= 0 {
		c.Timeout = d.Timeout
	}
	if c.Jobs <= 0 {
		c.Jobs = d.Jobs
	}
	switch {
	case c.Queue == 0:
		c.Queue = 8 * c.Jobs
	case c.Queue < 0:
		c.Queue = 0 // no waiting: busy workers mean 429
	}
	if c.QueueTimeout <= 0 {
		c.QueueTimeout = d.QueueTimeout
	}
	if c.ScriptTimeout <= 0 {
		c.ScriptTimeout = d.ScriptTimeout
	}
	if c.ScriptMemory == 0 {
		c.ScriptMemory = d.ScriptMemory
	}
	return c
}

// Setting is one configurable limit: its flag name, environment variable and help.
// The table below is the single list the flags, the environment and the README
// come from.
type Setting struct {
	Flag string
	Env  string
	Help string
	// value reaches the Config field.
	value func(c *Config) flag.Value
}

// Settings returns the configurable limits in documentation order.
func Settings() []Setting { return settings }

var settings = []Setting{
	{"max-body", "MEDIAD_MAX_BODY", "largest request body (bytes; K, M, G suffixes are binary)",
		func(c *Config) flag.Value { return (*sizeValue)(&c.MaxBody) }},
	{"max-pixels", "MEDIAD_MAX_PIXELS", "largest source image in pixels (width×height), checked before decoding",
		func(c *Config) flag.Value { return (*countValue)(&c.MaxPixels) }},
	{"max-canvas-side", "MEDIAD_MAX_CANVAS_SIDE", "largest canvas width or height in pixels",
		func(c *Config) flag.Value { return (*intValue)(&c.MaxCanvasSide) }},
	{"max-canvas-pixels", "MEDIAD_MAX_CANVAS_PIXELS", "largest canvas in pixels (width×height)",
		func(c *Config) flag.Value { return (*countValue)(&c.MaxCanvasPixels) }},
	{"timeout", "MEDIAD_TIMEOUT", "per-request time limit, queueing included",
		func(c *Config) flag.Value { return (*durationValue)(&c.Timeout) }},
	{"jobs", "MEDIAD_JOBS", "operations run at once (default: GOMAXPROCS)",
		func(c *Config) flag.Value { return (*intValue)(&c.Jobs) }},
	{"queue", "MEDIAD_QUEUE", "requests that may wait for a worker; more are answered 429 (0: 8×jobs, -1: none)",
		func(c *Config) flag.Value { return (*intValue)(&c.Queue) }},
	{"queue-timeout", "MEDIAD_QUEUE_TIMEOUT", "longest wait for a worker before 503",
		func(c *Config) flag.Value { return (*durationValue)(&c.QueueTimeout) }},
	{"script-timeout", "MEDIAD_SCRIPT_TIMEOUT", "time limit of a render script, event loop included",
		func(c *Config) flag.Value { return (*durationValue)(&c.ScriptTimeout) }},
	{"script-memory", "MEDIAD_SCRIPT_MEMORY", "heap growth a render script may cause before it is stopped (bytes, -1 = off)",
		func(c *Config) flag.Value { return (*sizeValue)(&c.ScriptMemory) }},
	{"assets", "MEDIAD_ASSETS", "directory render requests may read images and files from, read-only (the code package; empty: none)",
		func(c *Config) flag.Value { return (*stringValue)(&c.Assets) }},
}

type stringValue string

func (v *stringValue) String() string     { return string(*v) }
func (v *stringValue) Set(s string) error { *v = stringValue(s); return nil }

// RegisterFlags adds one flag per Setting to fs, defaulting to c's values (so
// DefaultConfig's show in -h), with the environment variable named in the help.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	for _, s := range settings {
		fs.Var(s.value(c), s.Flag, s.Help+" [$"+s.Env+"]")
	}
}

// ApplyEnv sets, from getenv, every setting whose flag was not given on the command
// line (flags win over the environment, the environment over the defaults).
func (c *Config) ApplyEnv(fs *flag.FlagSet, getenv func(string) string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, s := range settings {
		v := getenv(s.Env)
		if v == "" || given[s.Flag] {
			continue
		}
		if err := s.value(c).Set(v); err != nil {
			return fmt.Errorf("$%s=%q: %v", s.Env, v, err)
		}
	}
	return nil
}

type intValue int

func (v *intValue) String() string { return strconv.Itoa(int(*v)) }
func (v *intValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < -1 {
		return fmt.Errorf("%q is not an integer ≥ -1", s)
	}
	*v = intValue(n)
	return nil
}

type countValue int64

func (v *countValue) String() string { return strconv.FormatInt(int64(*v), 10) }
func (v *countValue) Set(s string) error {
	n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("%q is not a non-negative integer", s)
	}
	*v = countValue(n)
	return nil
}

type durationValue time.Duration

func (v *durationValue) String() string { return time.Duration(*v).String() }
func (v *durationValue) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d < 0 {
		return fmt.Errorf("%q is not a non-negative duration (e.g. 30s)", s)
	}
	*v = durationValue(d)
	return nil
}

// sizeValue is a byte count: 1048576, 1024K, 32M, 1G (binary multiples), or -1.
type sizeValue int64

func (v *sizeValue) String() string {
	n := int64(*v)
	for _, u := range []struct {
		s string
		n int64
	}{{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if n > 0 && n%u.n == 0 {
			return strconv.FormatInt(n/u.n, 10) + u.s
		}
	}
	return strconv.FormatInt(n, 10)
}

func (v *sizeValue) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mul := int64(1)
	if t != "" {
		switch t[len(t)-1] {
		case 'K':
			mul = 1 << 10
		case 'M':
			mul = 1 << 20
		case 'G':
			mul = 1 << 30
		}
		if mul != 1 {
			t = t[:len(t)-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < -1 || (n > 0 && n > (1<<62)/mul) {
		return fmt.Errorf("%q is not a size (e.g. 32M)", s)
	}
	*v = sizeValue(n * mul)
	return nil
}
