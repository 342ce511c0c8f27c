package apiclient

import (
	"context"
	"net/http"
)

// authorize adds credentials to req. retry is true when the previous attempt
// was refused with "Could not validate credentials".
func (c *Client) authorize(_ context.Context, req *http.Request, _ bool) error {
	if c.username != "" || c.password != "" {
		req.SetBasicAuth(c.username, c.password)
	}
	return nil
}

// retryable reports whether a 401 body warrants one retry with fresh tokens.
func (c *Client) retryable(_ []byte) bool { return false }
