package strategy

import (
	"fmt"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Name is the name the built-in strategy reports.
const Name = "FreqdeckEmaRsi"

// Params parameterises the built-in strategy: enter when the fast EMA
// crosses above the slow one with RSI below RSIEntryMax (tag TagCross), or
// when RSI climbs back above RSIBuy (tag TagRebound); exit when the fast EMA
// crosses below the slow one or RSI rises above RSIExit. It decodes from the
// [server.strategy] TOML table.
type Params struct {
	EMAFast     int     `toml:"ema_fast"`
	EMASlow     int     `toml:"ema_slow"`
	RSIPeriod   int     `toml:"rsi_period"`
	RSIBuy      float64 `toml:"rsi_buy"`
	RSIEntryMax float64 `toml:"rsi_entry_max"`
	RSIExit     float64 `toml:"rsi_exit"`
	TagCross    string  `toml:"tag_cross"`
	TagRebound  string  `toml:"tag_rebound"`
}

// Code describes the built-in strategy under s, in place of its source
// code (/strategy): its signals on timeframe, the minimal_roi table and the
// stoploss.
func Code(s Params, timeframe string, roi map[string]float64, stoploss float64) string {
	lines := []string{
		fmt.Sprintf("# %s: freqdeck's built-in dry-run strategy (timeframe %s).", Name, timeframe),
		fmt.Sprintf("# Entry %q: EMA(%d) crosses above EMA(%d) while RSI(%d) < %g.", s.TagCross, s.EMAFast, s.EMASlow, s.RSIPeriod, s.RSIEntryMax),
		fmt.Sprintf("# Entry %q: RSI(%d) climbs back above %g.", s.TagRebound, s.RSIPeriod, s.RSIBuy),
		fmt.Sprintf("# Exit signal: EMA(%d) crosses below EMA(%d), or RSI above %g.", s.EMAFast, s.EMASlow, s.RSIExit),
		fmt.Sprintf("# Exits also from minimal_roi %v and stoploss %g.", roi, stoploss),
	}
	return strings.Join(lines, "\n") + "\n"
}

// PlotConfig is the strategy's plot config: the EMAs on the price chart and
// RSI in a subplot.
func PlotConfig() apiclient.PlotConfig {
	return apiclient.PlotConfig{
		MainPlot: map[string]map[string]any{
			"ema_fast": {"color": "#f0b90b"},
			"ema_slow": {"color": "#2962ff"},
		},
		Subplots: map[string]map[string]map[string]any{
			"RSI": {"rsi": {"color": "#9c27b0"}},
		},
	}
}
