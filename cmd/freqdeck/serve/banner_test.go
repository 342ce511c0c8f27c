package serve

import (
	"net"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/server"
)

// TestBannerOnEveryInterface: a server listening on 0.0.0.0 or [::] says
// so, and its examples use an address one can type: the loopback.
func TestBannerOnEveryInterface(t *testing.T) {
	t.Parallel()
	for _, ip := range []net.IP{net.IPv4zero, net.IPv6unspecified} {
		var b strings.Builder
		printBanner(&b, &net.TCPAddr{IP: ip, Port: 8080}, server.Config{Username: "op"}, "$FREQDECK_PASSWORD")
		out := b.String()
		for _, want := range []string{"listening on every interface, port 8080", "http://127.0.0.1:8080/api/v1/status",
			"freqdeck --url http://127.0.0.1:8080 --username op"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: banner lacks %q:\n%s", ip, want, out)
			}
		}
		if strings.Contains(out, "[::]") || strings.Contains(out, "0.0.0.0") {
			t.Errorf("%s: banner shows an unspecified address:\n%s", ip, out)
		}
	}
}
