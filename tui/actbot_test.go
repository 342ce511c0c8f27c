package tui

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// actBot is the fake freqtrade of the action tests: the real API server over
// an rpctest.Bot, behind rpctest.Faults (pause, hold, canned failures, down),
// on a clock the test may move.
type actBot struct {
	bot    *rpctest.Bot
	faults *rpctest.Faults
	srv    *httptest.Server
	clock  *rpctest.Clock
}

const (
	actUser    = "operator"
	actPass    = "s3cret"
	actWSToken = "ws-secret"
)

// newActBot serves a fake freqtrade holding trades (the fixture's trade
// when none) until the test ends.
func newActBot(t *testing.T, clock *rpctest.Clock, trades ...apiclient.OpenTrade) *actBot {
	t.Helper()
	bot := rpctest.New(rpctest.WithClock(clock.Now))
	if len(trades) > 0 {
		bot.Update(func(f *rpctest.Fixtures) {
			f.OpenTrades = trades
			f.Count.Current = len(trades)
		})
	}
	srv, err := server.New(bot, server.Config{Username: actUser, Password: actPass, WSTokens: []string{actWSToken}},
		server.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	faults, ts := rpctest.Serve(t, srv, rpctest.WithFaultsClock(clock.Now))
	return &actBot{bot: bot, faults: faults, srv: ts, clock: clock}
}

// console is a console on the bot, with quick checks, started at 120×40.
// tune adjusts its options before it starts.
func (b *actBot) console(t *testing.T, tune func(*Options)) (*Model, Options) {
	t.Helper()
	c, err := apiclient.New(b.srv.URL, apiclient.WithBasicAuth(actUser, actPass), apiclient.WithWSToken(actWSToken))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t, Bot{Name: "testbot", API: c})
	opts.Clock = b.clock.Now
	opts.CheckEvery = 20 * time.Millisecond
	if tune != nil {
		tune(&opts)
	}
	return newModel(t, opts), opts
}

// start runs a console on the bot (see console) and waits for its trades.
func (b *actBot) start(t *testing.T, tune func(*Options)) (*teatest.TestModel, *Model, Options) {
	t.Helper()
	m, opts := b.console(t, tune)
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (", "● running")
	return tm, m, opts
}

// failRemoving makes the next call of method remove trade id, then answer
// err: what freqtrade does when the call cancelled an entry that had filled
// nothing.
func (b *actBot) failRemoving(t *testing.T, method string, id int, err error) {
	release := b.bot.Hold(method)
	t.Cleanup(release)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if b.bot.Wait(ctx, func() bool { return len(b.bot.CallsTo(method)) > 0 }) == nil {
			b.bot.Update(func(f *rpctest.Fixtures) {
				f.OpenTrades = slices.DeleteFunc(slices.Clone(f.OpenTrades), func(t apiclient.OpenTrade) bool { return t.TradeID == id })
				f.Count.Current = len(f.OpenTrades)
			})
			b.bot.SetError(method, err)
		}
		release()
	}()
}

// waitCall waits until the bot's method has been called n times.
func (b *actBot) waitCall(t *testing.T, method string, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.bot.Wait(ctx, func() bool { return len(b.bot.CallsTo(method)) >= n }); err != nil {
		t.Fatalf("waiting for %d × %s: %v", n, method, err)
	}
}

// unfilledTrade is trade 1 with its entry order open and nothing filled.
func unfilledTrade() apiclient.OpenTrade {
	t := rpctest.OpenTrades(1)[0]
	t.Amount, t.NrOfSuccessfulEntries, t.HasOpenOrders = 0, 0, true
	for i := range t.Orders {
		t.Orders[i].IsOpen, t.Orders[i].Status, t.Orders[i].Filled = true, "open", apiclient.F(0)
	}
	return t
}
