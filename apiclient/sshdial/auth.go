package sshdial

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// AuthError is the reason of PhaseAuthFailed: the server refused every key.
type AuthError struct {
	// Target is the user@host:port that refused.
	Target string
	// Tried lists what was offered, in order: "agent", "~/.ssh/id_ed25519",
	// and keys that could not be offered with why ("~/.ssh/id_rsa (no
	// passphrase)").
	Tried []string
	// Methods lists the server's methods when it accepts no public key.
	Methods []string
}

// Error implements error: "ssh: auth failed (tried agent, ~/.ssh/id_ed25519)".
func (e *AuthError) Error() string {
	tried := "nothing: no agent, no identity file"
	if len(e.Tried) > 0 {
		tried = strings.Join(e.Tried, ", ")
	}
	msg := "ssh: auth failed (tried " + tried + ")"
	if len(e.Methods) > 0 {
		msg += "; the server accepts only " + strings.Join(e.Methods, ", ")
	}
	return msg
}

// authSource is one line of an AuthError's Tried: the agent or a key file.
type authSource struct {
	label   string // "agent", "~/.ssh/id_ed25519"
	note    string // why it was not (fully) offered
	offered bool
}

// authPlan offers keys one at a time through ssh.ClientConfig.AuthCallback,
// so a key that cannot sign (no passphrase) only skips itself. It is built
// on the first callback, once the host key has been verified: nothing is
// read, and no passphrase asked, for a host that is not trusted.
type authPlan struct {
	pool   *Pool
	ctx    context.Context
	target *Target
	pause  func() func() // stops the handshake deadline while prompting

	built   bool
	sources []*authSource
	signers []ssh.Signer
	from    []*authSource // from[i] is where signers[i] came from
	next    int
	done    bool     // every key was offered
	methods []string // the server accepts no public key, only these
	agent   io.Closer
}

// callback implements ssh.ClientAuthCallback.
func (a *authPlan) callback(actx *ssh.ClientAuthContext) (ssh.AuthMethod, error) {
	if !a.built {
		a.build()
	}
	if !slices.Contains(actx.AllowedMethods, "publickey") {
		a.done, a.methods = true, actx.AllowedMethods
		return nil, nil
	}
	if a.next >= len(a.signers) {
		a.done = true
		return nil, nil
	}
	i := a.next
	a.next++
	a.from[i].offered = true
	return ssh.PublicKeys(a.signers[i]), nil
}

// failure is the AuthError once every key was refused, nil otherwise.
func (a *authPlan) failure() *AuthError {
	if !a.done {
		return nil
	}
	e := &AuthError{Target: a.target.User + "@" + a.target.Addr(), Methods: a.methods}
	for _, s := range a.sources {
		switch {
		case s.note != "":
			e.Tried = append(e.Tried, s.label+" ("+s.note+")")
		case s.offered:
			e.Tried = append(e.Tried, s.label)
		}
	}
	return e
}

func (a *authPlan) close() {
	if a.agent != nil {
		_ = a.agent.Close()
	}
}

func (a *authPlan) build() {
	a.built = true
	agentSigners, agentSrc := a.agentSigners()
	var files []ssh.Signer
	var fileSrcs []*authSource
	var filePubs [][]byte
	for _, path := range a.target.IdentityFiles {
		k := loadKey(path, a.target.IdentitiesExplicit)
		if k.skip {
			continue
		}
		src := &authSource{label: tildePath(a.pool.opts.Home, path), note: k.note}
		a.sources = append(a.sources, src)
		if k.pub == nil {
			continue
		}
		filePubs = append(filePubs, k.pub.Marshal())
		if k.signer == nil {
			k.signer = &lazySigner{plan: a, src: src, path: path, pem: k.pem, pub: k.pub}
		}
		files = append(files, k.signer)
		fileSrcs = append(fileSrcs, src)
	}
	var agentPubs [][]byte
	for _, s := range agentSigners {
		pub := s.PublicKey().Marshal()
		if a.target.IdentitiesOnly && !containsBlob(filePubs, pub) {
			continue
		}
		agentPubs = append(agentPubs, pub)
		a.signers = append(a.signers, s)
		a.from = append(a.from, agentSrc)
	}
	for i, s := range files {
		if containsBlob(agentPubs, s.PublicKey().Marshal()) {
			continue // the agent offers it already
		}
		a.signers = append(a.signers, s)
		a.from = append(a.from, fileSrcs[i])
	}
}

