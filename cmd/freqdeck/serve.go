package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

// serveOptions are the flags of `freqdeck serve`.
type serveOptions struct {
	listen      string
	username    string
	password    string
	jwtSecret   string
	wsTokens    []string
	corsOrigins []string
	openAPI     bool
	uiDir       string
	db          string

	// bot holds the dry-run bot's settings (nil: dryrun.DefaultConfig()).
	bot *dryrun.Config
	// reload re-reads the bot's settings for /reload_config (nil: keep bot).
	reload func(context.Context) (dryrun.Config, error)
	// passwordSource names where a password set by the config step came
	// from, for the banner.
	passwordSource string
}

// defaultServeOptions returns serve's defaults before flags and config.
func defaultServeOptions() serveOptions {
	return serveOptions{listen: server.DefaultListen, username: "freqdeck", db: "freqdeck.dryrun.sqlite"}
}

// newServeCmd builds `freqdeck serve` over o, which its flags (and the config
// step of withServeConfig) fill in before it runs.
func newServeCmd(o *serveOptions, streams stdio, getenv func(string) string) *cobra.Command {
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
			return runServe(cmd.Context(), *o, streams, getenv)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", o.listen, "address to listen on, host:port")
	f.StringVar(&o.username, "username", o.username, "API username")
	f.StringVar(&o.password, "password", "", "API password (default $FREQDECK_PASSWORD, else generated)")
	f.StringVar(&o.jwtSecret, "jwt-secret", "", "secret that signs JWTs (default: random per run)")
	f.StringArrayVar(&o.wsTokens, "ws-token", nil, "token accepted on the message WebSocket (repeatable)")
	f.StringArrayVar(&o.corsOrigins, "cors-origin", nil, "origin allowed cross-origin requests, e.g. http://localhost:3000 (repeatable)")
	f.BoolVar(&o.openAPI, "openapi", false, "serve /openapi.json and the /docs page")
	f.StringVar(&o.uiDir, "ui-dir", "", "folder holding an unzipped FreqUI release, served at /")
	f.StringVar(&o.db, "db", o.db, "SQLite database of the dry-run bot")
	return cmd
}

// runServe starts the bot and the server and blocks until ctx ends.
func runServe(ctx context.Context, o serveOptions, streams stdio, getenv func(string) string) error {
	log := slog.New(slog.NewTextHandler(streams.err, &slog.HandlerOptions{Level: slog.LevelInfo}))
	source := "--password"
	if o.passwordSource != "" {
		source = o.passwordSource
	}
	if o.password == "" {
		o.password, source = getenv(config.EnvPassword), "$"+config.EnvPassword
	}
	if o.password == "" {
		o.password, source = randomSecret(), "generated"
	}
	bot, closeBot, err := newServeBot(ctx, o, log)
	if err != nil {
		return fmt.Errorf("serve: start bot: %w", err)
	}
	defer closeBot()
	srv, err := server.New(bot, server.Config{
		Listen: o.listen, Username: o.username, Password: o.password, JWTSecret: o.jwtSecret,
		WSTokens: o.wsTokens, CORSOrigins: o.corsOrigins, EnableOpenAPI: o.openAPI,
		UIDir: o.uiDir, Version: appVersion,
	}, server.WithLogger(log))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer srv.Close()
	err = srv.ListenAndServe(ctx, o.listen, func(addr net.Addr) {
		printServeBanner(streams.out, addr, o, source)
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("server stopped")
	return nil
}

// printServeBanner tells the operator where the server is and how to log in.
func printServeBanner(w io.Writer, addr net.Addr, o serveOptions, source string) {
	base := "http://" + addr.String()
	pass := `"$FREQDECK_PASSWORD"`
	fmt.Fprintf(w, "freqdeck API server listening on %s\n", base)
	fmt.Fprintf(w, "  API:       %s/api/v1 (freqtrade-compatible)\n", base)
	fmt.Fprintf(w, "  WebSocket: ws://%s/api/v1/message/ws?token=<ws_token or access token>\n", addr)
	switch source {
	case "generated":
		fmt.Fprintf(w, "  Login:     username %q, password %q (generated for this run)\n", o.username, o.password)
		pass = "'" + o.password + "'"
	default:
		fmt.Fprintf(w, "  Login:     username %q, password from %s\n", o.username, source)
	}
	if o.openAPI {
		fmt.Fprintf(w, "  Docs:      %s/docs\n", base)
	}
	fmt.Fprintf(w, "  Try:       curl -u %s:%s %s/api/v1/status\n", o.username, pass, base)
	fmt.Fprintf(w, "  Console:   freqdeck --url %s --username %s\n", base, o.username)
}
