package apiclient_test

import (
	"context"
	"fmt"

	"github.com/freqdeck/freqdeck/apiclient"
)

// ExampleClient_Stream shows a consumer loop: state events drive a
// connection indicator, messages drive refetches, and a request is sent on
// each new connection.
func ExampleClient_Stream() {
	c, err := apiclient.New("https://bot.example/ftbot", apiclient.WithBasicAuth("u", "p"), apiclient.WithJWT())
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := c.Stream(ctx, apiclient.StreamOptions{Logs: true})
	for e := range s.Events() { // closed once ctx ends
		if e.Dropped > 0 {
			fmt.Println(e.Dropped, "events dropped: refetch everything")
		}
		switch e.Kind {
		case apiclient.EventConnected:
			go func() { _ = s.RequestWhitelist(ctx) }()
		case apiclient.EventDisconnected, apiclient.EventAuthFailed:
			fmt.Printf("%s: %v (retry in %s)\n", e.Kind, e.Err, e.Retry)
		case apiclient.EventMessage:
			if m, ok := e.Msg.(apiclient.ExitMsg); ok {
				fmt.Println("exit", m.Pair, m.ProfitRatio)
			}
		case apiclient.EventBadFrame, apiclient.EventConnecting:
		}
	}
}
