package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// kind is the pydantic type of one body field.
type kind int

const (
	kindStr       kind = iota // str
	kindFloat                 // float
	kindInt                   // int
	kindStrList               // list[str]
	kindTradeRef              // str | int
	kindAwareTime             // AwareDatetime
)

// field is one field of a request model. Every optional field of
// freqtrade's payloads is nullable (X | None) unless it has a default;
// required ones are not.
type field struct {
	name     string
	index    []int // the struct field it binds to
	kind     kind
	required bool
	def      *string  // the value of an absent field, or nil
	enum     []string // allowed values of a str field
	lim      limits
}

// pydanticTag is a field's `pydantic:"..."` tag (see apiclient's request
// types): required, default=<v>, enum=<a>|<b>, type=AwareDatetime, and
// the constraints of limits (gt=0, max_length=64, pattern=pair, ...).
type pydanticTag struct {
	set      bool // the field has the tag
	required bool
	def      *string
	enum     []string
	typ      string
	lim      limits
	err      error // the first item that did not parse
}

func parsePydanticTag(sf reflect.StructField) pydanticTag {
	raw, ok := sf.Tag.Lookup("pydantic")
	tag := pydanticTag{set: ok}
	for item := range strings.SplitSeq(raw, ",") {
		key, val, _ := strings.Cut(item, "=")
		switch key {
		case "":
		case "required":
			tag.required = true
		case "default":
			tag.def = &val
		case "enum":
			tag.enum = strings.Split(val, "|")
		case "type":
			tag.typ = val
		default:
			known, err := tag.lim.parse(key, val)
			if !known {
				err = fmt.Errorf("unknown tag item %q", item)
			}
			if tag.err == nil {
				tag.err = err
			}
		}
	}
	return tag
}

// annotate adds the tag's enum, default, format and constraints to a
// property schema.
func (tag pydanticTag) annotate(prop map[string]any) {
	if tag.enum != nil {
		prop["enum"] = tag.enum
	}
	if tag.def != nil {
		prop["default"] = *tag.def
	}
	if tag.typ == "AwareDatetime" {
		prop["format"] = "date-time"
	}
	tag.lim.annotate(prop)
}

// modelOf derives the request model of struct type t from its json and
// pydantic tags, walking its fields with jsonFields as the OpenAPI schemas
// do. It fails on a field type pydantic's models here do not use, and on a
// tag that does not parse or does not fit its field's type.
func modelOf(t reflect.Type) ([]field, error) {
	var out []field
	for _, jf := range jsonFields(t) {
		tag := parsePydanticTag(t.FieldByIndex(jf.index))
		k, err := kindOf(jf.typ, tag.typ)
		if err == nil {
			err = tag.err
		}
		if err == nil {
			err = limitsFit(tag.lim, k)
		}
		if err != nil {
			return nil, fmt.Errorf("server: request model %s, field %s: %w", t.Name(), jf.name, err)
		}
		out = append(out, field{name: jf.name, index: jf.index, kind: k, required: tag.required,
			def: tag.def, enum: tag.enum, lim: tag.lim})
	}
	return out, nil
}

// limitsFit reports a constraint that the field's kind cannot have.
func limitsFit(l limits, k kind) error {
	number := l.gt != nil || l.ge != nil || l.le != nil
	str := l.minLen > 0 || l.pattern != "" || l.cut > 0
	when := l.future || l.maxYears > 0
	switch {
	case number && k != kindFloat && k != kindInt:
		return errors.New("gt/ge/le on a field that is not a number")
	case str && k != kindStr:
		return errors.New("min_length/pattern/cut on a field that is not a str")
	case l.maxLen > 0 && k != kindStr && k != kindStrList:
		return errors.New("max_length on a field that is neither a str nor a list")
	case l.itemMaxLen > 0 && k != kindStrList:
		return errors.New("item_max_length on a field that is not a list[str]")
	case when && k != kindAwareTime:
		return errors.New("future/max_years on a field that is not a datetime")
	}
	return nil
}

// kindOf is the pydantic type of a field of Go type t (typ: the tag's
// type= override).
func kindOf(t reflect.Type, typ string) (kind, error) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case typ == "AwareDatetime" && t.Kind() == reflect.String:
		return kindAwareTime, nil
	case typ != "":
		return 0, fmt.Errorf("unknown type %q for %s", typ, t)
	case t == reflect.TypeFor[apiclient.TradeRef]():
		return kindTradeRef, nil
	}
	switch t.Kind() {
	case reflect.String:
		return kindStr, nil
	case reflect.Float32, reflect.Float64:
		return kindFloat, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return kindInt, nil
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return kindStrList, nil
		}
	}
	return 0, fmt.Errorf("unsupported type %s", t)
}

