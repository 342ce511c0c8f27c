package apiclient

import "encoding/json"

// MessageType is the "type" of a message on the WebSocket (freqtrade's
// RPCMessageType).
type MessageType string

// The message types a freqtrade bot publishes (freqtrade-api.md §4.4).
const (
	MsgStatus                  MessageType = "status"
	MsgWarning                 MessageType = "warning"
	MsgException               MessageType = "exception"
	MsgStartup                 MessageType = "startup"
	MsgEntry                   MessageType = "entry"
	MsgEntryFill               MessageType = "entry_fill"
	MsgEntryCancel             MessageType = "entry_cancel"
	MsgExit                    MessageType = "exit"
	MsgExitFill                MessageType = "exit_fill"
	MsgExitCancel              MessageType = "exit_cancel"
	MsgProtectionTrigger       MessageType = "protection_trigger"
	MsgProtectionTriggerGlobal MessageType = "protection_trigger_global"
	MsgStrategyMsg             MessageType = "strategy_msg"
	MsgWhitelist               MessageType = "whitelist"
	MsgAnalyzedDF              MessageType = "analyzed_df"
	MsgNewCandle               MessageType = "new_candle"
)

// MsgLog is freqdeck's extension: log lines pushed over the WebSocket. Only
// freqdeck's server knows it; a real freqtrade ignores a subscribe list that
// names it, so clients subscribe to the standard types first and then send a
// second list that adds it.
const MsgLog MessageType = "freqdeck_log"

// StandardMessageTypes returns every message type a freqtrade bot publishes,
// in freqtrade's order.
func StandardMessageTypes() []MessageType {
	return []MessageType{
		MsgStatus, MsgWarning, MsgException, MsgStartup, MsgEntry, MsgEntryFill,
		MsgEntryCancel, MsgExit, MsgExitFill, MsgExitCancel, MsgProtectionTrigger,
		MsgProtectionTriggerGlobal, MsgStrategyMsg, MsgWhitelist, MsgAnalyzedDF,
		MsgNewCandle,
	}
}

// IsStandard reports whether t is one of freqtrade's message types.
func (t MessageType) IsStandard() bool {
	for _, s := range StandardMessageTypes() {
		if s == t {
			return true
		}
	}
	return false
}

// Message is one decoded server → client WebSocket message.
type Message interface {
	// MessageType returns the message's "type".
	MessageType() MessageType
}

// StatusMsg carries the status, warning, startup and (loop) exception types:
// {"type": ..., "status": "..."}.
type StatusMsg struct {
	Type   MessageType `json:"type"`
	Status string      `json:"status"`
}

// MessageType implements Message.
func (m StatusMsg) MessageType() MessageType { return m.Type }

// ExceptionMsg is an "exception" message. A main-loop exception carries
// Status; the reply to a bad WebSocket request carries Data instead.
type ExceptionMsg struct {
	Type   MessageType `json:"type"`
	Status string      `json:"status,omitempty"`
	Data   string      `json:"data,omitempty"`
}

// MessageType implements Message.
func (m ExceptionMsg) MessageType() MessageType { return m.Type }

// EntryFields are the payload fields shared by entry and exit messages.
type EntryFields struct {
	TradeID       int      `json:"trade_id"`
	BuyTag        *string  `json:"buy_tag"` // deprecated alias of enter_tag
	EnterTag      *string  `json:"enter_tag"`
	Exchange      string   `json:"exchange"` // capitalized, "Binance"
	Pair          string   `json:"pair"`
	Leverage      *float64 `json:"leverage"`
	Direction     string   `json:"direction"` // "Long" or "Short"
	Limit         float64  `json:"limit"`     // deprecated, same as order_rate
	OrderRate     float64  `json:"order_rate"`
	OpenRate      float64  `json:"open_rate"`
	OrderType     string   `json:"order_type"`
	StakeAmount   float64  `json:"stake_amount"`
	StakeCurrency string   `json:"stake_currency"`
	BaseCurrency  string   `json:"base_currency"`
	QuoteCurrency string   `json:"quote_currency"`
	FiatCurrency  *string  `json:"fiat_currency"`
	Amount        float64  `json:"amount"`
	OpenDate      WSTime   `json:"open_date"`
	CurrentRate   *float64 `json:"current_rate"`
	SubTrade      bool     `json:"sub_trade"`
}

// EntryMsg is an "entry" or "entry_fill" message.
type EntryMsg struct {
	Type MessageType `json:"type"`
	EntryFields
}

// MessageType implements Message.
func (m EntryMsg) MessageType() MessageType { return m.Type }

// EntryCancelMsg is an "entry_cancel" message (open_date is naive).
type EntryCancelMsg struct {
	Type MessageType `json:"type"`
	EntryFields
	Reason string `json:"reason"`
}

// MessageType implements Message.
func (m EntryCancelMsg) MessageType() MessageType { return m.Type }

