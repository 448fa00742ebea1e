package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/seed92233726/mediad/server"
)

func init() {
	register(command{
		name:    "serve",
		summary: "run the HTTP service (the default command)",
		run:     runServe,
	})
}

// serveSignals are the signals that start a graceful shutdown; tests may replace
// the channel source.
var serveSignals = []os.Signal{syscall.SIGTERM, os.Interrupt}

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[flags]   (every flag can also be set by the environment variable named in its help)", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address host:port [$MEDIAD_ADDR]")
	grace := fs.Duration("shutdown-timeout", 30*time.Second, "on SIGTERM/SIGINT, how long requests in progress may take to finish [$MEDIAD_SHUTDOWN_TIMEOUT]")
	logFormat := fs.String("log-format", "text", "request log format: text or json [$MEDIAD_LOG_FORMAT]")
	gcPercent := fs.Int("gc-percent", defaultGCPercent, "collector target: heap growth over the live heap, in %, before a collection (Go's GOGC; -1 off); ignored when $GOGC is set [$MEDIAD_GC_PERCENT]")
	memLimit := fs.String("memory-limit", "auto", "soft heap limit (e.g. 4G) at which the collector runs more often whatever -gc-percent allows; auto: half the machine's memory; ignored when $GOMEMLIMIT is set [$MEDIAD_MEMORY_LIMIT]")
	cfg := server.DefaultConfig()
	cfg.RegisterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if err := cfg.ApplyEnv(fs, os.Getenv); err != nil {
		return usageError{err.Error()}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for name, env := range map[string]string{"addr": "MEDIAD_ADDR", "shutdown-timeout": "MEDIAD_SHUTDOWN_TIMEOUT", "log-format": "MEDIAD_LOG_FORMAT",
		"gc-percent": "MEDIAD_GC_PERCENT", "memory-limit": "MEDIAD_MEMORY_LIMIT"} {
		if v := os.Getenv(env); v != "" && !given[name] {
			if err := fs.Set(name, v); err != nil {
				return usageError{fmt.Sprintf("$%s=%q: %v", env, v, err)}
			}
		}
	}
	var handler slog.Handler
	switch strings.ToLower(*logFormat) {
	case "text":
		handler = slog.NewTextHandler(stderr, nil)
	case "json":
		handler = slog.NewJSONHandler(stderr, nil)
	default:
		return usageError{fmt.Sprintf("-log-format %q: must be text or json", *logFormat)}
	}
	logger := slog.New(handler)
	limit, err := parseMemoryLimit(*memLimit)
	if err != nil {
		return usageError{err.Error()}
	}

	if cfg.Assets != "" {
		if st, err := os.Stat(cfg.Assets); err != nil || !st.IsDir() {
			return usageError{fmt.Sprintf("-assets %q: not a directory", cfg.Assets)}
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Only once the configuration is known to be good: tests run serve in
	// process with bad flags, and those must leave the collector alone.
	gcSettings := tuneGC(*gcPercent, limit, os.Getenv)
	srv := server.New(cfg, logger)
	defer srv.Close()
	eff := srv.Config()
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		// The handler bounds body reads by the request deadline; this is the
		// backstop for requests that never reach it (unknown paths, GET routes).
		ReadTimeout: eff.Timeout + 10*time.Second,
		// Bodies are read inside the request time limit; the write timeout covers
		// the whole request so a stalled client cannot hold a connection forever.
		WriteTimeout: eff.Timeout + 10*time.Second,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(handler, slog.LevelWarn),
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, serveSignals...)
	defer signal.Stop(sigs)

	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String(), "jobs", eff.Jobs, "queue", eff.Queue,
		"max_body", eff.MaxBody, "max_pixels", eff.MaxPixels, "timeout", eff.Timeout.String(), "gc", gcSettings)

	select {
	case err := <-served:
		return err
	case sig := <-sigs:
		logger.Info("shutting down", "signal", sig.String(), "grace", grace.String())
	}
	srv.SetDraining(true)
	ctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	// Shutdown closes the listener at once, then waits for every active connection
	// to finish its request and go idle.
	if err := hs.Shutdown(ctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutdown: requests still running after %v: %w", *grace, err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// defaultGCPercent: image and script work allocates large, short-lived buffers
// (decoded pixels, resampler strips, a script runtime's objects) over a small
// live heap, so Go's default of 100 collects very often. At 400 a compress
// request cost about 4% less CPU and a script render 17% less (BenchmarkOverhead,
// direct calls, GOGC=100 vs 400); the memory limit below keeps the larger heap
// in bounds.
const defaultGCPercent = 400

// tuneGC applies the collector settings unless the Go environment variables
// already chose them, and describes what is in force for the start-up log line.
func tuneGC(percent int, limit int64, getenv func(string) string) string {
	desc := ""
	if getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
		desc = "gc-percent=" + strconv.Itoa(percent)
	} else {
		desc = "GOGC=" + getenv("GOGC")
	}
	if getenv("GOMEMLIMIT") == "" && limit > 0 {
		debug.SetMemoryLimit(limit)
		desc += " memory-limit=" + strconv.FormatInt(limit>>20, 10) + "MiB"
	} else if v := getenv("GOMEMLIMIT"); v != "" {
		desc += " GOMEMLIMIT=" + v
	}
	return desc
}

// parseMemoryLimit reads -memory-limit: auto (half of MemTotal, 0 when it cannot
// be read), none, or a size with an optional K, M or G (binary) suffix.
func parseMemoryLimit(s string) (int64, error) {
	switch strings.ToLower(s) {
	case "auto":
		return memTotal() / 2, nil
	case "none", "0":
		return 0, nil
	}
	mul := int64(1)
	num := s
	switch strings.ToUpper(s[len(s)-1:]) {
	case "K":
		mul, num = 1<<10, s[:len(s)-1]
	case "M":
		mul, num = 1<<20, s[:len(s)-1]
	case "G":
		mul, num = 1<<30, s[:len(s)-1]
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mul {
		return 0, fmt.Errorf("-memory-limit %q: want auto, none or a size such as 4G", s)
	}
	return n * mul, nil
}

// memTotal is the machine's memory in bytes (0 if unknown), or the cgroup's
// limit when that is lower, as in a container.
func memTotal() int64 {
	var total int64
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			total = kb << 10
		}
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
			total = n
		}
	}
	return total
}
