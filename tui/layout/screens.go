package layout

// Screen names an arrangement of panes: the trade desk (Compute) and the
// screens beyond it (ComputeScreen).
type Screen int

// The screens.
const (
	// TradeDesk holds the open trades, profit, locks and logs.
	TradeDesk Screen = iota
	// History holds the closed trades, profit over time, performance and
	// balance.
	History
	// Pairs holds the whitelist, the blacklist, the locks and the per-pair
	// performance.
	Pairs
	// Chart holds one candle chart.
	Chart
	// Overview holds one pane for every bot at once (the same pane on
	// every bot's screens).
	Overview
	// NumScreens is the number of screens.
	NumScreens
)

// The panes of the history screen, in focus order.
const (
	HistoryClosed = iota
	HistoryPeriodic
	HistoryPerformance
	HistoryBalance
)

// The panes of the pairs screen, in focus order.
const (
	PairsWhitelist = iota
	PairsBlacklist
	PairsLocks
	PairsPerformance
)

// Panes returns how many panes screen s has.
func (s Screen) Panes() int {
	if s == Chart || s == Overview {
		return 1
	}
	return NumPanes
}

// The smallest sizes at which the history and pairs screens show all
// their panes at once; below, they show the focused one under a strip of
// pane names.
const (
	historyWideWidth  = 120
	historyWideHeight = 30
	pairsWideWidth    = 100
	pairsWideHeight   = 24
)

// ComputeScreen places screen s's panes and the status bar on a w×h
// terminal, with the guarantees of Compute. The chart fills the area; the
// history and pairs screens tile their panes when roomy, else show the
// focused pane under a one-line strip naming the panes (Tabs).
func ComputeScreen(s Screen, w, h int, c Chrome) Layout {
	if s == TradeDesk {
		return Compute(w, h, c)
	}
	w, h = max(w, 0), max(h, 0)
	status := min(max(c.StatusLines, 0), h)
	l := Layout{Width: w, Height: h, Status: Rect{X: 0, Y: h - status, W: w, H: status}}
	area := h - status
	switch {
	case w < MinWidth || area < minPaneHeight || h < MinHeight:
		l.Mode = TooSmall
	case s == Chart || s == Overview:
		l.Mode = Single
		l.Panes[0] = Rect{W: w, H: area}
	case s == History && w >= historyWideWidth && h >= historyWideHeight:
		l.Mode = Wide
		historyWide(&l, w, area)
	case s == Pairs && w >= pairsWideWidth && h >= pairsWideHeight:
		l.Mode = Wide
		pairsWide(&l, w, area)
	case area < minPaneHeight+1:
		// No room for the strip: the focused pane alone.
		l.Mode = Single
		l.Panes[focused(c.Focused, s)] = Rect{W: w, H: area}
	default:
		l.Mode = Single
		l.Tabs = Rect{W: w, H: 1}
		l.Panes[focused(c.Focused, s)] = Rect{Y: 1, W: w, H: area - 1}
	}
	return l
}

// focused is the pane shown alone: the focused one, or the first.
func focused(f int, s Screen) int {
	if f < 0 || f >= s.Panes() {
		return 0
	}
	return f
}

// historyWide: the closed trades across the top; profit over time,
// performance and balance side by side below.
func historyWide(l *Layout, w, area int) {
	top := area / 2
	bottom := area - top
	periodicW := w * 45 / 100
	balanceW := clamp(w*22/100, 30, 48)
	perfW := w - periodicW - balanceW
	l.Panes[HistoryClosed] = Rect{W: w, H: top}
	l.Panes[HistoryPeriodic] = Rect{Y: top, W: periodicW, H: bottom}
	l.Panes[HistoryPerformance] = Rect{X: periodicW, Y: top, W: perfW, H: bottom}
	l.Panes[HistoryBalance] = Rect{X: periodicW + perfW, Y: top, W: balanceW, H: bottom}
}

// pairsWide: the whitelist down the left; the blacklist, the locks and the
// per-pair performance stacked on the right.
func pairsWide(l *Layout, w, area int) {
	leftW := w * 45 / 100
	rightW := w - leftW
	black := max(area*30/100, minPaneHeight)
	locks := max(area*30/100, minPaneHeight)
	perf := area - black - locks
	l.Panes[PairsWhitelist] = Rect{W: leftW, H: area}
	l.Panes[PairsBlacklist] = Rect{X: leftW, W: rightW, H: black}
	l.Panes[PairsLocks] = Rect{X: leftW, Y: black, W: rightW, H: locks}
	l.Panes[PairsPerformance] = Rect{X: leftW, Y: black + locks, W: rightW, H: perf}
}
