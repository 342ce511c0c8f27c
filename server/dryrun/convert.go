package dryrun

import (
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/store"
)

// rate returns the pair's current rate, or fallback when the pair has no
// market data.
func (b *Bot) rate(pair string, fallback float64) float64 {
	if d, ok := b.pairs[pair]; ok && !math.IsNaN(d.price) {
		return d.price
	}
	return fallback
}

// tradeCore builds the keys shared by every trade JSON variant.
func (b *Bot) tradeCore(t *store.Trade) apiclient.TradeCore {
	base, quote, _ := market.SplitPair(t.Pair)
	c := apiclient.TradeCore{
		TradeID: t.ID, Pair: t.Pair, BaseCurrency: base, QuoteCurrency: quote, IsOpen: t.IsOpen,
		IsShort: t.IsShort, Exchange: t.Exchange, Amount: metrics.Round8(t.Amount),
		AmountRequested: t.AmountRequested, StakeAmount: metrics.Round8(t.StakeAmount), MaxStakeAmount: t.MaxStakeAmount,
		Strategy: apiclient.Deref(t.Strategy), EnterTag: t.EnterTag, Timeframe: apiclient.Deref(t.Timeframe),
		FeeOpen: apiclient.Ptr(t.FeeOpen), FeeOpenCost: t.FeeOpenCost, FeeOpenCurrency: t.FeeOpenCurrency,
		FeeClose: apiclient.Ptr(t.FeeClose), FeeCloseCost: t.FeeCloseCost, FeeCloseCurrency: t.FeeCloseCurrency,
		OpenDate: apiclient.FormatDate(t.OpenDate), OpenTimestamp: apiclient.Millis(t.OpenDate),
		OpenRate: t.OpenRate, OpenRateRequested: t.OpenRateRequested, OpenTradeValue: metrics.Round8(t.OpenTradeValue),
		CloseRate: t.CloseRate, CloseRateRequested: t.CloseRateRequested,
		CloseProfit: t.CloseProfit, CloseProfitAbs: t.CloseProfitAbs,
		RealizedProfit: t.RealizedProfit, RealizedProfitRatio: nonZero(t.CloseProfit),
		ExitReason: t.ExitReason, ExitOrderStatus: t.ExitOrderStatus,
		StopLossAbs: t.StopLoss, StopLossRatio: t.StopLossPct, StopLossPct: times100(t.StopLossPct),
		InitialStopLossAbs: t.InitialStopLoss, InitialStopLossRatio: t.InitialStopLossPct,
		InitialStopLossPct: times100(t.InitialStopLossPct), MinRate: t.MinRate, MaxRate: t.MaxRate,
		HasOpenOrders: metrics.HasOpenOrders(t), Leverage: apiclient.Ptr(deref2(t.Leverage, 1)),
		InterestRate: apiclient.Ptr(t.InterestRate), LiquidationPrice: t.LiquidationPrice, FundingFees: t.FundingFees,
		TradingMode: apiclient.Ptr("spot"), AmountPrecision: t.AmountPrecision, PricePrecision: t.PricePrecision,
		PrecisionMode: t.PrecisionMode,
	}
	if t.CloseProfit != nil && *t.CloseProfit != 0 {
		c.CloseProfitPct = apiclient.Ptr(metrics.RoundN(*t.CloseProfit*100, 2))
	}
	if t.CloseDate != nil {
		c.CloseDate = apiclient.Ptr(apiclient.FormatDate(*t.CloseDate))
		c.CloseTimestamp = apiclient.Ptr(apiclient.Millis(*t.CloseDate))
	}
	for _, o := range t.Orders {
		if !metrics.Filled(o) || o.IsOpen {
			continue
		}
		if metrics.IsEntry(o) {
			c.NrOfSuccessfulEntries++
			if c.OpenFillDate == nil && o.FilledDate != nil {
				c.OpenFillDate = apiclient.Ptr(apiclient.FormatDate(*o.FilledDate))
				c.OpenFillTimestamp = apiclient.Ptr(apiclient.Millis(*o.FilledDate))
			}
		} else {
			c.NrOfSuccessfulExits++
		}
	}
	b.setProfit(&c, t)
	return c
}

// setProfit fills profit_ratio/pct/abs: at the current rate while open
// (0 before any entry filled), from the close profit once closed.
func (b *Bot) setProfit(c *apiclient.TradeCore, t *store.Trade) {
	if !t.IsOpen {
		c.ProfitRatio, c.ProfitAbs = t.CloseProfit, t.CloseProfitAbs
		if t.CloseProfit != nil {
			c.ProfitPct = apiclient.Ptr(metrics.RoundN(*t.CloseProfit*100, 2))
		}
		return
	}
	if !metrics.HasFilledEntry(t) {
		c.ProfitRatio, c.ProfitPct, c.ProfitAbs = apiclient.Ptr(0.0), apiclient.Ptr(0.0), apiclient.Ptr(0.0)
		return
	}
	p := metrics.ProfitOf(t, b.rate(t.Pair, t.OpenRate))
	c.ProfitRatio, c.ProfitPct, c.ProfitAbs = apiclient.Ptr(p.Ratio), apiclient.Ptr(metrics.RoundN(p.Ratio*100, 2)), apiclient.Ptr(p.Abs)
}

