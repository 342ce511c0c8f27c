package client

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// oneOffTargets resolves --url and --username as freqdeck does for a
// one-off bot, with the password from $FREQDECK_PASSWORD in env. Without
// --url there is no bot.
func oneOffTargets(env map[string]string) func(context.Context, cli.BotFlags) ([]Target, error) {
	return func(_ context.Context, f cli.BotFlags) ([]Target, error) {
		if f.URL == "" {
			return nil, nil
		}
		u, err := url.Parse(f.URL)
		if err != nil {
			return nil, err
		}
		password := func(context.Context) (string, error) { return env["FREQDECK_PASSWORD"], nil }
		return []Target{{Name: u.Host, URL: f.URL, Username: f.Username, Password: password}}, nil
	}
}

// runCLI runs `freqdeck client ...` (args start with "client") on the
// one-off bot of --url, with $FREQDECK_PASSWORD from env.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if len(args) == 0 || args[0] != "client" {
		t.Fatalf("runCLI %v: the arguments start with client", args)
	}
	return runDeps(t, Deps{Targets: oneOffTargets(env)}, args[1:]...)
}

// runDeps runs `freqdeck client <args>` over deps, as package main does:
// output to a buffer, warnings and the error (whose status is the exit
// code) to another.
func runDeps(t *testing.T, deps Deps, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	deps.Out, deps.Version = &out, "test"
	deps.Warn = func(msg string) { fmt.Fprintln(&errb, "warning:", msg) }
	root := &cobra.Command{Use: "freqdeck", SilenceUsage: true, SilenceErrors: true}
	root.SetOut(&out)
	root.SetErr(&errb)
	root.AddCommand(NewCommand(deps))
	root.SetArgs(append([]string{"client"}, args...))
	err := root.ExecuteContext(context.Background())
	if err != nil {
		fmt.Fprintln(&errb, "freqdeck:", err)
	}
	return cli.Code(err), out.String(), errb.String()
}
