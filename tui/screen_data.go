package tui

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// How much the screens ask for at once.
const (
	// closedPage is the most closed trades one /trades request asks for
	// (freqtrade's documented maximum).
	closedPage = 500
	// newerMargin is how many trades a refresh asks for beyond those that
	// closed since the last: a trade deleted meanwhile shifts the newest.
	newerMargin = 10
	// Periods of profit over time asked for, per unit.
	dailyPeriods   = 30
	weeklyPeriods  = 12
	monthlyPeriods = 12
)

// screenReq is one fetch of a screen: what and which part of it.
type screenReq struct {
	data   panes.ScreenData
	offset int                  // DataClosedTrades: the page's first trade
	unit   apiclient.PeriodUnit // DataPeriodic
	kind   panes.StatsKind      // DataStats
	pair   string               // DataCandles
	tf     string               // DataCandles: the timeframe
	limit  int                  // DataCandles: how many candles; DataClosedTrades: how many (0: a page)
}

// key names what a request fetches, to skip a second request while one
// is on its way, and to remember what was fetched.
func (r screenReq) key() string {
	switch r.data {
	case panes.DataClosedTrades:
		return "closed@" + itoa(r.offset)
	case panes.DataPeriodic:
		return "periodic " + string(r.unit)
	case panes.DataStats:
		return "stats " + r.kind.String()
	case panes.DataBlacklist:
		return "blacklist"
	case panes.DataCandles:
		return "candles " + r.pair + " " + r.tf
	}
	return "?"
}

// screenData is what the screens beyond the trade desk fetched for one
// bot: the closed trades loaded (merged from their pages), what was
// fetched since it last changed, and what is on its way.
type screenData struct {
	closed      []apiclient.RawTrade
	closedTotal int
	// newer is how many trades closed since the closed trades were loaded,
	// when the bot's count says so: the refresh asks for them (and a few
	// more) rather than a whole page.
	newer int
	// candles is how many candles the chart's were asked with.
	candles int
	// fetched holds the keys fetched since their data last changed; the
	// screens fetch what they show and is missing from it.
	fetched map[string]bool
	// inflight holds the keys of requests on their way, by sequence.
	inflight map[string]uint64
	seq      uint64
}

// init makes the maps of a zero screenData.
func (d *screenData) init() {
	if d.fetched == nil {
		d.fetched, d.inflight = map[string]bool{}, map[string]uint64{}
	}
}

// forget marks the keys accepted by drop as out of date, so the screens
// that show them fetch them again. A request of such a key already on its
// way was asked before the change: its answer is dropped, and the next
// fetch asks anew rather than wait for it.
func (d *screenData) forget(drop func(key string) bool) {
	d.init()
	for k := range d.fetched {
		if drop(k) {
			delete(d.fetched, k)
		}
	}
	for k := range d.inflight {
		if drop(k) {
			delete(d.inflight, k)
		}
	}
}

// wants lists what the shown screen of bot b shows and has not fetched.
func (m *Model) wants(b *botState) []screenReq {
	first := screenReq{data: panes.DataClosedTrades}
	if n := b.data.newer; n > 0 && n+newerMargin < closedPage {
		first.limit = n + newerMargin
	}
	switch m.screen {
	case layout.History:
		return []screenReq{
			first,
			{data: panes.DataPeriodic, unit: b.views.periodic.Unit()},
			{data: panes.DataStats, kind: b.views.stats.Kind()},
		}
	case layout.Pairs:
		return []screenReq{{data: panes.DataBlacklist}, {data: panes.DataStats, kind: panes.StatsPairs}, first}
	case layout.Chart:
		out := []screenReq{first}
		if r, ok := m.candlesReq(b, b.views.chart.Pair()); ok {
			out = append(out, r)
		}
		return out
	case layout.TradeDesk, layout.NumScreens:
	}
	return nil
}

// loadScreen fetches what the shown screen of the shown bot lacks. Hidden
// screens and the other bots make no requests.
func (m *Model) loadScreen(b *botState) tea.Cmd {
	if b != m.activeBot() || m.state == stateStarting {
		return nil
	}
	b.data.init()
	var cmds []tea.Cmd
	for _, r := range m.wants(b) {
		if !b.data.fetched[r.key()] {
			cmds = append(cmds, m.fetchScreen(b, r))
		}
	}
	return tea.Batch(cmds...)
}

// fetchScreen sends request r for bot b, unless the same is on its way.
func (m *Model) fetchScreen(b *botState, r screenReq) tea.Cmd {
	b.data.init()
	if _, busy := b.data.inflight[r.key()]; busy {
		return nil
	}
	b.data.seq++
	b.data.inflight[r.key()] = b.data.seq
	return screenFetchCmd(m.ctx, b.cfg.API, m.opts.Timeout, b.id, b.data.seq, r)
}

// candlesReq is the request of pair's candles at the bot's timeframe, as
// many as the chart has columns; ok is false before the timeframe is
// known.
func (m *Model) candlesReq(b *botState, pair string) (screenReq, bool) {
	cfg := b.config()
	if pair == "" || cfg == nil || apiclient.Deref(cfg.Timeframe) == "" {
		return screenReq{}, false
	}
	return screenReq{data: panes.DataCandles, pair: pair, tf: *cfg.Timeframe, limit: b.views.chart.Want()}, true
}

