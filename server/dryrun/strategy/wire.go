package strategy

import (
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
)

// Columns are the analyzed dataframe's columns, in order.
func Columns() []string {
	return []string{"date", "open", "high", "low", "close", "volume", "ema_fast", "ema_slow", "rsi",
		"enter_long", "exit_long", "enter_short", "exit_short", "enter_tag", "exit_tag"}
}

// helperColumns are the columns /pair_candles adds to Columns.
func helperColumns() []string {
	return []string{"__date_ts", "_enter_long_signal_close", "_exit_long_signal_close",
		"_enter_short_signal_close", "_exit_short_signal_close"}
}

// cells returns r's values in Columns order; date is given by the caller
// (epoch ms on the WebSocket, ISO text over REST).
func (r *Row) cells(date any) []any {
	var tag any
	if r.EnterTag != "" {
		tag = r.EnterTag
	}
	return []any{date, r.Open, r.High, r.Low, r.Close, r.Volume, num(r.EMAFast), num(r.EMASlow), num(r.RSI),
		flag(r.EnterLong), flag(r.ExitLong), 0, 0, tag, nil}
}

// num turns NaN and ±Inf into null and keeps 8 decimals of the rest.
func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	if p := v * 1e8; !math.IsInf(p, 0) {
		return math.Round(p) / 1e8
	}
	return v
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wsFrame encodes rows as the WebSocket's dataframe (dates in epoch ms).
func wsFrame(rows []Row, first int64) apiclient.DataFrame {
	df := apiclient.DataFrame{Columns: Columns(), Index: make([]int64, len(rows)), Data: make([][]any, len(rows))}
	for i := range rows {
		df.Index[i] = first + int64(i)
		df.Data[i] = rows[i].cells(apiclient.Millis(rows[i].Date))
	}
	return df
}

// AnalyzedDF is the WebSocket form of f's newest n rows (all when n <= 0)
// on timeframe.
func (f *Frame) AnalyzedDF(timeframe string, n int) apiclient.AnalyzedDF {
	rows, first := f.Tail(n)
	return apiclient.AnalyzedDF{Key: apiclient.PairKey{f.pair, timeframe, "spot"},
		DF: wsFrame(rows, first), LA: apiclient.WSTime{Time: f.lastAnalyzed}}
}

// CandleMsgs returns the analyzed_df (newest row) and new_candle messages
// of a freshly analyzed frame on timeframe.
func (f *Frame) CandleMsgs(timeframe string) (apiclient.AnalyzedDFMsg, apiclient.NewCandleMsg) {
	df := apiclient.AnalyzedDFMsg{Type: apiclient.MsgAnalyzedDF, Data: f.AnalyzedDF(timeframe, 1)}
	return df, apiclient.NewCandleMsg{Type: apiclient.MsgNewCandle, Data: df.Data.Key}
}

// History is the /pair_candles answer for req from f (nil when the pair is
// unknown), the frame of timeframe tfName, with freqtrade's helper columns.
// live, when given, is the candle in progress: it ends the data with its
// provisional row (see Frame.Provisional), so the chart moves as the price
// does. An unknown pair or another timeframe gives an empty frame, as in
// freqtrade; tf is the requested timeframe's length (timeframe_ms).
func History(f *Frame, live *market.Candle, req apiclient.PairCandlesRequest, tfName string, tf time.Duration) apiclient.PairHistory {
	h := apiclient.PairHistory{Strategy: Name, Pair: req.Pair, Timeframe: req.Timeframe,
		TimeframeMs: tf.Milliseconds(), AllColumns: Columns(), Data: [][]any{}, Annotations: []map[string]any{}}
	columns := append(Columns(), helperColumns()...)
	if f == nil || req.Timeframe != tfName || len(f.rows) == 0 {
		h.Columns = columns
		return h
	}
	limit := apiclient.Deref(req.Limit)
	rows, _ := f.Tail(limit)
	if live != nil && live.Date.After(rows[len(rows)-1].Date) {
		rows = append(append(make([]Row, 0, len(rows)+1), rows...), f.Provisional(*live))
		if limit > 0 && len(rows) > limit {
			rows = rows[len(rows)-limit:]
		}
	}
	keep := selectColumns(req.Columns)
	for i := range rows {
		h.Data = append(h.Data, pick(candleRow(&rows[i]), columns, keep))
		h.EnterLongSignals += flag(rows[i].EnterLong)
		h.ExitLongSignals += flag(rows[i].ExitLong)
	}
	h.Columns = pick(columns, columns, keep)
	h.Length = len(h.Data)
	h.BuySignals, h.SellSignals = h.EnterLongSignals, h.ExitLongSignals
	h.LastAnalyzed = apiclient.ISOTime{Time: f.lastAnalyzed}
	h.LastAnalyzedTS = f.lastAnalyzed.Unix()
	first, last := rows[0].Date, rows[len(rows)-1].Date
	h.DataStart, h.DataStartTS = pandasTime(first), apiclient.Millis(first)
	h.DataStop, h.DataStopTS = pandasTime(last), apiclient.Millis(last)
	return h
}

// candleRow is one REST row: the frame cells plus the helper columns.
func candleRow(r *Row) []any {
	cells := r.cells(r.Date.UTC().Format("2006-01-02T15:04:05Z"))
	var enterClose, exitClose any
	if r.EnterLong {
		enterClose = r.Close
	}
	if r.ExitLong {
		exitClose = r.Close
	}
	return append(cells, apiclient.Millis(r.Date), enterClose, exitClose, nil, nil)
}

// selectColumns returns which of Columns+helpers to keep: everything
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
