package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
)

// withServeConfig makes `freqdeck serve` read the [server] table of the
// config file: each of its flags the user did not give takes the configured
// value, so the precedence stays defaults → file → env → flags. It chains
// any PreRunE the command already has.
func withServeConfig(serve *cobra.Command, o *serveOptions, io stdio, getenv func(string) string, configPath *string) *cobra.Command {
	next := serve.PreRunE
	serve.PreRunE = func(cmd *cobra.Command, args []string) error {
		cfg, err := config.Load(*configPath, getenv)
		if err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		for _, w := range cfg.Warnings {
			io.warn(w)
		}
		if err := cfg.Validate(config.Checks{}); err != nil {
			return &exitError{code: exitUsage, err: configError(cfg.Path, err)}
		}
		passwordGiven := cmd.Flags().Changed("password")
		if err := applyServeConfig(cmd, cfg.Server, getenv); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		applyServeBot(o, cfg, *configPath, getenv)
		if !passwordGiven && cmd.Flags().Changed("password") {
			o.passwordSource = "[server] in " + cfg.Path
		}
		if next != nil {
			return next(cmd, args)
		}
		return nil
	}
	return serve
}

// applyServeConfig sets the serve flags the user left alone from s.
func applyServeConfig(cmd *cobra.Command, s config.Server, getenv func(string) string) error {
	fs := cmd.Flags()
	set := func(name string, values ...string) error {
		f := fs.Lookup(name)
		if f == nil || f.Changed {
			return nil
		}
		for _, v := range values {
			if err := fs.Set(name, v); err != nil {
				return fmt.Errorf("[server] %s: %w", name, err)
			}
		}
		return nil
	}
	pw, err := s.Resolve(cmd.Context(), getenv)
	if err != nil {
		return fmt.Errorf("[server] %w", err)
	}
	type step struct {
		flag   string
		values []string
	}
	steps := []step{
		{"listen", nonEmpty(s.Listen)},
		{"username", nonEmpty(s.Username)},
		{"jwt-secret", nonEmpty(s.JWTSecretKey)},
		{"ws-token", s.WSToken},
		{"cors-origin", s.CORSOrigins},
		{"ui-dir", nonEmpty(s.UIDir)},
		{"db", nonEmpty(s.DB)},
	}
	if s.EnableOpenAPI {
		steps = append(steps, step{"openapi", []string{strconv.FormatBool(true)}})
	}
	// $FREQDECK_PASSWORD is read by serve itself; the file's password only
	// fills in when neither it nor --password is given.
	if getenv(config.EnvPassword) == "" {
		steps = append(steps, step{"password", nonEmpty(pw)})
	}
	for _, st := range steps {
		if err := set(st.flag, st.values...); err != nil {
			return err
		}
	}
	return nil
}

// applyServeBot hands the dry-run bot its [server] settings and a reload
// that re-reads them.
func applyServeBot(o *serveOptions, cfg config.Config, configPath string, getenv func(string) string) {
	bot := cfg.Server.Config
	o.bot = &bot
	o.reload = reloadDryRun(configPath, getenv)
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
