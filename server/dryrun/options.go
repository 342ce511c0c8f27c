package dryrun

import (
	"context"
	"log/slog"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/market"
)

// Option configures New.
type Option func(*options)

type options struct {
	dbPath      string
	clock       func() time.Time
	logger      *slog.Logger
	reload      func(ctx context.Context) (Config, error)
	version     string
	eventBuffer int
	// market builds the market (newMarket); tests put scripted ones in.
	market func(cfg Config, tf time.Duration, st market.Start) (market.Source, error)
	// saved, when set, sees each tick save the tick writer committed
	// (tests).
	saved func(tickSave)
	// lockWatch sees each hold of the bot's lock (WithLockWatch).
	lockWatch func(held time.Duration)
}

func defaultOptions() options {
	return options{
		clock:       time.Now,
		logger:      slog.New(slog.DiscardHandler),
		version:     "dev",
		eventBuffer: 4096,
		market:      newMarket,
	}
}

// WithDBPath stores the bot's trades in the SQLite file at path (created if
// missing; a freqtrade database works too). Without it, or with "", the bot
// keeps its database in memory and forgets everything on exit: a fresh demo
// on every start. `freqdeck serve --db` passes a file.
func WithDBPath(path string) Option { return func(o *options) { o.dbPath = path } }

// WithClock sets the wall clock, which every date the bot writes follows
// (at market.speed times its pace when speed is not 1). Tests pass a clock
// they move themselves; Tick then plays the market up to it.
func WithClock(now func() time.Time) Option { return func(o *options) { o.clock = now } }

// WithLogger sends the bot's log lines to l as well as to the /logs buffer.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithReload sets how reload_config re-reads the config. Without it a reload
// re-applies the current config.
func WithReload(fn func(ctx context.Context) (Config, error)) Option {
	return func(o *options) { o.reload = fn }
}

// WithVersion sets the version /show_config and the logs report.
func WithVersion(v string) Option { return func(o *options) { o.version = v } }

// WithEventBuffer sets the capacity of the Events channel (default 4096).
func WithEventBuffer(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.eventBuffer = n
		}
	}
}
