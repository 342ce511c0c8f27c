package config

import "fmt"

// StringList is a list of strings that a TOML file may also give as one
// string: ws_token = "abc" and ws_token = ["abc", "def"] both decode.
type StringList []string

// UnmarshalTOML implements toml.Unmarshaler.
func (l *StringList) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*l = StringList{v}
		return nil
	case []any:
		out := make(StringList, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("element %d is a %T, want a string", i, e)
			}
			out = append(out, s)
		}
		*l = out
		return nil
	default:
		return fmt.Errorf("got a %T, want a string or a list of strings", v)
	}
}
