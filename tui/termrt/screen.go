package termrt

import (
	"context"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Escape sequences the screen writes.
const (
	escSyncBegin  = "\x1b[?2026h" // synchronized output: no tearing where supported
	escSyncEnd    = "\x1b[?2026l"
	escClear      = "\x1b[2J"
	escEraseLine  = "\x1b[2K"
	escEraseRight = "\x1b[K"
	escResetStyle = "\x1b[m"
)

// minFrameInterval caps the screen at about 60 frames a second.
const minFrameInterval = 16 * time.Millisecond

// Screen draws frames on a terminal. Unlike Bubble Tea's standard renderer,
// which wakes 60 times a second to look for a new frame, it is driven by the
// frames themselves: a frame is drawn as soon as it is submitted (at most
// one per minFrameInterval; a newer frame replaces one still waiting), only
// its changed lines are written, and an idle screen costs nothing. Frames
// are whole screens: exactly the terminal's height in lines, none wider
// than its width.
type Screen struct {
	out  io.Writer
	wake chan struct{}

	mu      sync.Mutex
	pending string
	has     bool
	last    []string // the lines on the terminal; nil means unknown
	raw     []byte   // bytes to write as they are before the next frame
}

// NewScreen returns a screen that draws on out once Run runs.
func NewScreen(out io.Writer) *Screen {
	return &Screen{out: out, wake: make(chan struct{}, 1)}
}

// Submit hands a frame to the screen; it never blocks.
func (s *Screen) Submit(frame string) {
	s.mu.Lock()
	s.pending, s.has = frame, true
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// maxRaw bounds the raw bytes waiting for the screen; beyond it the newest
// are dropped (a bell storm cannot grow memory).
const maxRaw = 64 << 10

// WriteRaw queues b to be written to the terminal as it is, between two
// frames, never inside one: a bell or a desktop notification. It never
// blocks.
func (s *Screen) WriteRaw(b []byte) {
	if len(b) == 0 {
		return
	}
	s.mu.Lock()
	if len(s.raw)+len(b) <= maxRaw {
		s.raw = append(s.raw, b...)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Invalidate forgets what is on the terminal (after a resize), so the next
// frame clears it and is drawn whole.
func (s *Screen) Invalidate() {
	s.mu.Lock()
	s.last = nil
	s.mu.Unlock()
}

// Run draws submitted frames until ctx ends; then it draws the last one.
func (s *Screen) Run(ctx context.Context) {
	timer := time.NewTimer(0)
	<-timer.C
	for {
		select {
		case <-s.wake:
		case <-ctx.Done():
			s.drawPending()
			return
		}
		s.drawPending()
		timer.Reset(minFrameInterval)
		select {
		case <-timer.C:
		case <-ctx.Done():
			s.drawPending()
			return
		}
	}
}

// drawPending writes the waiting raw bytes, then draws the waiting frame,
// if any.
func (s *Screen) drawPending() {
	s.mu.Lock()
	frame, ok := s.pending, s.has
	s.has = false
	last := s.last
	raw := s.raw
	s.raw = nil
	s.mu.Unlock()
	if len(raw) > 0 {
		_, _ = s.out.Write(raw)
	}
	if !ok {
		return
	}
	out, lines := render(last, frame)
	s.mu.Lock()
	if s.last == nil && last != nil {
		// Invalidated while drawing: the next frame redraws everything.
		lines = nil
	}
	s.last = lines
	s.mu.Unlock()
	if out != "" {
		_, _ = io.WriteString(s.out, out)
	}
}

// render returns what turns the terminal showing last (nil: unknown) into
// frame: the changed lines only, each from its first changed cell. When a
// block of lines moved up (a log that scrolls), the terminal scrolls it
// first (scrollUp), so only what is new is written.
func render(last []string, frame string) (string, []string) {
	lines := strings.Split(frame, "\n")
	var b strings.Builder
	shown := last
	if last == nil {
		b.WriteString(escClear)
	} else {
		shown = scrollUp(&b, last, lines)
	}
	for i, l := range lines {
		if shown != nil && i < len(shown) && shown[i] == l {
			continue
		}
		old := ""
		if i < len(shown) {
			old = shown[i]
		}
		col, tail := changedTail(old, l)
		moveToCol(&b, i, col)
		if col == 0 {
			b.WriteString(escEraseLine)
		} else {
			b.WriteString(escEraseRight)
		}
		b.WriteString(tail)
		b.WriteString(escResetStyle)
	}
	for i := len(lines); i < len(shown); i++ {
		moveTo(&b, i)
		b.WriteString(escEraseLine)
	}
	if b.Len() == 0 {
		return "", lines
	}
	return escSyncBegin + b.String() + escSyncEnd, lines
}

// moveTo moves the cursor to the start of row (0-based).
func moveTo(b *strings.Builder, row int) { moveToCol(b, row, 0) }

// moveToCol moves the cursor to cell col of row (both 0-based).
func moveToCol(b *strings.Builder, row, col int) {
	b.WriteString("\x1b[")
	b.WriteString(strconv.Itoa(row + 1))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(col + 1))
	b.WriteByte('H')
}
