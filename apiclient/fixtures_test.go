package apiclient_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// The fixtures in testdata/ are the JSON examples of freqtrade-api.md §3 (and,
// for routes the document describes only as a table, bodies built from that
// table). These tests decode each into its wire type and check the fields
// most easily got wrong: nullables, ms vs s timestamps, strings vs numbers.

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return b
}

func decodeFixture[T any](t *testing.T, name string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(readFixture(t, name), &v); err != nil {
		t.Fatalf("decode %s into %T: %v", name, v, err)
	}
	return v
}

func wantEq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func wantNil[T any](t *testing.T, what string, p *T) {
	t.Helper()
	if p != nil {
		t.Errorf("%s = %v, want null", what, *p)
	}
}

func wantPtr[T comparable](t *testing.T, what string, p *T, want T) {
	t.Helper()
	if p == nil {
		t.Errorf("%s = null, want %v", what, want)
		return
	}
	wantEq(t, what, *p, want)
}

func TestFixtureStatus(t *testing.T) {
	t.Parallel()
	trades := decodeFixture[[]apiclient.OpenTrade](t, "status.json")
	if len(trades) != 1 {
		t.Fatalf("got %d trades, want 1", len(trades))
	}
	tr := trades[0]
	wantEq(t, "trade_id", tr.TradeID, 1)
	wantEq(t, "pair", tr.Pair, "ETH/BTC")
	wantEq(t, "timeframe (minutes)", tr.Timeframe, 5)
	wantEq(t, "open_timestamp", tr.OpenTimestamp, int64(1714563780000))
	wantEq(t, "OpenedAt", tr.OpenedAt(), time.Date(2024, 5, 1, 11, 43, 0, 0, time.UTC))
	wantEq(t, "ClosedAt is zero while open", tr.ClosedAt().IsZero(), true)
	wantNil(t, "enter_tag", tr.EnterTag)
	wantNil(t, "close_profit", tr.CloseProfit)
	wantNil(t, "close_timestamp", tr.CloseTimestamp)
	wantPtr(t, "profit_pct", tr.ProfitPct, -10.66)
	wantPtr(t, "current_rate", tr.CurrentRate, 0.1099)
	wantPtr(t, "trading_mode", tr.TradingMode, "spot")
	wantNil(t, "precision_mode", tr.PrecisionMode)
	wantEq(t, "total_profit_abs", tr.TotalProfitAbs, -0.65675)
	wantPtr(t, "stoploss_current_dist_ratio", tr.StoplossCurrentDistRatio, 0.00727273)
	if len(tr.Orders) != 1 {
		t.Fatalf("got %d orders, want 1", len(tr.Orders))
	}
	o := tr.Orders[0]
	wantEq(t, "order side", o.FtOrderSide, "buy")
	wantPtr(t, "order_filled_timestamp", o.OrderFilledTimestamp, int64(1714563782000))
	wantNil(t, "ft_fee_base", o.FtFeeBase)
}

func TestFixtureTrades(t *testing.T) {
	t.Parallel()
	resp := decodeFixture[apiclient.TradesResponse](t, "trades.json")
	wantEq(t, "trades_count", resp.TradesCount, 1)
	wantEq(t, "total_trades", resp.TotalTrades, 2)
	tr := resp.Trades[0]
	wantEq(t, "trade_id", tr.TradeID, 2)
	wantPtr(t, "trade_duration_s", tr.TradeDurationS, int64(7200))
	wantPtr(t, "trade_duration (minutes)", tr.TradeDuration, int64(120))
	wantNil(t, "contract_size", tr.ContractSize)
	o := tr.Orders[0]
	wantEq(t, "ft_is_entry", o.FtIsEntry, true)
	wantEq(t, "average", o.Average, 0.123)
	wantPtr(t, "order_date", o.OrderDate, "2024-05-01 09:43:00")
	wantPtr(t, "order_timestamp", o.OrderTimestamp, int64(1714556580000))
	wantNil(t, "funding_fee", o.FundingFee)
}

