package sshdial

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/crypto/ssh/knownhosts"
)

// Trust accepts the host key that e reported: it appends a hashed line for
// e.Host and e.Key to e.KnownHosts (creating the file with mode 0600 and
// its directory with 0700 if needed), as answering "yes" to ssh does, and
// wakes every Host waiting on an unknown key, so it tries again at once.
// Only an unknown key can be trusted; a changed key (*HostKeyChangedError)
// has no such way out.
func (p *Pool) Trust(e *HostKeyUnknownError) error {
	if e == nil || e.Key == nil || e.Host == "" {
		return errors.New("sshdial: Trust: no host key given")
	}
	if e.KnownHosts == "" {
		return fmt.Errorf("sshdial: Trust %s: UserKnownHostsFile is none, nowhere to write", e.Host)
	}
	line := knownhosts.Line([]string{knownhosts.HashHostname(e.Host)}, e.Key)
	p.trust.Lock()
	err := appendLine(e.KnownHosts, line)
	p.trust.Unlock()
	if err != nil {
		return fmt.Errorf("sshdial: trust %s: %w", e.Host, err)
	}
	p.opts.Logger.Info("ssh host key trusted", "host", e.Host, "key", e.Fingerprint(), "file", e.KnownHosts)
	p.mu.Lock()
	hosts := make([]*Host, 0, len(p.hosts))
	for _, h := range p.hosts {
		hosts = append(hosts, h)
	}
	p.mu.Unlock()
	for _, h := range hosts {
		// A host in an attempt may have read known_hosts before the write.
		if ph := h.State().Phase; ph == PhaseHostKeyUnknown || ph == PhaseConnecting {
			h.wakeUp()
		}
	}
	return nil
}

// appendLine adds line to file, after a newline if the file lacks a final
// one.
func appendLine(file, line string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err //nolint:wrapcheck // Trust names the host
	}
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err //nolint:wrapcheck // Trust names the host
	}
	lead, err := needsNewline(f)
	if err == nil {
		_, err = f.WriteString(lead + line + "\n")
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err //nolint:wrapcheck // Trust names the host
}

// needsNewline returns "\n" when f is not empty and does not end in one.
func needsNewline(f *os.File) (string, error) {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return "", err //nolint:wrapcheck // Trust names the host
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, st.Size()-1); err != nil && !errors.Is(err, io.EOF) {
		return "", err //nolint:wrapcheck // Trust names the host
	}
	if last[0] == '\n' {
		return "", nil
	}
	return "\n", nil
}
