package panes

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

// Frame draws a rounded border with the title set into the top edge around
// body, in the focused or normal border colour. The result has exactly h
// lines, none wider than w cells: body lines are cut with an ellipsis and
// padded, missing lines are blank, extra lines are dropped. Sizes too small
// for a border give h blank lines.
func Frame(s Styles, title string, focused bool, w, h int, body string) string {
	lines := splitLines(body, max(h-2, 0))
	for i, l := range lines {
		lines[i] = Fit(l, max(w-2, 0))
	}
	return FrameFitted(s, title, focused, w, h, lines)
}

// FrameFitted is Frame for lines the caller has already fitted (with Fit)
// to exactly w-2 cells; they are not measured again, which keeps large
// panes cheap to draw from a cache of fitted lines. Lines beyond h-2 are
// dropped and missing ones are blank.
func FrameFitted(s Styles, title string, focused bool, w, h int, lines []string) string {
	if h <= 0 {
		return ""
	}
	if w < 2 || h < 2 {
		return blankLines(max(w, 0), h)
	}
	p := s.paints()
	border, titlePaint := p.border, p.title
	if focused {
		border, titlePaint = p.borderFocused, p.titleFocused
	}
	iw, ih := w-2, h-2
	side := border.Wrap("│")
	blank := strings.Repeat(" ", iw)
	top := topEdge(border, titlePaint, title, iw)
	bottom := border.Wrap("╰" + strings.Repeat("─", iw) + "╯")
	size := len(top) + len(bottom) + ih*(2*len(side)+1) + 1
	for i := range min(ih, len(lines)) {
		size += len(lines[i])
	}
	size += max(ih-len(lines), 0) * len(blank)
	var b strings.Builder
	b.Grow(size)
	b.WriteString(top)
	for i := range ih {
		b.WriteByte('\n')
		b.WriteString(side)
		if i < len(lines) {
			b.WriteString(lines[i])
		} else {
			b.WriteString(blank)
		}
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(bottom)
	return b.String()
}

// topEdge draws "╭─ title ───╮" for an inner width iw; the title is cut to
// fit and left out when there is no room for it.
func topEdge(border, title Paint, text string, iw int) string {
	room := iw - 3 // "─ " before the title and " " after it
	if text == "" || room < 2 {
		return border.Wrap("╭" + strings.Repeat("─", iw) + "╮")
	}
	text = Truncate(Sanitize(text), room)
	rest := iw - 3 - Width(text)
	return border.Wrap("╭─ ") + title.Wrap(text) + border.Wrap(" "+strings.Repeat("─", rest)+"╮")
}

// splitLines returns at most n lines of s.
func splitLines(s string, n int) []string {
	if s == "" || n <= 0 {
		return nil
	}
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return lines
}

// blankLines returns h lines of w spaces.
func blankLines(w, h int) string {
	line := strings.Repeat(" ", w)
	return strings.TrimSuffix(strings.Repeat(line+"\n", h), "\n")
}

// Width returns the cells s takes on screen, ANSI styles ignored; plain
// ASCII text is measured without grapheme segmentation.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// Truncate cuts s (which may hold ANSI styles) to at most w cells, ending
// with an ellipsis when it cuts.
func Truncate(s string, w int) string {
	cut, _ := TruncateWidth(s, w)
	return cut
}

// TruncateWidth is Truncate that also returns the width of the result.
func TruncateWidth(s string, w int) (string, int) {
	if w <= 0 {
		return "", 0
	}
	sw := Width(s)
	if sw <= w {
		return s, sw
	}
	s = ansi.Truncate(s, w, Ellipsis)
	return s, Width(s)
}

// Fit returns s cut or padded with spaces to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s, sw := TruncateWidth(s, w)
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// PadLeft returns s right-aligned in w cells, cut when wider.
func PadLeft(s string, w int) string {
	s, sw := TruncateWidth(s, w)
	if sw < w {
		return strings.Repeat(" ", w-sw) + s
	}
	return s
}

// Sanitize makes one line of untrusted text safe to lay out: invalid UTF-8
// becomes U+FFFD, tabs become spaces and other control characters (escape
// sequences included) are dropped, so the width we measure is the width the
// terminal draws.
func Sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString("    ")
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
