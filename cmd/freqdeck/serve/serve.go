// Package serve is `freqdeck serve`: freqdeck's freqtrade-compatible API
// server in front of the built-in dry-run bot (server/launch), set up from
// the [server] table and the command's flags.
//
// The package acts and the program wires: Deps carry the program's
// configuration pipeline, its streams and its environment.
package serve

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/server/launch"
)

// flags are the flags of `freqdeck serve`, as typed.
type flags struct {
	listen, username, password, jwtSecret string
	wsTokens, corsOrigins                 []string
	openAPI                               bool
	uiDir, db                             string
	logRequests                           bool
	speed                                 float64
}

func (f *flags) register(fs *pflag.FlagSet) {
	def := config.Default().Server
	fs.StringVar(&f.listen, "listen", def.Listen, "address to listen on, host:port")
	fs.StringVar(&f.username, "username", def.Username, "API username")
	fs.StringVar(&f.password, "password", "", "API password (default $FREQDECK_PASSWORD, else generated)")
	fs.StringVar(&f.jwtSecret, "jwt-secret", "", "secret that signs JWTs (default: random per run)")
	fs.StringArrayVar(&f.wsTokens, "ws-token", nil, "token accepted on the message WebSocket (repeatable)")
	fs.StringArrayVar(&f.corsOrigins, "cors-origin", nil, "origin allowed cross-origin requests, e.g. http://localhost:3000 (repeatable)")
	fs.BoolVar(&f.openAPI, "openapi", false, "serve /openapi.json and the /docs page")
	fs.StringVar(&f.uiDir, "ui-dir", "", "folder holding an unzipped FreqUI release, served at /")
	fs.StringVar(&f.db, "db", config.DefaultServeDB, "SQLite database of the dry-run bot")
	fs.BoolVar(&f.logRequests, "log-requests", false, "log one line per HTTP request (method, path, status, bytes, duration) to stderr")
	fs.Float64Var(&f.speed, "speed", def.Market.Speed, "run the dry-run bot's clock this many times faster than the wall clock (a demo and test option: clients then see future dates)")
}

// given returns the flags the user gave, for the configuration pipeline;
// the others stay nil, so the file's values stand.
func (f *flags) given(fs *pflag.FlagSet) config.ServeFlags {
	return config.ServeFlags{
		Listen:      given(fs, "listen", f.listen),
		Username:    given(fs, "username", f.username),
		Password:    given(fs, "password", f.password),
		JWTSecret:   given(fs, "jwt-secret", f.jwtSecret),
		WSTokens:    f.wsTokens,
		CORSOrigins: f.corsOrigins,
		OpenAPI:     given(fs, "openapi", f.openAPI),
		UIDir:       given(fs, "ui-dir", f.uiDir),
		DB:          given(fs, "db", f.db),
		Speed:       given(fs, "speed", f.speed),
	}
}

// given returns &v when the flag name was given, else nil.
func given[T any](fs *pflag.FlagSet, name string, v T) *T {
	if !fs.Changed(name) {
		return nil
	}
	return &v
}

// Deps is what the serve command needs from the program around it.
type Deps struct {
	// Out receives the banner; Err the server's and the bot's log.
	Out, Err io.Writer
	// Getenv reads the environment ($FREQDECK_PASSWORD, a password_env).
	Getenv func(string) string
	// Load runs the program's configuration pipeline with serve's flags:
	// defaults, the file, the environment, the flags, validation. Its
	// errors are usage errors.
	Load func(config.ServeFlags) (config.Config, error)
	// Reload re-reads the bot's settings for /reload_config; nil keeps them.
	Reload func(context.Context) (dryrun.Config, error)
	// Version is freqdeck's version, reported by /version and /show_config.
	Version string
}

