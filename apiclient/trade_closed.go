package apiclient

import "time"

// RealisedProfit returns a closed trade's profit: close_profit_abs and
// close_profit, falling back to profit_abs and profit_ratio (ok is false
// when no ratio is known), or realized_profit for the amount.
func (t TradeCore) RealisedProfit() (abs, ratio float64, ok bool) {
	switch {
	case t.CloseProfitAbs != nil:
		abs = *t.CloseProfitAbs
	case t.ProfitAbs != nil:
		abs = *t.ProfitAbs
	default:
		abs = t.RealizedProfit
	}
	switch {
	case t.CloseProfit != nil:
		return abs, *t.CloseProfit, true
	case t.ProfitRatio != nil:
		return abs, *t.ProfitRatio, true
	}
	return abs, 0, false
}

// Duration returns how long a closed trade was open: trade_duration_s, or
// the close time minus the open time; ok is false when neither is known.
func (t RawTrade) Duration() (d time.Duration, ok bool) {
	if t.TradeDurationS != nil {
		return time.Duration(*t.TradeDurationS) * time.Second, true
	}
	if t.CloseTimestamp == nil || t.OpenTimestamp == 0 {
		return 0, false
	}
	return t.ClosedAt().Sub(t.OpenedAt()), true
}
