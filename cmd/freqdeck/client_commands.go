package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// clientCommand is one `freqdeck client` command: a freqtrade-client method
// of the same name and parameters.
type clientCommand struct {
	name    string
	summary string
	params  []param
	// example is a sample argument list, shown in help.
	example string
	call    func(ctx context.Context, c *apiclient.Client, a cmdArgs, now time.Time) (any, error)
	// table renders the result for --table; nil shows a generic view.
	table func(w io.Writer, v any) error
	// synthetic results are made by the client (ping), not sent by the
	// server; they are printed from the value, others as the server sent them.
	synthetic bool
}

// tableOf adapts a typed table renderer.
func tableOf[T any](f func(io.Writer, T) error) func(io.Writer, any) error {
	return func(w io.Writer, v any) error {
		t, ok := v.(T)
		if !ok {
			return renderGeneric(w, v)
		}
		return f(w, t)
	}
}

func pairParam() []param {
	return []param{{name: "pair", help: "only this pair"}}
}

func tradeIDParam() []param {
	return []param{{name: "trade_id", kind: kindInt, required: true}}
}

// clientCommands returns every client command, in freqtrade-client's order
// of topics. Each call returns a new slice.
func clientCommands() []clientCommand {
	cmds := controlCommands()
	cmds = append(cmds, statsCommands()...)
	cmds = append(cmds, tradeCommands()...)
	return append(cmds, infoCommands()...)
}

func controlCommands() []clientCommand {
	return []clientCommand{
		{name: "start", summary: "Start the bot if it is stopped.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Start(ctx)
			}},
		{name: "stop", summary: "Stop the bot (open trades stay open). Use start to restart.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Stop(ctx)
			}},
		{name: "stopbuy", summary: "Stop entering new trades; exits go on. Use start (or reload_config on old bots) to undo.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.StopBuy(ctx)
			}},
		{name: "reload_config", summary: "Reload the bot's configuration.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.ReloadConfig(ctx)
			}},
		{name: "ping", summary: `Check the bot: {"status": "pong"} when it is running, else {"status": "not_running"}.`,
			call: ping, synthetic: true},
		{name: "version", summary: "Show the bot's version.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Version(ctx)
			}},
		{name: "show_config", summary: "Show the trading-relevant part of the bot's configuration.",
			table: tableOf(renderShowConfig),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.ShowConfig(ctx)
			}},
		{name: "logs", summary: "Show the bot's latest log lines.", example: "50",
			params: []param{{name: "limit", kind: kindInt, help: "only the last <limit> lines"}},
			table:  tableOf(renderLogs),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.Logs(ctx, a.int("limit"))
			}},
		{name: "sysinfo", summary: "Show the bot host's CPU and RAM use.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.SysInfo(ctx)
			}},
		{name: "health", summary: "Show when the bot last ran its loop.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Health(ctx)
			}},
	}
}

// ping mirrors freqtrade-client: it asks /show_config (not /ping) and
// answers pong only when the bot is running.
func ping(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
	cfg, err := c.ShowConfig(ctx)
	if err != nil {
		return nil, err
	}
	if cfg.State == "running" {
		return apiclient.Ping{Status: "pong"}, nil
	}
	return apiclient.Ping{Status: "not_running"}, nil
}

