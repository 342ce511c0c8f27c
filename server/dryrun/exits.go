package dryrun

import (
	"context"
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/dryrun/strategy"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// The exit reasons the bot writes, as freqtrade's ExitType values.
const (
	exitROI          = "roi"
	exitStopLoss     = "stop_loss"
	exitTrailingStop = "trailing_stop_loss"
	exitSignal       = "exit_signal"
	exitForce        = "force_exit"
)

// adjustStoploss sets the stop at price*(1-|ratio|), rounded up to the
// trade's price precision: the first time as the initial stop, later only
// upwards (a trailing move), as freqtrade does.
func adjustStoploss(t *store.Trade, price, ratio float64) bool {
	stop := price * (1 - math.Abs(ratio))
	if tick := apiclient.Deref(t.PricePrecision); tick > 0 {
		stop = market.Precision{Tick: tick}.PriceUp(stop)
	}
	pct := -math.Abs(ratio)
	if t.InitialStopLossPct == nil || t.StopLoss == nil {
		t.StopLoss, t.StopLossPct = apiclient.Ptr(stop), apiclient.Ptr(pct)
		t.InitialStopLoss, t.InitialStopLossPct = apiclient.Ptr(stop), apiclient.Ptr(pct)
		return true
	}
	if stop > *t.StopLoss {
		t.StopLoss, t.StopLossPct, t.IsStopLossTrailing = apiclient.Ptr(stop), apiclient.Ptr(pct), true
		return true
	}
	return false
}

// trail moves t's trailing stop for price under c, with freqtrade's
// trailing_stop_positive and offset semantics.
func trail(c Config, t *store.Trade, price float64) bool {
	if !c.TrailingStop {
		return false
	}
	_, profit := metrics.ProfitAt(t, price, t.Amount, t.OpenRate)
	if c.TrailingOnlyOffsetIsReached && profit < c.TrailingStopPositiveOffset {
		return false
	}
	ratio := c.Stoploss
	if c.TrailingStopPositive > 0 && profit > c.TrailingStopPositiveOffset {
		ratio = -c.TrailingStopPositive
	}
	return adjustStoploss(t, price, ratio)
}

// roiFor returns the ratio of the minimal_roi table steps that applies
// after minutes.
func roiFor(steps []roiStep, minutes int) (float64, bool) {
	ratio, ok := 0.0, false
	for _, s := range steps {
		if s.minutes <= minutes {
			ratio, ok = s.ratio, true
		}
	}
	return ratio, ok
}

// exitReason decides whether t exits at price at bot time now, given the
// last analyzed row (of candles tf long) and the minimal_roi steps: the
// exit signal first, then the stoploss, then the ROI table. The exit
// signal counts only from a candle that closed after the trade opened: a
// trade entered (or force-entered) on a candle that already signalled an
// exit lives until the next candle says so again.
func exitReason(t *store.Trade, price float64, r *strategy.Row, tf time.Duration, now time.Time, steps []roiStep) string {
	if r != nil && r.ExitLong && r.Date.Add(tf).After(t.OpenDate) {
		return exitSignal
	}
	if t.StopLoss != nil && price <= *t.StopLoss {
		if t.IsStopLossTrailing {
			return exitTrailingStop
		}
		return exitStopLoss
	}
	minutes := int(now.Sub(t.OpenDate).Minutes())
	if roi, ok := roiFor(steps, minutes); ok {
		if _, profit := metrics.ProfitAt(t, price, t.Amount, t.OpenRate); profit > roi {
			return exitROI
		}
	}
	return ""
}

// checkExit updates t's rate range and trailing stop at price and places an
// exit order when an exit condition holds.
func (b *Bot) checkExit(ctx context.Context, t *store.Trade, price float64, r *strategy.Row) error {
	if !t.IsOpen || metrics.HasOpenOrders(t) || !metrics.HasFilledEntry(t) || b.state == rpc.StateStopped {
		return nil
	}
	changed := trail(b.cfg, t, price)
	if t.MaxRate == nil || price > *t.MaxRate {
		t.MaxRate, changed = apiclient.Ptr(price), true
	}
	if t.MinRate == nil || price < *t.MinRate {
		t.MinRate, changed = apiclient.Ptr(price), true
	}
	if changed {
		b.markDirty(t)
	}
	reason := exitReason(t, price, r, b.tf, b.now, b.roi)
	if reason == "" {
		return nil
	}
	orderType := b.cfg.OrderTypes.Exit
	if reason == exitStopLoss || reason == exitTrailingStop {
		orderType = b.cfg.OrderTypes.Stoploss
	}
	b.logf(levelInfo, logBot, "Exit for %s detected. Reason: %s", t.Pair, reason)
	_, err := b.placeExit(ctx, t, price, reason, orderType, nil, nil)
	return err
}

// placeExit places an exit order for amount (nil: the whole position) of t
// at rate, or at limitPrice for a limit order when given. A market order
// fills at once, and so does a limit order that crosses the rate (far
// across it: as a market order), as in freqtrade's dry run. It returns t's
// current version.
func (b *Bot) placeExit(ctx context.Context, t *store.Trade, rate float64, reason, orderType string, amount, limitPrice *float64) (*store.Trade, error) {
	prec := b.mkt.Precision(t.Pair)
	nt := cloneTrade(t)
	qty := nt.Amount
	if amount != nil && *amount > 0 && *amount < nt.Amount {
		qty = prec.Amount(*amount)
	}
	price := rate
	if orderType == "limit" && limitPrice != nil && *limitPrice > 0 {
		price = prec.Price(*limitPrice)
	}
	orderType = b.orderTypeFor(t.Pair, false, orderType, price, rate)
	o := b.newOrder(nt, "sell", orderType, qty, price, nil)
	nt.Orders = append(nt.Orders, o)
	nt.ExitReason, nt.CloseRateRequested = apiclient.Ptr(reason), apiclient.Ptr(price)
	placed := metrics.ExitMsg(nt, o, false, b.moment(nt.Pair))
	b.fillNew(nt, o, rate)
	if err := b.save(ctx, nt); err != nil {
		return t, err
	}
	b.replace(nt)
	b.publish(placed)
	if !o.IsOpen {
		b.reportFill(ctx, nt, o)
	}
	return nt, nil
}
