package dryrun

import (
	"context"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// book is the statistics' view of the bot now (see metrics.Book). It
// shares the bot's trades: compute with it under b.mu.
func (b *Bot) book() metrics.Book {
	rates := make(map[string]float64, len(b.pairs))
	for p, d := range b.pairs {
		rates[p] = d.price
	}
	return metrics.Book{Trades: b.trades, Rates: rates, StartBalance: b.cfg.DryRunWallet,
		StakeCurrency: b.cfg.StakeCurrency, BotStart: b.botStart, Now: b.now}
}

// wallet is the dry-run wallet (see metrics.Wallet).
func (b *Bot) wallet() metrics.Wallet { return metrics.WalletOf(b.trades, b.cfg.DryRunWallet) }

// Profit implements rpc.Statistics (see metrics.Book.Profit).
func (b *Bot) Profit(context.Context) (apiclient.Profit, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Profit(), nil
}

// ProfitAll implements rpc.Statistics; long and short are null in spot mode.
func (b *Bot) ProfitAll(context.Context) (apiclient.ProfitAll, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return apiclient.ProfitAll{All: b.book().Profit()}, nil
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
func (b *Bot) Stats(context.Context) (apiclient.Stats, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Stats(), nil
}

// Performance implements rpc.Statistics (see metrics.Book.Performance).
func (b *Bot) Performance(context.Context) ([]apiclient.Performance, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Performance(), nil
}

// Entries implements rpc.Statistics (see metrics.Book.Entries).
func (b *Bot) Entries(_ context.Context, pair string) ([]apiclient.EntryStat, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Entries(pair), nil
}

// Exits implements rpc.Statistics (see metrics.Book.Exits).
func (b *Bot) Exits(_ context.Context, pair string) ([]apiclient.ExitStat, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Exits(pair), nil
}

// MixTags implements rpc.Statistics (see metrics.Book.MixTags).
func (b *Bot) MixTags(_ context.Context, pair string) ([]apiclient.MixTagStat, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().MixTags(pair), nil
}

// PeriodicProfit implements rpc.Statistics (/daily, /weekly, /monthly; see
// metrics.Book.Periodic).
func (b *Bot) PeriodicProfit(_ context.Context, unit apiclient.PeriodUnit, timescale int) (apiclient.PeriodicProfit, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Periodic(unit, timescale), nil
}

// Balance implements rpc.Statistics (see metrics.Book.Balances).
func (b *Bot) Balance(context.Context) (apiclient.Balances, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book().Balances(), nil
}
