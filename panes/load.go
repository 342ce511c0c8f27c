package panes

// Load is where a pane's own fetch stands (the screens' data: a page of
// closed trades, a unit of profit, a pair's candles): on its way, failed
// with a problem, or answered. The zero value is answered.
type Load struct {
	pending bool
	problem string
}

// Start marks a fetch on its way.
func (l *Load) Start() { l.pending, l.problem = true, "" }

// Done marks the fetch answered.
func (l *Load) Done() { l.pending, l.problem = false, "" }

// Fail records msg when it is about data; it reports whether it was.
func (l *Load) Fail(msg LoadFailedMsg, data ScreenData) bool {
	if msg.Data != data {
		return false
	}
	l.pending, l.problem = false, msg.Problem
	return true
}

// Pending reports whether a fetch is on its way.
func (l *Load) Pending() bool { return l.pending }

// Title adds to title what is under way or wrong: " · loading…" or
// " · /trades: 502 ...".
func (l *Load) Title(title string) string {
	switch {
	case l.pending:
		return title + " · loading…"
	case l.problem != "":
		return title + " · " + l.problem
	}
	return title
}
