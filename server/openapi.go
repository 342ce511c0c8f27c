package server

import (
	"net/http"
	"reflect"
	"strings"
)

// openAPIPath turns a mux pattern path into an OpenAPI path ("{x...}" →
// "{x}").
func openAPIPath(p string) string { return strings.ReplaceAll(p, "...}", "}") }

// pathParams returns the wildcard names of a route path.
func pathParams(p string) []string {
	var out []string
	for {
		open := strings.IndexByte(p, '{')
		end := strings.IndexByte(p, '}')
		if open < 0 || end < open {
			return out
		}
		out = append(out, strings.TrimSuffix(p[open+1:end], "..."))
		p = p[end+1:]
	}
}

// intPathParam reports whether a path parameter is an integer.
func intPathParam(name string) bool {
	return name == "tradeid" || name == "trade_id" || name == "lockid"
}

// openAPIDocument builds the OpenAPI 3.0 document of the route table.
func (s *Server) openAPIDocument() map[string]any {
	g := newSchemaGen()
	paths := map[string]any{}
	for _, rt := range s.routes {
		p := openAPIPath(rt.path)
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		item[strings.ToLower(rt.method)] = s.operation(g, rt)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "freqdeck API (freqtrade-compatible)",
			"version":     s.cfg.Version,
			"description": "freqtrade's REST API under /api/v1, served by freqdeck.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": g.schemas,
			"securitySchemes": map[string]any{
				"HTTPBasic":  map[string]any{"type": "http", "scheme": "basic"},
				"HTTPBearer": map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
				"WSToken":    map[string]any{"type": "apiKey", "in": "query", "name": "token"},
			},
		},
	}
}

func (s *Server) operation(g *schemaGen, rt route) map[string]any {
	op := map[string]any{
		"summary":     rt.summary,
		"tags":        []string{rt.tag},
		"operationId": strings.ToLower(rt.method) + strings.NewReplacer("/", "_", "{", "", "}", "", ".", "", "-", "_").Replace(rt.path),
		"security":    routeSecurity(rt),
		"responses":   responses(g, rt),
	}
	if params := parameters(rt); len(params) > 0 {
		op["parameters"] = params
	}
	if rt.body != nil {
		schema := g.schema(reflect.TypeOf(rt.body))
		if rt.maxBody > 0 {
			schema["maxItems"] = rt.maxBody
		}
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			contentTypeJSON: map[string]any{"schema": schema},
		}}
	}
	return op
}

func routeSecurity(rt route) []any {
	switch {
	case rt.access == protected:
		return []any{map[string]any{"HTTPBasic": []string{}}, map[string]any{"HTTPBearer": []string{}}}
	case strings.HasSuffix(rt.path, "/token/login"):
		return []any{map[string]any{"HTTPBasic": []string{}}}
	case strings.HasSuffix(rt.path, "/token/refresh"):
		return []any{map[string]any{"HTTPBearer": []string{}}}
	case strings.HasSuffix(rt.path, "/message/ws"):
		return []any{map[string]any{"WSToken": []string{}}}
	}
	return []any{}
}

func parameters(rt route) []any {
	var out []any
	for _, name := range pathParams(rt.path) {
		typ := "string"
		if intPathParam(name) {
			typ = "integer"
		}
		out = append(out, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": typ}})
	}
	for _, q := range rt.query {
		schema := map[string]any{"type": q.typ}
		if q.def != nil {
			schema["default"] = q.def
		}
		if len(q.enum) > 0 {
			schema["enum"] = q.enum
		}
		if q.array {
			schema = map[string]any{"type": "array", "items": schema}
		}
		q.lim.annotate(schema)
		out = append(out, map[string]any{"name": q.name, "in": "query", "required": q.required, "schema": schema})
	}
	return out
}

func responses(g *schemaGen, rt route) map[string]any {
	ok := map[string]any{"description": "Successful Response"}
	if rt.result != nil {
		ok["content"] = map[string]any{contentTypeJSON: map[string]any{"schema": g.schema(reflect.TypeOf(rt.result))}}
	}
	out := map[string]any{"200": ok}
	if rt.access == protected {
		out["401"] = map[string]any{"description": "Unauthorized"}
		out["502"] = map[string]any{"description": "Error querying the bot: {\"error\": ...}"}
	}
	if rt.body != nil || len(rt.query) > 0 || strings.Contains(rt.path, "{") {
		out["422"] = map[string]any{"description": "Validation Error"}
	}
	return out
}

// handleOpenAPI serves /openapi.json when Config.EnableOpenAPI is set.
func (s *Server) handleOpenAPI(w http.ResponseWriter, _ *http.Request) {
	if !s.cfg.EnableOpenAPI {
		s.writeDetail(w, http.StatusNotFound, detailNotFound)
		return
	}
	s.writeJSON(w, http.StatusOK, s.openAPIDocument())
}
