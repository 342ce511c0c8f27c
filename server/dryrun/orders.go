package dryrun

import (
	"context"
	"fmt"
	"math"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/store"
)

// Cancel reasons, as freqtrade words them.
const (
	reasonTimeout   = "cancelled due to timeout"
	reasonUser      = "user requested order cancel"
	reasonForceExit = "forcesold"
)

// farCross is how far past the price a limit order may be placed and still
// count as a limit order: freqtrade's dry run treats a limit order that
// crosses the price by more than 1 % as a market order.
const farCross = 0.01

// crossed reports whether a limit order at limit crosses price: a buy at or
// above it, a sell at or below it. Such an order fills at its limit.
func crossed(buy bool, limit, price float64) bool {
	if buy {
		return limit >= price
	}
	return limit <= price
}

// crossedFar reports whether a limit order at limit crosses price by more
// than farCross; it then becomes a market order.
func crossedFar(buy bool, limit, price float64) bool {
	if buy {
		return limit*(1-farCross) >= price
	}
	return limit*(1+farCross) <= price
}

// orderTypeFor is the type an order of orderType at limit gets when placed
// at price: a limit order far across the price becomes a market order, as
// in freqtrade's dry run, and the log says so.
func (b *Bot) orderTypeFor(pair string, buy bool, orderType string, limit, price float64) string {
	if orderType == "limit" && crossedFar(buy, limit, price) {
		b.logf(levelInfo, logExchange, "Converted order %s to market order due to price %s crossing spread by more than %.2f%%.",
			pair, fmtNum(limit), farCross*100)
		return "market"
	}
	return orderType
}

// fillNew fills a new order of t at once where freqtrade's dry run does: a
// market order at the rate moved by the slippage, a limit order that
// crosses the rate at its limit.
func (b *Bot) fillNew(t *store.Trade, o *store.Order, rate float64) {
	buy, limit := metrics.IsEntry(o), apiclient.Deref(o.Price)
	switch {
	case apiclient.Deref(o.OrderType) == "market":
		b.fill(t, o, b.mkt.Precision(t.Pair).Price(marketPrice(rate, b.cfg.Market.Slippage, buy)))
	case crossed(buy, limit, rate):
		b.fill(t, o, limit)
	}
}

// newOrder builds an open dry-run order. side is "buy" or "sell"; amount
// and price are on the market's precision.
func (b *Bot) newOrder(t *store.Trade, side, orderType string, amount, price float64, tag *string) *store.Order {
	b.orderSeq++
	return &store.Order{
		TradeID: t.ID, Side: side, Pair: t.Pair, IsOpen: true, FtAmount: amount, FtPrice: price,
		OrderID: fmt.Sprintf("dry_run_%s_%d", side, b.orderSeq), Status: apiclient.Ptr("open"),
		Symbol: apiclient.Ptr(t.Pair), OrderType: apiclient.Ptr(orderType), OrderSide: apiclient.Ptr(side),
		Price: apiclient.Ptr(price), Amount: apiclient.Ptr(amount), Filled: apiclient.Ptr(0.0),
		Remaining: apiclient.Ptr(amount), Cost: apiclient.Ptr(0.0), OrderDate: apiclient.Ptr(b.now),
		UpdateDate: apiclient.Ptr(b.now), Tag: tag,
	}
}

// marketPrice is where a market order fills: the rate moved against the
// taker by slippage (the caller rounds it to the market's precision).
func marketPrice(rate, slippage float64, buy bool) float64 {
	if buy {
		return rate * (1 + slippage)
	}
	return rate * (1 - slippage)
}

// fill marks o (an order of t) filled at price and recomputes t. When an
// exit leaves nothing, the trade closes. t must be a clone.
func (b *Bot) fill(t *store.Trade, o *store.Order, price float64) {
	amount := apiclient.Deref(o.Amount)
	cost := amount * price
	o.Status, o.IsOpen = apiclient.Ptr("closed"), false
	o.Filled, o.Remaining, o.Average, o.Cost = apiclient.Ptr(amount), apiclient.Ptr(0.0), apiclient.Ptr(price), apiclient.Ptr(metrics.Round8(cost))
	o.FilledDate, o.UpdateDate = apiclient.Ptr(b.now), apiclient.Ptr(b.now)
	if metrics.IsEntry(o) {
		first := !metrics.HasFilledEntryBut(t, o)
		metrics.Recalc(t)
		if first {
			t.StopLoss, t.InitialStopLossPct = nil, nil
			adjustStoploss(t, t.OpenRate, b.cfg.Stoploss)
			t.MaxRate, t.MinRate = apiclient.Ptr(price), apiclient.Ptr(price)
		}
		return
	}
	t.FeeCloseCost = apiclient.Ptr(metrics.Round8(apiclient.Deref(t.FeeCloseCost) + cost*t.FeeClose))
	remaining := metrics.Recalc(t)
	if remaining > 1e-12 {
		t.ExitReason = nil
		return
	}
	t.IsOpen = false
	t.CloseRate, t.CloseDate = apiclient.Ptr(price), apiclient.Ptr(b.now)
	t.ExitOrderStatus = apiclient.Ptr("closed")
}

