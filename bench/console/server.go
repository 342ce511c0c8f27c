package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// The bench server's credentials.
const (
	benchUser = "bench"
	benchPass = "bench-password-0123456789"
)

// benchServer is freqdeck's API server over the in-memory fake bot, on a
// free loopback port: the harness controls exactly what it publishes.
type benchServer struct {
	bot  *rpctest.Bot
	url  string
	reqs *reqCounter
	stop func()
}

// startServer starts the server; fx prepares the fake bot's data.
func startServer(ctx context.Context, fx func(*rpctest.Fixtures)) (*benchServer, error) {
	bot := rpctest.New(rpctest.WithEventBuffer(4096))
	bot.Update(fx)
	reqs := &reqCounter{counts: map[string]int{}}
	srv, err := server.New(bot, server.Config{Listen: "127.0.0.1:0", Username: benchUser, Password: benchPass,
		JWTSecret: "bench-jwt-secret-0123456789abcdef", Version: "bench"}, server.WithRequestLog(slog.New(reqs)))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	addrs, done := make(chan net.Addr, 1), make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addrs <- a }) }()
	select {
	case a := <-addrs:
		return &benchServer{bot: bot, url: "http://" + a.String(), reqs: reqs, stop: func() { cancel(); <-done }}, nil
	case err := <-done:
		cancel()
		return nil, fmt.Errorf("bench server: %w", err)
	}
}

// env points the console at the server.
func (s *benchServer) env() []string {
	return []string{"FREQDECK_URL=" + s.url, "FREQDECK_USERNAME=" + benchUser, "FREQDECK_PASSWORD=" + benchPass}
}

// quietFixtures is a running bot with no open trades and nothing pushed.
func quietFixtures(f *rpctest.Fixtures) {
	f.ShowConfig.State = "running"
	f.ShowConfig.BotName = "benchbot"
	f.OpenTrades = nil
	f.Count.Current = 0
}

// publish pushes one message to the WebSocket subscribers.
func (s *benchServer) publish(ctx context.Context, msg apiclient.Message) error {
	return s.bot.Publish(ctx, msg)
}

// enter makes trade id on pair the bot's only open trade and publishes its
// entry_fill; it returns the pair and when the event left.
func (s *benchServer) enter(ctx context.Context, id int, pair string) (string, time.Time, error) {
	t := rpctest.OpenTrades(1)[0]
	t.TradeID, t.Pair = id, pair
	s.bot.Update(func(f *rpctest.Fixtures) {
		f.OpenTrades = []apiclient.OpenTrade{t}
		f.Count.Current = 1
	})
	at := time.Now()
	err := s.publish(ctx, apiclient.EntryMsg{Type: apiclient.MsgEntryFill, EntryFields: apiclient.EntryFields{
		TradeID: t.TradeID, Pair: t.Pair, Amount: t.Amount, Direction: "Long", OpenDate: apiclient.WSTime{Time: at.UTC()},
	}})
	return pair, at, err
}
