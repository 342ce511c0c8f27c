package tui

import (
	"errors"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/panes"
)

// sshState is what the console keeps of its bots' SSH links.
type sshState struct {
	// pending are passphrase requests waiting for the prompt, oldest first.
	pending []passphraseAsk
	// answered records, per key, that a passphrase was given for it: asked
	// again, it was wrong.
	answered map[string]bool
	// offered are the unknown host keys ("host SHA256:…") the console has
	// told of, so it does not again at every update.
	offered map[string]bool
}

// trustPrompt is the dialog that trusts an unknown host key.
type trustPrompt struct {
	bot     int
	unknown *sshdial.HostKeyUnknownError
}

// unknownKey is the unknown host key of b's link, or nil.
func unknownKey(b *botState) *sshdial.HostKeyUnknownError {
	if b.cfg.SSH == nil {
		return nil
	}
	var unknown *sshdial.HostKeyUnknownError
	if st := b.cfg.SSH.State(); st.Phase == sshdial.PhaseHostKeyUnknown && errors.As(st.Err, &unknown) {
		return unknown
	}
	return nil
}

// offerTrust tells the operator, once per key, that b's SSH host showed an
// unknown key: the trust dialog opens when b (or a bot shown that has the
// same unknown key) is shown and nothing else is open, else the status bar
// says which key opens it. A key that is exactly
// --trust-host-key's is trusted without asking.
func (m *Model) offerTrust(b *botState) tea.Cmd {
	unknown := unknownKey(b)
	if unknown == nil || m.opts.SSH == nil || m.state != stateReady {
		return nil
	}
	id := unknown.Host + " " + unknown.Fingerprint()
	if m.ssh.offered[id] {
		return nil
	}
	if m.ssh.offered == nil {
		m.ssh.offered = map[string]bool{}
	}
	m.ssh.offered[id] = true
	if a := m.activeBot(); a != b { // bots on one host: the one shown asks
		if u := unknownKey(a); u != nil && u.Host+" "+u.Fingerprint() == id {
			b, unknown = a, u
		}
	}
	if why := b.cfg.ReadOnlyReason; why != "" {
		return m.setStatus(statusInfo, m.botPrefix(b)+"ssh: host key unknown: only an operator may trust it ("+why+")")
	}
	if fp := m.opts.SSH.TrustFingerprint; fp != "" && fp == unknown.Fingerprint() {
		return m.trustCmd(b, unknown)
	}
	if b.id == m.active && m.modal.kind == modalNone {
		m.modal = modal{kind: modalTrust, trust: &trustPrompt{bot: b.id, unknown: unknown}}
		return nil
	}
	return m.setStatus(statusInfo, m.botPrefix(b)+"ssh: host key unknown ("+unknown.Fingerprint()+"): press "+
		m.keys.Global.Password.Help().Key+" on this bot to check it and trust it")
}

// openConnPrompt answers the password key: what the bot's connection
// needs from the operator. A passphrase waiting is asked first; then an
// unknown host key opens the trust dialog, a changed one is refused, a
// link waiting to retry (auth failed: passphrases are asked again) retries
// now; otherwise the password prompt opens.
func (m *Model) openConnPrompt(b *botState) tea.Cmd {
	if m.openPassphrase() {
		return nil
	}
	if h := b.cfg.SSH; h != nil {
		st := h.State()
		switch st.Phase {
		case sshdial.PhaseHostKeyUnknown:
			if why := b.cfg.ReadOnlyReason; why != "" {
				return m.setStatus(statusError, m.botPrefix(b)+"ssh: only an operator may trust a host key ("+why+")")
			}
			if unknown := unknownKey(b); unknown != nil && m.opts.SSH != nil && m.opts.SSH.Trust != nil {
				m.modal = modal{kind: modalTrust, trust: &trustPrompt{bot: b.id, unknown: unknown}}
				return nil
			}
		case sshdial.PhaseHostKeyChanged:
			return m.setStatusFull(statusError, m.botPrefix(b)+"ssh: a changed host key is never trusted here: fix known_hosts by hand",
				m.botPrefix(b)+st.Text(m.now())+". Nothing here overrides a changed key: if the host was reinstalled, "+
					"check its new key on the host, then remove the old line from known_hosts (ssh-keygen -R HOST)")
		case sshdial.PhaseAuthFailed, sshdial.PhaseRetrying:
			h.Retry()
			return m.setStatus(statusInfo, m.botPrefix(b)+"ssh "+h.Name()+": trying again now")
		case sshdial.PhaseConnecting, sshdial.PhaseConnected, sshdial.PhaseClosed:
		}
	}
	return m.openSecretPrompt(b)
}

