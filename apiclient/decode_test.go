package apiclient

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// wsFixture is one example frame of freqtrade-api.md §4.4 in testdata/ws and
// the checks its decoded message must pass.
type wsFixture struct {
	name  string
	check func(t *testing.T, m Message)
}

func loadWSFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ws", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func asMsg[T Message](t *testing.T, m Message) T {
	t.Helper()
	v, ok := m.(T)
	if !ok {
		var want T
		t.Fatalf("decoded %T, want %T", m, want)
	}
	return v
}

func wantField[V any](t *testing.T, field string, got, want V) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", field, got, want)
	}
}

func utcTime(y int, mo time.Month, d, h, mi, s, us int) time.Time {
	return time.Date(y, mo, d, h, mi, s, us*1000, time.UTC)
}

func checkWSTime(t *testing.T, field string, got WSTime, want time.Time, naive bool) {
	t.Helper()
	if !got.Equal(want) || got.Naive != naive {
		t.Errorf("%s = %v (naive %v), want %v (naive %v)", field, got.Time, got.Naive, want, naive)
	}
}

func wsFixtures() []wsFixture {
	return []wsFixture{
		{"status", checkStatus(MsgStatus, "running")},
		{"warning", checkStatus(MsgWarning, "Dry run is enabled. All trades are simulated.")},
		{"startup", func(t *testing.T, m Message) {
			s := asMsg[StatusMsg](t, m)
			wantField(t, "type", s.Type, MsgStartup)
			wantField(t, "status prefix", s.Status[:21], "*Exchange:* `binance`")
		}},
		{"exception", func(t *testing.T, m Message) {
			e := asMsg[ExceptionMsg](t, m)
			wantField(t, "type", e.Type, MsgException)
			wantField(t, "status prefix", e.Status[:24], "*OperationalException:*\n")
			wantField(t, "data", e.Data, "")
		}},
		{"exception_request", func(t *testing.T, m Message) {
			e := asMsg[ExceptionMsg](t, m)
			wantField(t, "data", e.Data, "Error processing request")
			wantField(t, "status", e.Status, "")
		}},
		{"entry", checkEntry},
		{"entry_fill", checkEntryFill},
		{"entry_cancel", checkEntryCancel},
		{"exit", checkExit},
		{"exit_fill", checkExitFill},
		{"exit_cancel", checkExitCancel},
		{"protection_trigger", checkProtection},
		{"protection_trigger_global", checkProtectionGlobal},
		{"strategy_msg", func(t *testing.T, m Message) {
			wantField(t, "msg", asMsg[StrategyMsg](t, m).Msg, "RSI crossed 30 on BTC/USDT")
		}},
		{"whitelist", func(t *testing.T, m Message) {
			w := asMsg[WhitelistMsg](t, m)
			wantField(t, "type", w.Type, MsgWhitelist)
			wantField(t, "data", w.Data, []string{"BTC/USDT", "ETH/USDT"})
		}},
		{"new_candle", func(t *testing.T, m Message) {
			k := asMsg[NewCandleMsg](t, m).Data
			wantField(t, "key", [3]string{k.Pair(), k.Timeframe(), k.CandleType()}, [3]string{"BTC/USDT", "5m", "spot"})
		}},
		{"analyzed_df", checkAnalyzedDF},
		{"freqdeck_log", checkLog},
		{"unknown", func(t *testing.T, m Message) {
			r := asMsg[RawMsg](t, m)
			wantField(t, "type", r.Type, MessageType("market_direction"))
			var back map[string]any
			if err := json.Unmarshal(r.Raw, &back); err != nil {
				t.Fatal(err)
			}
			wantField(t, "raw data", back["data"], any(map[string]any{"direction": "long"}))
		}},
	}
}

func checkStatus(typ MessageType, status string) func(*testing.T, Message) {
	return func(t *testing.T, m Message) {
		s := asMsg[StatusMsg](t, m)
		wantField(t, "type", s.Type, typ)
		wantField(t, "status", s.Status, status)
	}
}

