package panes

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// NavKeys are the bindings that move through a list or scroll a view, shared
// by the panes' key maps (which embed it) with the same action names in
// every [keys] scope: up, down, page_up, page_down, top and bottom. A pane
// without paging uses WithoutPaging: PageUp and PageDown are then unbound
// and left out of Named and Help.
type NavKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding

	noPaging bool
}

// DefaultNavKeys returns new NavKeys with the default keys of DESIGN.md.
func DefaultNavKeys() NavKeys {
	return NavKeys{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
	}
}

// WithoutPaging returns a copy of k with PageUp and PageDown unbound and
// left out of Named and Help.
func (k NavKeys) WithoutPaging() NavKeys {
	k.PageUp, k.PageDown = key.Binding{}, key.Binding{}
	k.noPaging = true
	return k
}

// Named returns the bindings by action name, in the order of the key
// reference; each Binding points into k.
func (k *NavKeys) Named() []NamedBinding {
	out := []NamedBinding{{Name: "up", Binding: &k.Up}, {Name: "down", Binding: &k.Down}}
	if !k.noPaging {
		out = append(out, NamedBinding{Name: "page_up", Binding: &k.PageUp}, NamedBinding{Name: "page_down", Binding: &k.PageDown})
	}
	return append(out, NamedBinding{Name: "top", Binding: &k.Top}, NamedBinding{Name: "bottom", Binding: &k.Bottom})
}

// Help returns the bindings as one row of a full help.
func (k NavKeys) Help() []key.Binding {
	if k.noPaging {
		return []key.Binding{k.Up, k.Down, k.Top, k.Bottom}
	}
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// Scroll returns how many rows Up, Down, PageUp or PageDown moves by, a
// page being page rows; ok is false for any other key (Top and Bottom
// included, whose meaning differs by pane).
func (k NavKeys) Scroll(msg tea.KeyMsg, page int) (delta int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	}
	return 0, false
}
