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

// heartbeatEvery is the interval of the heartbeat log line (wall clock).
const heartbeatEvery = time.Minute

// maxCatchUp caps how many candles one tick plays when the market is
// behind the clock (a suspended machine, a speed the machine cannot keep
// up with), so the lock is never held long; the next ticks, which follow
// at once, play the rest.
const maxCatchUp = 20

// Tick runs one bot iteration at the clock's time, as freqtrade's process
// loop does: the market moves up to now, and at every price it visited
// the open trades' orders fill or time out and their exits (ROI,
// stoploss, trailing stop, exit signal) are checked; every candle that
// closed is analyzed and entries are made at its close. The tick's market
// state, candles and rate updates go to the tick writer at its end. Run
// calls it every second; tests call it after moving their clock.
func (b *Bot) Tick(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return errClosed
	}
	defer b.endIteration(ctx)
	b.handleReload(ctx)
	to := b.clock.at(b.opts.clock())
	if limit := b.mkt.Time().Add(maxCatchUp * b.tf); to.After(limit) {
		to = limit
	}
	for _, f := range b.mkt.Advance(to) {
		if err := b.process(ctx, f); err != nil {
			return b.failOn(err)
		}
	}
	if b.mkt.Exhausted() && !b.exhaust {
		b.exhaust = true
		b.logf(levelWarning, logBot, "Replay data exhausted: no new candles will arrive.")
	}
	if b.entryDue {
		b.entryDue = false
		if err := b.runEntries(ctx); err != nil {
			return b.failOn(err)
		}
	}
	return b.failOn(b.commitTick())
}

// process runs one market frame through the bot: the open trades at the
// frame's intra prices, then at its close; when the candle closed, its
// analysis and the entries it signals.
func (b *Bot) process(ctx context.Context, f market.Frame) error {
	defer func() { b.ver++ }() // rates moved
	pairs := b.framePairs(f)
	if b.state != rpc.StateStopped {
		for i := range 3 {
			b.advanceTo(f.Start.Add(f.End.Sub(f.Start) * time.Duration(i+1) / 4))
			for _, p := range pairs {
				if err := b.tick(ctx, p, f.Moves[p].Path.IntraTicks()[i]); err != nil {
					return err
				}
			}
		}
	}
	b.applyFrame(f)
	if b.state == rpc.StateStopped {
		return nil
	}
	for _, p := range pairs {
		if err := b.tick(ctx, p, f.Moves[p].Path.Close); err != nil {
			return err
		}
	}
	if !f.Closed {
		return nil
	}
	b.publishCandles(pairs)
	b.pruneLocks()
	b.entryDue = false
	return b.runEntries(ctx)
}

// applyFrame moves the bot's time to the frame's end and its pairs'
// candles and prices with it; a closed candle is analyzed, and kept to be
// saved with the tick.
func (b *Bot) applyFrame(f market.Frame) {
	b.advanceTo(f.End)
	for p, mv := range f.Moves {
		d, ok := b.pairs[p]
		if !ok {
			continue
		}
		if f.Closed {
			d.add(mv.Candle, f.End)
			b.closedBars = append(b.closedBars, pairCandle{pair: p, candle: mv.Candle})
			continue
		}
		d.setLive(mv.Candle)
	}
}

// framePairs lists the pairs that moved in f, in market order.
func (b *Bot) framePairs(f market.Frame) []string {
	out := make([]string, 0, len(f.Moves))
	for _, p := range b.markets {
		if _, ok := f.Moves[p]; ok {
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

// endIteration finishes a loop iteration: liveness, heartbeat and the log
// push.
func (b *Bot) endIteration(context.Context) {
	now := b.opts.clock()
	b.lastProc = now
	if now.Sub(b.lastHB) >= heartbeatEvery {
		b.lastHB = now
		b.logf(levelInfo, logWorker, "Bot heartbeat. PID=%d, version='%s', state='%s'",
			os.Getpid(), b.opts.version, strings.ToUpper(string(b.state)))
	}
	b.reportDrops()
	b.flushLogs()
}

// Run announces the bot, then ticks it until ctx ends: once a second of
// bot time (see botClock.tickEvery), on the second, and at once after an
// action that changed the state. It closes the bot before returning.
func (b *Bot) Run(ctx context.Context) error {
	b.announce()
	// An iteration, once begun, finishes even if ctx ends meanwhile: its
	// commits must not fail half-way through a tick.
	work := context.WithoutCancel(ctx)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return b.Close()
		case <-timer.C:
		case <-b.wake:
		}
		if ctx.Err() != nil { // a lagging market must not delay the stop
			return b.Close()
		}
		if err := b.Tick(work); errors.Is(err, errClosed) {
			return nil
		}
		timer.Reset(b.untilNextTick())
	}
}

// untilNextTick is the wall time until the next tick: the next whole step
// of tickEvery on the bot's clock, or at once when the market lags behind.
func (b *Bot) untilNextTick() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	wall := b.opts.clock()
	if b.clock.at(wall).Sub(b.mkt.Time()) > b.tf && !b.mkt.Exhausted() {
		return 0
	}
	every := b.clock.tickEvery()
	step := time.Duration(float64(every) * b.clock.speed)
	next := b.clock.wallAt(b.clock.at(wall).Truncate(step).Add(step))
	return max(next.Sub(wall), time.Millisecond)
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
	if c.Market.Speed != 1 {
		b.status(apiclient.MsgWarning, b.speedWarning())
	}
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