func checkEntry(t *testing.T, m Message) {
	e := asMsg[EntryMsg](t, m)
	wantField(t, "type", e.Type, MsgEntry)
	wantField(t, "trade_id", e.TradeID, 7)
	wantField(t, "enter_tag", e.EnterTag, Ptr("rsi_cross"))
	wantField(t, "buy_tag", e.BuyTag, Ptr("rsi_cross"))
	wantField(t, "exchange", e.Exchange, "Binance")
	wantField(t, "leverage", e.Leverage, Ptr(1.0))
	wantField(t, "direction", e.Direction, "Long")
	wantField(t, "order_rate", e.OrderRate, 3012.5)
	wantField(t, "amount", e.Amount, 0.0332)
	wantField(t, "fiat_currency", e.FiatCurrency, Ptr("USD"))
	wantField(t, "current_rate", e.CurrentRate, Ptr(3012.6))
	wantField(t, "sub_trade", e.SubTrade, false)
	checkWSTime(t, "open_date", e.OpenDate, utcTime(2024, 5, 1, 12, 0, 0, 512344), false)
}

func checkEntryFill(t *testing.T, m Message) {
	e := asMsg[EntryMsg](t, m)
	wantField(t, "type", e.Type, MsgEntryFill)
	wantField(t, "enter_tag", e.EnterTag, (*string)(nil))
	wantField(t, "leverage", e.Leverage, (*float64)(nil))
	wantField(t, "fiat_currency", e.FiatCurrency, (*string)(nil))
	wantField(t, "current_rate", e.CurrentRate, (*float64)(nil))
	wantField(t, "direction", e.Direction, "Short")
	wantField(t, "amount", e.Amount, 0.03316)
	wantField(t, "sub_trade", e.SubTrade, true)
	checkWSTime(t, "open_date", e.OpenDate, utcTime(2024, 5, 1, 12, 0, 0, 0), false)
}

func checkEntryCancel(t *testing.T, m Message) {
	e := asMsg[EntryCancelMsg](t, m)
	wantField(t, "type", e.Type, MsgEntryCancel)
	wantField(t, "trade_id", e.TradeID, 8)
	wantField(t, "reason", e.Reason, "cancelled due to timeout")
	wantField(t, "pair", e.Pair, "BTC/USDT")
	checkWSTime(t, "open_date", e.OpenDate, utcTime(2024, 5, 1, 11, 55, 0, 250000), true)
}

func checkExit(t *testing.T, m Message) {
	e := asMsg[ExitMsg](t, m)
	wantField(t, "type", e.Type, MsgExit)
	wantField(t, "gain", e.Gain, "loss")
	wantField(t, "profit_amount", e.ProfitAmount, -0.85)
	wantField(t, "exit_reason", e.ExitReason, Ptr("stop_loss"))
	wantField(t, "current_rate", e.CurrentRate, Ptr(2990.4))
	wantField(t, "final_profit_ratio", e.FinalProfitRatio, (*float64)(nil))
	wantField(t, "is_final_exit", e.IsFinalExit, false)
	checkWSTime(t, "close_date", e.CloseDate, utcTime(2024, 5, 1, 13, 10, 0, 0), false)
}

func checkExitFill(t *testing.T, m Message) {
	e := asMsg[ExitMsg](t, m)
	wantField(t, "type", e.Type, MsgExitFill)
	wantField(t, "trade_id", e.TradeID, 7)
	wantField(t, "gain", e.Gain, "profit")
	wantField(t, "close_rate", e.CloseRate, 3075.0)
	wantField(t, "current_rate", e.CurrentRate, (*float64)(nil))
	wantField(t, "profit_ratio", e.ProfitRatio, 0.0182)
	wantField(t, "exit_reason", e.ExitReason, Ptr("roi"))
	wantField(t, "cumulative_profit", e.CumulativeProfit, 1.8)
	wantField(t, "final_profit_ratio", e.FinalProfitRatio, Ptr(0.0182))
	wantField(t, "is_final_exit", e.IsFinalExit, true)
	checkWSTime(t, "open_date", e.OpenDate, utcTime(2024, 5, 1, 12, 0, 0, 512344), false)
	checkWSTime(t, "close_date", e.CloseDate, utcTime(2024, 5, 1, 14, 5, 0, 0), false)
}

