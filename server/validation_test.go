package server

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// problems decodes a 422 body.
func problems(t *testing.T, s http.Handler, method, target, body string) []map[string]any {
	t.Helper()
	var vb struct {
		Detail []map[string]any `json:"detail"`
	}
	wantJSON(t, authed(t, s, method, target, body), http.StatusUnprocessableEntity, &vb)
	return vb.Detail
}

// jsonValue normalises a Go literal to what a decoded JSON body holds.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestQueryValidation: pydantic v2 bodies for bad query and path values.
func TestQueryValidation(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	cases := []struct {
		target string
		want   []map[string]any
	}{
		{"/api/v1/daily?timescale=0", []map[string]any{{"type": "greater_than_equal", "loc": []any{"query", "timescale"},
			"msg": "Input should be greater than or equal to 1", "input": "0", "ctx": map[string]any{"ge": 1}}}},
		{"/api/v1/weekly?timescale=abc", []map[string]any{{"type": "int_parsing", "loc": []any{"query", "timescale"},
			"msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}}},
		{"/api/v1/trades?limit=0&offset=-1&order_by_id=maybe", []map[string]any{
			{"type": "greater_than_equal", "loc": []any{"query", "limit"}, "msg": "Input should be greater than or equal to 1", "input": "0", "ctx": map[string]any{"ge": 1}},
			{"type": "greater_than_equal", "loc": []any{"query", "offset"}, "msg": "Input should be greater than or equal to 0", "input": "-1", "ctx": map[string]any{"ge": 0}},
			{"type": "bool_parsing", "loc": []any{"query", "order_by_id"}, "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"},
		}},
		{"/api/v1/pair_candles?limit=x", []map[string]any{
			{"type": "missing", "loc": []any{"query", "pair"}, "msg": "Field required", "input": nil},
			{"type": "missing", "loc": []any{"query", "timeframe"}, "msg": "Field required", "input": nil},
			{"type": "int_parsing", "loc": []any{"query", "limit"}, "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"},
		}},
		{"/api/v1/trade/abc", []map[string]any{{"type": "int_parsing", "loc": []any{"path", "tradeid"},
			"msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}}},
		{"/api/v1/logs?limit=", []map[string]any{{"type": "int_parsing", "loc": []any{"query", "limit"},
			"msg": "Input should be a valid integer, unable to parse string as an integer", "input": ""}}},
		{"/api/v1/markets?trading_mode=spots", []map[string]any{{"type": "enum", "loc": []any{"query", "trading_mode"},
			"msg": "Input should be 'spot', 'margin' or 'futures'", "input": "spots", "ctx": map[string]any{"expected": "'spot', 'margin' or 'futures'"}}}},
	}
	for _, tc := range cases {
		if got := problems(t, s, get, tc.target, ""); !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, tc.want)) {
			t.Errorf("%s:\n got %v\nwant %v", tc.target, got, tc.want)
		}
	}
	for _, del := range []string{"/api/v1/trades/x", "/api/v1/locks/x", "/api/v1/trades/x/open-order"} {
		problems(t, s, http.MethodDelete, del, "")
	}
	if calls := bot.Calls(); len(calls) != 0 {
		t.Fatalf("invalid requests reached the bot: %v", calls)
	}
}

// TestBodyValidation: pydantic v2 bodies for bad JSON bodies.
func TestBodyValidation(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	cases := []struct {
		target, body string
		want         []map[string]any
	}{
		{"/api/v1/forceenter", "", []map[string]any{{"type": "missing", "loc": []any{"body"}, "msg": "Field required", "input": nil}}},
		{"/api/v1/forceenter", `{"pair": `, []map[string]any{{"type": "json_invalid", "loc": []any{"body", 9}, "msg": "JSON decode error",
			"input": map[string]any{}, "ctx": map[string]any{"error": "unexpected EOF"}}}},
		{"/api/v1/forceenter", `{"side": "sideways", "price": "cheap", "leverage": true}`, []map[string]any{
			{"type": "missing", "loc": []any{"body", "pair"}, "msg": "Field required", "input": map[string]any{"side": "sideways", "price": "cheap", "leverage": true}},
			{"type": "enum", "loc": []any{"body", "side"}, "msg": "Input should be 'long' or 'short'", "input": "sideways", "ctx": map[string]any{"expected": "'long' or 'short'"}},
			{"type": "float_parsing", "loc": []any{"body", "price"}, "msg": "Input should be a valid number, unable to parse string as a number", "input": "cheap"},
			{"type": "float_type", "loc": []any{"body", "leverage"}, "msg": "Input should be a valid number", "input": true},
		}},
		{"/api/v1/forceenter", `[1]`, []map[string]any{{"type": "model_attributes_type", "loc": []any{"body"},
			"msg": "Input should be a valid dictionary or object to extract fields from", "input": []any{1}}}},
		{"/api/v1/forceexit", `{"tradeid": null, "ordertype": "stop"}`, []map[string]any{
			{"type": "string_type", "loc": []any{"body", "tradeid", "str"}, "msg": "Input should be a valid string", "input": nil},
			{"type": "int_type", "loc": []any{"body", "tradeid", "int"}, "msg": "Input should be a valid integer", "input": nil},
			{"type": "enum", "loc": []any{"body", "ordertype"}, "msg": "Input should be 'limit' or 'market'", "input": "stop", "ctx": map[string]any{"expected": "'limit' or 'market'"}},
		}},
		{"/api/v1/locks", `{"pair": "X/Y"}`, []map[string]any{{"type": "list_type", "loc": []any{"body"}, "msg": "Input should be a valid list", "input": map[string]any{"pair": "X/Y"}}}},
		{"/api/v1/locks", `[{"pair": "X/Y", "until": "2024-05-01 12:00:00"}, {"pair": 5, "until": "soon"}]`, []map[string]any{
			{"type": "timezone_aware", "loc": []any{"body", 0, "until"}, "msg": "Input should have timezone info", "input": "2024-05-01 12:00:00"},
			{"type": "string_type", "loc": []any{"body", 1, "pair"}, "msg": "Input should be a valid string", "input": 5},
			{"type": "datetime_from_date_parsing", "loc": []any{"body", 1, "until"}, "msg": "Input should be a valid datetime or date, invalid datetime format", "input": "soon"},
		}},
		{"/api/v1/locks/delete", `{"lockid": 1.5}`, []map[string]any{{"type": "int_from_float", "loc": []any{"body", "lockid"},
			"msg": "Input should be a valid integer, got a number with a fractional part", "input": 1.5}}},
		{"/api/v1/blacklist", `{"blacklist": ["A/B", 3]}`, []map[string]any{{"type": "string_type", "loc": []any{"body", "blacklist", 1},
			"msg": "Input should be a valid string", "input": 3}}},
		{"/api/v1/blacklist", `{"blacklist": "A/B"}`, []map[string]any{{"type": "list_type", "loc": []any{"body", "blacklist"},
			"msg": "Input should be a valid list", "input": "A/B"}}},
		{"/api/v1/pair_candles", `{"pair": "A/B", "limit": "ten"}`, []map[string]any{
			{"type": "missing", "loc": []any{"body", "timeframe"}, "msg": "Field required", "input": map[string]any{"pair": "A/B", "limit": "ten"}},
			{"type": "int_parsing", "loc": []any{"body", "limit"}, "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "ten"},
		}},
	}
	for _, tc := range cases {
		if got := problems(t, s, post, tc.target, tc.body); !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, tc.want)) {
			t.Errorf("%s %s:\n got %v\nwant %v", tc.target, tc.body, got, tc.want)
		}
	}
	if calls := bot.Calls(); len(calls) != 0 {
		t.Fatalf("invalid requests reached the bot: %v", calls)
	}
}

// TestLaxCoercion: pydantic's lax mode accepts numeric strings and
// integral floats; unknown fields are ignored.
func TestLaxCoercion(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	wantJSON(t, authed(t, s, post, "/api/v1/locks/delete", `{"lockid": "1", "extra": [1]}`), http.StatusOK, nil)
	wantJSON(t, authed(t, s, post, "/api/v1/forceexit", `{"tradeid": 1.0, "amount": "0.25"}`), http.StatusOK, nil)
	calls := bot.CallsTo("ForceExit")
	if got := calls[0].Args[0]; !strings.Contains(toJSON(t, got), `"tradeid":"1","amount":0.25`) {
		t.Fatalf("force exit args %s", toJSON(t, got))
	}
}

// TestBodyTooLarge: bodies over the limit are refused.
func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig(), WithMaxBodyBytes(64))
	big := `{"blacklist": ["` + strings.Repeat("A", 100) + `"]}`
	rec := authed(t, s, post, "/api/v1/blacklist", big)
	wantDetail(t, rec, http.StatusRequestEntityTooLarge, "Request body too large")
	if len(bot.Calls()) != 0 {
		t.Fatal("oversized body reached the bot")
	}
}

func toJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
