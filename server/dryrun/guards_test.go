package dryrun

import (
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// wantInvalid checks that err is the bot's 400 naming field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var he *rpc.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusBadRequest || !strings.HasPrefix(he.Detail, field+": ") {
		t.Fatalf("error %v, want a 400 naming %q", err, field)
	}
	if len(he.Detail) > 300 {
		t.Fatalf("detail of %d bytes: %.80q…", len(he.Detail), he.Detail)
	}
}

// TestForceEnterGuards: the bot itself refuses a force entry whose stake,
// price or pair would make an order of nothing, below the market minimum,
// or on a malformed pair, naming the field; nothing is stored.
func TestForceEnterGuards(t *testing.T) {
	t.Parallel()
	limit := apiclient.Ptr("limit")
	cases := []struct {
		name  string
		req   apiclient.ForceEnterRequest
		field string
	}{
		{"stake negative", apiclient.ForceEnterRequest{StakeAmount: apiclient.Ptr(-5.0)}, "stakeamount"},
		{"stake zero", apiclient.ForceEnterRequest{StakeAmount: apiclient.Ptr(0.0)}, "stakeamount"},
		{"stake NaN", apiclient.ForceEnterRequest{StakeAmount: apiclient.Ptr(math.NaN())}, "stakeamount"},
		{"stake infinite", apiclient.ForceEnterRequest{StakeAmount: apiclient.Ptr(math.Inf(1))}, "stakeamount"},
		{"stake below the minimum", apiclient.ForceEnterRequest{StakeAmount: apiclient.Ptr(1.0)}, "stakeamount"},
		{"limit price 1e300", apiclient.ForceEnterRequest{OrderType: limit, Price: apiclient.Ptr(1e300)}, "price"},
		{"limit price 1e15", apiclient.ForceEnterRequest{OrderType: limit, Price: apiclient.Ptr(1e15)}, "price"},
		{"limit price negative", apiclient.ForceEnterRequest{OrderType: limit, Price: apiclient.Ptr(-1.0)}, "price"},
		{"limit price zero", apiclient.ForceEnterRequest{OrderType: limit, Price: apiclient.Ptr(0.0)}, "price"},
		{"price NaN", apiclient.ForceEnterRequest{Price: apiclient.Ptr(math.NaN())}, "price"},
		{"pair empty", apiclient.ForceEnterRequest{Pair: "-"}, "pair"},
		{"pair overlong", apiclient.ForceEnterRequest{Pair: strings.Repeat("A", 50_000) + "/USDT"}, "pair"},
		{"pair invalid UTF-8", apiclient.ForceEnterRequest{Pair: "AAA\xff/USDT"}, "pair"},
		{"pair with a control character", apiclient.ForceEnterRequest{Pair: "AAA\n/USDT"}, "pair"},
	}
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
	for _, c := range cases {
		req := c.req
		switch req.Pair {
		case "":
			req.Pair = "AAA/USDT"
		case "-":
			req.Pair = ""
		}
		_, err := h.b.ForceEnter(h.ctx, req)
		if err == nil {
			t.Fatalf("%s: accepted", c.name)
		}
		wantInvalid(t, err, c.field)
	}
	if st, _ := h.b.Status(h.ctx); len(st) != 0 {
		t.Fatalf("refused entries left %d open trades", len(st))
	}
	// A tag is cut to 255 characters (runes), as freqtrade cuts it.
	tag := strings.Repeat("é", 100_000)
	res, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", EntryTag: &tag})
	if err != nil {
		t.Fatal(err)
	}
	if got := apiclient.Deref(res.Trade.EnterTag); utf8.RuneCountInString(got) != maxTagLen || !strings.HasPrefix(tag, got) {
		t.Fatalf("entry tag of %d characters, want the first %d", utf8.RuneCountInString(got), maxTagLen)
	}
}

// TestForceExitGuards: a force exit's amount and price must be finite and
// above 0, and a partial amount must survive the amount step and cost at
// least the market minimum; a refused exit leaves the trade as it was.
func TestForceExitGuards(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT") // 1 AAA at 100
	id := apiclient.TradeRefID(tr.TradeID)
	for _, c := range []struct {
		name          string
		amount, price *float64
		field         string
	}{
		{"amount negative", apiclient.Ptr(-1.0), nil, "amount"},
		{"amount zero", apiclient.Ptr(0.0), nil, "amount"},
		{"amount NaN", apiclient.Ptr(math.NaN()), nil, "amount"},
		{"amount below the step", apiclient.Ptr(1e-12), nil, "amount"},
		{"amount below the minimum cost", apiclient.Ptr(0.01), nil, "amount"},
		{"price negative", nil, apiclient.Ptr(-1.0), "price"},
		{"price infinite", nil, apiclient.Ptr(math.Inf(1)), "price"},
	} {
		_, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: id, Amount: c.amount, Price: c.price})
		if err == nil {
			t.Fatalf("%s: accepted", c.name)
		}
		wantInvalid(t, err, c.field)
	}
	if got := h.trade(tr.TradeID); !got.IsOpen || got.Amount != tr.Amount || len(got.Orders) != 1 {
		t.Fatalf("after refused exits: open %v, amount %v, %d orders", got.IsOpen, got.Amount, len(got.Orders))
	}
	if _, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: id, Amount: apiclient.Ptr(0.5)}); err != nil {
		t.Fatalf("a partial exit of half: %v", err)
	}
	if got := h.trade(tr.TradeID); !got.IsOpen || !near(got.Amount, 0.5) {
		t.Fatalf("after half: open %v, amount %v", got.IsOpen, got.Amount)
	}
}

