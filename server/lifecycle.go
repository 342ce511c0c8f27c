package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// http.Server limits; the read and write timeouts are in deadlines.go.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 5 * time.Second
)

// Run drives the WebSocket hub until ctx ends: it forwards the bot's events
// to subscribers, then closes every WebSocket connection and returns once
// their goroutines have stopped. ServeHTTP works without Run, but nothing is
// broadcast.
func (s *Server) Run(ctx context.Context) {
	s.hub.run(ctx, s.bot.Events())
}

// ListenAndServe listens on addr (Config.Listen when empty), calls ready
// with the bound address (so "127.0.0.1:0" works), and serves until ctx
// ends; then it shuts down gracefully. Non-loopback addresses pass
// CheckListen first.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	if addr == "" {
		addr = s.cfg.Listen
	}
	warnings, err := CheckListen(s.cfg, addr)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		s.log.Warn(w)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, running the hub alongside, then shuts
// both down: in-flight requests get shutdownTimeout to finish and every
// WebSocket is closed. It returns nil on a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: min(readHeaderTimeout, s.readTimeout),
		ReadTimeout:       s.readTimeout,
		WriteTimeout:      s.writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	hubCtx, stopHub := context.WithCancel(ctx)
	hubDone := make(chan struct{})
	go func() {
		defer close(hubDone)
		s.Run(hubCtx)
	}()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.grace)
	defer cancel()
	shutErr := srv.Shutdown(shutCtx)
	if errors.Is(shutErr, context.DeadlineExceeded) {
		// net/http keeps waiting on a connection that never sent a request
		// until it is five seconds old, and on slow in-flight requests: past
		// our grace period, close whatever is left rather than fail the exit.
		s.log.Warn("server: connections still open after the shutdown grace period; closing them",
			"grace", s.grace)
		shutErr = srv.Close()
	}
	stopHub()
	<-hubDone
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("server: serve: %w", serveErr)
	}
	if shutErr != nil {
		return fmt.Errorf("server: shutdown: %w", shutErr)
	}
	return nil
}
