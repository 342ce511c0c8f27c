package metrics

import (
	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/store"
)

// Wallet is the dry-run wallet in stake currency, as freqtrade's dry-run
// Wallets computes it: the starting capital plus realized profit, minus
// what open trades hold.
type Wallet struct {
	Free     float64 // not tied up in trades
	Used     float64 // reserved by unfilled entry orders
	TiedUp   float64 // the stake of every open trade
	Total    float64 // Free + Used
	Realized float64 // closed profit plus what partial exits realized
}

// WalletOf returns the wallet holding start plus what trades made, plus
// realized: the profit of closed trades that are not in trades.
func WalletOf(trades []*store.Trade, start, realized float64) Wallet {
	w := Wallet{Realized: realized}
	for _, t := range trades {
		if !t.IsOpen {
			w.Realized += apiclient.Deref(t.CloseProfitAbs)
			continue
		}
		w.Realized += t.RealizedProfit
		w.TiedUp += t.StakeAmount
		for _, o := range t.Orders {
			if o.IsOpen && IsEntry(o) {
				w.Used += apiclient.Deref(o.Amount) * apiclient.Deref(o.Price)
			}
		}
	}
	w.Free = start + w.Realized - w.TiedUp
	w.Total = w.Free + w.Used
	return w
}

// Wallet returns the book's wallet.
func (b Book) Wallet() Wallet { return WalletOf(b.Trades, b.StartBalance, b.ClosedProfit) }

// Balances is /balance with freqtrade's simulated balances: the stake
// currency row plus one row per coin held by an open trade.
func (b Book) Balances() apiclient.Balances {
	w := b.Wallet()
	stake := b.StakeCurrency
	rows := []apiclient.Balance{{Currency: stake, Free: w.Free, Balance: w.Total, Used: w.Used,
		BotOwned: apiclient.Ptr(w.Total), EstStake: w.Total, EstStakeBot: apiclient.Ptr(w.Total), Stake: stake, Side: "long",
		IsBotManaged: true}}
	total := w.Total
	for _, t := range b.Trades {
		if !t.IsOpen || t.Amount <= 0 {
			continue
		}
		base, _, _ := market.SplitPair(t.Pair)
		pending := 0.0
		for _, o := range OpenOrders(t) {
			if !IsEntry(o) {
				pending += apiclient.Deref(o.Amount)
			}
		}
		value := t.Amount * b.rate(t.Pair, t.OpenRate)
		rows = append(rows, apiclient.Balance{Currency: base, Free: t.Amount - pending, Balance: t.Amount,
			Used: pending, BotOwned: apiclient.Ptr(t.Amount), EstStake: value, EstStakeBot: apiclient.Ptr(value), Stake: stake,
			Side: "long", IsBotManaged: true})
		total += value
	}
	start := b.StartBalance
	ratio := total/start - 1
	return apiclient.Balances{Currencies: rows, Total: total, TotalBot: total, Symbol: "", Stake: stake,
		Note: "Simulated balances", StartingCapital: start, StartingCapitalRatio: ratio,
		StartingCapitalPct: RoundN(ratio*100, 2)}
}
