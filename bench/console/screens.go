package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// benchSwitch: bytes written to the terminal, and the time to the new
// screen, on switching between the trade desk and the screens beyond it
// (history, pairs, chart), with 2,000 closed trades on the bot; compared
// with the first full frame.
func benchSwitch(ctx context.Context, cfg config) error {
	srv, s, err := screenSession(ctx, cfg, 2000, "switch")
	if err != nil {
		return err
	}
	defer srv.stop()
	defer s.quit()
	full, _ := s.size()
	time.Sleep(2 * time.Second)
	steps := []struct{ key, name, want string }{
		{"h", "trade desk → history", "Closed trades (500 of 2000)"},
		{"t", "history → trade desk", "Open trades (5)"},
		{"h", "trade desk → history (loaded)", "Profit by day"},
		{"w", "history → pairs", "Blacklist ("},
		{"v", "pairs → chart", "Chart · ETH/BTC"},
		{"n", "chart → next pair", "Chart · LTC/BTC"},
		{"t", "chart → trade desk", "Open trades (5)"},
	}
	fmt.Printf("screen switches at %dx%d (first full frame %d B):\n", cfg.width, cfg.height, full)
	for _, st := range steps {
		b1, _ := s.size()
		start := time.Now()
		if _, err := s.stdin.Write([]byte(st.key)); err != nil {
			return err
		}
		seen, err := s.waitFor(st.want, 10*time.Second)
		if err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		time.Sleep(500 * time.Millisecond) // the data that follows the first frame
		b2, _ := s.size()
		fmt.Printf("  %-30s %6d B (%3.0f%% of a full frame), shown in %s\n", st.name, b2-b1,
			float64(b2-b1)/float64(full)*100, ms(seen.Sub(start)))
	}
	return nil
}

// benchHistoryRSS: resident memory once 10,000 closed trades are paged
// into the history screen (20 pages of 500).
func benchHistoryRSS(ctx context.Context, cfg config) error {
	const total = 10000
	srv, s, err := screenSession(ctx, cfg, total, "rss-history")
	if err != nil {
		return err
	}
	defer srv.stop()
	defer s.quit()
	pid, err := s.consolePID()
	if err != nil {
		return err
	}
	time.Sleep(2 * time.Second)
	before, err := procStatus(pid, "VmRSS")
	if err != nil {
		return err
	}
	if _, err := s.stdin.Write([]byte("h")); err != nil {
		return err
	}
	start := time.Now()
	for loaded := 500; ; loaded += 500 {
		want := fmt.Sprintf("Closed trades (%d of %d)", loaded, total)
		if loaded >= total {
			want = fmt.Sprintf("Closed trades (%d)", total)
		}
		_, err := s.waitFor(want, 30*time.Second)
		if err != nil {
			return err
		}
		if loaded >= total {
			break
		}
		if _, err := s.stdin.Write([]byte("G")); err != nil {
			return err
		}
	}
	paged := time.Since(start)
	time.Sleep(2 * time.Second)
	rss, err := procStatus(pid, "VmRSS")
	if err != nil {
		return err
	}
	hwm, _ := procStatus(pid, "VmHWM")
	fmt.Printf("memory with %d closed trades paged into the history: RSS %.1f MB (peak %.1f MB; %.1f MB before); paging took %s\n",
		total, rss, hwm, before, ms(paged))
	return nil
}

// screenSession starts the bench server with closed closed trades (see
// screenFixtures) and a live console on it.
func screenSession(ctx context.Context, cfg config, closed int, name string) (*benchServer, *session, error) {
	srv, err := startServer(ctx, screenFixtures(5, closed))
	if err != nil {
		return nil, nil, err
	}
	s, err := remoteSession(cfg, srv, name)
	if err != nil {
		srv.stop()
		return nil, nil, err
	}
	return srv, s, nil
}

// screenFixtures is a quiet bot with open trades, closed trades (newest
// closing now), 300 candles per pair and the default whitelist.
func screenFixtures(open, closed int) func(*rpctest.Fixtures) {
	return func(f *rpctest.Fixtures) {
		tradingFixtures(open, 0)(f)
		now := time.Now().UTC()
		f.ClosedTrades = closedHistory(f.ClosedTrades[0], closed, now)
		f.Profit.ClosedTradeCount = closed
		f.PairHistory = candles(f.PairHistory, 300, now)
	}
}

// closedHistory is n copies of the closed trade tmpl, one closing every 7
// minutes up to now, on cycling pairs.
func closedHistory(tmpl apiclient.RawTrade, n int, now time.Time) []apiclient.RawTrade {
	out := make([]apiclient.RawTrade, n)
	for i := range out {
		t := tmpl
		closed := now.Add(-time.Duration(n-i) * 7 * time.Minute)
		t.TradeID = i + 1
		t.Pair = "C" + strconv.Itoa(i%40) + "/BTC"
		t.OpenTimestamp = closed.Add(-time.Hour).UnixMilli()
		t.OpenDate = apiclient.FormatDate(closed.Add(-time.Hour))
		ms := closed.UnixMilli()
		date := apiclient.FormatDate(closed)
		t.CloseTimestamp, t.CloseDate = &ms, &date
		out[i] = t
	}
	return out
}

// candles is tmpl's frame with n candles of 5 minutes up to now, a wave.
func candles(tmpl apiclient.PairHistory, n int, now time.Time) apiclient.PairHistory {
	h := tmpl
	h.Columns = []string{"date", "open", "high", "low", "close", "volume", "__date_ts"}
	h.Data = make([][]any, n)
	price := 0.05
	for i := range h.Data {
		at := now.Truncate(5 * time.Minute).Add(-time.Duration(n-1-i) * 5 * time.Minute)
		open := price
		price = 0.05 * (1 + 0.03*math.Sin(float64(i)/9) + 0.01*math.Sin(float64(i)*1.7))
		h.Data[i] = []any{at.Format(time.RFC3339), open, math.Max(open, price) * 1.002, math.Min(open, price) * 0.998,
			price, 100.0, float64(at.UnixMilli())}
	}
	h.Length = n
	return h
}
