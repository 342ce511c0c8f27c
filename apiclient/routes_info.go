package apiclient

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// Ping calls GET /ping (no authentication).
func (c *Client) Ping(ctx context.Context) (Ping, error) {
	var out Ping
	return out, c.call(ctx, http.MethodGet, "/ping", nil, nil, &out)
}

// Version calls GET /version.
func (c *Client) Version(ctx context.Context) (Version, error) {
	var out Version
	return out, c.call(ctx, http.MethodGet, "/version", nil, nil, &out)
}

// ShowConfig calls GET /show_config.
func (c *Client) ShowConfig(ctx context.Context) (ShowConfig, error) {
	var out ShowConfig
	return out, c.call(ctx, http.MethodGet, "/show_config", nil, nil, &out)
}

// Logs calls GET /logs. limit <= 0 asks for the whole buffer.
func (c *Client) Logs(ctx context.Context, limit int) (Logs, error) {
	var q url.Values
	if limit > 0 {
		q = url.Values{"limit": {strconv.Itoa(limit)}}
	}
	var out Logs
	return out, c.call(ctx, http.MethodGet, "/logs", q, nil, &out)
}

// PlotConfig calls GET /plot_config. strategy may be empty.
func (c *Client) PlotConfig(ctx context.Context, strategy string) (PlotConfig, error) {
	var q url.Values
	if strategy != "" {
		q = url.Values{"strategy": {strategy}}
	}
	var out PlotConfig
	return out, c.call(ctx, http.MethodGet, "/plot_config", q, nil, &out)
}

// Markets calls GET /markets.
func (c *Client) Markets(ctx context.Context, mq MarketsQuery) (Markets, error) {
	q := url.Values{}
	setIf(q, "base", mq.Base)
	setIf(q, "quote", mq.Quote)
	setIf(q, "exchange", mq.Exchange)
	setIf(q, "trading_mode", mq.TradingMode)
	setIf(q, "margin_mode", mq.MarginMode)
	var out Markets
	return out, c.call(ctx, http.MethodGet, "/markets", q, nil, &out)
}

// Strategy calls GET /strategy/{name}.
func (c *Client) Strategy(ctx context.Context, name string) (StrategyInfo, error) {
	var out StrategyInfo
	return out, c.call(ctx, http.MethodGet, "/strategy/"+url.PathEscape(name), nil, nil, &out)
}

// SysInfo calls GET /sysinfo.
func (c *Client) SysInfo(ctx context.Context) (SysInfo, error) {
	var out SysInfo
	return out, c.call(ctx, http.MethodGet, "/sysinfo", nil, nil, &out)
}

// Health calls GET /health.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var out Health
	return out, c.call(ctx, http.MethodGet, "/health", nil, nil, &out)
}

// UIVersion calls GET /ui_version, served outside /api/v1.
func (c *Client) UIVersion(ctx context.Context) (Version, error) {
	var out Version
	return out, c.call(ctx, http.MethodGet, rootRoute+"/ui_version", nil, nil, &out)
}

// Raw calls any route below /api/v1 and returns the undecoded 2xx body. It
// serves the webserver-mode routes freqdeck has no typed method for; errors
// are *APIError as for every other method.
func (c *Client) Raw(ctx context.Context, method, route string, q url.Values, body any) (json.RawMessage, error) {
	var out json.RawMessage
	return out, c.call(ctx, method, route, q, body, &out)
}

func setIf(q url.Values, key, value string) {
	if value != "" {
		q.Set(key, value)
	}
}