// agentSigners connects to SSH_AUTH_SOCK. The returned source heads the
// plan's sources when there is an agent to mention.
func (a *authPlan) agentSigners() ([]ssh.Signer, *authSource) {
	sock := a.target.IdentityAgent
	if sock == "" {
		sock = a.pool.opts.Getenv("SSH_AUTH_SOCK")
	}
	if sock == "" || sock == "none" {
		return nil, nil
	}
	src := &authSource{label: "agent"}
	a.sources = append(a.sources, src)
	var d net.Dialer
	conn, err := d.DialContext(a.ctx, "unix", sock)
	if err != nil {
		src.note = "unreachable"
		return nil, src
	}
	a.agent = conn
	signers, err := agent.NewClient(conn).Signers()
	switch {
	case err != nil:
		src.note = "error: " + err.Error()
	case len(signers) == 0:
		src.note = "no keys"
	}
	return signers, src
}

func containsBlob(list [][]byte, b []byte) bool {
	return slices.ContainsFunc(list, func(x []byte) bool { return bytes.Equal(x, b) })
}

// fileKey is an identity file as read from disk.
type fileKey struct {
	signer ssh.Signer    // set for an unencrypted key
	pub    ssh.PublicKey // set when the key can be offered
	pem    []byte        // the file, for unlocking later
	note   string        // why it cannot be offered, or "encrypted"
	skip   bool          // absent default identity: say nothing
}

func loadKey(path string, explicit bool) fileKey {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if explicit {
			return fileKey{note: "missing"}
		}
		return fileKey{skip: true}
	}
	if err != nil {
		return fileKey{note: "unreadable: " + err.Error()}
	}
	signer, err := ssh.ParsePrivateKey(data)
	if err == nil {
		return fileKey{signer: signer, pub: signer.PublicKey()}
	}
	var missing *ssh.PassphraseMissingError
	if !errors.As(err, &missing) {
		return fileKey{note: "not a private key: " + err.Error()}
	}
	pub := missing.PublicKey
	if pub == nil {
		// Old PEM keys hide the public half; OpenSSH reads it from .pub.
		if b, err := os.ReadFile(path + ".pub"); err == nil {
			pub, _, _, _, _ = ssh.ParseAuthorizedKey(b)
		}
	}
	if pub == nil {
		return fileKey{note: "encrypted, no .pub file beside it"}
	}
	return fileKey{pub: pub, pem: data}
}

// lazySigner is an encrypted key offered by its public half; the
// passphrase is asked only when the server accepts the key and a signature
// is needed, as OpenSSH does.
type lazySigner struct {
	plan *authPlan
	src  *authSource
	path string
	pem  []byte
	pub  ssh.PublicKey
}

func (s *lazySigner) PublicKey() ssh.PublicKey { return s.pub }

func (s *lazySigner) Sign(rand io.Reader, data []byte) (*ssh.Signature, error) {
	return s.SignWithAlgorithm(rand, data, "")
}

// SignWithAlgorithm implements ssh.AlgorithmSigner, so RSA keys can use
// rsa-sha2-256/512.
func (s *lazySigner) SignWithAlgorithm(rand io.Reader, data []byte, algorithm string) (*ssh.Signature, error) {
	signer, err := s.unlock()
	if err != nil {
		s.src.note = noteFor(err)
		return nil, fmt.Errorf("%s: %w", s.src.label, err)
	}
	if as, ok := signer.(ssh.AlgorithmSigner); ok && algorithm != "" {
		return as.SignWithAlgorithm(rand, data, algorithm) //nolint:wrapcheck // the ssh package wraps it
	}
	return signer.Sign(rand, data) //nolint:wrapcheck // the ssh package wraps it
}

// unlock gets the key from the Pool's keyring. The handshake deadline is
// off meanwhile: a person may be typing, here or for another host that
// needs the same key.
func (s *lazySigner) unlock() (ssh.Signer, error) {
	a := s.plan
	defer a.pause()()
	return a.pool.keys.unlock(a.ctx, s.path, s.pem, a.pool.opts.Passphrase)
}

// noteFor words why an encrypted key was not used.
func noteFor(err error) string {
	switch {
	case errors.Is(err, errNoPrompt):
		return errNoPrompt.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "passphrase prompt cancelled"
	default:
		return err.Error()
	}
}