// bind validates the parsed body v against the model of dst's type (a
// struct, or a slice of at most maxItems structs for list[model]; 0: no
// bound) and stores the coerced values in dst. It returns the problems at
// loc ["body", ...]. now is the clock of relative constraints (a lock's
// end).
func bind(v any, dst reflect.Value, now time.Time, maxItems int) []problem {
	if dst.Kind() != reflect.Slice {
		return bindObject(v, dst, now, "body")
	}
	list, ok := v.([]any)
	if !ok {
		return []problem{newProblem("list_type", "Input should be a valid list", v, "body")}
	}
	out := reflect.MakeSlice(dst.Type(), len(list), len(list))
	var problems []problem
	for i, e := range list {
		problems = append(problems, bindObject(e, out.Index(i), now, "body", i)...)
	}
	// pydantic checks the length after the items ("after validation").
	if len(problems) == 0 && maxItems > 0 && len(list) > maxItems {
		problems = append(problems, tooLong(list, len(list), maxItems, []any{"body"}))
	}
	dst.Set(out)
	return problems
}

// bindObject validates v as the model of dst's struct type and stores the
// coerced values and defaults in dst. Unknown keys are ignored.
func bindObject(v any, dst reflect.Value, now time.Time, loc ...any) []problem {
	m, ok := v.(map[string]any)
	if !ok {
		return []problem{newProblem("model_attributes_type",
			"Input should be a valid dictionary or object to extract fields from", v, loc...)}
	}
	return bindFields(m, m, dst, now, loc)
}

// bindQuery validates the query parameters names against the fields of
// the same names of dst's model, as FastAPI validates query parameters:
// loc ["query", name], and a missing one echoes null. Other fields of the
// model must be optional.
func bindQuery(q url.Values, dst reflect.Value, now time.Time, names ...string) []problem {
	m := map[string]any{}
	for _, name := range names {
		if vs := q[name]; len(vs) > 0 {
			m[name] = vs[len(vs)-1] // FastAPI keeps the last
		}
	}
	return bindFields(m, nil, dst, now, []any{"query"})
}

// bindFields checks the fields of m against dst's model and stores them;
// missing is the input a missing field's problem echoes.
func bindFields(m map[string]any, missing any, dst reflect.Value, now time.Time, loc []any) []problem {
	fields, err := modelOf(dst.Type())
	if err != nil {
		panic(err) // New checked every route's model
	}
	var problems []problem
	for _, f := range fields {
		at := append(append([]any{}, loc...), f.name)
		val, present := m[f.name]
		switch {
		case !present && f.required:
			problems = append(problems, newProblem("missing", msgMissing, missing, at...))
		case !present:
			if f.def != nil {
				assign(dst.FieldByIndex(f.index), *f.def)
			}
		case val == nil && !f.required && f.def == nil:
			// X | None: null is fine.
		default:
			coerced, ps := checkValue(val, f, now, at)
			if len(ps) == 0 {
				assign(dst.FieldByIndex(f.index), coerced)
			}
			problems = append(problems, ps...)
		}
	}
	return problems
}

// assign stores a checked value (string, json.Number or a list of them) in
// fv, allocating pointers.
func assign(fv reflect.Value, v any) {
	if fv.Kind() == reflect.Pointer {
		p := reflect.New(fv.Type().Elem())
		assign(p.Elem(), v)
		fv.Set(p)
		return
	}
	switch x := v.(type) {
	case string:
		fv.SetString(x)
	case json.Number:
		switch fv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n, _ := x.Int64() // checkInt normalised it
			fv.SetInt(n)
		case reflect.Float32, reflect.Float64:
			f, _ := x.Float64() // checkFloat parsed it
			fv.SetFloat(f)
		default: // str | int: the int's digits
			fv.SetString(x.String())
		}
	case []any:
		out := reflect.MakeSlice(fv.Type(), len(x), len(x))
		for i, e := range x {
			assign(out.Index(i), e)
		}
		fv.Set(out)
	}
}

// checkModels derives the request model of every route body, so that a
// bad tag fails New rather than a request.
func checkModels(routes []route) error {
	for _, rt := range routes {
		if rt.body == nil {
			continue
		}
		t := reflect.TypeOf(rt.body)
		if t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if _, err := modelOf(t); err != nil {
			return err
		}
	}
	return nil
}
