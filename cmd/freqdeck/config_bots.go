package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
)

// botFlags choose the bots, for the console and the client alike.
type botFlags struct {
	ftConfig string
	bot      string
	url      string
	username string
}

func (f *botFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.ftConfig, "ft-config", "", "use the api_server block of a freqtrade config.json")
	fs.StringVar(&f.bot, "bot", "", "use only the configured [[bot]] of this name")
	fs.StringVar(&f.url, "url", "", "use the bot at this URL (env FREQDECK_URL), e.g. http://127.0.0.1:8080")
	fs.StringVar(&f.username, "username", "", "the --url bot's username (env FREQDECK_USERNAME); its password comes from $FREQDECK_PASSWORD (the console asks when unset)")
}

// flags converts the bot flags (and their environment fallbacks) into
// config.Flags, reading --ft-config. Warnings about the freqtrade config go
// to warn.
func (f botFlags) flags(getenv func(string) string, warn func(string)) (config.Flags, error) {
	out := config.Flags{URL: f.url, Username: f.username, Bot: f.bot}
	if out.URL == "" && f.ftConfig == "" && f.bot == "" {
		out.URL = getenv(config.EnvURL)
	}
	if out.Username == "" && (out.URL != "" || f.ftConfig != "") {
		out.Username = getenv(config.EnvUsername)
	}
	if f.ftConfig != "" {
		b, w, err := config.ReadFTConfig(f.ftConfig)
		if err != nil {
			return config.Flags{}, err
		}
		if w != "" {
			warn(w)
		}
		out.FTConfig = &b
	}
	return out, nil
}

// loadConfig runs the whole configuration pipeline for the bot flags:
// file, environment, flags, validation (with chk's extra checks). Warnings
// go to warn.
func loadConfig(configPath string, bf botFlags, getenv func(string) string, warn func(string), extra config.Flags, chk config.Checks) (config.Config, error) {
	cfg, err := config.Load(configPath, getenv)
	if err != nil {
		return config.Config{}, err
	}
	for _, w := range cfg.Warnings {
		warn(w)
	}
	fl, err := bf.flags(getenv, warn)
	if err != nil {
		return config.Config{}, err
	}
	fl.Theme, fl.AuditLog, fl.LogFile = extra.Theme, extra.AuditLog, extra.LogFile
	if cfg, err = config.ApplyFlags(cfg, fl); err != nil {
		return config.Config{}, err
	}
	if err := cfg.Validate(chk); err != nil {
		return config.Config{}, configError(cfg.Path, err)
	}
	return cfg, nil
}

// configError prefixes validation problems with the file they came from.
func configError(path string, err error) error {
	if path == "" {
		return fmt.Errorf("invalid settings:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return fmt.Errorf("invalid settings (config %s):\n  %s", path, strings.ReplaceAll(err.Error(), "\n", "\n  "))
}

// resolvedBot is a bot with its password resolved.
type resolvedBot struct {
	config.Bot
	password string
}

// resolveClientBot picks the one bot a client command talks to.
func resolveClientBot(ctx context.Context, bf botFlags, io stdio, getenv func(string) string, configPath string) (resolvedBot, error) {
	cfg, err := loadConfig(configPath, bf, getenv, io.warn, config.Flags{}, config.Checks{})
	if err != nil {
		return resolvedBot{}, err
	}
	switch n := len(cfg.Bots); {
	case n == 0:
		return resolvedBot{}, errors.New("no bot to call: give --url (and --username), --ft-config, or add a [[bot]] to the config file")
	case n > 1:
		names := make([]string, 0, n)
		for _, b := range cfg.Bots {
			names = append(names, b.Name)
		}
		return resolvedBot{}, fmt.Errorf("%d bots are configured (%s): choose one with --bot", n, strings.Join(names, ", "))
	}
	b := cfg.Bots[0]
	pw, err := b.Resolve(ctx, getenv)
	if err != nil {
		return resolvedBot{}, fmt.Errorf("bot %q: %w", b.Name, err)
	}
	return resolvedBot{Bot: b, password: pw}, nil
}
