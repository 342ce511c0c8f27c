package termrt

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

// probe is a model that shows the sizes and keys it received, one frame at
// the terminal's size; q quits.
type probe struct {
	w, h  int
	keys  string
	sizes int
}

func (p probe) Init() tea.Cmd { return nil }

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
		p.sizes++
	case tea.KeyMsg:
		if msg.String() == "q" {
			return p, tea.Quit
		}
		p.keys += msg.String()
	}
	return p, nil
}

func (p probe) View() string {
	if p.h == 0 {
		return ""
	}
	lines := make([]string, p.h)
	lines[0] = fmt.Sprintf("size %dx%d keys [%s]", p.w, p.h, p.keys)
	return strings.Join(lines, "\n")
}

// pipeTerm is one end of a runtime under test: keys go in through a pipe,
// frames come out into a buffer a test can wait on.
type pipeTerm struct {
	keys  *io.PipeWriter
	out   *syncBuffer
	sizes chan Size
	done  chan result
}

type result struct {
	model tea.Model
	err   error
}

// startTerm runs a probe on a fresh pipe pair.
func startTerm(ctx context.Context) *pipeTerm {
	inR, inW := io.Pipe()
	t := &pipeTerm{keys: inW, out: &syncBuffer{writes: make(chan struct{}, 1)}, sizes: make(chan Size, 1), done: make(chan result, 1)}
	go func() {
		m, err := Run(ctx, probe{}, Options{In: inR, Out: t.out, Sizes: t.sizes})
		t.done <- result{m, err}
	}()
	return t
}

// screen is the text the terminal shows (a 100×10 emulator).
func (t *pipeTerm) screen() string { return vtest.Text(t.out.String(), 100, 10) }

// waitOut waits until the screen shows text.
func (t *pipeTerm) waitOut(tb testing.TB, text string) {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for !strings.Contains(t.screen(), text) {
		select {
		case <-t.out.writes:
		case <-deadline:
			tb.Fatalf("no %q on the screen: %q", text, t.out.String())
		}
	}
}

// end waits for the runtime to return.
func (t *pipeTerm) end(tb testing.TB) result {
	tb.Helper()
	select {
	case r := <-t.done:
		return r
	case <-time.After(10 * time.Second):
		tb.Fatal("the runtime did not end")
		return result{}
	}
}

// TestRunDrawsSizesAndKeys: the runtime draws the model's frames at the
// sizes of the channel, redraws whole after a resize, hands keys to the
// model, leaves the terminal as it found it and returns the final model.
func TestRunDrawsSizesAndKeys(t *testing.T) {
	t.Parallel()
	tm := startTerm(t.Context())
	tm.sizes <- Size{Width: 40, Height: 3}
	tm.waitOut(t, "size 40x3 keys []")
	if out := tm.out.String(); !strings.HasPrefix(out, escAltScreenOn+escCursorHide+escPasteOn) {
		t.Fatalf("the terminal was not set up: %q", out)
	}
	if _, err := io.WriteString(tm.keys, "ab"); err != nil {
		t.Fatal(err)
	}
	tm.waitOut(t, "keys [ab]")
	before := len(tm.out.String())
	tm.sizes <- Size{Width: 50, Height: 4}
	tm.waitOut(t, "size 50x4")
	if !strings.Contains(tm.out.String()[before:], escClear) {
		t.Fatal("the frame after a resize was not drawn whole")
	}
	if _, err := io.WriteString(tm.keys, "q"); err != nil {
		t.Fatal(err)
	}
	r := tm.end(t)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if p, ok := r.model.(probe); !ok || p.sizes != 2 || p.keys != "ab" {
		t.Fatalf("final model = %#v", r.model)
	}
	if !strings.HasSuffix(tm.out.String(), escPasteOff+escCursorShow+escAltScreenOff) {
		t.Fatalf("the terminal was not restored: %q", tm.out.String())
	}
}

// TestSeveralRuntimesAtOnce: runtimes in one process (SSH sessions) keep
// their own keys, sizes and screens; ending one's context ends it cleanly
// and leaves the other running.
func TestSeveralRuntimesAtOnce(t *testing.T) {
	t.Parallel()
	ctxA, cancelA := context.WithCancel(t.Context())
	defer cancelA()
	a, b := startTerm(ctxA), startTerm(t.Context())
	a.sizes <- Size{Width: 30, Height: 2}
	b.sizes <- Size{Width: 60, Height: 5}
	a.waitOut(t, "size 30x2")
	b.waitOut(t, "size 60x5")
	_, _ = io.WriteString(a.keys, "x")
	_, _ = io.WriteString(b.keys, "y")
	a.waitOut(t, "keys [x]")
	b.waitOut(t, "keys [y]")
	cancelA()
	if r := a.end(t); r.err != nil {
		t.Fatalf("a runtime ended by its context: %v", r.err)
	}
	_, _ = io.WriteString(b.keys, "z")
	b.waitOut(t, "keys [yz]")
	if strings.Contains(a.screen(), "keys [xy") || strings.Contains(b.screen(), "keys [x") {
		t.Fatal("keys crossed between runtimes")
	}
	_, _ = io.WriteString(b.keys, "q")
	if r := b.end(t); r.err != nil {
		t.Fatal(r.err)
	}
}

// TestLocalOnPipes: a Local whose ends are not terminals makes nothing raw
// and reports the fallback size, once.
func TestLocalOnPipes(t *testing.T) {
	t.Parallel()
	l := NewLocal(bytes.NewReader(nil), &bytes.Buffer{})
	if err := l.MakeRaw(); err != nil {
		t.Fatal(err)
	}
	if _, ok := l.Size(); ok {
		t.Fatal("a buffer reported a size")
	}
	sizes := l.Sizes(t.Context(), Size{Width: 100, Height: 30})
	if s := <-sizes; s != (Size{Width: 100, Height: 30}) {
		t.Fatalf("size = %+v", s)
	}
	if err := l.Restore(); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe for the screen goroutine and the test;
// writes signals every write.
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

// bellProbe rings the bell (Raw) on "b" and records whether a RawMsg ever
// reached it.
type bellProbe struct {
	probe
	sawRaw bool
}

func (p bellProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(RawMsg); ok {
		p.sawRaw = true
	}
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "b" {
		return p, Raw([]byte("\a"))
	}
	m, cmd := p.probe.Update(msg)
	p.probe = m.(probe)
	return p, cmd
}

// TestRawReachesTheTerminal: a model's Raw command writes its bytes to the
// terminal; the model never sees the RawMsg.
func TestRawReachesTheTerminal(t *testing.T) {
	t.Parallel()
	inR, inW := io.Pipe()
	out := &syncBuffer{writes: make(chan struct{}, 1)}
	sizes := make(chan Size, 1)
	sizes <- Size{Width: 30, Height: 2}
	done := make(chan tea.Model, 1)
	go func() {
		m, _ := Run(t.Context(), bellProbe{}, Options{In: inR, Out: out, Sizes: sizes})
		done <- m
	}()
	_, _ = io.WriteString(inW, "b")
	deadline := time.After(10 * time.Second)
	for !strings.Contains(out.String(), "\a") {
		select {
		case <-out.writes:
		case <-deadline:
			t.Fatalf("no bell: %q", out.String())
		}
	}
	_, _ = io.WriteString(inW, "q")
	if m := (<-done).(bellProbe); m.sawRaw {
		t.Fatal("the model saw the RawMsg")
	}
}
