package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// newServeBot starts the dry-run bot behind `freqdeck serve`, persisted in
// o.db, and returns it with a function that stops it and waits for its loop
// to end. The bot runs on its own context so that it outlives the server's
// shutdown: no request is left waiting on a bot that has already stopped.
func newServeBot(ctx context.Context, o serveOptions, log *slog.Logger) (rpc.Bot, func(), error) {
	cfg := dryrun.DefaultConfig()
	if o.bot != nil {
		cfg = *o.bot
	}
	reload := o.reload
	if reload == nil {
		reload = func(context.Context) (dryrun.Config, error) { return cfg, nil }
	}
	botCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	bot, err := dryrun.New(botCtx, cfg, dryrun.WithDBPath(o.db), dryrun.WithLogger(log),
		dryrun.WithReload(reload), dryrun.WithVersion(appVersion))
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("dry-run bot: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- bot.Run(botCtx) }()
	closeBot := func() {
		stop()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			log.Error("dry-run bot stopped", "err", err)
		}
	}
	return bot, closeBot, nil
}
