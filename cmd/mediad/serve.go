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
	for name, env := range map[string]string{"addr": "MEDIAD_ADDR", "shutdown-timeout": "MEDIAD_SHUTDOWN_TIMEOUT", "log-format": "MEDIAD_LOG_FORMAT"} {
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

	if cfg.Assets != "" {
		if st, err := os.Stat(cfg.Assets); err != nil || !st.IsDir() {
			return usageError{fmt.Sprintf("-assets %q: not a directory", cfg.Assets)}
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
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
		"max_body", eff.MaxBody, "max_pixels", eff.MaxPixels, "timeout", eff.Timeout.String())

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