// TestLockGuards: the bot refuses locks on malformed pairs and unknown
// sides, and an until so far away that it would overflow a duration
// (9999-12-31 was stored as 2319, 0001-01-01 as 1734); a reason is cut to
// 255 characters; nothing of a refused list is stored.
func TestLockGuards(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	now := h.clock.now()
	soon := now.Add(time.Hour)
	for _, c := range []struct {
		name  string
		spec  rpc.LockSpec
		field string
	}{
		{"pair empty", rpc.LockSpec{Until: soon}, "pair"},
		{"pair of 50 KB", rpc.LockSpec{Pair: strings.Repeat("A", 50_000), Until: soon}, "pair"},
		{"pair invalid UTF-8", rpc.LockSpec{Pair: "\xc3\x28/USDT", Until: soon}, "pair"},
		{"side unknown", rpc.LockSpec{Pair: "AAA/USDT", Side: "up", Until: soon}, "side"},
		{"until 9999-12-31", rpc.LockSpec{Pair: "AAA/USDT", Until: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}, "until"},
		{"until 0001-01-01", rpc.LockSpec{Pair: "AAA/USDT", Until: time.Time{}}, "until"},
	} {
		// The refused lock comes second: the first one is not stored either.
		_, err := h.b.AddLocks(h.ctx, []rpc.LockSpec{{Pair: "BBB/USDT", Until: soon}, c.spec})
		if err == nil {
			t.Fatalf("%s: accepted", c.name)
		}
		wantInvalid(t, err, c.field)
	}
	if l, _ := h.b.Locks(h.ctx); l.LockCount != 0 {
		t.Fatalf("refused lists left %d locks", l.LockCount)
	}
	reason := strings.Repeat("r", 100_000)
	far := now.AddDate(50, 0, 0)
	l, err := h.b.AddLocks(h.ctx, []rpc.LockSpec{{Pair: "*", Until: soon}, {Pair: "AAA/USDT", Until: far, Reason: reason}})
	if err != nil || l.LockCount != 2 {
		t.Fatalf("locks %+v, %v", l, err)
	}
	got := l.Locks[1]
	if got.LockEndTimestamp != market50(far) || len(apiclient.Deref(got.Reason)) != maxTagLen {
		t.Fatalf("lock ends %v (want %v), reason of %d", got.LockEndTimestamp, market50(far), len(apiclient.Deref(got.Reason)))
	}
}

// market50 is when a lock until t ends on 5m candles: the next candle.
func market50(t time.Time) int64 {
	return t.Truncate(5 * time.Minute).Add(5 * time.Minute).UnixMilli()
}

// TestLockUntilAtSpeed: at a market speed other than 1 the until is mapped
// onto the bot's clock; one the speed would carry past a duration's range
// is refused, not wrapped.
func TestLockUntilAtSpeed(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.Market.Speed = 1000
	h := newHarness(t, cfg)
	_, err := h.b.AddLocks(h.ctx, []rpc.LockSpec{{Pair: "AAA/USDT", Until: h.clock.now().AddDate(90, 0, 0)}})
	wantInvalid(t, err, "until")
	l, err := h.b.AddLocks(h.ctx, []rpc.LockSpec{{Pair: "AAA/USDT", Until: h.clock.now().Add(time.Minute)}})
	if err != nil || l.LockCount != 1 {
		t.Fatalf("a lock a minute away at speed 1000: %+v, %v", l, err)
	}
}

// TestBlacklistGuards: the blacklist refuses entries that are not valid
// UTF-8 or longer than 255 characters, as invalid wildcards.
func TestBlacklistGuards(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	bad := []string{"AAA\xff/USDT", strings.Repeat("A", 300) + "/USDT"}
	bl, err := h.b.AddBlacklist(h.ctx, bad)
	if err != nil || bl.Length != len(testConfig().Blacklist) || len(bl.Errors) != 2 {
		t.Fatalf("blacklist %+v, %v", bl, err)
	}
}
