package action

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Phase says which line of an action an Entry is.
type Phase string

// The phases, in the order they are written. Every line of one action has
// the same request id.
const (
	// PhaseAttempt is written, and synced to disk, before the call.
	PhaseAttempt Phase = "attempt"
	// PhaseResult is written when the call returns: done, refused, not
	// sent, or unknown.
	PhaseResult Phase = "result"
	// PhaseReconciled follows an unknown result once the bot's state tells
	// what happened, or, with outcome unknown, when checking gives up.
	PhaseReconciled Phase = "reconciled"
)

// Actor is who acted, when the console does not run as the operator's own
// process: the SSH user and key of a `freqdeck host` session.
type Actor struct {
	User string `json:"user,omitempty"`
	// Key is the public key's fingerprint ("SHA256:...").
	Key string `json:"key,omitempty"`
	// Comment is the key's comment in the authorized keys ("alice@laptop").
	Comment string `json:"comment,omitempty"`
}

// Entry is one line of the audit log.
type Entry struct {
	Time time.Time `json:"time"`
	// ID is the request id, the same on every line of one action.
	ID string `json:"id"`
	// Batch is shared by the actions of one command on several bots.
	Batch string `json:"batch,omitempty"`
	Phase Phase  `json:"phase"`
	// Via is the front end: "console", "client" or "host".
	Via     string  `json:"via,omitempty"`
	Actor   *Actor  `json:"actor,omitempty"`
	Bot     string  `json:"bot"`
	Action  string  `json:"action"`
	Target  string  `json:"target,omitempty"`
	Request any     `json:"request,omitempty"`
	Outcome Outcome `json:"outcome,omitempty"`
	Result  string  `json:"result,omitempty"`
	Status  int     `json:"status,omitempty"`
	Answer  string  `json:"answer,omitempty"`
}

// Log appends Entry values to a file as JSON lines, each synced to disk
// before Write returns: an action that moved money is on record even if the
// machine dies next. It is safe for concurrent use (several consoles of one
// `freqdeck host` share one); a nil *Log records nothing.
type Log struct {
	mu sync.Mutex
	f  *os.File
}

// OpenLog opens (creating it and its directory, private to the user) the
// audit log at path for appending.
func OpenLog(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return &Log{f: f}, nil
}

// Write appends one entry and syncs it to disk.
func (l *Log) Write(e Entry) error {
	if l == nil {
		return nil
	}
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("audit log: encode: %w", err)
	}
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("audit log: closed")
	}
	if _, err := l.f.Write(line); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// ReadEntries decodes an audit log's lines.
func ReadEntries(r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return out, fmt.Errorf("audit log: line %d: %w", len(out)+1, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("audit log: %w", err)
	}
	return out, nil
}

// ReadFile decodes the audit log at path.
func ReadFile(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer f.Close()
	return ReadEntries(f)
}

// Close closes the file; later writes fail.
func (l *Log) Close() error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}
