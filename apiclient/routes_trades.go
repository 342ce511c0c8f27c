package apiclient

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Status calls GET /status: every open trade.
func (c *Client) Status(ctx context.Context) ([]OpenTrade, error) {
	out := []OpenTrade{}
	return out, c.call(ctx, http.MethodGet, "/status", nil, nil, &out)
}

// Trades calls GET /trades: closed trades, one page.
func (c *Client) Trades(ctx context.Context, tq TradesQuery) (TradesResponse, error) {
	q := url.Values{}
	if tq.Limit > 0 {
		q.Set("limit", strconv.Itoa(tq.Limit))
	}
	if tq.Offset > 0 {
		q.Set("offset", strconv.Itoa(tq.Offset))
	}
	if tq.OrderByID != nil {
		q.Set("order_by_id", strconv.FormatBool(*tq.OrderByID))
	}
	var out TradesResponse
	return out, c.call(ctx, http.MethodGet, "/trades", q, nil, &out)
}

// Trade calls GET /trade/{id} (open or closed).
func (c *Client) Trade(ctx context.Context, id int) (OpenTrade, error) {
	var out OpenTrade
	return out, c.call(ctx, http.MethodGet, "/trade/"+strconv.Itoa(id), nil, nil, &out)
}

// DeleteTrade calls DELETE /trades/{id}.
func (c *Client) DeleteTrade(ctx context.Context, id int) (DeleteTradeResult, error) {
	var out DeleteTradeResult
	return out, c.call(ctx, http.MethodDelete, "/trades/"+strconv.Itoa(id), nil, nil, &out)
}

// CancelOpenOrder calls DELETE /trades/{id}/open-order.
func (c *Client) CancelOpenOrder(ctx context.Context, id int) (OpenTrade, error) {
	var out OpenTrade
	return out, c.call(ctx, http.MethodDelete, "/trades/"+strconv.Itoa(id)+"/open-order", nil, nil, &out)
}

// ReloadTrade calls POST /trades/{id}/reload.
func (c *Client) ReloadTrade(ctx context.Context, id int) (OpenTrade, error) {
	var out OpenTrade
	return out, c.call(ctx, http.MethodPost, "/trades/"+strconv.Itoa(id)+"/reload", nil, nil, &out)
}

// OpenTradesCustomData calls GET /trades/open/custom-data.
func (c *Client) OpenTradesCustomData(ctx context.Context, cq CustomDataQuery) ([]TradeCustomData, error) {
	q := url.Values{}
	setIf(q, "key", cq.Key)
	if cq.Limit > 0 {
		q.Set("limit", strconv.Itoa(cq.Limit))
	}
	if cq.Offset > 0 {
		q.Set("offset", strconv.Itoa(cq.Offset))
	}
	var out []TradeCustomData
	return out, c.call(ctx, http.MethodGet, "/trades/open/custom-data", q, nil, &out)
}

// TradeCustomData calls GET /trades/{id}/custom-data, for one key when key is
// not empty.
func (c *Client) TradeCustomData(ctx context.Context, id int, key string) ([]TradeCustomData, error) {
	q := url.Values{}
	setIf(q, "key", key)
	var out []TradeCustomData
	return out, c.call(ctx, http.MethodGet, "/trades/"+strconv.Itoa(id)+"/custom-data", q, nil, &out)
}

// ForceEnter calls POST /forceenter.
func (c *Client) ForceEnter(ctx context.Context, req ForceEnterRequest) (ForceEnterResult, error) {
	var out ForceEnterResult
	return out, c.call(ctx, http.MethodPost, "/forceenter", nil, req, &out)
}

// ForceBuy calls the deprecated alias POST /forcebuy, as freqtrade-client's
// forcebuy does, for bots older than /forceenter.
func (c *Client) ForceBuy(ctx context.Context, pair string, price *float64) (ForceEnterResult, error) {
	var out ForceEnterResult
	body := ForceEnterRequest{Pair: pair, Price: price}
	return out, c.call(ctx, http.MethodPost, "/forcebuy", nil, body, &out)
}

// ForceExit calls POST /forceexit.
func (c *Client) ForceExit(ctx context.Context, req ForceExitRequest) (ResultResponse, error) {
	var out ResultResponse
	return out, c.call(ctx, http.MethodPost, "/forceexit", nil, req, &out)
}