func TestFixtureProfit(t *testing.T) {
	t.Parallel()
	p := decodeFixture[apiclient.Profit](t, "profit.json")
	wantNil(t, "profit_factor (inf sent as null)", p.ProfitFactor)
	wantEq(t, "trade_count", p.TradeCount, 6)
	wantEq(t, "first_trade_timestamp", p.FirstTradeTimestamp, int64(1714557600000))
	wantEq(t, "avg_duration", p.AvgDuration, "0:25:00")
	wantEq(t, "profit_closed_ratio", p.ProfitClosedRatio, 7.39e-07)
	wantEq(t, "expectancy_ratio (integer)", p.ExpectancyRatio, 100.0)
	wantEq(t, "max_drawdown_start (none)", p.MaxDrawdownStart, "")
	wantPtr(t, "trading_volume", p.TradingVolume, 75.945)

	all := decodeFixture[apiclient.ProfitAll](t, "profit_all.json")
	wantEq(t, "all.best_pair", all.All.BestPair, "ETC/BTC")
	wantNil(t, "long (spot)", all.Long)
	wantNil(t, "short (spot)", all.Short)
}

func TestFixtureCountBalanceDaily(t *testing.T) {
	t.Parallel()
	c := decodeFixture[apiclient.Count](t, "count.json")
	wantEq(t, "count", c, apiclient.Count{Current: 4, Max: 5, TotalStake: 0.0036})

	b := decodeFixture[apiclient.Balances](t, "balance.json")
	wantEq(t, "note", b.Note, "Simulated balances")
	wantEq(t, "starting_capital_pct", b.StartingCapitalPct, -1.0)
	wantPtr(t, "bot_owned", b.Currencies[0].BotOwned, 11.879999)
	wantEq(t, "is_bot_managed", b.Currencies[0].IsBotManaged, true)

	d := decodeFixture[apiclient.PeriodicProfit](t, "daily.json")
	if len(d.Data) != 2 {
		t.Fatalf("got %d rows, want 2", len(d.Data))
	}
	wantEq(t, "newest first", d.Data[0].Date, "2024-05-01")
	wantEq(t, "rel_profit", d.Data[1].RelProfit, 0.04347826)
	wantEq(t, "trade_count", d.Data[1].TradeCount, 2)
	wantEq(t, "stake_currency", d.StakeCurrency, "BTC")
}

func TestFixtureLocksLists(t *testing.T) {
	t.Parallel()
	l := decodeFixture[apiclient.Locks](t, "locks.json")
	wantEq(t, "lock_count", l.LockCount, 1)
	wantEq(t, "lock_end_timestamp", l.Locks[0].LockEndTimestamp, int64(1714566000000))
	wantEq(t, "side", l.Locks[0].Side, "*")
	wantPtr(t, "reason", l.Locks[0].Reason, "randreason")

	w := decodeFixture[apiclient.Whitelist](t, "whitelist.json")
	wantEq(t, "whitelist length", w.Length, 4)
	wantEq(t, "method", w.Method[0], "StaticPairList")

	bl := decodeFixture[apiclient.Blacklist](t, "blacklist.json")
	wantEq(t, "blacklist wildcard", bl.Blacklist[3], "XRP/.*")
	wantEq(t, "expanded", len(bl.BlacklistExpanded), 3)
	wantEq(t, "errors empty, not nil", bl.Errors != nil && len(bl.Errors) == 0, true)
}

func TestFixtureLogs(t *testing.T) {
	t.Parallel()
	l := decodeFixture[apiclient.Logs](t, "logs.json")
	wantEq(t, "log_count", l.LogCount, 2)
	r := l.Logs[0]
	wantEq(t, "row timestamp (float ms)", r.Timestamp, 1714564800123.456)
	wantEq(t, "row level", r.Level, "INFO")
	wantEq(t, "row logger", r.Logger, "freqtrade.worker")
	wantEq(t, "multi-line message kept", strings.HasSuffix(l.Logs[1].Message, ": ...\nTraceback ..."), true)
}

