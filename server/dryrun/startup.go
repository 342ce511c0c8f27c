package dryrun

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/store"
)

// keepCandles is how many closed candles per pair the database keeps for
// restarts (and how far back a restart continues the market from).
const keepCandles = 1500

// startMarket builds the market and brings every pair's analyzed frame up
// to now: a pair the database has a recent market state of gets its saved
// candles back and the market continues from where it stopped (the candles
// it missed are generated); any other pair starts with warmup_candles of
// generated (or replayed) history. Nothing trades on these candles.
func (b *Bot) startMarket(ctx context.Context) error {
	saved, err := b.savedMarket(ctx)
	if err != nil {
		return err
	}
	st := market.Start{Now: b.now, Warmup: b.cfg.Market.WarmupCandles, Saved: saved,
		MaxGap: time.Duration(keepCandles) * b.tf}
	mkt, err := b.opts.market(b.cfg, b.tf, st)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	b.mkt = mkt
	b.pairs = map[string]*pairData{}
	for _, p := range b.cfg.Pairs {
		b.pairs[p] = newPairData(p, b.cfg.Strategy)
		if !mkt.Resumed(p) {
			continue
		}
		if err := b.restoreCandles(ctx, p); err != nil {
			return err
		}
	}
	b.publishLists()
	for _, f := range mkt.Advance(b.now) {
		b.applyFrame(f)
	}
	return nil
}

// savedMarket reads the market state of the last run.
func (b *Bot) savedMarket(ctx context.Context) (map[string]market.PairState, error) {
	raw, err := b.db.MarketStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("dryrun: %w", err)
	}
	out := map[string]market.PairState{}
	for pair, s := range raw {
		var st market.PairState
		if json.Unmarshal([]byte(s), &st) == nil {
			out[pair] = st
		}
	}
	return out, nil
}

// restoreCandles analyzes pair's saved candles, up to the warmup count.
func (b *Bot) restoreCandles(ctx context.Context, pair string) error {
	if b.cfg.Market.WarmupCandles <= 0 {
		return nil
	}
	rows, err := b.db.Candles(ctx, pair, b.cfg.Timeframe, b.cfg.Market.WarmupCandles)
	if err != nil {
		return fmt.Errorf("dryrun: %w", err)
	}
	for _, r := range rows {
		c := market.Candle{Date: r.Date, Open: r.Open, High: r.High, Low: r.Low, Close: r.Close, Volume: r.Volume}
		b.pairs[pair].add(c, r.Date.Add(b.tf))
	}
	return nil
}

// pairCandle is a closed candle of a pair, waiting to be saved.
type pairCandle struct {
	pair   string
	candle market.Candle
}

// tickSave collects what the tick changed besides fills (see tickSave),
// and forgets it: it is the tick writer's to commit.
func (b *Bot) tickSave() tickSave {
	s := tickSave{states: make(map[string]market.PairState, len(b.markets)), rates: make(map[int]store.TradeRates, len(b.dirty))}
	for _, p := range b.markets {
		if st, ok := b.mkt.State(p); ok {
			s.states[p] = st
		}
	}
	for _, pc := range b.closedBars {
		c := pc.candle
		s.candles = append(s.candles, store.PairCandle{Pair: pc.pair, Candle: store.Candle{Date: c.Date, Open: c.Open,
			High: c.High, Low: c.Low, Close: c.Close, Volume: c.Volume}})
	}
	for id := range b.dirty {
		if t, ok := b.open[id]; ok {
			s.rates[id] = store.RatesOf(t)
		}
	}
	b.closedBars = b.closedBars[:0]
	clear(b.dirty)
	return s
}

// trimEvery is how many candles apart a pair's saved candles are trimmed
// back to keepCandles: the window stays bounded, and trims are rare.
const trimEvery = 100
