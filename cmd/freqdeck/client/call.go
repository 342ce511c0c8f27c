package client

import (
	"context"
	"errors"
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// Outcomes of a call that action.Outcome does not name.
const (
	outcomeSkipped = "skipped" // not sent on purpose: a read_only bot
	outcomeError   = "error"   // stopped by something other than the bot's answer
)

// call is what came of a command on one bot.
type call struct {
	// result is the typed answer (a readAnswer for an action done in spite
	// of its misleading words).
	result any
	// body and status are the bot's last answer as it came (status 0: none).
	body   []byte
	status int
	// act is the outcome of a command that changes the bot's state, once
	// tried; id is its request id in the audit log.
	act *action.Result
	id  string
	// outcome, when set, overrides what the errors say ("skipped",
	// "not_sent" for an SSH host that could not be used, "error").
	outcome string
	// err is what the user is told, carrying the exit status; cause is the
	// call's own error, for sorting it.
	err, cause error
}

// callBot runs cc on bot: refused on a read_only bot when it changes the
// bot's state, audited when it does, bounded by --timeout.
func callBot(ctx context.Context, cc clientCommand, a cmdArgs, f flags, deps Deps, env *runEnv, bot Target) call {
	changes := cc.changes(a)
	if changes && bot.ReadOnly {
		return call{outcome: outcomeSkipped, err: refuseReadOnly(bot, cc.name)}
	}
	password, err := resolvePassword(ctx, bot)
	if err != nil {
		return call{outcome: outcomeError, err: cli.Usage(err)}
	}
	base, err := env.transport(ctx, bot)
	if err != nil {
		return call{outcome: action.NotSent.String(), err: err}
	}
	capture := &captureTransport{base: base}
	client, err := apiclient.New(bot.URL,
		apiclient.WithBasicAuth(bot.Username, password),
		apiclient.WithHTTPClient(&http.Client{Timeout: f.timeout, Transport: capture}),
		apiclient.WithUserAgent("freqdeck/"+deps.Version))
	if err != nil {
		return call{outcome: outcomeError, err: cli.Usage(err)}
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	var c call
	if changes {
		c = act(ctx, cc, a, bot, client, deps, env)
	} else {
		c.result, c.cause = cc.call(ctx, client, a, deps.Now())
		c.err = c.cause
	}
	c.body, c.status = capture.last()
	var exit *cli.Error
	if c.err != nil && !errors.As(c.err, &exit) {
		c.err = clientError(c.err, client.BaseURL(), bot)
	}
	return c
}

// outcomeName sorts the call for its JSON line: an action's outcome
// (done, refused, not_sent, unknown), a read's (done, refused, not_sent,
// error), or skipped.
func (c call) outcomeName() string {
	switch {
	case c.outcome != "":
		return c.outcome
	case c.act != nil:
		return c.act.Outcome.String()
	case c.err == nil:
		return action.Done.String()
	case c.cause == nil:
		return outcomeError
	}
	switch o := action.Classify(c.cause); o {
	case action.Refused, action.NotSent:
		return o.String()
	default:
		return outcomeError // a read has no unknown outcome: it changed nothing
	}
}
