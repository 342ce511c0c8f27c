package tui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// SSH is what the console needs of the SSH links its bots are reached
// through (Bot.SSH).
type SSH struct {
	// Trust accepts an unknown host key the operator confirmed
	// (sshdial.Pool.Trust): a hashed line is added to known_hosts and the
	// link tries again.
	Trust func(*sshdial.HostKeyUnknownError) error
	// Prompts carries the passphrase requests of encrypted keys to the
	// console; nil skips encrypted keys.
	Prompts *SSHPrompts
	// TrustFingerprint (--trust-host-key) is a SHA256:… fingerprint the
	// operator accepts beforehand: an unknown host key with exactly this
	// fingerprint is trusted without asking.
	TrustFingerprint string
}

// SSHPrompts hands the passphrase requests of SSH links to the console,
// which asks the operator in its secret prompt: Bubble Tea owns the
// terminal. Its Passphrase is the sshdial.PassphraseFunc of the Pool.
type SSHPrompts struct{ asks chan passphraseAsk }

// NewSSHPrompts returns prompts for one console.
func NewSSHPrompts() *SSHPrompts { return &SSHPrompts{asks: make(chan passphraseAsk)} }

// errPassphraseCancelled is the answer of a prompt the operator cancelled.
var errPassphraseCancelled = errors.New("passphrase prompt cancelled")

// passphraseAsk is one request: the key, and where its answer goes.
type passphraseAsk struct {
	ctx     context.Context
	keyPath string
	answer  chan passphraseAnswer // buffered: answering never blocks
}

type passphraseAnswer struct {
	passphrase string
	err        error
}

// Passphrase asks the console for the passphrase of keyPath and waits for
// the operator's answer, or for ctx to end. It is an
// sshdial.PassphraseFunc: it runs on the asking host's goroutine, so
// nothing else waits for it.
func (p *SSHPrompts) Passphrase(ctx context.Context, keyPath string) (string, error) {
	ask := passphraseAsk{ctx: ctx, keyPath: keyPath, answer: make(chan passphraseAnswer, 1)}
	select {
	case p.asks <- ask:
	case <-ctx.Done():
		return "", ctx.Err() //nolint:wrapcheck // sshdial reads it as a cancelled prompt
	}
	select {
	case a := <-ask.answer:
		return a.passphrase, a.err
	case <-ctx.Done():
		return "", ctx.Err() //nolint:wrapcheck // sshdial reads it as a cancelled prompt
	}
}

// passphraseAskedMsg is a request that reached the console.
type passphraseAskedMsg struct{ ask passphraseAsk }

// waitPassphraseCmd waits for the next request; nothing once ctx ends.
func waitPassphraseCmd(ctx context.Context, p *SSHPrompts) tea.Cmd {
	if p == nil {
		return nil
	}
	return func() tea.Msg {
		select {
		case ask := <-p.asks:
			return passphraseAskedMsg{ask: ask}
		case <-ctx.Done():
			return nil
		}
	}
}

// apply queues the request, opens the prompt when nothing else is open,
// and waits for the next request.
func (msg passphraseAskedMsg) apply(m *Model) tea.Cmd {
	m.ssh.pending = append(m.ssh.pending, msg.ask)
	next := waitPassphraseCmd(m.ctx, m.opts.SSH.Prompts)
	if m.modal.kind == modalNone && m.state == stateReady {
		m.openPassphrase()
		return next
	}
	return tea.Batch(next, m.setStatus(statusInfo, "ssh: the key "+msg.ask.keyPath+" needs its passphrase: press "+m.keys.Global.Password.Help().Key))
}

// openPassphrase opens the secret prompt for the oldest request whose
// asker still waits; it reports whether it did.
func (m *Model) openPassphrase() bool {
	for len(m.ssh.pending) > 0 {
		ask := m.ssh.pending[0]
		m.ssh.pending = m.ssh.pending[1:]
		if ask.ctx.Err() != nil {
			continue // the asker gave up (the console is stopping)
		}
		m.modal = modal{kind: modalSecret, secret: &secretPrompt{bot: m.active, ask: &ask, again: m.ssh.answered[ask.keyPath]}}
		return true
	}
	return false
}

// answerPassphrase answers the open passphrase prompt and opens the next
// one waiting.
func (m *Model) answerPassphrase(p *secretPrompt, passphrase string, err error) tea.Cmd {
	p.ask.answer <- passphraseAnswer{passphrase: passphrase, err: err}
	m.modal = modal{}
	if m.ssh.answered == nil {
		m.ssh.answered = map[string]bool{}
	}
	// A key is asked again only when the passphrase given was wrong: an
	// unlocked key stays unlocked.
	m.ssh.answered[p.ask.keyPath] = err == nil
	if m.openPassphrase() {
		return nil
	}
	if err != nil {
		return m.setStatus(statusInfo, "ssh: passphrase cancelled: "+p.ask.keyPath+" is skipped ("+m.keys.Global.Password.Help().Key+" on the bot asks again)")
	}
	return m.setStatus(statusInfo, "ssh: passphrase given: connecting…")
}
