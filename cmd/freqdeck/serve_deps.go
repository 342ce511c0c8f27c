package main

import (
	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/serve"
)

// newServeCmd wires `freqdeck serve`: its settings come out of the same
// configuration pipeline as the console's, with serve's flags.
func newServeCmd(io stdio, getenv func(string) string, configPath *string) *cobra.Command {
	return serve.NewCommand(serve.Deps{
		Out: io.out, Err: io.err, Getenv: getenv, Version: appVersion,
		Load: func(f config.ServeFlags) (config.Config, error) {
			cfg, err := loadConfig(*configPath, nil, config.Flags{Server: f}, getenv, io.warn)
			return cfg.Config, err
		},
		Reload: reloadDryRun(configPath, getenv),
	})
}
