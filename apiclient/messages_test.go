package apiclient

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestMessagesRoundTrip encodes typed messages as the server does and decodes
// them back with DecodeMessage.
func TestMessagesRoundTrip(t *testing.T) {
	t.Parallel()
	aware := WSTime{Time: utcTime(2024, 5, 1, 12, 0, 0, 512344)}
	naive := WSTime{Time: utcTime(2024, 5, 1, 12, 0, 1, 0), Naive: true}
	base := EntryFields{
		TradeID: 3, EnterTag: Ptr("tag"), Exchange: "Binance", Pair: "ETH/USDT",
		Direction: "Long", OrderRate: 10, OpenRate: 10, OrderType: "limit", OpenDate: aware,
		CurrentRate: Ptr(10.5),
	}
	cancel := base
	cancel.OpenDate = naive
	msgs := []Message{
		StatusMsg{Type: MsgStatus, Status: "stopped"},
		ExceptionMsg{Type: MsgException, Data: "Error processing request"},
		EntryMsg{Type: MsgEntry, EntryFields: base},
		EntryCancelMsg{Type: MsgEntryCancel, EntryFields: cancel, Reason: "timeout"},
		ExitMsg{Type: MsgExitFill, EntryFields: base, Gain: "loss", CloseDate: aware, ExitReason: Ptr("roi")},
		ExitCancelMsg{Type: MsgExitCancel, EntryFields: cancel, CloseDate: naive},
		ProtectionMsg{Type: MsgProtectionTrigger, BaseCurrency: Ptr("ETH"), Lock: Lock{ID: 1, Pair: "ETH/USDT", Side: "*"}},
		StrategyMsg{Type: MsgStrategyMsg, Msg: "hello"},
		WhitelistMsg{Type: MsgWhitelist, Data: []string{"A/B"}},
		NewCandleMsg{Type: MsgNewCandle, Data: PairKey{"A/B", "1h", "futures"}},
		AnalyzedDFMsg{Type: MsgAnalyzedDF, Data: AnalyzedDF{
			Key: PairKey{"A/B", "5m", "spot"}, LA: aware,
			DF: DataFrame{Columns: []string{"date", "close"}, Index: []int64{0}, Data: [][]any{{1714564800000.0, nil}}},
		}},
		LogMsg{Type: MsgLog, Data: []LogRow{{Date: "d", Timestamp: 1.5, Logger: "l", Level: "INFO", Message: "m"}}},
	}
	for _, want := range msgs {
		t.Run(string(want.MessageType()), func(t *testing.T) {
			t.Parallel()
			frame := jsonOf(t, want)
			got, err := DecodeMessage(frame)
			if err != nil {
				t.Fatalf("DecodeMessage(%s): %v", frame, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip:\n got %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestWSTimeEncoding(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   WSTime
		want string
	}{
		{WSTime{Time: utcTime(2024, 5, 1, 12, 0, 1, 123456)}, `"2024-05-01T12:00:01.123456+00:00"`},
		{WSTime{Time: utcTime(2024, 5, 1, 12, 0, 1, 0)}, `"2024-05-01T12:00:01+00:00"`},
		{WSTime{Time: utcTime(2024, 5, 1, 12, 0, 1, 0), Naive: true}, `"2024-05-01T12:00:01"`},
		{WSTime{}, `null`},
	}
	for _, c := range cases {
		if got := string(jsonOf(t, c.in)); got != c.want {
			t.Errorf("marshal %v = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestDataFrameIsDoubleEncoded(t *testing.T) {
	t.Parallel()
	df := DataFrame{Columns: []string{"date"}, Index: []int64{7}, Data: [][]any{{1.0}}}
	var env map[string]any
	if err := json.Unmarshal(jsonOf(t, df), &env); err != nil {
		t.Fatal(err)
	}
	wantField(t, "__type__", env["__type__"], any("dataframe"))
	inner, ok := env["__value__"].(string)
	if !ok {
		t.Fatalf("__value__ is %T, want a string", env["__value__"])
	}
	wantField(t, "__value__", inner, `{"columns":["date"],"index":[7],"data":[[1]]}`)
}

func TestRawMsgMarshalsItsFrame(t *testing.T) {
	t.Parallel()
	frame := []byte(`{"type":"later","x":[1,2]}`)
	m, err := DecodeMessage(frame)
	if err != nil {
		t.Fatal(err)
	}
	wantField(t, "re-encoded", string(jsonOf(t, m)), string(frame))
	wantField(t, "bare", string(jsonOf(t, RawMsg{Type: "later"})), `{"type":"later"}`)
}

func TestWSRequestEncoding(t *testing.T) {
	t.Parallel()
	limit, pair := 100, "BTC/USDT"
	cases := map[string]struct {
		req  WSRequest
		want string
	}{
		"subscribe": {
			WSRequest{Type: ReqSubscribe, Data: jsonOf(t, []MessageType{MsgEntry, MsgExitFill})},
			`{"type":"subscribe","data":["entry","exit_fill"]}`,
		},
		"whitelist": {WSRequest{Type: ReqWhitelist}, `{"type":"whitelist"}`},
		"analyzed_df": {
			WSRequest{Type: ReqAnalyzedDF, Data: jsonOf(t, AnalyzedDFRequest{Limit: &limit, Pair: &pair})},
			`{"type":"analyzed_df","data":{"limit":100,"pair":"BTC/USDT"}}`,
		},
	}
	for name, c := range cases {
		if got := string(jsonOf(t, c.req)); got != c.want {
			t.Errorf("%s: %s, want %s", name, got, c.want)
		}
	}
}

func TestStandardMessageTypes(t *testing.T) {
	t.Parallel()
	types := StandardMessageTypes()
	wantField(t, "count", len(types), 16)
	for _, typ := range types {
		if !typ.IsStandard() {
			t.Errorf("%q is not standard", typ)
		}
	}
	if MsgLog.IsStandard() {
		t.Error("freqdeck_log must not be a standard type")
	}
}