// apply hands a screen's answer to the bot's panes: the data, merged for
// closed trades, or the failure. An answer overtaken by a newer request of
// the same key is dropped.
func (msg screenFetchedMsg) apply(m *Model) tea.Cmd {
	b := m.bots[msg.bot]
	key := msg.req.key()
	if b.data.inflight[key] != msg.seq {
		return nil
	}
	delete(b.data.inflight, key)
	if msg.err != nil {
		return b.send(panes.LoadFailedMsg{Data: msg.req.data, Problem: problemText(msg.req, msg.err)})
	}
	switch {
	case msg.req.data != panes.DataCandles:
		b.data.fetched[key] = true
	case msg.req.pair == b.views.chart.Pair():
		// Candles of a pair no longer shown are dropped by the chart.
		b.data.fetched[key], b.data.candles = true, msg.req.limit
	}
	if msg.page == nil {
		return tea.Batch(b.send(msg.data...), m.observeChecks(b, msg.data))
	}
	b.data.closed = mergeClosed(b.data.closed, msg.page.Trades)
	b.data.closedTotal = msg.page.TotalTrades
	if msg.req.offset == 0 {
		b.data.newer = 0
	}
	return b.send(panes.ClosedTradesMsg{Trades: b.data.closed, Total: b.data.closedTotal})
}

// mergeClosed returns have with page merged in (a trade seen again
// replaces its old copy), newest close first. have's elements are not
// changed: the panes hold it. The usual page, older than everything
// loaded, is appended in place, which keeps paging through a long history
// from copying it on every page.
func mergeClosed(have, page []apiclient.RawTrade) []apiclient.RawTrade {
	if appendable(have, page) {
		return append(have, page...)
	}
	out := slices.Grow(slices.Clone(have), len(page))
	at := make(map[int]int, len(have))
	for i, t := range have {
		at[t.TradeID] = i
	}
	for _, t := range page {
		if i, ok := at[t.TradeID]; ok {
			out[i] = t
			continue
		}
		at[t.TradeID] = len(out)
		out = append(out, t)
	}
	slices.SortStableFunc(out, newestFirst)
	return out
}

// newestFirst orders closed trades by close time, newest first, then by
// id, highest first.
func newestFirst(a, b apiclient.RawTrade) int {
	if c := b.ClosedAt().Compare(a.ClosedAt()); c != 0 {
		return c
	}
	return b.TradeID - a.TradeID
}

// appendable reports whether page, sorted newest first, holds only trades
// older than every one of have (none of them known), so it can follow it.
func appendable(have, page []apiclient.RawTrade) bool {
	if !slices.IsSortedFunc(page, newestFirst) {
		return false
	}
	return len(have) == 0 || len(page) == 0 || newestFirst(have[len(have)-1], page[0]) < 0
}

// chartResized fetches the shown chart's candles again when the terminal
// grew wider than the candles it was asked for.
func (m *Model) chartResized() tea.Cmd {
	if m.screen != layout.Chart || len(m.bots) == 0 {
		return nil
	}
	b := m.activeBot()
	if b.views.chart.Want() <= b.data.candles {
		return nil
	}
	b.data.forget(func(k string) bool { return strings.HasPrefix(k, "candles ") })
	return m.loadScreen(b)
}

// refetchScreenData fetches again the screen data an action changed (the
// blacklist), now when its screen is shown or the action is being
// reconciled, else when its screen is next shown.
func (m *Model) refetchScreenData(b *botState, d panes.ScreenData) tea.Cmd {
	if d != panes.DataBlacklist {
		return nil
	}
	r := screenReq{data: d}
	b.data.forget(func(k string) bool { return k == r.key() })
	shown := b == m.activeBot() && m.screen == layout.Pairs
	if !shown && len(b.checks) == 0 {
		return nil
	}
	return m.fetchScreen(b, r)
}

// refreshScreen fetches again everything the shown screen of bot b shows
// (ctrl+r); the other screens' data is fetched again when they are next
// shown.
func (m *Model) refreshScreen(b *botState) tea.Cmd {
	b.data.forget(func(string) bool { return true })
	return m.loadScreen(b)
}

// onFeedData keeps the screens' data in step with the feed: when the
// bot's count of closed trades moves, the closed trades and what is worked
// out from them are out of date; the shown screen fetches again what it
// lacks (which is also how it starts once the bot's config is known).
func (m *Model) onFeedData(b *botState, data []tea.Msg) tea.Cmd {
	b.data.init()
	for _, d := range data {
		switch d := d.(type) {
		case panes.ProfitMsg:
			if b.data.fetched["closed@0"] && d.Profit.ClosedTradeCount != b.data.closedTotal {
				b.data.newer = d.Profit.ClosedTradeCount - b.data.closedTotal
				b.data.forget(func(k string) bool {
					return strings.HasPrefix(k, "closed@") || strings.HasPrefix(k, "periodic ") || strings.HasPrefix(k, "stats ")
				})
			}
		case panes.NewCandleMsg:
			b.data.forget(func(k string) bool { return k == "candles "+d.Pair+" "+d.Timeframe })
		}
	}
	switch {
	case m.screen == layout.TradeDesk || b != m.activeBot():
		return nil
	case m.screen == layout.Chart && b.views.chart.Pair() == "" && len(b.views.chart.Pairs()) > 0:
		// The chart opened before the bot's pairs were known.
		return tea.Batch(m.chartPair(b, ""), m.loadScreen(b))
	}
	return m.loadScreen(b)
}
