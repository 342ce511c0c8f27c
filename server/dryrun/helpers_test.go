package dryrun

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// wall is the fixed wall clock of the scripted tests.
var wall = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return wall }

// script is a market that plays candles the test queues.
type script struct {
	tf    time.Duration
	date  time.Time
	queue map[string][]market.Candle
}

func (m *script) Warmup(int) map[string][]market.Candle { return nil }
func (m *script) AddPair(string) error                  { return nil }
func (m *script) Describe() string                      { return "script" }

func (m *script) Next() (time.Time, map[string]market.Candle, bool) {
	out := map[string]market.Candle{}
	for p, q := range m.queue {
		if len(q) > 0 {
			c := q[0]
			c.Date = m.date
			out[p] = c
			m.queue[p] = q[1:]
		}
	}
	if len(out) == 0 {
		return time.Time{}, nil, false
	}
	d := m.date
	m.date = m.date.Add(m.tf)
	return d, out, true
}

// flat is a candle that trades at one price.
func flat(p float64) market.Candle {
	return market.Candle{Open: p, High: p, Low: p, Close: p, Volume: 10}
}

// testConfig is a small, frictionless config: two pairs, fixed stake 100,
// market orders, no slippage, no protections, no warmup.
func testConfig() Config {
	c := DefaultConfig()
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

// harness is a bot on a scripted market.
type harness struct {
	t   *testing.T
	b   *Bot
	mkt *script
	ctx context.Context
	got []apiclient.Message
}

func newHarness(t *testing.T, cfg Config, opts ...Option) *harness {
	t.Helper()
	ctx := context.Background()
	b, err := New(ctx, cfg, append([]Option{WithClock(fixedClock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	m := &script{tf: b.tf, date: b.now, queue: map[string][]market.Candle{}}
	b.mkt = m
	return &harness{t: t, b: b, mkt: m, ctx: ctx}
}

// step queues one candle per given pair and runs a step.
func (h *harness) step(prices map[string]float64) {
	h.t.Helper()
	for p, v := range prices {
		h.mkt.queue[p] = append(h.mkt.queue[p], flat(v))
	}
	h.stepCandles()
}

// stepCandle queues the given candles and runs a step.
func (h *harness) stepCandle(candles map[string]market.Candle) {
	h.t.Helper()
	for p, c := range candles {
		h.mkt.queue[p] = append(h.mkt.queue[p], c)
	}
	h.stepCandles()
}

// spike is a candle that rises from open to high and closes below the high:
// an exit order placed at the high stays open.
func spike(open, high, closeAt float64) market.Candle {
	return market.Candle{Open: open, High: high, Low: open, Close: closeAt, Volume: 10}
}

func (h *harness) stepCandles() {
	h.t.Helper()
	if err := h.b.Step(h.ctx); err != nil {
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
