package dryrun

import (
	"context"
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/strategy"
	"github.com/freqdeck/freqdeck/server/store"
)

// pairData is one market pair: its analyzed dataframe, its candle in
// progress and its live price.
type pairData struct {
	frame *strategy.Frame
	live  *market.Candle // the candle in progress; nil before the first tick
	price float64        // current rate; NaN before the first tick
}

func newPairData(pair string, s Strategy) *pairData {
	return &pairData{frame: strategy.NewFrame(pair, s), price: math.NaN()}
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
}

// AnalyzedDF implements rpc.Candles: the closed candles, as freqtrade's
// producer sends them.
func (b *Bot) AnalyzedDF(_ context.Context, pair string, limit int) ([]apiclient.AnalyzedDF, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	pairs := b.whitelist
	if pair != "" {
		pairs = []string{pair}
	}
	out := []apiclient.AnalyzedDF{}
	for _, p := range pairs {
		d, ok := b.pairs[p]
		if !ok {
			continue
		}
		out = append(out, d.frame.AnalyzedDF(b.cfg.Timeframe, limit))
	}
	return out, nil
}

// PairCandles implements rpc.Candles: the live analyzed dataframe with
// freqtrade's helper columns (see strategy.History), ending with the
// candle in progress. Another timeframe answers an empty frame with that
// timeframe's timeframe_ms, as freqtrade does.
func (b *Bot) PairCandles(_ context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var f *strategy.Frame
	var live *market.Candle
	if d, ok := b.pairs[req.Pair]; ok {
		f, live = d.frame, d.live
	}
	tf := b.tf
	if req.Timeframe != b.cfg.Timeframe {
		tf, _ = ParseTimeframe(req.Timeframe)
	}
	return strategy.History(f, live, req, b.cfg.Timeframe, tf), nil
}
