package server

import (
	"context"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun"
)

// dryRunServer is a server (testConfig, clock, opts) over a new dry-run
// bot (cfg, clock, botOpts); both are closed when the test ends, the
// server first.
func dryRunServer(tb testing.TB, cfg dryrun.Config, clock func() time.Time, botOpts []dryrun.Option, opts ...Option) (*Server, *dryrun.Bot) {
	tb.Helper()
	bot, err := dryrun.New(context.Background(), cfg, append([]dryrun.Option{dryrun.WithClock(clock)}, botOpts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = bot.Close() })
	s, err := New(bot, testConfig(), append([]Option{WithClock(clock)}, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s, bot
}
