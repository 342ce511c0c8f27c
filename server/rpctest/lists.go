package rpctest

import (
	"context"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Whitelist implements rpc.Bot.
func (b *Bot) Whitelist(ctx context.Context) (apiclient.Whitelist, error) {
	return value(ctx, b, "Whitelist", func(f *Fixtures) apiclient.Whitelist { return f.Whitelist })
}

// Blacklist implements rpc.Bot.
func (b *Bot) Blacklist(ctx context.Context) (apiclient.Blacklist, error) {
	return value(ctx, b, "Blacklist", func(f *Fixtures) apiclient.Blacklist { return f.Blacklist })
}

// AddBlacklist implements rpc.Bot: new pairs are appended, known ones are
// reported in errors. Wildcards are not expanded.
func (b *Bot) AddBlacklist(ctx context.Context, pairs []string) (apiclient.Blacklist, error) {
	return call(ctx, b, "AddBlacklist", func(f *Fixtures) (apiclient.Blacklist, error) {
		bl := f.Blacklist
		bl.Blacklist = slices.Clone(bl.Blacklist)
		bl.Errors = map[string]apiclient.BlacklistError{}
		for _, p := range pairs {
			if slices.Contains(bl.Blacklist, p) {
				bl.Errors[p] = apiclient.BlacklistError{ErrorMsg: "Pair " + p + " already in pairlist."}
				continue
			}
			bl.Blacklist = append(bl.Blacklist, p)
		}
		bl.Length = len(bl.Blacklist)
		f.Blacklist = bl
		f.Blacklist.Errors = map[string]apiclient.BlacklistError{}
		return bl, nil
	}, slices.Clone(pairs))
}

// DeleteBlacklist implements rpc.Bot.
func (b *Bot) DeleteBlacklist(ctx context.Context, pairs []string) (apiclient.Blacklist, error) {
	return call(ctx, b, "DeleteBlacklist", func(f *Fixtures) (apiclient.Blacklist, error) {
		bl := f.Blacklist
		bl.Blacklist = slices.Clone(bl.Blacklist)
		bl.Errors = map[string]apiclient.BlacklistError{}
		for _, p := range pairs {
			i := slices.Index(bl.Blacklist, p)
			if i < 0 {
				bl.Errors[p] = apiclient.BlacklistError{ErrorMsg: "Pair " + p + " is not in the current blacklist."}
				continue
			}
			bl.Blacklist = slices.Delete(bl.Blacklist, i, i+1)
		}
		bl.Length = len(bl.Blacklist)
		f.Blacklist = bl
		f.Blacklist.Errors = map[string]apiclient.BlacklistError{}
		return bl, nil
	}, slices.Clone(pairs))
}

// PairCandles implements rpc.Bot: the fixture frame relabelled with the
// requested pair and timeframe, cut to the last limit rows.
func (b *Bot) PairCandles(ctx context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error) {
	return value(ctx, b, "PairCandles", func(f *Fixtures) apiclient.PairHistory {
		h := f.PairHistory
		h.Pair, h.Timeframe = req.Pair, req.Timeframe
		if req.Limit != nil && *req.Limit >= 0 && *req.Limit < len(h.Data) {
			h.Data = h.Data[len(h.Data)-*req.Limit:]
			h.Length = len(h.Data)
		}
		return h
	}, req)
}

// AnalyzedDF implements rpc.Bot: the fixture frames of pair (all when empty),
// cut to the last limit rows (all when limit <= 0).
func (b *Bot) AnalyzedDF(ctx context.Context, pair string, limit int) ([]apiclient.AnalyzedDF, error) {
	return value(ctx, b, "AnalyzedDF", func(f *Fixtures) []apiclient.AnalyzedDF {
		var out []apiclient.AnalyzedDF
		for _, a := range f.AnalyzedDF {
			if pair != "" && a.Key.Pair() != pair {
				continue
			}
			if limit > 0 && limit < len(a.DF.Data) {
				a.DF.Data = a.DF.Data[len(a.DF.Data)-limit:]
				a.DF.Index = a.DF.Index[len(a.DF.Index)-limit:]
			}
			out = append(out, a)
		}
		return out
	}, pair, limit)
}
