package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// Target is one bot a client command can call, as the program resolved it
// from the flags, the config file and the environment.
type Target struct {
	// Name identifies the bot (the [[bot]] name, or the host of --url).
	Name string
	// URL is the bot's API base URL (as seen from the SSH host, with SSH).
	URL      string
	Username string
	// Password returns the bot's password. It is called only for the bot
	// actually called, once, so a password_cmd runs only then; nil means no
	// password.
	Password func(ctx context.Context) (string, error)
	// ReadOnly marks a bot the operator only watches.
	ReadOnly bool
	// SSH is the SSH destination the bot is reached through ("vps",
	// "user@host:port"); empty dials URL directly.
	SSH string
	// Transport carries the bot's requests when SSH is empty; nil means
	// http.DefaultTransport.
	Transport http.RoundTripper
	// AuditPath is the audit log the bot's actions are recorded in (the
	// config's audit_log); empty records none.
	AuditPath string
}

// run calls cc on the bot the flags choose and prints its answer, or, when
// they choose several (--bot a,b or --all-bots), on each of them in
// parallel, printing one JSON line per bot. A command that changes a bot's
// state is refused on a read_only bot, and audited.
func run(ctx context.Context, cc clientCommand, a cmdArgs, f flags, deps Deps) error {
	if f.table && f.fleet() {
		return cli.Usage(errors.New("--table shows one bot; with several bots the client prints one JSON line per bot"))
	}
	targets, err := chooseTargets(ctx, f, deps)
	if err != nil {
		return cli.Usage(err)
	}
	env, err := newRunEnv(deps, f, targets)
	if err != nil {
		return cli.Usage(err)
	}
	defer env.close()
	if f.fleet() {
		return runFleet(ctx, cc, a, f, deps, env, targets)
	}
	return runSingle(ctx, cc, a, f, deps, env, targets[0])
}

// runSingle calls one bot and prints its answer as freqtrade-client does:
// the bot's JSON as it came (or a table); errors carry the exit status.
func runSingle(ctx context.Context, cc clientCommand, a cmdArgs, f flags, deps Deps, env *runEnv, bot Target) error {
	c := callBot(ctx, cc, a, f, deps, env, bot)
	if c.err != nil {
		return c.err
	}
	if r, ok := c.result.(readAnswer); ok {
		return writeJSON(deps.Out, r, isTerminal(deps.Out))
	}
	if f.table {
		if cc.table != nil {
			return cc.table(deps.Out, c.result)
		}
		return renderGeneric(deps.Out, c.result)
	}
	if cc.synthetic {
		return writeJSON(deps.Out, c.result, isTerminal(deps.Out))
	}
	return writeRawJSON(deps.Out, c.body, isTerminal(deps.Out))
}

// runEnv is what the calls of one run share: the audit logs, the SSH
// connections and, with several bots, the batch id of their actions.
type runEnv struct {
	audits *auditLogs
	ssh    *sshRun // nil when no bot is reached through SSH
	batch  string
}

func newRunEnv(deps Deps, f flags, targets []Target) (*runEnv, error) {
	env := &runEnv{audits: newAuditLogs()}
	if f.fleet() {
		env.batch = action.NewID()
	}
	var ssh bool
	for _, t := range targets {
		ssh = ssh || t.SSH != ""
	}
	switch {
	case ssh:
		opts := deps.SSH
		if opts.ConnectTimeout <= 0 && f.timeout > 0 {
			opts.ConnectTimeout = min(f.timeout, sshdial.DefaultConnectTimeout)
		}
		s, err := newSSHRun(opts, f.trustKey, deps.Warn)
		if err != nil {
			return nil, err
		}
		env.ssh = s
	case f.trustKey != "":
		return nil, errors.New("--trust-host-key trusts an SSH host's key: no chosen bot is reached through SSH (ssh in [[bot]], or --ssh)")
	}
	return env, nil
}

func (e *runEnv) close() {
	e.audits.Close()
	if e.ssh != nil {
		e.ssh.close()
	}
}

// transport is what carries bot's requests: through its SSH host, once
// that is connected, or directly.
func (e *runEnv) transport(ctx context.Context, bot Target) (http.RoundTripper, error) {
	if bot.SSH != "" {
		return e.ssh.transport(ctx, bot.SSH)
	}
	if bot.Transport != nil {
		return bot.Transport, nil
	}
	return http.DefaultTransport, nil
}

// chooseTargets returns the bots the flags choose: exactly one, unless
// they ask for several (--bot a,b or --all-bots).
func chooseTargets(ctx context.Context, f flags, deps Deps) ([]Target, error) {
	if deps.Targets == nil {
		return nil, errors.New("no bot to call")
	}
	targets, err := deps.Targets(ctx, f.bot)
	if err != nil {
		return nil, err
	}
	switch n := len(targets); {
	case n == 0 && f.bot.AllBots:
		return nil, errors.New("--all-bots: no [[bot]] is configured")
	case n == 0:
		return nil, errors.New("no bot to call: give --url (and --username), --ft-config, or add a [[bot]] to the config file")
	case n > 1 && !f.fleet():
		names := make([]string, 0, n)
		for _, t := range targets {
			names = append(names, t.Name)
		}
		return nil, fmt.Errorf("%d bots are configured (%s): choose one with --bot, several with --bot a,b, or all with --all-bots",
			n, strings.Join(names, ", "))
	}
	return targets, nil
}

// resolvePassword resolves the chosen bot's password, only now that it is
// called (a password_cmd runs only then).
func resolvePassword(ctx context.Context, t Target) (string, error) {
	if t.Password == nil {
		return "", nil
	}
	pw, err := t.Password(ctx)
	if err != nil {
		return "", fmt.Errorf("bot %q: %w", t.Name, err)
	}
	return pw, nil
}
