package panes

import "github.com/charmbracelet/bubbles/help"

// Drawn is a Base whose body is drawn when first shown and kept until its
// data or size changes: for panes that draw charts, or lay out more than a
// table's rows. A pane embeds it, gives NewDrawn its draw method, and
// calls Redraw when its data changes.
type Drawn struct {
	Base
	draw  func() []string
	body  []string
	valid bool
}

// NewDrawn returns the Drawn of a pane built from c whose help comes from
// keys; draw renders the body, fitted to the inner size.
func NewDrawn(c Common, keys help.KeyMap, draw func() []string) Drawn {
	return Drawn{Base: NewBase(c, keys), draw: draw}
}

// SetSize implements Pane: a new size draws the body again.
func (d *Drawn) SetSize(width, height int) {
	if d.Resize(width, height) {
		d.valid = false
	}
}

// Redraw drops the drawn body: the next View draws it again.
func (d *Drawn) Redraw() { d.valid = false }

// Drawing reports whether the body is drawn and kept (no Redraw since).
func (d *Drawn) Drawing() bool { return d.valid }

// Body returns the drawn body, drawing it first when needed.
func (d *Drawn) Body() []string {
	if !d.valid {
		d.body, d.valid = d.draw(), true
	}
	return d.body
}
