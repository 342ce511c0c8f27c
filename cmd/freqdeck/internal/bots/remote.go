package bots

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/sshlink"
	"github.com/freqdeck/freqdeck/tui"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// newLinks returns the SSH links of the console and what the console
// needs of them (trusting keys, asking passphrases in its own prompt,
// unless the bots are shared), or nils when no bot is reached through SSH.
func newLinks(opts Options, getenv func(string) string, logger *slog.Logger) (*sshlink.Links, *tui.SSH) {
	if !slices.ContainsFunc(opts.Remote, func(b Remote) bool { return b.SSH != "" }) {
		return nil, nil
	}
	var prompts *tui.SSHPrompts
	var ask sshdial.PassphraseFunc
	if !opts.Shared {
		prompts = tui.NewSSHPrompts()
		ask = prompts.Passphrase
	}
	o := sshlink.Options(getenv, ask)
	if opts.SSH != nil {
		o = *opts.SSH
		o.Passphrase = ask
	}
	o.Logger = logger
	links := sshlink.New(o)
	trust := func(e *sshdial.HostKeyUnknownError) error {
		p := links.Pool()
		if p == nil {
			return sshdial.ErrClosed
		}
		return p.Trust(e) //nolint:wrapcheck // sshdial names the host
	}
	return links, &tui.SSH{Trust: trust, Prompts: prompts, TrustFingerprint: opts.TrustKey}
}

// remoteBot builds the console's bot of a remote API: a client without the
// password, which its credentials hand to it once resolved (or typed).
// Without a ws_token, the WebSocket needs a JWT.
func remoteBot(b Remote, getenv func(string) string, links *sshlink.Links) (tui.Bot, error) {
	opts := []apiclient.Option{apiclient.WithBasicAuth(b.Username, ""), apiclient.WithUserAgent("freqdeck-console")}
	var host *sshdial.Host
	if b.SSH != "" {
		opt, h, err := links.ClientOption(b.SSH)
		if err != nil {
			return tui.Bot{}, fmt.Errorf("bot %q: ssh = %q: %w", b.Name, b.SSH, err)
		}
		opts, host = append(opts, opt), h
	}
	if b.WSToken != "" {
		opts = append(opts, apiclient.WithWSToken(b.WSToken))
	} else {
		opts = append(opts, apiclient.WithJWT())
	}
	c, err := apiclient.New(b.URL, opts...)
	if err != nil {
		return tui.Bot{}, fmt.Errorf("bot %q: %w", b.Name, err)
	}
	creds := &feed.Credentials{Use: c.SetPassword, Prompt: b.PromptPassword}
	if !b.Secret.Missing(getenv) {
		secret := b.Secret
		creds.Resolve = func(ctx context.Context) (string, error) { return secret.ResolveDetached(ctx, getenv) }
	}
	return tui.Bot{Name: b.Name, API: c, ReadOnly: b.ReadOnly, Refresh: b.Refresh, LogsRefresh: b.LogsRefresh, Credentials: creds, SSH: host}, nil
}
