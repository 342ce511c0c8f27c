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
// stays below the exit bound, so open trades stay open. It plays one whole
// candle per pair at each close.
type trendMarket struct {
	scripted
	pairs []string
	i     int
}

func (m *trendMarket) Advance(to time.Time) []market.Frame {
	var out []market.Frame
	for end := market.NextCandle(m.time, m.tf); !end.After(to); end = end.Add(m.tf) {
		f := market.Frame{Start: m.time, End: end, Closed: true, Moves: make(map[string]market.Move, len(m.pairs))}
		for k, p := range m.pairs {
			base := float64(10+k) * math.Exp(0.0005*float64(m.i))
			w := 0.001 * math.Sin(float64(m.i+k))
			c := base * (1 + w)
			cd := market.Candle{Date: m.time, Open: base, High: math.Max(base, c) * 1.0004, Low: math.Min(base, c) * 0.9996, Close: c, Volume: 5}
			f.Moves[p] = market.Move{Path: cd, Candle: cd}
		}
		out = append(out, f)
		m.time, m.i = end, m.i+1
	}
	return out
}

// benchBot builds a bot with 50 pairs and 50 open trades on a file
// database, with a consumer draining its events as the server's hub would.
// It returns the bot and its clock.
func benchBot(b *testing.B) (*Bot, *testClock) {
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.Pairs = nil
	for i := range 50 {
		cfg.Pairs = append(cfg.Pairs, fmt.Sprintf("P%02d/USDT", i))
	}
	cfg.Timeframe = "5m"
	cfg.MaxOpenTrades, cfg.StakeAmount, cfg.DryRunWallet = 50, FixedStake(10), 1000
	cfg.MinimalROI, cfg.Stoploss = map[string]float64{"0": 1e12}, -0.5
	cfg.Strategy.RSIExit = 99.99
	cfg.Market.WarmupCandles = 0
	clock := newTestClock(wall)
	mkt := &trendMarket{scripted: scripted{tf: 5 * time.Minute, time: wall}, pairs: cfg.Pairs}
	bot, err := New(ctx, cfg, WithDBPath(filepath.Join(b.TempDir(), "bench.sqlite")), WithClock(clock.now), withMarket(mkt))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bot.Close() })
	go func() {
		for range bot.Events() {
		}
	}()
	for range 60 { // warm the indicators up
		clock.add(mkt.tf)
		if err := bot.Tick(ctx); err != nil {
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
	return bot, clock
}

// BenchmarkStep50Pairs50Trades measures one candle step: 50 pairs analyzed,
// 50 open trades checked at four prices each, 100 candle messages out, and
// the tick's save handed to the tick writer. The writer commits (50
// candles, the market state, 50 trades' rate updates, fsync) on its own
// goroutine meanwhile, as it does in the bot, sharing the CPU with the
// steps.
func BenchmarkStep50Pairs50Trades(b *testing.B) { benchStep(b, false) }

// BenchmarkStep50Pairs50TradesSaved is the same step followed by the tick
// writer's commit to the file database: the whole cost of a step, disk
// included.
func BenchmarkStep50Pairs50TradesSaved(b *testing.B) { benchStep(b, true) }

func benchStep(b *testing.B, saved bool) {
	bot, clock := benchBot(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clock.add(5 * time.Minute)
		if err := bot.Tick(ctx); err != nil {
			b.Fatal(err)
		}
		if saved {
			bot.writer.flush()
		}
	}
	b.StopTimer()
	if len(bot.openBy) != 50 {
		b.Fatalf("%d open trades after the run", len(bot.openBy))
	}
}

// BenchmarkTickDefault measures the common case: the default bot (8 pairs,
// 1m candles, up to 5 open trades) ticking once a second on a file
// database, a candle closing every 60 ticks, each tick's save committed.
func BenchmarkTickDefault(b *testing.B) {
	ctx := context.Background()
	clock := newTestClock(wall)
	bot, err := New(ctx, DefaultConfig(), WithDBPath(filepath.Join(b.TempDir(), "tick.sqlite")), WithClock(clock.now))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bot.Close() })
	go func() {
		for range bot.Events() {
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clock.add(time.Second)
		if err := bot.Tick(ctx); err != nil {
			b.Fatal(err)
		}
		bot.writer.flush()
	}
}

// BenchmarkStatus50Trades measures the /status answer with 50 open trades.
func BenchmarkStatus50Trades(b *testing.B) {
	bot, _ := benchBot(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if st, _ := bot.Status(ctx); len(st) != 50 {
			b.Fatal(len(st))
		}
	}
}
