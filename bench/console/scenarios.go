package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// benchStartup: start to first frame in embedded mode (no bot configured:
// the dry-run bot and the API server start inside the console).
func benchStartup(_ context.Context, cfg config) error {
	var frame, data []time.Duration
	for i := range max(cfg.n/5, 3) {
		dir := filepath.Join(cfg.tmp, fmt.Sprintf("startup%d", i))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		s, err := startSession(cfg.bin, cfg.width, cfg.height, stateEnv(dir))
		if err != nil {
			return err
		}
		t1, off, err := s.waitFor("Open trades", 0, 10*time.Second)
		if err != nil {
			return err
		}
		t2, _, err := s.waitFor("· online", off, 10*time.Second)
		if err != nil {
			return err
		}
		frame = append(frame, t1.Sub(s.started))
		data = append(data, t2.Sub(s.started))
		if err := s.quit(); err != nil {
			return fmt.Errorf("quit: %w", err)
		}
	}
	fmt.Printf("startup (embedded) first frame: %s\n", stats(frame))
	fmt.Printf("startup (embedded) first data:  %s\n", stats(data))
	return nil
}

// eventSpacing separates the events of the latency scenario: more than the
// console's coalescing window (100 ms), as the trade events of a live bot
// are, so each is measured on its own. Bursts are the burst scenario's.
const eventSpacing = 250 * time.Millisecond

// benchLatency: the server publishes an entry; the time until the new
// trade's row is on the console's screen.
func benchLatency(ctx context.Context, cfg config) error {
	srv, err := startServer(ctx, quietFixtures)
	if err != nil {
		return err
	}
	defer srv.stop()
	s, off, err := remoteSession(cfg, srv, "latency")
	if err != nil {
		return err
	}
	defer s.quit()
	var lat []time.Duration
	for i := range cfg.n {
		time.Sleep(eventSpacing)
		pair, start, err := srv.enter(ctx, 1000+i, fmt.Sprintf("E%03d/USDT", i))
		if err != nil {
			return err
		}
		seen, next, err := s.waitFor(pair, off, 5*time.Second)
		if err != nil {
			return err
		}
		off = next
		lat = append(lat, seen.Sub(start))
	}
	fmt.Printf("event → screen latency: %s\n", stats(lat))
	return nil
}

// remoteSession starts the console against the bench server and waits
// until it is live (WebSocket connected).
func remoteSession(cfg config, srv *benchServer, name string) (*session, int, error) {
	dir := filepath.Join(cfg.tmp, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, 0, err
	}
	s, err := startSession(cfg.bin, cfg.width, cfg.height, append(stateEnv(dir), srv.env()...))
	if err != nil {
		return nil, 0, err
	}
	_, off, err := s.waitFor("· online ·", 0, 15*time.Second)
	if err != nil {
		_ = s.quit()
		return nil, 0, err
	}
	return s, off, nil
}

// benchIdle: CPU of a console whose bot changes nothing (the slow poll and
// the clock still run).
func benchIdle(ctx context.Context, cfg config) error {
	srv, err := startServer(ctx, tradingFixtures(5, 0))
	if err != nil {
		return err
	}
	defer srv.stop()
	s, _, err := remoteSession(cfg, srv, "idle")
	if err != nil {
		return err
	}
	defer s.quit()
	pid, err := s.consolePID()
	if err != nil {
		return err
	}
	time.Sleep(3 * time.Second) // settle after the first fetches
	c1, err := cpuTicks(pid)
	if err != nil {
		return err
	}
	b1, n1 := s.size()
	start := time.Now()
	time.Sleep(cfg.idle)
	c2, err := cpuTicks(pid)
	if err != nil {
		return err
	}
	b2, n2 := s.size()
	secs := time.Since(start).Seconds()
	cpu := float64(c2-c1) / clockTicks() / secs * 100
	fmt.Printf("idle CPU over %.0fs: %.2f%% of one core (%d ticks); output %.0f B/s in %d writes\n",
		secs, cpu, c2-c1, float64(b2-b1)/secs, n2-n1)
	return nil
}

