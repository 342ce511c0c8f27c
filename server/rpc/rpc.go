// Package rpc is the contract between the API server and whatever trades
// behind it: the embedded dry-run bot (server/dryrun) or a read-only database
// viewer. It mirrors freqtrade's RPC layer: one method per operation, wire
// types from apiclient, and freqtrade's error semantics.
//
// This package imports only apiclient.
package rpc

import (
	"context"

	"github.com/freqdeck/freqdeck/apiclient"
)

// State is the bot's worker state, as /show_config reports it.
type State string

// The worker states of freqtrade.
const (
	StateRunning      State = "running"
	StatePaused       State = "paused"
	StateStopped      State = "stopped"
	StateReloadConfig State = "reload_config"
)

// Bot is the whole RPC surface the server calls. Every method may return an
// *Error (HTTP 502) or an *HTTPError (its own status, {"detail": ...}); any
// other error is answered 500. Implementations must be safe for concurrent
// use and must not block on slow callers.
type Bot interface {
	Info
	Statistics
	Trades
	Control
	Lists
	Candles

	// Events returns the messages the bot publishes, in order, for the
	// server's WebSocket hub. It is the same channel on every call and has a
	// single consumer. The bot never blocks on it: when the consumer falls
	// behind, messages are dropped (and counted in the bot's logs). It may be
	// nil for a bot that publishes nothing.
	Events() <-chan apiclient.Message
}

// Info covers configuration, logs and liveness.
type Info interface {
	// ShowConfig answers GET /show_config.
	ShowConfig(ctx context.Context) (apiclient.ShowConfig, error)
	// Logs answers GET /logs; limit 0 means the whole buffer (the server
	// passes 0..1000).
	Logs(ctx context.Context, limit int) (apiclient.Logs, error)
	// PlotConfig answers GET /plot_config; strategy may be empty.
	PlotConfig(ctx context.Context, strategy string) (apiclient.PlotConfig, error)
	// Markets answers GET /markets.
	Markets(ctx context.Context, q apiclient.MarketsQuery) (apiclient.Markets, error)
	// Strategy answers GET /strategy/{name}.
	Strategy(ctx context.Context, name string) (apiclient.StrategyInfo, error)
	// Health answers GET /health from the bot loop's own times.
	Health(ctx context.Context) (apiclient.Health, error)
}

// Statistics covers the read-only profit and balance routes.
type Statistics interface {
	// Balance answers GET /balance.
	Balance(ctx context.Context) (apiclient.Balances, error)
	// HistoricBalance answers GET /historic_balance: the wallet's total in
	// the quote currency over time.
	HistoricBalance(ctx context.Context) (apiclient.WalletHistory, error)
	// Count answers GET /count ("trader is not running" when stopped).
	Count(ctx context.Context) (apiclient.Count, error)
	// Entries answers GET /entries; pair may be empty.
	Entries(ctx context.Context, pair string) ([]apiclient.EntryStat, error)
	// Exits answers GET /exits; pair may be empty.
	Exits(ctx context.Context, pair string) ([]apiclient.ExitStat, error)
	// MixTags answers GET /mix_tags; pair may be empty.
	MixTags(ctx context.Context, pair string) ([]apiclient.MixTagStat, error)
	// Performance answers GET /performance.
	Performance(ctx context.Context) ([]apiclient.Performance, error)
	// Profit answers GET /profit.
	Profit(ctx context.Context) (apiclient.Profit, error)
	// ProfitAll answers GET /profit_all.
	ProfitAll(ctx context.Context) (apiclient.ProfitAll, error)
	// Stats answers GET /stats.
	Stats(ctx context.Context) (apiclient.Stats, error)
	// PeriodicProfit answers /daily, /weekly and /monthly; 1 <= timescale
	// <= 365 (the server validates it).
	PeriodicProfit(ctx context.Context, unit apiclient.PeriodUnit, timescale int) (apiclient.PeriodicProfit, error)
}

