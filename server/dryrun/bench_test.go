package dryrun

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
)

// trendMarket rises slowly with a small wobble: EMAs stay crossed up and RSI
// stays below the exit bound, so open trades stay open.
type trendMarket struct {
	pairs []string
	tf    time.Duration
	date  time.Time
	i     int
}

func (m *trendMarket) Warmup(int) map[string][]market.Candle { return nil }
func (m *trendMarket) AddPair(string) error                  { return nil }
func (m *trendMarket) Describe() string                      { return "trend" }

func (m *trendMarket) Next() (time.Time, map[string]market.Candle, bool) {
	out := make(map[string]market.Candle, len(m.pairs))
	for k, p := range m.pairs {
		base := float64(10+k) * math.Exp(0.0005*float64(m.i))
		w := 0.001 * math.Sin(float64(m.i+k))
		c := base * (1 + w)
		out[p] = market.Candle{Date: m.date, Open: base, High: math.Max(base, c) * 1.0004, Low: math.Min(base, c) * 0.9996, Close: c, Volume: 5}
	}
	d := m.date
	m.date, m.i = m.date.Add(m.tf), m.i+1
	return d, out, true
}

// benchBot builds a bot with 50 pairs and 50 open trades on a file
// database, with a consumer draining its events as the server's hub would.
func benchBot(b *testing.B) *Bot {
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.Pairs = nil
	for i := range 50 {
		cfg.Pairs = append(cfg.Pairs, fmt.Sprintf("P%02d/USDT", i))
	}
	cfg.MaxOpenTrades, cfg.StakeAmount, cfg.DryRunWallet = 50, FixedStake(10), 1000
	cfg.MinimalROI, cfg.Stoploss = map[string]float64{"0": 1e12}, -0.5
	cfg.Strategy.RSIExit = 99.99
	cfg.Market.WarmupCandles = 0
	bot, err := New(ctx, cfg, WithDBPath(filepath.Join(b.TempDir(), "bench.sqlite")))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bot.Close() })
	bot.mkt = &trendMarket{pairs: cfg.Pairs, tf: bot.tf, date: bot.now}
	go func() {
		for range bot.Events() {
		}
	}()
	for range 60 { // warm the indicators up
		if err := bot.Step(ctx); err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range cfg.Pairs {
		if bot.openBy[p] != nil {
			continue
		}
		if _, err := bot.ForceEnter(ctx, apiclient.ForceEnterRequest{Pair: p}); err != nil {
			b.Fatal(err)
		}
	}
	if len(bot.openBy) != 50 {
		b.Fatalf("%d open trades", len(bot.openBy))
	}
	return bot
}

// BenchmarkStep50Pairs50Trades measures one candle step: 50 pairs analyzed,
// 50 open trades checked at four prices each, 100 candle messages out.
func BenchmarkStep50Pairs50Trades(b *testing.B) {
	bot := benchBot(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := bot.Step(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(bot.openBy) != 50 {
		b.Fatalf("%d open trades after the run", len(bot.openBy))
	}
}

// BenchmarkStatus50Trades measures the /status answer with 50 open trades.
func BenchmarkStatus50Trades(b *testing.B) {
	bot := benchBot(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if st, _ := bot.Status(ctx); len(st) != 50 {
			b.Fatal(len(st))
		}
	}
}
