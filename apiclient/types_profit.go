package apiclient

// Profit is the body of GET /profit (freqtrade's Profit model, exact key set).
// Non-nullable floats that freqtrade computed as NaN or ±Inf arrive as null and
// decode as 0; ProfitFactor is a pointer because null there means "no losses".
type Profit struct {
	ProfitClosedCoin          float64  `json:"profit_closed_coin"`
	ProfitClosedPercentMean   float64  `json:"profit_closed_percent_mean"`
	ProfitClosedRatioMean     float64  `json:"profit_closed_ratio_mean"`
	ProfitClosedPercentSum    float64  `json:"profit_closed_percent_sum"`
	ProfitClosedRatioSum      float64  `json:"profit_closed_ratio_sum"`
	ProfitClosedPercent       float64  `json:"profit_closed_percent"`
	ProfitClosedRatio         float64  `json:"profit_closed_ratio"`
	ProfitClosedFiat          float64  `json:"profit_closed_fiat"`
	ProfitAllCoin             float64  `json:"profit_all_coin"`
	ProfitAllPercentMean      float64  `json:"profit_all_percent_mean"`
	ProfitAllRatioMean        float64  `json:"profit_all_ratio_mean"`
	ProfitAllPercentSum       float64  `json:"profit_all_percent_sum"`
	ProfitAllRatioSum         float64  `json:"profit_all_ratio_sum"`
	ProfitAllPercent          float64  `json:"profit_all_percent"`
	ProfitAllRatio            float64  `json:"profit_all_ratio"`
	ProfitAllFiat             float64  `json:"profit_all_fiat"`
	TradeCount                int      `json:"trade_count"`
	ClosedTradeCount          int      `json:"closed_trade_count"`
	FirstTradeDate            string   `json:"first_trade_date"`
	FirstTradeHumanized       string   `json:"first_trade_humanized"`
	FirstTradeTimestamp       int64    `json:"first_trade_timestamp"`
	LatestTradeDate           string   `json:"latest_trade_date"`
	LatestTradeHumanized      string   `json:"latest_trade_humanized"`
	LatestTradeTimestamp      int64    `json:"latest_trade_timestamp"`
	AvgDuration               string   `json:"avg_duration"`
	BestPair                  string   `json:"best_pair"`
	BestRate                  float64  `json:"best_rate"`
	BestPairProfitRatio       float64  `json:"best_pair_profit_ratio"`
	BestPairProfitAbs         float64  `json:"best_pair_profit_abs"`
	WinningTrades             int      `json:"winning_trades"`
	LosingTrades              int      `json:"losing_trades"`
	ProfitFactor              *float64 `json:"profit_factor"`
	Winrate                   float64  `json:"winrate"`
	Expectancy                float64  `json:"expectancy"`
	ExpectancyRatio           float64  `json:"expectancy_ratio"`
	Sharpe                    float64  `json:"sharpe"`
	Sortino                   float64  `json:"sortino"`
	SQN                       float64  `json:"sqn"`
	Calmar                    float64  `json:"calmar"`
	CAGR                      float64  `json:"cagr"`
	MaxDrawdown               float64  `json:"max_drawdown"`
	MaxDrawdownAbs            float64  `json:"max_drawdown_abs"`
	MaxDrawdownStart          string   `json:"max_drawdown_start"`
	MaxDrawdownStartTimestamp int64    `json:"max_drawdown_start_timestamp"`
	MaxDrawdownEnd            string   `json:"max_drawdown_end"`
	MaxDrawdownEndTimestamp   int64    `json:"max_drawdown_end_timestamp"`
	CurrentDrawdown           float64  `json:"current_drawdown"`
	CurrentDrawdownAbs        float64  `json:"current_drawdown_abs"`
	CurrentDrawdownHigh       float64  `json:"current_drawdown_high"`
	CurrentDrawdownStart      string   `json:"current_drawdown_start"`
	CurrentDrawdownStartTS    int64    `json:"current_drawdown_start_timestamp"`
	TradingVolume             *float64 `json:"trading_volume"`
	BotStartTimestamp         int64    `json:"bot_start_timestamp"`
	BotStartDate              string   `json:"bot_start_date"`
}

// ProfitAll is the body of GET /profit_all. Long and Short are null in spot
// mode.
type ProfitAll struct {
	All   Profit  `json:"all"`
	Long  *Profit `json:"long"`
	Short *Profit `json:"short"`
}

// WinLossDraw counts closed trades by outcome for one exit reason.
type WinLossDraw struct {
	Wins   int `json:"wins"`
	Losses int `json:"losses"`
	Draws  int `json:"draws"`
}

