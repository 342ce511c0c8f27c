package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/tui"
)

// loaded is the configuration every command runs on, and the console's
// keymap built from its [keys] (checked once, here).
type loaded struct {
	config.Config
	keys tui.KeyMap
}

// loadConfig runs the configuration pipeline of every command: defaults,
// the file and the environment (config.Load), the flags (fl, and the bot
// flags when the command has them), then validation, [keys] included.
// Warnings go to warn.
func loadConfig(configPath string, bots *cli.BotFlags, fl config.Flags, getenv func(string) string, warn func(string)) (loaded, error) {
	cfg, err := config.Load(configPath, getenv)
	if err != nil {
		return loaded{}, err
	}
	for _, w := range cfg.Warnings {
		warn(w)
	}
	if bots != nil {
		if fl, err = botSelection(*bots, fl, getenv, warn); err != nil {
			return loaded{}, err
		}
	}
	if cfg, err = config.ApplyFlags(cfg, fl); err != nil {
		return loaded{}, err
	}
	out := loaded{Config: cfg}
	checkKeys := func(k config.Keys) (err error) {
		out.keys, err = tui.DefaultKeyMap().ApplyOverrides(keyOverrides(k))
		return err //nolint:wrapcheck // Validate adds "[keys]:"
	}
	if err := cfg.Validate(config.Checks{Keys: checkKeys}); err != nil {
		return loaded{}, configError(cfg.Path, err)
	}
	return out, nil
}

// botSelection adds the bot flags (and their environment fallbacks) to fl,
// reading --ft-config. Warnings about the freqtrade config go to warn.
func botSelection(f cli.BotFlags, fl config.Flags, getenv func(string) string, warn func(string)) (config.Flags, error) {
	fl.URL, fl.Username, fl.Bot, fl.SSH = f.URL, f.Username, f.Bot, f.SSH
	if f.AllBots {
		if f.URL != "" || f.FTConfig != "" || f.Bot != "" || f.SSH != "" {
			return config.Flags{}, errors.New("--all-bots chooses every configured bot; it cannot be combined with --bot, --url, --ft-config or --ssh")
		}
		return fl, nil // the configured bots, not $FREQDECK_URL
	}
	if fl.URL == "" && f.FTConfig == "" && f.Bot == "" {
		fl.URL = getenv(config.EnvURL)
	}
	if fl.Username == "" && (fl.URL != "" || f.FTConfig != "") {
		fl.Username = getenv(config.EnvUsername)
	}
	if f.FTConfig != "" {
		b, w, err := config.ReadFTConfig(f.FTConfig)
		if err != nil {
			return config.Flags{}, err
		}
		if w != "" {
			warn(w)
		}
		fl.FTConfig = &b
	}
	return fl, nil
}

// configError prefixes validation problems with the file they came from.
func configError(path string, err error) error {
	if path == "" {
		return fmt.Errorf("invalid settings:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	return fmt.Errorf("invalid settings (config %s):\n  %s", path, strings.ReplaceAll(err.Error(), "\n", "\n  "))
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

// reloadDryRun re-reads the config file (--config, read when called) for
// the dry-run bot's reload_config, so an edited [server] table takes effect
// without a restart.
func reloadDryRun(configPath *string, getenv func(string) string) func(context.Context) (dryrun.Config, error) {
	return func(context.Context) (dryrun.Config, error) {
		cfg, err := config.Load(*configPath, getenv)
		if err != nil {
			return dryrun.Config{}, err
		}
		if err := cfg.Server.Config.Validate(); err != nil {
			return dryrun.Config{}, fmt.Errorf("[server]: %w", err)
		}
		return cfg.Server.Config, nil
	}
}

// completeBotNames completes --bot with the names of the configured bots.
func completeBotNames(getenv func(string) string, configPath *string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cfg, err := config.Load(*configPath, getenv)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names := make([]string, 0, len(cfg.Bots))
		for _, b := range cfg.Bots {
			names = append(names, b.Name)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}
