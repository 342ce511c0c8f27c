package panes

// Cursor is a selected row in a list of N rows and the scroll offset of a
// window of H rows that keeps the selection in view. The zero value selects
// the first row.
type Cursor struct {
	// Index is the selected row.
	Index int
	// Offset is the first row in the window.
	Offset int
}

// Clamp keeps Index inside n rows and the window of h rows around it, with
// the window filled as far as the rows allow.
func (c *Cursor) Clamp(n, h int) {
	if n <= 0 {
		c.Index, c.Offset = 0, 0
		return
	}
	h = max(h, 1)
	c.Index = min(max(c.Index, 0), n-1)
	if c.Index < c.Offset {
		c.Offset = c.Index
	}
	if c.Index >= c.Offset+h {
		c.Offset = c.Index - h + 1
	}
	c.Offset = min(max(c.Offset, 0), max(n-h, 0))
}

// Move moves the selection by delta rows (negative is up), then clamps.
func (c *Cursor) Move(delta, n, h int) {
	c.Index += delta
	c.Clamp(n, h)
}

// Window returns the half-open row range [from, to) visible in h rows.
func (c Cursor) Window(n, h int) (from, to int) {
	from = min(c.Offset, n)
	return from, min(from+max(h, 0), n)
}
