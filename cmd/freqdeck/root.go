package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// stdio holds the process streams so commands never touch os.Std* directly.
type stdio struct {
	in  *os.File
	out io.Writer
	err io.Writer
}

// warn tells the user about a problem that does not stop freqdeck.
func (s stdio) warn(msg string) { fmt.Fprintln(s.err, "freqdeck: warning:", msg) }

// run builds the command tree, executes args and returns the exit status
// (see cli.Code).
func run(ctx context.Context, args []string, io stdio, getenv func(string) string) int {
	root := newRootCmd(io, getenv)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(io.err, "freqdeck:", err)
	}
	return cli.Code(err)
}

func newRootCmd(io stdio, getenv func(string) string) *cobra.Command {
	configPath := new(string)
	cf := &consoleFlags{}
	root := &cobra.Command{
		Use:   "freqdeck",
		Short: "A terminal operator console for freqtrade bots",
		Long: "freqdeck is a keyboard-driven console for freqtrade trading bots, a\n" +
			"freqtrade-compatible API server with a built-in dry-run bot, and a\n" +
			"freqtrade-client compatible CLI.\n\n" +
			"Without a command it runs the console: on the bots of the config file\n" +
			"([[bot]] entries), on --url or --ft-config, or, with none of them, on an\n" +
			"embedded dry-run bot started on 127.0.0.1 with random credentials.\n" +
			"Press ? in the console for its keys.",
		Example: "  # the embedded dry-run bot: trades within seconds\n" +
			"  freqdeck\n\n" +
			"  # a freqtrade bot through an SSH tunnel (ssh -N -L 8080:127.0.0.1:8080 vps)\n" +
			"  FREQDECK_PASSWORD=... freqdeck --url http://127.0.0.1:8080 --username freqtrader\n\n" +
			"  # a freqtrade bot on a VPS's loopback, reached through SSH by freqdeck itself\n" +
			"  FREQDECK_PASSWORD=... freqdeck --ssh vps --url http://127.0.0.1:8080 --username freqtrader\n\n" +
			"  # the bot of a freqtrade config.json, as freqtrade-client reads it\n" +
			"  freqdeck --ft-config user_data/config.json\n\n" +
			"  # one of the configured bots\n" +
			"  freqdeck --config ~/freqdeck.toml --bot vps1",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := consoleOptionsFor(*configPath, *cf, getenv, io.warn)
			if err != nil {
				return cli.Usage(err)
			}
			return runConsole(cmd.Context(), opts, io, getenv)
		},
	}
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.PersistentFlags().StringVarP(configPath, "config", "c", "",
		"config file (default $FREQDECK_CONFIG, else $XDG_CONFIG_HOME/freqdeck/config.toml)")
	_ = root.MarkPersistentFlagFilename("config", "toml")
	cf.register(root.Flags())
	_ = root.RegisterFlagCompletionFunc("bot", completeBotNames(getenv, configPath))
	_ = root.MarkFlagFilename("ft-config", "json")
	version := newVersionCmd()
	version.Example = "  freqdeck version\n  freqdeck client version   # the bot's version, not freqdeck's"
	root.AddCommand(
		version,
		newClientCmd(io, getenv, configPath),
		newServeCmd(io, getenv, configPath),
		newHostCmd(io, getenv, configPath),
		newCompletionCmd(),
	)
	root.CompletionOptions.DisableDefaultCmd = true // ours has examples
	return root
}
