package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
	"github.com/freqdeck/freqdeck/tui/alert"
	"github.com/freqdeck/freqdeck/tui/termrt"
	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

// alertConfig is the default alerts with no grace: a bot that goes down is
// alerted at once.
func alertConfig() *alert.Config {
	c := alert.DefaultConfig()
	c.Grace = 0
	return &c
}

// exitFill is an exit_fill of trade id on pair, for reason.
func exitFill(id int, pair, reason string) apiclient.ExitMsg {
	return apiclient.ExitMsg{
		Type: apiclient.MsgExitFill,
		EntryFields: apiclient.EntryFields{
			TradeID: id, Pair: pair, Direction: "Long", Amount: 0.5, StakeCurrency: "USDT", BaseCurrency: "ETH",
			QuoteCurrency: "USDT", OpenDate: apiclient.WSTime{Time: fixedClock().Add(-time.Hour)},
		},
		CloseRate: 2850, ProfitAmount: -5.1, ProfitRatio: -0.051, ExitReason: &reason,
		CloseDate: apiclient.WSTime{Time: fixedClock()}, IsFinalExit: true,
	}
}

// entryFill is an entry_fill of trade id on pair.
func entryFill(id int, pair string) apiclient.EntryMsg {
	return apiclient.EntryMsg{Type: apiclient.MsgEntryFill, EntryFields: apiclient.EntryFields{
		TradeID: id, Pair: pair, Direction: "Long", Amount: 1, OrderRate: 100, BaseCurrency: "ETH", QuoteCurrency: "USDT",
		OpenDate: apiclient.WSTime{Time: fixedClock()},
	}}
}

// publish pushes msg to the bot's WebSocket subscribers.
func (b *actBot) publish(t *testing.T, msg apiclient.Message) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.bot.Publish(ctx, msg); err != nil {
		t.Fatal(err)
	}
}

// waitStream waits until the console's WebSocket has subscribed to the
// fills, so what is published reaches it.
func (b *actBot) waitStream(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.faults.Wait(ctx, func() bool { return b.faults.Subscribed(apiclient.MsgEntryFill, apiclient.MsgExitFill) }); err != nil {
		t.Fatal(err)
	}
}

// termRun is a console running under the terminal runtime (termrt.Run) on
// pipes, as on an operator's terminal: keys in, bytes out.
type termRun struct {
	keys *io.PipeWriter
	w, h int

	mu      sync.Mutex
	raw     strings.Builder
	screen  *vtest.Screen
	changed chan struct{}
}

// runTerm runs m under termrt at w×h until the test ends; the terminal's
// output goes to also too (a real terminal).
func runTerm(t *testing.T, m *Model, w, h int, also ...io.Writer) *termRun {
	t.Helper()
	inR, inW := io.Pipe()
	r := &termRun{keys: inW, w: w, h: h, screen: vtest.New(w, h), changed: make(chan struct{})}
	sizes := make(chan termrt.Size, 1)
	sizes <- termrt.Size{Width: w, Height: h}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		out := io.MultiWriter(append([]io.Writer{r}, also...)...)
		_, _ = termrt.Run(ctx, m, termrt.Options{In: inR, Out: out, Sizes: sizes})
	}()
	t.Cleanup(func() {
		cancel()
		_ = inW.Close()
		<-done
	})
	return r
}

// Write implements io.Writer: the terminal's output.
func (r *termRun) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.raw.Write(p)
	r.screen.Write(string(p))
	close(r.changed)
	r.changed = make(chan struct{})
	return len(p), nil
}

// wait waits until cond holds of the raw output and the screen's text.
func (r *termRun) wait(t *testing.T, what string, cond func(raw, screen string) bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		raw, screen, ch := r.raw.String(), strings.Join(r.screen.Lines(), "\n"), r.changed
		r.mu.Unlock()
		if cond(raw, screen) {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("never %s; the screen shows\n%s", what, screen)
		}
	}
}

// waitScreen waits until the screen shows every one of texts.
func (r *termRun) waitScreen(t *testing.T, texts ...string) {
	t.Helper()
	r.wait(t, fmt.Sprintf("showed %q", texts), func(_, screen string) bool {
		for _, s := range texts {
			if !strings.Contains(screen, s) {
				return false
			}
		}
		return true
	})
}

// press types keys.
func (r *termRun) press(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(r.keys, keys); err != nil {
		t.Fatal(err)
	}
}

