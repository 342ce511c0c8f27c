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

// TestDialogConfirmWhenBlockedOrChanged: a blocked dialog never submits; a
// changed one takes one confirm to acknowledge the change, the next sends.
func TestDialogConfirmWhenBlockedOrChanged(t *testing.T) {
	t.Parallel()
	keys := DefaultDialogKeys()
	sent := 0
	d := &dialog{submit: func(dialogValues) (op, error) { sent++; return op{label: "x"}, nil }}
	d.blocked = "Trade #1 A/B is no longer open: nothing to exit."
	for range 3 {
		if out, _ := d.update(keyMsg("y"), keys); out != dialogOpen {
			t.Fatal("a blocked dialog submitted")
		}
	}
	d.blocked, d.changed = "", "Trade #1 changed: amount 2 → 1"
	if out, _ := d.update(keyMsg("y"), keys); out != dialogOpen || d.err == "" {
		t.Fatalf("the first confirm after a change submitted (err %q)", d.err)
	}
	if out, o := d.update(keyMsg("y"), keys); out != dialogSubmitted || o.label != "x" || sent != 1 {
		t.Fatalf("the second confirm did not submit once (%v, sent %d)", out, sent)
	}
}
