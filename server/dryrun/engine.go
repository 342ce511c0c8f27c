package dryrun

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Loop timing: the heartbeat interval and how often trades with only
// non-critical changes are saved (wall clock).
const (
	heartbeatEvery = time.Minute
	saveEvery      = 10 * time.Second
)

// Step advances the market by one candle and runs one bot iteration: order
// fills, timeouts and exit checks at the candle's intra-candle prices, then
// the analysis of the closed candle, exits and entries at its close. Tests
// drive the bot with it; Run calls it on the market clock.
func (b *Bot) Step(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return errClosed
	}
	defer b.endIteration(ctx)
	b.handleReload(ctx)
	date, candles, ok := b.mkt.Next()
	if !ok {
		if !b.exhaust {
			b.exhaust = true
			b.logf(levelWarning, logBot, "Replay data exhausted: no new candles will arrive.")
		}
		return nil
	}
	return b.failOn(b.process(ctx, date, candles))
}

// process runs one candle through the bot.
func (b *Bot) process(ctx context.Context, date time.Time, candles map[string]market.Candle) error {
	defer func() { b.ver++ }() // rates moved
	pairs := b.candlePairs(candles)
	if b.state != rpc.StateStopped {
		for i := range 3 {
			b.now = date.Add(b.tf * time.Duration(i+1) / 4)
			for _, p := range pairs {
				if err := b.tick(ctx, p, candles[p].IntraTicks()[i]); err != nil {
					return err
				}
			}
		}
	}
	b.now = date.Add(b.tf)
	for _, p := range pairs {
		b.pairs[p].add(candles[p], b.now)
	}
	if b.state == rpc.StateStopped {
		return nil
	}
	for _, p := range pairs {
		if err := b.tick(ctx, p, candles[p].Close); err != nil {
			return err
		}
	}
	b.publishCandles(pairs)
	b.pruneLocks()
	return b.runEntries(ctx)
}

// candlePairs lists the pairs that got a candle, in market order.
func (b *Bot) candlePairs(candles map[string]market.Candle) []string {
	out := make([]string, 0, len(candles))
	for _, p := range b.markets {
		if _, ok := candles[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

// tick runs the open trade of pair (if any) at price: its open orders,
// then its exit conditions against the last analyzed candle.
func (b *Bot) tick(ctx context.Context, pair string, price float64) error {
	d := b.pairs[pair]
	d.price = price
	t := b.openBy[pair]
	if t == nil {
		return nil
	}
	t, err := b.manageOrders(ctx, t, price)
	if err != nil || t == nil {
		return err
	}
	return b.checkExit(ctx, t, price, d.frame.Last())
}

// publishCandles sends analyzed_df and new_candle for each whitelisted pair
// that got a candle.
func (b *Bot) publishCandles(pairs []string) {
	white := map[string]bool{}
	for _, p := range b.whitelist {
		white[p] = true
	}
	for _, p := range pairs {
		if white[p] {
			df, nc := b.pairs[p].frame.CandleMsgs(b.cfg.Timeframe)
			b.publish(df)
			b.publish(nc)
		}
	}
}

// failOn stops the bot after a persistence failure, as freqtrade stops on
// an OperationalException: trading on with memory and disk apart would
// report fills that are not saved.
func (b *Bot) failOn(err error) error {
	if err == nil {
		return nil
	}
	b.logf(levelError, logWorker, "Error in the bot loop: %v", err)
	if isStoreError(err) {
		b.state = rpc.StateStopped
		b.publish(apiclient.ExceptionMsg{Type: apiclient.MsgException, Status: fmt.Sprintf(
			"*OperationalException:*\n```\n%v\n```\n Issue `/start` if you think it is safe to restart.", err)})
		b.status(apiclient.MsgStatus, string(rpc.StateStopped))
	}
	return err
}

// endIteration finishes a loop iteration: liveness, heartbeat, periodic
// saves and the log push.
func (b *Bot) endIteration(ctx context.Context) {
	now := b.opts.clock()
	b.lastProc = now
	if now.Sub(b.lastHB) >= heartbeatEvery {
		b.lastHB = now
		b.logf(levelInfo, logWorker, "Bot heartbeat. PID=%d, version='%s', state='%s'",
			os.Getpid(), b.opts.version, strings.ToUpper(string(b.state)))
	}
	if now.Sub(b.lastSav) >= saveEvery {
		if err := b.saveDirty(ctx); err != nil {
			b.logf(levelError, logBot, "Could not save trade updates: %v", err)
		}
	}
	b.reportDrops()
	b.flushLogs()
}

// idle runs a loop iteration without a new candle: it applies a pending
// config reload, refreshes /health and flushes logs. Run calls it between
// candles.
func (b *Bot) idle(ctx context.Context) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.handleReload(ctx)
	b.endIteration(ctx)
}

// Run announces the bot, then runs it until ctx ends: a candle every
// timeframe/speed of wall time, with idle iterations at least every second
// in between. It closes the bot before returning.
func (b *Bot) Run(ctx context.Context) error {
	b.announce()
	// An iteration, once begun, finishes even if ctx ends meanwhile: its
	// commits must not fail half-way through a candle.
	work := context.WithoutCancel(ctx)
	next := b.opts.clock()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return b.Close()
		case <-timer.C:
		case <-b.wake:
		}
		now := b.opts.clock()
		if !now.Before(next) {
			if err := b.Step(work); errors.Is(err, errClosed) {
				return nil
			}
			interval := b.interval()
			next = next.Add(interval)
			if now.Sub(next) > 5*interval {
				next = now // fell far behind: do not replay a burst of candles
			}
		} else {
			b.idle(work)
		}
		timer.Reset(min(next.Sub(b.opts.clock()), time.Second))
	}
}

