package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
)

// addBlacklistOp adds pattern (a pair or a regular expression) to the
// blacklist.
func addBlacklistOp(b *botState, pattern string) op {
	return op{
		kind: action.AddBlacklist, bot: b.id, botName: b.displayName(), target: pattern,
		label: "add " + pattern + " to the blacklist", request: apiclient.BlacklistRequest{Blacklist: []string{pattern}},
		screen: panes.DataBlacklist,
		call: blacklistCall("on the blacklist", func(ctx context.Context, api API) (apiclient.Blacklist, error) {
			return api.AddBlacklist(ctx, pattern)
		}),
	}
}

// deleteBlacklistOp deletes pattern from the blacklist.
func deleteBlacklistOp(b *botState, pattern string) op {
	return op{
		kind: action.DeleteBlacklist, bot: b.id, botName: b.displayName(), target: pattern,
		label: "delete " + pattern + " from the blacklist", request: map[string][]string{"pairs_to_delete": {pattern}},
		screen: panes.DataBlacklist,
		call: blacklistCall("left on the blacklist", func(ctx context.Context, api API) (apiclient.Blacklist, error) {
			return api.DeleteBlacklist(ctx, pattern)
		}),
	}
}

// blacklistCall is the call of a blacklist change: its result counts the
// patterns left ("5 patterns " + where). freqtrade answers 200 with the
// patterns it refused under "errors": such an answer is a refusal in the
// bot's words.
func blacklistCall(where string, change func(context.Context, API) (apiclient.Blacklist, error)) func(context.Context, API) (string, error) {
	return func(ctx context.Context, api API) (string, error) {
		res, err := change(ctx, api)
		if err != nil {
			return "", err
		}
		if refused := blacklistErrors(res); refused != "" {
			return "", &action.RefusedError{Message: refused}
		}
		return plural(len(res.Blacklist), "pattern", "patterns") + " " + where, nil
	}
}

// blacklistErrors joins the bot's refusals in a blacklist answer, in
// pattern order; "" when there are none.
func blacklistErrors(bl apiclient.Blacklist) string {
	keys := make([]string, 0, len(bl.Errors))
	for k := range bl.Errors {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	msgs := make([]string, len(keys))
	for i, k := range keys {
		msgs[i] = bl.Errors[k].ErrorMsg
	}
	return strings.Join(msgs, "; ")
}

// addBlacklistDialog asks for the pattern to blacklist, pre-filled with a
// selected pair; the bot validates it.
func addBlacklistDialog(b *botState, pattern string) *dialog {
	d := &dialog{
		title: "Add to blacklist",
		lines: [][2]string{{"Bot", b.displayName()}},
		warn:  "The bot opens no new trades on blacklisted pairs; open trades stay.",
		fields: []field{
			{label: "Pattern", kind: fieldText, value: []rune(pattern), hint: "a pair or a regex, e.g. XRP/.*"},
		},
		submit: func(v dialogValues) (op, error) {
			p := v[0]
			switch {
			case p == "":
				return op{}, errors.New("pattern is required")
			case strings.ContainsAny(p, " \t"):
				return op{}, fmt.Errorf("pattern %q has spaces: one pattern at a time", p)
			}
			return addBlacklistOp(b, p), nil
		},
	}
	d.focusFirst()
	return d
}

// deleteBlacklistDialog confirms deleting a pattern from the blacklist.
func deleteBlacklistDialog(b *botState, pattern string, o op) *dialog {
	return confirmDialog("Delete from blacklist", [][2]string{{"Bot", b.displayName()}, {"Pattern", pattern}},
		"The bot may trade the pairs it matches again.", o)
}
