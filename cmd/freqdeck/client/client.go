// Package client is `freqdeck client`: freqtrade-client's commands as a
// CLI, one API call a run, the bot's JSON out (or a table).
//
// The package acts and the program wires: Deps say which bots the flags
// choose (the program reads the config file and the environment) and where
// the output goes. It imports apiclient and cmd/freqdeck/internal/cli, and no
// part of the console or the server.
package client

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// DefaultTimeout bounds each call unless --timeout says otherwise.
const DefaultTimeout = 30 * time.Second

// Deps is what the client command needs from the program around it.
type Deps struct {
	// Out receives the results: indented JSON when it is a terminal.
	Out io.Writer
	// Version is freqdeck's version, sent in the User-Agent.
	Version string
	// Targets resolves the bot flags into the bots they choose: the
	// configured ones, or a one-off bot. Its errors are usage errors.
	Targets func(ctx context.Context, f cli.BotFlags) ([]Target, error)
	// CompleteBot completes --bot in shells; nil completes nothing.
	CompleteBot cobra.CompletionFunc
	// Now is the clock of arguments relative to now ("2h") and of the audit
	// log; nil means time.Now.
	Now func() time.Time
	// Warn tells the user about a problem that does not stop the command
	// (an action done but not in the audit log); nil stays silent.
	Warn func(msg string)
	// SSH are the options of the SSH connections to the bots that have
	// Target.SSH set (sshlink.Options: ~/.ssh, SSH_AUTH_SOCK, the passphrase
	// prompt). The zero value reads the real ~/.ssh and skips encrypted keys.
	SSH sshdial.Options
}

// flags are the flags of `freqdeck client`.
type flags struct {
	bot      cli.BotFlags
	table    bool
	show     bool
	timeout  time.Duration
	trustKey string
}

// fleet reports whether the flags ask for several bots: --all-bots, or a
// list in --bot. The output is then one JSON line per bot, whatever their
// number.
func (f flags) fleet() bool { return f.bot.AllBots || strings.Contains(f.bot.Bot, ",") }

// NewCommand builds `freqdeck client` and its commands over deps.
func NewCommand(deps Deps) *cobra.Command {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	f := &flags{}
	cmd := &cobra.Command{
		Use:   "client <command> [args] [key=value ...]",
		Short: "Call a bot's API once, like freqtrade-client (JSON out)",
		Long: "client calls one API route of a freqtrade bot (or freqdeck serve) and prints the\n" +
			"answer as JSON: indented on a terminal, one line otherwise. The commands and their\n" +
			"arguments are freqtrade-client's: positional, or key=value by parameter name.\n\n" +
			"The bot is chosen like the console's: --url (with --username and $FREQDECK_PASSWORD),\n" +
			"--ft-config (a freqtrade config.json), or --bot NAME among the [[bot]] entries of the\n" +
			"config file (the only one needs no --bot). --ssh HOST reaches the --url or --ft-config\n" +
			"bot through SSH (a Host of ~/.ssh/config or user@host[:port]; --url is then the API's\n" +
			"address as seen from that host), as ssh = \"HOST\" does for a [[bot]]. A host whose key\n" +
			"is not in known_hosts is refused with its SHA256 fingerprint: check it, then run the\n" +
			"command again with --trust-host-key SHA256:... to add it. A changed key is refused.\n\n" +
			fleetHelp + "\n" +
			"Commands that change the bot's state (start, stop, stopbuy, reload_config, forceenter,\n" +
			"forcebuy, forceexit, delete_trade, cancel_open_order, lock_add, delete_lock, blacklist\n" +
			"with pairs) are refused on a bot marked read_only = true, and recorded in the audit log\n" +
			"(audit_log) like the console's actions: the attempt before the call, its outcome after.\n\n" +
			"Exit status: 0 on success, 1 when the bot answers with an error (its message goes\n" +
			"to stderr), 2 for bad arguments or configuration (a read_only bot included), 3 when\n" +
			"the bot cannot be reached (its SSH host included), 4 when an action was sent but no\n" +
			"answer says what it did: check the bot before sending it again.\n\n" +
			commandList(),
		Example: "  freqdeck client status --table\n" +
			"  freqdeck client --url http://127.0.0.1:8080 --username freqtrader ping\n" +
			"  freqdeck client --bot vps1 forceenter BTC/USDT long price=64000\n" +
			"  freqdeck client daily 5\n" +
			"  freqdeck client --all-bots stopbuy\n" +
			"  freqdeck client --bot vps1,vps2 show_config\n" +
			"  freqdeck client --ssh vps --url http://127.0.0.1:8080 --username freqtrader status\n" +
			"  freqdeck client trades limit=10\n" +
			"  freqdeck client --ft-config user_data/config.json forceexit 3",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.show || len(args) == 0 {
				_, err := io.WriteString(deps.Out, commandList())
				return err
			}
			return cli.Usage(fmt.Errorf("unknown client command %q (see freqdeck client --show)", args[0]))
		},
	}
	pf := cmd.PersistentFlags()
	f.bot.Register(pf)
	f.bot.RegisterAllBots(pf)
	cli.RegisterTrustHostKey(pf, &f.trustKey)
	pf.BoolVar(&f.table, "table", false, "print a table instead of JSON where it makes sense")
	pf.DurationVar(&f.timeout, "timeout", DefaultTimeout, "give up on the call after this long")
	cmd.Flags().BoolVar(&f.show, "show", false, "list the commands and their arguments")
	if deps.CompleteBot != nil {
		_ = cmd.RegisterFlagCompletionFunc("bot", deps.CompleteBot)
	}
	_ = cmd.MarkPersistentFlagFilename("ft-config", "json")
	cmd.SetUsageTemplate(clientUsageTemplate)

	for _, cc := range clientCommands() {
		cmd.AddCommand(newSubCmd(cc, f, deps))
	}
	cmd.AddCommand(newHelpCmd(cmd, deps.Out))
	return cmd
}

// CommandNames lists the client commands, in the order of the help.
func CommandNames() []string {
	cmds := clientCommands()
	names := make([]string, len(cmds))
	for i, cc := range cmds {
		names[i] = cc.name
	}
	return names
}

// newHelpCmd lists the commands with their arguments (cobra's own help
// lists names only), or shows one command's help.
func newHelpCmd(client *cobra.Command, out io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "help [command]",
		Short:   "List the commands and their arguments, or explain one",
		Example: "  freqdeck client help\n  freqdeck client help forceexit",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				_, err := io.WriteString(out, commandList())
				return err
			}
			sub, _, err := client.Find(args)
			if err != nil || sub == client {
				return cli.Usage(fmt.Errorf("unknown client command %q", args[0]))
			}
			return sub.Help()
		},
	}
}

func newSubCmd(cc clientCommand, f *flags, deps Deps) *cobra.Command {
	use := cc.useLine()
	sub := &cobra.Command{
		Use:                   use,
		Short:                 cc.summary,
		DisableFlagsInUseLine: true,
		ValidArgsFunction:     cobra.NoFileCompletions,
		Args: func(_ *cobra.Command, args []string) error {
			if _, err := parseArgs(cc.params, args); err != nil {
				return cli.Usage(fmt.Errorf("%s: %w (usage: freqdeck client %s)", cc.name, err, use))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a, _ := parseArgs(cc.params, args) // checked by Args
			return run(cmd.Context(), cc, a, *f, deps)
		},
	}
	sub.Example = "  freqdeck client " + cc.name
	if cc.example != "" {
		sub.Example += " " + cc.example
	}
	sub.SetUsageTemplate(defaultUsageTemplate())
	return sub
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
