package metrics

import (
	"math"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/store"
)

// Moment is what a trade message says besides the trade: the stake
// currency, the current rate of the trade's pair (NaN when the market has
// none) and the bot clock.
type Moment struct {
	StakeCurrency string
	Rate          float64
	Now           time.Time
}

// rate returns m.Rate, or fallback when there is none.
func (m Moment) rate(fallback float64) float64 {
	if math.IsNaN(m.Rate) {
		return fallback
	}
	return m.Rate
}

// entryFields builds the payload shared by entry and exit messages.
func entryFields(t *store.Trade, o *store.Order, fill bool, m Moment) apiclient.EntryFields {
	base, quote, _ := market.SplitPair(t.Pair)
	rate := SafePrice(o)
	amount := apiclient.Deref(o.Amount)
	if fill {
		amount = apiclient.Deref(o.Filled)
	}
	f := apiclient.EntryFields{
		TradeID: t.ID, BuyTag: t.EnterTag, EnterTag: t.EnterTag, Exchange: capitalize(t.Exchange),
		Pair: t.Pair, Leverage: apiclient.Ptr(1.0), Direction: "Long", Limit: rate, OrderRate: rate,
		OpenRate: t.OpenRate, OrderType: apiclient.Deref(o.OrderType), StakeAmount: Round8(t.StakeAmount),
		StakeCurrency: m.StakeCurrency, BaseCurrency: base, QuoteCurrency: quote,
		Amount: Round8(amount), OpenDate: apiclient.WSTime{Time: t.OpenDate},
	}
	if f.OrderType == "" {
		f.OrderType = "unknown"
	}
	if !fill {
		f.CurrentRate = apiclient.Ptr(m.rate(t.OpenRate))
	}
	return f
}

// EntryMsg is the entry (placed) or entry_fill message of entry order o.
func EntryMsg(t *store.Trade, o *store.Order, fill bool, m Moment) apiclient.EntryMsg {
	typ := apiclient.MsgEntry
	if fill {
		typ = apiclient.MsgEntryFill
	}
	return apiclient.EntryMsg{Type: typ, EntryFields: entryFields(t, o, fill, m)}
}

// ExitMsg is the exit (placed) or exit_fill message of exit order o.
func ExitMsg(t *store.Trade, o *store.Order, fill bool, m Moment) apiclient.ExitMsg {
	f := entryFields(t, o, fill, m)
	// A partial exit: the trade stays open after it fills.
	f.SubTrade = t.IsOpen && (fill || apiclient.Deref(o.Amount) < t.Amount-1e-12)
	rate := SafePrice(o)
	amount := apiclient.Deref(o.Amount)
	if fill {
		amount = apiclient.Deref(o.Filled)
	}
	abs, ratio := ProfitAt(t, rate, amount, t.OpenRate)
	msg := apiclient.ExitMsg{Type: apiclient.MsgExit, EntryFields: f, CloseRate: rate,
		ProfitAmount: abs, ProfitRatio: ratio, ExitReason: t.ExitReason,
		CloseDate: apiclient.WSTime{Time: m.Now}, CumulativeProfit: t.RealizedProfit, IsFinalExit: !t.IsOpen}
	if fill {
		msg.Type = apiclient.MsgExitFill
	} else {
		msg.ProfitAmount = Round8(abs + t.RealizedProfit)
	}
	if t.CloseDate != nil {
		msg.CloseDate = apiclient.WSTime{Time: *t.CloseDate}
	}
	if !t.IsOpen {
		msg.FinalProfitRatio = t.CloseProfit
	}
	if msg.ProfitRatio > 0 {
		msg.Gain = "profit"
	} else {
		msg.Gain = "loss"
	}
	return msg
}

// EntryCancelMsg is the entry_cancel message of entry order o.
func EntryCancelMsg(t *store.Trade, o *store.Order, reason string, m Moment) apiclient.EntryCancelMsg {
	f := entryFields(t, o, false, m)
	f.OpenDate.Naive = true
	return apiclient.EntryCancelMsg{Type: apiclient.MsgEntryCancel, EntryFields: f, Reason: reason}
}

// ExitCancelMsg is the exit_cancel message of exit order o; exitReason is
// the exit reason the cancel took back.
func ExitCancelMsg(t *store.Trade, o *store.Order, reason string, exitReason *string, m Moment) apiclient.ExitCancelMsg {
	f := entryFields(t, o, false, m)
	f.OpenDate.Naive = true
	rate := m.rate(SafePrice(o))
	abs, ratio := ProfitAt(t, rate, t.Amount, t.OpenRate)
	msg := apiclient.ExitCancelMsg{Type: apiclient.MsgExitCancel, EntryFields: f, Reason: reason,
		ProfitAmount: abs, ProfitRatio: ratio, ExitReason: exitReason, Gain: "loss",
		CloseDate: apiclient.WSTime{Time: m.Now}}
	if ratio > 0 {
		msg.Gain = "profit"
	}
	return msg
}

// ProtectionMsg is the protection_trigger(_global) message of lock l.
func ProtectionMsg(l *store.Lock) apiclient.ProtectionMsg {
	m := apiclient.ProtectionMsg{Type: apiclient.MsgProtectionTrigger, Lock: LockJSON(l)}
	if l.Pair == "*" {
		m.Type = apiclient.MsgProtectionTriggerGlobal
	} else if base, _, ok := market.SplitPair(l.Pair); ok {
		m.BaseCurrency = &base
	}
	return m
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
