package server

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestNaNIsNull: NaN and ±Inf anywhere in an answer are written as null.
func TestNaNIsNull(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	bot.Update(func(f *rpctest.Fixtures) {
		nan, inf := math.NaN(), math.Inf(1)
		f.Profit.ProfitFactor = &inf
		f.Profit.Sharpe = nan
		f.Profit.Sortino = math.Inf(-1)
		f.Profit.TradingVolume = &nan
		f.OpenTrades[0].CurrentRate = &nan
		f.PairHistory.Data[0][1] = nan
	})
	var raw map[string]any
	wantJSON(t, authed(t, s, get, "/api/v1/profit", ""), http.StatusOK, &raw)
	for _, k := range []string{"profit_factor", "sharpe", "sortino", "trading_volume"} {
		if v, ok := raw[k]; !ok || v != nil {
			t.Errorf("%s = %v, want null", k, v)
		}
	}
	if raw["winrate"] != 1.0 {
		t.Errorf("winrate %v: other fields must survive", raw["winrate"])
	}
	var trades []map[string]any
	wantJSON(t, authed(t, s, get, "/api/v1/status", ""), http.StatusOK, &trades)
	if v, ok := trades[0]["current_rate"]; !ok || v != nil || trades[0]["open_rate"] != 0.123 {
		t.Errorf("current_rate %v open_rate %v", v, trades[0]["open_rate"])
	}
	var ph apiclient.PairHistory
	wantJSON(t, authed(t, s, get, "/api/v1/pair_candles?pair=A/B&timeframe=5m", ""), http.StatusOK, &ph)
	if ph.Data[0][1] != nil || ph.Data[1][1] != 0.1238 {
		t.Errorf("candle cells %v", ph.Data)
	}
}

// TestSanitizedMatchesStdlib: on values without NaN, the fallback encoder
// writes exactly what encoding/json writes.
func TestSanitizedMatchesStdlib(t *testing.T) {
	t.Parallel()
	fx := rpctest.DefaultFixtures()
	values := []any{
		fx, fx.OpenTrades, fx.ClosedTrades, fx.Profit, fx.ShowConfig, fx.Logs, fx.PairHistory, fx.AnalyzedDF,
		fx.ForceEnter, apiclient.ForceEnterResult{Status: "x"}, fx.Health, fx.CustomData, fx.Markets,
		apiclient.ForceEnterRequest{Pair: "A/B"}, map[string]any{"a": []any{1.5, "x", nil, true}},
		apiclient.EntryMsg{Type: apiclient.MsgEntry}, struct {
			A float32 `json:"a,omitempty"`
			B *int    `json:"-"`
			c int
		}{A: 1.25},
	}
	for i, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		got, err := marshalSanitized(v)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("value %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestMarshalerWithNaN: a custom marshaler holding NaN is scrubbed.
func TestMarshalerWithNaN(t *testing.T) {
	t.Parallel()
	row := apiclient.LogRow{Date: "d", Timestamp: math.NaN(), Logger: "l", Level: "INFO", Message: "m"}
	df := apiclient.DataFrame{Columns: []string{"a"}, Index: []int64{0}, Data: [][]any{{math.Inf(1)}}}
	got, err := marshalJSON([]any{row, df})
	if err != nil {
		t.Fatal(err)
	}
	want := `[["d",0,"l","INFO","m"],{"__type__":"dataframe","__value__":"{\"columns\":[\"a\"],\"index\":[0],\"data\":[[null]]}"}]`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// FuzzSanitize: for any float, the sanitised encoding is valid JSON, equal
// to encoding/json's when the float is finite and null otherwise.
func FuzzSanitize(f *testing.F) {
	for _, seed := range []float64{0, -0.5, 1e300, math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, 0.1} {
		f.Add(seed, "s")
	}
	f.Fuzz(func(t *testing.T, x float64, s string) {
		v := map[string]any{"x": x, "p": &x, "l": []float64{x}, "s": s}
		got, err := marshalJSON(v)
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("invalid JSON %s: %v", got, err)
		}
		finite := !math.IsNaN(x) && !math.IsInf(x, 0)
		if finite != (back["x"] != nil) {
			t.Fatalf("x=%v encoded as %s", x, got)
		}
	})
}
