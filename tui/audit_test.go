package tui

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
)

func TestAuditLogLines(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state", "audit.log")
	a, err := OpenAudit(path)
	if err != nil {
		t.Fatal(err)
	}
	b := namedBot(t, "alpha")
	ok := controlAction(b, actPause)
	failed := forceExitAllAction(b)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if err := a.Record(auditEntry(fixedClock(), "alpha", ok, "paused", nil)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	apiErr := &apiclient.APIError{Status: 502, Message: "Error querying /api/v1/forceexit: trader is not running"}
	if err := a.Record(auditEntry(fixedClock(), "alpha", failed, "", apiErr)); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Record(AuditEntry{}); err == nil {
		t.Fatal("a closed audit log accepted an entry")
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("audit log mode %v, %v", info.Mode(), err)
	}
	entries := readAudit(t, path)
	if len(entries) != 11 {
		t.Fatalf("%d entries, want 11", len(entries))
	}
	last := entries[10]
	if last.Action != "force_exit_all" || last.Status != 502 || last.Error != apiErr.Message || last.Bot != "alpha" {
		t.Fatalf("last entry = %+v", last)
	}
	if entries[0].Action != "pause" || entries[0].Result != "paused" || entries[0].Request != nil {
		t.Fatalf("first entry = %+v", entries[0])
	}
	var nilLog *AuditLog
	if nilLog.Record(AuditEntry{}) != nil || nilLog.Close() != nil {
		t.Fatal("a nil audit log should record nothing")
	}
	if errorText(errors.New("plain")) != "plain" {
		t.Fatal("errorText")
	}
}
