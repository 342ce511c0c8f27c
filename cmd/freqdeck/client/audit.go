package client

import (
	"sync"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

// auditLogs opens each audit log of a run once, for every bot's actions
// (an action.Log is safe for concurrent use), and closes them at its end.
type auditLogs struct {
	mu   sync.Mutex
	logs map[string]*action.Log
}

func newAuditLogs() *auditLogs { return &auditLogs{logs: map[string]*action.Log{}} }

// open returns the log at path, opening it on first use; none (nil) for an
// empty path.
func (a *auditLogs) open(path string) (*action.Log, error) {
	if path == "" {
		return nil, nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if l, ok := a.logs[path]; ok {
		return l, nil
	}
	l, err := action.OpenLog(path)
	if err != nil {
		return nil, err //nolint:wrapcheck // it says "audit log: ..."
	}
	a.logs[path] = l
	return l, nil
}

// Close closes every log opened.
func (a *auditLogs) Close() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for p, l := range a.logs {
		_ = l.Close()
		delete(a.logs, p)
	}
}
