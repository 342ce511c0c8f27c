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
	num := func(f float64) *float64 { return &f }
	type f struct {
		name     string
		kind     kind
		required bool
		def      *string
		enum     []string
		lim      limits
	}
	pair := limits{minLen: 1, maxLen: 64, pattern: "pair"}
	price := limits{gt: num(0), le: num(1e15)}
	positive := limits{gt: num(0)}
	cases := []struct {
		typ  any
		want []f
	}{
		{apiclient.ForceEnterRequest{}, []f{{"pair", kindStr, true, nil, nil, pair}, {"side", kindStr, false, def("long"), []string{"long", "short"}, limits{}},
			{"price", kindFloat, false, nil, nil, price}, {"ordertype", kindStr, false, nil, []string{"limit", "market"}, limits{}},
			{"stakeamount", kindFloat, false, nil, nil, positive}, {"entry_tag", kindStr, false, nil, nil, limits{cut: 255}},
			{"leverage", kindFloat, false, nil, nil, positive}}},
		{apiclient.ForceExitRequest{}, []f{{"tradeid", kindTradeRef, true, nil, nil, limits{}}, {"ordertype", kindStr, false, nil, []string{"limit", "market"}, limits{}},
			{"amount", kindFloat, false, nil, nil, positive}, {"price", kindFloat, false, nil, nil, price}}},
		{apiclient.LockRequest{}, []f{{"pair", kindStr, true, nil, nil, limits{minLen: 1, maxLen: 64, pattern: "lockpair"}},
			{"side", kindStr, false, def("*"), []string{"*", "long", "short"}, limits{}},
			{"until", kindAwareTime, true, nil, nil, limits{future: true, maxYears: 10}}, {"reason", kindStr, false, nil, nil, limits{cut: 255}}}},
		{apiclient.DeleteLocksRequest{}, []f{{"pair", kindStr, false, nil, nil, limits{maxLen: 64}}, {"lockid", kindInt, false, nil, nil, limits{}}}},
		{apiclient.BlacklistRequest{}, []f{{"blacklist", kindStrList, true, nil, nil, limits{maxLen: 500, itemMaxLen: 255}}}},
		{apiclient.PairCandlesRequest{}, []f{{"pair", kindStr, true, nil, nil, pair}, {"timeframe", kindStr, true, nil, nil, limits{maxLen: 16}},
			{"limit", kindInt, false, nil, nil, limits{ge: num(0), le: num(1500)}}, {"columns", kindStrList, false, nil, nil, limits{maxLen: 500, itemMaxLen: 255}}}},
	}
	for _, tc := range cases {
		fields, err := modelOf(reflect.TypeOf(tc.typ))
		if err != nil {
			t.Fatal(err)
		}
		var got []f
		for _, x := range fields {
			got = append(got, f{x.name, x.kind, x.required, x.def, x.enum, x.lim})
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
	// Constraints that do not parse, or do not fit the field's type.
	for _, tc := range []struct {
		typ reflect.Type
		tag string
	}{
		{reflect.TypeFor[float64](), "max_length=3"}, {reflect.TypeFor[string](), "gt=0"},
		{reflect.TypeFor[float64](), "le=lots"}, {reflect.TypeFor[string](), "pattern=email"},
		{reflect.TypeFor[string](), "maxlen=3"}, {reflect.TypeFor[string](), "future"},
		{reflect.TypeFor[[]string](), "min_length=1"}, {reflect.TypeFor[int](), "max_length=0"},
	} {
		body := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "X", Type: tc.typ,
			Tag: reflect.StructTag(`json:"x" pydantic:"` + tc.tag + `"`)}})).Elem().Interface()
		if err := checkModels([]route{mk(post, "/x", protected, nil).in(body)}); err == nil {
			t.Errorf("%s on %s passed", tc.tag, tc.typ)
		}
	}
}

// TestPyFloat: float bounds in ctx are Python floats.
func TestPyFloat(t *testing.T) {
	t.Parallel()
	for f, want := range map[float64]string{0: "0.0", 1e15: "1000000000000000.0", 1e16: "1e+16", 0.5: "0.5",
		1.5e-5: "1.5e-05", 1e-4: "0.0001", -2: "-2.0", 1e300: "1e+300"} {
		if got := pyFloat(f); got != want {
			t.Errorf("pyFloat(%g) = %s, want %s", f, got, want)
		}
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
