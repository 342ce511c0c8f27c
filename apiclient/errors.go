package apiclient

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// ErrorBody is the {"error": "..."} body of freqtrade's business errors
// (HTTP 502, "Error querying <path>: <message>").
type ErrorBody struct {
	Error string `json:"error"`
}

// DetailBody is the {"detail": "..."} body of explicit HTTP errors.
type DetailBody struct {
	Detail string `json:"detail"`
}

// ValidationError is one element of a 422 body's detail list (pydantic v2).
type ValidationError struct {
	Type  string `json:"type"`
	Loc   []any  `json:"loc"` // strings and integers, e.g. ["query", "pair"]
	Msg   string `json:"msg"`
	Input any    `json:"input"`
}

// ValidationBody is the {"detail": [...]} body of HTTP 422.
type ValidationBody struct {
	Detail []ValidationError `json:"detail"`
}

// APIError is a non-2xx answer from the server.
type APIError struct {
	// Status is the HTTP status code.
	Status int
	// Method and Route name the call, for example "POST" and "/forceexit".
	Method, Route string
	// Message is the server's own message: detail, error, or the joined
	// validation messages. It falls back to the status text.
	Message string
	// Validation holds the items of a 422 body.
	Validation []ValidationError
	// Explained reports that the body carried the server's own message
	// ({"detail": ...} or {"error": ...}, as freqtrade answers its errors),
	// and not only a status: an empty body, a proxy's HTML page, plain text,
	// or a bare "Internal Server Error" leave it false. A 5xx that is not
	// explained says nothing of what the server did.
	Explained bool
	// HTML reports that the body was an HTML page: a web server or proxy
	// answered, not the freqtrade API.
	HTML bool
}

// Error implements error.
func (e *APIError) Error() string {
	if e.Method == "" && e.Route == "" {
		return fmt.Sprintf("%d %s", e.Status, e.Message)
	}
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Route, e.Status, e.Message)
}

// DecodeError builds the APIError of a non-2xx answer from its status and
// body. It understands {"detail": "..."}, {"detail": [...]} and
// {"error": "..."}; any other body leaves the status text (plus a short,
// printable excerpt of a plain-text body) as the message. It never panics.
func DecodeError(status int, body []byte) *APIError {
	e := &APIError{Status: status}
	var probe struct {
		Detail json.RawMessage `json:"detail"`
		Error  *string         `json:"error"`
	}
	if err := json.Unmarshal(body, &probe); err == nil {
		switch {
		case probe.Error != nil:
			e.Message = *probe.Error
		case len(probe.Detail) > 0:
			e.Message, e.Validation = decodeDetail(probe.Detail)
		}
	}
	msg := strings.TrimSpace(e.Message)
	e.Explained = msg != "" && msg != http.StatusText(status)
	if msg == "" {
		e.Message = fallbackMessage(status, body)
	}
	e.HTML = looksHTML(body)
	return e
}

func decodeDetail(raw json.RawMessage) (string, []ValidationError) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var items []ValidationError
	if err := json.Unmarshal(raw, &items); err == nil && len(items) > 0 {
		msgs := make([]string, 0, len(items))
		for _, it := range items {
			msgs = append(msgs, formatValidation(it))
		}
		return strings.Join(msgs, "; "), items
	}
	return strings.TrimSpace(string(raw)), nil
}

func formatValidation(v ValidationError) string {
	parts := make([]string, 0, len(v.Loc))
	for _, l := range v.Loc {
		parts = append(parts, fmt.Sprint(l))
	}
	if len(parts) == 0 {
		return v.Msg
	}
	return strings.Join(parts, ".") + ": " + v.Msg
}

// maxExcerpt bounds the part of an unrecognised body kept in a message.
const maxExcerpt = 200

// fallbackMessage describes a body that is not one of freqtrade's error
// shapes: the status text, plus a printable excerpt of a plain-text body or
// the <title> of an HTML page (a reverse proxy's error page, say).
func fallbackMessage(status int, body []byte) string {
	msg := http.StatusText(status)
	if msg == "" {
		msg = fmt.Sprintf("HTTP status %d", status)
	}
	text := printable(string(body))
	if strings.HasPrefix(text, "<") {
		text = htmlTitle(text)
	}
	if text == "" || text == msg {
		return msg
	}
	if r := []rune(text); len(r) > maxExcerpt {
		text = string(r[:maxExcerpt]) + "…"
	}
	return msg + ": " + text
}

// printable makes s valid UTF-8, turns control characters (terminal escape
// sequences included) and runs of white space into single spaces, and trims
// it.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// htmlTitle returns the text of an HTML page's <title>, or "".
func htmlTitle(page string) string {
	lower := asciiLower(page) // same byte offsets as page, unlike strings.ToLower
	start := strings.Index(lower, "<title>")
	if start < 0 {
		return ""
	}
	start += len("<title>")
	end := strings.Index(lower[start:], "</title>")
	if end < 0 {
		return ""
	}
	return strings.TrimSpace(page[start : start+end])
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// AuthError means the client could not authenticate: the credentials were
// refused, or a token expired and the client holds no Basic credentials to log
// in again with.
type AuthError struct {
	// Reason says what failed, for example "refresh token refused".
	Reason string
	// Err is the underlying error, often an *APIError with status 401.
	Err error
}

// Error implements error.
func (e *AuthError) Error() string {
	if e.Err == nil {
		return "authentication failed: " + e.Reason
	}
	return "authentication failed: " + e.Reason + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *AuthError) Unwrap() error { return e.Err }