// Durations holds average trade durations in seconds by outcome.
type Durations struct {
	Wins   *float64 `json:"wins"`
	Draws  *float64 `json:"draws"`
	Losses *float64 `json:"losses"`
}

// Stats is the body of GET /stats.
type Stats struct {
	ExitReasons map[string]WinLossDraw `json:"exit_reasons"`
	Durations   Durations              `json:"durations"`
}

// PeriodProfit is one row of /daily, /weekly or /monthly.
type PeriodProfit struct {
	Date            string  `json:"date"` // "YYYY-MM-DD"
	AbsProfit       float64 `json:"abs_profit"`
	RelProfit       float64 `json:"rel_profit"`
	StartingBalance float64 `json:"starting_balance"`
	FiatValue       float64 `json:"fiat_value"`
	TradeCount      int     `json:"trade_count"`
}

// PeriodicProfit is the body of /daily, /weekly and /monthly (newest first).
type PeriodicProfit struct {
	Data                []PeriodProfit `json:"data"`
	FiatDisplayCurrency string         `json:"fiat_display_currency"`
	StakeCurrency       string         `json:"stake_currency"`
}

// TagProfit is the profit shared by the /entries, /exits and /mix_tags rows.
type TagProfit struct {
	ProfitRatio float64 `json:"profit_ratio"`
	ProfitPct   float64 `json:"profit_pct"`
	ProfitAbs   float64 `json:"profit_abs"`
	Count       int     `json:"count"`
}

// EntryStat is one row of GET /entries.
type EntryStat struct {
	EnterTag string `json:"enter_tag"`
	TagProfit
}

// ExitStat is one row of GET /exits.
type ExitStat struct {
	ExitReason string `json:"exit_reason"`
	TagProfit
}

// MixTagStat is one row of GET /mix_tags.
type MixTagStat struct {
	MixTag string `json:"mix_tag"`
	TagProfit
}

// Performance is one row of GET /performance.
type Performance struct {
	Pair        string  `json:"pair"`
	Profit      float64 `json:"profit"` // percent, same as ProfitPct
	ProfitRatio float64 `json:"profit_ratio"`
	ProfitPct   float64 `json:"profit_pct"`
	ProfitAbs   float64 `json:"profit_abs"`
	Count       int     `json:"count"`
}

// Count is the body of GET /count. Max is -1 when unlimited.
type Count struct {
	Current    int     `json:"current"`
	Max        int     `json:"max"`
	TotalStake float64 `json:"total_stake"`
}

// Balance is one currency (or futures position) row of GET /balance.
type Balance struct {
	Currency     string   `json:"currency"`
	Free         float64  `json:"free"`
	Balance      float64  `json:"balance"`
	Used         float64  `json:"used"`
	BotOwned     *float64 `json:"bot_owned"`
	EstStake     float64  `json:"est_stake"`
	EstStakeBot  *float64 `json:"est_stake_bot"`
	Stake        string   `json:"stake"`
	Side         string   `json:"side"`
	IsPosition   bool     `json:"is_position"`
	Position     float64  `json:"position"`
	IsBotManaged bool     `json:"is_bot_managed"`
}

// WalletHistory is the body of GET /historic_balance: the wallet's total
// over time as a dataframe dict, the shape FreqUI's wallet chart reads.
// Columns name each row's values; FreqUI plots "__date_ts" (epoch ms)
// against "total_quote" (the total in the quote currency).
// CaptureStartTS marks where captured data begins when the rows before it
// were reconstructed; FreqUI draws those dashed.
type WalletHistory struct {
	Columns        []string `json:"columns"`
	Data           [][]any  `json:"data"`
	Length         int      `json:"length"`
	CaptureStartTS *int64   `json:"capture_start_ts,omitempty"`
}

// Balances is the body of GET /balance.
type Balances struct {
	Currencies               []Balance `json:"currencies"`
	Total                    float64   `json:"total"`
	TotalBot                 float64   `json:"total_bot"`
	Symbol                   string    `json:"symbol"`
	Value                    float64   `json:"value"`
	ValueBot                 float64   `json:"value_bot"`
	Stake                    string    `json:"stake"`
	Note                     string    `json:"note"`
	StartingCapital          float64   `json:"starting_capital"`
	StartingCapitalRatio     float64   `json:"starting_capital_ratio"`
	StartingCapitalPct       float64   `json:"starting_capital_pct"`
	StartingCapitalFiat      float64   `json:"starting_capital_fiat"`
	StartingCapitalFiatRatio float64   `json:"starting_capital_fiat_ratio"`
	StartingCapitalFiatPct   float64   `json:"starting_capital_fiat_pct"`
}