func checkExitCancel(t *testing.T, m Message) {
	e := asMsg[ExitCancelMsg](t, m)
	wantField(t, "type", e.Type, MsgExitCancel)
	wantField(t, "reason", e.Reason, "cancelled by user")
	wantField(t, "gain", e.Gain, "profit")
	wantField(t, "profit_amount", e.ProfitAmount, 0.9)
	wantField(t, "exit_reason", e.ExitReason, Ptr("force_exit"))
	wantField(t, "leverage", e.Leverage, Ptr(2.0))
	checkWSTime(t, "open_date", e.OpenDate, utcTime(2024, 5, 1, 10, 0, 0, 0), true)
	checkWSTime(t, "close_date", e.CloseDate, utcTime(2024, 5, 1, 12, 30, 0, 1), true)
}

func checkProtection(t *testing.T, m Message) {
	p := asMsg[ProtectionMsg](t, m)
	wantField(t, "type", p.Type, MsgProtectionTrigger)
	wantField(t, "base_currency", p.BaseCurrency, Ptr("ETH"))
	wantField(t, "lock", p.Lock, Lock{
		ID: 3, Active: true, Pair: "ETH/BTC", Side: "long", Reason: Ptr("StoplossGuard"),
		LockTime: "2024-05-01 12:00:00", LockTimestamp: 1714564800000,
		LockEndTime: "2024-05-01 12:20:00", LockEndTimestamp: 1714566000000,
	})
}

func checkProtectionGlobal(t *testing.T, m Message) {
	p := asMsg[ProtectionMsg](t, m)
	wantField(t, "type", p.Type, MsgProtectionTriggerGlobal)
	wantField(t, "base_currency", p.BaseCurrency, (*string)(nil))
	wantField(t, "pair", p.Pair, "*")
	wantField(t, "side", p.Side, "*")
	wantField(t, "reason", p.Reason, (*string)(nil))
	wantField(t, "lock_end_timestamp", p.LockEndTimestamp, int64(1714568400000))
}

func checkAnalyzedDF(t *testing.T, m Message) {
	d := asMsg[AnalyzedDFMsg](t, m).Data
	wantField(t, "key", d.Key, PairKey{"BTC/USDT", "5m", "spot"})
	checkWSTime(t, "la", d.LA, utcTime(2024, 5, 1, 12, 5, 1, 120000), false)
	df := d.DF
	wantField(t, "columns", df.Columns, []string{"date", "open", "high", "low", "close", "volume", "rsi", "enter_long"})
	wantField(t, "index", df.Index, []int64{498, 499})
	if len(df.Data) != 2 {
		t.Fatalf("rows = %d, want 2", len(df.Data))
	}
	last := df.Data[1]
	wantField(t, "date", FromMillis(int64(last[df.Column("date")].(float64))), utcTime(2024, 5, 1, 12, 0, 0, 0))
	wantField(t, "close", last[df.Column("close")], any(63050.0))
	wantField(t, "rsi (NaN) row 0", df.Data[0][df.Column("rsi")], nil)
	wantField(t, "enter_long", last[df.Column("enter_long")], any(1.0))
}

