package main

import (
	"context"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/host"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/tui"
)

// newHostCmd wires `freqdeck host`: the console's configuration (bots,
// theme, keys, alerts, audit log) and [host].
func newHostCmd(io stdio, getenv func(string) string, configPath *string) *cobra.Command {
	return host.NewCommand(host.Deps{
		Out: io.out, Err: io.err,
		Load: func() (host.Settings, error) {
			cfg, err := loadConfig(*configPath, &cli.BotFlags{}, config.Flags{}, getenv, io.warn) // FREQDECK_URL and the like, as the console
			if err != nil {
				return host.Settings{}, err
			}
			opts, err := consoleOptionsOf(cfg, *configPath, "", getenv)
			if err != nil {
				return host.Settings{}, err
			}
			return host.Settings{
				Host:      cfg.Host.Resolved(getenv),
				Console:   tui.Options{Keys: opts.Keys, Alerts: opts.Alerts},
				ThemeName: opts.Theme,
				AuditPath: opts.AuditPath,
				Bots: func(ctx context.Context, logger *slog.Logger) (bots.Built, error) {
					o := opts.Options
					o.Shared = true
					return bots.Build(ctx, o, getenv, logger, logger)
				},
			}, nil
		},
	})
}
