package main

import (
	"context"
	"fmt"
	"time"
)

// The burst scenario's shape: events every burstEvery, burstEvents of them
// (half a second), against a 100 ms coalescing window.
const (
	burstEvents = 50
	burstEvery  = 10 * time.Millisecond
	window      = 100 * time.Millisecond
)

// benchBurst: the server publishes a burst of entries; the console must
// refetch /status at most once per window (plus the first event's own
// fetch), and show the last trade soon after the last event.
func benchBurst(ctx context.Context, cfg config) error {
	srv, err := startServer(ctx, quietFixtures)
	if err != nil {
		return err
	}
	defer srv.stop()
	s, err := remoteSession(cfg, srv, "burst")
	if err != nil {
		return err
	}
	defer s.quit()
	time.Sleep(eventSpacing) // let the start's own fetches settle
	before := len(srv.bot.CallsTo("Status"))
	start := time.Now()
	var last time.Time
	var pair string
	for i := range burstEvents {
		if pair, last, err = srv.enter(ctx, 2000+i, fmt.Sprintf("B%03d/USDT", i)); err != nil {
			return err
		}
		time.Sleep(burstEvery)
	}
	seen, err := s.waitFor(pair, 5*time.Second)
	if err != nil {
		return err
	}
	fetches := len(srv.bot.CallsTo("Status")) - before
	span := seen.Sub(start)
	allowed := int(span/window) + 1
	fmt.Printf("burst of %d events in %s: %d /status refetches (at most %d allowed at one per %s), last event → screen %s\n",
		burstEvents, ms(last.Sub(start)), fetches, allowed, window, ms(seen.Sub(last)))
	if fetches > allowed {
		return fmt.Errorf("%d refetches of /status in %s: more than one per %s", fetches, ms(span), window)
	}
	return nil
}
