package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/client"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/sshlink"
)

// newClientCmd wires `freqdeck client`: its bots come out of the same
// configuration pipeline as the console's.
func newClientCmd(io stdio, getenv func(string) string, configPath *string) *cobra.Command {
	return client.NewCommand(client.Deps{
		Out:     io.out,
		Version: appVersion,
		Targets: func(_ context.Context, bf cli.BotFlags) ([]client.Target, error) {
			cfg, err := loadConfig(*configPath, &bf, config.Flags{}, getenv, io.warn)
			if err != nil {
				return nil, err
			}
			return clientTargets(cfg.Bots, cfg.AuditLog, getenv), nil
		},
		CompleteBot: completeBotNames(getenv, configPath),
		Warn:        io.warn,
		SSH:         sshlink.Options(getenv, sshlink.TerminalPassphrase(io.in, io.err)),
	})
}

// clientTargets converts the configured bots into the client's targets,
// whose actions go to the audit log at audit; a bot's password is resolved
// only when the client calls it.
func clientTargets(bots []config.Bot, audit string, getenv func(string) string) []client.Target {
	out := make([]client.Target, 0, len(bots))
	for _, b := range bots {
		out = append(out, client.Target{
			Name: b.Name, URL: b.URL, Username: b.Username, ReadOnly: b.ReadOnly, SSH: b.SSH, AuditPath: audit,
			Password: func(ctx context.Context) (string, error) { return b.Resolve(ctx, getenv) },
		})
	}
	return out
}
