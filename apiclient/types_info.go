package apiclient

import (
	"encoding/json"

	"fmt"
)

// Ping is the body of GET /ping.
type Ping struct {
	Status string `json:"status"`
}

// Tokens is the body of POST /token/login and /token/refresh. Refresh answers
// carry no refresh_token.
type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// Version is the body of GET /version and GET /ui_version.
type Version struct {
	Version string `json:"version"`
}

// StatusResponse is the {"status": "..."} body of /start, /stop, /pause,
// /reload_config and of a force entry that created nothing.
type StatusResponse struct {
	Status string `json:"status"`
}

// ResultResponse is the {"result": "..."} body of /forceexit.
type ResultResponse struct {
	Result string `json:"result"`
}

// UnfilledTimeout is the unfilledtimeout block of /show_config.
type UnfilledTimeout struct {
	Entry            int    `json:"entry"`
	Exit             int    `json:"exit"`
	Unit             string `json:"unit"`
	ExitTimeoutCount int    `json:"exit_timeout_count"`
}

// OrderTypes is the order_types block of /show_config.
type OrderTypes struct {
	Entry                      string `json:"entry"`
	Exit                       string `json:"exit"`
	EmergencyExit              string `json:"emergency_exit,omitempty"`
	ForceExit                  string `json:"force_exit,omitempty"`
	ForceEntry                 string `json:"force_entry,omitempty"`
	Stoploss                   string `json:"stoploss"`
	StoplossOnExchange         bool   `json:"stoploss_on_exchange"`
	StoplossOnExchangeInterval int    `json:"stoploss_on_exchange_interval,omitempty"`
}

// Pricing is the entry_pricing / exit_pricing block of /show_config.
type Pricing struct {
	PriceSide    string `json:"price_side"`
	UseOrderBook bool   `json:"use_order_book"`
	OrderBookTop int    `json:"order_book_top"`
}

// ShowConfig is the body of GET /show_config.
type ShowConfig struct {
	Version                     string             `json:"version"`
	StrategyVersion             *string            `json:"strategy_version"`
	APIVersion                  float64            `json:"api_version"`
	DryRun                      bool               `json:"dry_run"`
	TradingMode                 string             `json:"trading_mode"`
	MarginMode                  string             `json:"margin_mode"`
	ShortAllowed                bool               `json:"short_allowed"`
	StakeCurrency               string             `json:"stake_currency"`
	StakeAmount                 string             `json:"stake_amount"` // a number or "unlimited"
	AvailableCapital            *float64           `json:"available_capital"`
	StakeCurrencyDecimals       int                `json:"stake_currency_decimals"`
	MaxOpenTrades               int                `json:"max_open_trades"` // -1 when unlimited
	MinimalROI                  map[string]float64 `json:"minimal_roi"`
	Stoploss                    *float64           `json:"stoploss"`
	StoplossOnExchange          bool               `json:"stoploss_on_exchange"`
	TrailingStop                *bool              `json:"trailing_stop"`
	TrailingStopPositive        *float64           `json:"trailing_stop_positive"`
	TrailingStopPositiveOffset  *float64           `json:"trailing_stop_positive_offset"`
	TrailingOnlyOffsetIsReached *bool              `json:"trailing_only_offset_is_reached"`
	UnfilledTimeout             *UnfilledTimeout   `json:"unfilledtimeout"`
	OrderTypes                  *OrderTypes        `json:"order_types"`
	UseCustomStoploss           *bool              `json:"use_custom_stoploss"`
	Timeframe                   *string            `json:"timeframe"`
	TimeframeMs                 int64              `json:"timeframe_ms"`
	TimeframeMin                int                `json:"timeframe_min"`
	Exchange                    string             `json:"exchange"`
	Strategy                    *string            `json:"strategy"`
	ForceEntryEnable            bool               `json:"force_entry_enable"`
	ExitPricing                 Pricing            `json:"exit_pricing"`
	EntryPricing                Pricing            `json:"entry_pricing"`
	BotName                     string             `json:"bot_name"`
	State                       string             `json:"state"` // running, paused, stopped, reload_config
	Runmode                     string             `json:"runmode"`
	PositionAdjustmentEnable    bool               `json:"position_adjustment_enable"`
	MaxEntryPositionAdjustment  int                `json:"max_entry_position_adjustment"`
}

// LogRow is one row of GET /logs, sent as the JSON array
// [date, epoch_ms, logger, level, message].
type LogRow struct {
	Date      string  // server-local "%Y-%m-%d %H:%M:%S"
	Timestamp float64 // epoch milliseconds
	Logger    string
	Level     string
	Message   string
}

