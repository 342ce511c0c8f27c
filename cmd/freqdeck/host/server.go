// Package host is `freqdeck host`: the console served over SSH (wish) to
// any SSH client, public keys only, each key an operator or a viewer. All
// sessions share one feed per bot (feed.Hub), one registry of actions in
// flight per bot and one audit log; each has its own screen, focus, scroll
// and dialogs, drawn by the terminal runtime (termrt) over its pty.
//
// The package acts and the program wires: Deps carry the program's
// configuration pipeline and the bots it builds.
package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	"github.com/charmbracelet/wish/logging"
	"github.com/charmbracelet/wish/ratelimiter"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/tui"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// Config is one `freqdeck host` server, resolved.
type Config struct {
	// Listen is the address, host:port (port 0 picks one).
	Listen string
	// AuthorizedKeys is the authorized_keys-format file, read again at
	// every login so an edit takes effect without a restart.
	AuthorizedKeys string
	// HostKey is the server's private key file (generated when missing).
	HostKey string
	// MaxSessions bounds the sessions open at once.
	MaxSessions int
	// IdleTimeout ends a session where no key was pressed for that long
	// (and a connection with no traffic at all).
	IdleTimeout time.Duration
	// Console is every session's console: its Bots (started once, shared),
	// theme, keys, alerts and timings. Its terminal fields are the
	// session's own.
	Console tui.Options
	// ThemeName is the configured theme, resolved per session (NO_COLOR).
	ThemeName string
	// AuditPath is the audit log shared by every session; empty keeps none.
	AuditPath string
	// Logger receives the server's log (connections, refusals).
	Logger *slog.Logger
	// Ready is called once the server listens, with its address and the
	// host key's fingerprint.
	Ready func(addr net.Addr, fingerprint string)
}

// server is a running host.
type server struct {
	cfg   Config
	ctx   context.Context
	hubs  []*feed.Hub
	acts  []*action.Registry
	audit *action.Log
	log   *slog.Logger

	mu       sync.Mutex
	sessions int
	places   map[string]tui.Place
	live     sync.WaitGroup
}

// Serve runs the SSH server until ctx ends; then every session is told
// goodbye and closed before it returns.
func Serve(ctx context.Context, cfg Config) error {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	hubs, err := tui.NewHubs(ctx, cfg.Console)
	if err != nil {
		return fmt.Errorf("host: %w", err)
	}
	s := &server{cfg: cfg, ctx: ctx, hubs: hubs, log: cfg.Logger, places: map[string]tui.Place{}}
	for range hubs {
		s.acts = append(s.acts, action.NewRegistry())
	}
	if cfg.AuditPath != "" {
		if s.audit, err = action.OpenLog(cfg.AuditPath); err != nil {
			return fmt.Errorf("host: %w", err)
		}
		defer s.audit.Close()
	}
	return s.serve()
}

// serve listens and serves until ctx ends.
func (s *server) serve() error {
	pemKey, fp, err := HostKey(s.cfg.HostKey)
	if err != nil {
		return err
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(pemKey),
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithIdleTimeout(s.cfg.IdleTimeout),
		wish.WithMiddleware(
			func(ssh.Handler) ssh.Handler { return s.session },
			activeterm.Middleware(),
			logging.MiddlewareWithLogger(printfLogger{s.log}),
			ratelimiter.Middleware(ratelimiter.NewRateLimiter(rate.Every(time.Second), 10, 1024)),
		),
	)
	if err != nil {
		return fmt.Errorf("host: %w", err)
	}
	ln, err := (&net.ListenConfig{}).Listen(s.ctx, "tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("host: %w", err)
	}
	if s.cfg.Ready != nil {
		s.cfg.Ready(ln.Addr(), fp)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err = <-done:
	case <-s.ctx.Done():
		// Every session sees ctx end, says goodbye and exits; then the
		// connections close.
		_ = ln.Close()
		s.live.Wait()
		err = srv.Close()
		<-done
	}
	if errors.Is(err, ssh.ErrServerClosed) || errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// authorize lets in the keys of the authorized_keys file, and keeps the
// key's entry on the connection for its sessions.
func (s *server) authorize(ctx ssh.Context, pub ssh.PublicKey) bool {
	keys, err := LoadKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		s.log.Error("login refused", "user", ctx.User(), "err", err)
		return false
	}
	k, err := findKey(keys, pub)
	if err != nil {
		s.log.Info("login refused", "user", ctx.User(), "key", gossh.FingerprintSHA256(pub), "remote", ctx.RemoteAddr().String(), "err", err)
		return false
	}
	if k.Unenforced != "" {
		s.log.Warn("login refused", "user", ctx.User(), "key", k.Fingerprint, "comment", k.Comment, "remote", ctx.RemoteAddr().String(),
			"err", "its authorized_keys line has "+k.Unenforced+", which freqdeck host does not enforce: remove the option, or the key")
		return false
	}
	ctx.SetValue(keyCtx{}, k)
	return true
}

// keyCtx holds a connection's Key.
type keyCtx struct{}

// acquire takes a session slot; false when MaxSessions are open.
func (s *server) acquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sessions >= s.cfg.MaxSessions || s.ctx.Err() != nil {
		return false
	}
	s.sessions++
	s.live.Add(1)
	return true
}

// release gives the slot back.
func (s *server) release() {
	s.mu.Lock()
	s.sessions--
	s.mu.Unlock()
	s.live.Done()
}

// place returns where key fp last stood.
func (s *server) place(fp string) *tui.Place {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.places[fp]; ok {
		return &p
	}
	return nil
}

// keep remembers where key fp stands (in memory: a restart forgets).
func (s *server) keep(fp string, p tui.Place) {
	s.mu.Lock()
	s.places[fp] = p
	s.mu.Unlock()
}
