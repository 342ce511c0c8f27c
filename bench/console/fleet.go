package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/server/rpctest"
)

// benchFleet: one console on -bots freqtrade-like bots (each its own API
// server in this process, pushing no log lines; half in USDT, half in
// BTC), idle: the console's CPU and memory, and the requests a bot gets a
// minute, counted at each server; with the trade desk shown, then with
// the overview (which adds /daily and /weekly once a minute per bot).
func benchFleet(ctx context.Context, cfg config) error {
	var servers []*benchServer
	defer func() {
		for _, s := range servers {
			s.stop()
		}
	}()
	var conf strings.Builder
	for i := range cfg.bots {
		name, currency := fmt.Sprintf("bot%02d", i+1), []string{"USDT", "BTC"}[i%2]
		srv, err := startServer(ctx, func(f *rpctest.Fixtures) {
			tradingFixtures(0, 0)(f)
			f.ShowConfig.BotName, f.ShowConfig.StakeCurrency = name, currency
		})
		if err != nil {
			return err
		}
		servers = append(servers, srv)
		fmt.Fprintf(&conf, "[[bot]]\nname = %q\nurl = %q\nusername = %q\npassword = %q\n\n", name, srv.url, benchUser, benchPass)
	}
	dir := filepath.Join(cfg.tmp, "fleet")
	cfgDir := filepath.Join(dir, "config", "freqdeck")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte(conf.String()), 0o600); err != nil {
		return err
	}
	s, err := startSession(cfg.bin, cfg.width, cfg.height, stateEnv(dir))
	if err != nil {
		return err
	}
	defer s.quit()
	if _, err := s.waitFor(fmt.Sprintf("[1/%d] bot01", cfg.bots), 20*time.Second); err != nil {
		return err
	}
	if _, err := s.waitFor("· online ·", 20*time.Second); err != nil {
		return err
	}
	pid, err := s.consolePID()
	if err != nil {
		return err
	}
	time.Sleep(5 * time.Second) // every bot answered its first fetches
	if err := fleetWindow(cfg, s, pid, servers, "trade desk shown"); err != nil {
		return err
	}
	if _, err := s.stdin.Write([]byte("o")); err != nil {
		return err
	}
	if _, err := s.waitFor(fmt.Sprintf("Overview (%d bots)", cfg.bots), 10*time.Second); err != nil {
		return err
	}
	time.Sleep(3 * time.Second)
	return fleetWindow(cfg, s, pid, servers, "overview shown")
}

// fleetWindow measures one idle window of the fleet console.
func fleetWindow(cfg config, s *session, pid int, servers []*benchServer, what string) error {
	before := make([]map[string]int, len(servers))
	for i, srv := range servers {
		before[i] = srv.reqs.snapshot()
	}
	start := time.Now()
	w, err := measureIdle(s, pid, cfg.idle)
	if err != nil {
		return err
	}
	d := time.Since(start)
	total, sumAfter, sumBefore := 0.0, map[string]int{}, map[string]int{}
	for i, srv := range servers {
		after := srv.reqs.snapshot()
		rate, _ := perMinute(before[i], after, d, 1)
		total += rate
		for k, v := range after {
			sumAfter[k] += v
		}
		for k, v := range before[i] {
			sumBefore[k] += v
		}
	}
	_, routes := perMinute(sumBefore, sumAfter, d, len(servers))
	rss, err := procStatus(pid, "VmRSS")
	if err != nil {
		return err
	}
	fmt.Printf("fleet of %d bots, %s, idle %s: CPU %.2f%% of one core; RSS %.1f MB; %.1f requests a minute per bot (%s); output %.0f B/s in %d writes\n",
		len(servers), what, cfg.idle, w.cpu, rss, total/float64(len(servers)), routes, w.bytesPerSec, w.writes)
	return nil
}
