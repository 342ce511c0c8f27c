package tui

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRenderWritesOnlyChangedLines(t *testing.T) {
	t.Parallel()
	out, lines := render(nil, "a\nb\nc")
	if !strings.HasPrefix(out, escSyncBegin+escClear) || !strings.Contains(out, "\x1b[1;1H"+escEraseLine+"a") ||
		!strings.Contains(out, "\x1b[3;1H"+escEraseLine+"c") || len(lines) != 3 {
		t.Fatalf("first frame = %q", out)
	}
	out, _ = render(lines, "a\nB\nc")
	if want := escSyncBegin + "\x1b[2;1H" + escEraseLine + "B" + escResetStyle + escSyncEnd; out != want {
		t.Fatalf("one changed line = %q, want %q", out, want)
	}
	if out, _ := render(lines, "a\nb\nc"); out != "" {
		t.Fatalf("an unchanged frame wrote %q", out)
	}
	out, _ = render(lines, "a")
	if !strings.Contains(out, "\x1b[2;1H"+escEraseLine) || !strings.Contains(out, "\x1b[3;1H"+escEraseLine) {
		t.Fatalf("a shorter frame did not clear the rest: %q", out)
	}
}

// syncBuffer is a bytes.Buffer safe for the screen goroutine and the test.
type syncBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	select {
	case s.writes <- struct{}{}:
	default:
	}
	return n, err
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestScreenDrawsLatestFrame(t *testing.T) {
	t.Parallel()
	buf := &syncBuffer{writes: make(chan struct{}, 1)}
	scr := newScreen(buf)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		scr.run(ctx)
	}()
	scr.submit("one\ntwo")
	select {
	case <-buf.writes:
	case <-time.After(5 * time.Second):
		t.Fatal("the first frame was not drawn")
	}
	// Frames submitted faster than the screen draws collapse to the latest.
	scr.submit("one\nthree")
	scr.submit("one\nfour")
	cancel()
	<-done
	got := buf.String()
	if !strings.Contains(got, "four") {
		t.Fatalf("the last frame was not drawn: %q", got)
	}
	if strings.Count(got, "one") != 1 {
		t.Fatalf("an unchanged line was redrawn: %q", got)
	}
	scr.invalidate()
	scr.submit("one\nfour")
	scr.drawPending()
	if !strings.Contains(buf.String()[len(got):], escClear) {
		t.Fatal("a frame after invalidate was not drawn whole")
	}
}

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
			if !sent && bytes.Contains(all, []byte("Open trades (3)")) {
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
		if !strings.Contains(out, "Open trades (3)") || !strings.Contains(out, escAltScreenOn) {
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
