package client

import (
	"context"
	"fmt"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// actsFunc says which action a command's arguments make it, and on what
// target; a zero Kind only reads.
type actsFunc = func(a cmdArgs) (action.Kind, string)

// acts is a command that always takes action k, on the argument named
// target ("" for none).
func acts(k action.Kind, target string) actsFunc {
	return func(a cmdArgs) (action.Kind, string) {
		if target == "" {
			return k, ""
		}
		if v, ok := a.values[target]; ok {
			return k, fmt.Sprint(v)
		}
		return k, ""
	}
}

// changes reports whether cc with arguments a changes the bot's state.
func (cc clientCommand) changes(a cmdArgs) bool {
	if cc.acts == nil {
		return false
	}
	k, _ := cc.acts(a)
	return k != 0
}

// readAnswer is printed for an action that was done although the bot's
// answer was an error whose words mislead: what it means, and the words.
type readAnswer struct {
	Result string `json:"result"`
	Answer string `json:"answer"`
}

// refuseReadOnly refuses a command that changes the state of a bot marked
// read_only, before anything is sent (or a password asked for).
func refuseReadOnly(bot Target, command string) error {
	return cli.Usage(fmt.Errorf("bot %q is read-only (read_only = true): %s changes the bot's state, so it is refused",
		bot.Name, command))
}

// request is what the audit log records of a command's arguments: nil for
// none.
func (a cmdArgs) request() any {
	if len(a.values) == 0 && len(a.rest) == 0 {
		return nil
	}
	req := make(map[string]any, len(a.values)+1)
	for k, v := range a.values {
		req[k] = v
	}
	if len(a.rest) > 0 {
		req["args"] = a.rest
	}
	return req
}

// act runs a state-changing command as the console runs an action: the
// attempt goes to the audit log before the call, the outcome after it, and
// the answer is read the same way (action.Do). An outcome that is not known
// is its own exit status, so a script does not send it again blindly.
func act(ctx context.Context, cc clientCommand, a cmdArgs, bot Target, c *apiclient.Client, deps Deps, env *runEnv) call {
	kind, target := cc.acts(a)
	log, err := env.audits.open(bot.AuditPath)
	if err != nil {
		return call{outcome: outcomeError, err: &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf("%w: nothing was sent", err)}}
	}
	att := action.Attempt{
		ID: action.NewID(), Batch: env.batch, Via: "client", Bot: bot.Name, Kind: kind, Target: target, Request: a.request(),
	}
	var result any
	var callErr error
	res, auditErr := action.Do(ctx, log, deps.Now, att, func(ctx context.Context) (string, error) {
		result, callErr = cc.call(ctx, c, a, deps.Now())
		if callErr != nil {
			return "", callErr
		}
		// The audit log reads a 200 that entered nothing as the refusal it
		// is; the output stays the bot's answer, as freqtrade-client's.
		return resultSummary(result), refusedInBody(result)
	})
	if auditErr != nil && deps.Warn != nil {
		deps.Warn(fmt.Sprintf("request %s is not in the audit log: %v", att.ID, auditErr))
	}
	out := call{act: &res, id: att.ID, cause: callErr}
	switch res.Outcome {
	case action.Done:
		if callErr != nil {
			// Done in spite of the error: freqtrade's words mislead.
			out.result = readAnswer{Result: res.Text, Answer: res.Answer}
			return out
		}
		out.result = result
		return out
	case action.Unknown:
		out.err = &cli.Error{Code: cli.ExitUnknown, Err: fmt.Errorf(
			"%s (request %s): %s: the outcome is unknown; check the bot (freqdeck client status, locks or show_config) before sending it again",
			cc.name, att.ID, unknownCause(res))}
		return out
	case action.Refused, action.NotSent:
		if callErr == nil {
			out.result = result // refused in a 200's body, printed as it came
			return out
		}
	}
	out.err = callErr
	return out
}

// unknownCause says why an outcome is unknown.
func unknownCause(r action.Result) string {
	if r.Answer != "" {
		return r.Text
	}
	return "sent, no answer (" + r.Text + ")"
}

// refusedInBody turns freqtrade's 200 answer to a force entry that entered
// nothing into the refusal it is.
func refusedInBody(v any) error {
	if r, ok := v.(apiclient.ForceEnterResult); ok && r.Trade == nil {
		return &action.RefusedError{Message: r.Status}
	}
	return nil
}

// resultSummary is the result line of an answer in the audit log.
func resultSummary(v any) string {
	switch r := v.(type) {
	case apiclient.ResultResponse:
		return r.Result
	case apiclient.StatusResponse:
		return r.Status
	case apiclient.ForceEnterResult:
		if r.Trade != nil {
			return fmt.Sprintf("entered #%d %s", r.Trade.TradeID, r.Trade.Pair)
		}
		return r.Status
	case apiclient.DeleteTradeResult:
		return r.ResultMsg
	case apiclient.OpenTrade:
		return fmt.Sprintf("order cancelled on trade #%d", r.TradeID)
	case apiclient.Locks:
		return fmt.Sprintf("%d locks active", r.LockCount)
	case apiclient.Blacklist:
		return fmt.Sprintf("blacklist: %s", strings.Join(r.Blacklist, ", "))
	}
	return ""
}
