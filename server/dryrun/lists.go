package dryrun

import (
	"context"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
)

// expandPairs returns the markets matching any of patterns (regex
// wildcards, matched whole and case-insensitively), in market order, as
// freqtrade's expand_pairlist does without keeping invalid entries.
func expandPairs(patterns, markets []string) []string {
	var res []*regexp.Regexp
	for _, p := range patterns {
		if re, err := compileWildcard(p); err == nil {
			res = append(res, re)
		}
	}
	out := []string{}
	for _, m := range markets {
		for _, re := range res {
			if re.MatchString(m) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

func compileWildcard(p string) (*regexp.Regexp, error) {
	return regexp.Compile("(?i)^(?:" + p + ")$")
}

// whitelist is pairs minus the blacklist's patterns expanded over markets.
func whitelist(pairs, blacklist, markets []string) []string {
	black := expandPairs(blacklist, markets)
	out := []string{}
	for _, p := range pairs {
		if !slices.Contains(black, p) {
			out = append(out, p)
		}
	}
	return out
}

// announceWhitelist publishes the whitelist and logs it.
func (b *Bot) announceWhitelist() {
	b.publish(apiclient.WhitelistMsg{Type: apiclient.MsgWhitelist, Data: append([]string{}, b.whitelist...)})
	b.logf(levelInfo, logPairlist, "Whitelist with %d pairs: %v", len(b.whitelist), b.whitelist)
}

// refreshWhitelist recomputes the whitelist and announces a change.
func (b *Bot) refreshWhitelist() {
	next := whitelist(b.cfg.Pairs, b.blacklist, b.markets)
	if slices.Equal(next, b.whitelist) {
		return
	}
	b.whitelist = next
	b.publishLists()
	b.announceWhitelist()
}

func (b *Bot) blacklistJSON(errs map[string]apiclient.BlacklistError) apiclient.Blacklist {
	if errs == nil {
		errs = map[string]apiclient.BlacklistError{}
	}
	return apiclient.Blacklist{Blacklist: append([]string{}, b.blacklist...),
		BlacklistExpanded: expandPairs(b.blacklist, b.markets), Errors: errs,
		Length: len(b.blacklist), Method: []string{"StaticPairList"}}
}

// Whitelist implements rpc.Lists.
func (b *Bot) Whitelist(context.Context) (apiclient.Whitelist, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return apiclient.Whitelist{Whitelist: append([]string{}, b.whitelist...), Length: len(b.whitelist),
		Method: []string{"StaticPairList"}}, nil
}

// Blacklist implements rpc.Lists.
func (b *Bot) Blacklist(context.Context) (apiclient.Blacklist, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.blacklistJSON(nil), nil
}

// AddBlacklist implements rpc.Lists: valid new entries are appended and
// their pairs leave the whitelist.
func (b *Bot) AddBlacklist(_ context.Context, pairs []string) (apiclient.Blacklist, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	errs := map[string]apiclient.BlacklistError{}
	for _, p := range pairs {
		switch {
		case slices.Contains(b.blacklist, p):
			errs[p] = apiclient.BlacklistError{ErrorMsg: "Pair " + p + " already in pairlist."}
		case !validWildcard(p):
			errs[p] = apiclient.BlacklistError{ErrorMsg: "Pair " + p + " is not a valid wildcard."}
		default:
			b.blacklist = append(b.blacklist, p)
			b.logf(levelInfo, logRPC, "Added %s to the blacklist.", p)
		}
	}
	b.refreshWhitelist()
	return b.blacklistJSON(errs), nil
}

// validWildcard reports whether p is a pair or wildcard the blacklist
// takes: valid UTF-8 of at most 255 characters that compiles.
func validWildcard(p string) bool {
	if !utf8.ValidString(p) || utf8.RuneCountInString(p) > maxTagLen {
		return false
	}
	_, err := compileWildcard(p)
	return err == nil
}

// DeleteBlacklist implements rpc.Lists.
func (b *Bot) DeleteBlacklist(_ context.Context, pairs []string) (apiclient.Blacklist, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	errs := map[string]apiclient.BlacklistError{}
	for _, p := range pairs {
		i := slices.Index(b.blacklist, p)
		if i < 0 {
			errs[p] = apiclient.BlacklistError{ErrorMsg: "Pair " + p + " is not in the current blacklist."}
			continue
		}
		b.blacklist = slices.Delete(b.blacklist, i, i+1)
		b.logf(levelInfo, logRPC, "Removed %s from the blacklist.", p)
	}
	b.refreshWhitelist()
	return b.blacklistJSON(errs), nil
}