// tradeJSON is TradeSchema, as /forceenter returns it.
func (b *Bot) tradeJSON(t *store.Trade) apiclient.Trade {
	out := apiclient.Trade{TradeCore: b.tradeCore(t), Orders: make([]apiclient.Order, 0, len(t.Orders))}
	for _, o := range t.Orders {
		if o.IsOpen || metrics.Filled(o) {
			out.Orders = append(out.Orders, orderJSON(o))
		}
	}
	return out
}

// openTradeJSON is OpenTradeSchema, as /status and /trade/{id} return it.
func (b *Bot) openTradeJSON(t *store.Trade) apiclient.OpenTrade {
	out := apiclient.OpenTrade{Trade: b.tradeJSON(t)}
	if !t.IsOpen {
		out.CurrentRate = t.CloseRate
		out.TotalProfitAbs = apiclient.Deref(t.CloseProfitAbs)
		out.TotalProfitRatio = t.CloseProfit
		return out
	}
	rate := b.rate(t.Pair, t.OpenRate)
	out.CurrentRate = apiclient.Ptr(rate)
	if metrics.HasFilledEntry(t) {
		p := metrics.ProfitOf(t, rate)
		out.TotalProfitAbs, out.TotalProfitRatio = p.TotalAbs, apiclient.Ptr(p.TotalRatio)
	} else {
		out.TotalProfitRatio = apiclient.Ptr(0.0)
	}
	if t.StopLoss != nil && rate > 0 {
		dist := *t.StopLoss - rate
		out.StoplossCurrentDist = apiclient.Ptr(metrics.Round8(dist))
		out.StoplossCurrentDistRatio = apiclient.Ptr(metrics.Round8(dist / rate))
		out.StoplossCurrentDistPct = apiclient.Ptr(metrics.RoundN(dist/rate*100, 2))
		abs, ratio := metrics.ProfitAt(t, *t.StopLoss, t.Amount, t.OpenRate)
		out.StoplossEntryDist, out.StoplossEntryDistRatio = apiclient.Ptr(abs), apiclient.Ptr(ratio)
	}
	return out
}

// rawTradeJSON is Trade.to_json(), as /trades returns it.
func (b *Bot) rawTradeJSON(t *store.Trade) apiclient.RawTrade {
	out := apiclient.RawTrade{TradeCore: b.tradeCore(t), Orders: make([]apiclient.RawOrder, 0, len(t.Orders)),
		PrecisionModePrice: t.PrecisionModePrice, ContractSize: t.ContractSize}
	for _, o := range t.Orders {
		if o.IsOpen || metrics.Filled(o) {
			out.Orders = append(out.Orders, rawOrderJSON(o))
		}
	}
	if t.CloseDate != nil {
		s := int64(t.CloseDate.Sub(t.OpenDate) / time.Second)
		out.TradeDurationS, out.TradeDuration = apiclient.Ptr(s), apiclient.Ptr(s/60)
	}
	return out
}

func orderJSON(o *store.Order) apiclient.Order {
	out := apiclient.Order{Pair: o.Pair, OrderID: o.OrderID, Status: apiclient.Deref(o.Status), Remaining: o.Remaining,
		Amount: apiclient.Deref(o.Amount), SafePrice: metrics.SafePrice(o), Cost: apiclient.Deref(o.Cost), Filled: o.Filled,
		FtOrderSide: o.Side, OrderType: apiclient.Deref(o.OrderType), IsOpen: o.IsOpen, FtFeeBase: o.FeeBase, FtOrderTag: o.Tag}
	if o.OrderDate != nil {
		out.OrderTimestamp = apiclient.Ptr(apiclient.Millis(*o.OrderDate))
	}
	if o.FilledDate != nil {
		out.OrderFilledTimestamp = apiclient.Ptr(apiclient.Millis(*o.FilledDate))
	}
	return out
}

func rawOrderJSON(o *store.Order) apiclient.RawOrder {
	out := apiclient.RawOrder{Order: orderJSON(o), FtIsEntry: metrics.IsEntry(o), Average: metrics.Round8(apiclient.Deref(o.Average)),
		Price: o.Price, FundingFee: o.FundingFee}
	if o.OrderDate != nil {
		out.OrderDate = apiclient.Ptr(apiclient.FormatDate(*o.OrderDate))
	}
	if o.FilledDate != nil {
		out.OrderFilledDate = apiclient.Ptr(apiclient.FormatDate(*o.FilledDate))
	}
	return out
}

func lockJSON(l *store.Lock) apiclient.Lock {
	return apiclient.Lock{ID: l.ID, Active: l.Active, LockEndTime: apiclient.FormatDate(l.LockEndTime),
		LockEndTimestamp: apiclient.Millis(l.LockEndTime), LockTime: apiclient.FormatDate(l.LockTime),
		LockTimestamp: apiclient.Millis(l.LockTime), Pair: l.Pair, Side: l.Side, Reason: l.Reason}
}

func times100(p *float64) *float64 {
	if p == nil {
		return nil
	}
	return apiclient.Ptr(*p * 100)
}

func nonZero(p *float64) *float64 {
	if p == nil || *p == 0 {
		return nil
	}
	return p
}

func deref2(p *float64, fallback float64) float64 {
	if p == nil {
		return fallback
	}
	return *p
}
