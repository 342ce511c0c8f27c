package dryrun

import (
	"context"
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/store"
)

// runProtections applies the protections after t closed: the cooldown lock
// on its pair, then the stoploss guard's global lock. Each lock is committed
// before its protection_trigger message is published.
func (b *Bot) runProtections(ctx context.Context, t *store.Trade) {
	p := b.cfg.Protections
	if n := p.CooldownCandles; n > 0 && b.activeLock(t.Pair, "*") == nil {
		until := apiclient.Deref(t.CloseDate).Add(time.Duration(n) * b.tf)
		b.protect(ctx, t.Pair, fmt.Sprintf("Cooldown period for %d candles.", n), until, "CooldownPeriod")
	}
	g := p.StoplossGuard
	if g.TradeLimit <= 0 || b.activeLock("*", "*") != nil {
		return
	}
	since := b.now.Add(-time.Duration(g.LookbackCandles) * b.tf)
	recent, err := b.db.ClosedTrades(ctx, store.ClosedQuery{Since: since})
	if err != nil {
		b.logf(levelError, logProtection, "Could not read the recent trades for StoplossGuard: %v", err)
		return
	}
	count := 0
	for _, x := range recent {
		if apiclient.Deref(x.CloseProfit) >= 0 {
			continue
		}
		if r := apiclient.Deref(x.ExitReason); r == exitStopLoss || r == exitTrailingStop {
			count++
		}
	}
	if count >= g.TradeLimit {
		reason := fmt.Sprintf("%d stoplosses in %d min.", g.TradeLimit, int(time.Duration(g.LookbackCandles)*b.tf/time.Minute))
		b.protect(ctx, "*", reason, b.now.Add(time.Duration(g.StopCandles)*b.tf), "StoplossGuard")
	}
}

// protect locks pair (all sides) and reports the lock.
func (b *Bot) protect(ctx context.Context, pair, reason string, until time.Time, name string) {
	l, err := b.lockPair(ctx, pair, "*", reason, until)
	if err != nil {
		b.logf(levelError, logProtection, "Could not save the %s lock on %s: %v", name, pair, err)
		return
	}
	b.publish(metrics.ProtectionMsg(l))
	what := "Pair " + pair
	if pair == "*" {
		what = "Trading on all pairs"
	}
	b.logf(levelInfo, logProtection, "Protection %s triggered: %s locked until %s (%s)", name, what, fmtDate(l.LockEndTime), reason)
}
