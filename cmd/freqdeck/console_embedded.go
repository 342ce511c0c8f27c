package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

// embeddedUser is the embedded server's username; its password, JWT secret
// and ws_token are fresh random values on every start.
const embeddedUser = "freqdeck"

// embedded is the running embedded bot and API server.
type embedded struct {
	name   string
	client *apiclient.Client
	stop   func() error
}

// startEmbedded starts the dry-run bot and the API server on a free
// loopback port, and returns a client for it: the console reaches the
// embedded bot over HTTP and WebSocket exactly as it reaches a remote one.
func startEmbedded(ctx context.Context, eo embeddedOptions, version string, logger, botLogger *slog.Logger) (*embedded, error) {
	cfg := dryrun.DefaultConfig()
	if eo.Bot != nil {
		cfg = *eo.Bot
	}
	reload := eo.Reload
	if reload == nil {
		reload = func(context.Context) (dryrun.Config, error) { return cfg, nil }
	}
	if version == "" {
		version = "dev"
	}
	// The server stops before the bot, so no request is left waiting on a
	// bot that has already stopped.
	botCtx, stopBot := context.WithCancel(ctx)
	srvCtx, stopSrv := context.WithCancel(ctx)
	cancel := func() { stopSrv(); stopBot() }
	bot, err := dryrun.New(botCtx, cfg, dryrun.WithDBPath(eo.DBPath), dryrun.WithLogger(botLogger),
		dryrun.WithReload(reload), dryrun.WithVersion(version))
	if err != nil {
		cancel()
		return nil, fmt.Errorf("embedded bot: %w", err)
	}
	password, wsToken, jwtSecret := randomSecret(), randomSecret(), randomSecret()
	srv, err := server.New(bot, server.Config{
		Listen: "127.0.0.1:0", Username: embeddedUser, Password: password, JWTSecret: jwtSecret,
		WSTokens: []string{wsToken}, Version: version,
	}, server.WithLogger(logger.With("logger", "freqdeck.server")))
	if err != nil {
		cancel()
		return nil, errors.Join(fmt.Errorf("embedded server: %w", err), bot.Close())
	}
	addrs := make(chan net.Addr, 1)
	botDone, srvDone := make(chan error, 1), make(chan error, 1)
	go func() { botDone <- bot.Run(botCtx) }()
	go func() { srvDone <- srv.ListenAndServe(srvCtx, "127.0.0.1:0", func(a net.Addr) { addrs <- a }) }()
	stop := func() error {
		stopSrv()
		srvErr := <-srvDone
		stopBot()
		return errors.Join(srvErr, <-botDone)
	}
	var addr net.Addr
	select {
	case addr = <-addrs:
	case err := <-srvDone:
		stopBot()
		return nil, errors.Join(fmt.Errorf("embedded server: %w", err), <-botDone)
	}
	// The client has its own transport, whose idle connections are closed
	// before the server stops: the server would wait five seconds for a
	// connection that never sent a request.
	transport := &http.Transport{}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		transport = def.Clone()
	}
	stopServing := stop
	stop = func() error {
		transport.CloseIdleConnections()
		return stopServing()
	}
	client, err := apiclient.New("http://"+addr.String(), apiclient.WithBasicAuth(embeddedUser, password),
		apiclient.WithWSToken(wsToken), apiclient.WithUserAgent("freqdeck-console"),
		apiclient.WithHTTPClient(&http.Client{Timeout: apiclient.DefaultTimeout, Transport: transport}))
	if err != nil {
		return nil, errors.Join(err, stop())
	}
	logger.Info("embedded dry-run bot started", "url", client.BaseURL())
	return &embedded{name: cfg.BotName, client: client, stop: stop}, nil
}

// randomSecret is 128 random bits as text (crypto/rand).
func randomSecret() string { return rand.Text() }
