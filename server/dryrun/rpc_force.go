package dryrun

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// ForceEnter implements rpc.Trades with freqtrade's checks and messages.
// Locks do not block a force entry, as in freqtrade.
func (b *Bot) ForceEnter(ctx context.Context, req apiclient.ForceEnterRequest) (apiclient.ForceEnterResult, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if err := b.checkForceEnter(req); err != nil {
		return apiclient.ForceEnterResult{}, err
	}
	b.actNow()
	stake := apiclient.Deref(req.StakeAmount)
	if req.StakeAmount == nil {
		s, err := b.stakeAmount()
		if err != nil {
			b.logf(levelWarning, logWallets, "Force entry on %s: %v", req.Pair, err)
			return apiclient.ForceEnterResult{}, rpc.Errorf("Failed to enter position for %s.", req.Pair)
		}
		stake = s
	}
	if free := b.wallet().Free; stake > free {
		b.logf(levelInfo, logWallets, "Stake amount for pair %s (%s) reduced to what is available: %s.", req.Pair, fmtNum(stake), fmtNum(free))
		stake = free
	}
	orderType := b.cfg.OrderTypes.ForceEntry
	if req.OrderType != nil && *req.OrderType != "" {
		orderType = *req.OrderType
	}
	tag := "force_entry"
	if req.EntryTag != nil && *req.EntryTag != "" {
		tag = cutText(*req.EntryTag, maxTagLen)
	}
	b.logf(levelInfo, logRPC, "Force entry on %s: stake %s %s, %s order.", req.Pair, fmtNum(stake), b.cfg.StakeCurrency, orderType)
	t, err := b.placeEntry(ctx, req.Pair, stake, req.Price, orderType, tag)
	if err != nil {
		if isStoreError(err) {
			return apiclient.ForceEnterResult{}, err
		}
		if err := entryRefusal(err, req, orderType); err != nil {
			return apiclient.ForceEnterResult{}, err
		}
		b.logf(levelWarning, logBot, "Unable to create trade for %s: %v", req.Pair, err)
		return apiclient.ForceEnterResult{}, rpc.Errorf("Failed to enter position for %s.", req.Pair)
	}
	tr := metrics.TradeJSON(t, b.tradeRate(t))
	return apiclient.ForceEnterResult{Trade: &tr}, nil
}

// checkForceEnter returns freqtrade's error for a force entry it refuses.
func (b *Bot) checkForceEnter(req apiclient.ForceEnterRequest) error {
	if b.closed {
		return errClosed
	}
	if !b.cfg.ForceEntryEnable {
		return rpc.Errorf("Force_entry not enabled.")
	}
	if b.state != rpc.StateRunning {
		return rpc.NotRunning()
	}
	if req.Side == "short" {
		return rpc.Errorf("Can't go short on Spot markets.")
	}
	if err := checkPair("pair", req.Pair); err != nil {
		return err
	}
	if err := checkPositive("stakeamount", req.StakeAmount); err != nil {
		return err
	}
	if err := checkPositive("price", req.Price); err != nil {
		return err
	}
	if _, ok := b.pairs[req.Pair]; !ok {
		return rpc.Errorf("Symbol does not exist or market is not active.")
	}
	if _, quote, _ := market.SplitPair(req.Pair); quote != b.cfg.StakeCurrency {
		return rpc.Errorf("Wrong pair selected. Only pairs with stake-currency %s allowed.", b.cfg.StakeCurrency)
	}
	if t := b.openBy[req.Pair]; t != nil {
		if ids := openOrderIDs(t); len(ids) > 0 {
			return rpc.Errorf("position for %s already open - id: %d and has open order %s", req.Pair, t.ID, strings.Join(ids, ","))
		}
		return rpc.Errorf("position for %s already open - id: %d", req.Pair, t.ID)
	}
	if !b.slotsFree() {
		return rpc.Errorf("Maximum number of trades is reached.")
	}
	return nil
}

func openOrderIDs(t *store.Trade) []string {
	var ids []string
	for _, o := range metrics.OpenOrders(t) {
		ids = append(ids, o.OrderID)
	}
	return ids
}

