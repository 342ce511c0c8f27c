package apiclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// The pydantic tags of the request types describe freqtrade's pydantic
// models, which the server validates bodies against (and documents in its
// OpenAPI schema): "required" (else the field is optional and, unless it
// has a default, nullable), "default=<value>" for an absent field,
// "enum=<a>|<b>" for the allowed strings, and "type=AwareDatetime" for a
// string that must be a timezone-aware datetime. The Go type gives the
// pydantic type: string is str, float64 float, int int, []string
// list[str], TradeRef str | int (a pointer to one of them: the same).
//
// Constraints, stricter than freqtrade's models where freqtrade accepts
// nonsense: "gt=", "ge=", "le=" bound a number; "min_length=" and
// "max_length=" bound a str's characters (a list's items for max_length);
// "item_max_length=" bounds each str of a list; "pattern=pair" (BASE/QUOTE
// or BASE/QUOTE:SETTLE) and "pattern=lockpair" (a pair or "*") name a
// pattern; "cut=N" cuts a longer str to N characters (freqtrade cuts tags
// to 255); "future" and "max_years=N" bound a datetime to (now, now+N
// years]. A body that breaks one is answered 422 and never reaches the
// bot.

// ForceEnterRequest is freqtrade's ForceEnterPayload (POST /forceenter).
// Price is at most 1e15: no market quotes near it, and there a stake of a
// million buys 1e-9, below every market's amount step.
type ForceEnterRequest struct {
	Pair        string   `json:"pair" pydantic:"required,min_length=1,max_length=64,pattern=pair"`
	Side        string   `json:"side,omitempty" pydantic:"default=long,enum=long|short"`
	Price       *float64 `json:"price,omitempty" pydantic:"gt=0,le=1e15"`
	OrderType   *string  `json:"ordertype,omitempty" pydantic:"enum=limit|market"`
	StakeAmount *float64 `json:"stakeamount,omitempty" pydantic:"gt=0"` // spelled without an underscore; absent: the bot's stake
	EntryTag    *string  `json:"entry_tag,omitempty" pydantic:"cut=255"`
	Leverage    *float64 `json:"leverage,omitempty" pydantic:"gt=0"`
}

// TradeRef is a force-exit target: a trade id or "all". It decodes from a JSON
// string or number and encodes as a string.
type TradeRef string

// AllTrades is the TradeRef that exits every open trade.
const AllTrades TradeRef = "all"

// TradeRefID returns the TradeRef of one trade id.
func TradeRefID(id int) TradeRef { return TradeRef(strconv.Itoa(id)) }

// UnmarshalJSON implements json.Unmarshaler.
func (r *TradeRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("apiclient: tradeid: %w", err)
		}
		*r = TradeRef(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("apiclient: tradeid must be a string or an integer: %w", err)
	}
	if _, err := n.Int64(); err != nil {
		return fmt.Errorf("apiclient: tradeid must be a string or an integer: %w", err)
	}
	*r = TradeRef(n.String())
	return nil
}

// ForceExitRequest is freqtrade's ForceExitPayload (POST /forceexit).
type ForceExitRequest struct {
	TradeID   TradeRef `json:"tradeid" pydantic:"required"`
	OrderType *string  `json:"ordertype,omitempty" pydantic:"enum=limit|market"`
	Amount    *float64 `json:"amount,omitempty" pydantic:"gt=0"`        // partial exit, base currency
	Price     *float64 `json:"price,omitempty" pydantic:"gt=0,le=1e15"` // limit price
}

// LockRequest is one element of the POST /locks body. Until must carry a
// timezone ("2024-03-30 16:00:00Z"; see FormatAwareTime) and lie within
// the next 10 years.
type LockRequest struct {
	Pair   string  `json:"pair" pydantic:"required,min_length=1,max_length=64,pattern=lockpair"`
	Side   string  `json:"side" pydantic:"default=*,enum=*|long|short"`
	Until  string  `json:"until" pydantic:"required,type=AwareDatetime,future,max_years=10"`
	Reason *string `json:"reason,omitempty" pydantic:"cut=255"`
}

// DeleteLocksRequest is the POST /locks/delete body.
type DeleteLocksRequest struct {
	Pair   *string `json:"pair,omitempty" pydantic:"max_length=64"`
	LockID *int    `json:"lockid,omitempty"`
}

// BlacklistRequest is the POST /blacklist body.
// Entries are pairs or wildcards (".*/BTC"): at most 500, each at most 255
// characters.
type BlacklistRequest struct {
	Blacklist []string `json:"blacklist" pydantic:"required,max_length=500,item_max_length=255"`
}

// PairCandlesRequest is the POST /pair_candles body, and the query of the GET
// form when Columns is empty.
// Limit is 0 (every candle, as freqtrade) to 1500 (freqtrade's cap on the
// same dataframe over the WebSocket).
type PairCandlesRequest struct {
	Pair      string   `json:"pair" pydantic:"required,min_length=1,max_length=64,pattern=pair"`
	Timeframe string   `json:"timeframe" pydantic:"required,max_length=16"`
	Limit     *int     `json:"limit,omitempty" pydantic:"ge=0,le=1500"`
	Columns   []string `json:"columns,omitempty" pydantic:"max_length=500,item_max_length=255"`
}

// TradesQuery is the query of GET /trades. Zero values take freqtrade's
// defaults (limit 500, offset 0, ordered by id).
type TradesQuery struct {
	Limit     int
	Offset    int
	OrderByID *bool // nil leaves freqtrade's default (true)
}

// CustomDataQuery is the query of GET /trades/open/custom-data.
type CustomDataQuery struct {
	Key    string
	Limit  int
	Offset int
}

// MarketsQuery is the query of GET /markets.
type MarketsQuery struct {
	Base        string
	Quote       string
	Exchange    string
	TradingMode string
	MarginMode  string
}

// PeriodUnit names the /daily, /weekly and /monthly routes.
type PeriodUnit string

// The period units of the timescale routes.
const (
	Daily   PeriodUnit = "daily"
	Weekly  PeriodUnit = "weekly"
	Monthly PeriodUnit = "monthly"
)

// ForceEnterResult is the body of POST /forceenter: the new or updated trade,
// or, when the bot entered nothing, {"status": "Error entering <side> trade
// for pair <pair>."} with HTTP 200.
type ForceEnterResult struct {
	Trade  *Trade
	Status string
}

// MarshalJSON implements json.Marshaler.
func (r ForceEnterResult) MarshalJSON() ([]byte, error) {
	if r.Trade != nil {
		return json.Marshal(r.Trade)
	}
	return json.Marshal(StatusResponse{Status: r.Status})
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *ForceEnterResult) UnmarshalJSON(b []byte) error {
	var probe struct {
		TradeID *int    `json:"trade_id"`
		Status  *string `json:"status"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return fmt.Errorf("apiclient: force entry result: %w", err)
	}
	if probe.TradeID == nil {
		*r = ForceEnterResult{Status: Deref(probe.Status)}
		return nil
	}
	var t Trade
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("apiclient: force entry trade: %w", err)
	}
	*r = ForceEnterResult{Trade: &t}
	return nil
}
