package panes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Paint is a style reduced to the escape sequences it puts around one line
// of text, for hot render loops: Wrap costs two concatenations where
// lipgloss's Render re-derives the sequences on every call. It is meant for
// colours and attributes (bold, faint, reverse, underline of words); styles
// with padding, margins, widths or borders are drawn with Render instead.
type Paint struct {
	pre, post string
	ok        bool
	style     lipgloss.Style
}

// NewPaint reduces st to a Paint.
func NewPaint(st lipgloss.Style) Paint {
	const probe = "x"
	out := st.Render(probe)
	i := strings.Index(out, probe)
	if i < 0 || strings.Count(out, probe) != 1 {
		return Paint{style: st}
	}
	return Paint{pre: out[:i], post: out[i+len(probe):], ok: true, style: st}
}

// Wrap paints one line of text (no newlines).
func (p Paint) Wrap(s string) string {
	switch {
	case s == "":
		return ""
	case !p.ok:
		return p.style.Render(s)
	case p.pre == "" && p.post == "":
		return s
	}
	return p.pre + s + p.post
}

// RowPaints are the styles table rows use, reduced to Paints once per pane.
type RowPaints struct {
	Selected, Profit, Loss, Neutral, Muted, Warning Paint
}

// NewRowPaints reduces the row styles of st.
func NewRowPaints(st Styles) RowPaints {
	return RowPaints{
		Selected: NewPaint(st.Table.Selected),
		Profit:   NewPaint(st.Profit),
		Loss:     NewPaint(st.Loss),
		Neutral:  NewPaint(st.Neutral),
		Muted:    NewPaint(st.Muted),
		Warning:  NewPaint(st.Warning),
	}
}

// PnL returns the paint for a money value by its sign, as Styles.PnL.
func (p *RowPaints) PnL(v float64) *Paint {
	switch {
	case v > 0:
		return &p.Profit
	case v < 0:
		return &p.Loss
	default:
		return &p.Neutral
	}
}
