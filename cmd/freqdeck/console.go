package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/sshlink"
	"github.com/freqdeck/freqdeck/server/launch"
	"github.com/freqdeck/freqdeck/themes"
	"github.com/freqdeck/freqdeck/tui"
	"github.com/freqdeck/freqdeck/tui/alert"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// consoleOptions is everything the console needs, already resolved from the
// config file, the environment and the flags (consoleOptionsFor builds it).
// With no Bots, the console runs on the embedded dry-run bot.
type consoleOptions struct {
	// Bots are the bots to watch; none means the embedded dry-run bot.
	Bots []consoleBot
	// Theme names the colour theme ("" for the default).
	Theme string
	// Keys is the checked keymap ([keys] applied); nil means the defaults.
	Keys *tui.KeyMap
	// AuditPath is the audit log of the actions sent; empty keeps none.
	AuditPath string
	// LogPath is freqdeck's own log file. The configuration pipeline
	// defaults it and AuditPath to the state directory (config.StateDir).
	LogPath string
	// Embedded configures the embedded bot; its server and loggers are
	// set when it starts.
	Embedded launch.Options
	// Version is reported by the embedded server.
	Version string
	// Alerts is [alerts], checked; nil means the defaults.
	Alerts *alert.Config
	// TrustKey (--trust-host-key) is an SSH host key fingerprint trusted
	// without asking when a host presents it unknown.
	TrustKey string
	// Width and Height size an output that is not a terminal (tests).
	Width, Height int
	// SSH overrides the SSH options (tests); nil takes sshlink.Options of
	// the environment.
	SSH *sshdial.Options
}

// consoleBot is one remote bot (a freqtrade or `freqdeck serve` API).
type consoleBot struct {
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

// teeBuffer bounds the console's own log rows waiting for the logs pane.
const teeBuffer = 2048

// runConsole runs the console until the operator quits or ctx ends. While
// it runs nothing is written to stdout or stderr except the terminal UI:
// logs go to the log file and to the logs pane. Passwords are resolved
// (or typed) inside the console.
func runConsole(ctx context.Context, opts consoleOptions, std stdio, getenv func(string) string) error {
	logFile, err := openLogFile(opts.LogPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	fileHandler := slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelDebug})
	tee := tui.NewLogTee(fileHandler, slog.LevelInfo, teeBuffer, "freqdeck")
	logger := slog.New(tee)
	// The standard library logs through the default logger (net/http's
	// server errors, for one): send it to the file and the pane too, never
	// to the terminal under the console.
	prevDefault := slog.Default()
	slog.SetDefault(logger)
	defer slog.SetDefault(prevDefault)

	theme, err := consoleTheme(opts.Theme, getenv)
	if err != nil {
		return err
	}
	// Ask the terminal for its background colour now, before the console
	// reads the keyboard: asked later, the answer would arrive as keys.
	_ = lipgloss.HasDarkBackground()
	alerts := alert.DefaultConfig()
	if opts.Alerts != nil {
		alerts = *opts.Alerts
	}
	term, err := alert.DetectTerm(getenv, alerts.Notify)
	if err != nil {
		return fmt.Errorf("[alerts] %w", err)
	}
	bots, ssh, stop, err := consoleBots(ctx, opts, getenv, logger, slog.New(fileHandler))
	if err != nil {
		return err
	}
	err = tui.Run(ctx, tui.Options{
		Bots:        bots,
		SSH:         ssh,
		Theme:       theme,
		Keys:        opts.Keys,
		AuditPath:   opts.AuditPath,
		Input:       std.in,
		Output:      std.out,
		LocalLogs:   tee.Rows(),
		Alerts:      &alerts,
		Term:        term,
		Logger:      logger,
		FixedWidth:  opts.Width,
		FixedHeight: opts.Height,
	})
	return errors.Join(err, stop())
}

// consoleBots builds the watched bots: the remote ones (those with an ssh
// destination dialed through one shared SSH pool, whose hosts connect in
// the background), or the embedded bot started on 127.0.0.1. ssh is nil
// when no bot is reached through SSH; stop ends what was started.
func consoleBots(ctx context.Context, opts consoleOptions, getenv func(string) string, logger, botLogger *slog.Logger) (bots []tui.Bot, ssh *tui.SSH, stop func() error, err error) {
	if len(opts.Bots) == 0 {
		bot, stop, err := startEmbedded(ctx, opts.Embedded, opts.Version, logger, botLogger)
		if err != nil {
			return nil, nil, nil, err
		}
		return []tui.Bot{bot}, nil, stop, nil
	}
	links, ssh := consoleLinks(opts, getenv, logger)
	stop = func() error { return nil }
	if links != nil {
		stop = links.Close
	}
	for _, b := range opts.Bots {
		bot, err := remoteBot(b, getenv, links)
		if err != nil {
			return nil, nil, nil, errors.Join(err, stop())
		}
		bots = append(bots, bot)
	}
	return bots, ssh, stop, nil
}

// consoleLinks returns the SSH links of the console and what the console
// needs of them (trusting keys, asking passphrases in its own prompt),
// or nils when no bot is reached through SSH.
func consoleLinks(opts consoleOptions, getenv func(string) string, logger *slog.Logger) (*sshlink.Links, *tui.SSH) {
	if !slices.ContainsFunc(opts.Bots, func(b consoleBot) bool { return b.SSH != "" }) {
		return nil, nil
	}
	prompts := tui.NewSSHPrompts()
	o := sshlink.Options(getenv, prompts.Passphrase)
	if opts.SSH != nil {
		o = *opts.SSH
		o.Passphrase = prompts.Passphrase
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
func remoteBot(b consoleBot, getenv func(string) string, links *sshlink.Links) (tui.Bot, error) {
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
		creds.Resolve = func(ctx context.Context) (string, error) { return secret.Resolve(ctx, getenv) }
	}
	return tui.Bot{Name: b.Name, API: c, ReadOnly: b.ReadOnly, Refresh: b.Refresh, LogsRefresh: b.LogsRefresh, Credentials: creds, SSH: host}, nil
}

// consoleTheme loads the theme, colourless when NO_COLOR is set.
func consoleTheme(name string, getenv func(string) string) (themes.Theme, error) {
	noColor := themes.NoColor(getenv)
	if noColor {
		// lipgloss's default renderer decides the escapes: no colour, but
		// bold and reverse video where the terminal draws them.
		lipgloss.SetColorProfile(themes.NoColorProfile(termenv.NewOutput(os.Stdout).ColorProfile()))
	}
	t, err := themes.Resolve(name, noColor)
	if err != nil {
		return themes.Theme{}, fmt.Errorf("console: %w", err)
	}
	return t, nil
}

// openLogFile opens the log file for appending, private to the user.
func openLogFile(path string) (io.WriteCloser, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("log file: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("log file: %w", err)
	}
	return f, nil
}
