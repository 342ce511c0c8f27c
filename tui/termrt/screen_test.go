package termrt

import (
	"context"
	"strings"
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

func TestScreenDrawsLatestFrame(t *testing.T) {
	t.Parallel()
	buf := &syncBuffer{writes: make(chan struct{}, 1)}
	scr := NewScreen(buf)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		scr.Run(ctx)
	}()
	scr.Submit("one\ntwo")
	select {
	case <-buf.writes:
	case <-time.After(5 * time.Second):
		t.Fatal("the first frame was not drawn")
	}
	// Frames submitted faster than the screen draws collapse to the latest.
	scr.Submit("one\nthree")
	scr.Submit("one\nfour")
	cancel()
	<-done
	got := buf.String()
	if !strings.Contains(got, "four") {
		t.Fatalf("the last frame was not drawn: %q", got)
	}
	if strings.Count(got, "one") != 1 {
		t.Fatalf("an unchanged line was redrawn: %q", got)
	}
	scr.Invalidate()
	scr.Submit("one\nfour")
	scr.drawPending()
	if !strings.Contains(buf.String()[len(got):], escClear) {
		t.Fatal("a frame after invalidate was not drawn whole")
	}
}

// TestWriteRawBetweenFrames: raw bytes (a bell) are written as they are,
// before the next frame and never inside one, even with no frame waiting.
func TestWriteRawBetweenFrames(t *testing.T) {
	t.Parallel()
	buf := &syncBuffer{writes: make(chan struct{}, 1)}
	scr := NewScreen(buf)
	scr.Submit("one\ntwo")
	scr.WriteRaw([]byte("\a"))
	scr.drawPending()
	got := buf.String()
	if !strings.HasPrefix(got, "\a"+escSyncBegin) {
		t.Fatalf("the bell did not come before the frame: %q", got)
	}
	scr.WriteRaw([]byte("\x1b]9;hi\a"))
	scr.drawPending()
	if rest := buf.String()[len(got):]; rest != "\x1b]9;hi\a" {
		t.Fatalf("raw bytes with no frame waiting: %q", rest)
	}
	scr.WriteRaw(make([]byte, maxRaw+1))
	scr.drawPending()
	if n := len(buf.String()) - len(got) - len("\x1b]9;hi\a"); n != 0 {
		t.Fatalf("%d raw bytes beyond the bound were written", n)
	}
}
