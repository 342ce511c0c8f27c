// Package launch starts freqdeck's built-in dry-run bot with its API server
// in front of it, and stops them in the right order. The console's embedded
// bot, `freqdeck serve` (and later `freqdeck host`) all start it here.
//
// The order matters: the server stops before the bot, so no request is left
// waiting on a bot that has already stopped. The bot runs on a context of
// its own for that reason, and outlives the server's shutdown even when the
// caller's context ends first.
//
// This package imports server and server/dryrun; never tui or panes.
package launch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

// DevVersion is reported by the bot and the server when Options.Version is
// empty.
const DevVersion = "dev"

// Options configure Start.
type Options struct {
	// Bot is the dry-run bot's configuration; nil means
	// dryrun.DefaultConfig().
	Bot *dryrun.Config
	// DBPath is the bot's SQLite file; empty keeps it in memory.
	DBPath string
	// Reload re-reads the bot's configuration for /reload_config; nil
	// reloads the same configuration.
	Reload func(ctx context.Context) (dryrun.Config, error)
	// BotLogger receives the bot's log; nil keeps dryrun's default.
	BotLogger *slog.Logger

	// Server is the API server's configuration; it listens on
	// Server.Listen (server.DefaultListen when empty; "127.0.0.1:0" picks a
	// free port).
	Server server.Config
	// ServerLogger receives the server's log; nil discards it.
	ServerLogger *slog.Logger
	// ServerOptions are more options of server.New (a request log, say).
	ServerOptions []server.Option

	// Version is freqdeck's version, reported by the bot's /show_config
	// and by /version unless Server.Version is set; empty means DevVersion.
	Version string
	// Ready, when set, is called with the bound address before the server
	// serves its first request (a banner printed there is complete before
	// any client gets an answer).
	Ready func(net.Addr)
}

// Running is a started bot and server.
type Running struct {
	addr    net.Addr
	srv     *server.Server
	stopSrv context.CancelFunc
	srvDone <-chan error
	stopBot context.CancelFunc
	botDone <-chan error

	once sync.Once
	err  error
}

// Start starts the bot and its server, and returns once the server listens.
// The server stops when ctx ends or on Stop; the bot only after it (see
// Wait).
func Start(ctx context.Context, o Options) (*Running, error) {
	// Refuse an exposed address with weak secrets before anything starts:
	// no bot, no database, no "RUNNING" in the log.
	if err := server.CheckExposure(o.Server); err != nil {
		return nil, err //nolint:wrapcheck // the server's own message
	}
	cfg := dryrun.DefaultConfig()
	if o.Bot != nil {
		cfg = *o.Bot
	}
	reload := o.Reload
	if reload == nil {
		reload = func(context.Context) (dryrun.Config, error) { return cfg, nil }
	}
	version := o.Version
	if version == "" {
		version = DevVersion
	}
	botOpts := []dryrun.Option{dryrun.WithDBPath(o.DBPath), dryrun.WithReload(reload), dryrun.WithVersion(version)}
	if o.BotLogger != nil {
		botOpts = append(botOpts, dryrun.WithLogger(o.BotLogger))
	}
	botCtx, stopBot := context.WithCancel(context.WithoutCancel(ctx))
	bot, err := dryrun.New(botCtx, cfg, botOpts...)
	if err != nil {
		stopBot()
		return nil, fmt.Errorf("dry-run bot: %w", err)
	}
	scfg := o.Server
	if scfg.Version == "" {
		scfg.Version = version
	}
	var srvOpts []server.Option
	if o.ServerLogger != nil {
		srvOpts = append(srvOpts, server.WithLogger(o.ServerLogger))
	}
	srv, err := server.New(bot, scfg, append(srvOpts, o.ServerOptions...)...)
	if err != nil {
		stopBot()
		return nil, errors.Join(err, bot.Close())
	}
	return serve(ctx, srv, scfg.Listen, o.Ready, func() error { return bot.Run(botCtx) }, stopBot)
}

// serve runs the bot (runBot) and the server, and waits until the server
// listens or fails.
func serve(ctx context.Context, srv *server.Server, listen string, ready func(net.Addr), runBot func() error, stopBot context.CancelFunc) (*Running, error) {
	botDone, srvDone := make(chan error, 1), make(chan error, 1)
	go func() { botDone <- runBot() }()
	srvCtx, stopSrv := context.WithCancel(ctx)
	addrs := make(chan net.Addr, 1)
	go func() {
		srvDone <- srv.ListenAndServe(srvCtx, listen, func(a net.Addr) {
			if ready != nil {
				ready(a)
			}
			addrs <- a
		})
	}()
	r := &Running{srv: srv, stopSrv: stopSrv, srvDone: srvDone, stopBot: stopBot, botDone: botDone}
	select {
	case r.addr = <-addrs:
		return r, nil
	case err := <-srvDone:
		// The server never listened: stop the bot and report why.
		stopSrv()
		stopBot()
		return nil, errors.Join(err, <-botDone, srv.Close())
	}
}

// Addr is the address the server listens on.
func (r *Running) Addr() net.Addr { return r.addr }

// Wait blocks until the server has stopped (its context ended, or Stop),
// then stops the bot and waits for it. It returns what went wrong in
// either; every call returns the same.
func (r *Running) Wait() error {
	r.once.Do(func() {
		srvErr := <-r.srvDone
		r.stopSrv()
		r.stopBot()
		r.err = errors.Join(srvErr, <-r.botDone, r.srv.Close())
	})
	return r.err
}

// Stop stops the server, then the bot, and waits for both (see Wait).
func (r *Running) Stop() error {
	r.stopSrv()
	return r.Wait()
}
