package config

import (
	"encoding"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// tomlFields returns the TOML keys of a struct type and their field types,
// with the fields of untagged embedded structs promoted as the decoder does.
func tomlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range tomlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// isTable reports whether values of t are TOML tables with fixed keys:
// structs, except those that decode themselves from a value.
func isTable(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Duration]() {
		return false
	}
	p := reflect.PointerTo(t)
	return !p.Implements(reflect.TypeFor[toml.Unmarshaler]()) &&
		!p.Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
}

// elem unwraps slices and pointers down to the element type.
func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// childKeys lists the valid keys under a key path of Config, sorted. It
// returns nil when the path is unknown or leads to a free-form map.
func childKeys(path []string) []string {
	t := reflect.TypeFor[Config]()
	for _, p := range path {
		ft, ok := tomlFields(t)[p]
		if !ok {
			return nil
		}
		t = elem(ft)
		if !isTable(t) {
			return nil
		}
	}
	fields := tomlFields(t)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// allKeys lists every fixed key path of Config ("bot.name",
// "server.listen", ...), sorted. Free-form maps count as one leaf.
func allKeys() []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for k, ft := range tomlFields(t) {
			p := prefix + k
			out = append(out, p)
			if et := elem(ft); isTable(et) {
				walk(et, p+".")
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	sort.Strings(out)
	return out
}

// suggest returns the candidate closest to s when it is close enough to be a
// likely typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
