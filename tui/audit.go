package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// AuditEntry is one line of the audit log: what was asked of which bot, and
// what came of it.
type AuditEntry struct {
	Time    time.Time `json:"time"`
	Bot     string    `json:"bot"`
	Action  string    `json:"action"`
	Request any       `json:"request,omitempty"`
	Result  string    `json:"result,omitempty"`
	Error   string    `json:"error,omitempty"`
	// Status is the HTTP status of an API error.
	Status int `json:"status,omitempty"`
}

// AuditLog appends AuditEntry values to a file as JSON lines. It is safe for
// concurrent use; a nil *AuditLog records nothing.
type AuditLog struct {
	mu sync.Mutex
	f  *os.File
}

// OpenAudit opens (creating it and its directory, private to the user) the
// audit log at path for appending.
func OpenAudit(path string) (*AuditLog, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return &AuditLog{f: f}, nil
}

// Record appends one entry and syncs it to disk: an action that moved money
// must be on record even if the machine dies next.
func (a *AuditLog) Record(e AuditEntry) error {
	if a == nil {
		return nil
	}
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("audit log: encode: %w", err)
	}
	line = append(line, '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return errors.New("audit log: closed")
	}
	if _, err := a.f.Write(line); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// Close closes the file.
func (a *AuditLog) Close() error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// auditEntry builds the entry of an action's outcome.
func auditEntry(now time.Time, bot string, a action, result string, err error) AuditEntry {
	e := AuditEntry{Time: now.UTC(), Bot: bot, Action: a.kind.String(), Request: a.request, Result: result}
	if err != nil {
		e.Error = errorText(err)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			e.Status = apiErr.Status
		}
	}
	return e
}

// errorText is the message shown for an error: the server's own message for
// API errors, the error text otherwise.
func errorText(err error) string {
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Message
	}
	return err.Error()
}
