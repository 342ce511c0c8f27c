package metrics

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/store"
)

// The wire forms of trades, orders and locks. rate is the trade's pair's
// current rate (its open rate when the market has none); closed trades
// ignore it.

// tradeCore builds the keys shared by every trade JSON variant.
func tradeCore(t *store.Trade, rate float64) apiclient.TradeCore {
	base, quote, _ := market.SplitPair(t.Pair)
	c := apiclient.TradeCore{
		TradeID: t.ID, Pair: t.Pair, BaseCurrency: base, QuoteCurrency: quote, IsOpen: t.IsOpen,
		IsShort: t.IsShort, Exchange: t.Exchange, Amount: Round8(t.Amount),
		AmountRequested: t.AmountRequested, StakeAmount: Round8(t.StakeAmount), MaxStakeAmount: t.MaxStakeAmount,
		Strategy: apiclient.Deref(t.Strategy), EnterTag: t.EnterTag, Timeframe: apiclient.Deref(t.Timeframe),
		FeeOpen: apiclient.Ptr(t.FeeOpen), FeeOpenCost: t.FeeOpenCost, FeeOpenCurrency: t.FeeOpenCurrency,
		FeeClose: apiclient.Ptr(t.FeeClose), FeeCloseCost: t.FeeCloseCost, FeeCloseCurrency: t.FeeCloseCurrency,
		OpenDate: apiclient.FormatDate(t.OpenDate), OpenTimestamp: apiclient.Millis(t.OpenDate),
		OpenRate: t.OpenRate, OpenRateRequested: t.OpenRateRequested, OpenTradeValue: Round8(t.OpenTradeValue),
		CloseRate: t.CloseRate, CloseRateRequested: t.CloseRateRequested,
		CloseProfit: t.CloseProfit, CloseProfitAbs: t.CloseProfitAbs,
		RealizedProfit: t.RealizedProfit, RealizedProfitRatio: nonZero(t.CloseProfit),
		ExitReason: t.ExitReason, ExitOrderStatus: t.ExitOrderStatus,
		StopLossAbs: t.StopLoss, StopLossRatio: t.StopLossPct, StopLossPct: times100(t.StopLossPct),
		InitialStopLossAbs: t.InitialStopLoss, InitialStopLossRatio: t.InitialStopLossPct,
		InitialStopLossPct: times100(t.InitialStopLossPct), MinRate: t.MinRate, MaxRate: t.MaxRate,
		HasOpenOrders: HasOpenOrders(t), Leverage: apiclient.Ptr(deref2(t.Leverage, 1)),
		InterestRate: apiclient.Ptr(t.InterestRate), LiquidationPrice: t.LiquidationPrice, FundingFees: t.FundingFees,
		TradingMode: apiclient.Ptr("spot"), AmountPrecision: t.AmountPrecision, PricePrecision: t.PricePrecision,
		PrecisionMode: t.PrecisionMode,
	}
	if t.CloseProfit != nil && *t.CloseProfit != 0 {
		c.CloseProfitPct = apiclient.Ptr(RoundN(*t.CloseProfit*100, 2))
	}
	if t.CloseDate != nil {
		c.CloseDate = apiclient.Ptr(apiclient.FormatDate(*t.CloseDate))
		c.CloseTimestamp = apiclient.Ptr(apiclient.Millis(*t.CloseDate))
	}
	for _, o := range t.Orders {
		if !Filled(o) || o.IsOpen {
			continue
		}
		if IsEntry(o) {
			c.NrOfSuccessfulEntries++
			if c.OpenFillDate == nil && o.FilledDate != nil {
				c.OpenFillDate = apiclient.Ptr(apiclient.FormatDate(*o.FilledDate))
				c.OpenFillTimestamp = apiclient.Ptr(apiclient.Millis(*o.FilledDate))
			}
		} else {
			c.NrOfSuccessfulExits++
		}
	}
	setProfit(&c, t, rate)
	return c
}

