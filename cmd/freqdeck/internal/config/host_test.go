package config

import (
	"path/filepath"
	"testing"
)

func TestHostResolved(t *testing.T) {
	t.Parallel()
	env := map[string]string{"HOME": "/home/ft", "XDG_STATE_HOME": "/var/state"}
	h := Default().Host.Resolved(func(k string) string { return env[k] })
	if h.AuthorizedKeys != filepath.FromSlash("/home/ft/.config/freqdeck/authorized_keys") ||
		h.HostKey != filepath.FromSlash("/var/state/freqdeck/host_ed25519") || h.Listen != DefaultHostListen {
		t.Fatalf("resolved %+v", h)
	}
	given := Host{AuthorizedKeys: "~/keys", HostKey: "/etc/freqdeck/key"}.Resolved(func(k string) string { return env[k] })
	if given.AuthorizedKeys != "/home/ft/keys" || given.HostKey != "/etc/freqdeck/key" {
		t.Fatalf("given paths resolved to %+v", given)
	}
}
