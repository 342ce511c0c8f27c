package store

// field ties one column to a Go field: its name, its SQL declaration (used
// when the table is created or the column is missing) and a pointer that
// serves both as a query argument and as a scan destination.
type field struct {
	name string
	decl string
	ptr  any
}

// The SQL declarations of freqtrade's column types. NOT NULL columns carry a
// default so that they can be added to an existing table.
const (
	declFloat      = "FLOAT"
	declFloatNN    = "FLOAT NOT NULL DEFAULT 0"
	declInt        = "INTEGER"
	declBoolNN     = "BOOLEAN NOT NULL DEFAULT 0"
	declStr25      = "VARCHAR(25)"
	declStr25NN    = "VARCHAR(25) NOT NULL DEFAULT ''"
	declStr255     = "VARCHAR(255)"
	declDate       = "DATETIME"
	declDateNN     = "DATETIME NOT NULL DEFAULT '1970-01-01 00:00:00.000000'"
	tableTrades    = "trades"
	tableOrders    = "orders"
	tableLocks     = "pairlocks"
	tableKV        = "KeyValueStore"
	tableCustom    = "trade_custom_data"
	tableSchemaVer = "freqdeck_schema_version"
)

// tradeFields lists every trades column except id, in freqtrade's order.
func tradeFields(t *Trade) []field {
	return []field{
		{"exchange", declStr25NN, &t.Exchange},
		{"pair", declStr25NN, &t.Pair},
		{"base_currency", declStr25, &t.BaseCurrency},
		{"stake_currency", declStr25, &t.StakeCurrency},
		{"is_open", "BOOLEAN NOT NULL DEFAULT 1", &t.IsOpen},
		{"fee_open", declFloatNN, &t.FeeOpen},
		{"fee_open_cost", declFloat, &t.FeeOpenCost},
		{"fee_open_currency", declStr25, &t.FeeOpenCurrency},
		{"fee_close", declFloatNN, &t.FeeClose},
		{"fee_close_cost", declFloat, &t.FeeCloseCost},
		{"fee_close_currency", declStr25, &t.FeeCloseCurrency},
		{"open_rate", declFloat, floatCol{&t.OpenRate}},
		{"open_rate_requested", declFloat, &t.OpenRateRequested},
		{"open_trade_value", declFloat, floatCol{&t.OpenTradeValue}},
		{"close_rate", declFloat, &t.CloseRate},
		{"close_rate_requested", declFloat, &t.CloseRateRequested},
		{"realized_profit", declFloat, floatCol{&t.RealizedProfit}},
		{"close_profit", declFloat, &t.CloseProfit},
		{"close_profit_abs", declFloat, &t.CloseProfitAbs},
		{"stake_amount", declFloatNN, &t.StakeAmount},
		{"max_stake_amount", declFloat, &t.MaxStakeAmount},
		{"amount", declFloat, floatCol{&t.Amount}},
		{"amount_requested", declFloat, &t.AmountRequested},
		{"open_date", declDateNN, timeCol{&t.OpenDate}},
		{"close_date", declDate, nullTimeCol{&t.CloseDate}},
		{"stop_loss", declFloat, &t.StopLoss},
		{"stop_loss_pct", declFloat, &t.StopLossPct},
		{"initial_stop_loss", declFloat, &t.InitialStopLoss},
		{"initial_stop_loss_pct", declFloat, &t.InitialStopLossPct},
		{"is_stop_loss_trailing", declBoolNN, &t.IsStopLossTrailing},
		{"max_rate", declFloat, &t.MaxRate},
		{"min_rate", declFloat, &t.MinRate},
		{"exit_reason", declStr255, &t.ExitReason},
		{"exit_order_status", "VARCHAR(100)", &t.ExitOrderStatus},
		{"strategy", "VARCHAR(100)", &t.Strategy},
		{"enter_tag", declStr255, &t.EnterTag},
		{"timeframe", declInt, &t.Timeframe},
		{"trading_mode", "VARCHAR(7)", &t.TradingMode},
		{"amount_precision", declFloat, &t.AmountPrecision},
		{"price_precision", declFloat, &t.PricePrecision},
		{"precision_mode", declInt, &t.PrecisionMode},
		{"precision_mode_price", declInt, &t.PrecisionModePrice},
		{"contract_size", declFloat, &t.ContractSize},
		{"leverage", declFloat, &t.Leverage},
		{"is_short", declBoolNN, &t.IsShort},
		{"liquidation_price", declFloat, &t.LiquidationPrice},
		{"interest_rate", declFloatNN, &t.InterestRate},
		{"funding_fees", declFloat, &t.FundingFees},
		{"funding_fee_running", declFloat, &t.FundingFeeRunning},
		{"record_version", "INTEGER NOT NULL DEFAULT 2", &t.RecordVersion},
	}
}

