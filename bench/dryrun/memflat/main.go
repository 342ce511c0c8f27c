// Command memflat runs the built-in dry-run bot for days of simulated time
// on a file database, as `freqdeck serve` would run it, and prints the live
// heap and the closed-trade count after each day: the heap stays flat while
// the closed trades (kept in SQLite) pile up.
//
//	go run ./bench/dryrun/memflat -days 14
//
// The bot's clock is a simulated wall clock moved one candle per tick, so
// a day takes a few seconds; the engine is the one `serve` runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

func main() {
	days := flag.Int("days", 7, "simulated days to run")
	flag.Parse()
	if err := run(*days); err != nil {
		fmt.Fprintln(os.Stderr, "memflat:", err)
		os.Exit(1)
	}
}

func run(days int) error {
	dir, err := os.MkdirTemp("", "memflat")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Minute)
	bot, err := dryrun.New(ctx, dryrun.DefaultConfig(), dryrun.WithDBPath(filepath.Join(dir, "bot.sqlite")),
		dryrun.WithClock(func() time.Time { return now }))
	if err != nil {
		return err
	}
	defer bot.Close()
	go func() {
		for range bot.Events() {
		}
	}()
	fmt.Println("day  closed trades  live heap (KiB)  sys (KiB)")
	for day := 1; day <= days; day++ {
		for range 24 * 60 {
			now = now.Add(time.Minute) // one tick per 1m candle
			if err := bot.Tick(ctx); err != nil {
				return err
			}
		}
		trades, err := bot.Trades(ctx, apiclient.TradesQuery{Limit: 1})
		if err != nil {
			return err
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("%3d  %13d  %15d  %9d\n", day, trades.TotalTrades, ms.HeapAlloc>>10, ms.Sys>>10)
	}
	return nil
}