// Trades covers the per-trade routes and the force entry/exit actions.
type Trades interface {
	// Status answers GET /status: every open trade, [] when none.
	Status(ctx context.Context) ([]apiclient.OpenTrade, error)
	// Trades answers GET /trades with validated, defaulted parameters:
	// 1 <= Limit <= 500, 0 <= Offset <= 10,000,000.
	Trades(ctx context.Context, q apiclient.TradesQuery) (apiclient.TradesResponse, error)
	// Trade answers GET /trade/{id}; an unknown id is NotFound("Trade not found.").
	Trade(ctx context.Context, id int) (apiclient.OpenTrade, error)
	// DeleteTrade answers DELETE /trades/{id}.
	DeleteTrade(ctx context.Context, id int) (apiclient.DeleteTradeResult, error)
	// CancelOpenOrder answers DELETE /trades/{id}/open-order.
	CancelOpenOrder(ctx context.Context, id int) (apiclient.OpenTrade, error)
	// ReloadTrade answers POST /trades/{id}/reload.
	ReloadTrade(ctx context.Context, id int) (apiclient.OpenTrade, error)
	// OpenTradesCustomData answers GET /trades/open/custom-data; 1 <= Limit
	// <= 500, 0 <= Offset <= 10,000,000, Key at most 255 characters.
	OpenTradesCustomData(ctx context.Context, q apiclient.CustomDataQuery) ([]apiclient.TradeCustomData, error)
	// TradeCustomData answers GET /trades/{id}/custom-data; key may be empty.
	TradeCustomData(ctx context.Context, id int, key string) ([]apiclient.TradeCustomData, error)
	// ForceEnter answers POST /forceenter (and /forcebuy). The server has
	// checked the request against its model (apiclient's pydantic tags): a
	// pair BASE/QUOTE[:SETTLE] of at most 64 characters, Price nil or in
	// (0, 1e15], StakeAmount and Leverage nil or > 0, EntryTag cut to 255
	// characters. Whether the order is worth anything at the market's
	// precision and minimum cost is the bot's to check.
	ForceEnter(ctx context.Context, req apiclient.ForceEnterRequest) (apiclient.ForceEnterResult, error)
	// ForceExit answers POST /forceexit (and /forcesell); Amount is nil or
	// > 0, Price nil or in (0, 1e15].
	ForceExit(ctx context.Context, req apiclient.ForceExitRequest) (apiclient.ResultResponse, error)
}

// Control covers the worker state machine and locks.
type Control interface {
	// Start answers POST /start.
	Start(ctx context.Context) (apiclient.StatusResponse, error)
	// Stop answers POST /stop.
	Stop(ctx context.Context) (apiclient.StatusResponse, error)
	// Pause answers POST /pause, /stopentry and /stopbuy.
	Pause(ctx context.Context) (apiclient.StatusResponse, error)
	// ReloadConfig answers POST /reload_config.
	ReloadConfig(ctx context.Context) (apiclient.StatusResponse, error)
	// Locks answers GET /locks: active locks whose end is in the future.
	Locks(ctx context.Context) (apiclient.Locks, error)
	// AddLocks answers POST /locks with at most 500 locks; the server has
	// parsed every Until and checked it lies in (now, now+10 years], each
	// Pair is a pair or "*", Side "*", "long" or "short", Reason at most 255
	// characters.
	AddLocks(ctx context.Context, locks []LockSpec) (apiclient.Locks, error)
	// DeleteLock answers DELETE /locks/{id}; an unknown id is ignored.
	DeleteLock(ctx context.Context, id int) (apiclient.Locks, error)
	// DeleteLocks answers POST /locks/delete.
	DeleteLocks(ctx context.Context, req apiclient.DeleteLocksRequest) (apiclient.Locks, error)
}

// Lists covers the whitelist and blacklist.
type Lists interface {
	// Whitelist answers GET /whitelist.
	Whitelist(ctx context.Context) (apiclient.Whitelist, error)
	// Blacklist answers GET /blacklist.
	Blacklist(ctx context.Context) (apiclient.Blacklist, error)
	// AddBlacklist answers POST /blacklist: at most 500 entries, each UTF-8
	// of at most 255 characters.
	AddBlacklist(ctx context.Context, pairs []string) (apiclient.Blacklist, error)
	// DeleteBlacklist answers DELETE /blacklist, bounded as AddBlacklist.
	DeleteBlacklist(ctx context.Context, pairs []string) (apiclient.Blacklist, error)
}

// Candles covers the analyzed dataframes.
type Candles interface {
	// PairCandles answers GET and POST /pair_candles; Limit is nil or
	// 0..1500 (0: every candle).
	PairCandles(ctx context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error)
	// AnalyzedDF answers the WebSocket "analyzed_df" request: one entry per
	// pair (the given pair, or every whitelisted pair when pair is empty),
	// with at most limit rows (limit <= 0: every row).
	AnalyzedDF(ctx context.Context, pair string, limit int) ([]apiclient.AnalyzedDF, error)
}
