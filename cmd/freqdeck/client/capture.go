package client

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// maxCapture bounds the response body kept for printing (analyzed
// dataframes are the largest answers).
const maxCapture = 64 << 20

// captureTransport keeps the body of the last response it carried, so that
// the client prints exactly what the server sent (every key, in its order
// and format) while the typed apiclient call still checks its shape.
type captureTransport struct {
	base   http.RoundTripper
	mu     sync.Mutex
	body   []byte
	status int
}

// RoundTrip implements http.RoundTripper.
func (t *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err //nolint:wrapcheck // the transport's error, as is
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxCapture))
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("read response: %w", err)
	}
	t.mu.Lock()
	t.body, t.status = data, resp.StatusCode
	t.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, nil
}

// last returns the last response's body and status (0: no response).
func (t *captureTransport) last() ([]byte, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.body, t.status
}
