//go:build unix

package config

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDetachedCommandLeavesNothing: a password_cmd given up on is killed
// with what it started (here a sleep in the background), not only its
// shell.
func TestDetachedCommandLeavesNothing(t *testing.T) {
	t.Parallel()
	pidFile := filepath.Join(t.TempDir(), "pid")
	s := Secret{PasswordCmd: "sleep 60 & echo $! > " + pidFile + "; wait"}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if _, err := s.ResolveDetached(ctx, env(nil)); err == nil || !strings.Contains(err.Error(), "gave up waiting") {
		t.Fatalf("err = %v, want the command given up on", err)
	}
	text, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(text)))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("the command's child %d still runs", pid)
		}
		time.Sleep(10 * time.Millisecond) // polling the process table: there is nothing to wait on
	}
}

// alive reports whether pid runs (a zombie, dead but not yet reaped by
// init, does not count).
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return !os.IsNotExist(err)
	}
	fields := strings.Fields(string(stat))
	return len(fields) < 3 || fields[2] != "Z"
}
