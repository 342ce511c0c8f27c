package sshdial

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// PassphraseFunc asks the operator for the passphrase of the encrypted
// private key at keyPath. It is called only when the server would accept
// that key, from the connecting Host's own goroutine (other hosts go on),
// and ctx ends when the Pool closes. An error means no passphrase: the key
// is then skipped until Host.Retry.
type PassphraseFunc func(ctx context.Context, keyPath string) (string, error)

// DialFunc opens a network connection, as net.Dialer.DialContext does.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Options configures a Pool. The zero value reads the real ~/.ssh and
// environment, with the defaults below.
type Options struct {
	// Home is the home directory holding .ssh (default: os.UserHomeDir).
	Home string
	// ConfigFile is the user's ssh config (default Home/.ssh/config; a
	// missing file is fine). "none" reads no user config.
	ConfigFile string
	// SystemDir holds the system's ssh_config and ssh_known_hosts files
	// (default /etc/ssh).
	SystemDir string
	// LocalUser is the default remote user (default: the current user).
	LocalUser string
	// Getenv reads SSH_AUTH_SOCK and ${VAR} in config paths (default
	// os.Getenv).
	Getenv func(string) string
	// Passphrase unlocks encrypted keys; nil skips them.
	Passphrase PassphraseFunc
	// Clock drives keepalives and retry delays (default: the wall clock).
	Clock Clock
	// Dial opens the TCP connection to the first hop (default net.Dialer).
	Dial DialFunc
	// Logger receives a line per state change (default: none).
	Logger *slog.Logger

	// KeepaliveInterval is how often a keepalive is sent when the config has
	// no ServerAliveInterval (default 3 s). KeepaliveMax is how many may go
	// unanswered when it has no ServerAliveCountMax (default 3). A dead link
	// is found after (max+1) intervals: 12 s by default.
	KeepaliveInterval time.Duration
	KeepaliveMax      int
	// ConnectTimeout bounds the TCP connect and the SSH handshake of each
	// hop, not counting time spent in Passphrase (default 15 s; the config's
	// ConnectTimeout wins).
	ConnectTimeout time.Duration
	// MinBackoff is the first retry delay (default 1 s); it doubles per
	// failure up to MaxBackoff (default 30 s), spread by ±Jitter (a fraction,
	// default 0.2; negative: none).
	MinBackoff, MaxBackoff time.Duration
	Jitter                 float64
	// OperatorRetry is the delay after a failure only the operator can fix:
	// host key unknown or changed, auth failed (default 60 s).
	OperatorRetry time.Duration
	// StableAfter is how long a link must stay up for the backoff to start
	// over (default 30 s).
	StableAfter time.Duration
}

// The Options defaults.
const (
	DefaultKeepaliveInterval = 3 * time.Second
	DefaultKeepaliveMax      = 3
	DefaultConnectTimeout    = 15 * time.Second
	defaultMinBackoff        = time.Second
	defaultMaxBackoff        = 30 * time.Second
	defaultJitter            = 0.2
	defaultOperatorRetry     = 60 * time.Second
	defaultStableAfter       = 30 * time.Second
)

func (o Options) withDefaults() Options {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Home == "" {
		o.Home, _ = os.UserHomeDir()
	}
	switch o.ConfigFile {
	case "":
		o.ConfigFile = filepath.Join(o.Home, ".ssh", "config")
	case "none":
		o.ConfigFile = ""
	}
	o.SystemDir = firstNonEmpty(o.SystemDir, "/etc/ssh")
	if o.LocalUser == "" {
		if u, err := user.Current(); err == nil {
			o.LocalUser = u.Username
		}
		o.LocalUser = firstNonEmpty(o.LocalUser, o.Getenv("USER"))
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.Dial == nil {
		o.Dial = (&net.Dialer{}).DialContext
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	positive(&o.KeepaliveInterval, DefaultKeepaliveInterval)
	if o.KeepaliveMax <= 0 {
		o.KeepaliveMax = DefaultKeepaliveMax
	}
	positive(&o.ConnectTimeout, DefaultConnectTimeout)
	positive(&o.MinBackoff, defaultMinBackoff)
	positive(&o.MaxBackoff, defaultMaxBackoff)
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	if o.Jitter == 0 {
		o.Jitter = defaultJitter
	}
	o.Jitter = min(max(o.Jitter, 0), 1)
	positive(&o.OperatorRetry, defaultOperatorRetry)
	positive(&o.StableAfter, defaultStableAfter)
	return o
}

func positive(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

// Pool shares one SSH connection per host among everything dialing through
// it. Its methods are safe for concurrent use.
type Pool struct {
	opts   Options
	keys   *keyring
	ctx    context.Context // ends at Close; every Host's goroutines live in it
	cancel context.CancelFunc

	mu     sync.Mutex
	hosts  map[string]*Host
	closed bool
	wg     sync.WaitGroup
	trust  sync.Mutex // serialises appends to known_hosts
}

// NewPool returns an empty Pool. It reads nothing until Host is called.
func NewPool(opts Options) *Pool {
	ctx, cancel := context.WithCancel(context.Background())
	return &Pool{
		opts:   opts.withDefaults(),
		keys:   newKeyring(),
		ctx:    ctx,
		cancel: cancel,
		hosts:  map[string]*Host{},
	}
}

// Resolve returns what dest ("vps", "user@host:port") means under the
// Pool's ssh config, without connecting.
func (p *Pool) Resolve(dest string) (*Target, error) {
	r := &resolver{
		home: p.opts.Home, localUser: p.opts.LocalUser, uid: os.Getuid(),
		configFile: p.opts.ConfigFile, systemDir: p.opts.SystemDir, getenv: p.opts.Getenv,
	}
	r.localHost, _ = os.Hostname()
	r.localHost, _, _ = strings.Cut(r.localHost, ".")
	return r.resolve(dest)
}

// Host returns the shared Host for dest, creating it (and starting to
// connect in the background) on first use. Every caller with the same dest
// gets the same Host. An error means dest or the ssh config is wrong.
func (p *Pool) Host(dest string) (*Host, error) {
	key := strings.TrimSpace(dest)
	p.mu.Lock()
	if h, ok := p.hosts[key]; ok || p.closed {
		p.mu.Unlock()
		if !ok {
			return nil, ErrClosed
		}
		return h, nil
	}
	p.mu.Unlock()
	t, err := p.Resolve(key)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if h, ok := p.hosts[key]; ok {
		return h, nil // another caller won the race
	}
	if p.closed {
		return nil, ErrClosed
	}
	h := newHost(p, key, t)
	p.hosts[key] = h
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		h.run(p.ctx)
	}()
	return h, nil
}

// Close disconnects every Host, ends pending passphrase prompts, and
// returns once every goroutine of the Pool has stopped. Connections handed
// out by DialContext are closed too.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.cancel()
	p.wg.Wait()
	return nil
}

// goroutine runs f on a goroutine Close waits for; it reports false (and
// runs nothing) once the Pool is closed.
func (p *Pool) goroutine(f func()) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f()
	}()
	return true
}
