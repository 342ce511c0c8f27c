package rpctest

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// entryFields are the message fields of trade t, as freqtrade fills them for
// entry and exit messages.
func entryFields(t apiclient.TradeCore) apiclient.EntryFields {
	direction := "Long"
	if t.IsShort {
		direction = "Short"
	}
	return apiclient.EntryFields{
		TradeID: t.TradeID, EnterTag: t.EnterTag, BuyTag: t.EnterTag, Exchange: t.Exchange,
		Pair: t.Pair, Leverage: t.Leverage, Direction: direction,
		Limit: t.OpenRate, OrderRate: t.OpenRate, OpenRate: t.OpenRate, OrderType: "market",
		StakeAmount: t.StakeAmount, StakeCurrency: t.QuoteCurrency,
		BaseCurrency: t.BaseCurrency, QuoteCurrency: t.QuoteCurrency, Amount: t.Amount,
		OpenDate: apiclient.WSTime{Time: t.OpenedAt()},
	}
}

// closeTrade returns t closed at rate at now, with its profit (fees left out)
// and the exit reason "force_exit".
func closeTrade(t apiclient.TradeCore, rate float64, now time.Time) apiclient.TradeCore {
	ratio, abs := rate/t.OpenRate-1, t.Amount*(rate-t.OpenRate)
	if t.IsShort {
		ratio, abs = -ratio, -abs
	}
	t.IsOpen, t.HasOpenOrders = false, false
	t.NrOfSuccessfulExits++
	t.CloseRate, t.CloseDate, t.CloseTimestamp = apiclient.F(rate), apiclient.Ptr(apiclient.FormatDate(now)), apiclient.Ptr(apiclient.Millis(now))
	t.CloseProfit, t.CloseProfitPct, t.CloseProfitAbs = apiclient.F(ratio), apiclient.F(ratio*100), apiclient.F(abs)
	t.ProfitRatio, t.ProfitPct, t.ProfitAbs = apiclient.F(ratio), apiclient.F(ratio*100), apiclient.F(abs)
	t.RealizedProfit, t.RealizedProfitRatio = abs, apiclient.F(ratio)
	t.ExitReason = apiclient.Ptr("force_exit")
	return t
}

// exitMsg is the exit_fill message of closed trade t.
func exitMsg(t apiclient.TradeCore) apiclient.ExitMsg {
	gain := "profit"
	if apiclient.Deref(t.CloseProfitAbs) < 0 {
		gain = "loss"
	}
	return apiclient.ExitMsg{
		Type: apiclient.MsgExitFill, EntryFields: entryFields(t), Gain: gain,
		CloseRate: apiclient.Deref(t.CloseRate), ProfitAmount: apiclient.Deref(t.CloseProfitAbs),
		ProfitRatio: apiclient.Deref(t.CloseProfit), ExitReason: t.ExitReason,
		CloseDate: apiclient.WSTime{Time: t.ClosedAt()}, CumulativeProfit: apiclient.Deref(t.CloseProfitAbs),
		FinalProfitRatio: t.CloseProfit, IsFinalExit: true,
	}
}