// NewCommand builds `freqdeck serve` over deps.
func NewCommand(deps Deps) *cobra.Command {
	f := &flags{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the freqtrade-compatible API server with the built-in dry-run bot",
		Long: "serve runs freqdeck's freqtrade-compatible REST + WebSocket API (the routes of\n" +
			"freqtrade's api_server under /api/v1) in front of the built-in dry-run bot.\n" +
			"FreqUI, freqtrade-client and freqdeck consoles can connect to it.\n\n" +
			"It listens on 127.0.0.1 by default. To reach it from another machine, prefer an\n" +
			"SSH tunnel (ssh -L 8080:127.0.0.1:8080 vps). Listening on any other address is\n" +
			"refused while the password, the JWT secret or a ws_token is weak: too short, too\n" +
			"guessable, a common password, or equal to another credential (README: Security notes).\n\n" +
			"The password comes from --password or $FREQDECK_PASSWORD (preferred: flags are\n" +
			"visible to other users in ps); without either, a random one is generated and printed.",
		Example: "  # local only, password generated and printed\n" +
			"  freqdeck serve\n\n" +
			"  # FreqUI in ./frequi, OpenAPI docs at /docs\n" +
			"  FREQDECK_PASSWORD=... freqdeck serve --ui-dir ./frequi --openapi\n\n" +
			"  # reachable from the LAN (needs strong secrets)\n" +
			"  FREQDECK_PASSWORD=... freqdeck serve --listen 0.0.0.0:8080 --jwt-secret \"$(openssl rand -hex 32)\"",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := settingsFor(cmd.Context(), f.given(cmd.Flags()), deps)
			if err != nil {
				return cli.Usage(err)
			}
			s.logRequests = f.logRequests
			return run(cmd.Context(), s, deps.Out, deps.Err)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// run starts the bot and the server, and blocks until ctx ends and both
// have stopped. The banner goes to out, the log to errOut.
func run(ctx context.Context, s settings, out, errOut io.Writer) error {
	log := slog.New(slog.NewTextHandler(errOut, &slog.HandlerOptions{Level: slog.LevelInfo}))
	o := s.launch
	o.BotLogger, o.ServerLogger = log, log
	if s.logRequests {
		o.ServerOptions = append(o.ServerOptions, server.WithRequestLog(log.With("logger", "freqdeck.requests")))
	}
	o.Ready = func(addr net.Addr) { printBanner(out, addr, o.Server, s.passwordFrom) }
	running, err := launch.Start(ctx, o)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := running.Wait(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("server stopped")
	return nil
}

// printBanner tells the operator where the server is and how to log in;
// from says where the password came from.
func printBanner(w io.Writer, addr net.Addr, c server.Config, from string) {
	host := addr.String()
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		// [::]:8080 is no address to type: every interface answers, and
		// the examples below use the loopback.
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
		fmt.Fprintf(w, "freqdeck API server listening on every interface, port %d\n", tcp.Port)
	} else {
		fmt.Fprintf(w, "freqdeck API server listening on http://%s\n", host)
	}
	base := "http://" + host
	pass := `"$FREQDECK_PASSWORD"`
	fmt.Fprintf(w, "  API:       %s/api/v1 (freqtrade-compatible)\n", base)
	fmt.Fprintf(w, "  WebSocket: ws://%s/api/v1/message/ws?token=<ws_token or access token>\n", host)
	switch from {
	case passwordGenerated:
		fmt.Fprintf(w, "  Login:     username %q, password %q (generated for this run)\n", c.Username, c.Password)
		pass = "'" + c.Password + "'"
	default:
		fmt.Fprintf(w, "  Login:     username %q, password from %s\n", c.Username, from)
	}
	if c.EnableOpenAPI {
		fmt.Fprintf(w, "  Docs:      %s/docs\n", base)
	}
	fmt.Fprintf(w, "  Try:       curl -u %s:%s %s/api/v1/status\n", c.Username, pass, base)
	fmt.Fprintf(w, "  Console:   freqdeck --url %s --username %s\n", base, c.Username)
}
