package tui

import (
	"context"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// screenFetchedMsg is the answer of screenFetchCmd: data messages for the
// panes, or the page of closed trades to merge, or the failure.
type screenFetchedMsg struct {
	bot  int
	seq  uint64
	req  screenReq
	data []tea.Msg
	page *apiclient.TradesResponse
	err  error
}

// screenFetchCmd makes one request of a screen. It takes everything it
// needs as values.
func screenFetchCmd(ctx context.Context, api API, timeout time.Duration, bot int, seq uint64, r screenReq) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		msg := screenFetchedMsg{bot: bot, seq: seq, req: r}
		switch r.data {
		case panes.DataClosedTrades:
			limit := closedPage
			if r.limit > 0 {
				limit = r.limit
			}
			page, err := api.Trades(ctx, apiclient.TradesQuery{Limit: limit, Offset: r.offset, OrderByID: apiclient.Ptr(false)})
			msg.page, msg.err = &page, err
		case panes.DataPeriodic:
			var p apiclient.PeriodicProfit
			p, msg.err = periodicOf(ctx, api, r.unit)
			msg.data = []tea.Msg{panes.PeriodicMsg{Unit: r.unit, Profit: p}}
		case panes.DataStats:
			var rows []panes.StatsRow
			rows, msg.err = statsOf(ctx, api, r.kind)
			msg.data = []tea.Msg{panes.StatsMsg{Kind: r.kind, Rows: rows}}
		case panes.DataBlacklist:
			var bl apiclient.Blacklist
			bl, msg.err = api.Blacklist(ctx)
			msg.data = []tea.Msg{panes.BlacklistMsg{Blacklist: bl}}
		case panes.DataCandles:
			var h apiclient.PairHistory
			h, msg.err = api.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: r.pair, Timeframe: r.tf, Limit: apiclient.Ptr(r.limit)})
			msg.data = []tea.Msg{panes.CandlesMsg{History: h}}
		}
		return msg
	}
}

// periodicOf calls /daily, /weekly or /monthly.
func periodicOf(ctx context.Context, api API, unit apiclient.PeriodUnit) (apiclient.PeriodicProfit, error) {
	switch unit {
	case apiclient.Weekly:
		return api.Weekly(ctx, weeklyPeriods)
	case apiclient.Monthly:
		return api.Monthly(ctx, monthlyPeriods)
	case apiclient.Daily:
	}
	return api.Daily(ctx, dailyPeriods)
}

// statsOf calls /performance, /entries, /exits or /mix_tags and reads the
// rows alike.
func statsOf(ctx context.Context, api API, kind panes.StatsKind) ([]panes.StatsRow, error) {
	row := func(name string, p apiclient.TagProfit) panes.StatsRow {
		return panes.StatsRow{Name: name, Count: p.Count, ProfitRatio: p.ProfitRatio, ProfitAbs: p.ProfitAbs}
	}
	var out []panes.StatsRow
	switch kind {
	case panes.StatsEntries:
		rows, err := api.Entries(ctx, "")
		for _, r := range rows {
			out = append(out, row(r.EnterTag, r.TagProfit))
		}
		return out, err
	case panes.StatsExits:
		rows, err := api.Exits(ctx, "")
		for _, r := range rows {
			out = append(out, row(r.ExitReason, r.TagProfit))
		}
		return out, err
	case panes.StatsMixTags:
		rows, err := api.MixTags(ctx, "")
		for _, r := range rows {
			out = append(out, row(r.MixTag, r.TagProfit))
		}
		return out, err
	case panes.StatsPairs, panes.NumStatsKinds:
	}
	rows, err := api.Performance(ctx)
	for _, r := range rows {
		out = append(out, panes.StatsRow{Name: r.Pair, Count: r.Count, ProfitRatio: r.ProfitRatio, ProfitAbs: r.ProfitAbs})
	}
	return out, err
}

// problemText says which request failed and why, for the pane's title.
func problemText(r screenReq, err error) string {
	routes := map[panes.ScreenData]string{
		panes.DataClosedTrades: "/trades", panes.DataPeriodic: "/" + string(r.unit), panes.DataStats: "/performance",
		panes.DataBlacklist: "/blacklist", panes.DataCandles: "/pair_candles",
	}
	route := routes[r.data]
	if r.data == panes.DataStats {
		route = map[panes.StatsKind]string{panes.StatsEntries: "/entries", panes.StatsExits: "/exits", panes.StatsMixTags: "/mix_tags"}[r.kind]
		if route == "" {
			route = "/performance"
		}
	}
	switch apiclient.FailureOf(err) {
	case apiclient.FailureUnreachable, apiclient.FailureAuth, apiclient.FailureNotAPI:
		return route + ": " + apiclient.Reason(err)
	default:
		return route + ": " + firstLine(err.Error())
	}
}

// itoa formats an int.
func itoa(n int) string { return strconv.Itoa(n) }