// interval is the wall time between two candles.
func (b *Bot) interval() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	return max(time.Duration(float64(b.tf)/b.cfg.Market.Speed), time.Microsecond)
}

// poke wakes Run early, after an action changed the state.
func (b *Bot) poke() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// announce publishes freqtrade's startup messages and the whitelist.
func (b *Bot) announce() {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.cfg
	b.status(apiclient.MsgWarning, "Dry run is enabled. All trades are simulated.")
	stop := "Stoploss"
	if c.TrailingStop {
		stop = "Trailing Stoploss"
	}
	b.status(apiclient.MsgStartup, fmt.Sprintf("*Exchange:* `%s`\n*Stake per trade:* `%s %s`\n*Minimum ROI:* `%v`\n"+
		"*%s:* `%v`\n*Position adjustment:* `Off`\n*Timeframe:* `%s`\n*Strategy:* `%s`",
		c.Exchange, c.StakeAmount, c.StakeCurrency, c.MinimalROI, stop, c.Stoploss, c.Timeframe, StrategyName))
	b.status(apiclient.MsgStartup, fmt.Sprintf("Searching for %s pairs to buy and sell based on StaticPairList with %d pairs.",
		c.StakeCurrency, len(b.whitelist)))
	if prots := c.Protections.summary(); prots != "" {
		b.status(apiclient.MsgStartup, "Using Protections: \n"+prots)
	}
	b.publish(apiclient.WhitelistMsg{Type: apiclient.MsgWhitelist, Data: append([]string{}, b.whitelist...)})
	b.status(apiclient.MsgStatus, string(b.state))
	b.logf(levelInfo, logWorker, "Changing state to: %s", strings.ToUpper(string(b.state)))
	b.flushLogs()
}

// summary lists the enabled protections as freqtrade announces them.
func (p Protections) summary() string {
	var lines []string
	if p.CooldownCandles > 0 {
		lines = append(lines, fmt.Sprintf("CooldownPeriod - Cooldown period of %d candles.", p.CooldownCandles))
	}
	if g := p.StoplossGuard; g.TradeLimit > 0 {
		lines = append(lines, fmt.Sprintf("StoplossGuard - Stop trading if %d stoplosses within %d candles.", g.TradeLimit, g.LookbackCandles))
	}
	return strings.Join(lines, "\n")
}
