package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestOpenAPICoversRoutes: every route of the table is in the document,
// with its method, path parameters and security.
func TestOpenAPICoversRoutes(t *testing.T) {
	t.Parallel()
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
		Comps   struct {
			Schemas         map[string]map[string]any `json:"schemas"`
			SecuritySchemes map[string]any            `json:"securitySchemes"`
		} `json:"components"`
	}
	s := fetchOpenAPI(t, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	for _, rt := range s.routes {
		op := doc.Paths[openAPIPath(rt.path)][strings.ToLower(rt.method)]
		if op == nil {
			t.Errorf("%s missing from the document", rt.pattern())
			continue
		}
		params, _ := op["parameters"].([]any)
		for _, name := range pathParams(rt.path) {
			if !hasParam(params, name, "path") {
				t.Errorf("%s: path parameter %s undocumented", rt.pattern(), name)
			}
		}
		for _, q := range rt.query {
			if !hasParam(params, q.name, "query") {
				t.Errorf("%s: query parameter %s undocumented", rt.pattern(), q.name)
			}
		}
		if sec, _ := op["security"].([]any); rt.access == protected && len(sec) != 2 {
			t.Errorf("%s: security %v", rt.pattern(), sec)
		}
	}
	for _, name := range []string{"HTTPBasic", "HTTPBearer", "WSToken"} {
		if doc.Comps.SecuritySchemes[name] == nil {
			t.Errorf("security scheme %s missing", name)
		}
	}
	// Schemas come from the apiclient types: OpenTradeSchema has 73 keys,
	// and pointers are nullable.
	props, _ := doc.Comps.Schemas["OpenTrade"]["properties"].(map[string]any)
	if len(props) != 73 {
		t.Errorf("OpenTrade has %d properties, want 73", len(props))
	}
	cr, _ := props["current_rate"].(map[string]any)
	if cr["type"] != "number" || cr["nullable"] != true {
		t.Errorf("current_rate schema %v", cr)
	}
	if tid, _ := props["trade_id"].(map[string]any); tid["type"] != "integer" || tid["nullable"] != nil {
		t.Errorf("trade_id schema %v", tid)
	}
}

// TestOpenAPIShowsConstraints: the caps and bounds the validator enforces
// are in the document, from the same declarations.
func TestOpenAPIShowsConstraints(t *testing.T) {
	t.Parallel()
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters  []map[string]any `json:"parameters"`
			RequestBody struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
		Comps struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	fetchOpenAPI(t, &doc)
	param := func(path, name string) map[string]any {
		for _, p := range doc.Paths[path]["get"].Parameters {
			if p["name"] == name {
				schema, _ := p["schema"].(map[string]any)
				return schema
			}
		}
		return nil
	}
	for path, want := range map[string]string{
		"/api/v1/daily":        `{"default":7,"maximum":365,"minimum":1,"type":"integer"}`,
		"/api/v1/monthly":      `{"default":3,"maximum":365,"minimum":1,"type":"integer"}`,
		"/api/v1/trades":       `{"default":500,"maximum":500,"minimum":1,"type":"integer"}`,
		"/api/v1/logs":         `{"maximum":1000,"minimum":0,"type":"integer"}`,
		"/api/v1/pair_candles": `{"maximum":1500,"minimum":0,"type":"integer"}`,
	} {
		name := "limit"
		if strings.HasSuffix(path, "ly") {
			name = "timescale"
		}
		if got := toJSON(t, param(path, name)); got != want {
			t.Errorf("%s %s: %s, want %s", path, name, got, want)
		}
	}
	props, _ := doc.Comps.Schemas["ForceEnterRequest"]["properties"].(map[string]any)
	if got := toJSON(t, props["stakeamount"]); got != `{"exclusiveMinimum":true,"minimum":0,"nullable":true,"type":"number"}` {
		t.Errorf("stakeamount: %s", got)
	}
	locks := doc.Paths["/api/v1/locks"]["post"].RequestBody.Content[contentTypeJSON].Schema
	if locks["maxItems"] != float64(maxListItems) {
		t.Errorf("POST /locks body: %v", locks)
	}
}

// fetchOpenAPI decodes the document of a server with it enabled into out.
func fetchOpenAPI(t *testing.T, out any) *Server {
	t.Helper()
	cfg := testConfig()
	cfg.EnableOpenAPI = true
	s, _ := newTestServer(t, cfg)
	wantJSON(t, request(t, s, get, "/openapi.json", ""), http.StatusOK, out)
	return s
}

func hasParam(params []any, name, in string) bool {
	for _, p := range params {
		m, _ := p.(map[string]any)
		if m["name"] == name && m["in"] == in {
			return true
		}
	}
	return false
}

// TestDocsPage: /docs is self-contained and loads /openapi.json.
func TestDocsPage(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.EnableOpenAPI = true
	s, _ := newTestServer(t, cfg)
	rec := request(t, s, get, "/docs", "")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, `fetch("openapi.json")`) {
		t.Fatalf("docs: %d", rec.Code)
	}
	for _, cdn := range []string{"https://", "http://", "//cdn", "<script src", "<link"} {
		if strings.Contains(body, cdn) {
			t.Errorf("docs page references %q: it must work offline", cdn)
		}
	}
}

// TestOpenAPIDisabled: both routes are 404 by default.
func TestOpenAPIDisabled(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	wantDetail(t, request(t, s, get, "/openapi.json", ""), http.StatusNotFound, "Not Found")
	wantDetail(t, request(t, s, get, "/docs", ""), http.StatusNotFound, "Not Found")
}
