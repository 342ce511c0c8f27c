package tui

import (
	"context"

	"github.com/freqdeck/freqdeck/apiclient"
)

// API is the part of a bot's REST and WebSocket API the console uses.
// *apiclient.Client implements it; tests may wrap one.
type API interface {
	ShowConfig(ctx context.Context) (apiclient.ShowConfig, error)
	Status(ctx context.Context) ([]apiclient.OpenTrade, error)
	Count(ctx context.Context) (apiclient.Count, error)
	Profit(ctx context.Context) (apiclient.Profit, error)
	Balance(ctx context.Context) (apiclient.Balances, error)
	Locks(ctx context.Context) (apiclient.Locks, error)
	Whitelist(ctx context.Context) (apiclient.Whitelist, error)
	Logs(ctx context.Context, limit int) (apiclient.Logs, error)

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

	// Stream opens the message WebSocket; it returns at once and reports
	// its connection state as events.
	Stream(ctx context.Context, opts apiclient.StreamOptions) *apiclient.Stream
}

// The compile-time proof that the real client is an API.
var _ API = (*apiclient.Client)(nil)