func TestFixtureHealthInfo(t *testing.T) {
	t.Parallel()
	h := decodeFixture[apiclient.Health](t, "health.json")
	wantPtr(t, "last_process_ts (seconds)", h.LastProcessTS, int64(1714564801))
	if h.LastProcess == nil {
		t.Fatal("last_process = null")
	}
	wantEq(t, "last_process", h.LastProcess.Time, time.Date(2024, 5, 1, 12, 0, 1, 123456000, time.UTC))
	wantEq(t, "ts matches date", h.LastProcess.Unix(), *h.LastProcessTS)

	s := decodeFixture[apiclient.SysInfo](t, "sysinfo.json")
	wantEq(t, "cores", len(s.CPUPct), 4)
	wantEq(t, "ram_pct", s.RAMPct, 48.6)
	wantEq(t, "version", decodeFixture[apiclient.Version](t, "version.json").Version, "2025.6")
	wantEq(t, "ping", decodeFixture[apiclient.Ping](t, "ping.json").Status, "pong")
	tok := decodeFixture[apiclient.Tokens](t, "login.json")
	wantEq(t, "refresh_token", tok.RefreshToken, "refresh.jwt.value")
}

func TestFixtureShowConfig(t *testing.T) {
	t.Parallel()
	c := decodeFixture[apiclient.ShowConfig](t, "show_config.json")
	wantEq(t, "stake_amount (string)", c.StakeAmount, "unlimited")
	wantNil(t, "strategy_version", c.StrategyVersion)
	wantNil(t, "available_capital", c.AvailableCapital)
	wantNil(t, "trailing_stop_positive", c.TrailingStopPositive)
	wantEq(t, "api_version", c.APIVersion, 2.48)
	wantEq(t, "minimal_roi[40]", c.MinimalROI["40"], 0.01)
	wantPtr(t, "stoploss", c.Stoploss, -0.1)
	wantPtr(t, "timeframe", c.Timeframe, "5m")
	wantEq(t, "timeframe_ms", c.TimeframeMs, int64(300000))
	wantEq(t, "state", c.State, "running")
	wantEq(t, "max_entry_position_adjustment", c.MaxEntryPositionAdjustment, -1)
	if c.OrderTypes == nil || c.OrderTypes.ForceExit != "market" {
		t.Errorf("order_types = %+v, want force_exit market", c.OrderTypes)
	}
	if c.UnfilledTimeout == nil || c.UnfilledTimeout.Unit != "minutes" {
		t.Errorf("unfilledtimeout = %+v, want unit minutes", c.UnfilledTimeout)
	}
}

func TestFixtureActions(t *testing.T) {
	t.Parallel()
	fe := decodeFixture[apiclient.ForceEnterResult](t, "forceenter.json")
	if fe.Trade == nil {
		t.Fatalf("force entry result has no trade: %+v", fe)
	}
	wantEq(t, "trade_id", fe.Trade.TradeID, 22)
	wantEq(t, "stake_amount (integer in JSON)", fe.Trade.StakeAmount, 1.0)
	wantNil(t, "open_fill_timestamp", fe.Trade.OpenFillTimestamp)
	wantNil(t, "leverage", fe.Trade.Leverage)
	wantEq(t, "orders empty", len(fe.Trade.Orders), 0)

	wantEq(t, "forceexit", decodeFixture[apiclient.ResultResponse](t, "forceexit.json").Result,
		"Created exit order for trade 5.")
	wantEq(t, "reload", decodeFixture[apiclient.StatusResponse](t, "reload_config.json").Status,
		"Reloading config ...")
	del := decodeFixture[apiclient.DeleteTradeResult](t, "delete_trade.json")
	wantEq(t, "cancel_order_count", del.CancelOrderCount, 1)
	wantEq(t, "result", del.Result, "success")

	var none apiclient.ForceEnterResult
	if err := json.Unmarshal([]byte(`{"status": "Error entering long trade for pair ETH/BTC."}`), &none); err != nil {
		t.Fatal(err)
	}
	if none.Trade != nil || none.Status != "Error entering long trade for pair ETH/BTC." {
		t.Errorf("status-only force entry = %+v", none)
	}
}

func TestFixtureStatsTags(t *testing.T) {
	t.Parallel()
	s := decodeFixture[apiclient.Stats](t, "stats.json")
	wantEq(t, "roi wins", s.ExitReasons["roi"], apiclient.WinLossDraw{Wins: 2, Draws: 1})
	wantNil(t, "durations.draws", s.Durations.Draws)
	wantPtr(t, "durations.losses", s.Durations.Losses, 300.5)

	e := decodeFixture[[]apiclient.EntryStat](t, "entries.json")
	wantEq(t, "enter_tag", e[1].EnterTag, "Other")
	wantEq(t, "embedded profit_abs", e[0].ProfitAbs, 0.45)
	wantEq(t, "exit_reason", decodeFixture[[]apiclient.ExitStat](t, "exits.json")[0].ExitReason, "roi")
	wantEq(t, "mix_tag", decodeFixture[[]apiclient.MixTagStat](t, "mix_tags.json")[0].MixTag, "rsi_cross roi")
	wantEq(t, "performance count", decodeFixture[[]apiclient.Performance](t, "performance.json")[0].Count, 3)
}

