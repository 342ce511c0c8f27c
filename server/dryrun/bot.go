// Package dryrun is freqdeck's embedded dry-run (paper trading) bot. Seen
// through server/rpc it behaves like a freqtrade bot in dry-run mode: a
// built-in EMA/RSI strategy opens and closes trades on a simulated or
// replayed market, orders fill as freqtrade's dry-run fills them, locks and
// protections apply, logs flow, and every operator action works.
//
// Time is the wall clock (WithClock), as freqtrade's is: trade, order,
// candle and lock dates, and the server's Date header, follow it, and the
// newest candle is the one in progress now. The market ticks every second:
// exits (ROI, stoploss, trailing stop) are checked on every tick, entries
// at every candle close (and at start-up, on the last closed candle).
// market.speed > 1 runs the bot's clock faster than the wall clock, for
// demos and tests; clients then see future dates (clock.go).
//
// State lives in SQLite (server/store) in freqtrade's layout. A fill is
// committed before it is reported on Events or in an API answer. Each
// tick's market state, closed candles and rate updates (max and min rate,
// trailing stop) are committed right after it by the tick writer, off the
// tick's path, so a restart continues the prices where they were and kill
// -9 loses at most the last tick's. Only open trades are kept in memory;
// closed ones are read from the database.
//
// Bot is the orchestration: the lock, the loop, orders, locks, persistence,
// events and logs, and the rpc.Bot facade (rpc_*.go, stats.go). The parts
// that need neither a lock nor I/O live in pure subpackages that Bot calls
// on its own data: market (the candle clock: simulated walk, replay),
// strategy (indicators, analyzed frames, signals) and metrics (trade math,
// statistics, the wire forms of trades and trade messages). Reading replay
// files (feed.go) is this package's edge, not market's.
//
// This package imports server/rpc, server/store, apiclient and its own
// subpackages only.
package dryrun

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// Bot is the embedded dry-run bot. It implements rpc.Bot; all methods are
// safe for concurrent use.
type Bot struct {
	mu   botMutex
	opts options

	cfg Config
	tf  time.Duration
	roi []roiStep

	db  *store.Store
	mkt market.Source

	pairs map[string]*pairData // every market pair
	// lists is what the candle answers read without the lock (candles.go).
	lists     atomic.Pointer[candleLists]
	markets   []string // market pairs in config order
	whitelist []string
	blacklist []string

	open   map[int]*store.Trade    // the open trades, by id
	openBy map[string]*store.Trade // the open trade of each pair
	// closedProfit is the sum of the closed trades' profit, kept so the
	// wallet needs no closed trade in memory.
	closedProfit float64
	// closedStats keeps the closed trades the statistics read (its own
	// lock).
	closedStats closedCache
	locks       []*store.Lock // active locks (may have expired)
	dirty       map[int]bool  // open trades with uncommitted rate updates
	closedBars  []pairCandle  // candles closed this tick, not yet saved
	writer      *tickWriter   // commits the ticks' saves

	state    rpc.State
	clock    botClock  // the bot's clock (clock.go)
	now      time.Time // bot time: the latest moment the bot has acted at
	started  time.Time // wall: process start
	lastProc time.Time // wall: last loop iteration
	// entryDue makes the next tick look for entries on the last closed
	// candle: at start-up, as freqtrade enters on the candles it analyzed.
	entryDue bool
	// globalLockLogged is the id of the global lock last reported in the
	// log, so its notice is written once, not on every loop.
	globalLockLogged int
	botStart         time.Time // KeyValueStore bot_start_time
	orderSeq         int
	exhaust          bool // the replay data ran out

	ver uint64 // bumped whenever trades or rates change (StatusVersion)

	events  chan apiclient.Message
	dropped int
	logs    logRing
	lastHB  time.Time
	lastDrp time.Time
	wake    chan struct{}
	closed  bool
}

var _ rpc.Bot = (*Bot)(nil)

// errClosed is returned by actions after the bot has shut down.
var errClosed = errors.New("dryrun: the bot has shut down")

// New builds a bot from cfg: it opens (or creates) the store, resumes open
// trades and locks, starts the market (continuing the saved one, or with
// history generated up to now) and analyzes its candles. The bot trades
// once Run (or Tick) is called.
func New(ctx context.Context, cfg Config, opts ...Option) (*Bot, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("dryrun: invalid config: %w", err)
	}
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	db, err := store.Open(ctx, o.dbPath)
	if err != nil {
		return nil, fmt.Errorf("dryrun: %w", err)
	}
	b := &Bot{opts: o, db: db, events: make(chan apiclient.Message, o.eventBuffer), wake: make(chan struct{}, 1),
		open: map[int]*store.Trade{}, openBy: map[string]*store.Trade{}, dirty: map[int]bool{}}
	b.mu.watch = o.lockWatch
	b.started = o.clock()
	if err := b.init(ctx, cfg); err != nil {
		_ = db.Close()
		return nil, err
	}
	b.writer = newTickWriter(db, cfg.Timeframe, b.tf, o.saved)
	return b, nil
}

