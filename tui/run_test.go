package tui

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

// TestRunQuits runs the console on pipes (no terminal): it draws at the
// fixed size and q quits.
func TestRunQuits(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer inW.Close()
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t, Bot{Name: "testbot", API: fb.client()})
	opts.Input, opts.Output = inR, outW
	opts.FixedWidth, opts.FixedHeight = 100, 30
	done := make(chan error, 1)
	go func() {
		done <- Run(t.Context(), opts)
		outW.Close()
	}()
	seen := make(chan string, 1)
	go func() {
		var all []byte
		buf := make([]byte, 4096)
		sent := false
		for {
			n, err := outR.Read(buf)
			all = append(all, buf[:n]...)
			if !sent && strings.Contains(vtest.Text(string(all), 100, 30), "Open trades (3)") {
				sent = true
				seen <- string(all)
			}
			if err != nil {
				if !sent {
					seen <- string(all)
				}
				_, _ = io.Copy(io.Discard, outR)
				return
			}
		}
	}()
	select {
	case out := <-seen:
		if !strings.Contains(vtest.Text(out, 100, 30), "Open trades (3)") || !strings.Contains(out, altScreenOn) {
			t.Fatalf("no console on the output: %q", out)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the console drew nothing")
	}
	if _, err := inW.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("q did not quit")
	}
}

// altScreenOn is the escape sequence that enters the alternate screen.
const altScreenOn = "\x1b[?1049h"
