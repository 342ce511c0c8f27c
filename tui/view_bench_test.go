package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// benchModel is a model holding 200 open trades and 10,000 log lines at
// w×h, as DESIGN.md's View() target states.
func benchModel(b *testing.B, w, h int) *Model {
	b.Helper()
	api := newFixtureAPI(b)
	base := api.trades[0]
	api.trades = api.trades[:0]
	for i := range 200 {
		t := base
		t.TradeID = i + 1
		t.Pair = fmt.Sprintf("C%03d/USDT", i)
		p := float64(i%21-10) / 1000
		t.ProfitRatio = &p
		api.trades = append(api.trades, t)
	}
	rows := make([]apiclient.LogRow, 10000)
	for i := range rows {
		ts := fixedClock().Add(time.Duration(i) * time.Second)
		rows[i] = apiclient.LogRow{Date: ts.Format("2006-01-02 15:04:05"), Timestamp: float64(ts.UnixMilli()),
			Logger: "freqtrade.freqtradebot", Level: []string{"INFO", "WARNING", "DEBUG", "ERROR"}[i%4],
			Message: fmt.Sprintf("Line %d: Long signal found: about create a new trade for C%03d/USDT with stake_amount: 100.0", i, i%200)}
	}
	api.logs = apiclient.Logs{LogCount: len(rows), Logs: rows}
	return loadedModelOf(b, api, w, h)
}

// BenchmarkRootView is the full-screen View() at 200×60 (target ≤ 2 ms).
func BenchmarkRootView(b *testing.B) {
	m := benchModel(b, 200, 60)
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkRootView120 is the same at 120×40.
func BenchmarkRootView120(b *testing.B) {
	m := benchModel(b, 120, 40)
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkClockTickAndView is one second of an idle console: the clock
// tick reaches every pane (which rebuild what depends on time), then View.
func BenchmarkClockTickAndView(b *testing.B) {
	m := benchModel(b, 200, 60)
	m.clockTag = 0
	for b.Loop() {
		m.Update(clockTickMsg{tag: 0})
		_ = m.View()
	}
}

// BenchmarkTradesRefreshAndView is a refetch of 200 trades (/status, with
// /count and /profit, as after trade events) followed by View.
func BenchmarkTradesRefreshAndView(b *testing.B) {
	m := benchModel(b, 200, 60)
	f := m.bots[0].feed
	for b.Loop() {
		fetchNow(m, f.Release(feed.TradeData))
		_ = m.View()
	}
}

// BenchmarkRootViewCold is the full-screen View() at 200×60 drawn from
// nothing: every pane lays out and renders again (a resize between two
// frames), against BenchmarkRootView's cached frame.
func BenchmarkRootViewCold(b *testing.B) {
	m := benchModel(b, 200, 60)
	sizes := [2]tea.WindowSizeMsg{{Width: 200, Height: 60}, {Width: 199, Height: 60}}
	i := 0
	for b.Loop() {
		i = 1 - i
		m.Update(sizes[i])
		_ = m.View()
	}
}
