package server

import (
	"encoding/json"
	"reflect"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// schemaGen builds OpenAPI 3.0 schemas from the apiclient types by
// reflection: json tags name the properties, pointers are nullable, named
// structs become components/schemas entries referenced with $ref.
type schemaGen struct {
	schemas map[string]any
}

func newSchemaGen() *schemaGen { return &schemaGen{schemas: map[string]any{}} }

// special returns the schema of a type whose JSON form is custom-encoded.
func (g *schemaGen) special(t reflect.Type) (map[string]any, bool) {
	switch t {
	case reflect.TypeFor[apiclient.ISOTime](), reflect.TypeFor[apiclient.WSTime](), reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}, true
	case reflect.TypeFor[apiclient.LogRow]():
		return map[string]any{"type": "array", "items": map[string]any{}, "minItems": 5, "maxItems": 5,
			"description": "[date (server local time), epoch milliseconds, logger, level, message]"}, true
	case reflect.TypeFor[apiclient.DataFrame]():
		return map[string]any{"type": "object", "description": "pandas to_json(orient='split') as a string",
			"properties": map[string]any{"__type__": map[string]any{"type": "string"}, "__value__": map[string]any{"type": "string"}}}, true
	case reflect.TypeFor[apiclient.TradeRef]():
		return map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}},
			"description": "a trade id, or \"all\""}, true
	case reflect.TypeFor[apiclient.ForceEnterResult]():
		return map[string]any{"oneOf": []any{g.schema(reflect.TypeFor[apiclient.Trade]()),
			g.schema(reflect.TypeFor[apiclient.StatusResponse]())}}, true
	case reflect.TypeFor[json.RawMessage]():
		return map[string]any{}, true
	}
	return nil, false
}

// schema returns the schema (or $ref) of t.
func (g *schemaGen) schema(t reflect.Type) map[string]any {
	if s, ok := g.special(t); ok {
		return s
	}
	switch t.Kind() {
	case reflect.Pointer:
		inner := g.schema(t.Elem())
		if _, isRef := inner["$ref"]; isRef {
			return map[string]any{"allOf": []any{inner}, "nullable": true}
		}
		inner["nullable"] = true
		return inner
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		return g.structRef(t)
	default:
		return map[string]any{} // any
	}
}

// structRef registers a named struct under components/schemas.
func (g *schemaGen) structRef(t reflect.Type) map[string]any {
	name := t.Name()
	if name == "" {
		return g.structSchema(t)
	}
	if _, seen := g.schemas[name]; !seen {
		g.schemas[name] = map[string]any{} // placeholder stops recursion
		g.schemas[name] = g.structSchema(t)
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func (g *schemaGen) structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for _, f := range jsonFields(t) {
		prop := g.schema(f.typ)
		req := !f.omitempty && f.typ.Kind() != reflect.Pointer
		// A request type's pydantic tags say what its model requires (the
		// same tags the body validator reads, see modelOf).
		if tag := parsePydanticTag(t.FieldByIndex(f.index)); tag.set {
			req = tag.required
			tag.annotate(prop)
		}
		props[f.name] = prop
		if req {
			required = append(required, f.name)
		}
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