// ExitMsg is an "exit" or "exit_fill" message.
type ExitMsg struct {
	Type MessageType `json:"type"`
	EntryFields
	Gain             string   `json:"gain"` // "profit" or "loss"
	CloseRate        float64  `json:"close_rate"`
	ProfitAmount     float64  `json:"profit_amount"`
	ProfitRatio      float64  `json:"profit_ratio"`
	ExitReason       *string  `json:"exit_reason"`
	CloseDate        WSTime   `json:"close_date"`
	CumulativeProfit float64  `json:"cumulative_profit"`
	FinalProfitRatio *float64 `json:"final_profit_ratio"`
	IsFinalExit      bool     `json:"is_final_exit"`
}

// MessageType implements Message.
func (m ExitMsg) MessageType() MessageType { return m.Type }

// ExitCancelMsg is an "exit_cancel" message.
type ExitCancelMsg struct {
	Type MessageType `json:"type"`
	EntryFields
	Reason       string  `json:"reason"`
	Gain         string  `json:"gain"`
	ProfitAmount float64 `json:"profit_amount"`
	ProfitRatio  float64 `json:"profit_ratio"`
	ExitReason   *string `json:"exit_reason"`
	CloseDate    WSTime  `json:"close_date"`
}

// MessageType implements Message.
func (m ExitCancelMsg) MessageType() MessageType { return m.Type }

// ProtectionMsg is a "protection_trigger" or "protection_trigger_global"
// message: base_currency plus the lock's fields.
type ProtectionMsg struct {
	Type         MessageType `json:"type"`
	BaseCurrency *string     `json:"base_currency"`
	Lock
}

// MessageType implements Message.
func (m ProtectionMsg) MessageType() MessageType { return m.Type }

// StrategyMsg is a "strategy_msg" message.
type StrategyMsg struct {
	Type MessageType `json:"type"`
	Msg  string      `json:"msg"`
}

// MessageType implements Message.
func (m StrategyMsg) MessageType() MessageType { return m.Type }

// WhitelistMsg is a "whitelist" message (a broadcast or a request's reply).
type WhitelistMsg struct {
	Type MessageType `json:"type"`
	Data []string    `json:"data"`
}

// MessageType implements Message.
func (m WhitelistMsg) MessageType() MessageType { return m.Type }

// PairKey is [pair, timeframe, candle_type].
type PairKey [3]string

// Pair returns the key's pair.
func (k PairKey) Pair() string { return k[0] }

// Timeframe returns the key's timeframe, for example "5m".
func (k PairKey) Timeframe() string { return k[1] }

// CandleType returns the key's candle type, for example "spot".
func (k PairKey) CandleType() string { return k[2] }

// AnalyzedDF is the data of an "analyzed_df" message.
type AnalyzedDF struct {
	Key PairKey   `json:"key"`
	DF  DataFrame `json:"df"`
	LA  WSTime    `json:"la"` // last analyzed
}

// AnalyzedDFMsg is an "analyzed_df" message: the last row on broadcasts, up to
// the requested limit on replies.
type AnalyzedDFMsg struct {
	Type MessageType `json:"type"`
	Data AnalyzedDF  `json:"data"`
}

// MessageType implements Message.
func (m AnalyzedDFMsg) MessageType() MessageType { return m.Type }

// NewCandleMsg is a "new_candle" message.
type NewCandleMsg struct {
	Type MessageType `json:"type"`
	Data PairKey     `json:"data"`
}

// MessageType implements Message.
func (m NewCandleMsg) MessageType() MessageType { return m.Type }

// LogMsg is freqdeck's "freqdeck_log" extension: new /logs rows, oldest first.
type LogMsg struct {
	Type MessageType `json:"type"`
	Data []LogRow    `json:"data"`
}

// MessageType implements Message.
func (m LogMsg) MessageType() MessageType { return m.Type }

// RawMsg is a message of a type this package does not know. It is kept, not
// rejected, so newer servers do not break older clients.
type RawMsg struct {
	Type MessageType
	Raw  json.RawMessage
}

// MessageType implements Message.
func (m RawMsg) MessageType() MessageType { return m.Type }

// MarshalJSON implements json.Marshaler by writing the raw frame back.
func (m RawMsg) MarshalJSON() ([]byte, error) {
	if len(m.Raw) == 0 {
		return json.Marshal(struct {
			Type MessageType `json:"type"`
		}{m.Type})
	}
	return m.Raw, nil
}

// WSRequestType is the "type" of a client → server WebSocket request.
type WSRequestType string

// The client → server request types.
const (
	ReqSubscribe  WSRequestType = "subscribe"
	ReqWhitelist  WSRequestType = "whitelist"
	ReqAnalyzedDF WSRequestType = "analyzed_df"
)

// WSRequest is a client → server frame: {"type": ..., "data": ...}.
type WSRequest struct {
	Type WSRequestType   `json:"type"`
	Data json.RawMessage `json:"data,omitempty"`
}

// AnalyzedDFRequest is the data of an "analyzed_df" request. Both keys are
// optional; the server clamps Limit to 1500.
type AnalyzedDFRequest struct {
	Limit *int    `json:"limit,omitempty"`
	Pair  *string `json:"pair,omitempty"`
}