func (b *Bot) init(ctx context.Context, cfg Config) error {
	if err := b.loadState(ctx); err != nil {
		return err
	}
	b.applyConfig(cfg)
	b.clock = newBotClock(b.started, cfg.Market.Speed)
	b.now = b.clock.at(b.started)
	b.state = rpc.State(cfg.InitialState)
	if err := b.startMarket(ctx); err != nil {
		return err
	}
	if err := b.initKV(ctx); err != nil {
		return err
	}
	b.entryDue = true
	b.logf(levelInfo, logBot, "Starting freqdeck dry-run bot %s", b.opts.version)
	b.logf(levelInfo, logBot, "Dry run is enabled. All trades are simulated.")
	b.logf(levelInfo, logBot, "Using %s, %d pairs, timeframe %s, %d open trades resumed.",
		b.mkt.Describe(), len(cfg.Pairs), cfg.Timeframe, len(b.openBy))
	if cfg.Market.Speed != 1 {
		b.logf(levelWarning, logBot, "%s", b.speedWarning())
	}
	return nil
}

// speedWarning says what market.speed != 1 does to the dates clients see.
func (b *Bot) speedWarning() string {
	return fmt.Sprintf("market.speed is %s: the bot's clock runs %s times as fast as the wall clock. "+
		"Trade, candle and lock dates and the Date header run ahead of real time, so clients will see future dates. "+
		"Use speed 1 with FreqUI and freqtrade-client.", strconv.FormatFloat(b.cfg.Market.Speed, 'g', -1, 64), strconv.FormatFloat(b.cfg.Market.Speed, 'g', -1, 64))
}

// loadState reads the open trades, the closed trades' profit and the
// active locks from the store.
func (b *Bot) loadState(ctx context.Context) error {
	trades, err := b.db.Trades(ctx, true)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	for _, t := range trades {
		b.addTrade(t)
	}
	if b.closedProfit, err = b.db.ClosedProfit(ctx); err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	locks, err := b.db.Locks(ctx, time.Time{})
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	for _, l := range locks {
		if l.Active {
			b.locks = append(b.locks, l)
		}
	}
	if b.orderSeq, err = b.db.MaxOrderID(ctx); err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	// Order ids are "dry_run_<side>_<n>": continue after the largest n so a
	// new id never repeats a stored one.
	for _, t := range trades {
		for _, o := range t.Orders {
			if i := strings.LastIndexByte(o.OrderID, '_'); i >= 0 {
				if n, err := strconv.Atoi(o.OrderID[i+1:]); err == nil {
					b.orderSeq = max(b.orderSeq, n)
				}
			}
		}
	}
	return nil
}

// applyConfig installs cfg (already validated) as the running config.
func (b *Bot) applyConfig(cfg Config) {
	b.cfg = cfg
	b.tf, _ = ParseTimeframe(cfg.Timeframe)
	b.roi = cfg.roiSteps()
	b.markets = append([]string(nil), cfg.Pairs...)
	b.blacklist = append([]string{}, cfg.Blacklist...)
	b.whitelist = whitelist(cfg.Pairs, b.blacklist, b.markets)
	b.publishLists()
}

// initKV records bot_start_time (once) and startup_time (every start),
// with the market as it starts.
func (b *Bot) initKV(ctx context.Context) error {
	kv, err := b.db.KV(ctx, store.KeyBotStartTime)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	write := []store.KV{{Key: store.KeyStartupTime, Type: "datetime", Datetime: apiclient.Ptr(b.now)}}
	if kv != nil && kv.Datetime != nil {
		b.botStart = *kv.Datetime
	} else {
		b.botStart = b.now
		first, ok, err := b.db.FirstOpenDate(ctx)
		if err != nil {
			return fmt.Errorf("dryrun: %w", err)
		}
		if ok {
			b.botStart = first
		}
		write = append(write, store.KV{Key: store.KeyBotStartTime, Type: "datetime", Datetime: apiclient.Ptr(b.botStart)})
	}
	start := b.tickSave() // the market as it starts, with its history
	err = b.db.Write(ctx, func(w *store.Writer) error {
		for _, kv := range write {
			if err := w.SetKV(kv); err != nil {
				return err
			}
		}
		return writeSave(w, start, b.cfg.Timeframe, b.tf)
	})
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	return nil
}

// addTrade indexes the open trade t in memory.
func (b *Bot) addTrade(t *store.Trade) {
	b.ver++
	if t.IsOpen {
		b.open[t.ID] = t
		b.openBy[t.Pair] = t
	}
}

// removeTrade drops t from memory.
func (b *Bot) removeTrade(t *store.Trade) {
	b.ver++
	delete(b.open, t.ID)
	if b.openBy[t.Pair] == t {
		delete(b.openBy, t.Pair)
	}
	delete(b.dirty, t.ID)
}

// openTrades returns the open trades ordered by id.
func (b *Bot) openTrades() []*store.Trade {
	out := make([]*store.Trade, 0, len(b.openBy))
	for _, t := range b.openBy {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Events returns the bot's message stream (see rpc.Bot). It is buffered;
// when full, messages are dropped and counted. Close closes it.
func (b *Bot) Events() <-chan apiclient.Message { return b.events }

// Close commits the last tick's state, closes the store and the Events
// channel. Run calls it on exit; it is safe to call twice. Afterwards,
// actions fail and nothing is published.
func (b *Bot) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	err := b.commitTick()
	err = errors.Join(err, b.writer.close())
	b.closed = true
	close(b.events)
	return errors.Join(err, b.db.Close())
}
