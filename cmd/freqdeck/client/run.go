package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// Target is one bot a client command can call, as the program resolved it
// from the flags, the config file and the environment.
type Target struct {
	// Name identifies the bot (the [[bot]] name, or the host of --url).
	Name string
	// URL is the bot's API base URL.
	URL      string
	Username string
	// Password returns the bot's password. It is called only for the bot
	// actually called, once, so a password_cmd runs only then; nil means no
	// password.
	Password func(ctx context.Context) (string, error)
	// ReadOnly marks a bot the operator only watches.
	ReadOnly bool
	// Transport carries the bot's requests (an SSH dialer, say); nil means
	// http.DefaultTransport.
	Transport http.RoundTripper
	// AuditPath is the audit log the bot's actions are recorded in (the
	// config's audit_log); empty records none.
	AuditPath string
}

// run calls cc on the bot the flags choose and prints its answer. A
// command that changes the bot's state is refused on a read_only bot, and
// audited.
func run(ctx context.Context, cc clientCommand, a cmdArgs, f flags, deps Deps) error {
	bot, err := chooseTarget(ctx, f.bot, deps)
	if err != nil {
		return cli.Usage(err)
	}
	changes := cc.changes(a)
	if changes && bot.ReadOnly {
		return refuseReadOnly(bot, cc.name)
	}
	password, err := resolvePassword(ctx, bot)
	if err != nil {
		return cli.Usage(err)
	}
	base := bot.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	capture := &captureTransport{base: base}
	client, err := apiclient.New(bot.URL,
		apiclient.WithBasicAuth(bot.Username, password),
		apiclient.WithHTTPClient(&http.Client{Timeout: f.timeout, Transport: capture}),
		apiclient.WithUserAgent("freqdeck/"+deps.Version))
	if err != nil {
		return cli.Usage(err)
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	var result any
	if changes {
		result, err = act(ctx, cc, a, bot, client, deps)
	} else {
		result, err = cc.call(ctx, client, a, deps.Now())
	}
	var exit *cli.Error
	if errors.As(err, &exit) {
		return err
	}
	if err != nil {
		return clientError(err, client.BaseURL(), bot.Username)
	}
	if r, ok := result.(readAnswer); ok {
		return writeJSON(deps.Out, r, isTerminal(deps.Out))
	}
	if f.table {
		if cc.table != nil {
			return cc.table(deps.Out, result)
		}
		return renderGeneric(deps.Out, result)
	}
	if cc.synthetic {
		return writeJSON(deps.Out, result, isTerminal(deps.Out))
	}
	return writeRawJSON(deps.Out, capture.body(), isTerminal(deps.Out))
}

// chooseTarget picks the one bot a command calls among those the flags
// choose.
func chooseTarget(ctx context.Context, bf cli.BotFlags, deps Deps) (Target, error) {
	if deps.Targets == nil {
		return Target{}, errors.New("no bot to call")
	}
	targets, err := deps.Targets(ctx, bf)
	if err != nil {
		return Target{}, err
	}
	switch n := len(targets); {
	case n == 0:
		return Target{}, errors.New("no bot to call: give --url (and --username), --ft-config, or add a [[bot]] to the config file")
	case n > 1:
		names := make([]string, 0, n)
		for _, t := range targets {
			names = append(names, t.Name)
		}
		return Target{}, fmt.Errorf("%d bots are configured (%s): choose one with --bot", n, strings.Join(names, ", "))
	}
	return targets[0], nil
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
