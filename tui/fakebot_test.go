package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// fakeBot is the fake freqtrade of the console's feed and flow tests: the
// one fake (an rpctest.Bot behind the real API server and rpctest.Faults,
// on 127.0.0.1, as actBot), holding the fixtures of testdata/fake, with
// the few helpers these tests share. Its clock stands still at fixedClock
// unless a test moves it.
type fakeBot struct {
	*actBot
	t testing.TB
}

// newFakeBot serves the fake until the test ends.
func newFakeBot(t *testing.T) *fakeBot {
	t.Helper()
	clock := rpctest.NewClock(fixedClock())
	bot := rpctest.New(rpctest.WithClock(clock.Now), rpctest.WithFixtures(fakeFixtures(t)))
	srv, err := server.New(bot, server.Config{Username: actUser, Password: actPass, WSTokens: []string{actWSToken}},
		server.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	faults, ts := rpctest.Serve(t, srv, rpctest.WithFaultsClock(clock.Now))
	return &fakeBot{actBot: &actBot{bot: bot, faults: faults, srv: ts, clock: clock}, t: t}
}

// fakeFixtures are rpctest's defaults with the bot of testdata/fake.
func fakeFixtures(t testing.TB) rpctest.Fixtures {
	t.Helper()
	f := rpctest.DefaultFixtures()
	var locks apiclient.Locks
	loadFake(t, "show_config.json", &f.ShowConfig)
	loadFake(t, "status.json", &f.OpenTrades)
	loadFake(t, "count.json", &f.Count)
	loadFake(t, "profit.json", &f.Profit)
	loadFake(t, "balance.json", &f.Balance)
	loadFake(t, "whitelist.json", &f.Whitelist)
	loadFake(t, "locks.json", &locks)
	loadFake(t, "logs.json", &f.Logs)
	f.Locks = locks.Locks
	return f
}

// client returns an API client for the fake, as the console builds one,
// on the fake's clock (so the bot's clock shows no skew).
func (f *fakeBot) client() *apiclient.Client {
	c, err := apiclient.New(f.srv.URL, apiclient.WithBasicAuth(actUser, actPass), apiclient.WithWSToken(actWSToken),
		apiclient.WithClock(f.clock.Now))
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// ctx bounds a wait or a publish of the test.
func (f *fakeBot) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// waitFaults waits until cond (about the requests) holds.
func (f *fakeBot) waitFaults(what string, cond func() bool) {
	f.t.Helper()
	ctx, cancel := f.ctx()
	defer cancel()
	if err := f.faults.Wait(ctx, cond); err != nil {
		f.t.Fatalf("waiting for %s: %v (requests %v)", what, err, f.faults.Counts())
	}
}

// waitHits waits until route has been requested at least n times.
func (f *fakeBot) waitHits(route string, n int) {
	f.t.Helper()
	f.waitFaults(fmt.Sprintf("%d × %s", n, route), func() bool { return f.faults.Hits(route) >= n })
}

// waitSubscribed waits until one open stream has subscribed to every type
// the console asks for: what is published from then on reaches it.
func (f *fakeBot) waitSubscribed() {
	f.t.Helper()
	types := append(apiclient.StandardMessageTypes(), apiclient.MsgLog)
	f.waitFaults("the subscribed stream", func() bool { return f.faults.OpenStreams() == 1 && f.faults.Subscribed(types...) })
}

// hitCount returns how often route was requested.
func (f *fakeBot) hitCount(route string) int { return f.faults.Hits(route) }

// hitsCopy returns the request counts per route.
func (f *fakeBot) hitsCopy() map[string]int { return f.faults.Counts() }

// bodiesOf returns the request bodies sent to route.
func (f *fakeBot) bodiesOf(route string) []string { return f.faults.Bodies(route) }

// setDown takes the bot down (every connection dropped, new ones closed)
// or brings it back.
func (f *fakeBot) setDown(down bool) {
	if down {
		f.faults.Down()
	} else {
		f.faults.Up()
	}
}

// failWith makes route ("" for every route) answer status with a JSON body.
func (f *fakeBot) failWith(route string, status int, body string) {
	f.faults.Fail(route, rpctest.Answer{Status: status, ContentType: "application/json", Body: body})
}

// holdRoute makes route ("" for every route) wait until the returned
// function is called or its client gives up.
func (f *fakeBot) holdRoute(route string) (release func()) { return f.faults.Hold(route) }

// publish sends one message to the subscribed WebSocket clients.
func (f *fakeBot) publish(msg apiclient.Message) {
	f.t.Helper()
	ctx, cancel := f.ctx()
	defer cancel()
	if err := f.bot.Publish(ctx, msg); err != nil {
		f.t.Fatal(err)
	}
}

// exitTrade closes a trade the way a fill would: it leaves /status and an
// exit_fill event is published.
func (f *fakeBot) exitTrade(id int) {
	f.t.Helper()
	ctx, cancel := f.ctx()
	defer cancel()
	if err := f.bot.CloseTrade(ctx, id, 1); err != nil {
		f.t.Fatal(err)
	}
}

// addTrade opens a trade and publishes an entry_fill event.
func (f *fakeBot) addTrade(t apiclient.OpenTrade) {
	f.t.Helper()
	ctx, cancel := f.ctx()
	defer cancel()
	if err := f.bot.OpenTrade(ctx, t); err != nil {
		f.t.Fatal(err)
	}
}

// addLogRows appends rows to /logs without pushing them.
func (f *fakeBot) addLogRows(rows ...apiclient.LogRow) {
	f.bot.Update(func(fx *rpctest.Fixtures) {
		fx.Logs.Logs = append(slices.Clone(fx.Logs.Logs), rows...)
		fx.Logs.LogCount = len(fx.Logs.Logs)
	})
}

// subscriptions returns the subscribe lists the first stream sent, in
// order.
func (f *fakeBot) subscriptions() [][]string {
	f.t.Helper()
	streams := f.faults.Streams()
	if len(streams) == 0 {
		f.t.Fatal("no stream")
	}
	var out [][]string
	for _, frame := range streams[0].Frames {
		var req struct {
			Type string   `json:"type"`
			Data []string `json:"data"`
		}
		if json.Unmarshal([]byte(frame), &req) == nil && req.Type == string(apiclient.ReqSubscribe) {
			out = append(out, req.Data)
		}
	}
	return out
}

// clearFailures makes every route answer again.
func (f *fakeBot) clearFailures() { f.faults.ClearFaults() }
