package dryrun

import (
	"context"
	"maps"
	"math"
	"slices"
	"sync/atomic"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/strategy"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// pairData is one market pair: its analyzed dataframe, its candle in
// progress and its live price, read and written under b.mu, and view,
// what the candle answers read without the lock.
type pairData struct {
	frame *strategy.Frame
	live  *market.Candle // the candle in progress; nil before the first tick
	price float64        // current rate; NaN before the first tick
	view  atomic.Pointer[pairView]
}

// pairView is a pair's candles as the API serves them: a snapshot of the
// analyzed frame taken when its last candle closed and the candle in
// progress. Neither changes once stored.
type pairView struct {
	frame *strategy.Frame
	live  *market.Candle
}

func newPairData(pair string, s Strategy) *pairData {
	d := &pairData{frame: strategy.NewFrame(pair, s), price: math.NaN()}
	d.publish()
	return d
}

// publish stores the pair's view; the caller holds b.mu (or owns d).
func (d *pairData) publish() {
	d.view.Store(&pairView{frame: d.frame.Snapshot(), live: d.live})
}

// setLive makes c the candle in progress.
func (d *pairData) setLive(c market.Candle) {
	d.live, d.price = &c, c.Close
	d.publish()
}

// candleLists are the bot's pairs, whitelist and timeframe as the candle
// answers read them without the lock; replaced whole (publishLists) when
// one changes, never changed.
type candleLists struct {
	timeframe string
	tf        time.Duration
	whitelist []string
	pairs     map[string]*pairData
}

// publishLists stores the lists the candle answers read; the caller holds
// b.mu (or owns b).
func (b *Bot) publishLists() {
	b.lists.Store(&candleLists{timeframe: b.cfg.Timeframe, tf: b.tf, whitelist: slices.Clone(b.whitelist),
		pairs: maps.Clone(b.pairs)})
}

// rate returns the pair's current rate, or fallback when the pair has no
// market data.
func (b *Bot) rate(pair string, fallback float64) float64 {
	if d, ok := b.pairs[pair]; ok && !math.IsNaN(d.price) {
		return d.price
	}
	return fallback
}

// tradeRate is the rate trade t is valued at: its pair's current rate, or
// its open rate when the market has none.
func (b *Bot) tradeRate(t *store.Trade) float64 { return b.rate(t.Pair, t.OpenRate) }

// add analyzes a closed candle (at analyzedAt); its close becomes the price.
func (d *pairData) add(c market.Candle, analyzedAt time.Time) {
	d.frame.Add(c, analyzedAt)
	d.price, d.live = c.Close, nil
	d.publish()
}

// AnalyzedDF implements rpc.Candles: the closed candles, as freqtrade's
// producer sends them. It reads the pairs' views, not the bot: a flood of
// requests never waits for nor delays the bot's lock.
func (b *Bot) AnalyzedDF(_ context.Context, pair string, limit int) ([]apiclient.AnalyzedDF, error) {
	l := b.lists.Load()
	out := []apiclient.AnalyzedDF{}
	if l == nil {
		return out, nil
	}
	pairs := l.whitelist
	if pair != "" {
		pairs = []string{pair}
	}
	for _, p := range pairs {
		d, ok := l.pairs[p]
		if !ok {
			continue
		}
		out = append(out, d.view.Load().frame.AnalyzedDF(l.timeframe, limit))
	}
	return out, nil
}

// PairCandles implements rpc.Candles: the live analyzed dataframe with
// freqtrade's helper columns (see strategy.History), ending with the
// candle in progress. Another timeframe answers an empty frame with that
// timeframe's timeframe_ms, as freqtrade does; a timeframe that is none is
// refused naming it. Like AnalyzedDF it reads the pair's view, without the
// bot's lock.
func (b *Bot) PairCandles(_ context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error) {
	l := b.lists.Load()
	if l == nil {
		return strategy.History(nil, nil, req, "", 0), nil
	}
	tf := l.tf
	if req.Timeframe != l.timeframe {
		var err error
		if tf, err = ParseTimeframe(req.Timeframe); err != nil {
			return apiclient.PairHistory{}, rpc.Invalid("timeframe", "%s", err)
		}
	}
	var f *strategy.Frame
	var live *market.Candle
	if d, ok := l.pairs[req.Pair]; ok {
		v := d.view.Load()
		f, live = v.frame, v.live
	}
	return strategy.History(f, live, req, l.timeframe, tf), nil
}
