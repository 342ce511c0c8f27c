package dryrun

import (
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
)

// publish queues m for the event consumer without ever blocking: when the
// channel is full the message is dropped and counted. The caller holds b.mu
// and has committed whatever m reports.
func (b *Bot) publish(m apiclient.Message) {
	if b.closed {
		return
	}
	select {
	case b.events <- m:
	default:
		b.dropped++
	}
}

// reportDrops logs, at most once a minute, how many messages were dropped.
func (b *Bot) reportDrops() {
	now := b.opts.clock()
	if b.dropped == 0 || now.Sub(b.lastDrp) < time.Minute {
		return
	}
	b.lastDrp = now
	b.logf(levelWarning, logRPC, "Event consumer is not keeping up: %d messages dropped so far.", b.dropped)
}

// Dropped returns how many event messages were dropped because the consumer
// fell behind.
func (b *Bot) Dropped() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.dropped
}

func (b *Bot) status(typ apiclient.MessageType, text string) {
	b.publish(apiclient.StatusMsg{Type: typ, Status: text})
}

// moment is what a trade message of pair says besides the trade.
func (b *Bot) moment(pair string) metrics.Moment {
	return metrics.Moment{StakeCurrency: b.cfg.StakeCurrency, Rate: b.rate(pair, math.NaN()), Now: b.now}
}
