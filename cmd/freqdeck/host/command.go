package host

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/tui"
)

// Settings are what the program's configuration pipeline gives the host.
type Settings struct {
	// Host is [host], defaults resolved (config.Host.Resolved).
	Host config.Host
	// Console is the console's options (theme aside), without bots.
	Console tui.Options
	// ThemeName is the configured theme.
	ThemeName string
	// AuditPath is the audit log.
	AuditPath string
	// Bots starts the bots to serve (the configured ones, or the embedded
	// dry-run bot), shared by the sessions (bots.Options.Shared).
	Bots func(ctx context.Context, logger *slog.Logger) (bots.Built, error)
}

// Deps is what the host command needs from the program around it.
type Deps struct {
	// Out receives the banner; Err the server's log.
	Out, Err io.Writer
	// Load runs the configuration pipeline; its errors are usage errors.
	Load func() (Settings, error)
}

// flags are the command's flags; each given one overrides [host].
type flags struct {
	listen, authorizedKeys, hostKey string
	maxSessions                     int
	idleTimeout                     time.Duration
}

func (f *flags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.listen, "listen", config.DefaultHostListen, "address of the SSH server, host:port ([host] listen)")
	fs.StringVar(&f.authorizedKeys, "authorized-keys", "", "authorized_keys file of the keys let in (default $XDG_CONFIG_HOME/freqdeck/authorized_keys)")
	fs.StringVar(&f.hostKey, "host-key", "", "the server's ed25519 host key, generated when missing (default host_ed25519 in the state directory)")
	fs.IntVar(&f.maxSessions, "max-sessions", config.DefaultHostMaxSessions, "sessions open at once; one more is refused")
	fs.DurationVar(&f.idleTimeout, "idle-timeout", config.DefaultHostIdleTimeout, "close a session where no key was pressed for this long")
}

// apply overlays the flags given on h.
func (f *flags) apply(fs *pflag.FlagSet, h config.Host) config.Host {
	if fs.Changed("listen") {
		h.Listen = f.listen
	}
	if fs.Changed("authorized-keys") {
		h.AuthorizedKeys = f.authorizedKeys
	}
	if fs.Changed("host-key") {
		h.HostKey = f.hostKey
	}
	if fs.Changed("max-sessions") {
		h.MaxSessions = f.maxSessions
	}
	if fs.Changed("idle-timeout") {
		h.IdleTimeout = f.idleTimeout
	}
	return h
}

// NewCommand builds `freqdeck host` over deps.
func NewCommand(deps Deps) *cobra.Command {
	f := &flags{}
	cmd := &cobra.Command{
		Use:   "host",
		Short: "Serve the console over SSH to any SSH client",
		Long: "host runs an SSH server that serves the console to any SSH client (a laptop,\n" +
			"a phone's SSH app), with nothing to install there: ssh -p 2222 vps. It shows the\n" +
			"configured bots ([[bot]] entries), or the embedded dry-run bot when none is\n" +
			"configured, as the console does.\n\n" +
			"Public keys only, from an authorized_keys-format file; no password, no\n" +
			"keyboard-interactive. A key is an operator unless its line starts with the\n" +
			"option freqdeck-role=viewer: a viewer watches, and every action is refused.\n" +
			"The audit log records the acting key's fingerprint and comment.\n\n" +
			"All sessions share one feed per bot: ten sessions cost the bot what one does.\n" +
			"Each has its own screen, focus and dialogs, and a key that logs in again finds\n" +
			"its last screen and selection. The ed25519 host key is generated on first start\n" +
			"(mode 0600) and its fingerprint printed.",
		Example: "  # on the VPS, next to freqtrade\n" +
			"  freqdeck host --listen 127.0.0.1:2222\n\n" +
			"  # ~/.config/freqdeck/authorized_keys\n" +
			"  ssh-ed25519 AAAA... alice@laptop\n" +
			"  freqdeck-role=viewer ssh-ed25519 AAAA... phone\n\n" +
			"  # from anywhere, once it listens there (--listen 0.0.0.0:2222)\n" +
			"  ssh -p 2222 vps",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := deps.Load()
			if err != nil {
				return cli.Usage(err)
			}
			s.Host = f.apply(cmd.Flags(), s.Host)
			if s.Host.MaxSessions < 1 || s.Host.IdleTimeout < time.Second {
				return cli.Usage(fmt.Errorf("host: --max-sessions must be at least 1 and --idle-timeout at least 1s"))
			}
			return run(cmd.Context(), s, deps.Out, deps.Err)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// run starts the bots and serves them until ctx ends.
func run(ctx context.Context, s Settings, out, errOut io.Writer) error {
	log := slog.New(slog.NewTextHandler(errOut, &slog.HandlerOptions{Level: slog.LevelInfo}))
	built, err := s.Bots(ctx, log)
	if err != nil {
		return fmt.Errorf("host: %w", err)
	}
	c := s.Console
	c.Bots, c.SSH, c.Logger = built.Bots, built.SSH, log
	h := s.Host
	err = Serve(ctx, Config{
		Listen: h.Listen, AuthorizedKeys: h.AuthorizedKeys, HostKey: h.HostKey,
		MaxSessions: h.MaxSessions, IdleTimeout: h.IdleTimeout,
		Console: c, ThemeName: s.ThemeName, AuditPath: s.AuditPath, Logger: log,
		Ready: func(addr net.Addr, fp string) {
			fmt.Fprintf(out, "freqdeck host listening on %s\n", addr)
			fmt.Fprintf(out, "  Host key:  %s (%s)\n", fp, h.HostKey)
			fmt.Fprintf(out, "  Keys:      %s\n", keysBanner(h.AuthorizedKeys))
			fmt.Fprintf(out, "  Try:       ssh -p %s <this host>\n", portOf(addr))
		},
	})
	return joinErr(err, built.Stop())
}

// keysBanner is the start banner's line about the authorized_keys file:
// its path and how many keys of each role it lets in, or a warning when no
// key can log in yet (the file is read again at each login).
func keysBanner(path string) string {
	keys, err := LoadKeys(path)
	if err != nil {
		return fmt.Sprintf("%s\n  Warning:   no key can log in until it lists one (%v)", path, err)
	}
	ops := 0
	for _, k := range keys {
		if k.Role == Operator {
			ops++
		}
	}
	if len(keys) == 0 {
		return fmt.Sprintf("%s\n  Warning:   no key can log in until it lists one (the file lists none)", path)
	}
	return fmt.Sprintf("%s (%d operator, %d viewer)", path, ops, len(keys)-ops)
}

// portOf is addr's port.
func portOf(addr net.Addr) string {
	_, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return port
}
