// Package bots builds the console's bots from the checked configuration:
// the remote ones (freqtrade or `freqdeck serve` APIs, some reached
// through SSH over one shared pool), or the embedded dry-run bot behind
// its API server on 127.0.0.1. The console and `freqdeck host` both use
// it. It imports the configuration, apiclient, sshlink, server/launch and
// tui; package main only hands it the options.
package bots

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server/launch"
	"github.com/freqdeck/freqdeck/tui"
)

// Remote is one remote bot (a freqtrade or `freqdeck serve` API).
type Remote struct {
	Name     string
	URL      string
	Username string
	// Secret is where the password comes from. The console resolves it in
	// the background once it runs: a source that fails or hangs marks this
	// bot "secret unavailable" and stops nothing else. A secret that gives
	// no password (Missing) leaves it to the operator to type.
	Secret config.Secret
	// PromptPassword lets the operator type the password in the console,
	// when none is given or the bot refuses it (config.Secret.Interactive).
	PromptPassword bool
	// SSH is the SSH destination the bot is reached through ("vps",
	// "user@host:port"); URL is then as seen from that host.
	SSH string
	// WSToken is the bot's ws_token; empty logs in for a JWT instead.
	WSToken     string
	ReadOnly    bool
	Refresh     time.Duration
	LogsRefresh time.Duration
}

// FromConfig converts a configured bot. Its password is not resolved
// here: the console does it in the background, so a password_cmd that
// hangs or fails cannot hold up or stop the console; nor is its SSH host
// connected here.
func FromConfig(b config.Bot) Remote {
	return Remote{
		Name: b.Name, URL: b.URL, Username: b.Username, WSToken: b.WSToken, SSH: b.SSH,
		ReadOnly: b.ReadOnly, Refresh: b.Refresh, LogsRefresh: b.LogsRefresh,
		Secret: b.Secret, PromptPassword: b.Interactive(),
	}
}

// Options say which bots to build.
type Options struct {
	// Remote are the bots to watch; none means the embedded dry-run bot.
	Remote []Remote
	// Embedded configures the embedded bot; its server and loggers are
	// set when it starts.
	Embedded launch.Options
	// Version is reported by the embedded server.
	Version string
	// TrustKey (--trust-host-key) is an SSH host key fingerprint trusted
	// without asking when a host presents it unknown.
	TrustKey string
	// SSH overrides the SSH options (tests); nil takes sshlink.Options of
	// the environment.
	SSH *sshdial.Options
	// Shared says several consoles share the bots (`freqdeck host`): no
	// console asks for the passphrase of an encrypted key, which must be
	// in ssh-agent.
	Shared bool
}

// Built are the bots, what the console needs of their SSH links (nil when
// no bot is reached through SSH), and Stop, which ends what was started.
type Built struct {
	Bots []tui.Bot
	SSH  *tui.SSH
	Stop func() error
}

// Build builds the bots: the remote ones (those with an ssh destination
// dialed through one shared SSH pool, whose hosts connect in the
// background), or the embedded bot started on 127.0.0.1. logger receives
// freqdeck's log, botLogger the embedded bot's.
func Build(ctx context.Context, opts Options, getenv func(string) string, logger, botLogger *slog.Logger) (Built, error) {
	if len(opts.Remote) == 0 {
		bot, stop, err := startEmbedded(ctx, opts.Embedded, opts.Version, logger, botLogger)
		if err != nil {
			return Built{}, err
		}
		return Built{Bots: []tui.Bot{bot}, Stop: stop}, nil
	}
	links, ssh := newLinks(opts, getenv, logger)
	built := Built{SSH: ssh, Stop: func() error { return nil }}
	if links != nil {
		built.Stop = links.Close
	}
	for _, b := range opts.Remote {
		bot, err := remoteBot(b, getenv, links)
		if err != nil {
			return Built{}, errors.Join(err, built.Stop())
		}
		built.Bots = append(built.Bots, bot)
	}
	return built, nil
}
