package tui

import (
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

func TestParseLockDuration(t *testing.T) {
	t.Parallel()
	good := map[string]time.Duration{
		"30m": 30 * time.Minute, "2h": 2 * time.Hour, "1d": 24 * time.Hour, "1d12h": 36 * time.Hour,
		"1w": 7 * 24 * time.Hour, " 45m ": 45 * time.Minute,
	}
	for in, want := range good {
		if got, err := parseLockDuration(in); err != nil || got != want {
			t.Errorf("parseLockDuration(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "30", "m", "10s", "-1h", "0m", "400d", "1h30", "1.5h", "9999999m"} {
		if _, err := parseLockDuration(in); err == nil {
			t.Errorf("parseLockDuration(%q) accepted", in)
		}
	}
}

func TestForceExitDialogValidation(t *testing.T) {
	t.Parallel()
	b := namedBot(t, "b")
	rate := 10.0
	tr := apiclient.OpenTrade{Trade: apiclient.Trade{TradeCore: apiclient.TradeCore{TradeID: 4, Pair: "A/B", Amount: 2}}, CurrentRate: &rate}
	d := forceExitDialog(b, tr)
	v := d.values()
	v[exitFieldType], v[exitFieldPrice] = "limit", "0"
	if _, err := d.submit(v); err == nil {
		t.Error("a zero limit price was accepted")
	}
	v[exitFieldPrice], v[exitFieldAmount] = "9.5", "2.5"
	if _, err := d.submit(v); err == nil {
		t.Error("an amount above the trade's was accepted")
	}
	v[exitFieldAmount] = "-1"
	if _, err := d.submit(v); err == nil {
		t.Error("a negative amount was accepted")
	}
	v[exitFieldAmount] = "2"
	a, err := d.submit(v)
	req := a.request.(apiclient.ForceExitRequest)
	if err != nil || req.Amount != nil || *req.Price != 9.5 || *req.OrderType != "limit" || req.TradeID != "4" {
		t.Errorf("full limit exit = %+v, %v", req, err)
	}
}

func TestDialogKeys(t *testing.T) {
	t.Parallel()
	keys := DefaultDialogKeys()
	b := namedBot(t, "b")
	d := lockDialog(b, "", fixedClock)
	if d.focus != lockFieldPair {
		t.Fatalf("focus = %d", d.focus)
	}
	// y and n are text in a text field, not confirm and cancel.
	for _, k := range []string{"y", "n"} {
		if out, _ := d.update(keyMsg(k), keys); out != dialogOpen {
			t.Fatalf("%s closed the dialog", k)
		}
	}
	if got := string(d.fields[lockFieldPair].value); got != "yn" {
		t.Fatalf("pair = %q", got)
	}
	d.update(keyMsg("tab"), keys)
	d.update(keyMsg("tab"), keys)
	if d.focus != lockFieldSide {
		t.Fatalf("focus after two tabs = %d", d.focus)
	}
	d.update(keyMsg(" "), keys)
	if d.fields[lockFieldSide].text() != "long" {
		t.Fatalf("side = %q", d.fields[lockFieldSide].text())
	}
	if out, _ := d.update(keyMsg("esc"), keys); out != dialogCancelled {
		t.Fatal("esc did not cancel")
	}
	fixed := lockDialog(b, "A/B", fixedClock)
	if fixed.focus != lockFieldDuration {
		t.Fatalf("a fixed pair took the focus")
	}
}
