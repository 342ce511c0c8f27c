package dryrun

import (
	"context"
	"fmt"
	"sort"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// book is the statistics' view of the bot now (see metrics.Book): copies
// of the open trades and the rates, taken under b.mu, and the closed
// trades, read after it is released (from the database when they changed,
// see closedCache). The statistics are
// then computed without the lock.
func (b *Bot) book(ctx context.Context) (metrics.Book, error) {
	bk := b.openSnapshot()
	bk.ClosedProfit = 0 // the closed trades come next, in full
	closed, err := b.closedStats.get(ctx, b.db)
	if err != nil {
		return metrics.Book{}, err
	}
	bk.Trades = mergeByID(closed, bk.Trades)
	return bk, nil
}

// openSnapshot is openBook with copies of the open trades, taken under
// b.mu: the caller computes on it after the lock is released.
func (b *Bot) openSnapshot() metrics.Book {
	b.mu.Lock()
	defer b.mu.Unlock()
	bk := b.openBook()
	for i, t := range bk.Trades {
		bk.Trades[i] = cloneTrade(t) // rate updates change open trades in place
	}
	return bk
}

// mergeByID merges the closed trades (from the database) and the open ones
// (from memory) into one list ordered by id. A trade that closed after the
// open ones were copied is in both: its closed version wins.
func mergeByID(closed, open []*store.Trade) []*store.Trade {
	seen := make(map[int]bool, len(closed))
	out := make([]*store.Trade, 0, len(closed)+len(open))
	for _, t := range closed {
		seen[t.ID] = true
		out = append(out, t)
	}
	for _, t := range open {
		if !seen[t.ID] {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// withBook computes f over the bot's book (see book).
func withBook[T any](b *Bot, ctx context.Context, f func(metrics.Book) T) (T, error) {
	bk, err := b.book(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	return f(bk), nil
}

// wallet is the dry-run wallet (see metrics.Wallet): the open trades in
// memory and the closed trades' profit.
func (b *Bot) wallet() metrics.Wallet {
	return metrics.WalletOf(b.openTrades(), b.cfg.DryRunWallet, b.closedProfit)
}

// Profit implements rpc.Statistics (see metrics.Book.Profit).
func (b *Bot) Profit(ctx context.Context) (apiclient.Profit, error) {
	return withBook(b, ctx, metrics.Book.Profit)
}

// ProfitAll implements rpc.Statistics; long and short are null in spot mode.
func (b *Bot) ProfitAll(ctx context.Context) (apiclient.ProfitAll, error) {
	return withBook(b, ctx, func(bk metrics.Book) apiclient.ProfitAll { return apiclient.ProfitAll{All: bk.Profit()} })
}

// Count implements rpc.Statistics.
func (b *Bot) Count(context.Context) (apiclient.Count, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == rpc.StateStopped {
		return apiclient.Count{}, rpc.NotRunning()
	}
	c := apiclient.Count{Current: len(b.openBy), Max: b.cfg.MaxOpenTrades}
	for _, t := range b.openBy {
		c.TotalStake += t.OpenRate * t.Amount
	}
	c.TotalStake = metrics.Round8(c.TotalStake)
	return c, nil
}

// Stats implements rpc.Statistics (see metrics.Book.Stats).
func (b *Bot) Stats(ctx context.Context) (apiclient.Stats, error) {
	return withBook(b, ctx, metrics.Book.Stats)
}

// Performance implements rpc.Statistics (see metrics.Book.Performance).
func (b *Bot) Performance(ctx context.Context) ([]apiclient.Performance, error) {
	return withBook(b, ctx, metrics.Book.Performance)
}

// Entries implements rpc.Statistics (see metrics.Book.Entries).
func (b *Bot) Entries(ctx context.Context, pair string) ([]apiclient.EntryStat, error) {
	return withBook(b, ctx, func(bk metrics.Book) []apiclient.EntryStat { return bk.Entries(pair) })
}

// Exits implements rpc.Statistics (see metrics.Book.Exits).
func (b *Bot) Exits(ctx context.Context, pair string) ([]apiclient.ExitStat, error) {
	return withBook(b, ctx, func(bk metrics.Book) []apiclient.ExitStat { return bk.Exits(pair) })
}

// MixTags implements rpc.Statistics (see metrics.Book.MixTags).
func (b *Bot) MixTags(ctx context.Context, pair string) ([]apiclient.MixTagStat, error) {
	return withBook(b, ctx, func(bk metrics.Book) []apiclient.MixTagStat { return bk.MixTags(pair) })
}

// PeriodicProfit implements rpc.Statistics (/daily, /weekly, /monthly; see
// metrics.Book.Periodic).
// Only the close date and profit of the trades closed within the periods
// are read (a day early, for the text comparison; see
// store.ClosedProfitsSince), the wallet coming from the open trades and
// the closed trades' profit, as /balance's does.
func (b *Bot) PeriodicProfit(ctx context.Context, unit apiclient.PeriodUnit, timescale int) (apiclient.PeriodicProfit, error) {
	bk := b.openSnapshot()
	since := metrics.PeriodsFrom(bk.Now, unit, timescale).AddDate(0, 0, -1)
	closed, err := b.db.ClosedProfitsSince(ctx, since)
	if err != nil {
		return apiclient.PeriodicProfit{}, fmt.Errorf("dryrun: %w", err)
	}
	return bk.PeriodicOf(closed, unit, timescale), nil
}

// Balance implements rpc.Statistics (see metrics.Book.Balances): from the
// open trades and the closed trades' profit, no closed trade read.
func (b *Bot) Balance(context.Context) (apiclient.Balances, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.openBook().Balances(), nil
}

// openBook is a book of the open trades (shared: read it under b.mu) and
// the closed trades' profit.
func (b *Bot) openBook() metrics.Book {
	rates := make(map[string]float64, len(b.pairs))
	for p, d := range b.pairs {
		rates[p] = d.price
	}
	return metrics.Book{Trades: b.openTrades(), Rates: rates, StartBalance: b.cfg.DryRunWallet,
		StakeCurrency: b.cfg.StakeCurrency, BotStart: b.botStart, Now: b.now, ClosedProfit: b.closedProfit}
}

// historyRows caps /historic_balance's rows.
const historyRows = 2000

// HistoricBalance implements rpc.Statistics (see metrics.WalletHistory):
// the closed trades' profits come from the database, two numbers each.
func (b *Bot) HistoricBalance(ctx context.Context) (apiclient.WalletHistory, error) {
	b.mu.Lock()
	now := b.actNow()
	total := b.openBook().Balances().Total
	start, from := b.cfg.DryRunWallet, b.botStart
	b.mu.Unlock()
	closed, err := b.db.ClosedProfits(ctx)
	if err != nil {
		return apiclient.WalletHistory{}, fmt.Errorf("dryrun: %w", err)
	}
	return metrics.WalletHistory(start, from, closed, now, total, historyRows), nil
}
