package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// screenBenchModel is a model at 200×60 on screen key with 2,000 closed
// trades paged into the history (four pages of 500).
func screenBenchModel(b *testing.B, screenKey string) *Model {
	b.Helper()
	m := screenModel(b, newScreenAPI(b, 2000), 200, 60, "h")
	for range 3 {
		pressFetch(m, "G")
	}
	if n, _ := m.activeBot().views.closed.Loaded(); n != 2000 {
		b.Fatalf("%d closed trades loaded", n)
	}
	pressFetch(m, screenKey)
	_ = m.View()
	return m
}

// BenchmarkScreenView is View() of each screen at 200×60 with 2,000 closed
// trades loaded (target ≤ 2 ms), as drawn on every frame.
func BenchmarkScreenView(b *testing.B) {
	for _, s := range []struct{ name, key string }{{"history", "h"}, {"pairs", "w"}, {"chart", "v"}} {
		b.Run(s.name, func(b *testing.B) {
			m := screenBenchModel(b, s.key)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkScreenSwitch is a switch to each screen and its View() at
// 200×60 with 2,000 closed trades loaded.
func BenchmarkScreenSwitch(b *testing.B) {
	for _, s := range []struct{ name, key string }{{"history", "h"}, {"pairs", "w"}, {"chart", "v"}} {
		b.Run(s.name, func(b *testing.B) {
			m := screenBenchModel(b, s.key)
			b.ReportAllocs()
			for b.Loop() {
				pressFetch(m, "t")
				_ = m.View()
				pressFetch(m, s.key)
				_ = m.View()
			}
		})
	}
}

// BenchmarkScreenResize is a resize of each screen and its View(), with
// 2,000 closed trades loaded: every pane lays itself out again (the closed
// trades' 2,000 rows, the chart's candles) and draws once.
func BenchmarkScreenResize(b *testing.B) {
	for _, s := range []struct{ name, key string }{{"history", "h"}, {"pairs", "w"}, {"chart", "v"}} {
		b.Run(s.name, func(b *testing.B) {
			m := screenBenchModel(b, s.key)
			b.ReportAllocs()
			w := 200
			for b.Loop() {
				w = 401 - w // 200, 201, 200, ...
				m.Update(resizeTo(w, 60))
				_ = m.View()
			}
		})
	}
}

// resizeTo is the message of a terminal resized to w×h.
func resizeTo(w, h int) tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }
