package rpctest

import (
	"context"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// ShowConfig implements rpc.Bot.
func (b *Bot) ShowConfig(ctx context.Context) (apiclient.ShowConfig, error) {
	return value(ctx, b, "ShowConfig", func(f *Fixtures) apiclient.ShowConfig { return f.ShowConfig })
}

// Logs implements rpc.Bot: the last limit rows (all when limit <= 0).
func (b *Bot) Logs(ctx context.Context, limit int) (apiclient.Logs, error) {
	return value(ctx, b, "Logs", func(f *Fixtures) apiclient.Logs {
		rows := f.Logs.Logs
		if limit > 0 && limit < len(rows) {
			rows = rows[len(rows)-limit:]
		}
		return apiclient.Logs{LogCount: len(rows), Logs: rows}
	}, limit)
}

// PlotConfig implements rpc.Bot.
func (b *Bot) PlotConfig(ctx context.Context, strategy string) (apiclient.PlotConfig, error) {
	return value(ctx, b, "PlotConfig", func(f *Fixtures) apiclient.PlotConfig { return f.PlotConfig }, strategy)
}

// Markets implements rpc.Bot.
func (b *Bot) Markets(ctx context.Context, q apiclient.MarketsQuery) (apiclient.Markets, error) {
	return value(ctx, b, "Markets", func(f *Fixtures) apiclient.Markets { return f.Markets }, q)
}

// Strategy implements rpc.Bot: only the fixture's strategy exists.
func (b *Bot) Strategy(ctx context.Context, name string) (apiclient.StrategyInfo, error) {
	return call(ctx, b, "Strategy", func(f *Fixtures) (apiclient.StrategyInfo, error) {
		if name != f.Strategy.Strategy {
			return apiclient.StrategyInfo{}, rpc.NotFound("Only the currently active strategy is available in trade mode")
		}
		return f.Strategy, nil
	}, name)
}

// Health implements rpc.Bot.
func (b *Bot) Health(ctx context.Context) (apiclient.Health, error) {
	return value(ctx, b, "Health", func(f *Fixtures) apiclient.Health { return f.Health })
}

// Balance implements rpc.Bot.
func (b *Bot) Balance(ctx context.Context) (apiclient.Balances, error) {
	return value(ctx, b, "Balance", func(f *Fixtures) apiclient.Balances { return f.Balance })
}

// HistoricBalance implements rpc.Bot.
func (b *Bot) HistoricBalance(ctx context.Context) (apiclient.WalletHistory, error) {
	return value(ctx, b, "HistoricBalance", func(f *Fixtures) apiclient.WalletHistory { return f.WalletHist })
}

// Count implements rpc.Bot ("trader is not running" while stopped).
func (b *Bot) Count(ctx context.Context) (apiclient.Count, error) {
	return call(ctx, b, "Count", func(f *Fixtures) (apiclient.Count, error) {
		if f.ShowConfig.State == string(rpc.StateStopped) {
			return apiclient.Count{}, rpc.NotRunning()
		}
		return f.Count, nil
	})
}

// Entries implements rpc.Bot.
func (b *Bot) Entries(ctx context.Context, pair string) ([]apiclient.EntryStat, error) {
	return value(ctx, b, "Entries", func(f *Fixtures) []apiclient.EntryStat { return f.Entries }, pair)
}

// Exits implements rpc.Bot.
func (b *Bot) Exits(ctx context.Context, pair string) ([]apiclient.ExitStat, error) {
	return value(ctx, b, "Exits", func(f *Fixtures) []apiclient.ExitStat { return f.Exits }, pair)
}

// MixTags implements rpc.Bot.
func (b *Bot) MixTags(ctx context.Context, pair string) ([]apiclient.MixTagStat, error) {
	return value(ctx, b, "MixTags", func(f *Fixtures) []apiclient.MixTagStat { return f.MixTags }, pair)
}

// Performance implements rpc.Bot.
func (b *Bot) Performance(ctx context.Context) ([]apiclient.Performance, error) {
	return value(ctx, b, "Performance", func(f *Fixtures) []apiclient.Performance { return f.Performance })
}

// Profit implements rpc.Bot.
func (b *Bot) Profit(ctx context.Context) (apiclient.Profit, error) {
	return value(ctx, b, "Profit", func(f *Fixtures) apiclient.Profit { return f.Profit })
}

// ProfitAll implements rpc.Bot (spot: long and short are null).
func (b *Bot) ProfitAll(ctx context.Context) (apiclient.ProfitAll, error) {
	return value(ctx, b, "ProfitAll", func(f *Fixtures) apiclient.ProfitAll {
		return apiclient.ProfitAll{All: f.Profit}
	})
}

// Stats implements rpc.Bot.
func (b *Bot) Stats(ctx context.Context) (apiclient.Stats, error) {
	return value(ctx, b, "Stats", func(f *Fixtures) apiclient.Stats { return f.Stats })
}

// PeriodicProfit implements rpc.Bot: at most timescale fixture rows.
func (b *Bot) PeriodicProfit(ctx context.Context, unit apiclient.PeriodUnit, timescale int) (apiclient.PeriodicProfit, error) {
	return value(ctx, b, "PeriodicProfit", func(f *Fixtures) apiclient.PeriodicProfit {
		out := f.Periodic
		if timescale < len(out.Data) {
			out.Data = out.Data[:max(timescale, 0)]
		}
		return out
	}, unit, timescale)
}

// SysInfo returns the fixture's /sysinfo answer, for servers that take their
// machine figures from a function (it is not part of rpc.Bot).
func (b *Bot) SysInfo(ctx context.Context) (apiclient.SysInfo, error) {
	return value(ctx, b, "SysInfo", func(f *Fixtures) apiclient.SysInfo { return f.SysInfo })
}