// handleTrustKey answers the trust dialog: confirm trusts the key, cancel
// closes the dialog (the link stays refused).
func (m *Model) handleTrustKey(k tea.KeyMsg) tea.Cmd {
	t := m.modal.trust
	d := m.keys.Dialog
	switch {
	case key.Matches(k, d.Confirm):
		m.modal = modal{}
		return m.trustCmd(m.bots[t.bot], t.unknown)
	case key.Matches(k, d.Cancel):
		m.modal = modal{}
		return m.setStatus(statusInfo, "ssh: host key not trusted; the host stays refused")
	}
	return nil
}

// hostKeyTrustedMsg is the outcome of trusting a host key.
type hostKeyTrustedMsg struct {
	bot     int
	unknown *sshdial.HostKeyUnknownError
	err     error
}

// trustCmd trusts the key in the background (it writes known_hosts).
func (m *Model) trustCmd(b *botState, unknown *sshdial.HostKeyUnknownError) tea.Cmd {
	trust, id := m.opts.SSH.Trust, b.id
	return tea.Batch(m.setStatus(statusInfo, m.botPrefix(b)+"ssh: trusting "+unknown.Fingerprint()+"…"), func() tea.Msg {
		return hostKeyTrustedMsg{bot: id, unknown: unknown, err: trust(unknown)}
	})
}

// apply says how trusting went.
func (msg hostKeyTrustedMsg) apply(m *Model) tea.Cmd {
	b := m.bots[msg.bot]
	if msg.err != nil {
		return m.setStatus(statusError, m.botPrefix(b)+msg.err.Error())
	}
	return m.setStatusFull(statusOK, m.botPrefix(b)+"ssh: trusted "+msg.unknown.Fingerprint()+" (added to known_hosts)",
		m.botPrefix(b)+"ssh: trusted "+msg.unknown.Key.Type()+" "+msg.unknown.Fingerprint()+" of "+msg.unknown.Host+
			" (added to "+msg.unknown.KnownHosts+", hashed)")
}

// trustBody renders the trust dialog: the host, the key's fingerprint,
// how to check it on the host, and what trusting does.
func (m *Model) trustBody(width int) []string {
	st := m.styles
	t := m.modal.trust
	b := m.bots[t.bot]
	u := t.unknown
	row := func(label, value string) string {
		return st.Muted.Render(label) + " " + st.Text.Render(panes.Truncate(panes.Sanitize(value), width-9))
	}
	host := b.cfg.SSH.Name()
	if tg := b.cfg.SSH.Target(); tg != nil && tg.String() != host {
		host += " (" + tg.String() + ")"
	}
	lines := []string{
		row("Bot     ", b.displayName()),
		row("Host    ", host),
		row("Key     ", u.Key.Type()+" "+u.Fingerprint()),
		"",
		st.Warning.Render(panes.Truncate("No known_hosts file lists this host's key.", width)),
		st.Muted.Render(panes.Truncate("Check it on the host: "+sshdial.KeygenHint(u.Key.Type()), width)),
		st.Muted.Render(panes.Truncate("Trusting adds it to "+u.KnownHosts+" (hashed).", width)),
	}
	d := m.keys.Dialog
	yes, no := d.Confirm, d.Cancel
	yes.SetHelp(d.Confirm.Help().Key, "trust this key")
	no.SetHelp(d.Cancel.Help().Key, "do not")
	return append(lines, "", m.helpLine([]key.Binding{yes, no}))
}

// passphraseBody renders the passphrase prompt of an SSH key.
func (m *Model) passphraseBody(p *secretPrompt, width int) []string {
	st := m.styles
	lines := []string{st.Muted.Render("SSH key   ") + " " + st.Text.Render(panes.Truncate(panes.Sanitize(p.ask.keyPath), width-11))}
	if p.again {
		lines = append(lines, st.Warning.Render("That passphrase was wrong: try again."))
	}
	return append(lines, "", m.maskedField("Passphrase", p.value))
}
