// Package sshdial reaches bots through SSH: it resolves a target the way
// OpenSSH does (a Host alias of ~/.ssh/config, or user@host[:port]),
// authenticates with the agent and the identity files, verifies host keys
// strictly against known_hosts, and keeps one shared SSH connection per host
// alive with keepalives and backoff.
//
// A Pool hands out one Host per target. Host.DialContext opens a TCP
// connection from the far side of the SSH link, so it plugs into
// apiclient.WithDialContext (the HTTP transport and the WebSocket dialer):
//
//	pool := sshdial.NewPool(sshdial.Options{Passphrase: prompt})
//	defer pool.Close()
//	host, err := pool.Host("vps")
//	...
//	client, err := apiclient.New("http://127.0.0.1:8080",
//		apiclient.WithDialContext(host.DialContext))
//
// Each Host publishes its connection State ("ssh: connecting", "ssh: host
// key unknown (SHA256:…)", "ssh: link down, retrying in 8 s", …) through
// Watch. Nothing here skips host key verification: an unknown key is
// trusted only by Pool.Trust with the *HostKeyUnknownError that showed it,
// and a changed key is refused until known_hosts is fixed by hand.
//
// This package imports no other freqdeck package.
package sshdial
