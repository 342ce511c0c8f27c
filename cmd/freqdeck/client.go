package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/apiclient"
)

// clientTimeout bounds each client call unless --timeout says otherwise.
const clientTimeout = 30 * time.Second

// clientFlags are the flags of `freqdeck client`.
type clientFlags struct {
	bot     botFlags
	table   bool
	show    bool
	timeout time.Duration
}

func newClientCmd(io stdio, getenv func(string) string, configPath *string) *cobra.Command {
	f := &clientFlags{}
	cmd := &cobra.Command{
		Use:   "client <command> [args] [key=value ...]",
		Short: "Call a bot's API once, like freqtrade-client (JSON out)",
		Long: "client calls one API route of a freqtrade bot (or freqdeck serve) and prints the\n" +
			"answer as JSON: indented on a terminal, one line otherwise. The commands and their\n" +
			"arguments are freqtrade-client's: positional, or key=value by parameter name.\n\n" +
			"The bot is chosen like the console's: --url (with --username and $FREQDECK_PASSWORD),\n" +
			"--ft-config (a freqtrade config.json), or --bot NAME among the [[bot]] entries of the\n" +
			"config file (the only one needs no --bot).\n\n" +
			"Exit status: 0 on success, 1 when the bot answers with an error (its message goes\n" +
			"to stderr), 2 for bad arguments or configuration, 3 when the bot cannot be reached.\n\n" +
			commandList(),
		Example: "  freqdeck client status --table\n" +
			"  freqdeck client --url http://127.0.0.1:8080 --username freqtrader ping\n" +
			"  freqdeck client --bot vps1 forceenter BTC/USDT long price=64000\n" +
			"  freqdeck client daily 5\n" +
			"  freqdeck client trades limit=10\n" +
			"  freqdeck client --ft-config user_data/config.json forceexit 3",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.show || len(args) == 0 {
				_, err := io.out.Write([]byte(commandList()))
				return err
			}
			return &exitError{code: exitUsage, err: fmt.Errorf("unknown client command %q (see freqdeck client --show)", args[0])}
		},
	}
	pf := cmd.PersistentFlags()
	f.bot.register(pf)
	pf.BoolVar(&f.table, "table", false, "print a table instead of JSON where it makes sense")
	pf.DurationVar(&f.timeout, "timeout", clientTimeout, "give up on the call after this long")
	cmd.Flags().BoolVar(&f.show, "show", false, "list the commands and their arguments")
	_ = cmd.RegisterFlagCompletionFunc("bot", completeBotNames(getenv, configPath))
	_ = cmd.MarkPersistentFlagFilename("ft-config", "json")
	cmd.SetUsageTemplate(clientUsageTemplate)

	for _, cc := range clientCommands() {
		cmd.AddCommand(newClientSubCmd(cc, f, io, getenv, configPath))
	}
	cmd.AddCommand(newClientHelpCmd(cmd, io))
	return cmd
}

// newClientHelpCmd lists the commands with their arguments (cobra's own
// help lists names only), or shows one command's help.
func newClientHelpCmd(client *cobra.Command, io stdio) *cobra.Command {
	return &cobra.Command{
		Use:     "help [command]",
		Short:   "List the commands and their arguments, or explain one",
		Example: "  freqdeck client help\n  freqdeck client help forceexit",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				_, err := io.out.Write([]byte(commandList()))
				return err
			}
			sub, _, err := client.Find(args)
			if err != nil || sub == client {
				return &exitError{code: exitUsage, err: fmt.Errorf("unknown client command %q", args[0])}
			}
			return sub.Help()
		},
	}
}

func newClientSubCmd(cc clientCommand, f *clientFlags, io stdio, getenv func(string) string, configPath *string) *cobra.Command {
	use := cc.useLine()
	sub := &cobra.Command{
		Use:                   use,
		Short:                 cc.summary,
		DisableFlagsInUseLine: true,
		ValidArgsFunction:     cobra.NoFileCompletions,
		Args: func(_ *cobra.Command, args []string) error {
			if _, err := parseArgs(cc.params, args); err != nil {
				return &exitError{code: exitUsage, err: fmt.Errorf("%s: %w (usage: freqdeck client %s)", cc.name, err, use)}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a, _ := parseArgs(cc.params, args) // checked by Args
			return runClientCommand(cmd.Context(), cc, a, f, io, getenv, *configPath)
		},
	}
	sub.Example = "  freqdeck client " + cc.name
	if cc.example != "" {
		sub.Example += " " + cc.example
	}
	sub.SetUsageTemplate(defaultUsageTemplate())
	return sub
}

func runClientCommand(ctx context.Context, cc clientCommand, a cmdArgs, f *clientFlags, io stdio, getenv func(string) string, configPath string) error {
	bot, err := resolveClientBot(ctx, f.bot, io, getenv, configPath)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	capture := &captureTransport{base: http.DefaultTransport}
	client, err := apiclient.New(bot.URL,
		apiclient.WithBasicAuth(bot.Username, bot.password),
		apiclient.WithHTTPClient(&http.Client{Timeout: f.timeout, Transport: capture}),
		apiclient.WithUserAgent("freqdeck/"+appVersion))
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	result, err := cc.call(ctx, client, a, time.Now())
	if err != nil {
		return clientError(err, client.BaseURL(), bot.Username)
	}
	if f.table {
		if cc.table != nil {
			return cc.table(io.out, result)
		}
		return renderGeneric(io.out, result)
	}
	if cc.synthetic {
		return writeJSON(io.out, result, isTerminal(io.out))
	}
	return writeRawJSON(io.out, capture.body(), isTerminal(io.out))
}

// commandList renders "Commands:" and every command with its arguments and
// summary.
func commandList() string {
	var b strings.Builder
	b.WriteString("Commands:\n")
	for _, cc := range clientCommands() {
		fmt.Fprintf(&b, "  %s\n      %s\n", cc.useLine(), cc.summary)
	}
	return b.String()
}

// useLine is the command's name and its arguments.
func (cc clientCommand) useLine() string {
	if u := usageOf(cc.params); u != "" {
		return cc.name + " " + u
	}
	return cc.name
}

// clientUsageTemplate replaces cobra's command list (names only) with the
// Long text's list (names with arguments).
const clientUsageTemplate = `Usage:
  {{.UseLine}}

Examples:
{{.Example}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}

Use "freqdeck client help <command>" for more about a command.
`

// defaultUsageTemplate is cobra's own usage template, for the subcommands
// (they would otherwise inherit the client's).
func defaultUsageTemplate() string {
	return (&cobra.Command{}).UsageTemplate()
}
