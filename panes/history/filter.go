package history

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// filter keeps the trades of a pair (a case-insensitive part of its name)
// and of one exit reason.
type filter struct {
	input  textinput.Model
	typing bool
	pair   string // lower-cased; "" keeps every pair
	reason string // "" keeps every reason
}

// active reports whether the filter keeps fewer than all trades.
func (f *filter) active() bool { return f.pair != "" || f.reason != "" }

// terms names the filter's terms for the title.
func (f *filter) terms() []string {
	var out []string
	if f.pair != "" {
		out = append(out, "pair ~ "+panes.Sanitize(f.pair))
	}
	if f.reason != "" {
		out = append(out, "exit "+panes.Sanitize(f.reason))
	}
	return out
}

// keeps reports whether t passes the filter.
func (f *filter) keeps(t *apiclient.RawTrade) bool {
	if f.reason != "" && exitReason(t) != f.reason {
		return false
	}
	return f.pair == "" || strings.Contains(strings.ToLower(t.Pair), f.pair)
}

// exitReason is the trade's exit reason, "" when unknown.
func exitReason(t *apiclient.RawTrade) string { return apiclient.Deref(t.ExitReason) }

// apply returns the trades of all that pass the filter; all itself when
// every trade does.
func (f *filter) apply(all []apiclient.RawTrade) []apiclient.RawTrade {
	if !f.active() {
		return all
	}
	out := make([]apiclient.RawTrade, 0, len(all))
	for i := range all {
		if f.keeps(&all[i]) {
			out = append(out, all[i])
		}
	}
	return out
}

// nextReason returns the exit reason after current among the reasons of
// all, in name order, "" (every reason) after the last.
func nextReason(all []apiclient.RawTrade, current string) string {
	seen := map[string]bool{}
	for i := range all {
		if r := exitReason(&all[i]); r != "" {
			seen[r] = true
		}
	}
	reasons := make([]string, 0, len(seen))
	for r := range seen {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	i, found := slices.BinarySearch(reasons, current)
	if found {
		i++
	}
	if i >= len(reasons) {
		return ""
	}
	return reasons[i]
}