// manageOrders fills limit orders the price crossed and cancels orders
// that timed out. It returns t's current version.
func (b *Bot) manageOrders(ctx context.Context, t *store.Trade, price float64) (*store.Trade, error) {
	for i := 0; t != nil && i < len(t.Orders); i++ {
		o := t.Orders[i]
		if !o.IsOpen {
			continue
		}
		limit := apiclient.Deref(o.Price)
		if crossed(metrics.IsEntry(o), limit, price) {
			nt, err := b.fillAndReport(ctx, t, i, limit)
			if err != nil {
				return t, err
			}
			t = nt
			continue
		}
		timeout := b.cfg.timeoutFor(metrics.IsEntry(o))
		if timeout > 0 && o.OrderDate != nil && b.now.Sub(*o.OrderDate) >= timeout {
			nt, err := b.cancelOrder(ctx, t, i, reasonTimeout)
			if err != nil {
				return t, err
			}
			t = nt
		}
	}
	return t, nil
}

// fillAndReport fills order i of t at price, commits, and reports the fill.
func (b *Bot) fillAndReport(ctx context.Context, t *store.Trade, i int, price float64) (*store.Trade, error) {
	nt := cloneTrade(t)
	no := nt.Orders[i]
	b.fill(nt, no, price)
	if err := b.save(ctx, nt); err != nil {
		return t, err
	}
	b.replace(nt)
	b.reportFill(ctx, nt, no)
	return nt, nil
}

// reportFill publishes and logs a committed fill, and runs the protections
// after a final exit.
func (b *Bot) reportFill(ctx context.Context, t *store.Trade, o *store.Order) {
	if metrics.IsEntry(o) {
		b.publish(metrics.EntryMsg(t, o, true, b.moment(t.Pair)))
		b.logf(levelInfo, logBot, "Fill entry order for %s: amount %.8g at %.8g (trade #%d).", t.Pair, apiclient.Deref(o.Filled), metrics.SafePrice(o), t.ID)
		return
	}
	b.publish(metrics.ExitMsg(t, o, true, b.moment(t.Pair)))
	if t.IsOpen {
		b.logf(levelInfo, logBot, "Partial exit of %s filled: %.8g at %.8g, %.8g left (trade #%d).", t.Pair, apiclient.Deref(o.Filled), metrics.SafePrice(o), t.Amount, t.ID)
		return
	}
	b.logf(levelInfo, logBot, "Closed trade #%d %s at %.8g: %s, profit %.8f %s (%.2f%%).", t.ID, t.Pair,
		metrics.SafePrice(o), apiclient.Deref(t.ExitReason), apiclient.Deref(t.CloseProfitAbs), b.cfg.StakeCurrency, apiclient.Deref(t.CloseProfit)*100)
	b.runProtections(ctx, t)
}

// cancelOrder cancels order i of t. An entry that filled nothing takes its trade with
// it (freqtrade deletes such trades); then the result is nil.
func (b *Bot) cancelOrder(ctx context.Context, t *store.Trade, i int, reason string) (*store.Trade, error) {
	nt := cloneTrade(t)
	no := nt.Orders[i]
	no.Status, no.IsOpen, no.CancelReason, no.UpdateDate = apiclient.Ptr("canceled"), false, apiclient.Ptr(reason), apiclient.Ptr(b.now)
	no.Remaining = apiclient.Ptr(math.Max(apiclient.Deref(no.Amount)-apiclient.Deref(no.Filled), 0))
	if metrics.IsEntry(no) {
		if !metrics.HasFilledEntry(nt) {
			if err := b.deleteTrade(ctx, t); err != nil {
				return t, err
			}
			b.publish(metrics.EntryCancelMsg(nt, no, reason, b.moment(nt.Pair)))
			b.logf(levelInfo, logBot, "Entry order for %s %s; removed trade #%d.", t.Pair, reason, t.ID)
			return nil, nil
		}
		if err := b.save(ctx, nt); err != nil {
			return t, err
		}
		b.replace(nt)
		b.publish(metrics.EntryCancelMsg(nt, no, reason, b.moment(nt.Pair)))
		return nt, nil
	}
	exitReason := nt.ExitReason
	nt.ExitReason, nt.ExitOrderStatus = nil, apiclient.Ptr(reason)
	if err := b.save(ctx, nt); err != nil {
		return t, err
	}
	b.replace(nt)
	b.publish(metrics.ExitCancelMsg(nt, no, reason, exitReason, b.moment(nt.Pair)))
	b.logf(levelInfo, logBot, "Exit order for %s %s (trade #%d).", t.Pair, reason, t.ID)
	return nt, nil
}
