package server

import (
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// The request models of freqtrade's API (freqtrade-api.md §2.2, §2.4), as
// field lists for checkObject.

func forceEnterFields() []field {
	return []field{
		{name: "pair", kind: kindStr, required: true},
		{name: "side", kind: kindStr, def: "long", enum: []string{"long", "short"}},
		{name: "price", kind: kindFloat},
		{name: "ordertype", kind: kindStr, enum: []string{"limit", "market"}},
		{name: "stakeamount", kind: kindFloat},
		{name: "entry_tag", kind: kindStr},
		{name: "leverage", kind: kindFloat},
	}
}

func forceExitFields() []field {
	return []field{
		{name: "tradeid", kind: kindTradeRef, required: true},
		{name: "ordertype", kind: kindStr, enum: []string{"limit", "market"}},
		{name: "amount", kind: kindFloat},
		{name: "price", kind: kindFloat},
	}
}

func lockFields() []field {
	return []field{
		{name: "pair", kind: kindStr, required: true},
		{name: "side", kind: kindStr, def: "*"},
		{name: "until", kind: kindAwareTime, required: true},
		{name: "reason", kind: kindStr},
	}
}

func deleteLocksFields() []field {
	return []field{{name: "pair", kind: kindStr}, {name: "lockid", kind: kindInt}}
}

func blacklistFields() []field {
	return []field{{name: "blacklist", kind: kindStrList, required: true}}
}

func pairCandlesFields() []field {
	return []field{
		{name: "pair", kind: kindStr, required: true},
		{name: "timeframe", kind: kindStr, required: true},
		{name: "limit", kind: kindInt},
		{name: "columns", kind: kindStrList},
	}
}

// object returns a check for one model at loc ["body"].
func object(fields []field) func(any) (any, []problem) {
	return func(v any) (any, []problem) { return checkObject(v, fields, "body") }
}

// objectList returns a check for list[model] at loc ["body", i].
func objectList(fields []field) func(any) (any, []problem) {
	return func(v any) (any, []problem) {
		list, ok := v.([]any)
		if !ok {
			return v, []problem{newProblem("list_type", "Input should be a valid list", v, "body")}
		}
		out := make([]any, len(list))
		var problems []problem
		for i, e := range list {
			var ps []problem
			out[i], ps = checkObject(e, fields, "body", i)
			problems = append(problems, ps...)
		}
		return out, problems
	}
}

// checkAwareTime validates a timezone-aware datetime string.
func checkAwareTime(v any, loc []any) (any, []problem) {
	s, ok := v.(string)
	if !ok {
		return v, []problem{newProblem("datetime_type", "Input should be a valid datetime", v, loc...)}
	}
	if _, err := apiclient.ParseAwareTime(s); err != nil {
		if isNaiveDatetime(s) {
			return v, []problem{newProblem("timezone_aware", "Input should have timezone info", v, loc...)}
		}
		return v, []problem{newProblem("datetime_from_date_parsing",
			"Input should be a valid datetime or date, invalid datetime format", v, loc...)}
	}
	return v, nil
}

// isNaiveDatetime reports whether s is a datetime without a zone.
func isNaiveDatetime(s string) bool {
	norm := strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if _, err := time.Parse(layout, norm); err == nil {
			return true
		}
	}
	return false
}
