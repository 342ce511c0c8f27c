package logs

import (
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/panes"
)

// Column widths of a log line.
const (
	timeWidth   = 8
	levelWidth  = 8
	loggerWidth = 14
)

// frameTitle is the title with the pane's modes: follow, level filter and
// search.
func (m *Model) frameTitle() string {
	parts := []string{m.Title()}
	if m.follow {
		parts = append(parts, "follow")
	} else {
		parts = append(parts, "paused")
	}
	if m.minRank > 0 {
		parts = append(parts, "≥"+m.MinLevel())
	}
	if m.search.query != "" {
		parts = append(parts, "/"+panes.Sanitize(m.search.input.Value())+" ("+strconv.Itoa(m.search.count)+")")
	}
	return strings.Join(parts, " · ")
}

// body returns only the visible window's lines, fitted to the inner width
// (and the search box on the last line when open).
func (m *Model) body() []string {
	iw, _ := m.Inner()
	rows := m.rows()
	var out []string
	switch {
	case m.ring.n == 0 && m.Health().Problem != "":
		out = m.NoData(iw)
	case m.visible.empty():
		out = append(out, panes.Fit(m.Styles().Muted.Render(m.emptyText()), iw))
	default:
		from := m.topPos()
		to := min(from+rows, m.visible.len())
		sel := m.selectedSeq()
		out = make([]string, 0, rows+1)
		for pos := from; pos < to; pos++ {
			seq := m.visible.at(pos)
			line := m.line(seq, iw)
			if seq == sel && seq != m.search.current && strings.HasPrefix(line, " ") {
				// The line r opens; the current match is marked already.
				line = panes.SelectMarker + line[1:]
			}
			out = append(out, line)
		}
	}
	if m.search.typing {
		blank := strings.Repeat(" ", iw)
		for len(out) < rows {
			out = append(out, blank)
		}
		out = append(out, panes.Fit(" "+m.search.input.View(), iw))
	}
	return out
}

// emptyText explains an empty window.
func (m *Model) emptyText() string {
	if m.ring.n > 0 {
		return " No lines at " + m.MinLevel() + " or above"
	}
	return " No log lines yet"
}

// line returns the rendered line for seq, from the cache when valid.
func (m *Model) line(seq, width int) string {
	slot := seq % len(m.cache)
	if m.cacheGen[slot] != m.gen || m.cacheSeq[slot] != seq {
		m.cache[slot] = m.render(m.ring.get(seq), width)
		m.cacheGen[slot], m.cacheSeq[slot] = m.gen, seq
	}
	return m.cache[slot]
}

// render draws one entry in exactly width cells: time, level, logger,
// message; the narrowest panes drop the logger, then the time.
func (m *Model) render(e *entry, width int) string {
	p := &m.paints
	if e.gap {
		return p.warning.Wrap(panes.Fit(" "+e.text, width))
	}
	var styled, plain strings.Builder
	styled.WriteByte(' ')
	plain.WriteByte(' ')
	used := 1
	add := func(text string, w int, paint panes.Paint) {
		cell := panes.Fit(text, w) + " "
		plain.WriteString(cell)
		styled.WriteString(paint.Wrap(cell))
		used += w + 1
	}
	if width >= 40 {
		add(e.time, timeWidth, p.muted)
	}
	add(e.level, levelWidth, p.level(e.level))
	if width >= 60 {
		add(e.logger, loggerWidth, p.muted)
	}
	room := max(width-used, 0)
	text, tw := panes.TruncateWidth(e.text, room)
	suffix, sw := "", 0
	if e.more > 0 {
		suffix, sw = panes.TruncateWidth(" (+"+strconv.Itoa(e.more)+" lines)", room-tw)
	}
	pad := strings.Repeat(" ", max(room-tw-sw, 0))
	if e.seq == m.search.current {
		line := panes.SelectMarker + strings.TrimPrefix(plain.String(), " ") + text + suffix + pad
		return p.selected.Wrap(panes.Fit(line, width))
	}
	if used > width {
		// Too narrow even for the prefix: cut the styled line.
		return panes.Fit(styled.String(), width)
	}
	return styled.String() + m.highlight(text) + p.muted.Wrap(suffix) + pad
}

// highlight marks every occurrence of the query in text.
func (m *Model) highlight(text string) string {
	q := m.search.query
	lower := strings.ToLower(text)
	if q == "" || len(lower) != len(text) || !strings.Contains(lower, q) {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, q)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		b.WriteString(m.paints.match.Wrap(text[i : i+len(q)]))
		text, lower = text[i+len(q):], lower[i+len(q):]
	}
}

// paints are the line styles, reduced once for speed.
type paints struct {
	selected, muted, warning, match         panes.Paint
	debug, info, warn, err, critical, other panes.Paint
}

// newPaints reduces the styles the log lines use.
func newPaints(st panes.Styles) paints {
	return paints{
		selected: panes.NewPaint(st.Table.Selected),
		muted:    panes.NewPaint(st.Muted),
		warning:  panes.NewPaint(st.Warning),
		match:    panes.NewPaint(st.Match),
		debug:    panes.NewPaint(st.Level.Debug),
		info:     panes.NewPaint(st.Level.Info),
		warn:     panes.NewPaint(st.Level.Warning),
		err:      panes.NewPaint(st.Level.Error),
		critical: panes.NewPaint(st.Level.Critical),
		other:    panes.NewPaint(st.Text),
	}
}

// level returns the paint of a level name, as Styles.LevelStyle.
func (p *paints) level(name string) panes.Paint {
	switch levelRank(name) {
	case 10:
		return p.debug
	case 30:
		return p.warn
	case 40:
		return p.err
	case 50:
		return p.critical
	}
	if name == "INFO" {
		return p.info
	}
	return p.other
}
