package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// fieldKind says how a dialog field takes input.
type fieldKind int

const (
	// fieldText takes any printable text.
	fieldText fieldKind = iota
	// fieldNumber takes digits and one decimal point.
	fieldNumber
	// fieldChoice cycles through fixed choices.
	fieldChoice
	// fieldFixed shows a value that cannot change.
	fieldFixed
)

// field is one input of a dialog.
type field struct {
	label   string
	kind    fieldKind
	value   []rune
	choices []string
	choice  int
	hint    string
	// onlyIf shows the field only while field onlyIf.field has the choice
	// onlyIf.value (the limit price while the order type is "limit").
	onlyIf *fieldCond
}

// fieldCond is a visibility condition on another field's choice.
type fieldCond struct {
	field int
	value string
}

// text returns the field's value: the typed text or the chosen choice.
func (f *field) text() string {
	if f.kind == fieldChoice {
		return f.choices[f.choice]
	}
	return strings.TrimSpace(string(f.value))
}

// editable reports whether the field can take the focus.
func (f *field) editable() bool { return f.kind != fieldFixed }

// typing reports whether the field takes the printable key k as text.
func (f *field) typing(k tea.KeyMsg) bool {
	if k.Alt {
		return false
	}
	switch f.kind {
	case fieldText:
		return k.Type == tea.KeyRunes || k.Type == tea.KeySpace
	case fieldNumber:
		if k.Type != tea.KeyRunes {
			return false
		}
		for _, r := range k.Runes {
			if !unicode.IsDigit(r) && r != '.' {
				return false
			}
		}
		return true
	case fieldChoice, fieldFixed:
	}
	return false
}

// dialogValues are the field values handed to submit, by field index.
type dialogValues []string

// dialog is a confirm dialog or a small form. It holds what it was opened
// for in its submit closure; submit validates the values and builds the op,
// or returns an error that keeps the dialog open.
//
// A dialog is live: refresh, when set, is called whenever its bot's data
// changes, and updates the lines from the latest data. When what the dialog
// is about is gone (the trade closed), refresh sets blocked and the dialog
// will not send; when it changed (its amount, an order opened), refresh sets
// changed, and the next confirm only acknowledges it: the one after sends.
type dialog struct {
	title  string
	lines  [][2]string // context: label, value
	warn   string
	fields []field
	focus  int
	err    string
	submit func(v dialogValues) (op, error)

	// bot is the bot the dialog acts on (set when it opens).
	bot     int
	refresh func(d *dialog)
	blocked string
	changed string
	// changeSeen is set once a confirm acknowledged changed.
	changeSeen bool
	// stateConfirmed is set on the extra confirmation of an action on a bot
	// that is not online: its op is sent as it is.
	stateConfirmed bool
	// fleet, when set, is the action on several bots the dialog confirms;
	// its refresh plans it again on any bot's change.
	fleet *fleetPlan
}

// dialogOutcome is what a key did to a dialog.
type dialogOutcome int

const (
	dialogOpen dialogOutcome = iota
	dialogCancelled
	dialogSubmitted
)

// visible reports whether field i is shown.
func (d *dialog) visible(i int) bool {
	c := d.fields[i].onlyIf
	return c == nil || d.fields[c.field].text() == c.value
}

// focusFirst focuses the first editable, visible field.
func (d *dialog) focusFirst() {
	d.focus = -1
	d.moveFocus(1)
}

// moveFocus moves to the next (dir 1) or previous (-1) editable field.
func (d *dialog) moveFocus(dir int) {
	n := len(d.fields)
	for step := 1; step <= n; step++ {
		i := ((d.focus+dir*step)%n + n) % n
		if d.fields[i].editable() && d.visible(i) {
			d.focus = i
			return
		}
	}
}

// focused returns the focused field, or nil.
func (d *dialog) focused() *field {
	if d.focus < 0 || d.focus >= len(d.fields) || !d.visible(d.focus) {
		return nil
	}
	return &d.fields[d.focus]
}

// values collects the visible fields' values ("" for hidden ones).
func (d *dialog) values() dialogValues {
	v := make(dialogValues, len(d.fields))
	for i := range d.fields {
		if d.visible(i) {
			v[i] = d.fields[i].text()
		}
	}
	return v
}

// update handles one key. Printable keys go to a focused text field; the
// rest are matched against the dialog keys. On dialogSubmitted the op is
// valid.
func (d *dialog) update(k tea.KeyMsg, keys DialogKeys) (dialogOutcome, op) {
	if f := d.focused(); f != nil && f.typing(k) {
		if k.Type == tea.KeySpace {
			f.value = append(f.value, ' ')
		} else {
			f.value = append(f.value, k.Runes...)
		}
		d.err = ""
		return dialogOpen, op{}
	}
	if f := d.focused(); f != nil && k.Type == tea.KeyBackspace && f.kind != fieldChoice {
		if len(f.value) > 0 {
			f.value = f.value[:len(f.value)-1]
		}
		return dialogOpen, op{}
	}
	switch {
	case key.Matches(k, keys.Cancel):
		return dialogCancelled, op{}
	case key.Matches(k, keys.Confirm):
		return d.confirm()
	case key.Matches(k, keys.NextField):
		d.moveFocus(1)
	case key.Matches(k, keys.PrevField):
		d.moveFocus(-1)
	case key.Matches(k, keys.Toggle):
		d.toggle(k.Type == tea.KeyLeft)
	}
	return dialogOpen, op{}
}

// confirm submits the dialog, unless what it is about is gone, or changed
// since the operator last confirmed: then it says so and stays open.
func (d *dialog) confirm() (dialogOutcome, op) {
	switch {
	case d.blocked != "":
		return dialogOpen, op{} // the body says why
	case d.changed != "" && !d.changeSeen:
		d.changeSeen = true
		d.err = "Check what changed, then confirm again to send."
		return dialogOpen, op{}
	}
	o, err := d.submit(d.values())
	if err != nil {
		d.err = err.Error()
		return dialogOpen, op{}
	}
	return dialogSubmitted, o
}

// toggle cycles the focused choice field.
func (d *dialog) toggle(back bool) {
	f := d.focused()
	if f == nil || f.kind != fieldChoice {
		return
	}
	step := 1
	if back {
		step = len(f.choices) - 1
	}
	f.choice = (f.choice + step) % len(f.choices)
}
