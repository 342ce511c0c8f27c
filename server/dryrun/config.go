package dryrun

import (
	"errors"
	"fmt"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/strategy"
)

// Config holds the embedded bot's settings. Keys follow freqtrade's config
// names where freqtrade has one; the struct decodes from TOML (snake_case) so
// the config loader can embed it as the [server] bot settings.
type Config struct {
	BotName       string      `toml:"bot_name"`
	Exchange      string      `toml:"exchange"` // exchange id shown in trades, e.g. "binance"
	StakeCurrency string      `toml:"stake_currency"`
	StakeAmount   StakeAmount `toml:"stake_amount"` // a number or "unlimited"
	DryRunWallet  float64     `toml:"dry_run_wallet"`
	// MaxOpenTrades limits open trades; -1 means unlimited.
	MaxOpenTrades int      `toml:"max_open_trades"`
	Timeframe     string   `toml:"timeframe"`
	Pairs         []string `toml:"pairs"`     // the static whitelist
	Blacklist     []string `toml:"blacklist"` // regex wildcards allowed
	// Fee is the fee rate charged on both sides, e.g. 0.001 for 0.1 %.
	Fee float64 `toml:"fee"`
	// MinimalROI maps minutes since entry to the profit ratio that exits.
	MinimalROI map[string]float64 `toml:"minimal_roi"`
	// Stoploss is a negative ratio, e.g. -0.05.
	Stoploss                    float64 `toml:"stoploss"`
	TrailingStop                bool    `toml:"trailing_stop"`
	TrailingStopPositive        float64 `toml:"trailing_stop_positive"` // 0: unset
	TrailingStopPositiveOffset  float64 `toml:"trailing_stop_positive_offset"`
	TrailingOnlyOffsetIsReached bool    `toml:"trailing_only_offset_is_reached"`

	OrderTypes       OrderTypes      `toml:"order_types"`
	UnfilledTimeout  UnfilledTimeout `toml:"unfilledtimeout"`
	ForceEntryEnable bool            `toml:"force_entry_enable"`
	// InitialState is the state after start and after a config reload:
	// "running", "paused" or "stopped".
	InitialState string      `toml:"initial_state"`
	Protections  Protections `toml:"protections"`
	Market       Market      `toml:"market"`
	Strategy     Strategy    `toml:"strategy"`
}

// OrderTypes chooses "limit" or "market" for each kind of order.
type OrderTypes struct {
	Entry         string `toml:"entry"`
	Exit          string `toml:"exit"`
	ForceEntry    string `toml:"force_entry"`
	ForceExit     string `toml:"force_exit"`
	EmergencyExit string `toml:"emergency_exit"`
	Stoploss      string `toml:"stoploss"`
}

// UnfilledTimeout cancels orders that stay open longer than Entry or Exit
// units ("minutes" or "seconds") of bot time. 0 disables the timeout.
type UnfilledTimeout struct {
	Entry int    `toml:"entry"`
	Exit  int    `toml:"exit"`
	Unit  string `toml:"unit"`
}

// Protections configures the built-in protections.
type Protections struct {
	// CooldownCandles locks a pair for this many candles after an exit
	// (freqtrade's CooldownPeriod); 0 disables it.
	CooldownCandles int           `toml:"cooldown_candles"`
	StoplossGuard   StoplossGuard `toml:"stoploss_guard"`
}

// StoplossGuard locks all pairs for StopCandles candles after TradeLimit
// stoploss exits within LookbackCandles candles. TradeLimit 0 disables it.
type StoplossGuard struct {
	TradeLimit      int `toml:"trade_limit"`
	LookbackCandles int `toml:"lookback_candles"`
	StopCandles     int `toml:"stop_candles"`
}

// Market configures where prices come from.
type Market struct {
	// Mode is "simulated" (a seeded random walk) or "replay" (freqtrade
	// OHLCV JSON files in DataDir, named like BTC_USDT-5m.json).
	Mode string `toml:"mode"`
	Seed int64  `toml:"seed"`
	// Volatility is the simulated market's typical move per candle: the
	// standard deviation of a candle's log return in the normal regime
	// (calm candles move half of it, wild ones 2.2 times it).
	Volatility float64 `toml:"volatility"`
	// Speed is how many times faster than the wall clock the bot's clock
	// runs: 1 (the default) keeps freqtrade's time. Above 1, a demo and
	// test option, trade, candle and lock dates run ahead of real time,
	// and the bot warns that clients will see future dates.
	Speed   float64 `toml:"speed"`
	DataDir string  `toml:"data_dir"`
	// Slippage is the ratio market orders fill worse than the current rate.
	Slippage float64 `toml:"slippage"`
	// MinNotional is the smallest order value, in stake currency.
	MinNotional float64 `toml:"min_notional"`
	// WarmupCandles are generated (or read) before trading starts, so the
	// indicators are ready at once.
	WarmupCandles int `toml:"warmup_candles"`
}

// Strategy parameterises the built-in strategy (see strategy.Params).
type Strategy = strategy.Params

// StrategyName is the name the built-in strategy reports.
const StrategyName = strategy.Name

