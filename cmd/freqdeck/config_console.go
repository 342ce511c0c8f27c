package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
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
	speed    *float64 // the embedded bot's --speed, when given
	trustKey string   // --trust-host-key
}

func (f *consoleFlags) register(fs *pflag.FlagSet) {
	f.bots.Register(fs)
	cli.RegisterTrustHostKey(fs, &f.trustKey)
	fs.StringVar(&f.theme, "theme", "", "colour theme (env FREQDECK_THEME; NO_COLOR=1 forces mono)")
	fs.StringVar(&f.auditLog, "audit-log", "", "audit log of the actions sent (default $XDG_STATE_HOME/freqdeck/audit.jsonl)")
	fs.StringVar(&f.logFile, "log-file", "", "freqdeck's own log (default $XDG_STATE_HOME/freqdeck/freqdeck.log)")
	fs.Var(speedFlag{&f.speed}, "speed", "run the embedded dry-run bot's clock this many times faster than the wall clock (a demo option: dates run ahead of real time)")
}

// speedFlag is --speed: a number, remembered only when given.
type speedFlag struct{ v **float64 }

func (f speedFlag) String() string {
	if f.v == nil || *f.v == nil {
		return "1"
	}
	return strconv.FormatFloat(**f.v, 'g', -1, 64)
}

func (f speedFlag) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	*f.v = &v
	return nil
}

func (speedFlag) Type() string { return "float" }

// consoleOptionsFor runs the configuration pipeline for the console and
// converts the result into its options (consoleOptionsOf). Warnings go to
// warn.
func consoleOptionsFor(configPath string, f consoleFlags, getenv func(string) string, warn func(string)) (consoleOptions, error) {
	if err := cli.CheckTrustHostKey(f.trustKey); err != nil {
		return consoleOptions{}, err //nolint:wrapcheck // it names the flag; the command marks it a usage error
	}
	extra := config.Flags{Theme: f.theme, AuditLog: f.auditLog, LogFile: f.logFile, Server: config.ServeFlags{Speed: f.speed}}
	cfg, err := loadConfig(configPath, &f.bots, extra, getenv, warn)
	if err != nil {
		return consoleOptions{}, err
	}
	return consoleOptionsOf(cfg, configPath, f.trustKey, getenv)
}

// consoleOptionsOf converts a loaded configuration into the console's
// options: the configured (or one-off) bots (their passwords are resolved
// later, by the console), or, with no bot, the embedded dry-run bot set up
// from [server].
func consoleOptionsOf(cfg loaded, configPath, trustKey string, getenv func(string) string) (consoleOptions, error) {
	alerts, err := cfg.Alerts.Config()
	if err != nil {
		return consoleOptions{}, fmt.Errorf("[alerts] %w", err)
	}
	opts := consoleOptions{
		Alerts:    &alerts,
		Theme:     cfg.Theme,
		Keys:      &cfg.keys,
		AuditPath: cfg.AuditLog,
		LogPath:   cfg.LogFile,
		Options: bots.Options{Version: appVersion, TrustKey: trustKey, Embedded: launch.Options{
			Bot:    &cfg.Server.Config,
			DBPath: cfg.Server.DB,
			Reload: reloadDryRun(&configPath, getenv),
		}},
	}
	for _, b := range cfg.Bots {
		opts.Remote = append(opts.Remote, bots.FromConfig(b))
	}
	return opts, nil
}
