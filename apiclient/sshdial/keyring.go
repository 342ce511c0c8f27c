package sshdial

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/crypto/ssh"
)

// passphraseTries is how often a wrong passphrase is asked again, as
// OpenSSH's NumberOfPasswordPrompts.
const passphraseTries = 3

// errNoPrompt marks an encrypted key that cannot be unlocked because the
// Pool has no PassphraseFunc.
var errNoPrompt = errors.New("encrypted, no passphrase prompt")

// keyring remembers unlocked keys for the Pool's lifetime, so a reconnect
// asks nothing, and remembers refusals until forget, so a retry does not
// prompt again. One prompt per key runs at a time; hosts needing the same
// key wait for its answer.
type keyring struct {
	mu   sync.Mutex
	keys map[string]*keyEntry // by path
}

type keyEntry struct {
	signer   ssh.Signer
	declined error
	busy     chan struct{} // closed when the running prompt ends
}

func newKeyring() *keyring { return &keyring{keys: map[string]*keyEntry{}} }

// unlock returns the signer of the encrypted key pemBytes at path, asking
// prompt for its passphrase if it has not been unlocked yet.
func (k *keyring) unlock(ctx context.Context, path string, pemBytes []byte, prompt PassphraseFunc) (ssh.Signer, error) {
	if prompt == nil {
		return nil, errNoPrompt
	}
	for {
		k.mu.Lock()
		e := k.keys[path]
		if e == nil {
			e = &keyEntry{}
			k.keys[path] = e
		}
		if e.signer != nil || e.declined != nil {
			k.mu.Unlock()
			return e.signer, e.declined
		}
		if busy := e.busy; busy != nil {
			k.mu.Unlock()
			select {
			case <-busy:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		e.busy = make(chan struct{})
		k.mu.Unlock()

		signer, err := askPassphrase(ctx, path, pemBytes, prompt)
		k.mu.Lock()
		close(e.busy)
		e.busy = nil
		if err == nil {
			e.signer = signer
		} else if ctx.Err() == nil {
			e.declined = err
		}
		k.mu.Unlock()
		return signer, err
	}
}

// forget drops remembered refusals, so the next attempt asks again.
func (k *keyring) forget() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, e := range k.keys {
		e.declined = nil
	}
}

func askPassphrase(ctx context.Context, path string, pemBytes []byte, prompt PassphraseFunc) (ssh.Signer, error) {
	for range passphraseTries {
		pass, err := prompt(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("no passphrase: %w", err)
		}
		signer, err := ssh.ParsePrivateKeyWithPassphrase(pemBytes, []byte(pass))
		if errors.Is(err, x509.IncorrectPasswordError) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("unlock: %w", err)
		}
		return signer, nil
	}
	return nil, errors.New("wrong passphrase")
}