// setProfit fills profit_ratio/pct/abs: at the current rate while open
// (0 before any entry filled), from the close profit once closed.
func setProfit(c *apiclient.TradeCore, t *store.Trade, rate float64) {
	if !t.IsOpen {
		c.ProfitRatio, c.ProfitAbs = t.CloseProfit, t.CloseProfitAbs
		if t.CloseProfit != nil {
			c.ProfitPct = apiclient.Ptr(RoundN(*t.CloseProfit*100, 2))
		}
		return
	}
	if !HasFilledEntry(t) {
		c.ProfitRatio, c.ProfitPct, c.ProfitAbs = apiclient.Ptr(0.0), apiclient.Ptr(0.0), apiclient.Ptr(0.0)
		return
	}
	p := ProfitOf(t, rate)
	c.ProfitRatio, c.ProfitPct, c.ProfitAbs = apiclient.Ptr(p.Ratio), apiclient.Ptr(RoundN(p.Ratio*100, 2)), apiclient.Ptr(p.Abs)
}

// TradeJSON is TradeSchema, as /forceenter returns it.
func TradeJSON(t *store.Trade, rate float64) apiclient.Trade {
	out := apiclient.Trade{TradeCore: tradeCore(t, rate), Orders: make([]apiclient.Order, 0, len(t.Orders))}
	for _, o := range t.Orders {
		if o.IsOpen || Filled(o) {
			out.Orders = append(out.Orders, orderJSON(o))
		}
	}
	return out
}

// OpenTradeJSON is OpenTradeSchema, as /status and /trade/{id} return it.
func OpenTradeJSON(t *store.Trade, rate float64) apiclient.OpenTrade {
	out := apiclient.OpenTrade{Trade: TradeJSON(t, rate)}
	if !t.IsOpen {
		out.CurrentRate = t.CloseRate
		out.TotalProfitAbs = apiclient.Deref(t.CloseProfitAbs)
		out.TotalProfitRatio = t.CloseProfit
		return out
	}
	out.CurrentRate = apiclient.Ptr(rate)
	if HasFilledEntry(t) {
		p := ProfitOf(t, rate)
		out.TotalProfitAbs, out.TotalProfitRatio = p.TotalAbs, apiclient.Ptr(p.TotalRatio)
	} else {
		out.TotalProfitRatio = apiclient.Ptr(0.0)
	}
	if t.StopLoss != nil && rate > 0 {
		dist := *t.StopLoss - rate
		out.StoplossCurrentDist = apiclient.Ptr(Round8(dist))
		out.StoplossCurrentDistRatio = apiclient.Ptr(Round8(dist / rate))
		out.StoplossCurrentDistPct = apiclient.Ptr(RoundN(dist/rate*100, 2))
		abs, ratio := ProfitAt(t, *t.StopLoss, t.Amount, t.OpenRate)
		out.StoplossEntryDist, out.StoplossEntryDistRatio = apiclient.Ptr(abs), apiclient.Ptr(ratio)
	}
	return out
}

// RawTradeJSON is Trade.to_json(), as /trades returns it.
func RawTradeJSON(t *store.Trade, rate float64) apiclient.RawTrade {
	out := apiclient.RawTrade{TradeCore: tradeCore(t, rate), Orders: make([]apiclient.RawOrder, 0, len(t.Orders)),
		PrecisionModePrice: t.PrecisionModePrice, ContractSize: t.ContractSize}
	for _, o := range t.Orders {
		if o.IsOpen || Filled(o) {
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
		Amount: apiclient.Deref(o.Amount), SafePrice: SafePrice(o), Cost: apiclient.Deref(o.Cost), Filled: o.Filled,
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
	out := apiclient.RawOrder{Order: orderJSON(o), FtIsEntry: IsEntry(o), Average: Round8(apiclient.Deref(o.Average)),
		Price: o.Price, FundingFee: o.FundingFee}
	if o.OrderDate != nil {
		out.OrderDate = apiclient.Ptr(apiclient.FormatDate(*o.OrderDate))
	}
	if o.FilledDate != nil {
		out.OrderFilledDate = apiclient.Ptr(apiclient.FormatDate(*o.FilledDate))
	}
	return out
}

// LockJSON is one lock as /locks returns it.
func LockJSON(l *store.Lock) apiclient.Lock {
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