// TestAlertReachesTheTerminal: a stoploss exit of a bot rings the bell and
// sends the desktop notification, wrapped for tmux, byte for byte as
// alert.Encode has them, through the console's own terminal runtime; the
// same event again rings nothing (de-duplication); the alert list (A) shows
// it with an entry fill that only goes to the list.
func TestAlertReachesTheTerminal(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	caps := alert.TermCaps{Notify: alert.NotifyOSC777, Tmux: true}
	m, _ := ab.console(t, func(o *Options) { o.Alerts, o.Term = alertConfig(), caps })
	r := runTerm(t, m, 120, 40)
	r.waitScreen(t, "Open trades (1)", "· online")
	ab.waitStream(t)

	stop := exitFill(7, "ETH/USDT", "stop_loss")
	ev, _ := alert.FromMessage(stop)
	want := string(alert.Encode(alert.Alert{Bot: "testbot", Kind: ev.Kind, Title: ev.Title, Body: ev.Body,
		Channels: alert.List | alert.Bell | alert.Desktop}, caps))
	if !strings.HasPrefix(want, "\a\x1bPtmux;\x1b\x1b]777;notify;freqdeck: testbot;exit filled: ETH/USDT #7 -5.10% (stop_loss)") {
		t.Fatalf("the expected bytes are not what the test means: %q", want)
	}
	ab.publish(t, stop)
	r.wait(t, "rang the bell", func(raw, _ string) bool { return strings.Contains(raw, want) })

	ab.publish(t, stop)
	ab.publish(t, entryFill(8, "SOL/USDT"))
	r.waitScreen(t, "2 alerts (A)")
	r.press(t, "A")
	r.waitScreen(t, "Alerts (2, newest first)", "testbot: entry filled: SOL/USDT #8 long",
		"testbot: exit filled: ETH/USDT #7 -5.10% (stop_loss)")
	r.mu.Lock()
	raw := r.raw.String()
	r.mu.Unlock()
	if n := strings.Count(raw, want); n != 1 {
		t.Fatalf("the stoploss was announced %d times, want once", n)
	}
}

// TestAlertBurstSummed: twelve exits in a window: the first three are
// alerted one by one, the rest in one summary when the window closes.
func TestAlertBurstSummed(t *testing.T) {
	t.Parallel()
	clock := rpctest.NewClock(fixedClock())
	ab := newActBot(t, clock)
	tm, _, _ := ab.start(t, func(o *Options) { o.Alerts = alertConfig() })
	ab.waitStream(t)
	for i := range 12 {
		ab.publish(t, exitFill(100+i, fmt.Sprintf("C%02d/USDT", i), "roi"))
	}
	// Messages are handled in order: once the entry that follows is listed,
	// every exit was seen.
	ab.publish(t, entryFill(200, "SOL/USDT"))
	waitText(t, tm, "4 alerts (A)")
	clock.Advance(alert.DefaultWindow)
	keys(tm, "A") // the list shows what comes while it is open
	waitText(t, tm, "testbot: 12 exit fills in 10 s: 9 more: C03/USDT, C04/USDT,", "C07/USDT and 4 more")
	view := finalView(t, tm)
	if n := countOf(view, "exit filled"); n != 3 {
		t.Fatalf("%d exits alerted one by one, want 3:\n%s", n, view)
	}
}

// TestAlertOfflineAndBack: a bot that goes down is alerted offline (with
// the reason) and, once it answers again, back online.
func TestAlertOfflineAndBack(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	m, _ := ab.console(t, func(o *Options) { o.Alerts = alertConfig() })
	r := runTerm(t, m, 120, 40)
	r.waitScreen(t, "Open trades (1)", "· online")
	ab.faults.Down()
	r.waitScreen(t, "1 alert (A)")
	r.wait(t, "rang the bell", func(raw, _ string) bool { return strings.Contains(raw, "\a") })
	ab.faults.Up()
	r.waitScreen(t, "2 alerts (A)")
	r.press(t, "A")
	r.waitScreen(t, "testbot: offline: ", "testbot: back online: after ")
}

// TestAlertBellInTmux: the console runs in a tmux window that is not the
// current one; its bot goes down, and the alert's bell sets the window's
// bell flag, as it would tell an operator looking at another window.
func TestAlertBellInTmux(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (apt-get install tmux)")
	}
	s := &tmuxSession{t: t, tmux: bin, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	run := func(args ...string) string {
		t.Helper()
		out, err := s.run(args...)
		if err != nil {
			t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(out)
	}
	run("new-session", "-d", "-s", "s", "-x", "120", "-y", "40", "cat")
	t.Cleanup(func() { _, _ = s.run("kill-server") })
	run("set-option", "-g", "bell-action", "any")
	run("set-window-option", "-g", "monitor-bell", "on")
	run("new-window", "-d", "-t", "s:1", "cat")
	tty, err := os.OpenFile(run("display-message", "-p", "-t", "s:1", "#{pane_tty}"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	flag := func() string { return run("display-message", "-p", "-t", "s:1", "#{window_bell_flag}") }

	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	m, _ := ab.console(t, func(o *Options) { o.Alerts = alertConfig() })
	r := runTerm(t, m, 120, 40, tty)
	r.waitScreen(t, "Open trades (1)", "· online")
	if f := flag(); f != "0" {
		t.Fatalf("the bell flag is set before any alert (%s)", f)
	}
	ab.faults.Down()
	r.waitScreen(t, "1 alert (A)")
	// tmux handles the pane's output on its own schedule: poll its flag.
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for flag() != "1" {
		if time.Now().After(deadline) {
			t.Fatal("the console's bell did not set the tmux window's bell flag")
		}
		<-tick.C
	}
}
