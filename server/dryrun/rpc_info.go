package dryrun

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/strategy"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// APIVersion is the freqtrade API version the bot reports.
const APIVersion = 2.48

// ShowConfig implements rpc.Info.
func (b *Bot) ShowConfig(context.Context) (apiclient.ShowConfig, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.cfg
	roi := map[string]float64{}
	for k, v := range c.MinimalROI {
		roi[k] = v
	}
	sc := apiclient.ShowConfig{
		Version: b.opts.version, APIVersion: APIVersion, DryRun: true, TradingMode: "spot",
		StakeCurrency: c.StakeCurrency, StakeAmount: c.StakeAmount.String(), StakeCurrencyDecimals: 3,
		MaxOpenTrades: c.MaxOpenTrades, MinimalROI: roi, Stoploss: apiclient.Ptr(c.Stoploss),
		TrailingStop: apiclient.Ptr(c.TrailingStop), TrailingStopPositiveOffset: apiclient.Ptr(c.TrailingStopPositiveOffset),
		TrailingOnlyOffsetIsReached: apiclient.Ptr(c.TrailingOnlyOffsetIsReached),
		UnfilledTimeout: &apiclient.UnfilledTimeout{Entry: c.UnfilledTimeout.Entry, Exit: c.UnfilledTimeout.Exit,
			Unit: c.UnfilledTimeout.Unit},
		OrderTypes: &apiclient.OrderTypes{Entry: c.OrderTypes.Entry, Exit: c.OrderTypes.Exit,
			EmergencyExit: c.OrderTypes.EmergencyExit, ForceExit: c.OrderTypes.ForceExit,
			ForceEntry: c.OrderTypes.ForceEntry, Stoploss: c.OrderTypes.Stoploss, StoplossOnExchangeInterval: 60},
		UseCustomStoploss: apiclient.Ptr(false), Timeframe: apiclient.Ptr(c.Timeframe), TimeframeMs: b.tf.Milliseconds(),
		TimeframeMin: int(b.tf / time.Minute), Exchange: c.Exchange, Strategy: apiclient.Ptr(StrategyName),
		ForceEntryEnable: c.ForceEntryEnable,
		ExitPricing:      apiclient.Pricing{PriceSide: "same", OrderBookTop: 1},
		EntryPricing:     apiclient.Pricing{PriceSide: "same", OrderBookTop: 1},
		BotName:          c.BotName, State: string(b.state), Runmode: "dry_run", MaxEntryPositionAdjustment: -1,
	}
	if c.TrailingStopPositive > 0 {
		sc.TrailingStopPositive = apiclient.Ptr(c.TrailingStopPositive)
	}
	return sc, nil
}

// Logs implements rpc.Info.
func (b *Bot) Logs(_ context.Context, limit int) (apiclient.Logs, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	rows := b.logs.last(limit)
	return apiclient.Logs{LogCount: len(rows), Logs: rows}, nil
}

// PlotConfig implements rpc.Info: the EMAs on the price chart and RSI in a
// subplot. Another strategy name cannot be loaded, as in freqtrade's trade
// mode.
func (b *Bot) PlotConfig(_ context.Context, name string) (apiclient.PlotConfig, error) {
	if name != "" && name != StrategyName {
		return apiclient.PlotConfig{}, &rpc.HTTPError{Status: http.StatusBadGateway, Detail: fmt.Sprintf(
			"Impossible to load Strategy '%s'. This class does not exist or contains Python code errors.", name)}
	}
	return strategy.PlotConfig(), nil
}

// Markets implements rpc.Info: the configured pairs as spot markets.
func (b *Bot) Markets(_ context.Context, q apiclient.MarketsQuery) (apiclient.Markets, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := apiclient.Markets{Markets: map[string]apiclient.Market{}, ExchangeID: strings.ToLower(b.cfg.Exchange)}
	for _, p := range b.markets {
		base, quote, _ := market.SplitPair(p)
		if (q.Base != "" && q.Base != base) || (q.Quote != "" && q.Quote != quote) {
			continue
		}
		out.Markets[p] = apiclient.Market{Symbol: p, Base: base, Quote: quote, Spot: true}
	}
	return out, nil
}

// Strategy implements rpc.Info.
func (b *Bot) Strategy(_ context.Context, name string) (apiclient.StrategyInfo, error) {
	if name != StrategyName {
		return apiclient.StrategyInfo{}, rpc.NotFound("Only the currently active strategy is available in trade mode")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return apiclient.StrategyInfo{Strategy: StrategyName, Timeframe: apiclient.Ptr(b.cfg.Timeframe), Code: strategy.Code(b.cfg.Strategy, b.cfg.Timeframe, b.cfg.MinimalROI, b.cfg.Stoploss)}, nil
}

// Health implements rpc.Info: last_process is the wall time of the last loop
// iteration, bot_start the first trade (or first start) on the bot clock,
// bot_startup this process's start.
func (b *Bot) Health(context.Context) (apiclient.Health, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var h apiclient.Health
	if !b.lastProc.IsZero() {
		h.LastProcess, h.LastProcessTS = &apiclient.ISOTime{Time: b.lastProc.UTC()}, apiclient.Ptr(b.lastProc.Unix())
	}
	if !b.botStart.IsZero() {
		h.BotStart, h.BotStartTS = &apiclient.ISOTime{Time: b.botStart}, apiclient.Ptr(b.botStart.Unix())
	}
	h.BotStartup, h.BotStartupTS = &apiclient.ISOTime{Time: b.started.UTC()}, apiclient.Ptr(b.started.Unix())
	return h, nil
}
