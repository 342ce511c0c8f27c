package apiclient

import "time"

// TradeCore holds the keys shared by every trade JSON variant: TradeSchema
// (/forceenter), OpenTradeSchema (/status, /trade/{id}) and the raw
// Trade.to_json() of /trades. Orders and the variant-only keys live on the
// types that embed it.
type TradeCore struct {
	TradeID                     int      `json:"trade_id"`
	Pair                        string   `json:"pair"`
	BaseCurrency                string   `json:"base_currency"`
	QuoteCurrency               string   `json:"quote_currency"`
	IsOpen                      bool     `json:"is_open"`
	IsShort                     bool     `json:"is_short"`
	Exchange                    string   `json:"exchange"`
	Amount                      float64  `json:"amount"`
	AmountRequested             *float64 `json:"amount_requested"`
	StakeAmount                 float64  `json:"stake_amount"`
	MaxStakeAmount              *float64 `json:"max_stake_amount"`
	Strategy                    string   `json:"strategy"`
	EnterTag                    *string  `json:"enter_tag"`
	Timeframe                   int      `json:"timeframe"` // minutes
	FeeOpen                     *float64 `json:"fee_open"`
	FeeOpenCost                 *float64 `json:"fee_open_cost"`
	FeeOpenCurrency             *string  `json:"fee_open_currency"`
	FeeClose                    *float64 `json:"fee_close"`
	FeeCloseCost                *float64 `json:"fee_close_cost"`
	FeeCloseCurrency            *string  `json:"fee_close_currency"`
	OpenDate                    string   `json:"open_date"`
	OpenTimestamp               int64    `json:"open_timestamp"`
	OpenFillDate                *string  `json:"open_fill_date"`
	OpenFillTimestamp           *int64   `json:"open_fill_timestamp"`
	OpenRate                    float64  `json:"open_rate"`
	OpenRateRequested           *float64 `json:"open_rate_requested"`
	OpenTradeValue              float64  `json:"open_trade_value"`
	CloseDate                   *string  `json:"close_date"`
	CloseTimestamp              *int64   `json:"close_timestamp"`
	CloseRate                   *float64 `json:"close_rate"`
	CloseRateRequested          *float64 `json:"close_rate_requested"`
	CloseProfit                 *float64 `json:"close_profit"`
	CloseProfitPct              *float64 `json:"close_profit_pct"`
	CloseProfitAbs              *float64 `json:"close_profit_abs"`
	ProfitRatio                 *float64 `json:"profit_ratio"`
	ProfitPct                   *float64 `json:"profit_pct"`
	ProfitAbs                   *float64 `json:"profit_abs"`
	RealizedProfit              float64  `json:"realized_profit"`
	RealizedProfitRatio         *float64 `json:"realized_profit_ratio"`
	ExitReason                  *string  `json:"exit_reason"`
	ExitOrderStatus             *string  `json:"exit_order_status"`
	StopLossAbs                 *float64 `json:"stop_loss_abs"`
	StopLossRatio               *float64 `json:"stop_loss_ratio"`
	StopLossPct                 *float64 `json:"stop_loss_pct"`
	StoplossLastUpdate          *string  `json:"stoploss_last_update"`
	StoplossLastUpdateTimestamp *int64   `json:"stoploss_last_update_timestamp"`
	InitialStopLossAbs          *float64 `json:"initial_stop_loss_abs"`
	InitialStopLossRatio        *float64 `json:"initial_stop_loss_ratio"`
	InitialStopLossPct          *float64 `json:"initial_stop_loss_pct"`
	MinRate                     *float64 `json:"min_rate"`
	MaxRate                     *float64 `json:"max_rate"`
	NrOfSuccessfulEntries       int      `json:"nr_of_successful_entries"`
	NrOfSuccessfulExits         int      `json:"nr_of_successful_exits"`
	HasOpenOrders               bool     `json:"has_open_orders"`
	Leverage                    *float64 `json:"leverage"`
	InterestRate                *float64 `json:"interest_rate"`
	LiquidationPrice            *float64 `json:"liquidation_price"`
	FundingFees                 *float64 `json:"funding_fees"`
	TradingMode                 *string  `json:"trading_mode"`
	AmountPrecision             *float64 `json:"amount_precision"`
	PricePrecision              *float64 `json:"price_precision"`
	PrecisionMode               *int     `json:"precision_mode"`
}

// OpenedAt returns the trade's open time from open_timestamp.
func (t TradeCore) OpenedAt() time.Time { return FromMillis(t.OpenTimestamp) }

