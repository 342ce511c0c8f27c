package server

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
)

// marshalSanitized encodes v like encoding/json, except that NaN and ±Inf
// floats become null. It walks v by reflection, following json tags
// (renames, "-", omitempty) and embedded structs. A value that implements
// json.Marshaler is encoded by its own MarshalJSON; if that refuses a NaN, a
// copy with NaN/Inf replaced (nil for pointers and interfaces, 0 for plain
// floats, which the marshaler cannot express as null) is encoded instead.
func marshalSanitized(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeValue(&buf, reflect.ValueOf(v), 0); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxDepth stops runaway recursion on cyclic values.
const maxDepth = 200

// implementsMarshaler reports whether t encodes itself.
func implementsMarshaler(t reflect.Type) bool {
	return t.Implements(reflect.TypeFor[json.Marshaler]()) ||
		t.Implements(reflect.TypeFor[encoding.TextMarshaler]())
}

func writeValue(buf *bytes.Buffer, v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("value nested deeper than %d", maxDepth)
	}
	if !v.IsValid() {
		buf.WriteString("null")
		return nil
	}
	if implementsMarshaler(v.Type()) {
		return writeMarshaler(buf, v)
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		writeFloat(buf, v.Float(), v.Type().Bits())
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		return writeValue(buf, v.Elem(), depth+1)
	case reflect.Struct:
		return writeStruct(buf, v, depth)
	case reflect.Map:
		return writeMap(buf, v, depth)
	case reflect.Slice:
		if v.IsNil() {
			buf.WriteString("null")
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return writeStd(buf, v)
		}
		return writeList(buf, v, depth)
	case reflect.Array:
		return writeList(buf, v, depth)
	default:
		return writeStd(buf, v)
	}
}

// writeStd encodes a value that cannot hold a float with encoding/json.
func writeStd(buf *bytes.Buffer, v reflect.Value) error {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	buf.Write(b)
	return nil
}

func writeFloat(buf *bytes.Buffer, f float64, bits int) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		buf.WriteString("null")
		return
	}
	// encoding/json's own float format, so both paths agree byte for byte.
	var b []byte
	if bits == 32 {
		b, _ = json.Marshal(float32(f))
	} else {
		b, _ = json.Marshal(f)
	}
	buf.Write(b)
}

func writeMarshaler(buf *bytes.Buffer, v reflect.Value) error {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		buf.WriteString("null")
		return nil
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		b, err = json.Marshal(scrubbed(v).Interface())
	}
	if err != nil {
		return err
	}
	buf.Write(b)
	return nil
}

func writeList(buf *bytes.Buffer, v reflect.Value, depth int) error {
	buf.WriteByte('[')
	for i := range v.Len() {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeValue(buf, v.Index(i), depth+1); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}

func writeMap(buf *bytes.Buffer, v reflect.Value, depth int) error {
	if v.IsNil() {
		buf.WriteString("null")
		return nil
	}
	if v.Type().Key().Kind() != reflect.String {
		return writeStd(buf, v) // only string-keyed maps occur on this wire
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeString(buf, k.String())
		buf.WriteByte(':')
		if err := writeValue(buf, v.MapIndex(k), depth+1); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

func writeString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s)
	buf.Write(b)
}

func writeStruct(buf *bytes.Buffer, v reflect.Value, depth int) error {
	buf.WriteByte('{')
	first := true
	for _, f := range jsonFields(v.Type()) {
		fv, err := v.FieldByIndexErr(f.index)
		if err != nil || f.omitempty && isEmpty(fv) {
			continue // err: the field is in a nil embedded pointer
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		writeString(buf, f.name)
		buf.WriteByte(':')
		if err := writeValue(buf, fv, depth+1); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

// jsonField is one property encoding/json writes for a struct field.
type jsonField struct {
	name      string
	index     []int // the field's path, through inlined embedded structs
	typ       reflect.Type
	omitempty bool
}

// jsonFields lists the properties of struct type t in order, inlining
// embedded structs without a json name. The sanitising encoder and the
// OpenAPI schemas both read structs through it.
func jsonFields(t reflect.Type) []jsonField { return appendJSONFields(nil, t, nil) }

func appendJSONFields(out []jsonField, t reflect.Type, path []int) []jsonField {
	for i := range t.NumField() {
		sf := t.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		index := append(slices.Clip(path), i)
		if sf.Anonymous && name == "" && inlineable(sf.Type) {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			out = appendJSONFields(out, ft, index)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, jsonField{name: name, index: index, typ: sf.Type,
			omitempty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	return out
}

func inlineable(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct && !implementsMarshaler(t) &&
		!implementsMarshaler(reflect.PointerTo(t))
}

// isEmpty is encoding/json's omitempty rule.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	default:
		return false
	}
}

// scrubbed returns a deep copy of v with NaN/Inf replaced: nil where the
// position is a pointer or interface, 0 where it is a plain float.
func scrubbed(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	scrubInto(out, v, 0)
	return out
}

func scrubInto(dst, src reflect.Value, depth int) {
	if depth > maxDepth {
		return
	}
	switch src.Kind() {
	case reflect.Float32, reflect.Float64:
		f := src.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 0
		}
		dst.SetFloat(f)
	case reflect.Pointer, reflect.Interface:
		scrubIndirect(dst, src, depth)
	case reflect.Struct:
		dst.Set(src) // keeps unexported fields (time.Time) as they are
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				scrubInto(dst.Field(i), src.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		dst.SetZero()
		if !src.IsNil() {
			dst.Set(reflect.MakeSlice(src.Type(), src.Len(), src.Len()))
			scrubElems(dst, src, depth)
		}
	case reflect.Array:
		scrubElems(dst, src, depth)
	case reflect.Map:
		scrubMap(dst, src, depth)
	default:
		dst.Set(src)
	}
}

// scrubIndirect copies a pointer or interface, nil when it holds NaN/Inf.
func scrubIndirect(dst, src reflect.Value, depth int) {
	dst.SetZero()
	if src.IsNil() || isBadFloat(src.Elem()) {
		return
	}
	if src.Kind() == reflect.Pointer {
		p := reflect.New(src.Type().Elem())
		scrubInto(p.Elem(), src.Elem(), depth+1)
		dst.Set(p)
		return
	}
	e := reflect.New(src.Elem().Type()).Elem()
	scrubInto(e, src.Elem(), depth+1)
	dst.Set(e)
}

func scrubElems(dst, src reflect.Value, depth int) {
	for i := range src.Len() {
		scrubInto(dst.Index(i), src.Index(i), depth+1)
	}
}

func scrubMap(dst, src reflect.Value, depth int) {
	dst.SetZero()
	if src.IsNil() {
		return
	}
	dst.Set(reflect.MakeMapWithSize(src.Type(), src.Len()))
	iter := src.MapRange()
	for iter.Next() {
		e := reflect.New(src.Type().Elem()).Elem()
		scrubInto(e, iter.Value(), depth+1)
		dst.SetMapIndex(iter.Key(), e)
	}
}

func isBadFloat(v reflect.Value) bool {
	k := v.Kind()
	if k != reflect.Float32 && k != reflect.Float64 {
		return false
	}
	f := v.Float()
	return math.IsNaN(f) || math.IsInf(f, 0)
}