// DefaultConfig returns a config that is lively on the wall clock: eight
// USDT pairs on 1m candles moving about 0.4 % a candle, a quick strategy
// (EMA 5/13, RSI 7) and a short ROI table. With the default seed a trade
// opens at start-up and one closes within a few minutes (a test keeps it
// so). force_entry_enable is on, unlike freqtrade's default, so the
// console's force-enter works out of the box.
func DefaultConfig() Config {
	return Config{
		BotName:       "freqdeck-dryrun",
		Exchange:      "binance",
		StakeCurrency: "USDT",
		StakeAmount:   UnlimitedStake(),
		DryRunWallet:  1000,
		MaxOpenTrades: 5,
		Timeframe:     "1m",
		Pairs: []string{"BTC/USDT", "ETH/USDT", "SOL/USDT", "BNB/USDT",
			"XRP/USDT", "ADA/USDT", "DOGE/USDT", "AVAX/USDT"},
		Blacklist:  []string{},
		Fee:        0.001,
		MinimalROI: map[string]float64{"0": 0.005, "3": 0.003, "10": 0.001, "20": 0},
		Stoploss:   -0.02,
		OrderTypes: OrderTypes{Entry: "limit", Exit: "limit", ForceEntry: "market",
			ForceExit: "market", EmergencyExit: "market", Stoploss: "market"},
		UnfilledTimeout:  UnfilledTimeout{Entry: 10, Exit: 10, Unit: "minutes"},
		ForceEntryEnable: true,
		InitialState:     "running",
		Protections: Protections{
			CooldownCandles: 2,
			StoplossGuard:   StoplossGuard{TradeLimit: 3, LookbackCandles: 24, StopCandles: 12},
		},
		Market: Market{Mode: "simulated", Seed: 1, Volatility: 0.004, Speed: 1, Slippage: 0.0005,
			MinNotional: 5, WarmupCandles: 300},
		Strategy: Strategy{EMAFast: 5, EMASlow: 13, RSIPeriod: 7, RSIBuy: 45,
			RSIEntryMax: 70, RSIExit: 75, TagCross: "ema_cross", TagRebound: "rsi_rebound"},
	}
}

// Validate reports every problem in c, joined.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if strings.TrimSpace(c.Exchange) == "" {
		bad("exchange must not be empty")
	}
	if strings.TrimSpace(c.StakeCurrency) == "" {
		bad("stake_currency must not be empty")
	}
	if !c.StakeAmount.Unlimited && !finitePositive(c.StakeAmount.Value) {
		bad(`stake_amount must be a positive number or "unlimited"`)
	}
	if !finitePositive(c.DryRunWallet) {
		bad("dry_run_wallet must be positive")
	}
	if c.MaxOpenTrades < -1 {
		bad("max_open_trades must be -1 (unlimited) or >= 0")
	}
	if c.StakeAmount.Unlimited && c.MaxOpenTrades == -1 {
		bad(`stake_amount "unlimited" needs a finite max_open_trades`)
	}
	if _, err := ParseTimeframe(c.Timeframe); err != nil {
		bad("timeframe: %w", err)
	}
	errs = append(errs, c.validatePairs()...)
	if c.Fee < 0 || c.Fee >= 0.1 {
		bad("fee must be in [0, 0.1)")
	}
	errs = append(errs, c.validateExits()...)
	errs = append(errs, c.validateOrders()...)
	errs = append(errs, c.validateMarket()...)
	errs = append(errs, c.validateStrategy()...)
	return errors.Join(errs...)
}

func (c Config) validatePairs() []error {
	var errs []error
	if len(c.Pairs) == 0 {
		errs = append(errs, errors.New("pairs must list at least one pair"))
	}
	seen := map[string]bool{}
	for _, p := range c.Pairs {
		_, quote, ok := market.SplitPair(p)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("pairs: %q is not BASE/QUOTE", p))
		case quote != c.StakeCurrency:
			errs = append(errs, fmt.Errorf("pairs: %q does not trade against stake_currency %s", p, c.StakeCurrency))
		case seen[p]:
			errs = append(errs, fmt.Errorf("pairs: %q is listed twice", p))
		}
		seen[p] = true
	}
	for _, b := range c.Blacklist {
		if !validWildcard(b) {
			errs = append(errs, fmt.Errorf("blacklist: %q is not a valid wildcard", b))
		}
	}
	return errs
}

func (c Config) validateExits() []error {
	var errs []error
	if !(c.Stoploss < 0 && c.Stoploss > -1) {
		errs = append(errs, errors.New("stoploss must be a ratio in (-1, 0), e.g. -0.05"))
	}
	if len(c.MinimalROI) == 0 {
		errs = append(errs, errors.New("minimal_roi must have at least one entry"))
	}
	for k, v := range c.MinimalROI {
		if m, err := strconv.Atoi(k); err != nil || m < 0 {
			errs = append(errs, fmt.Errorf("minimal_roi: key %q must be whole minutes >= 0", k))
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			errs = append(errs, fmt.Errorf("minimal_roi: %q has an invalid ratio", k))
		}
	}
	if c.TrailingStopPositive < 0 || c.TrailingStopPositiveOffset < 0 {
		errs = append(errs, errors.New("trailing_stop_positive and its offset must be >= 0"))
	}
	if c.TrailingStopPositive > 0 && c.TrailingStopPositiveOffset > 0 && c.TrailingStopPositiveOffset <= c.TrailingStopPositive {
		errs = append(errs, errors.New("trailing_stop_positive_offset must be greater than trailing_stop_positive"))
	}
	return errs
}

