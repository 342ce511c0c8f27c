// Package chart is the console's candle chart: one pair's candles at the
// bot's timeframe (/pair_candles), drawn with ntcharts' candlestick graph,
// with this bot's entries and exits on that pair as markers and the open
// trade's open rate and stoploss as horizontal lines. Candles are coloured
// by direction; in a colourless theme rising candles are hollow (║) and
// falling ones filled (┃).
//
// Boundary: it imports apiclient (wire types), panes and ntcharts; never
// tui or server, and it never calls the API: switching pairs asks for the
// new pair's candles with an intent.
package chart

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the chart pane. The embedded Drawn gives it Init, Focus, Blur,
// Capturing, SetSize and the help, and keeps its drawing.
type Model struct {
	panes.Drawn
	keys KeyMap

	pair      string
	timeframe string
	candles   []Candle
	load      panes.Load

	whitelist []string
	trades    []apiclient.OpenTrade
	closed    []apiclient.RawTrade
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns a chart showing no pair yet.
func New(c panes.Common, keys KeyMap) *Model {
	m := &Model{keys: keys}
	m.Drawn = panes.NewDrawn(c, keys, m.render)
	return m
}

// Pair returns the pair shown ("" before one is chosen).
func (m *Model) Pair() string { return m.pair }

// Want is how many candles fill the chart at its size: one per column.
func (m *Model) Want() int {
	iw, _ := m.Inner()
	return min(max(iw, 1), 1000)
}

// Title implements panes.Pane.
func (m *Model) Title() string { return "Chart" }

// SelectedPair implements panes.PairSelector.
func (m *Model) SelectedPair() (string, bool) { return m.pair, m.pair != "" }

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.ChartPairMsg:
		if msg.Pair == m.pair {
			return m, nil
		}
		m.show(msg.Pair)
	case panes.CandlesMsg:
		if msg.History.Pair != m.pair {
			return m, nil
		}
		m.candles = Candles(msg.History)
		m.load.Done()
		if msg.History.Timeframe != "" {
			m.timeframe = msg.History.Timeframe
		}
	case panes.LoadFailedMsg:
		if !m.load.Fail(msg, panes.DataCandles) {
			return m, nil
		}
	case panes.ConfigMsg:
		if tf := apiclient.Deref(msg.Config.Timeframe); tf != "" && m.timeframe == "" {
			m.timeframe = tf
		}
		return m, nil
	case panes.WhitelistMsg:
		m.whitelist = msg.Whitelist.Whitelist
		return m, nil
	case panes.HealthMsg:
		// The frame's title shows it; only a chart with nothing to draw
		// says what is wrong in its body.
		m.SetHealth(msg)
		if len(m.candles) > 0 {
			return m, nil
		}
	case panes.TradesMsg:
		// The open trades come with every refresh; the drawing changes only
		// when this pair's trade does.
		before := m.drawn()
		m.trades = msg.Trades
		if m.drawn() == before {
			return m, nil
		}
	case panes.ClosedTradesMsg:
		before := m.drawn()
		m.closed = msg.Trades
		if m.drawn() == before {
			return m, nil
		}
	default:
		return m, nil
	}
	m.Redraw()
	return m, nil
}

// drawn sums up what the chart draws of the trades on its pair: their ids,
// rates, stoplosses and times.
func (m *Model) drawn() string {
	var b strings.Builder
	for i := range m.trades {
		if t := &m.trades[i]; t.Pair == m.pair {
			fmt.Fprintf(&b, "o%d %v %v %d %v;", t.TradeID, t.OpenRate, apiclient.Deref(t.StopLossAbs), t.OpenTimestamp, t.IsShort)
		}
	}
	for i := range m.closed {
		if t := &m.closed[i]; t.Pair == m.pair {
			fmt.Fprintf(&b, "c%d %d;", t.TradeID, apiclient.Deref(t.CloseTimestamp))
		}
	}
	return b.String()
}

// show switches to pair; its candles are awaited.
func (m *Model) show(pair string) {
	if pair == m.pair {
		return
	}
	m.pair, m.candles = pair, nil
	m.load.Start()
}

// HandleKey implements panes.Pane: the next or previous pair of the
// whitelist and the open trades.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	step := 0
	switch {
	case key.Matches(msg, m.keys.NextPair):
		step = 1
	case key.Matches(msg, m.keys.PrevPair):
		step = -1
	default:
		return nil, nil
	}
	pairs := m.Pairs()
	if len(pairs) == 0 {
		return panes.Notice("no pairs to chart (the whitelist is empty)"), nil
	}
	i := slices.Index(pairs, m.pair)
	switch {
	case i < 0 && step > 0:
		i = 0
	case i < 0:
		i = len(pairs) - 1
	default:
		i = (i + step + len(pairs)) % len(pairs)
	}
	m.show(pairs[i])
	m.Redraw()
	return panes.ChartPairRequestedMsg{Pair: pairs[i]}, nil
}

// Pairs returns what the pair keys cycle through: the whitelist, then the
// pairs of open trades outside it.
func (m *Model) Pairs() []string {
	out := slices.Clone(m.whitelist)
	for _, t := range m.trades {
		if !slices.Contains(out, t.Pair) {
			out = append(out, t.Pair)
		}
	}
	return out
}

// View implements panes.Pane.
func (m *Model) View() string { return m.FrameLines(m.title(), m.Body()) }

// title is "Chart · BTC/USDT 5m", with what is under way or wrong.
func (m *Model) title() string {
	t := "Chart"
	if m.pair != "" {
		t += " · " + panes.Sanitize(m.pair)
		if m.timeframe != "" {
			t += " " + panes.Sanitize(m.timeframe)
		}
	}
	return m.load.Title(t)
}
