package dryrun

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// wall is where the scripted tests' clock starts: a candle boundary.
var wall = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return wall }

// testClock is a wall clock the test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock(t time.Time) *testClock { return &testClock{t: t} }

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// scripted is what the tests' markets share: a market clock, no saved
// state, and a fine precision that leaves the tests' numbers alone.
type scripted struct {
	tf   time.Duration
	time time.Time
}

func (m *scripted) AddPair(string) error                  { return nil }
func (m *scripted) Describe() string                      { return "script" }
func (m *scripted) Time() time.Time                       { return m.time }
func (m *scripted) Resumed(string) bool                   { return false }
func (m *scripted) State(string) (market.PairState, bool) { return market.PairState{}, false }
func (m *scripted) Exhausted() bool                       { return false }
func (m *scripted) Precision(string) market.Precision {
	return market.Precision{Tick: 1e-8, Step: 1e-8}
}

// script is a market that plays the candles the test queues: one whole
// candle per pair at each candle close, nothing in between.
type script struct {
	scripted
	queue map[string][]market.Candle
}

func (m *script) Advance(to time.Time) []market.Frame {
	var out []market.Frame
	for end := market.NextCandle(m.time, m.tf); !end.After(to); end = end.Add(m.tf) {
		f := market.Frame{Start: m.time, End: end, Closed: true, Moves: map[string]market.Move{}}
		for p, q := range m.queue {
			if len(q) > 0 {
				c := q[0]
				c.Date = end.Add(-m.tf)
				f.Moves[p] = market.Move{Path: c, Candle: c}
				m.queue[p] = q[1:]
			}
		}
		m.time = end
		if len(f.Moves) > 0 {
			out = append(out, f)
		}
	}
	if to.After(m.time) {
		m.time = to
	}
	return out
}

// withMarket makes New use m as its market.
func withMarket(m market.Source) Option {
	return func(o *options) {
		o.market = func(Config, time.Duration, market.Start) (market.Source, error) { return m, nil }
	}
}

// flat is a candle that trades at one price.
func flat(p float64) market.Candle {
	return market.Candle{Open: p, High: p, Low: p, Close: p, Volume: 10}
}

// testConfig is a small, frictionless config: two pairs on 5m candles,
// fixed stake 100, market orders, no slippage, no protections, no warmup.
func testConfig() Config {
	c := DefaultConfig()
	c.Timeframe = "5m"
	c.Pairs = []string{"AAA/USDT", "BBB/USDT"}
	c.StakeAmount = FixedStake(100)
	c.MaxOpenTrades = 3
	c.MinimalROI = map[string]float64{"0": 0.04}
	c.Stoploss = -0.05
	c.OrderTypes = OrderTypes{Entry: "market", Exit: "market", ForceEntry: "market", ForceExit: "market",
		EmergencyExit: "market", Stoploss: "market"}
	c.Protections = Protections{}
	c.Market.Slippage = 0
	c.Market.WarmupCandles = 0
	return c
}

// harness is a bot on a scripted market and a clock the test moves.
type harness struct {
	t     *testing.T
	b     *Bot
	mkt   *script
	clock *testClock
	ctx   context.Context
	got   []apiclient.Message
}

func newHarness(t *testing.T, cfg Config, opts ...Option) *harness {
	t.Helper()
	return newHarnessAt(t, cfg, wall, opts...)
}

// newHarnessAt is newHarness with the clock starting at start (a candle
// boundary).
func newHarnessAt(t *testing.T, cfg Config, start time.Time, opts ...Option) *harness {
	t.Helper()
	ctx := context.Background()
	tf, _ := ParseTimeframe(cfg.Timeframe)
	clock := newTestClock(start)
	m := &script{scripted: scripted{tf: tf, time: start}, queue: map[string][]market.Candle{}}
	b, err := New(ctx, cfg, append([]Option{WithClock(clock.now), withMarket(m)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return &harness{t: t, b: b, mkt: m, clock: clock, ctx: ctx}
}

// step queues one candle per given pair and plays it: the clock moves one
// candle on and the bot ticks.
func (h *harness) step(prices map[string]float64) {
	h.t.Helper()
	for p, v := range prices {
		h.mkt.queue[p] = append(h.mkt.queue[p], flat(v))
	}
	h.stepCandles()
}

func (h *harness) stepCandles() {
	h.t.Helper()
	h.clock.add(h.mkt.tf)
	if err := h.b.Tick(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	h.drain()
}

// drain moves queued events into h.got.
func (h *harness) drain() {
	for {
		select {
		case m := <-h.b.events:
			h.got = append(h.got, m)
		default:
			return
		}
	}
}

// types returns the types of the collected events, without candle and log
// messages, and clears them.
func (h *harness) types() []apiclient.MessageType {
	h.drain()
	var out []apiclient.MessageType
	for _, m := range h.got {
		switch m.MessageType() {
		case apiclient.MsgAnalyzedDF, apiclient.MsgNewCandle, apiclient.MsgLog:
		default:
			out = append(out, m.MessageType())
		}
	}
	h.got = nil
	return out
}

// find returns the collected events of type typ.
func (h *harness) find(typ apiclient.MessageType) []apiclient.Message {
	h.drain()
	var out []apiclient.Message
	for _, m := range h.got {
		if m.MessageType() == typ {
			out = append(out, m)
		}
	}
	return out
}

func (h *harness) forceEnter(pair string) apiclient.Trade {
	h.t.Helper()
	res, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: pair})
	if err != nil {
		h.t.Fatalf("force enter %s: %v", pair, err)
	}
	if res.Trade == nil {
		h.t.Fatalf("force enter %s: no trade: %q", pair, res.Status)
	}
	return *res.Trade
}

func (h *harness) trade(id int) apiclient.OpenTrade {
	h.t.Helper()
	tr, err := h.b.Trade(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return tr
}

// rpcMsg returns the message of a *rpc.Error, or "" for other errors.
func rpcMsg(err error) string {
	var e *rpc.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return ""
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9 && d > -1e-9
}

func equalTypes(a, b []apiclient.MessageType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func itoa(v int64) string   { return strconv.FormatInt(v, 10) }
func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func pairCandles(pair string, limit int) apiclient.PairCandlesRequest {
	req := apiclient.PairCandlesRequest{Pair: pair, Timeframe: "5m"}
	if limit > 0 {
		req.Limit = &limit
	}
	return req
}

// tradesByID asks /trades for every closed trade, by id.
func tradesByID() apiclient.TradesQuery {
	return apiclient.TradesQuery{Limit: 1000, OrderByID: apiclient.Ptr(true)}
}
