package apiclient

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// Balance calls GET /balance.
func (c *Client) Balance(ctx context.Context) (Balances, error) {
	var out Balances
	return out, c.call(ctx, http.MethodGet, "/balance", nil, nil, &out)
}

// HistoricBalance calls GET /historic_balance (API 2.48): the wallet's
// total over time.
func (c *Client) HistoricBalance(ctx context.Context) (WalletHistory, error) {
	var out WalletHistory
	return out, c.call(ctx, http.MethodGet, "/historic_balance", nil, nil, &out)
}

// Count calls GET /count.
func (c *Client) Count(ctx context.Context) (Count, error) {
	var out Count
	return out, c.call(ctx, http.MethodGet, "/count", nil, nil, &out)
}

// Entries calls GET /entries, for one pair when pair is not empty.
func (c *Client) Entries(ctx context.Context, pair string) ([]EntryStat, error) {
	var out []EntryStat
	return out, c.call(ctx, http.MethodGet, "/entries", pairQuery(pair), nil, &out)
}

// Exits calls GET /exits, for one pair when pair is not empty.
func (c *Client) Exits(ctx context.Context, pair string) ([]ExitStat, error) {
	var out []ExitStat
	return out, c.call(ctx, http.MethodGet, "/exits", pairQuery(pair), nil, &out)
}

// MixTags calls GET /mix_tags, for one pair when pair is not empty.
func (c *Client) MixTags(ctx context.Context, pair string) ([]MixTagStat, error) {
	var out []MixTagStat
	return out, c.call(ctx, http.MethodGet, "/mix_tags", pairQuery(pair), nil, &out)
}

// Performance calls GET /performance.
func (c *Client) Performance(ctx context.Context) ([]Performance, error) {
	var out []Performance
	return out, c.call(ctx, http.MethodGet, "/performance", nil, nil, &out)
}

// Profit calls GET /profit.
func (c *Client) Profit(ctx context.Context) (Profit, error) {
	var out Profit
	return out, c.call(ctx, http.MethodGet, "/profit", nil, nil, &out)
}

// ProfitAll calls GET /profit_all.
func (c *Client) ProfitAll(ctx context.Context) (ProfitAll, error) {
	var out ProfitAll
	return out, c.call(ctx, http.MethodGet, "/profit_all", nil, nil, &out)
}

// Stats calls GET /stats.
func (c *Client) Stats(ctx context.Context) (Stats, error) {
	var out Stats
	return out, c.call(ctx, http.MethodGet, "/stats", nil, nil, &out)
}

// Daily calls GET /daily. timescale <= 0 takes the server default (7).
func (c *Client) Daily(ctx context.Context, timescale int) (PeriodicProfit, error) {
	return c.periodic(ctx, Daily, timescale)
}

// Weekly calls GET /weekly. timescale <= 0 takes the server default (4).
func (c *Client) Weekly(ctx context.Context, timescale int) (PeriodicProfit, error) {
	return c.periodic(ctx, Weekly, timescale)
}

// Monthly calls GET /monthly. timescale <= 0 takes the server default (3).
func (c *Client) Monthly(ctx context.Context, timescale int) (PeriodicProfit, error) {
	return c.periodic(ctx, Monthly, timescale)
}

func (c *Client) periodic(ctx context.Context, unit PeriodUnit, timescale int) (PeriodicProfit, error) {
	var q url.Values
	if timescale > 0 {
		q = url.Values{"timescale": {strconv.Itoa(timescale)}}
	}
	var out PeriodicProfit
	return out, c.call(ctx, http.MethodGet, "/"+string(unit), q, nil, &out)
}

// Whitelist calls GET /whitelist.
func (c *Client) Whitelist(ctx context.Context) (Whitelist, error) {
	var out Whitelist
	return out, c.call(ctx, http.MethodGet, "/whitelist", nil, nil, &out)
}

// Blacklist calls GET /blacklist.
func (c *Client) Blacklist(ctx context.Context) (Blacklist, error) {
	var out Blacklist
	return out, c.call(ctx, http.MethodGet, "/blacklist", nil, nil, &out)
}

// AddBlacklist calls POST /blacklist. Pairs may be regex wildcards.
func (c *Client) AddBlacklist(ctx context.Context, pairs ...string) (Blacklist, error) {
	var out Blacklist
	body := BlacklistRequest{Blacklist: nonNil(pairs)}
	return out, c.call(ctx, http.MethodPost, "/blacklist", nil, body, &out)
}

// DeleteBlacklist calls DELETE /blacklist?pairs_to_delete=...
func (c *Client) DeleteBlacklist(ctx context.Context, pairs ...string) (Blacklist, error) {
	var out Blacklist
	q := url.Values{"pairs_to_delete": pairs}
	return out, c.call(ctx, http.MethodDelete, "/blacklist", q, nil, &out)
}

// PairCandles calls GET /pair_candles, or POST when req.Columns is set.
func (c *Client) PairCandles(ctx context.Context, req PairCandlesRequest) (PairHistory, error) {
	var out PairHistory
	if len(req.Columns) > 0 {
		return out, c.call(ctx, http.MethodPost, "/pair_candles", nil, req, &out)
	}
	q := url.Values{"pair": {req.Pair}, "timeframe": {req.Timeframe}}
	if req.Limit != nil {
		q.Set("limit", strconv.Itoa(*req.Limit))
	}
	return out, c.call(ctx, http.MethodGet, "/pair_candles", q, nil, &out)
}

func pairQuery(pair string) url.Values {
	if pair == "" {
		return nil
	}
	return url.Values{"pair": {pair}}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
