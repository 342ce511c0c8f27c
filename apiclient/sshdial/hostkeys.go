package sshdial

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// HostKeyUnknownError is the reason of PhaseHostKeyUnknown: no known_hosts
// file has a key for the host. Show Fingerprint to the operator; Pool.Trust
// accepts exactly this key.
type HostKeyUnknownError struct {
	// Host is the address as known_hosts writes it: "vps.example.com", or
	// "[127.0.0.1]:2222" for a port other than 22.
	Host string
	// Key is the key the server presented.
	Key ssh.PublicKey
	// KnownHosts is the file Pool.Trust appends to.
	KnownHosts string
}

// Fingerprint is the key's SHA256 fingerprint, "SHA256:…", as ssh shows it.
func (e *HostKeyUnknownError) Fingerprint() string { return ssh.FingerprintSHA256(e.Key) }

// Error implements error.
func (e *HostKeyUnknownError) Error() string {
	return fmt.Sprintf("ssh: host key unknown for %s (%s %s); trusting it adds it to %s",
		e.Host, e.Key.Type(), e.Fingerprint(), e.KnownHosts)
}

// HostKeyChangedError is the reason of PhaseHostKeyChanged: the host
// presented a key other than the one known_hosts holds for it (or a
// revoked key). Someone may be intercepting the connection, or the host was
// reinstalled; only fixing known_hosts by hand ends it.
type HostKeyChangedError struct {
	// Host is the address as known_hosts writes it.
	Host string
	// Key is the key the server presented.
	Key ssh.PublicKey
	// Known are the entries it contradicts (file, line, key).
	Known []knownhosts.KnownKey
	// Revoked is true when the key is marked @revoked.
	Revoked bool
}

// Fingerprint is the presented key's SHA256 fingerprint.
func (e *HostKeyChangedError) Fingerprint() string { return ssh.FingerprintSHA256(e.Key) }

// Error implements error.
func (e *HostKeyChangedError) Error() string {
	if e.Revoked {
		return fmt.Sprintf("ssh: host key REVOKED: %s presented %s, marked @revoked; refusing to connect",
			e.Host, e.Fingerprint())
	}
	var known []string
	for _, k := range e.Known {
		known = append(known, fmt.Sprintf("%s:%d has %s", k.Filename, k.Line, ssh.FingerprintSHA256(k.Key)))
	}
	return fmt.Sprintf("ssh: host key CHANGED for %s: it presented %s %s but %s. "+
		"Someone may be intercepting the connection, or the host was reinstalled: "+
		"check the new key out of band, then fix known_hosts by hand. Refusing to connect",
		e.Host, e.Key.Type(), e.Fingerprint(), strings.Join(known, ", "))
}

// hostKeys checks host keys against a target's known_hosts files.
type hostKeys struct {
	db    ssh.HostKeyCallback // nil when no file exists
	trust string              // the file Trust appends to
}

// loadHostKeys reads the target's known_hosts files afresh (so a key
// trusted or fixed since the last attempt counts).
func loadHostKeys(t *Target) (*hostKeys, error) {
	var existing []string
	for _, f := range append(append([]string{}, t.KnownHosts...), t.GlobalKnownHosts...) {
		if _, err := os.Stat(f); err == nil {
			existing = append(existing, f)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("ssh known_hosts: %w", err)
		}
	}
	hk := &hostKeys{}
	if len(t.KnownHosts) > 0 {
		hk.trust = t.KnownHosts[0]
	}
	if len(existing) > 0 {
		db, err := knownhosts.New(existing...)
		if err != nil {
			return nil, fmt.Errorf("ssh known_hosts: %w", err)
		}
		hk.db = db
	}
	return hk, nil
}

// check implements ssh.HostKeyCallback with typed errors.
func (hk *hostKeys) check(addr string, remote net.Addr, key ssh.PublicKey) error {
	host := knownhosts.Normalize(addr)
	if hk.db == nil {
		return &HostKeyUnknownError{Host: host, Key: key, KnownHosts: hk.trust}
	}
	err := hk.db(addr, remote, key)
	var keyErr *knownhosts.KeyError
	var revoked *knownhosts.RevokedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &revoked):
		return &HostKeyChangedError{Host: host, Key: key, Known: []knownhosts.KnownKey{revoked.Revoked}, Revoked: true}
	case errors.As(err, &keyErr) && len(keyErr.Want) == 0:
		return &HostKeyUnknownError{Host: host, Key: key, KnownHosts: hk.trust}
	case errors.As(err, &keyErr):
		return &HostKeyChangedError{Host: host, Key: key, Known: keyErr.Want}
	default:
		return fmt.Errorf("ssh known_hosts: %w", err)
	}
}

// algorithms orders the host key algorithms so the types known_hosts holds
// for addr come first, as OpenSSH does: a host with an ECDSA key on record
// is then asked for that key, not reported as changed because it prefers
// ed25519.
func (hk *hostKeys) algorithms(addr string) []string {
	all := ssh.SupportedAlgorithms().HostKeys
	if hk.db == nil {
		return nil
	}
	// Asking about a key nobody has lists the keys on record.
	probe, _ := ssh.NewPublicKey(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public())
	var keyErr *knownhosts.KeyError
	if err := hk.db(addr, &net.TCPAddr{IP: net.IPv4zero}, probe); !errors.As(err, &keyErr) || len(keyErr.Want) == 0 {
		return nil
	}
	var first []string
	for _, k := range keyErr.Want {
		for _, algo := range algorithmsFor(k.Key.Type()) {
			if !slices.Contains(first, algo) && slices.Contains(all, algo) {
				first = append(first, algo)
			}
		}
	}
	out := append([]string{}, first...)
	for _, algo := range all {
		if !slices.Contains(first, algo) {
			out = append(out, algo)
		}
	}
	return out
}

// algorithmsFor maps a key type to the signature algorithms that prove it.
func algorithmsFor(keyType string) []string {
	if keyType == ssh.KeyAlgoRSA {
		return []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256}
	}
	return []string{keyType}
}

// KeygenHint is the command that shows, on the host itself, the
// fingerprint of its key of type keyType ("ssh-ed25519"), to check an
// unknown key against before trusting it.
func KeygenHint(keyType string) string {
	name := "ed25519"
	switch {
	case strings.HasPrefix(keyType, "ecdsa"):
		name = "ecdsa"
	case keyType == "ssh-rsa":
		name = "rsa"
	}
	return "ssh-keygen -lf /etc/ssh/ssh_host_" + name + "_key.pub"
}