// ClosedAt returns the trade's close time, or the zero time while it is open.
func (t TradeCore) ClosedAt() time.Time {
	if t.CloseTimestamp == nil {
		return time.Time{}
	}
	return FromMillis(*t.CloseTimestamp)
}

// Trade is freqtrade's TradeSchema, returned by POST /forceenter: the core
// keys, profit_fiat, and the schema-filtered orders.
type Trade struct {
	TradeCore
	ProfitFiat *float64 `json:"profit_fiat"`
	Orders     []Order  `json:"orders"`
}

// OpenTrade is freqtrade's OpenTradeSchema (73 keys), returned by /status,
// /trade/{id}, DELETE /trades/{id}/open-order and POST /trades/{id}/reload.
type OpenTrade struct {
	Trade
	StoplossCurrentDist      *float64 `json:"stoploss_current_dist"`
	StoplossCurrentDistPct   *float64 `json:"stoploss_current_dist_pct"`
	StoplossCurrentDistRatio *float64 `json:"stoploss_current_dist_ratio"`
	StoplossEntryDist        *float64 `json:"stoploss_entry_dist"`
	StoplossEntryDistRatio   *float64 `json:"stoploss_entry_dist_ratio"`
	CurrentRate              *float64 `json:"current_rate"`
	TotalProfitAbs           float64  `json:"total_profit_abs"`
	TotalProfitFiat          *float64 `json:"total_profit_fiat"`
	TotalProfitRatio         *float64 `json:"total_profit_ratio"`
}

// Order is freqtrade's OrderSchema (15 keys), the orders inside schema-filtered
// trade JSON.
type Order struct {
	Pair                 string   `json:"pair"`
	OrderID              string   `json:"order_id"`
	Status               string   `json:"status"`
	Remaining            *float64 `json:"remaining"`
	Amount               float64  `json:"amount"`
	SafePrice            float64  `json:"safe_price"`
	Cost                 float64  `json:"cost"`
	Filled               *float64 `json:"filled"`
	FtOrderSide          string   `json:"ft_order_side"`
	OrderType            string   `json:"order_type"`
	IsOpen               bool     `json:"is_open"`
	OrderTimestamp       *int64   `json:"order_timestamp"`
	OrderFilledTimestamp *int64   `json:"order_filled_timestamp"`
	FtFeeBase            *float64 `json:"ft_fee_base"`
	FtOrderTag           *string  `json:"ft_order_tag"`
}

// RawOrder is Order.to_json() as /trades returns it: OrderSchema plus six keys.
type RawOrder struct {
	Order
	FtIsEntry       bool     `json:"ft_is_entry"`
	Average         float64  `json:"average"`
	OrderDate       *string  `json:"order_date"`
	OrderFilledDate *string  `json:"order_filled_date"`
	Price           *float64 `json:"price"`
	FundingFee      *float64 `json:"funding_fee"`
}

// RawTrade is Trade.to_json() as /trades returns it (no response model): the
// core keys plus durations, precision_mode_price, contract_size and raw orders.
type RawTrade struct {
	TradeCore
	Orders             []RawOrder `json:"orders"`
	TradeDurationS     *int64     `json:"trade_duration_s"`
	TradeDuration      *int64     `json:"trade_duration"` // minutes
	PrecisionModePrice *int       `json:"precision_mode_price"`
	ContractSize       *float64   `json:"contract_size"`
}

// TradesResponse is the body of GET /trades (closed trades only).
type TradesResponse struct {
	Trades      []RawTrade `json:"trades"`
	TradesCount int        `json:"trades_count"`
	Offset      int        `json:"offset"`
	TotalTrades int        `json:"total_trades"`
}

// DeleteTradeResult is the body of DELETE /trades/{id}.
type DeleteTradeResult struct {
	CancelOrderCount int    `json:"cancel_order_count"`
	Result           string `json:"result"`
	ResultMsg        string `json:"result_msg"`
	TradeID          int    `json:"trade_id"`
}

// CustomDataEntry is one key of a trade's custom data.
type CustomDataEntry struct {
	Key       string   `json:"key"`
	Type      string   `json:"type"`
	Value     any      `json:"value"`
	CreatedAt ISOTime  `json:"created_at"`
	UpdatedAt *ISOTime `json:"updated_at"`
}

// TradeCustomData is one element of the custom-data routes' list.
type TradeCustomData struct {
	TradeID    int               `json:"trade_id"`
	CustomData []CustomDataEntry `json:"custom_data"`
}
