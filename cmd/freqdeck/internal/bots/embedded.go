package bots

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/server/launch"
	"github.com/freqdeck/freqdeck/tui"
)

// embeddedUser is the embedded server's username; its password, JWT secret
// and ws_token are fresh random values (crypto/rand) on every start.
const embeddedUser = "freqdeck"

// startEmbedded starts the dry-run bot and its API server on a free
// loopback port, and returns the console's bot on it: the console reaches
// the embedded bot over HTTP and WebSocket exactly as it reaches a remote
// one. stop ends them.
func startEmbedded(ctx context.Context, lo launch.Options, version string, logger, botLogger *slog.Logger) (tui.Bot, func() error, error) {
	password, wsToken := rand.Text(), rand.Text()
	lo.Server = server.Config{Listen: "127.0.0.1:0", Username: embeddedUser, Password: password,
		JWTSecret: rand.Text(), WSTokens: []string{wsToken}}
	lo.Version, lo.BotLogger, lo.ServerLogger = version, botLogger, logger.With("logger", "freqdeck.server")
	running, err := launch.Start(ctx, lo)
	if err != nil {
		return tui.Bot{}, nil, fmt.Errorf("embedded: %w", err)
	}
	// The client has its own transport, whose idle connections are closed
	// before the server stops: the server would wait five seconds for a
	// connection that never sent a request.
	transport := &http.Transport{}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		transport = def.Clone()
	}
	stop := func() error {
		transport.CloseIdleConnections()
		return running.Stop()
	}
	client, err := apiclient.New("http://"+running.Addr().String(), apiclient.WithBasicAuth(embeddedUser, password),
		apiclient.WithWSToken(wsToken), apiclient.WithUserAgent("freqdeck-console"),
		apiclient.WithHTTPClient(&http.Client{Timeout: apiclient.DefaultTimeout, Transport: transport}))
	if err != nil {
		return tui.Bot{}, nil, errors.Join(err, stop())
	}
	logger.Info("embedded dry-run bot started", "url", client.BaseURL())
	name := dryrun.DefaultConfig().BotName
	if lo.Bot != nil {
		name = lo.Bot.BotName
	}
	return tui.Bot{Name: name, API: client}, stop, nil
}