func statsCommands() []clientCommand {
	period := func(unit apiclient.PeriodUnit, arg string) clientCommand {
		return clientCommand{
			name: string(unit), summary: "Show the profit per " + map[apiclient.PeriodUnit]string{
				apiclient.Daily: "day", apiclient.Weekly: "week", apiclient.Monthly: "month"}[unit] + " (newest first).",
			example: "5",
			params:  []param{{name: arg, kind: kindInt, help: "how many"}},
			table:   tableOf(renderPeriodic),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				switch unit {
				case apiclient.Weekly:
					return c.Weekly(ctx, a.int(arg))
				case apiclient.Monthly:
					return c.Monthly(ctx, a.int(arg))
				default:
					return c.Daily(ctx, a.int(arg))
				}
			},
		}
	}
	return []clientCommand{
		{name: "balance", summary: "Show the account balance.", table: tableOf(renderBalance),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Balance(ctx)
			}},
		{name: "count", summary: "Show the number of open trades and the maximum.", table: tableOf(renderCount),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Count(ctx)
			}},
		{name: "profit", summary: "Show the profit summary.", table: tableOf(renderProfit),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Profit(ctx)
			}},
		{name: "stats", summary: "Show exit reasons and trade durations.", table: tableOf(renderStats),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Stats(ctx)
			}},
		{name: "performance", summary: "Show the profit per pair.", table: tableOf(renderPerformance),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Performance(ctx)
			}},
		{name: "entries", summary: "Show the profit per entry tag.", params: pairParam(), example: "BTC/USDT",
			table: tableOf(renderEntries),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.Entries(ctx, a.str("pair"))
			}},
		{name: "exits", summary: "Show the profit per exit reason.", params: pairParam(), example: "BTC/USDT",
			table: tableOf(renderExits),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.Exits(ctx, a.str("pair"))
			}},
		{name: "mix_tags", summary: "Show the profit per entry tag and exit reason.", params: pairParam(), example: "BTC/USDT",
			table: tableOf(renderMixTags),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.MixTags(ctx, a.str("pair"))
			}},
		period(apiclient.Daily, "days"),
		period(apiclient.Weekly, "weeks"),
		period(apiclient.Monthly, "months"),
		{name: "edge", summary: "Show Edge's accepted pairs (old bots only; Edge was removed from freqtrade).",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Raw(ctx, http.MethodGet, "/edge", nil, nil)
			}},
	}
}

func infoCommands() []clientCommand {
	return []clientCommand{
		{name: "whitelist", summary: "Show the pairs the bot trades.", table: tableOf(renderWhitelist),
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.Whitelist(ctx)
			}},
		{name: "blacklist", summary: "Show the blacklist, or add pairs to it (regex wildcards like XRP/.* allowed).",
			example: "DOGE/USDT XRP/.*",
			params:  []param{{name: "pairs", variadic: true}},
			table:   tableOf(renderBlacklist),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				if len(a.rest) == 0 {
					return c.Blacklist(ctx)
				}
				return c.AddBlacklist(ctx, a.rest...)
			}},
		{name: "strategies", summary: "List the available strategies (webserver mode).",
			call: rawGet("/strategies", nil)},
		{name: "strategy", summary: "Show a strategy's details and source.", example: "SampleStrategy",
			params: []param{{name: "strategy", required: true}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.Strategy(ctx, a.str("strategy"))
			}},
		{name: "pairlists_available", summary: "List the available pairlist handlers (webserver mode).",
			call: rawGet("/pairlists/available", nil)},
		{name: "plot_config", summary: "Show the strategy's plot configuration.",
			call: func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
				return c.PlotConfig(ctx, "")
			}},
		{name: "available_pairs", summary: "List the pairs with downloaded data (webserver mode).", example: "5m USDT",
			params: []param{{name: "timeframe"}, {name: "stake_currency"}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				q := url.Values{"stake_currency": {a.str("stake_currency")}, "timeframe": {a.str("timeframe")}}
				return c.Raw(ctx, http.MethodGet, "/available_pairs", q, nil)
			}},
		{name: "pair_candles", summary: "Show the live analyzed candles of a pair.", example: "BTC/USDT 5m limit=10",
			params: []param{{name: "pair", required: true}, {name: "timeframe", required: true},
				{name: "limit", kind: kindInt}, {name: "columns", kind: kindList, help: "only these columns (POST)"}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.PairCandles(ctx, apiclient.PairCandlesRequest{
					Pair: a.str("pair"), Timeframe: a.str("timeframe"), Limit: a.intPtr("limit"), Columns: a.list("columns")})
			}},
		{name: "pair_history", summary: "Show historic analyzed candles (webserver mode).",
			example: "BTC/USDT 5m SampleStrategy 20240101-",
			params: []param{{name: "pair", required: true}, {name: "timeframe", required: true},
				{name: "strategy", required: true}, {name: "timerange"}, {name: "freqaimodel"}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				q := url.Values{"pair": {a.str("pair")}, "timeframe": {a.str("timeframe")},
					"strategy": {a.str("strategy")}, "timerange": {a.str("timerange")}}
				if a.has("freqaimodel") {
					q.Set("freqaimodel", a.str("freqaimodel"))
				}
				return c.Raw(ctx, http.MethodGet, "/pair_history", q, nil)
			}},
	}
}

func rawGet(route string, q url.Values) func(context.Context, *apiclient.Client, cmdArgs, time.Time) (any, error) {
	return func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
		return c.Raw(ctx, http.MethodGet, route, q, nil)
	}
}
