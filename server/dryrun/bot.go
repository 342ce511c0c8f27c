// Package dryrun is freqdeck's embedded dry-run (paper trading) bot. Seen
// through server/rpc it behaves like a freqtrade bot in dry-run mode: a
// built-in EMA/RSI strategy opens and closes trades on a simulated or
// replayed market, orders fill as freqtrade's dry-run fills them, locks and
// protections apply, logs flow, and every operator action works.
//
// Two clocks: the wall clock (WithClock) stamps logs and /health and paces
// Run; the bot clock follows the candles, so trade, order and lock dates
// move market.speed times faster than the wall clock (at 600, a 5m candle
// every 0.5 s). Lock "until" values sent by clients are read as an offset
// from the wall clock and applied on the bot clock.
//
// State lives in SQLite (server/store) in freqtrade's layout. A fill is
// committed before it is reported on Events or in an API answer.
//
// Bot is the orchestration: the lock, the loop, orders, locks, persistence,
// events and logs, and the rpc.Bot facade (rpc_*.go, stats.go). The parts
// that need neither a lock nor I/O live in pure subpackages that Bot calls
// on its own data: market (candles: simulated walk, replay stepping),
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
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// Bot is the embedded dry-run bot. It implements rpc.Bot; all methods are
// safe for concurrent use.
type Bot struct {
	mu   sync.Mutex
	opts options

	cfg Config
	tf  time.Duration
	roi []roiStep

	db  *store.Store
	mkt market.Source

	pairs     map[string]*pairData // every market pair
	markets   []string             // market pairs in config order
	whitelist []string
	blacklist []string

	trades  []*store.Trade // every trade, by id
	byID    map[int]*store.Trade
	openBy  map[string]*store.Trade // open trade by pair
	locks   []*store.Lock           // active locks (may have expired)
	dirty   map[int]bool            // trades with unsaved non-critical changes
	lastSav time.Time               // wall time of the last save of dirty trades

	state    rpc.State
	now      time.Time // bot clock: the last processed market time
	started  time.Time // wall: process start
	lastProc time.Time // wall: last loop iteration
	// globalLockLogged is the id of the global lock last reported in the
	// log, so its notice is written once, not on every loop.
	globalLockLogged int
	botStart         time.Time // bot clock: KeyValueStore bot_start_time
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
// trades and locks, builds the market and warms up the strategy. The bot
// trades once Run (or Step) is called.
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
		byID: map[int]*store.Trade{}, openBy: map[string]*store.Trade{}, dirty: map[int]bool{}}
	b.started = o.clock()
	b.lastSav = b.started
	if err := b.init(ctx, cfg); err != nil {
		_ = db.Close()
		return nil, err
	}
	return b, nil
}

func (b *Bot) init(ctx context.Context, cfg Config) error {
	if err := b.loadState(ctx); err != nil {
		return err
	}
	b.applyConfig(cfg)
	start := b.startTime()
	mkt, err := newMarket(cfg, b.tf, start)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	b.mkt = mkt
	if cfg.Market.Mode == "simulated" {
		b.now = start
	}
	b.pairs = map[string]*pairData{}
	for _, p := range cfg.Pairs {
		b.pairs[p] = newPairData(p, cfg.Strategy)
	}
	for p, candles := range mkt.Warmup(cfg.Market.WarmupCandles) {
		for _, c := range candles {
			b.pairs[p].add(c, c.Date.Add(b.tf))
			b.now = laterOf(b.now, c.Date.Add(b.tf))
		}
	}
	if err := b.initKV(ctx); err != nil {
		return err
	}
	b.state = rpc.State(cfg.InitialState)
	b.logf(levelInfo, logBot, "Starting freqdeck dry-run bot %s", b.opts.version)
	b.logf(levelInfo, logBot, "Dry run is enabled. All trades are simulated.")
	b.logf(levelInfo, logBot, "Using %s, %d pairs, timeframe %s, %d open trades resumed.",
		mkt.Describe(), len(cfg.Pairs), cfg.Timeframe, len(b.openBy))
	return nil
}

// loadState reads trades and active locks from the store.
func (b *Bot) loadState(ctx context.Context) error {
	trades, err := b.db.Trades(ctx, false)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	for _, t := range trades {
		b.addTrade(t)
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
}

// startTime is where the bot clock starts: the candle boundary at or before
// the wall clock, or the one after the latest time already in the database
// when that is later (bot time runs ahead of wall time).
func (b *Bot) startTime() time.Time {
	start := b.opts.clock().UTC().Truncate(b.tf)
	var latest time.Time
	for _, t := range b.trades {
		latest = laterOf(latest, t.OpenDate)
		if t.CloseDate != nil {
			latest = laterOf(latest, *t.CloseDate)
		}
	}
	for _, l := range b.locks {
		latest = laterOf(latest, l.LockTime)
	}
	if !latest.IsZero() {
		start = laterOf(start, latest.Truncate(b.tf).Add(b.tf))
	}
	return start
}

// initKV records bot_start_time (once) and startup_time (every start).
func (b *Bot) initKV(ctx context.Context) error {
	kv, err := b.db.KV(ctx, store.KeyBotStartTime)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	write := []store.KV{{Key: store.KeyStartupTime, Type: "datetime", Datetime: apiclient.Ptr(b.started.UTC())}}
	if kv != nil && kv.Datetime != nil {
		b.botStart = *kv.Datetime
	} else {
		b.botStart = b.now
		if len(b.trades) > 0 {
			b.botStart = b.trades[0].OpenDate
		}
		write = append(write, store.KV{Key: store.KeyBotStartTime, Type: "datetime", Datetime: apiclient.Ptr(b.botStart)})
	}
	err = b.db.Write(ctx, func(w *store.Writer) error {
		for _, kv := range write {
			if err := w.SetKV(kv); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	return nil
}

// addTrade indexes t in memory.
func (b *Bot) addTrade(t *store.Trade) {
	b.ver++
	b.trades = append(b.trades, t)
	b.byID[t.ID] = t
	if t.IsOpen {
		b.openBy[t.Pair] = t
	}
}

// removeTrade drops t from memory.
func (b *Bot) removeTrade(t *store.Trade) {
	b.ver++
	delete(b.byID, t.ID)
	if b.openBy[t.Pair] == t {
		delete(b.openBy, t.Pair)
	}
	delete(b.dirty, t.ID)
	for i, x := range b.trades {
		if x == t {
			b.trades = append(b.trades[:i], b.trades[i+1:]...)
			break
		}
	}
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

// Close saves unsaved trade updates, closes the store and the Events
// channel. Run calls it on exit; it is safe to call twice. Afterwards,
// actions fail and nothing is published.
func (b *Bot) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	err := b.saveDirty(context.Background())
	b.closed = true
	close(b.events)
	return errors.Join(err, b.db.Close())
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