func checkLog(t *testing.T, m Message) {
	l := asMsg[LogMsg](t, m)
	wantField(t, "type", l.Type, MsgLog)
	if len(l.Data) != 2 {
		t.Fatalf("rows = %d, want 2", len(l.Data))
	}
	wantField(t, "row 0", l.Data[0], LogRow{
		Date: "2024-05-01 12:00:00", Timestamp: 1714564800123.456, Logger: "freqtrade.worker",
		Level: "INFO", Message: "Bot heartbeat. PID=1, version='2024.4', state='RUNNING'",
	})
	wantField(t, "row 1 level", l.Data[1].Level, "WARNING")
}

func TestDecodeMessageFixtures(t *testing.T) {
	t.Parallel()
	for _, fx := range wsFixtures() {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			m, err := DecodeMessage(loadWSFixture(t, fx.name))
			if err != nil {
				t.Fatalf("DecodeMessage: %v", err)
			}
			fx.check(t, m)
		})
	}
}

func TestDecodeMessageCoversEveryType(t *testing.T) {
	t.Parallel()
	seen := map[MessageType]bool{}
	for _, fx := range wsFixtures() {
		m, err := DecodeMessage(loadWSFixture(t, fx.name))
		if err != nil {
			t.Fatalf("%s: %v", fx.name, err)
		}
		seen[m.MessageType()] = true
	}
	for _, typ := range append(StandardMessageTypes(), MsgLog) {
		if !seen[typ] {
			t.Errorf("no fixture for %q", typ)
		}
	}
}

func TestDecodeMessageErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"not json":        `{"type": "status"`,
		"array":           `["status"]`,
		"null":            `null`,
		"no type":         `{"status": "running"}`,
		"type not string": `{"type": 5}`,
		"bad payload":     `{"type": "entry", "trade_id": "seven"}`,
		"bad dataframe":   `{"type": "analyzed_df", "data": {"key": ["a","b","c"], "df": {"__type__": "series", "__value__": "{}"}}}`,
		"bad log row":     `{"type": "freqdeck_log", "data": [["only", "three", "items"]]}`,
	}
	for name, frame := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := DecodeMessage([]byte(frame))
			if !errors.Is(err, ErrBadMessage) {
				t.Fatalf("err = %v, want ErrBadMessage", err)
			}
			if m != nil {
				t.Errorf("message = %#v, want nil", m)
			}
		})
	}
}

func knownType(t MessageType) bool { return t.IsStandard() || t == MsgLog }

func FuzzDecodeMessage(f *testing.F) {
	for _, fx := range wsFixtures() {
		f.Add(loadWSFixture(f, fx.name), fx.name)
	}
	f.Add([]byte(`{"type": null}`), "")
	f.Add([]byte(`{"type": "entry", "open_date": "yesterday"}`), "entry")
	f.Add([]byte{0xff, '{'}, "\x00")
	f.Fuzz(func(t *testing.T, frame []byte, typ string) {
		m, err := DecodeMessage(frame)
		switch {
		case err != nil && !errors.Is(err, ErrBadMessage):
			t.Fatalf("error %v does not wrap ErrBadMessage", err)
		case err == nil && m == nil:
			t.Fatal("nil message without an error")
		}
		// An object whose "type" is a string this package does not know is
		// kept as a RawMsg, whatever else it holds. (json.Marshal turns invalid
		// UTF-8 into U+FFFD, so the type sent is typ as JSON carries it.)
		var sent string
		if err := json.Unmarshal(jsonOf(t, typ), &sent); err != nil {
			t.Fatal(err)
		}
		if knownType(MessageType(sent)) {
			return
		}
		payload := json.RawMessage(frame)
		if !json.Valid(frame) {
			payload = jsonOf(t, string(frame))
		}
		m, err = DecodeMessage(jsonOf(t, map[string]any{"type": sent, "data": payload}))
		if err != nil {
			t.Fatalf("unknown type %q: %v", sent, err)
		}
		if raw, ok := m.(RawMsg); !ok || raw.Type != MessageType(sent) {
			t.Fatalf("unknown type %q decoded as %#v", sent, m)
		}
	})
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
