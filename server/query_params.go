package server

import (
	"reflect"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
)

// The caps of the count, limit and offset parameters: no request makes the
// bot do unbounded work. A value above its cap is answered 422 (pydantic's
// less_than_equal), never clamped, so a client sees why it got less than it
// asked for. README.md ("Input limits") documents them.
const (
	// maxTimescale caps /daily, /weekly and /monthly: a year of days (7
	// years of weeks, 30 of months). FreqUI asks for at most a few dozen.
	maxTimescale = 365
	// maxTradesLimit caps /trades?limit: freqtrade's documented page size,
	// which FreqUI pages with.
	maxTradesLimit = 500
	// maxCustomDataLimit caps /trades/open/custom-data?limit likewise.
	maxCustomDataLimit = 500
	// maxOffset caps every offset: more closed trades than any bot keeps,
	// and offset+limit stays far from overflowing.
	maxOffset = 10_000_000
	// maxLogsLimit caps /logs?limit: the log buffer holds at most 1000
	// rows (freqtrade's too), so no larger limit returns more.
	maxLogsLimit = 1000
	// maxPairLength caps a pair (the longest ccxt symbols, options such as
	// BTC/USD:BTC-240628-60000-C, are under 30 characters).
	maxPairLength = 64
	// maxTagLength is freqtrade's column size for tags, keys and reasons.
	maxTagLength = 255
	// maxListItems caps the pairs of one blacklist change and the locks of
	// one POST /locks.
	maxListItems = 500
)

// timescaleParam is the timescale of a periodic profit route.
func timescaleParam(def int) queryParam { return intParam("timescale", def, 1, maxTimescale) }

// offsetParam is the offset of a paged route.
func offsetParam() queryParam { return intParam("offset", 0, 0, maxOffset) }

// tradesLimitParam is /trades?limit.
func tradesLimitParam() queryParam { return intParam("limit", 500, 1, maxTradesLimit) }

// customDataLimitParam is /trades/open/custom-data?limit.
func customDataLimitParam() queryParam { return intParam("limit", 100, 1, maxCustomDataLimit) }

// logsLimitParam is /logs?limit: absent or 0 is the whole buffer, as in
// freqtrade.
func logsLimitParam() queryParam { return optIntParam("limit", 0, maxLogsLimit) }

// pairFilterParam is the optional ?pair= filter of the tag statistics.
func pairFilterParam() queryParam {
	return queryParam{name: "pair", typ: "string", lim: limits{maxLen: maxPairLength}}
}

// keyParam is the ?key= filter of the custom-data routes.
func keyParam() queryParam {
	return queryParam{name: "key", typ: "string", lim: limits{maxLen: maxTagLength}}
}

// pairsToDeleteParam is DELETE /blacklist?pairs_to_delete=... (repeated).
func pairsToDeleteParam() queryParam {
	return queryParam{name: "pairs_to_delete", typ: "string", array: true,
		lim: limits{maxLen: maxListItems, itemMaxLen: maxTagLength}}
}

// tradesParams are the query of GET /trades.
func tradesParams() []queryParam {
	return []queryParam{tradesLimitParam(), offsetParam(), {name: "order_by_id", typ: "boolean", def: true}}
}

// marketParams are the query of GET /markets.
func marketParams() []queryParam {
	return []queryParam{
		strParam("base", false), strParam("quote", false), strParam("exchange", false),
		{name: "trading_mode", typ: "string", enum: []string{"spot", "margin", "futures"}},
		{name: "margin_mode", typ: "string", enum: []string{"cross", "isolated"}},
	}
}

// pairCandlesNames are the query parameters of GET /pair_candles: the
// POST body's fields but columns.
func pairCandlesNames() []string { return []string{"pair", "timeframe", "limit"} }

// pairCandlesQuery documents GET /pair_candles' query: the fields of
// PairCandlesRequest, with the constraints the POST body has (the handler
// binds the query to that model).
func pairCandlesQuery() []queryParam {
	fields, err := modelOf(reflect.TypeFor[apiclient.PairCandlesRequest]())
	if err != nil {
		panic(err) // New checked the model of POST /pair_candles
	}
	var out []queryParam
	for _, f := range fields {
		if slices.Contains(pairCandlesNames(), f.name) {
			typ := "string"
			if f.kind == kindInt {
				typ = "integer"
			}
			out = append(out, queryParam{name: f.name, typ: typ, required: f.required, lim: f.lim})
		}
	}
	return out
}
