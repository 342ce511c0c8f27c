package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// secretPrompt is the password dialog of one bot: masked input that never
// leaves the console but for the bot's client.
type secretPrompt struct {
	bot   int
	value []rune
	// ask, when set, is an SSH key's passphrase request instead of the
	// bot's password; again says the last passphrase given was wrong.
	ask   *passphraseAsk
	again bool
}

// canPrompt reports whether the operator may type b's password: a bot
// given on the command line, or one without a configured password.
func canPrompt(b *botState) bool {
	return b.cfg.Credentials != nil && b.cfg.Credentials.Prompt && b.cfg.Credentials.Use != nil
}

// openSecretPrompt opens the password dialog for b, or says why not.
func (m *Model) openSecretPrompt(b *botState) tea.Cmd {
	if !canPrompt(b) {
		return m.setStatus(statusInfo, m.botPrefix(b)+"the password comes from the config file; change it there")
	}
	m.modal = modal{kind: modalSecret, secret: &secretPrompt{bot: b.id}}
	return nil
}

// promptAtStart opens, when the console is ready, the passphrase prompt
// of an SSH key that asked meanwhile, or the password dialog when the bot
// on screen has no password to start with.
func (m *Model) promptAtStart() {
	if m.modal.kind == modalNone && m.openPassphrase() {
		return
	}
	b := m.activeBot()
	if m.modal.kind == modalNone && canPrompt(b) && b.cfg.Credentials.Resolve == nil {
		m.modal = modal{kind: modalSecret, secret: &secretPrompt{bot: b.id}}
	}
}

// handleSecretKey types into the password dialog: printable keys (and
// pastes) are typed, backspace deletes, the dialog's non-printable confirm
// key (enter) uses the password and its cancel key (esc) closes it.
func (m *Model) handleSecretKey(k tea.KeyMsg) tea.Cmd {
	p := m.modal.secret
	d := m.keys.Dialog
	switch {
	case printable(k):
		p.value = append(p.value, k.Runes...)
	case k.Type == tea.KeyBackspace && len(p.value) > 0:
		p.value = p.value[:len(p.value)-1]
	case key.Matches(k, d.Confirm) && p.ask != nil:
		passphrase := string(p.value)
		clear(p.value)
		return m.answerPassphrase(p, passphrase, nil)
	case key.Matches(k, d.Cancel) && p.ask != nil:
		clear(p.value)
		return m.answerPassphrase(p, "", errPassphraseCancelled)
	case key.Matches(k, d.Confirm):
		b := m.bots[p.bot]
		password := string(p.value)
		clear(p.value)
		m.modal = modal{}
		return tea.Batch(b.feed.SetPassword(password), m.syncHealth(b, m.now()),
			m.setStatus(statusInfo, m.botPrefix(b)+"password set: connecting…"))
	case key.Matches(k, d.Cancel):
		clear(p.value)
		m.modal = modal{}
		return m.setStatus(statusInfo, "password: cancelled")
	}
	return nil
}

// secretBody renders the password dialog: the bot, why it asks, and the
// masked value.
func (m *Model) secretBody(width int) []string {
	st := m.styles
	p := m.modal.secret
	if p.ask != nil {
		return m.withSecretHelp(m.passphraseBody(p, width))
	}
	b := m.bots[p.bot]
	lines := []string{st.Muted.Render("Bot     ") + " " + st.Text.Render(panes.Sanitize(b.displayName()))}
	if c := b.feed.Conn(m.now()); !c.State.Fresh() {
		lines = append(lines, st.Muted.Render("State   ")+" "+st.Warning.Render(panes.Truncate(panes.Sanitize(c.Text(m.now())), width-9)))
	}
	lines = append(lines, "", m.maskedField("Password", p.value))
	return m.withSecretHelp(lines)
}

// maskedField is a secret's input line: the label, and a bullet per
// character typed.
func (m *Model) maskedField(label string, value []rune) string {
	mask := strings.Repeat("•", len(value)) + "_"
	return m.styles.Muted.Render(label) + " " + m.styles.Text.Render("["+panes.Fit(mask, max(len(value)+1, fieldMinWidth))+"]")
}

// withSecretHelp ends a secret prompt's lines with its keys.
func (m *Model) withSecretHelp(lines []string) []string {
	d := m.keys.Dialog
	use, cancel := d.Confirm, d.Cancel
	use.SetHelp(nonPrintable(d.Confirm), "use it")
	cancel.SetHelp(nonPrintable(d.Cancel), "cancel")
	return append(lines, "", m.helpLine([]key.Binding{use, cancel}))
}
