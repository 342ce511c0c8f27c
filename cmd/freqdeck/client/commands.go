package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

// clientCommand is one `freqdeck client` command: a freqtrade-client method
// of the same name and parameters.
type clientCommand struct {
	name    string
	summary string
	params  []param
	// example is a sample argument list, shown in help.
	example string
	call    callFunc
	// table renders the result for --table; nil shows a generic view.
	table func(w io.Writer, v any) error
	// synthetic results are made by the client (ping), not sent by the
	// server; they are printed from the value, others as the server sent them.
	synthetic bool
	// acts is set on the commands that change the bot's state: they are
	// refused on a read_only bot, and audited like the console's actions.
	acts actsFunc
}

// callFunc runs a command: its Client call with the parsed arguments; now
// is the time for arguments relative to it ("2h").
type callFunc = func(ctx context.Context, c *apiclient.Client, a cmdArgs, now time.Time) (any, error)

// noArgs adapts a Client method without arguments, as
// (*apiclient.Client).Start.
func noArgs[T any](method func(*apiclient.Client, context.Context) (T, error)) callFunc {
	return func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
		return method(c, ctx)
	}
}

// intArg adapts a Client method taking the int argument name.
func intArg[T any](name string, method func(*apiclient.Client, context.Context, int) (T, error)) callFunc {
	return func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
		return method(c, ctx, a.int(name))
	}
}

// strArg adapts a Client method taking the string argument name.
func strArg[T any](name string, method func(*apiclient.Client, context.Context, string) (T, error)) callFunc {
	return func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
		return method(c, ctx, a.str(name))
	}
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
		{name: "start", summary: "Start the bot if it is stopped.", acts: acts(action.Start, ""),
			call: noArgs((*apiclient.Client).Start)},
		{name: "stop", summary: "Stop the bot (open trades stay open). Use start to restart.", acts: acts(action.Stop, ""),
			call: noArgs((*apiclient.Client).Stop)},
		{name: "stopbuy", summary: "Stop entering new trades; exits go on. Use start (or reload_config on old bots) to undo.",
			acts: acts(action.Pause, ""),
			call: noArgs((*apiclient.Client).StopBuy)},
		{name: "reload_config", summary: "Reload the bot's configuration.", acts: acts(action.Reload, ""),
			call: noArgs((*apiclient.Client).ReloadConfig)},
		{name: "ping", summary: `Check the bot: {"status": "pong"} when it is running, else {"status": "not_running"}.`,
			call: ping, synthetic: true},
		{name: "version", summary: "Show the bot's version.",
			call: noArgs((*apiclient.Client).Version)},
		{name: "show_config", summary: "Show the trading-relevant part of the bot's configuration.",
			table: tableOf(renderShowConfig),
			call:  noArgs((*apiclient.Client).ShowConfig)},
		{name: "logs", summary: "Show the bot's latest log lines.", example: "50",
			params: []param{{name: "limit", kind: kindInt, help: "only the last <limit> lines"}},
			table:  tableOf(renderLogs),
			call:   intArg("limit", (*apiclient.Client).Logs)},
		{name: "sysinfo", summary: "Show the bot host's CPU and RAM use.",
			call: noArgs((*apiclient.Client).SysInfo)},
		{name: "health", summary: "Show when the bot last ran its loop.",
			call: noArgs((*apiclient.Client).Health)},
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
	period := func(unit apiclient.PeriodUnit, per, arg string, method func(*apiclient.Client, context.Context, int) (apiclient.PeriodicProfit, error)) clientCommand {
		return clientCommand{
			name: string(unit), summary: "Show the profit per " + per + " (newest first).",
			example: "5",
			params:  []param{{name: arg, kind: kindInt, help: "how many"}},
			table:   tableOf(renderPeriodic),
			call:    intArg(arg, method),
		}
	}
	return []clientCommand{
		{name: "balance", summary: "Show the account balance.", table: tableOf(renderBalance),
			call: noArgs((*apiclient.Client).Balance)},
		{name: "count", summary: "Show the number of open trades and the maximum.", table: tableOf(renderCount),
			call: noArgs((*apiclient.Client).Count)},
		{name: "profit", summary: "Show the profit summary.", table: tableOf(renderProfit),
			call: noArgs((*apiclient.Client).Profit)},
		{name: "stats", summary: "Show exit reasons and trade durations.", table: tableOf(renderStats),
			call: noArgs((*apiclient.Client).Stats)},
		{name: "performance", summary: "Show the profit per pair.", table: tableOf(renderPerformance),
			call: noArgs((*apiclient.Client).Performance)},
		{name: "entries", summary: "Show the profit per entry tag.", params: pairParam(), example: "BTC/USDT",
			table: tableOf(renderEntries),
			call:  strArg("pair", (*apiclient.Client).Entries)},
		{name: "exits", summary: "Show the profit per exit reason.", params: pairParam(), example: "BTC/USDT",
			table: tableOf(renderExits),
			call:  strArg("pair", (*apiclient.Client).Exits)},
		{name: "mix_tags", summary: "Show the profit per entry tag and exit reason.", params: pairParam(), example: "BTC/USDT",
			table: tableOf(renderMixTags),
			call:  strArg("pair", (*apiclient.Client).MixTags)},
		period(apiclient.Daily, "day", "days", (*apiclient.Client).Daily),
		period(apiclient.Weekly, "week", "weeks", (*apiclient.Client).Weekly),
		period(apiclient.Monthly, "month", "months", (*apiclient.Client).Monthly),
		{name: "edge", summary: "Show Edge's accepted pairs (old bots only; Edge was removed from freqtrade).",
			call: rawGet("/edge")},
	}
}

func infoCommands() []clientCommand {
	return []clientCommand{
		{name: "whitelist", summary: "Show the pairs the bot trades.", table: tableOf(renderWhitelist),
			call: noArgs((*apiclient.Client).Whitelist)},
		{name: "blacklist", summary: "Show the blacklist, or add pairs to it (regex wildcards like XRP/.* allowed).",
			example: "DOGE/USDT XRP/.*",
			params:  []param{{name: "pairs", variadic: true}},
			table:   tableOf(renderBlacklist),
			acts: func(a cmdArgs) (action.Kind, string) {
				if len(a.rest) == 0 {
					return 0, ""
				}
				return action.AddBlacklist, strings.Join(a.rest, " ")
			},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				if len(a.rest) == 0 {
					return c.Blacklist(ctx)
				}
				return c.AddBlacklist(ctx, a.rest...)
			}},
		{name: "strategies", summary: "List the available strategies (webserver mode).",
			call: rawGet("/strategies")},
		{name: "strategy", summary: "Show a strategy's details and source.", example: "SampleStrategy",
			params: []param{{name: "strategy", required: true}},
			call:   strArg("strategy", (*apiclient.Client).Strategy)},
		{name: "pairlists_available", summary: "List the available pairlist handlers (webserver mode).",
			call: rawGet("/pairlists/available")},
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

// rawGet adapts a GET of route without arguments that has no typed Client
// method.
func rawGet(route string) callFunc {
	return func(ctx context.Context, c *apiclient.Client, _ cmdArgs, _ time.Time) (any, error) {
		return c.Raw(ctx, http.MethodGet, route, nil, nil)
	}
}
