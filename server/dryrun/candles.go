package dryrun

import (
	"context"
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// frameColumns are the analyzed dataframe's columns, in order.
func frameColumns() []string {
	return []string{"date", "open", "high", "low", "close", "volume", "ema_fast", "ema_slow", "rsi",
		"enter_long", "exit_long", "enter_short", "exit_short", "enter_tag", "exit_tag"}
}

// cells returns r's values in frameColumns order; date is given by the
// caller (epoch ms on the WebSocket, ISO text over REST).
func (r *row) cells(date any) []any {
	var tag any
	if r.enterTag != "" {
		tag = r.enterTag
	}
	return []any{date, r.Open, r.High, r.Low, r.Close, r.Volume, num(r.emaFast), num(r.emaSlow), num(r.rsi),
		flag(r.enterLong), flag(r.exitLong), 0, 0, tag, nil}
}

// num turns NaN and ±Inf into null.
func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return round8(v)
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wsFrame encodes rows as the WebSocket's dataframe (dates in epoch ms).
func wsFrame(rows []row, first int64) apiclient.DataFrame {
	df := apiclient.DataFrame{Columns: frameColumns(), Index: make([]int64, len(rows)), Data: make([][]any, len(rows))}
	for i := range rows {
		df.Index[i] = first + int64(i)
		df.Data[i] = rows[i].cells(apiclient.Millis(rows[i].Date))
	}
	return df
}

// AnalyzedDF implements rpc.Candles.
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
		out = append(out, b.analyzedDF(d, limit))
	}
	return out, nil
}

// analyzedDF is the WebSocket form of d's newest n rows (all when n <= 0).
func (b *Bot) analyzedDF(d *pairData, n int) apiclient.AnalyzedDF {
	rows, first := d.tail(n)
	return apiclient.AnalyzedDF{Key: apiclient.PairKey{d.pair, b.cfg.Timeframe, "spot"},
		DF: wsFrame(rows, first), LA: apiclient.WSTime{Time: d.lastAnalyzed}}
}

// PairCandles implements rpc.Candles: the live analyzed dataframe with
// freqtrade's helper columns. An unknown pair or timeframe gives an empty
// frame, as in freqtrade.
func (b *Bot) PairCandles(_ context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	h := apiclient.PairHistory{Strategy: StrategyName, Pair: req.Pair, Timeframe: req.Timeframe,
		TimeframeMs: b.tf.Milliseconds(), AllColumns: frameColumns(), Data: [][]any{}, Annotations: []map[string]any{}}
	columns := append(frameColumns(), helperColumns()...)
	d, ok := b.pairs[req.Pair]
	if !ok || req.Timeframe != b.cfg.Timeframe || len(d.rows) == 0 {
		h.Columns = columns
		return h, nil
	}
	rows, _ := d.tail(apiclient.Deref(req.Limit))
	keep := selectColumns(req.Columns)
	for i := range rows {
		h.Data = append(h.Data, pick(candleRow(&rows[i]), columns, keep))
		h.EnterLongSignals += flag(rows[i].enterLong)
		h.ExitLongSignals += flag(rows[i].exitLong)
	}
	h.Columns = pick(columns, columns, keep)
	h.Length = len(h.Data)
	h.BuySignals, h.SellSignals = h.EnterLongSignals, h.ExitLongSignals
	h.LastAnalyzed = apiclient.ISOTime{Time: d.lastAnalyzed}
	h.LastAnalyzedTS = d.lastAnalyzed.Unix()
	first, last := rows[0].Date, rows[len(rows)-1].Date
	h.DataStart, h.DataStartTS = pandasTime(first), apiclient.Millis(first)
	h.DataStop, h.DataStopTS = pandasTime(last), apiclient.Millis(last)
	return h, nil
}

func helperColumns() []string {
	return []string{"__date_ts", "_enter_long_signal_close", "_exit_long_signal_close",
		"_enter_short_signal_close", "_exit_short_signal_close"}
}

// candleRow is one REST row: the frame cells plus the helper columns.
func candleRow(r *row) []any {
	cells := r.cells(r.Date.UTC().Format("2006-01-02T15:04:05Z"))
	var enterClose, exitClose any
	if r.enterLong {
		enterClose = r.Close
	}
	if r.exitLong {
		exitClose = r.Close
	}
	return append(cells, apiclient.Millis(r.Date), enterClose, exitClose, nil, nil)
}

// selectColumns returns which of frameColumns+helpers to keep: everything
// when cols is empty, else OHLCV, signals, helpers and the listed columns.
func selectColumns(cols []string) map[string]bool {
	if len(cols) == 0 {
		return nil
	}
	keep := map[string]bool{}
	for _, c := range []string{"date", "open", "high", "low", "close", "volume", "enter_long", "exit_long",
		"enter_short", "exit_short", "enter_tag", "exit_tag"} {
		keep[c] = true
	}
	for _, c := range append(helperColumns(), cols...) {
		keep[c] = true
	}
	return keep
}

// pick keeps the values whose column (names[i]) is in keep; all of them
// when keep is nil.
func pick[T any](vals []T, names []string, keep map[string]bool) []T {
	if keep == nil {
		return vals
	}
	out := make([]T, 0, len(keep))
	for i, name := range names {
		if keep[name] {
			out = append(out, vals[i])
		}
	}
	return out
}

// pandasTime formats t as str(pandas.Timestamp) does for UTC values.
func pandasTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") + "+00:00" }
