package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
)

// handleScreenIntent handles the intents of the screens beyond the trade
// desk; ok is false for any other intent. Asking for data (the next page,
// another unit, grouping or pair) fetches it at once; the blacklist's add
// and delete open their dialogs like every action.
func (m *Model) handleScreenIntent(b *botState, intent panes.Intent) (cmd tea.Cmd, ok bool) {
	switch msg := intent.(type) {
	case panes.ClosedTradesPageRequestedMsg:
		return m.fetchScreen(b, screenReq{data: panes.DataClosedTrades, offset: msg.Offset}), true
	case panes.PeriodicRequestedMsg:
		return m.fetchScreen(b, screenReq{data: panes.DataPeriodic, unit: msg.Unit}), true
	case panes.StatsRequestedMsg:
		return m.fetchScreen(b, screenReq{data: panes.DataStats, kind: msg.Kind}), true
	case panes.ChartPairRequestedMsg:
		return m.chartPair(b, msg.Pair), true
	case panes.ClosedTradeDetailRequestedMsg:
		m.modal = modal{kind: modalClosedDetail, bot: b.id, closed: msg.Trade}
		return nil, true
	case panes.BlacklistAddRequestedMsg:
		if b.cfg.ReadOnly {
			return m.setStatus(statusError, readOnlyReason(b)), true
		}
		return m.openDialog(b, action.Key{}, addBlacklistDialog(b, msg.Pattern)), true
	case panes.BlacklistDeleteRequestedMsg:
		if b.cfg.ReadOnly {
			return m.setStatus(statusError, readOnlyReason(b)), true
		}
		o := deleteBlacklistOp(b, msg.Pattern)
		return m.openDialog(b, o.key(), deleteBlacklistDialog(b, msg.Pattern, o)), true
	}
	return nil, false
}

// chartPair shows pair on bot b's chart: the pair asked for, else the one
// shown, else the first the chart can cycle through; and fetches its
// candles unless they are fetched or on their way.
func (m *Model) chartPair(b *botState, pair string) tea.Cmd {
	c := b.views.chart
	if pair == "" {
		pair = c.Pair()
	}
	if pair == "" {
		if all := c.Pairs(); len(all) > 0 {
			pair = all[0]
		}
	}
	if pair == "" {
		return m.setStatus(statusInfo, "no pair to chart yet: the whitelist has not come")
	}
	if pair != c.Pair() {
		// The chart keeps one pair's candles: the others are fetched again.
		b.data.forget(func(k string) bool { return strings.HasPrefix(k, "candles ") })
	}
	cmd := b.send(panes.ChartPairMsg{Pair: pair})
	r, ok := m.candlesReq(b, pair)
	if !ok || b.data.fetched[r.key()] {
		return cmd
	}
	return tea.Batch(cmd, m.fetchScreen(b, r))
}
