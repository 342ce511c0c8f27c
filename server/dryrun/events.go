package dryrun

import (
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/store"
)

// publish queues m for the event consumer without ever blocking: when the
// channel is full the message is dropped and counted. The caller holds b.mu
// and has committed whatever m reports.
func (b *Bot) publish(m apiclient.Message) {
	if b.closed {
		return
	}
	select {
	case b.events <- m:
	default:
		b.dropped++
	}
}

// reportDrops logs, at most once a minute, how many messages were dropped.
func (b *Bot) reportDrops() {
	now := b.opts.clock()
	if b.dropped == 0 || now.Sub(b.lastDrp) < time.Minute {
		return
	}
	b.lastDrp = now
	b.logf(levelWarning, logRPC, "Event consumer is not keeping up: %d messages dropped so far.", b.dropped)
}

// Dropped returns how many event messages were dropped because the consumer
// fell behind.
func (b *Bot) Dropped() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.dropped
}

func (b *Bot) status(typ apiclient.MessageType, text string) {
	b.publish(apiclient.StatusMsg{Type: typ, Status: text})
}

// entryFields builds the payload shared by entry and exit messages.
func (b *Bot) entryFields(t *store.Trade, o *store.Order, fill bool) apiclient.EntryFields {
	base, quote, _ := market.SplitPair(t.Pair)
	rate := metrics.SafePrice(o)
	amount := apiclient.Deref(o.Amount)
	if fill {
		amount = apiclient.Deref(o.Filled)
	}
	f := apiclient.EntryFields{
		TradeID: t.ID, BuyTag: t.EnterTag, EnterTag: t.EnterTag, Exchange: capitalize(t.Exchange),
		Pair: t.Pair, Leverage: apiclient.Ptr(1.0), Direction: "Long", Limit: rate, OrderRate: rate,
		OpenRate: t.OpenRate, OrderType: apiclient.Deref(o.OrderType), StakeAmount: metrics.Round8(t.StakeAmount),
		StakeCurrency: b.cfg.StakeCurrency, BaseCurrency: base, QuoteCurrency: quote,
		Amount: metrics.Round8(amount), OpenDate: apiclient.WSTime{Time: t.OpenDate},
	}
	if f.OrderType == "" {
		f.OrderType = "unknown"
	}
	if !fill {
		f.CurrentRate = apiclient.Ptr(b.rate(t.Pair, t.OpenRate))
	}
	return f
}

func (b *Bot) entryMsg(t *store.Trade, o *store.Order, fill bool) apiclient.EntryMsg {
	typ := apiclient.MsgEntry
	if fill {
		typ = apiclient.MsgEntryFill
	}
	return apiclient.EntryMsg{Type: typ, EntryFields: b.entryFields(t, o, fill)}
}

// exitMsg builds an exit or exit_fill message for exit order o.
func (b *Bot) exitMsg(t *store.Trade, o *store.Order, fill bool) apiclient.ExitMsg {
	f := b.entryFields(t, o, fill)
	// A partial exit: the trade stays open after it fills.
	f.SubTrade = t.IsOpen && (fill || apiclient.Deref(o.Amount) < t.Amount-1e-12)
	rate := metrics.SafePrice(o)
	amount := apiclient.Deref(o.Amount)
	if fill {
		amount = apiclient.Deref(o.Filled)
	}
	abs, ratio := metrics.ProfitAt(t, rate, amount, t.OpenRate)
	m := apiclient.ExitMsg{Type: apiclient.MsgExit, EntryFields: f, CloseRate: rate,
		ProfitAmount: abs, ProfitRatio: ratio, ExitReason: t.ExitReason,
		CloseDate: apiclient.WSTime{Time: b.now}, CumulativeProfit: t.RealizedProfit, IsFinalExit: !t.IsOpen}
	if fill {
		m.Type = apiclient.MsgExitFill
	} else {
		m.ProfitAmount = metrics.Round8(abs + t.RealizedProfit)
	}
	if t.CloseDate != nil {
		m.CloseDate = apiclient.WSTime{Time: *t.CloseDate}
	}
	if !t.IsOpen {
		m.FinalProfitRatio = t.CloseProfit
	}
	if m.ProfitRatio > 0 {
		m.Gain = "profit"
	} else {
		m.Gain = "loss"
	}
	return m
}

func (b *Bot) entryCancelMsg(t *store.Trade, o *store.Order, reason string) apiclient.EntryCancelMsg {
	f := b.entryFields(t, o, false)
	f.OpenDate.Naive = true
	return apiclient.EntryCancelMsg{Type: apiclient.MsgEntryCancel, EntryFields: f, Reason: reason}
}

func (b *Bot) exitCancelMsg(t *store.Trade, o *store.Order, reason string, exitReason *string) apiclient.ExitCancelMsg {
	f := b.entryFields(t, o, false)
	f.OpenDate.Naive = true
	rate := b.rate(t.Pair, metrics.SafePrice(o))
	abs, ratio := metrics.ProfitAt(t, rate, t.Amount, t.OpenRate)
	m := apiclient.ExitCancelMsg{Type: apiclient.MsgExitCancel, EntryFields: f, Reason: reason,
		ProfitAmount: abs, ProfitRatio: ratio, ExitReason: exitReason, Gain: "loss",
		CloseDate: apiclient.WSTime{Time: b.now}}
	if ratio > 0 {
		m.Gain = "profit"
	}
	return m
}

func (b *Bot) protectionMsg(l *store.Lock) apiclient.ProtectionMsg {
	m := apiclient.ProtectionMsg{Type: apiclient.MsgProtectionTrigger, Lock: lockJSON(l)}
	if l.Pair == "*" {
		m.Type = apiclient.MsgProtectionTriggerGlobal
	} else if base, _, ok := market.SplitPair(l.Pair); ok {
		m.BaseCurrency = &base
	}
	return m
}

// candleMsgs returns the analyzed_df (last row) and new_candle messages of
// one freshly analyzed pair.
func (b *Bot) candleMsgs(d *pairData) (apiclient.AnalyzedDFMsg, apiclient.NewCandleMsg) {
	df := apiclient.AnalyzedDFMsg{Type: apiclient.MsgAnalyzedDF, Data: d.frame.AnalyzedDF(b.cfg.Timeframe, 1)}
	return df, apiclient.NewCandleMsg{Type: apiclient.MsgNewCandle, Data: df.Data.Key}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
