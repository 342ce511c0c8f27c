package dryrun

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// errNoStake is returned when the stake for a new trade would be zero.
var errNoStake = errors.New("no stake available")

// stakeAmount returns the stake for a new trade: the fixed stake_amount, or
// for "unlimited" freqtrade's split: (available + tied up) / max_open_trades,
// capped at what is available.
func (b *Bot) stakeAmount() (float64, error) {
	w := b.wallet()
	available := w.Free
	stake := b.cfg.StakeAmount.Value
	if b.cfg.StakeAmount.Unlimited {
		if b.cfg.MaxOpenTrades <= 0 {
			return 0, errNoStake
		}
		stake = math.Min((available+w.TiedUp)/float64(b.cfg.MaxOpenTrades), available)
	}
	if stake <= 0 {
		return 0, errNoStake
	}
	if available < stake {
		return 0, fmt.Errorf("available balance (%.8g %s) is lower than stake amount (%.8g %s)",
			available, b.cfg.StakeCurrency, stake, b.cfg.StakeCurrency)
	}
	return metrics.Round8(stake), nil
}

// slotsFree reports whether max_open_trades allows another trade.
func (b *Bot) slotsFree() bool {
	return b.cfg.MaxOpenTrades < 0 || len(b.openBy) < b.cfg.MaxOpenTrades
}

// placeEntry opens a trade on pair with stake at the current rate, or at
// price for a limit order when given. A market order fills at once, and so
// does a limit order that crosses the rate (far across it: as a market
// order), as in freqtrade's dry run.
func (b *Bot) placeEntry(ctx context.Context, pair string, stake float64, price *float64, orderType, tag string) (*store.Trade, error) {
	rate := b.rate(pair, math.NaN())
	if math.IsNaN(rate) || rate <= 0 {
		return nil, fmt.Errorf("no rate for %s", pair)
	}
	prec := b.mkt.Precision(pair)
	limit := rate
	if orderType == "limit" && price != nil && *price > 0 {
		limit = prec.Price(*price)
	}
	amount := prec.Amount(stake / limit)
	if err := b.checkEntry(pair, stake, amount, limit); err != nil {
		return nil, err
	}
	orderType = b.orderTypeFor(pair, true, orderType, limit, rate)
	t := b.newTrade(pair, amount, limit, tag, prec)
	o := b.newOrder(t, "buy", orderType, amount, limit, t.EnterTag)
	t.Orders = []*store.Order{o}
	placed := metrics.EntryMsg(t, o, false, b.moment(t.Pair))
	b.fillNew(t, o, rate)
	if err := b.save(ctx, t); err != nil {
		return nil, err
	}
	b.addTrade(t)
	placed.TradeID = t.ID
	b.publish(placed)
	if !o.IsOpen {
		b.reportFill(ctx, t, o)
	}
	return t, nil
}

// entryError is an entry refused for its size: an amount that rounds to
// nothing (or is not finite), or a cost below the market minimum.
type entryError struct {
	noAmount bool
	msg      string
}

func (e *entryError) Error() string { return e.msg }

// checkEntry refuses an entry of amount at limit for stake that rounds to
// nothing, is not finite, or costs less than the market minimum.
func (b *Bot) checkEntry(pair string, stake, amount, limit float64) error {
	if !(amount > 0) || math.IsInf(amount, 0) {
		return &entryError{noAmount: true, msg: fmt.Sprintf("a stake of %.8g %s at %.8g buys %.8g %s: no order",
			stake, b.cfg.StakeCurrency, limit, amount, pair)}
	}
	if value := amount * limit; !(value >= b.cfg.Market.MinNotional) {
		return &entryError{msg: fmt.Sprintf("stake amount %.8g %s for %s is below the minimum of %.8g",
			stake, b.cfg.StakeCurrency, pair, b.cfg.Market.MinNotional)}
	}
	return nil
}

// newTrade builds an open trade of amount at rate with nothing filled yet.
func (b *Bot) newTrade(pair string, amount, rate float64, tag string, prec market.Precision) *store.Trade {
	base, quote, _ := market.SplitPair(pair)
	stake := market.Clean(amount * rate)
	t := &store.Trade{
		Exchange: b.cfg.Exchange, Pair: pair, BaseCurrency: apiclient.Ptr(base), StakeCurrency: apiclient.Ptr(b.cfg.StakeCurrency),
		IsOpen: true, FeeOpen: b.cfg.Fee, FeeOpenCurrency: apiclient.Ptr(quote), FeeClose: b.cfg.Fee, FeeCloseCurrency: apiclient.Ptr(quote),
		OpenRate: rate, OpenRateRequested: apiclient.Ptr(rate), OpenTradeValue: metrics.OpenValue(amount, rate, b.cfg.Fee),
		StakeAmount: stake, AmountRequested: apiclient.Ptr(amount), OpenDate: b.now, Strategy: apiclient.Ptr(StrategyName),
		Timeframe: apiclient.Ptr(int(b.tf.Minutes())), TradingMode: apiclient.Ptr("SPOT"), Leverage: apiclient.Ptr(1.0), RecordVersion: 2,
		AmountPrecision: apiclient.Ptr(prec.Step), PricePrecision: apiclient.Ptr(prec.Tick),
		PrecisionMode: apiclient.Ptr(market.PrecisionTickSize), PrecisionModePrice: apiclient.Ptr(market.PrecisionTickSize),
	}
	if tag != "" {
		t.EnterTag = apiclient.Ptr(tag)
	}
	adjustStoploss(t, rate, b.cfg.Stoploss)
	return t
}

// runEntries opens trades on whitelisted pairs whose last candle signals an
// entry, while slots, stake and locks allow.
func (b *Bot) runEntries(ctx context.Context) error {
	if b.state != rpc.StateRunning || !b.slotsFree() {
		return nil
	}
	if l := b.activeLock("*", "long"); l != nil {
		if b.globalLockLogged != l.ID {
			b.globalLockLogged = l.ID
			b.logf(levelInfo, logBot, "Global pairlock active until %s. Not creating new trades, reason: %s.",
				fmtDate(l.LockEndTime), apiclient.Deref(l.Reason))
		}
		return nil
	}
	for _, pair := range b.whitelist {
		if !b.slotsFree() {
			return nil
		}
		d, ok := b.pairs[pair]
		if !ok || b.openBy[pair] != nil {
			continue
		}
		r := d.frame.Last()
		if r == nil || !r.EnterLong {
			continue
		}
		if l := b.activeLock(pair, "long"); l != nil {
			b.logf(levelInfo, logBot, "Pair %s is currently locked until %s.", pair, fmtDate(l.LockEndTime))
			continue
		}
		stake, err := b.stakeAmount()
		if err != nil {
			b.logf(levelWarning, logWallets, "Not entering %s: %v", pair, err)
			return nil
		}
		b.logf(levelInfo, logBot, "Long signal found: about create a new trade for %s with stake_amount: %s ...",
			pair, fmtNum(stake))
		if _, err := b.placeEntry(ctx, pair, stake, nil, b.cfg.OrderTypes.Entry, r.EnterTag); err != nil {
			if isStoreError(err) {
				return err
			}
			b.logf(levelWarning, logBot, "Unable to create trade for %s: %v", pair, err)
		}
	}
	return nil
}