// MarshalJSON implements json.Marshaler.
func (r LogRow) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{r.Date, r.Timestamp, r.Logger, r.Level, r.Message})
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *LogRow) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("apiclient: log row: %w", err)
	}
	if len(raw) != 5 {
		return fmt.Errorf("apiclient: log row has %d elements, want 5", len(raw))
	}
	var row LogRow
	for i, dst := range []any{&row.Date, &row.Timestamp, &row.Logger, &row.Level, &row.Message} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return fmt.Errorf("apiclient: log row element %d: %w", i, err)
		}
	}
	*r = row
	return nil
}

// Logs is the body of GET /logs.
type Logs struct {
	LogCount int      `json:"log_count"`
	Logs     []LogRow `json:"logs"`
}

// Health is the body of GET /health. The *_ts values are seconds.
type Health struct {
	LastProcess   *ISOTime `json:"last_process"`
	LastProcessTS *int64   `json:"last_process_ts"`
	BotStart      *ISOTime `json:"bot_start"`
	BotStartTS    *int64   `json:"bot_start_ts"`
	BotStartup    *ISOTime `json:"bot_startup"`
	BotStartupTS  *int64   `json:"bot_startup_ts"`
}

// SysInfo is the body of GET /sysinfo.
type SysInfo struct {
	CPUPct []float64 `json:"cpu_pct"`
	RAMPct float64   `json:"ram_pct"`
}

// Market is one entry of GET /markets.
type Market struct {
	Symbol string `json:"symbol"`
	Base   string `json:"base"`
	Quote  string `json:"quote"`
	Spot   bool   `json:"spot"`
	Swap   bool   `json:"swap"`
}

// Markets is the body of GET /markets.
type Markets struct {
	Markets    map[string]Market `json:"markets"`
	ExchangeID string            `json:"exchange_id"`
}

// StrategyInfo is the body of GET /strategy/{name}. Params are passed through
// as sent: their shape belongs to the strategy's parameter classes.
type StrategyInfo struct {
	Strategy  string            `json:"strategy"`
	Timeframe *string           `json:"timeframe"`
	Code      string            `json:"code"`
	Params    []json.RawMessage `json:"params,omitempty"`
}

// PlotConfig is the body of GET /plot_config: {} or main_plot plus subplots.
// Indicator options are free-form in freqtrade (color, type, fill_to, plotly...).
type PlotConfig struct {
	MainPlot map[string]map[string]any            `json:"main_plot,omitempty"`
	Subplots map[string]map[string]map[string]any `json:"subplots,omitempty"`
}

// MarshalJSON implements json.Marshaler: an empty config is {}, and a
// non-empty one always carries both keys, as freqtrade fills in subplots.
func (p PlotConfig) MarshalJSON() ([]byte, error) {
	if p.MainPlot == nil && p.Subplots == nil {
		return []byte("{}"), nil
	}
	type both struct {
		MainPlot map[string]map[string]any            `json:"main_plot"`
		Subplots map[string]map[string]map[string]any `json:"subplots"`
	}
	b := both(p)
	if b.MainPlot == nil {
		b.MainPlot = map[string]map[string]any{}
	}
	if b.Subplots == nil {
		b.Subplots = map[string]map[string]map[string]any{}
	}
	return json.Marshal(b)
}

// Whitelist is the body of GET /whitelist.
type Whitelist struct {
	Whitelist []string `json:"whitelist"`
	Length    int      `json:"length"`
	Method    []string `json:"method"`
}

// BlacklistError is the value of one entry in Blacklist.Errors.
type BlacklistError struct {
	ErrorMsg string `json:"error_msg"`
}

// Blacklist is the body of GET, POST and DELETE /blacklist.
type Blacklist struct {
	Blacklist         []string                  `json:"blacklist"`
	BlacklistExpanded []string                  `json:"blacklist_expanded"`
	Errors            map[string]BlacklistError `json:"errors"`
	Length            int                       `json:"length"`
	Method            []string                  `json:"method"`
}

// Lock is a pair lock (PairLock.to_json()). Pair "*" is a global lock; Side is
// "long", "short" or "*".
type Lock struct {
	ID               int     `json:"id"`
	Active           bool    `json:"active"`
	LockEndTime      string  `json:"lock_end_time"`
	LockEndTimestamp int64   `json:"lock_end_timestamp"`
	LockTime         string  `json:"lock_time"`
	LockTimestamp    int64   `json:"lock_timestamp"`
	Pair             string  `json:"pair"`
	Side             string  `json:"side"`
	Reason           *string `json:"reason"`
}

// Locks is the body of the /locks routes.
type Locks struct {
	LockCount int    `json:"lock_count"`
	Locks     []Lock `json:"locks"`
}
