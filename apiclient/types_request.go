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

// ForceEnterRequest is freqtrade's ForceEnterPayload (POST /forceenter).
type ForceEnterRequest struct {
	Pair        string   `json:"pair" pydantic:"required"`
	Side        string   `json:"side,omitempty" pydantic:"default=long,enum=long|short"`
	Price       *float64 `json:"price,omitempty"`
	OrderType   *string  `json:"ordertype,omitempty" pydantic:"enum=limit|market"`
	StakeAmount *float64 `json:"stakeamount,omitempty"` // spelled without an underscore
	EntryTag    *string  `json:"entry_tag,omitempty"`
	Leverage    *float64 `json:"leverage,omitempty"`
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
	Amount    *float64 `json:"amount,omitempty"` // partial exit, base currency
	Price     *float64 `json:"price,omitempty"`  // limit price
}

// LockRequest is one element of the POST /locks body. Until must carry a
// timezone ("2024-03-30 16:00:00Z"); see FormatAwareTime.
type LockRequest struct {
	Pair   string  `json:"pair" pydantic:"required"`
	Side   string  `json:"side" pydantic:"default=*"`
	Until  string  `json:"until" pydantic:"required,type=AwareDatetime"`
	Reason *string `json:"reason,omitempty"`
}

// DeleteLocksRequest is the POST /locks/delete body.
type DeleteLocksRequest struct {
	Pair   *string `json:"pair,omitempty"`
	LockID *int    `json:"lockid,omitempty"`
}

// BlacklistRequest is the POST /blacklist body.
type BlacklistRequest struct {
	Blacklist []string `json:"blacklist" pydantic:"required"`
}

// PairCandlesRequest is the POST /pair_candles body, and the query of the GET
// form when Columns is empty.
type PairCandlesRequest struct {
	Pair      string   `json:"pair" pydantic:"required"`
	Timeframe string   `json:"timeframe" pydantic:"required"`
	Limit     *int     `json:"limit,omitempty"`
	Columns   []string `json:"columns,omitempty"`
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
