package main

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// reqCounter counts the requests a bench server answers, by method and
// path, from its request log (server.WithRequestLog): counted at the
// server, as a counting proxy would. A WebSocket is logged, and counted,
// when it closes.
type reqCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

// Enabled implements slog.Handler.
func (c *reqCounter) Enabled(context.Context, slog.Level) bool { return true }

// Handle implements slog.Handler: one request line.
func (c *reqCounter) Handle(_ context.Context, r slog.Record) error {
	var method, path string
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "method":
			method = a.Value.String()
		case "path":
			path = strings.TrimPrefix(a.Value.String(), "/api/v1")
		}
		return true
	})
	c.mu.Lock()
	c.counts[method+" "+path]++
	c.mu.Unlock()
	return nil
}

// WithAttrs implements slog.Handler.
func (c *reqCounter) WithAttrs([]slog.Attr) slog.Handler { return c }

// WithGroup implements slog.Handler.
func (c *reqCounter) WithGroup(string) slog.Handler { return c }

// snapshot copies the counts.
func (c *reqCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.counts)
}

// perMinute formats what was requested between two snapshots over d, per
// minute: the total and each route.
func perMinute(before, after map[string]int, d time.Duration, bots int) (float64, string) {
	mins := d.Minutes() * float64(bots)
	total := 0
	var parts []string
	for _, route := range slices.Sorted(maps.Keys(after)) {
		n := after[route] - before[route]
		if n <= 0 {
			continue
		}
		total += n
		parts = append(parts, fmt.Sprintf("%s %.1f", route, float64(n)/mins))
	}
	return float64(total) / mins, strings.Join(parts, ", ")
}

// benchRequests: the requests a minute one freqtrade-like bot (it pushes
// no log lines over the WebSocket) gets from an idle console with the
// desk shown, counted at the server; without open trades, then with five
// (whose rates drift, so /status is polled). The safety net polls once a
// minute: give -idle 3m or more for a steady figure.
func benchRequests(ctx context.Context, cfg config) error {
	for _, open := range []int{0, 5} {
		srv, err := startServer(ctx, tradingFixtures(open, 0))
		if err != nil {
			return err
		}
		s, err := remoteSession(cfg, srv, fmt.Sprintf("requests%d", open))
		if err != nil {
			srv.stop()
			return err
		}
		time.Sleep(5 * time.Second) // past the start's first fetches
		before, start := srv.reqs.snapshot(), time.Now()
		time.Sleep(cfg.idle)
		rate, routes := perMinute(before, srv.reqs.snapshot(), time.Since(start), 1)
		fmt.Printf("idle requests, one freqtrade-like bot, %d open trades, over %s: %.1f a minute (%s)\n",
			open, cfg.idle, rate, routes)
		_ = s.quit()
		srv.stop()
	}
	return nil
}
