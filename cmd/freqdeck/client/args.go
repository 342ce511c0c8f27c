package client

import (
	"fmt"
	"strconv"
	"strings"
)

// paramKind is the type a client command argument is converted to.
type paramKind int

const (
	kindString paramKind = iota
	kindInt
	kindFloat
	kindBool
	kindList // comma-separated strings
)

// String names what a value of the kind is, with its article: "an
// integer", "true or false".
func (k paramKind) String() string {
	switch k {
	case kindInt:
		return "an integer"
	case kindFloat:
		return "a number"
	case kindBool:
		return "true or false"
	case kindList:
		return "a comma-separated list"
	default:
		return "text"
	}
}

// param is one argument of a client command, named as freqtrade-client's
// method parameter so that `key=value` works the same.
type param struct {
	name     string
	kind     paramKind
	required bool
	// keyword params can only be given as key=value (Python keyword-only).
	keyword bool
	// variadic takes every remaining positional argument (blacklist pairs).
	variadic bool
	help     string
}

// cmdArgs are a command's parsed arguments by parameter name.
type cmdArgs struct {
	values map[string]any
	rest   []string // a variadic parameter's values
}

func (a cmdArgs) has(name string) bool { _, ok := a.values[name]; return ok }

func (a cmdArgs) str(name string) string { s, _ := a.values[name].(string); return s }

func (a cmdArgs) int(name string) int { n, _ := a.values[name].(int); return n }

func (a cmdArgs) list(name string) []string { l, _ := a.values[name].([]string); return l }

// intPtr and floatPtr return nil for an argument that was not given.
func (a cmdArgs) intPtr(name string) *int {
	if n, ok := a.values[name].(int); ok {
		return &n
	}
	return nil
}

func (a cmdArgs) floatPtr(name string) *float64 {
	if f, ok := a.values[name].(float64); ok {
		return &f
	}
	return nil
}

func (a cmdArgs) strPtr(name string) *string {
	if s, ok := a.values[name].(string); ok {
		return &s
	}
	return nil
}

func (a cmdArgs) boolPtr(name string) *bool {
	if b, ok := a.values[name].(bool); ok {
		return &b
	}
	return nil
}

// parseArgs reads freqtrade-client style arguments: an argument containing
// "=" is key=value, the others fill the parameters in order.
func parseArgs(params []param, raw []string) (cmdArgs, error) {
	a := cmdArgs{values: map[string]any{}}
	var positional []string
	for _, r := range raw {
		k, v, ok := strings.Cut(r, "=")
		if !ok {
			positional = append(positional, r)
			continue
		}
		p, found := findParam(params, k)
		if !found || p.variadic {
			return a, fmt.Errorf("unknown argument %q (this command takes %s)", k, paramNames(params))
		}
		if a.has(k) {
			return a, fmt.Errorf("argument %q given twice", k)
		}
		if err := a.set(p, v); err != nil {
			return a, err
		}
	}
	if err := a.fill(params, positional); err != nil {
		return a, err
	}
	for _, p := range params {
		if p.required && !a.has(p.name) {
			return a, fmt.Errorf("missing argument <%s>", p.name)
		}
	}
	return a, nil
}

// fill assigns positional arguments to the parameters in order, as Python
// does: a parameter given both ways is an error.
func (a *cmdArgs) fill(params []param, positional []string) error {
	var slots []param
	for _, p := range params {
		if !p.keyword {
			slots = append(slots, p)
		}
	}
	for i, v := range positional {
		if i >= len(slots) {
			return fmt.Errorf("too many arguments: %q (this command takes %s)", positional[i:], paramNames(params))
		}
		p := slots[i]
		if p.variadic {
			a.rest = append(a.rest, positional[i:]...)
			return nil
		}
		if a.has(p.name) {
			return fmt.Errorf("argument %q given twice", p.name)
		}
		if err := a.set(p, v); err != nil {
			return err
		}
	}
	return nil
}

func (a *cmdArgs) set(p param, v string) error {
	var (
		val any
		err error
	)
	switch p.kind {
	case kindInt:
		val, err = strconv.Atoi(v)
	case kindFloat:
		val, err = strconv.ParseFloat(v, 64)
	case kindBool:
		val, err = strconv.ParseBool(v)
	case kindList:
		val = splitList(v)
	default:
		val = v
	}
	if err != nil {
		return fmt.Errorf("argument %s=%q: want %s", p.name, v, p.kind)
	}
	a.values[p.name] = val
	return nil
}

func splitList(v string) []string {
	out := []string{}
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func findParam(params []param, name string) (param, bool) {
	for _, p := range params {
		if p.name == name {
			return p, true
		}
	}
	return param{}, false
}

func paramNames(params []param) string {
	if len(params) == 0 {
		return "no arguments"
	}
	return usageOf(params)
}

// usageOf renders the parameters: <required> [optional] [key=] [items...].
func usageOf(params []param) string {
	parts := make([]string, 0, len(params))
	for _, p := range params {
		switch {
		case p.variadic:
			parts = append(parts, "["+p.name+"...]")
		case p.keyword:
			parts = append(parts, "["+p.name+"=]")
		case p.required:
			parts = append(parts, "<"+p.name+">")
		default:
			parts = append(parts, "["+p.name+"]")
		}
	}
	return strings.Join(parts, " ")
}
