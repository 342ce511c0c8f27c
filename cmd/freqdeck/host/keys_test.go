package host

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadKeysRoles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b, c := newTestKey(t, dir, "a"), newTestKey(t, dir, "b"), newTestKey(t, dir, "c")
	path := filepath.Join(dir, "authorized_keys")
	content := "# comment\n\n" + a.line + " alice@laptop\n" +
		`no-pty,freqdeck-role=viewer ` + b.line + " bob@phone\n" +
		`freqdeck-role="operator" ` + c.line + "\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := LoadKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		role    Role
		comment string
	}{{Operator, "alice@laptop"}, {Viewer, "bob@phone"}, {Operator, ""}}
	if len(keys) != len(want) {
		t.Fatalf("%d keys", len(keys))
	}
	for i, w := range want {
		if keys[i].Role != w.role || keys[i].Comment != w.comment || !strings.HasPrefix(keys[i].Fingerprint, "SHA256:") {
			t.Errorf("key %d = %+v, want %+v", i, keys[i], w)
		}
	}
	if k, err := findKey(keys, b.signer.PublicKey()); err != nil || k.Role != Viewer {
		t.Fatalf("findKey(b) = %+v, %v", k, err)
	}

	bad := filepath.Join(dir, "bad")
	if err := os.WriteFile(bad, []byte("freqdeck-role=admin "+a.line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeys(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("an unknown role: %v", err)
	}
}
