package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
		t1, err := s.waitFor("Open trades", 10*time.Second)
		if err != nil {
			return err
		}
		t2, err := s.waitFor("· online", 10*time.Second)
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
	s, err := remoteSession(cfg, srv, "latency")
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
		seen, err := s.waitFor(pair, 5*time.Second)
		if err != nil {
			return err
		}
		lat = append(lat, seen.Sub(start))
	}
	fmt.Printf("event → screen latency: %s\n", stats(lat))
	return nil
}

// remoteSession starts the console against the bench server and waits
// until it is live (WebSocket connected).
func remoteSession(cfg config, srv *benchServer, name string) (*session, error) {
	dir := filepath.Join(cfg.tmp, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	s, err := startSession(cfg.bin, cfg.width, cfg.height, append(stateEnv(dir), srv.env()...))
	if err != nil {
		return nil, err
	}
	if _, err := s.waitFor("· online ·", 15*time.Second); err != nil {
		_ = s.quit()
		return nil, err
	}
	return s, nil
}

// benchIdle: CPU of a console whose bot changes nothing (the slow poll and
// the clock still run).
func benchIdle(ctx context.Context, cfg config) error {
	srv, err := startServer(ctx, tradingFixtures(5, 0))
	if err != nil {
		return err
	}
	defer srv.stop()
	s, err := remoteSession(cfg, srv, "idle")
	if err != nil {
		return err
	}
	defer s.quit()
	pid, err := s.consolePID()
	if err != nil {
		return err
	}
	time.Sleep(3 * time.Second) // settle after the first fetches
	w, err := measureIdle(s, pid, cfg.idle)
	if err != nil {
		return err
	}
	fmt.Printf("idle CPU over %.0fs: %.2f%% of one core (%d ticks); output %.0f B/s in %d writes\n",
		w.secs, w.cpu, w.ticks, w.bytesPerSec, w.writes)
	return nil
}

// idleWindow is what an idle console cost over a window.
type idleWindow struct {
	secs, cpu, bytesPerSec float64
	ticks                  int64
	writes                 int
}

// measureIdle waits d and measures the console's CPU (percent of one core)
// and terminal output meanwhile.
func measureIdle(s *session, pid int, d time.Duration) (idleWindow, error) {
	c1, err := cpuTicks(pid)
	if err != nil {
		return idleWindow{}, err
	}
	b1, n1 := s.size()
	start := time.Now()
	time.Sleep(d)
	c2, err := cpuTicks(pid)
	if err != nil {
		return idleWindow{}, err
	}
	b2, n2 := s.size()
	secs := time.Since(start).Seconds()
	return idleWindow{secs: secs, cpu: float64(c2-c1) / clockTicks() / secs * 100, ticks: c2 - c1,
		bytesPerSec: float64(b2-b1) / secs, writes: n2 - n1}, nil
}

// benchBytes: bytes written at steady state, compared with repainting the
// whole screen on each update: rates moving on every poll with a log line
// every two seconds, then log lines pushed at -lines a second (a busy bot).
func benchBytes(ctx context.Context, cfg config) error {
	for _, c := range []struct {
		name   string
		rates  bool
		perSec float64
	}{{"rates each second, a log line every 2 s", true, 0.5}, {fmt.Sprintf("%g log lines a second", cfg.lines), false, cfg.lines}} {
		if err := steadyBytes(ctx, cfg, c.name, c.rates, c.perSec); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	return nil
}

// steadyBytes runs one steady state: rates moved every second when rates
// is set, perSec log lines a second pushed over the WebSocket.
func steadyBytes(ctx context.Context, cfg config, name string, rates bool, perSec float64) error {
	srv, err := startServer(ctx, tradingFixtures(5, 0))
	if err != nil {
		return err
	}
	defer srv.stop()
	dir := filepath.Join(cfg.tmp, "bytes-"+strconv.Itoa(int(perSec*10)))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	s, err := startSession(cfg.bin, cfg.width, cfg.height, append(stateEnv(dir), srv.env()...))
	if err != nil {
		return err
	}
	defer s.quit()
	if _, err := s.waitFor("help", 15*time.Second); err != nil { // the status bar ends the first frame
		return err
	}
	full, _ := s.size()
	if _, err := s.waitFor("· online ·", 15*time.Second); err != nil {
		return err
	}
	time.Sleep(3 * time.Second)
	b1, n1 := s.size()
	start := time.Now()
	every := time.Duration(float64(time.Second) / perSec)
	tick := time.NewTicker(min(every, time.Second))
	defer tick.Stop()
	nextRate, nextLine, lines := start, start, 0
	for now := start; now.Sub(start) < cfg.idle; now = <-tick.C {
		if rates && !now.Before(nextRate) {
			r := 1 + float64(now.Sub(start))/float64(time.Hour)
			srv.bot.Update(func(f *rpctest.Fixtures) {
				for j := range f.OpenTrades {
					v := r * float64(j+1)
					f.OpenTrades[j].CurrentRate = &v
				}
			})
			nextRate = nextRate.Add(time.Second)
		}
		if !now.Before(nextLine) {
			row := apiclient.LogRow{Date: now.Format(apiclient.DateFormat), Timestamp: float64(now.UnixMilli()),
				Logger: "freqtrade.worker", Level: "INFO", Message: fmt.Sprintf("Bot heartbeat %d, state='RUNNING'", lines)}
			_ = srv.publish(ctx, apiclient.LogMsg{Type: apiclient.MsgLog, Data: []apiclient.LogRow{row}})
			lines++
			nextLine = nextLine.Add(every)
		}
	}
	b2, n2 := s.size()
	secs := time.Since(start).Seconds()
	bps := float64(b2-b1) / secs
	updates := n2 - n1
	ratio := float64(b2-b1) / (float64(updates) * float64(full)) * 100
	fmt.Printf("steady state (%s): %.0f B/s in %d writes over %.0fs; full frame %d B; "+
		"%.1f%% of a full repaint per write, %.1f%% of one full repaint per second\n",
		name, bps, updates, secs, full, ratio, bps/float64(full)*100)
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
	s, err := remoteSession(cfg, srv, "rss")
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
	if _, err := s.waitFor(fmt.Sprintf("bench line %05d", total-1), 30*time.Second); err != nil {
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
