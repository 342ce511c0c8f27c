package store

import "time"

// Trade is one row of freqtrade's trades table plus its orders. Nullable
// columns are pointers; datetimes are naive UTC.
type Trade struct {
	ID                 int
	Exchange           string
	Pair               string
	BaseCurrency       *string
	StakeCurrency      *string
	IsOpen             bool
	FeeOpen            float64
	FeeOpenCost        *float64
	FeeOpenCurrency    *string
	FeeClose           float64
	FeeCloseCost       *float64
	FeeCloseCurrency   *string
	OpenRate           float64
	OpenRateRequested  *float64
	OpenTradeValue     float64
	CloseRate          *float64
	CloseRateRequested *float64
	RealizedProfit     float64
	CloseProfit        *float64
	CloseProfitAbs     *float64
	StakeAmount        float64
	MaxStakeAmount     *float64
	Amount             float64
	AmountRequested    *float64
	OpenDate           time.Time
	CloseDate          *time.Time
	StopLoss           *float64
	StopLossPct        *float64
	InitialStopLoss    *float64
	InitialStopLossPct *float64
	IsStopLossTrailing bool
	MaxRate            *float64
	MinRate            *float64
	ExitReason         *string
	ExitOrderStatus    *string
	Strategy           *string
	EnterTag           *string
	Timeframe          *int
	TradingMode        *string
	AmountPrecision    *float64
	PricePrecision     *float64
	PrecisionMode      *int
	PrecisionModePrice *int
	ContractSize       *float64
	Leverage           *float64
	IsShort            bool
	LiquidationPrice   *float64
	InterestRate       float64
	FundingFees        *float64
	FundingFeeRunning  *float64
	RecordVersion      int

	// Orders are the trade's orders, oldest first.
	Orders []*Order
}

// Order is one row of freqtrade's orders table.
type Order struct {
	ID           int
	TradeID      int    // ft_trade_id
	Side         string // ft_order_side: "buy", "sell" or "stoploss"
	Pair         string // ft_pair
	IsOpen       bool   // ft_is_open
	FtAmount     float64
	FtPrice      float64
	CancelReason *string
	OrderID      string
	Status       *string // ccxt status: "open", "closed", "canceled"
	Symbol       *string
	OrderType    *string
	OrderSide    *string // side
	Price        *float64
	Average      *float64
	Amount       *float64
	Filled       *float64
	Remaining    *float64
	Cost         *float64
	StopPrice    *float64
	OrderDate    *time.Time
	FilledDate   *time.Time // order_filled_date
	UpdateDate   *time.Time // order_update_date
	FundingFee   *float64
	FeeBase      *float64 // ft_fee_base
	Tag          *string  // ft_order_tag
}

// Lock is one row of freqtrade's pairlocks table. Pair "*" is a global lock.
type Lock struct {
	ID          int
	Pair        string
	Side        string // "long", "short" or "*"
	Reason      *string
	LockTime    time.Time
	LockEndTime time.Time
	Active      bool
}

// The KeyValueStore keys freqtrade writes.
const (
	KeyBotStartTime = "bot_start_time"
	KeyStartupTime  = "startup_time"
)

// KV is one row of freqtrade's KeyValueStore table. ValueType says which
// value field is set: "str", "datetime", "float" or "int".
type KV struct {
	Key      string
	Type     string
	String   *string
	Datetime *time.Time
	Float    *float64
	Int      *int64
}

// CustomData is one row of freqtrade's trade_custom_data table. Value is the
// stored text; Type is the Python type name ("str", "int", "dict", ...).
type CustomData struct {
	ID        int
	TradeID   int
	Key       string
	Type      string
	Value     string
	CreatedAt time.Time
	UpdatedAt *time.Time
}
