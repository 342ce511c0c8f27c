package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

// TestBotGuardsOverHTTP: inputs the server's own checks let through but
// the dry-run bot refuses (a limit price at the cap that leaves an amount
// of 0, an exit amount below the amount step or the market minimum)
// reach the client as 400 {"detail": "<field>: …"}, not a 500 or 502.
func TestBotGuardsOverHTTP(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)
	clock := func() time.Time { return now }
	cfg := dryrun.DefaultConfig()
	cfg.ForceEntryEnable = true
	s, bot := dryRunServer(t, cfg, clock, nil)
	go func() {
		for range bot.Events() {
		}
	}()
	var tr apiclient.ForceEnterResult
	wantJSON(t, authed(t, s, http.MethodPost, "/api/v1/forceenter", `{"pair": "ETH/USDT", "stakeamount": 50}`), http.StatusOK, &tr)
	id := tr.Trade.TradeID
	for _, c := range []struct{ name, path, body, field string }{
		{"limit price at the cap", "/api/v1/forceenter", `{"pair": "BTC/USDT", "ordertype": "limit", "price": 1e15}`, "price"},
		{"exit amount below the step", "/api/v1/forceexit", `{"tradeid": ` + strconv.Itoa(id) + `, "amount": 1e-12}`, "amount"},
		{"exit amount below the minimum", "/api/v1/forceexit", `{"tradeid": ` + strconv.Itoa(id) + `, "amount": 0.0001}`, "amount"},
	} {
		rec := authed(t, s, http.MethodPost, c.path, c.body)
		var body apiclient.DetailBody
		if rec.Code != http.StatusBadRequest || json.Unmarshal(rec.Body.Bytes(), &body) != nil ||
			!strings.HasPrefix(body.Detail, c.field+": ") {
			t.Errorf("%s: %d %s, want 400 naming %s", c.name, rec.Code, rec.Body, c.field)
		}
	}
	var st []apiclient.OpenTrade
	wantJSON(t, authed(t, s, http.MethodGet, "/api/v1/status", ""), http.StatusOK, &st)
	if len(st) != 1 || st[0].Amount != tr.Trade.Amount {
		t.Fatalf("after the refusals: %+v", st)
	}
}
