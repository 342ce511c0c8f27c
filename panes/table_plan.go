package panes

// Planned returns cols planned at the widest cell each has in rows (see
// Column.Width): for a table drawn whole from the rows it shows now, with
// nothing earlier to remember.
func Planned(cols []Column, rows [][]string) []Column {
	out := make([]Column, len(cols))
	for i, c := range cols {
		c.Width = max(c.Width, c.contentWidth(i, rows))
		out[i] = c
	}
	return out
}
