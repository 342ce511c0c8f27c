package tui

import (
	"context"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// API is the part of a bot's REST and WebSocket API the console uses: what
// its feed reads, and the actions. *apiclient.Client implements it; tests
// may wrap one.
type API interface {
	feed.Source

	Start(ctx context.Context) (apiclient.StatusResponse, error)
	Stop(ctx context.Context) (apiclient.StatusResponse, error)
	Pause(ctx context.Context) (apiclient.StatusResponse, error)
	ReloadConfig(ctx context.Context) (apiclient.StatusResponse, error)
	ForceExit(ctx context.Context, req apiclient.ForceExitRequest) (apiclient.ResultResponse, error)
	ForceEnter(ctx context.Context, req apiclient.ForceEnterRequest) (apiclient.ForceEnterResult, error)
	AddLocks(ctx context.Context, locks ...apiclient.LockRequest) (apiclient.Locks, error)
	DeleteLock(ctx context.Context, id int) (apiclient.Locks, error)
	CancelOpenOrder(ctx context.Context, id int) (apiclient.OpenTrade, error)
	DeleteTrade(ctx context.Context, id int) (apiclient.DeleteTradeResult, error)

	ScreenSource
}

// ScreenSource is what the screens beyond the trade desk read, only while
// they are shown, and the blacklist actions of the pairs screen.
type ScreenSource interface {
	Trades(ctx context.Context, q apiclient.TradesQuery) (apiclient.TradesResponse, error)
	Daily(ctx context.Context, timescale int) (apiclient.PeriodicProfit, error)
	Weekly(ctx context.Context, timescale int) (apiclient.PeriodicProfit, error)
	Monthly(ctx context.Context, timescale int) (apiclient.PeriodicProfit, error)
	Performance(ctx context.Context) ([]apiclient.Performance, error)
	Entries(ctx context.Context, pair string) ([]apiclient.EntryStat, error)
	Exits(ctx context.Context, pair string) ([]apiclient.ExitStat, error)
	MixTags(ctx context.Context, pair string) ([]apiclient.MixTagStat, error)
	Blacklist(ctx context.Context) (apiclient.Blacklist, error)
	AddBlacklist(ctx context.Context, pairs ...string) (apiclient.Blacklist, error)
	DeleteBlacklist(ctx context.Context, pairs ...string) (apiclient.Blacklist, error)
	PairCandles(ctx context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error)
}

// The compile-time proof that the real client is an API.
var _ API = (*apiclient.Client)(nil)
