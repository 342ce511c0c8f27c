package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/tui"
)

// consoleFlags are the flags of the console (the root command).
type consoleFlags struct {
	bots     botFlags
	theme    string
	auditLog string
	logFile  string
}

func (f *consoleFlags) register(fs *pflag.FlagSet) {
	f.bots.register(fs)
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
	cfg, err := loadConfig(configPath, f.bots, getenv, warn, extra, config.Checks{Keys: checkKeys})
	if err != nil {
		return consoleOptions{}, err
	}
	opts := consoleOptions{
		Theme:     cfg.Theme,
		Keys:      keyOverrides(cfg.Keys),
		AuditPath: cfg.AuditLog,
		LogPath:   cfg.LogFile,
		Version:   appVersion,
		Embedded: embeddedOptions{
			Bot:    &cfg.Server.Config,
			DBPath: cfg.Server.DB,
			Reload: reloadDryRun(configPath, getenv),
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

// keyOverrides converts [keys] into the console's override map.
func keyOverrides(k config.Keys) map[string]map[string][]string {
	out := make(map[string]map[string][]string, len(k))
	for scope, actions := range k {
		m := make(map[string][]string, len(actions))
		for action, keys := range actions {
			m[action] = []string(keys)
		}
		out[scope] = m
	}
	return out
}

// checkKeys validates [keys] with the console's own override rules
// (unknown scopes and actions, duplicate keys in a scope).
func checkKeys(k config.Keys) error {
	_, err := tui.DefaultKeyMap().ApplyOverrides(keyOverrides(k))
	return err //nolint:wrapcheck // Validate adds "[keys]:"
}

// reloadDryRun re-reads the config file's [server] table for the embedded
// bot's reload_config, so an edited file takes effect without a restart.
func reloadDryRun(configPath string, getenv func(string) string) func(context.Context) (dryrun.Config, error) {
	return func(context.Context) (dryrun.Config, error) {
		cfg, err := config.Load(configPath, getenv)
		if err != nil {
			return dryrun.Config{}, err
		}
		if err := cfg.Server.Config.Validate(); err != nil {
			return dryrun.Config{}, fmt.Errorf("[server]: %w", err)
		}
		return cfg.Server.Config, nil
	}
}