func (c Config) validateOrders() []error {
	var errs []error
	for name, v := range map[string]string{
		"entry": c.OrderTypes.Entry, "exit": c.OrderTypes.Exit, "force_entry": c.OrderTypes.ForceEntry,
		"force_exit": c.OrderTypes.ForceExit, "emergency_exit": c.OrderTypes.EmergencyExit,
		"stoploss": c.OrderTypes.Stoploss,
	} {
		if v != "limit" && v != "market" {
			errs = append(errs, fmt.Errorf("order_types.%s must be \"limit\" or \"market\", not %q", name, v))
		}
	}
	if c.UnfilledTimeout.Entry < 0 || c.UnfilledTimeout.Exit < 0 {
		errs = append(errs, errors.New("unfilledtimeout values must be >= 0"))
	}
	if u := c.UnfilledTimeout.Unit; u != "minutes" && u != "seconds" {
		errs = append(errs, fmt.Errorf("unfilledtimeout.unit must be \"minutes\" or \"seconds\", not %q", u))
	}
	switch c.InitialState {
	case "running", "paused", "stopped":
	default:
		errs = append(errs, fmt.Errorf("initial_state must be running, paused or stopped, not %q", c.InitialState))
	}
	p := c.Protections
	if p.CooldownCandles < 0 || p.StoplossGuard.TradeLimit < 0 {
		errs = append(errs, errors.New("protections: values must be >= 0"))
	}
	if p.StoplossGuard.TradeLimit > 0 && (p.StoplossGuard.LookbackCandles <= 0 || p.StoplossGuard.StopCandles <= 0) {
		errs = append(errs, errors.New("protections.stoploss_guard: lookback_candles and stop_candles must be > 0"))
	}
	return errs
}

func (c Config) validateMarket() []error {
	var errs []error
	m := c.Market
	switch m.Mode {
	case "simulated":
		if !(m.Volatility > 0 && m.Volatility < 0.2) {
			errs = append(errs, errors.New("market.volatility must be in (0, 0.2), e.g. 0.004 for 0.4 % per candle"))
		}
	case "replay":
		if m.DataDir == "" {
			errs = append(errs, errors.New("market.data_dir is required in replay mode"))
		}
	default:
		errs = append(errs, fmt.Errorf("market.mode must be \"simulated\" or \"replay\", not %q", m.Mode))
	}
	if !finitePositive(m.Speed) {
		errs = append(errs, errors.New("market.speed must be positive"))
	}
	if m.Slippage < 0 || m.Slippage >= 0.05 {
		errs = append(errs, errors.New("market.slippage must be in [0, 0.05)"))
	}
	if m.MinNotional < 0 {
		errs = append(errs, errors.New("market.min_notional must be >= 0"))
	}
	if m.WarmupCandles < 0 {
		errs = append(errs, errors.New("market.warmup_candles must be >= 0"))
	}
	return errs
}

func (c Config) validateStrategy() []error {
	var errs []error
	s := c.Strategy
	if s.EMAFast < 1 || s.EMASlow <= s.EMAFast {
		errs = append(errs, errors.New("strategy: need 1 <= ema_fast < ema_slow"))
	}
	if s.RSIPeriod < 2 {
		errs = append(errs, errors.New("strategy.rsi_period must be >= 2"))
	}
	for name, v := range map[string]float64{"rsi_buy": s.RSIBuy, "rsi_entry_max": s.RSIEntryMax, "rsi_exit": s.RSIExit} {
		if v <= 0 || v >= 100 {
			errs = append(errs, fmt.Errorf("strategy.%s must be in (0, 100)", name))
		}
	}
	return errs
}

func finitePositive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// roiSteps returns the minimal_roi table sorted by minutes.
func (c Config) roiSteps() []roiStep {
	steps := make([]roiStep, 0, len(c.MinimalROI))
	for k, v := range c.MinimalROI {
		m, err := strconv.Atoi(k)
		if err != nil {
			continue
		}
		steps = append(steps, roiStep{minutes: m, ratio: v})
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].minutes < steps[j].minutes })
	return steps
}

type roiStep struct {
	minutes int
	ratio   float64
}

// timeoutFor returns the unfilled timeout of entry or exit orders, 0 if off.
func (c Config) timeoutFor(entry bool) time.Duration {
	n := c.UnfilledTimeout.Exit
	if entry {
		n = c.UnfilledTimeout.Entry
	}
	unit := time.Minute
	if c.UnfilledTimeout.Unit == "seconds" {
		unit = time.Second
	}
	return time.Duration(n) * unit
}