func TestFixtureStrategyMarketsCustomData(t *testing.T) {
	t.Parallel()
	m := decodeFixture[apiclient.Markets](t, "markets.json")
	wantEq(t, "market quote", m.Markets["ETH/BTC"].Quote, "BTC")
	wantEq(t, "exchange_id", m.ExchangeID, "binance")

	s := decodeFixture[apiclient.StrategyInfo](t, "strategy.json")
	wantPtr(t, "strategy timeframe", s.Timeframe, "5m")
	wantEq(t, "params", len(s.Params), 1)

	p := decodeFixture[apiclient.PlotConfig](t, "plot_config.json")
	wantEq(t, "subplot colour", p.Subplots["RSI"]["rsi"]["color"], any("red"))

	cd := decodeFixture[[]apiclient.TradeCustomData](t, "custom_data.json")
	entries := cd[0].CustomData
	wantEq(t, "created_at", entries[0].CreatedAt.Time, time.Date(2024, 5, 1, 12, 0, 1, 123456000, time.UTC))
	if entries[0].UpdatedAt != nil {
		t.Errorf("updated_at = %v, want null", entries[0].UpdatedAt)
	}
	wantEq(t, "int value", entries[1].Value, any(3.0))
}

func TestFixturePairCandles(t *testing.T) {
	t.Parallel()
	h := decodeFixture[apiclient.PairHistory](t, "pair_candles.json")
	wantEq(t, "columns match rows", len(h.Columns), len(h.Data[0]))
	wantEq(t, "last_analyzed_ts (seconds)", h.LastAnalyzedTS, h.LastAnalyzed.Unix())
	wantEq(t, "data_start_ts (ms)", h.DataStartTS, int64(1511686200000))
	wantEq(t, "signal close is null", h.Data[1][len(h.Columns)-1], any(nil))
	wantEq(t, "date cell", h.Data[0][0], any("2017-11-26T08:50:00Z"))
	wantEq(t, "enter_long_signals", h.EnterLongSignals, 1)
}

// TestFixtureKeySets decodes the document's examples strictly (no key the type
// lacks) and, for examples that list a route's full key set, checks that the
// type encodes exactly those keys: the server encodes with these types.
func TestFixtureKeySets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file  string
		into  func() any
		exact bool
	}{
		{"status.json", func() any { return &[]apiclient.OpenTrade{} }, true},
		{"forceenter.json", func() any { return &apiclient.Trade{} }, true},
		{"profit.json", func() any { return &apiclient.Profit{} }, true},
		{"balance.json", func() any { return &apiclient.Balances{} }, true},
		{"show_config.json", func() any { return &apiclient.ShowConfig{} }, true},
		{"health.json", func() any { return &apiclient.Health{} }, true},
		{"daily.json", func() any { return &apiclient.PeriodicProfit{} }, true},
		{"locks.json", func() any { return &apiclient.Locks{} }, true},
		{"blacklist.json", func() any { return &apiclient.Blacklist{} }, true},
		{"delete_trade.json", func() any { return &apiclient.DeleteTradeResult{} }, true},
		{"trades.json", func() any { return &apiclient.TradesResponse{} }, false}, // the doc elides most trade keys
	}
	for _, tc := range tests {
		raw := readFixture(t, tc.file)
		v := tc.into()
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if !tc.exact {
			continue
		}
		again, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := topKeys(t, again), topKeys(t, raw); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: encoded keys %v, want %v", tc.file, got, want)
		}
	}
}

// topKeys returns the sorted keys of a JSON object, or of an array's first
// element.
func topKeys(t *testing.T, b []byte) []string {
	t.Helper()
	var arr []map[string]json.RawMessage
	var obj map[string]json.RawMessage
	if json.Unmarshal(b, &arr) == nil && len(arr) > 0 {
		obj = arr[0]
	} else if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
