package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Details of the fixed error answers.
const (
	detailNotFound         = "Not Found"
	detailMethodNotAllowed = "Method Not Allowed"
	detailInternal         = "Internal Server Error"
	detailWrongState       = "Bot is not in the correct state."
	detailUnauthorized     = "Unauthorized"
	detailBadCredentials   = "Could not validate credentials"
	detailNotAuthenticated = "Not authenticated"
	detailInvalidBasic     = "Invalid authentication credentials"
	detailWrongLogin       = "Incorrect username or password"
)

// writeDetail answers status with {"detail": detail}.
func (s *Server) writeDetail(w http.ResponseWriter, status int, detail string) {
	s.writeJSON(w, status, apiclient.DetailBody{Detail: detail})
}

// writeBotError maps an rpc.Bot error to freqtrade's answer: *rpc.Error →
// 502 {"error": "Error querying <path>: <msg>"}, *rpc.HTTPError → its status
// and {"detail": ...}, anything else → 500 (logged, never shown).
func (s *Server) writeBotError(w http.ResponseWriter, r *http.Request, err error) {
	var re *rpc.Error
	if errors.As(err, &re) {
		s.writeJSON(w, http.StatusBadGateway, apiclient.ErrorBody{Error: "Error querying " + r.URL.Path + ": " + re.Msg})
		return
	}
	var he *rpc.HTTPError
	if errors.As(err, &he) {
		s.writeDetail(w, he.Status, he.Detail)
		return
	}
	s.log.Error("server: bot call failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.writeDetail(w, http.StatusInternalServerError, detailInternal)
}

// answer writes v, or the bot's error.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		s.writeBotError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, v)
}

// problem is one item of a 422 body: pydantic v2's error shape, which is
// apiclient.ValidationError plus the optional ctx object.
type problem struct {
	apiclient.ValidationError
	Ctx problemCtx `json:"ctx,omitempty"`
}

// problemCtx is a problem's ctx object, its keys in pydantic's order
// (too_long: field_type, max_length, actual_length).
type problemCtx []ctxItem

type ctxItem struct {
	key string
	val any
}

// MarshalJSON implements json.Marshaler: an object, keys in order.
func (c problemCtx) MarshalJSON() ([]byte, error) {
	buf := []byte{'{'}
	for i, it := range c {
		if i > 0 {
			buf = append(buf, ',')
		}
		k, err := json.Marshal(it.key)
		if err != nil {
			return nil, fmt.Errorf("ctx key: %w", err)
		}
		v, err := json.Marshal(it.val)
		if err != nil {
			return nil, fmt.Errorf("ctx %s: %w", it.key, err)
		}
		buf = append(append(append(buf, k...), ':'), v...)
	}
	return append(buf, '}'), nil
}

// UnmarshalJSON implements json.Unmarshaler, keeping the keys' order.
func (c *problemCtx) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return fmt.Errorf("ctx: %w", err)
	}
	*c = nil
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("ctx: %w", err)
		}
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("ctx %s: %w", key, err)
		}
		*c = append(*c, ctxItem{key, v})
	}
	return nil
}

// validationBody is the {"detail": [...]} body of HTTP 422.
type validationBody struct {
	Detail []problem `json:"detail"`
}

// writeInvalid answers 422 with the collected problems.
func (s *Server) writeInvalid(w http.ResponseWriter, problems []problem) {
	s.writeJSON(w, http.StatusUnprocessableEntity, validationBody{Detail: problems})
}

func newProblem(typ, msg string, input any, loc ...any) problem {
	return problem{ValidationError: apiclient.ValidationError{Type: typ, Loc: loc, Msg: msg, Input: echoable(input)}}
}

// echoable returns a copy of a decoded body value that every JSON client can
// read back: numbers beyond float64's range are echoed as strings.
func echoable(v any) any {
	switch x := v.(type) {
	case json.Number:
		if _, err := x.Float64(); err != nil {
			return x.String()
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = echoable(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = echoable(e)
		}
		return out
	default:
		return v
	}
}

// with adds key to the problem's ctx, after the keys already there.
func (p problem) with(key string, v any) problem {
	p.Ctx = append(p.Ctx[:len(p.Ctx):len(p.Ctx)], ctxItem{key, v})
	return p
}
