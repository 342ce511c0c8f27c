package dryrun

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// setState changes the worker state and announces it as freqtrade's worker
// does: a status message with the state's name and a log line.
func (b *Bot) setState(s rpc.State) {
	if b.state == s {
		return
	}
	b.state = s
	b.status(apiclient.MsgStatus, string(s))
	b.logf(levelInfo, logWorker, "Changing state to: %s", strings.ToUpper(string(s)))
}

// Start implements rpc.Control.
func (b *Bot) Start(context.Context) (apiclient.StatusResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.state == rpc.StateRunning {
		return apiclient.StatusResponse{Status: "already running"}, nil
	}
	b.setState(rpc.StateRunning)
	b.poke()
	return apiclient.StatusResponse{Status: "starting trader ..."}, nil
}

// Stop implements rpc.Control.
func (b *Bot) Stop(context.Context) (apiclient.StatusResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.state == rpc.StateStopped {
		return apiclient.StatusResponse{Status: "already stopped"}, nil
	}
	b.setState(rpc.StateStopped)
	if n := len(b.openBy); n > 0 {
		b.logf(levelWarning, logBot, "%d open trades active. Handle these trades manually or '/start' the bot again "+
			"and use '/stopentry' to handle open trades gracefully.", n)
	}
	return apiclient.StatusResponse{Status: "stopping trader ..."}, nil
}

// Pause implements rpc.Control (/pause, /stopentry, /stopbuy): no new
// entries, open trades are still managed.
func (b *Bot) Pause(context.Context) (apiclient.StatusResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.state == rpc.StateStopped {
		b.setState(rpc.StatePaused)
		return apiclient.StatusResponse{Status: "starting bot with trader in paused state, no entries will occur. Run /start to enable entries."}, nil
	}
	b.setState(rpc.StatePaused)
	return apiclient.StatusResponse{Status: "paused, no more entries will occur from now. Run /start to enable entries."}, nil
}

// ReloadConfig implements rpc.Control. The state becomes reload_config; the
// loop then re-reads the config (WithReload) and returns to initial_state.
func (b *Bot) ReloadConfig(context.Context) (apiclient.StatusResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	b.setState(rpc.StateReloadConfig)
	b.poke()
	return apiclient.StatusResponse{Status: "Reloading config ..."}, nil
}

// handleReload applies a pending reload. A config that fails to load or
// validate is reported and the current one kept. The reload function runs
// with the bot locked and must not call the bot.
func (b *Bot) handleReload(ctx context.Context) {
	if b.state != rpc.StateReloadConfig {
		return
	}
	b.logf(levelInfo, logConfig, "Reloading configuration")
	cfg := b.cfg
	if b.opts.reload != nil {
		next, err := b.opts.reload(ctx)
		if err == nil {
			err = next.Validate()
		}
		if err != nil {
			b.logf(levelError, logConfig, "Config reload failed, keeping the current config: %v", err)
		} else {
			cfg = next
		}
	}
	if err := b.reconfigure(cfg); err != nil {
		b.logf(levelError, logConfig, "Config reload failed, keeping the current config: %v", err)
	}
	b.state = rpc.State(b.cfg.InitialState)
	b.status(apiclient.MsgStatus, fmt.Sprintf("%s after config reloaded", b.state))
	b.logf(levelInfo, logWorker, "Changing state to: %s", strings.ToUpper(string(b.state)))
}

// reconfigure installs cfg: new pairs join the market, the strategy is
// re-run over the stored candles if its parameters changed, and a changed
// whitelist is announced. The market's mode, seed and data folder only
// change on restart.
func (b *Bot) reconfigure(cfg Config) error {
	old := b.cfg
	m := cfg.Market
	if m.Mode != old.Market.Mode || m.Seed != old.Market.Seed || m.DataDir != old.Market.DataDir ||
		m.Volatility != old.Market.Volatility || m.Speed != old.Market.Speed {
		b.logf(levelWarning, logConfig, "Market mode, seed, data_dir, volatility and speed changes apply after a restart.")
		m.Mode, m.Seed, m.DataDir = old.Market.Mode, old.Market.Seed, old.Market.DataDir
		m.Volatility, m.Speed = old.Market.Volatility, old.Market.Speed
		cfg.Market = m
	}
	if cfg.Timeframe != old.Timeframe {
		b.logf(levelWarning, logConfig, "A timeframe change applies after a restart.")
		cfg.Timeframe = old.Timeframe
	}
	for _, p := range cfg.Pairs {
		if _, ok := b.pairs[p]; ok {
			continue
		}
		if err := b.mkt.AddPair(p); err != nil {
			return err
		}
		b.pairs[p] = newPairData(p, cfg.Strategy)
	}
	oldWhite := b.whitelist
	b.applyConfig(cfg)
	if !reflect.DeepEqual(old.Strategy, cfg.Strategy) {
		b.reanalyze()
	}
	if !slices.Equal(oldWhite, b.whitelist) {
		b.announceWhitelist()
	}
	b.logf(levelInfo, logConfig, "Config reloaded: %d pairs, max_open_trades %d, stake_amount %s.",
		len(b.whitelist), cfg.MaxOpenTrades, cfg.StakeAmount)
	return nil
}

// reanalyze recomputes every pair's indicators and signals from its
// candles, after the strategy parameters changed.
func (b *Bot) reanalyze() {
	for _, d := range b.pairs {
		d.frame = d.frame.Reanalyze(b.cfg.Strategy, b.tf)
		d.publish()
	}
}
