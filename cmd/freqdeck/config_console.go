package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server/launch"
)

// consoleFlags are the flags of the console (the root command).
type consoleFlags struct {
	bots     cli.BotFlags
	theme    string
	auditLog string
	logFile  string
}

func (f *consoleFlags) register(fs *pflag.FlagSet) {
	f.bots.Register(fs)
	fs.StringVar(&f.theme, "theme", "", "colour theme (env FREQDECK_THEME; NO_COLOR=1 forces mono)")
	fs.StringVar(&f.auditLog, "audit-log", "", "audit log of the actions sent (default $XDG_STATE_HOME/freqdeck/audit.jsonl)")
	fs.StringVar(&f.logFile, "log-file", "", "freqdeck's own log (default $XDG_STATE_HOME/freqdeck/freqdeck.log)")
}

// consoleOptionsFor runs the configuration pipeline for the console and
// converts the result into its options: the configured (or one-off) bots
// with their passwords resolved, or, with no bot, the embedded dry-run bot
// set up from [server]. Warnings go to warn.
func consoleOptionsFor(ctx context.Context, configPath string, f consoleFlags, getenv func(string) string, warn func(string)) (consoleOptions, error) {
	extra := config.Flags{Theme: f.theme, AuditLog: f.auditLog, LogFile: f.logFile}
	cfg, err := loadConfig(configPath, &f.bots, extra, getenv, warn)
	if err != nil {
		return consoleOptions{}, err
	}
	opts := consoleOptions{
		Theme:     cfg.Theme,
		Keys:      &cfg.keys,
		AuditPath: cfg.AuditLog,
		LogPath:   cfg.LogFile,
		Version:   appVersion,
		Embedded: launch.Options{
			Bot:    &cfg.Server.Config,
			DBPath: cfg.Server.DB,
			Reload: reloadDryRun(&configPath, getenv),
		},
	}
	for _, b := range cfg.Bots {
		cb, err := consoleBotFor(ctx, b, getenv)
		if err != nil {
			return consoleOptions{}, err
		}
		opts.Bots = append(opts.Bots, cb)
	}
	return opts, nil
}

func consoleBotFor(ctx context.Context, b config.Bot, getenv func(string) string) (consoleBot, error) {
	if b.SSH != "" {
		// Dialing url directly instead would reach whatever listens on this
		// machine's address of that name: another bot, perhaps.
		return consoleBot{}, fmt.Errorf("bot %q: ssh = %q: the console does not dial through SSH yet; use `freqdeck client`, or an ssh -L tunnel", b.Name, b.SSH)
	}
	cb := consoleBot{
		Name: b.Name, URL: b.URL, Username: b.Username, WSToken: b.WSToken,
		ReadOnly: b.ReadOnly, Refresh: b.Refresh, LogsRefresh: b.LogsRefresh,
		PromptPassword: b.Missing(getenv),
	}
	if cb.PromptPassword {
		return cb, nil
	}
	pw, err := b.Resolve(ctx, getenv)
	if err != nil {
		return consoleBot{}, fmt.Errorf("bot %q: %w", b.Name, err)
	}
	cb.Password = pw
	return cb, nil
}