// benchBytes: bytes written at steady state (rates move on every poll, a
// log line every two seconds), compared with repainting the whole screen
// on each update.
func benchBytes(ctx context.Context, cfg config) error {
	srv, err := startServer(ctx, tradingFixtures(5, 0))
	if err != nil {
		return err
	}
	defer srv.stop()
	dir := filepath.Join(cfg.tmp, "bytes")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	s, err := startSession(cfg.bin, cfg.width, cfg.height, append(stateEnv(dir), srv.env()...))
	if err != nil {
		return err
	}
	defer s.quit()
	_, off, err := s.waitFor("Open trades", 0, 15*time.Second)
	if err != nil {
		return err
	}
	if _, _, err = s.waitFor("help", off, 15*time.Second); err != nil { // the status bar ends the first frame
		return err
	}
	full, _ := s.size()
	if _, _, err := s.waitFor("· online ·", 0, 15*time.Second); err != nil {
		return err
	}
	time.Sleep(3 * time.Second)
	b1, n1 := s.size()
	start := time.Now()
	for i := 0; time.Since(start) < cfg.idle; i++ {
		rate := 1 + float64(i)/1000
		srv.bot.Update(func(f *rpctest.Fixtures) {
			for j := range f.OpenTrades {
				r := rate * float64(j+1)
				f.OpenTrades[j].CurrentRate = &r
			}
		})
		if i%2 == 0 {
			now := time.Now()
			row := apiclient.LogRow{Date: now.Format(apiclient.DateFormat), Timestamp: float64(now.UnixMilli()),
				Logger: "freqtrade.worker", Level: "INFO", Message: fmt.Sprintf("Bot heartbeat %d", i)}
			_ = srv.publish(ctx, apiclient.LogMsg{Type: apiclient.MsgLog, Data: []apiclient.LogRow{row}})
		}
		time.Sleep(time.Second)
	}
	b2, n2 := s.size()
	secs := time.Since(start).Seconds()
	bps := float64(b2-b1) / secs
	updates := n2 - n1
	ratio := float64(b2-b1) / (float64(updates) * float64(full)) * 100
	fmt.Printf("steady state: %.0f B/s in %d writes over %.0fs; full frame %d B; "+
		"%.1f%% of a full repaint per write, %.1f%% of one full repaint per second\n",
		bps, updates, secs, full, ratio, bps/float64(full)*100)
	return nil
}

// benchRSS: resident memory after 10,000 pushed log lines, with 2,000
// closed trades on the bot.
func benchRSS(ctx context.Context, cfg config) error {
	srv, err := startServer(ctx, tradingFixtures(20, 2000))
	if err != nil {
		return err
	}
	defer srv.stop()
	s, off, err := remoteSession(cfg, srv, "rss")
	if err != nil {
		return err
	}
	defer s.quit()
	pid, err := s.consolePID()
	if err != nil {
		return err
	}
	const total, batch = 10000, 100
	for i := 0; i < total; i += batch {
		rows := make([]apiclient.LogRow, batch)
		for j := range rows {
			now := time.Now()
			rows[j] = apiclient.LogRow{Date: now.Format(apiclient.DateFormat), Timestamp: float64(now.UnixNano()) / 1e6,
				Logger: "freqtrade.freqtradebot", Level: "INFO",
				Message: fmt.Sprintf("bench line %05d: Long signal found: about create a new trade for C%d/BTC with stake_amount: 0.001", i+j, j)}
		}
		if err := srv.publish(ctx, apiclient.LogMsg{Type: apiclient.MsgLog, Data: rows}); err != nil {
			return err
		}
	}
	if _, _, err := s.waitFor(fmt.Sprintf("bench line %05d", total-1), off, 30*time.Second); err != nil {
		return err
	}
	time.Sleep(2 * time.Second)
	rss, err := procStatus(pid, "VmRSS")
	if err != nil {
		return err
	}
	hwm, _ := procStatus(pid, "VmHWM")
	fmt.Printf("memory with %d log lines and 2,000 closed trades: RSS %.1f MB (peak %.1f MB)\n", total, rss, hwm)
	return nil
}

// tradingFixtures is a quiet bot with open and closed trades.
func tradingFixtures(open, closed int) func(*rpctest.Fixtures) {
	return func(f *rpctest.Fixtures) {
		quietFixtures(f)
		f.OpenTrades = rpctest.OpenTrades(open)
		f.Count.Current = open
		if closed > 0 {
			f.ClosedTrades = closedTrades(closed)
		}
	}
}

// closedTrades makes n closed trades for the bot's /trades.
func closedTrades(n int) []apiclient.RawTrade {
	out := make([]apiclient.RawTrade, n)
	for i, t := range rpctest.OpenTrades(n) {
		out[i] = apiclient.RawTrade{TradeCore: t.TradeCore}
		out[i].IsOpen = false
	}
	return out
}
