package action_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

// t0 is the tests' fixed time.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func fixed() time.Time { return t0 }

// readLog decodes every line of the audit log at path.
func readLog(t *testing.T, path string) []action.Entry {
	t.Helper()
	out, err := action.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDoRecordsTheAttemptBeforeTheCall(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state", "audit.jsonl")
	l, err := action.OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	a := action.Attempt{ID: action.NewID(), Via: "console", Bot: "alpha", Kind: action.ForceExit, Target: "12",
		Request: map[string]string{"tradeid": "12"}}
	var during []action.Entry
	r, auditErr := action.Do(t.Context(), l, fixed, a, func(context.Context) (string, error) {
		// A crash here must leave the attempt on record: it is on disk.
		during = readLog(t, path)
		return "", context.DeadlineExceeded
	})
	if auditErr != nil {
		t.Fatal(auditErr)
	}
	if len(during) != 1 || during[0].Phase != action.PhaseAttempt || during[0].ID != a.ID ||
		during[0].Request == nil || during[0].Outcome != 0 {
		t.Fatalf("during the call the log held %+v", during)
	}
	if r.Outcome != action.Unknown {
		t.Fatalf("outcome %v, want unknown", r.Outcome)
	}
	after := readLog(t, path)
	if len(after) != 2 {
		t.Fatalf("%d lines, want 2", len(after))
	}
	res := after[1]
	if res.Phase != action.PhaseResult || res.ID != a.ID || res.Outcome != action.Unknown ||
		res.Result != "context deadline exceeded" || res.Request != nil || res.Action != "force_exit" ||
		res.Target != "12" || res.Bot != "alpha" || res.Via != "console" || !res.Time.Equal(t0) {
		t.Fatalf("result line %+v", res)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("audit log mode %v, %v", info.Mode(), err)
	}
}

func TestLogConcurrentWritesAndClose(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := action.OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	batch := action.NewID()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			a := action.Attempt{ID: action.NewID(), Batch: batch, Bot: "bot" + string(rune('a'+i)), Kind: action.Pause,
				Actor: &action.Actor{User: "alice", Key: "SHA256:abc", Comment: "alice@laptop"}}
			if err := l.Record(t0, a, action.PhaseReconciled, action.Result{Outcome: action.Done, Text: "the bot is paused"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Write(action.Entry{}); err == nil {
		t.Fatal("a closed log accepted an entry")
	}
	entries := readLog(t, path)
	if len(entries) != 20 {
		t.Fatalf("%d lines, want 20", len(entries))
	}
	ids := map[string]bool{}
	for _, e := range entries {
		ids[e.ID] = true
		if e.Batch != batch || e.Actor == nil || e.Actor.Key != "SHA256:abc" || e.Outcome != action.Done {
			t.Fatalf("entry %+v", e)
		}
	}
	if len(ids) != 20 {
		t.Fatalf("%d distinct request ids, want 20", len(ids))
	}
	var nilLog *action.Log
	if nilLog.Write(action.Entry{}) != nil || nilLog.Close() != nil {
		t.Fatal("a nil log should record nothing")
	}
}

func TestDoReportsAnAuditFailureButStillCalls(t *testing.T) {
	t.Parallel()
	l, err := action.OpenLog(filepath.Join(t.TempDir(), "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	called := false
	r, auditErr := action.Do(t.Context(), l, fixed, action.Attempt{ID: "1", Kind: action.Stop},
		func(context.Context) (string, error) { called = true; return "stopping", nil })
	if !called || r.Outcome != action.Done || r.Text != "stopping" {
		t.Fatalf("called %v, result %+v", called, r)
	}
	if auditErr == nil || !strings.Contains(auditErr.Error(), "audit log: closed") {
		t.Fatalf("a failed record was reported as %v", auditErr)
	}
}
