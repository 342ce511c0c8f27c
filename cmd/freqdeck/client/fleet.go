package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// fleetLine is the JSON line printed for each bot when a command runs on
// several (--bot a,b or --all-bots). FleetHelp documents it.
type fleetLine struct {
	Bot     string          `json:"bot"`
	Outcome string          `json:"outcome"`
	Status  int             `json:"status,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   string          `json:"error,omitempty"`
	ID      string          `json:"id,omitempty"`
	Batch   string          `json:"batch,omitempty"`
}

// fleetHelp documents the output of a command on several bots, for the
// client's --help and the README.
const fleetHelp = "Several bots: --bot a,b,c or --all-bots run the command on each of them in\n" +
	"parallel, each call bounded by --timeout, and print one JSON object per line and\n" +
	"per bot, in the order the bots were named (configured, for --all-bots):\n" +
	"  {\"bot\":\"a\",\"outcome\":\"done\",\"status\":200,\"result\":{...},\"id\":\"...\",\"batch\":\"...\"}\n" +
	"outcome is done, refused (the bot answered with an error; error holds its\n" +
	"message), not_sent (the bot could not be reached: nothing happened), unknown\n" +
	"(an action was sent but no answer says what it did), skipped (an action on a\n" +
	"read_only bot: not sent, error says why) or error (anything else: a password\n" +
	"that could not be read, an answer that is not JSON). status is the HTTP status\n" +
	"of the bot's answer and result the answer itself, when there was one; id is the\n" +
	"action's request id in the audit log, and batch the id shared by the actions of\n" +
	"one run. The exit status is 0 when every bot is done or skipped, else the\n" +
	"highest of the bots' statuses (below): 4 if any outcome is unknown, 3 if any\n" +
	"bot was not reached, 1 if one refused.\n"

// runFleet runs the command on every target in parallel and prints each
// bot's line as soon as it and the bots before it are done.
func runFleet(ctx context.Context, cc clientCommand, a cmdArgs, f flags, deps Deps, env *runEnv, targets []Target) error {
	results := make([]chan call, len(targets))
	for i, bot := range targets {
		results[i] = make(chan call, 1)
		go func() { results[i] <- callBot(ctx, cc, a, f, deps, env, bot) }()
	}
	code := 0
	var failed []string
	var writeErr error
	for i, bot := range targets {
		c := <-results[i]
		line, botCode := fleetLineOf(bot, c, cc, env.batch)
		if botCode != 0 {
			failed = append(failed, fmt.Sprintf("%s (%s)", bot.Name, line.Outcome))
		}
		code = max(code, botCode)
		if writeErr == nil {
			writeErr = writeJSON(deps.Out, line, false)
		}
	}
	if writeErr != nil {
		return writeErr
	}
	if code == 0 {
		return nil
	}
	return &cli.Error{Code: code, Err: fmt.Errorf("%d of %d bots failed: %s", len(failed), len(targets), strings.Join(failed, ", "))}
}

// fleetLineOf turns a bot's call into its line and its exit status.
func fleetLineOf(bot Target, c call, cc clientCommand, batch string) (fleetLine, int) {
	line := fleetLine{Bot: bot.Name, Outcome: c.outcomeName(), Status: c.status, ID: c.id}
	if c.id != "" {
		line.Batch = batch
	}
	if c.err != nil {
		line.Error = c.err.Error()
	}
	switch r := c.result.(type) {
	case readAnswer:
		line.Result, _ = marshalJSON(r, false)
	default:
		if cc.synthetic && c.err == nil {
			line.Result, _ = marshalJSON(r, false)
		} else if c.status != 0 {
			line.Result = oneLineJSON(c.body)
		}
	}
	line.Result = bytes.TrimSpace(line.Result)
	code := cli.Code(c.err)
	switch line.Outcome {
	case outcomeSkipped:
		code = 0
	case "refused":
		code = max(code, cli.ExitAPIError) // refused in a 200's body too
	}
	return line, code
}

// oneLineJSON is body on one line, or nil when it is not JSON (a proxy's
// error page).
func oneLineJSON(body []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, body); err != nil {
		return nil
	}
	return buf.Bytes()
}