// orderFields lists every orders column except id.
func orderFields(o *Order) []field {
	return []field{
		{"ft_trade_id", declInt, intCol{&o.TradeID}},
		{"ft_order_side", declStr25NN, &o.Side},
		{"ft_pair", declStr25NN, &o.Pair},
		{"ft_is_open", "BOOLEAN NOT NULL DEFAULT 1", &o.IsOpen},
		{"ft_amount", declFloatNN, &o.FtAmount},
		{"ft_price", declFloatNN, &o.FtPrice},
		{"ft_cancel_reason", declStr255, &o.CancelReason},
		{"order_id", "VARCHAR(255) NOT NULL DEFAULT ''", &o.OrderID},
		{"status", declStr255, &o.Status},
		{"symbol", declStr25, &o.Symbol},
		{"order_type", "VARCHAR(50)", &o.OrderType},
		{"side", declStr25, &o.OrderSide},
		{"price", declFloat, &o.Price},
		{"average", declFloat, &o.Average},
		{"amount", declFloat, &o.Amount},
		{"filled", declFloat, &o.Filled},
		{"remaining", declFloat, &o.Remaining},
		{"cost", declFloat, &o.Cost},
		{"stop_price", declFloat, &o.StopPrice},
		{"order_date", declDate, nullTimeCol{&o.OrderDate}},
		{"order_filled_date", declDate, nullTimeCol{&o.FilledDate}},
		{"order_update_date", declDate, nullTimeCol{&o.UpdateDate}},
		{"funding_fee", declFloat, &o.FundingFee},
		{"ft_fee_base", declFloat, &o.FeeBase},
		{"ft_order_tag", declStr255, &o.Tag},
	}
}

// lockFields lists every pairlocks column except id.
func lockFields(l *Lock) []field {
	return []field{
		{"pair", declStr25NN, &l.Pair},
		{"side", "VARCHAR(25) NOT NULL DEFAULT '*'", &l.Side},
		{"reason", declStr255, &l.Reason},
		{"lock_time", declDateNN, timeCol{&l.LockTime}},
		{"lock_end_time", declDateNN, timeCol{&l.LockEndTime}},
		{"active", "BOOLEAN NOT NULL DEFAULT 1", &l.Active},
	}
}

// kvFields lists every KeyValueStore column except id.
func kvFields(kv *KV) []field {
	return []field{
		{"key", "VARCHAR(50) NOT NULL DEFAULT ''", &kv.Key},
		{"value_type", "VARCHAR(20) NOT NULL DEFAULT 'str'", &kv.Type},
		{"string_value", declStr255, &kv.String},
		{"datetime_value", declDate, nullTimeCol{&kv.Datetime}},
		{"float_value", declFloat, &kv.Float},
		{"int_value", declInt, &kv.Int},
	}
}

// customFields lists every trade_custom_data column except id.
func customFields(c *CustomData) []field {
	return []field{
		{"ft_trade_id", declInt, &c.TradeID},
		{"cd_key", "VARCHAR(255) NOT NULL DEFAULT ''", &c.Key},
		{"cd_type", "VARCHAR(25) NOT NULL DEFAULT 'str'", &c.Type},
		{"cd_value", "TEXT NOT NULL DEFAULT ''", &c.Value},
		{"created_at", declDateNN, timeCol{&c.CreatedAt}},
		{"updated_at", declDate, nullTimeCol{&c.UpdatedAt}},
	}
}

// names returns the column names of fs.
func names(fs []field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

// ptrs returns the pointers of fs, with extra prepended.
func ptrs(fs []field, extra ...any) []any {
	out := make([]any, 0, len(fs)+len(extra))
	out = append(out, extra...)
	for _, f := range fs {
		out = append(out, f.ptr)
	}
	return out
}
