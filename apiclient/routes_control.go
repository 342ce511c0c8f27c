package apiclient

import (
	"context"
	"net/http"
	"strconv"
)

// Start calls POST /start.
func (c *Client) Start(ctx context.Context) (StatusResponse, error) {
	return c.control(ctx, "/start")
}

// Stop calls POST /stop.
func (c *Client) Stop(ctx context.Context) (StatusResponse, error) {
	return c.control(ctx, "/stop")
}

// Pause calls POST /pause: no new entries until /start.
func (c *Client) Pause(ctx context.Context) (StatusResponse, error) {
	return c.control(ctx, "/pause")
}

// StopBuy calls POST /stopbuy, the alias of /pause that older bots (and
// freqtrade-client) use.
func (c *Client) StopBuy(ctx context.Context) (StatusResponse, error) {
	return c.control(ctx, "/stopbuy")
}

// ReloadConfig calls POST /reload_config.
func (c *Client) ReloadConfig(ctx context.Context) (StatusResponse, error) {
	return c.control(ctx, "/reload_config")
}

func (c *Client) control(ctx context.Context, route string) (StatusResponse, error) {
	var out StatusResponse
	return out, c.call(ctx, http.MethodPost, route, nil, nil, &out)
}

// Locks calls GET /locks: the active locks.
func (c *Client) Locks(ctx context.Context) (Locks, error) {
	var out Locks
	return out, c.call(ctx, http.MethodGet, "/locks", nil, nil, &out)
}

// AddLocks calls POST /locks and returns the locks afterwards.
func (c *Client) AddLocks(ctx context.Context, locks ...LockRequest) (Locks, error) {
	if locks == nil {
		locks = []LockRequest{}
	}
	var out Locks
	return out, c.call(ctx, http.MethodPost, "/locks", nil, locks, &out)
}

// DeleteLock calls DELETE /locks/{id} and returns the locks afterwards.
func (c *Client) DeleteLock(ctx context.Context, id int) (Locks, error) {
	var out Locks
	return out, c.call(ctx, http.MethodDelete, "/locks/"+strconv.Itoa(id), nil, nil, &out)
}

// DeleteLocks calls POST /locks/delete (by pair and/or id) and returns the
// locks afterwards.
func (c *Client) DeleteLocks(ctx context.Context, req DeleteLocksRequest) (Locks, error) {
	var out Locks
	return out, c.call(ctx, http.MethodPost, "/locks/delete", nil, req, &out)
}
