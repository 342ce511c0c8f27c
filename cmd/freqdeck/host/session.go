package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/themes"
	"github.com/freqdeck/freqdeck/tui"
	"github.com/freqdeck/freqdeck/tui/alert"
	"github.com/freqdeck/freqdeck/tui/termrt"
)

// Lines a session is told on its way out.
const (
	goodbyeLine  = "freqdeck host is shutting down: goodbye."
	idleLine     = "freqdeck host: no key pressed for %s: goodbye."
	tooManyLines = "freqdeck host: all %s in use; try again later."
)

// session serves one SSH session: the console, on the session's pty.
func (s *server) session(sess ssh.Session) {
	k, _ := sess.Context().Value(keyCtx{}).(Key)
	who := []any{"user", sess.User(), "key", k.Fingerprint, "comment", k.Comment, "role", string(k.Role), "remote", sess.RemoteAddr().String()}
	if !s.acquire() {
		line := fmt.Sprintf(tooManyLines, sessionsText(s.cfg.MaxSessions))
		s.log.Warn("session refused", append(who, "reason", line)...)
		wish.Println(sess, line)
		_ = sess.Exit(1)
		return
	}
	defer s.release()
	s.log.Info("session opened", who...)
	idle, err := s.console(sess, k)
	s.log.Info("session closed", append(who, "idle", idle)...)
	if err != nil && (errors.Is(err, io.EOF) || sess.Context().Err() != nil) {
		s.log.Info("session dropped", append(who, "err", err)...) // the client went away
		return
	}
	if err != nil {
		s.log.Error("session failed", "user", sess.User(), "key", k.Fingerprint, "err", err)
		wish.Errorln(sess, "freqdeck host:", err)
		_ = sess.Exit(1)
		return
	}
	switch {
	case s.ctx.Err() != nil:
		wish.Println(sess, goodbyeLine)
	case idle:
		wish.Println(sess, fmt.Sprintf(idleLine, s.cfg.IdleTimeout))
	}
	_ = sess.Exit(0)
}

// console runs the console of key k on the session until the user quits,
// the session drops, no key comes for the idle timeout (idle) or the
// server stops.
func (s *server) console(sess ssh.Session, k Key) (idle bool, err error) {
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	pty, windows, _ := sess.Pty()
	getenv := sessionEnv(sess.Environ(), pty.Term)
	opts, err := s.options(sess, k, getenv)
	if err != nil {
		return false, err
	}
	m, err := tui.New(ctx, opts)
	if err != nil {
		return false, err
	}
	in := newIdleInput(sess)
	var idled atomic.Bool
	go in.watch(ctx, s.cfg.IdleTimeout, func() { idled.Store(true); cancel() })
	sizes := make(chan termrt.Size, 1)
	size := termrt.Size{Width: pty.Window.Width, Height: pty.Window.Height}
	if size.Width <= 0 || size.Height <= 0 {
		size = termrt.Size{Width: 80, Height: 24} // a client that told none
	}
	sizes <- size
	go forwardSizes(ctx, windows, sizes)
	_, err = termrt.Run(ctx, m, termrt.Options{In: in, Out: sess, Sizes: sizes})
	s.keep(k.Fingerprint, m.Place())
	return idled.Load(), joinErr(err, m.Close())
}

// options are the console's options for key k on this session: shared
// feeds, registries and audit log; the session's own terminal and place.
func (s *server) options(sess ssh.Session, k Key, getenv func(string) string) (tui.Options, error) {
	opts := s.cfg.Console
	noColor := themes.NoColor(getenv)
	theme, err := themes.Resolve(s.cfg.ThemeName, noColor)
	if err != nil {
		return opts, err
	}
	r := lipgloss.NewRenderer(sess, termenv.WithEnvironment(envList(getenv)), termenv.WithUnsafe(), termenv.WithColorCache(true))
	if noColor {
		r.SetColorProfile(themes.NoColorProfile(r.ColorProfile()))
	}
	alerts := alert.DefaultConfig()
	if opts.Alerts != nil {
		alerts = *opts.Alerts
	}
	if opts.Term, err = alert.DetectTerm(getenv, alerts.Notify); err != nil {
		return opts, err
	}
	opts.Theme, opts.Renderer = theme, r
	opts.Bots = s.bots(k)
	opts.Audit, opts.AuditPath, opts.Via = s.audit, "", "host"
	opts.Actor = &action.Actor{User: sess.User(), Key: k.Fingerprint, Comment: k.Comment}
	opts.Place = s.place(k.Fingerprint)
	opts.Input, opts.Output, opts.LocalLogs = nil, nil, nil
	return opts, nil
}

// bots are the configured bots on their shared hubs and registries; a
// viewer's are read-only.
func (s *server) bots(k Key) []tui.Bot {
	bots := make([]tui.Bot, len(s.cfg.Console.Bots))
	for i, b := range s.cfg.Console.Bots {
		b.Hub, b.Actions = s.hubs[i], s.acts[i]
		if k.Role == Viewer {
			b.ReadOnly = true
			b.ReadOnlyReason = "viewer key"
		}
		bots[i] = b
	}
	return bots
}

// forwardSizes turns the session's window changes into terminal sizes.
func forwardSizes(ctx context.Context, windows <-chan ssh.Window, sizes chan<- termrt.Size) {
	for {
		select {
		case w, ok := <-windows:
			if !ok {
				return
			}
			select {
			case sizes <- termrt.Size{Width: w.Width, Height: w.Height}:
			case <-ctx.Done():
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// sessionEnv reads the session's environment (what the client sent, and
// the pty's TERM), never the server's.
func sessionEnv(environ []string, term string) func(string) string {
	return func(k string) string {
		if k == "TERM" && term != "" {
			return term
		}
		for _, kv := range environ {
			if v, ok := strings.CutPrefix(kv, k+"="); ok {
				return v
			}
		}
		return ""
	}
}

// envList is the environment termenv reads the colour profile from.
type envList func(string) string

// Environ implements termenv.Environ.
func (e envList) Environ() []string {
	return []string{"TERM=" + e("TERM"), "COLORTERM=" + e("COLORTERM")}
}

// Getenv implements termenv.Environ.
func (e envList) Getenv(k string) string { return e(k) }

// printfLogger hands wish's connection log to slog.
type printfLogger struct{ l *slog.Logger }

// Printf implements logging.Logger.
func (p printfLogger) Printf(format string, v ...any) {
	p.l.Info(strings.TrimSpace(fmt.Sprintf(format, v...)), "logger", "freqdeck.host")
}

// joinErr joins errors, nil when both are.
func joinErr(a, b error) error {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	return fmt.Errorf("%w; %w", a, b)
}

// sessionsText is "1 session is" or "3 sessions are".
func sessionsText(n int) string {
	if n == 1 {
		return "1 session is"
	}
	return fmt.Sprintf("%d sessions are", n)
}
