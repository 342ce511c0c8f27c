package server

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
)

// TestRequestModelsFromTags pins the models derived from apiclient's tags
// to freqtrade's payloads (freqtrade-api.md §2.2, §2.4).
func TestRequestModelsFromTags(t *testing.T) {
	t.Parallel()
	def := func(s string) *string { return &s }
	type f struct {
		name     string
		kind     kind
		required bool
		def      *string
		enum     []string
	}
	cases := []struct {
		typ  any
		want []f
	}{
		{apiclient.ForceEnterRequest{}, []f{{"pair", kindStr, true, nil, nil}, {"side", kindStr, false, def("long"), []string{"long", "short"}},
			{"price", kindFloat, false, nil, nil}, {"ordertype", kindStr, false, nil, []string{"limit", "market"}},
			{"stakeamount", kindFloat, false, nil, nil}, {"entry_tag", kindStr, false, nil, nil}, {"leverage", kindFloat, false, nil, nil}}},
		{apiclient.ForceExitRequest{}, []f{{"tradeid", kindTradeRef, true, nil, nil}, {"ordertype", kindStr, false, nil, []string{"limit", "market"}},
			{"amount", kindFloat, false, nil, nil}, {"price", kindFloat, false, nil, nil}}},
		{apiclient.LockRequest{}, []f{{"pair", kindStr, true, nil, nil}, {"side", kindStr, false, def("*"), nil},
			{"until", kindAwareTime, true, nil, nil}, {"reason", kindStr, false, nil, nil}}},
		{apiclient.DeleteLocksRequest{}, []f{{"pair", kindStr, false, nil, nil}, {"lockid", kindInt, false, nil, nil}}},
		{apiclient.BlacklistRequest{}, []f{{"blacklist", kindStrList, true, nil, nil}}},
		{apiclient.PairCandlesRequest{}, []f{{"pair", kindStr, true, nil, nil}, {"timeframe", kindStr, true, nil, nil},
			{"limit", kindInt, false, nil, nil}, {"columns", kindStrList, false, nil, nil}}},
	}
	for _, tc := range cases {
		fields, err := modelOf(reflect.TypeOf(tc.typ))
		if err != nil {
			t.Fatal(err)
		}
		var got []f
		for _, x := range fields {
			got = append(got, f{x.name, x.kind, x.required, x.def, x.enum})
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%T:\n got %+v\nwant %+v", tc.typ, got, tc.want)
		}
	}
}

// TestBadRequestModelFailsNew: a field type the validator does not know is
// refused when the route table is built, not on a request.
func TestBadRequestModelFailsNew(t *testing.T) {
	t.Parallel()
	type odd struct {
		When map[string]int `json:"when"`
	}
	err := checkModels([]route{mk(post, "/x", protected, nil).in([]odd{})})
	if err == nil || !strings.Contains(err.Error(), "field when: unsupported type map[string]int") {
		t.Fatalf("error %v", err)
	}
	type typo struct {
		At string `json:"at" pydantic:"type=Datetime"`
	}
	if err := checkModels([]route{mk(post, "/x", protected, nil).in(typo{})}); err == nil {
		t.Fatal("an unknown type= override passed")
	}
}

// TestExtraDataAfterBody: text after the JSON value is json_invalid, at the
// offset where it starts, as Python's json reports it.
func TestExtraDataAfterBody(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	got := problems(t, s, post, "/api/v1/blacklist", `{"blacklist": []} x`)
	want := []map[string]any{{"type": "json_invalid", "loc": []any{"body", 18}, "msg": "JSON decode error",
		"input": map[string]any{}, "ctx": map[string]any{"error": "Extra data"}}}
	if !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, want)) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	wantJSON(t, authed(t, s, post, "/api/v1/blacklist", `{"blacklist": ["A/B"]}`+"\n"), http.StatusOK, nil)
	if n := len(bot.CallsTo("AddBlacklist")); n != 1 {
		t.Fatalf("%d calls", n)
	}
}

// TestOpenAPIRequestSchemasFollowTags: the OpenAPI schema of a request body
// says what its validator enforces.
func TestOpenAPIRequestSchemasFollowTags(t *testing.T) {
	t.Parallel()
	g := newSchemaGen()
	g.schema(reflect.TypeFor[apiclient.LockRequest]())
	lock := g.schemas["LockRequest"].(map[string]any)
	props := lock["properties"].(map[string]any)
	if !reflect.DeepEqual(lock["required"], []string{"pair", "until"}) {
		t.Errorf("required %v", lock["required"])
	}
	if side := props["side"].(map[string]any); side["default"] != "*" {
		t.Errorf("side %v", side)
	}
	if until := props["until"].(map[string]any); until["format"] != "date-time" {
		t.Errorf("until %v", until)
	}
	g.schema(reflect.TypeFor[apiclient.ForceEnterRequest]())
	fe := g.schemas["ForceEnterRequest"].(map[string]any)["properties"].(map[string]any)
	if ot := fe["ordertype"].(map[string]any); !reflect.DeepEqual(ot["enum"], []string{"limit", "market"}) || ot["nullable"] != true {
		t.Errorf("ordertype %v", ot)
	}
}