// ForceExit implements rpc.Trades: a trade id or "all"; open orders are
// cancelled first (an unfilled entry takes its trade with it), then the exit
// is placed, optionally partial.
func (b *Bot) ForceExit(ctx context.Context, req apiclient.ForceExitRequest) (apiclient.ResultResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.closed {
		return apiclient.ResultResponse{}, errClosed
	}
	if b.state == rpc.StateStopped {
		return apiclient.ResultResponse{}, rpc.NotRunning()
	}
	if err := checkPositive("amount", req.Amount); err != nil {
		return apiclient.ResultResponse{}, err
	}
	if err := checkPositive("price", req.Price); err != nil {
		return apiclient.ResultResponse{}, err
	}
	b.actNow()
	orderType := b.cfg.OrderTypes.ForceExit
	if req.OrderType != nil && *req.OrderType != "" {
		orderType = *req.OrderType
	}
	if req.TradeID == apiclient.AllTrades {
		for _, t := range b.openTrades() {
			if _, err := b.forceExit(ctx, t, orderType, nil, nil); isStoreError(err) {
				return apiclient.ResultResponse{}, err
			}
		}
		return apiclient.ResultResponse{Result: "Created exit orders for all open trades."}, nil
	}
	id, err := strconv.Atoi(string(req.TradeID))
	t, ok := b.open[id]
	if err != nil || !ok {
		b.logf(levelWarning, logRPC, "force_exit: Invalid argument received")
		return apiclient.ResultResponse{}, rpc.Errorf("invalid argument")
	}
	done, err := b.forceExit(ctx, t, orderType, req.Amount, req.Price)
	if err != nil {
		return apiclient.ResultResponse{}, err
	}
	if !done {
		return apiclient.ResultResponse{}, rpc.Errorf("Failed to exit trade.")
	}
	return apiclient.ResultResponse{Result: "Created exit order for trade " + string(req.TradeID) + "."}, nil
}

// forceExit cancels t's open orders and exits it. It reports false when
// there was nothing left to exit (the cancelled entry removed the trade).
func (b *Bot) forceExit(ctx context.Context, t *store.Trade, orderType string, amount, price *float64) (bool, error) {
	for i := 0; t != nil && i < len(t.Orders); i++ {
		if !t.Orders[i].IsOpen {
			continue
		}
		nt, err := b.cancelOrder(ctx, t, i, reasonForceExit)
		if err != nil {
			return false, err
		}
		t = nt
	}
	if t == nil || !metrics.HasFilledEntry(t) {
		return false, nil
	}
	rate := b.rate(t.Pair, t.OpenRate)
	if amount != nil && *amount < t.Amount {
		if err := b.checkPartialExit(t, *amount, rate); err != nil {
			return false, err
		}
		if remaining := (t.Amount - *amount) * rate; remaining < b.cfg.Market.MinNotional {
			return false, rpc.Errorf("Remaining amount of %s would be too small.", fmtNum(remaining))
		}
	}
	b.logf(levelInfo, logBot, "Exit for %s detected. Reason: %s", t.Pair, exitForce)
	_, err := b.placeExit(ctx, t, rate, exitForce, orderType, amount, price)
	return err == nil, err
}

// entryRefusal names the field of a refused force entry whose size came
// from the request: the limit price when it left no amount, else the
// stake asked for (orderType is the entry's). Other refusals (the bot's own stake, a wallet run
// low) keep freqtrade's answer; entryRefusal returns nil for them.
func entryRefusal(err error, req apiclient.ForceEnterRequest, orderType string) error {
	var e *entryError
	if !errors.As(err, &e) {
		return nil
	}
	switch {
	case e.noAmount && req.Price != nil && orderType == "limit":
		return rpc.Invalid("price", "%s", e.msg)
	case req.StakeAmount != nil:
		return rpc.Invalid("stakeamount", "%s", e.msg)
	}
	return nil
}

// checkPartialExit refuses a partial exit of amount (of t, at rate) that
// the amount step rounds to nothing or whose cost is below the market
// minimum.
func (b *Bot) checkPartialExit(t *store.Trade, amount, rate float64) error {
	prec := b.mkt.Precision(t.Pair)
	qty := prec.Amount(amount)
	if qty <= 0 {
		return rpc.Invalid("amount", "%.8g is below the amount precision of %s (%.8g)", amount, t.Pair, prec.Step)
	}
	if cost := qty * rate; cost < b.cfg.Market.MinNotional {
		return rpc.Invalid("amount", "an exit of %.8g %s costs %.8g, below the minimum of %.8g %s", qty, t.Pair,
			cost, b.cfg.Market.MinNotional, b.cfg.StakeCurrency)
	}
	return nil
}

// decodeCustomValue turns a stored custom-data value back into its type.
func decodeCustomValue(typ, value string) any {
	switch typ {
	case "str":
		return value
	case "int":
		if v, err := strconv.ParseInt(value, 10, 64); err == nil {
			return v
		}
	case "float":
		if v, err := strconv.ParseFloat(value, 64); err == nil {
			return v
		}
	case "bool":
		return strings.EqualFold(value, "true")
	default:
		var v any
		if json.Unmarshal([]byte(value), &v) == nil {
			return v
		}
	}
	return value
}
