package feed

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Credentials give a bot's password lazily. The feed asks Resolve in the
// background, with a timeout (Options.SecretTimeout), before its first
// request: a password_cmd that hangs or fails, or an unset password_env,
// marks this bot NoSecret and stops nothing else.
type Credentials struct {
	// Resolve returns the password (runs the password_cmd, reads the file
	// or the environment). nil means no source is configured: the
	// operator types the password (Prompt should be set).
	Resolve func(ctx context.Context) (string, error)
	// Use hands the password to the bot's API client, before any request
	// (apiclient.Client.SetPassword).
	Use func(password string)
	// Prompt reports that the operator may type the password in the
	// console (Feed.SetPassword) when there is none or the bot refuses it:
	// a bot given on the command line, or one without a configured
	// password.
	Prompt bool
}

// errSecretTimeout is the error of a source that gives no answer in time.
var errSecretTimeout = errors.New("gave no password in time")

// secretMsg carries what the password source answered.
type secretMsg struct {
	origin
	tag      int
	password string
	err      error
}

// startSecret asks for the password when the feed has Credentials and
// reports whether the start waits for it.
func (f *Feed) startSecret() (tea.Cmd, bool) {
	c := f.opts.Credentials
	if c == nil {
		return nil, false
	}
	f.health.prompt = c.Prompt
	f.secretTag++
	if c.Resolve == nil {
		f.health.secret = secretMissing
		return nil, true
	}
	f.health.secret = secretResolving
	ctx, timeout, resolve := f.ctx, f.opts.SecretTimeout, c.Resolve
	o, tag := origin{f.id}, f.secretTag
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		p, err := resolveWithin(ctx, resolve)
		return secretMsg{origin: o, tag: tag, password: p, err: err}
	}, true
}

// resolveWithin runs resolve, but returns when ctx ends even if resolve
// does not (a source that ignores its context).
func resolveWithin(ctx context.Context, resolve func(context.Context) (string, error)) (string, error) {
	type answer struct {
		p   string
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		p, err := resolve(ctx)
		ch <- answer{p, err}
	}()
	select {
	case a := <-ch:
		return a.p, a.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", errSecretTimeout
		}
		return "", fmt.Errorf("password: %w", ctx.Err())
	}
}

// handleSecret starts the feed with the password, or marks the bot
// NoSecret with the source's error.
func (f *Feed) handleSecret(msg secretMsg) tea.Cmd {
	if msg.tag != f.secretTag {
		return nil // the operator typed one meanwhile
	}
	if msg.err != nil {
		f.health.secret, f.health.secretReason = secretFailed, msg.err.Error()
		f.opts.Logger.Warn("secret unavailable", "bot", f.Name(), "err", msg.err)
		return nil
	}
	return f.usePassword(msg.password)
}

// SetPassword uses a password the operator typed: the client gets it, and
// the feed asks the bot again at once, its WebSocket included. A source
// still resolving is ignored from then on.
func (f *Feed) SetPassword(password string) tea.Cmd {
	if f.opts.Credentials == nil || f.opts.Credentials.Use == nil {
		return nil
	}
	f.secretTag++
	return f.usePassword(password)
}

// usePassword hands the password to the client and (re)starts the feed.
func (f *Feed) usePassword(password string) tea.Cmd {
	if use := f.opts.Credentials.Use; use != nil {
		use(password)
	}
	f.health.secret, f.health.secretReason = secretReady, ""
	if !f.started {
		return f.begin()
	}
	f.health.fails = 0
	cmds := []tea.Cmd{f.RefreshNow()}
	if f.health.stream != apiclient.EventConnected {
		// A refused stream waits long before it tries again: try now.
		cmds = append(cmds, f.openStreamCmd())
	}
	return tea.Batch(cmds...)
}
