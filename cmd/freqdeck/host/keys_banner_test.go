package host

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeysBanner: the start banner says how many keys may log in, and warns
// when none can (no file, or no key in it).
func TestKeysBanner(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "authorized_keys")
	if got := keysBanner(missing); !strings.Contains(got, missing) || !strings.Contains(got, "no key can log in") {
		t.Fatalf("missing file: %q", got)
	}
	if err := os.WriteFile(missing, []byte("# nobody yet\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := keysBanner(missing); !strings.Contains(got, "no key can log in") {
		t.Fatalf("empty file: %q", got)
	}
	op, viewer := newTestKey(t, dir, "op"), newTestKey(t, dir, "viewer")
	lines := op.line + " alice@laptop\nfreqdeck-role=viewer " + viewer.line + " bob@phone\n"
	if err := os.WriteFile(missing, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := keysBanner(missing); !strings.Contains(got, "1 operator, 1 viewer") || strings.Contains(got, "no key") {
		t.Fatalf("two keys: %q", got)
	}
}
