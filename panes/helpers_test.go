package panes

import (
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/themes"
)

func testStyles(tb testing.TB, theme string, profile termenv.Profile) Styles {
	tb.Helper()
	th, err := themes.Load(theme)
	if err != nil {
		tb.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	return NewStylesFor(r, th)
}

func TestFrameSize(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "dark", termenv.TrueColor)
	bodies := []string{
		"",
		"short",
		strings.Repeat("wide line with ünïcødé and 表 wide runes ", 10),
		strings.Repeat("line\n", 100),
		st.Profit.Render(strings.Repeat("coloured ", 40)) + "\n" + st.Loss.Render("x"),
	}
	for _, body := range bodies {
		for _, w := range []int{0, 1, 2, 3, 5, 10, 30, 80, 200} {
			for _, h := range []int{0, 1, 2, 3, 8, 24, 60} {
				for _, focused := range []bool{false, true} {
					v := Frame(st, "A long pane title (12)", focused, w, h, body)
					if h == 0 {
						if v != "" {
							t.Fatalf("%dx%d: want empty, got %q", w, h, v)
						}
						continue
					}
					lines := strings.Split(v, "\n")
					if len(lines) != h {
						t.Fatalf("%dx%d: %d lines", w, h, len(lines))
					}
					for i, l := range lines {
						if lw := ansi.StringWidth(l); lw > w || (w >= 2 && h >= 2 && lw != w) {
							t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, lw, l)
						}
					}
				}
			}
		}
	}
}

func TestFrameDrawsTitleAndBody(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "dark", termenv.Ascii)
	got := Frame(st, "Logs", false, 16, 4, "hello\nthis line is far too long")
	want := strings.Join([]string{
		"╭─ Logs ───────╮",
		"│hello         │",
		"│this line is …│",
		"╰──────────────╯",
	}, "\n")
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// A title with no room is left out, not wrapped.
	if top := strings.Split(Frame(st, "Logs", false, 5, 3, ""), "\n")[0]; top != "╭───╮" {
		t.Fatalf("tiny top edge %q", top)
	}
}

func TestFitTruncatePad(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		w    int
		fit  string
		left string
	}{
		{"abc", 5, "abc  ", "  abc"},
		{"abcdef", 4, "abc…", "abc…"},
		{"abc", 3, "abc", "abc"},
		{"表表表", 4, "表… ", " 表…"},
		{"x", 0, "", ""},
	}
	for _, tc := range cases {
		if got := Fit(tc.in, tc.w); got != tc.fit {
			t.Errorf("Fit(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.fit)
		}
		if got := PadLeft(tc.in, tc.w); got != tc.left {
			t.Errorf("PadLeft(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.left)
		}
	}
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"plain":                "plain",
		"a\tb":                 "a    b",
		"red \x1b[31mX\x1b[0m": "red [31mX[0m",
		"bell\a":               "bell",
		"c1 \u009bx":           "c1 x",
		"ünïcødé":              "ünïcødé",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	t.Parallel()
	cases := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0.0s"},
		{0, "0.0s"},
		{3250 * time.Millisecond, "3.2s"},
		{9999 * time.Millisecond, "9.9s"},
		{42 * time.Second, "42s"},
		{12*time.Minute + 59*time.Second, "12m"},
		{2*time.Hour + 5*time.Minute, "2h 5m"},
		{26 * time.Hour, "1d 2h"},
		{400 * 24 * time.Hour, "400d 0h"},
	}
	for _, tc := range cases {
		if got := FormatDuration(tc.d); got != tc.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestTimeOf: the millisecond timestamp wins; without it the date string
// counts; with neither the time is unknown.
func TestTimeOf(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)
	if got := TimeOf(at.UnixMilli(), "2000-01-01 00:00:00"); !got.Equal(at) {
		t.Errorf("timestamp: got %v", got)
	}
	if got := TimeOf(0, "2024-05-01 12:30:00"); !got.Equal(at) {
		t.Errorf("date: got %v", got)
	}
	if got := TimeOf(0, "not a date"); !got.IsZero() {
		t.Errorf("neither: got %v", got)
	}
}

func TestFormatNumbers(t *testing.T) {
	t.Parallel()
	inf := math.Inf(1)
	pf := 1.5
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"price big", FormatPrice(64000.5), "64000.50"},
		{"price mid", FormatPrice(123.456789), "123.457"},
		{"price one", FormatPrice(1.23456789), "1.23457"},
		{"price small", FormatPrice(0.5), "0.500000"},
		{"price tiny", FormatPrice(0.00001234), "0.0000123400"},
		{"price zero", FormatPrice(0), "0.00"},
		{"price nan", FormatPrice(math.NaN()), "-"},
		{"money", FormatMoney(1234.567), "1234.57"},
		{"money small", FormatMoney(0.00123456), "0.0012"},
		{"money tenth", FormatMoney(0.5), "0.50"},
		{"amount", FormatAmount(0.0123), "0.0123"},
		{"amount whole", FormatAmount(250), "250"},
		{"amount half", FormatAmount(1.5), "1.5"},
		{"money zero", FormatMoney(0), "0.00"},
		{"signed +", FormatSignedMoney(12.3), "+12.30"},
		{"signed -", FormatSignedMoney(-0.5), "-0.50"},
		{"signed small", FormatSignedMoney(0.0123), "+0.012"},
		{"signed 0", FormatSignedMoney(0), "0.00"},
		{"pct +", FormatPercent(0.0123), "+1.23%"},
		{"pct -", FormatPercent(-0.005), "-0.50%"},
		{"pct rounds to 0", FormatPercent(-0.000001), "0.00%"},
		{"pct 0", FormatPercent(0), "0.00%"},
		{"pct inf", FormatPercent(inf), "-"},
		{"factor nil", FormatFactor(nil), "∞"},
		{"factor inf", FormatFactor(&inf), "∞"},
		{"factor", FormatFactor(&pf), "1.50"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestStylePickers(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "dark", termenv.TrueColor)
	same := func(a, b lipgloss.Style) bool { return a.Render("x") == b.Render("x") }
	if !same(st.PnL(1), st.Profit) || !same(st.PnL(-1), st.Loss) || !same(st.PnL(0), st.Neutral) {
		t.Error("PnL picks the wrong style")
	}
	if !same(st.LevelStyle("ERROR"), st.Level.Error) || !same(st.LevelStyle("DEBUG"), st.Level.Debug) {
		t.Error("LevelStyle picks the wrong style")
	}
	if !same(st.StateStyle("paused"), st.State.Paused) || !same(st.StateStyle("reload_config"), st.Warning) {
		t.Error("StateStyle picks the wrong style")
	}
}

func TestMonoStylesDoNotRelyOnColour(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "mono", termenv.TrueColor)
	if !st.Mono {
		t.Fatal("mono theme gave colour styles")
	}
	sel := st.Table.Selected.Render("x")
	if sel == "x" || !strings.Contains(sel, "7") {
		t.Errorf("mono selection %q is not reverse video", sel)
	}
	if strings.Contains(st.Profit.Render("x"), "38;") {
		t.Error("mono profit carries a colour")
	}
}

// TestMonoFocusWithoutColour: under NO_COLOR (the mono theme drawn on a
// terminal that shows attributes), the focused frame is bold and the
// selected row reversed, so Tab and j show.
func TestMonoFocusWithoutColour(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "mono", themes.NoColorProfile(termenv.TrueColor))
	focused := Frame(st, "Trades", true, 20, 3, "x")
	blurred := Frame(st, "Trades", false, 20, 3, "x")
	if focused == blurred || !strings.Contains(focused, "\x1b[1m") {
		t.Fatalf("focus does not show without colour:\n%q\n%q", focused, blurred)
	}
	if sel := NewPaint(st.Table.Selected).Wrap("row"); !strings.Contains(sel, "7") || sel == "row" {
		t.Fatalf("selection %q is not reverse video", sel)
	}
	colour := regexp.MustCompile(`\x1b\[(?:\d+;)*(?:3|4|9|10)\d[;m]`)
	for _, s := range []string{focused, blurred} {
		if colour.MatchString(s) {
			t.Fatalf("a colour under NO_COLOR: %q", s)
		}
	}
}

func TestCursor(t *testing.T) {
	t.Parallel()
	var c Cursor
	c.Move(5, 10, 3)
	if c.Index != 5 || c.Offset != 3 {
		t.Fatalf("down: %+v", c)
	}
	c.Move(-4, 10, 3)
	if c.Index != 1 || c.Offset != 1 {
		t.Fatalf("up: %+v", c)
	}
	c.Move(100, 10, 3)
	if c.Index != 9 || c.Offset != 7 {
		t.Fatalf("bottom: %+v", c)
	}
	c.Clamp(4, 3) // rows went away
	if c.Index != 3 || c.Offset != 1 {
		t.Fatalf("shrink: %+v", c)
	}
	if from, to := c.Window(4, 3); from != 1 || to != 4 {
		t.Fatalf("window %d..%d", from, to)
	}
	c.Clamp(0, 3)
	if c != (Cursor{}) {
		t.Fatalf("empty: %+v", c)
	}
}

func TestLayoutDropsByPriority(t *testing.T) {
	t.Parallel()
	cols := []Column{
		{Title: "ID", Right: true},
		{Title: "Pair", Width: 8},
		{Title: "Tag", Drop: 9, Width: 10},
		{Title: "Rate", Right: true, Drop: 5, Width: 8},
		{Title: "Profit", Right: true},
	}
	rows := [][]string{{"1", "BTC/USDT", "a_long_tag", "64000.00", "+1.00%"}}
	full := NewLayout(cols, rows, 200)
	if full.Width() != 1+3+9+11+9+7 {
		t.Fatalf("full width %d", full.Width())
	}
	l := NewLayout(cols, rows, 30)
	if l.Kept(2) || !l.Kept(3) {
		t.Fatalf("at 30 the tag goes first: %v", l.Widths)
	}
	l = NewLayout(cols, rows, 10)
	if l.Kept(2) || l.Kept(3) || !l.Kept(0) || !l.Kept(1) || !l.Kept(4) {
		t.Fatalf("at 10 only the essentials stay: %v", l.Widths)
	}
	st := testStyles(t, "dark", termenv.Ascii)
	sel := NewPaint(st.Table.Selected)
	if got := l.Row(rows[0], 22, false, sel, nil); got != "   1 BTC/USDT +1.00%  " {
		t.Fatalf("row %q", got)
	}
	if got := l.Row(rows[0], 22, true, sel, nil); got != "▸  1 BTC/USDT +1.00%  " {
		t.Fatalf("selected row %q", got)
	}
	if got := l.Row(rows[0], 10, false, sel, nil); got != "   1 BTC/…" {
		t.Fatalf("overflowing row %q", got)
	}
	if got := l.Header(st.Table.Header, 20); got != "  ID Pair     Profit" {
		t.Fatalf("header %q", got)
	}
}

// TestLayoutKeepsByPlannedWidth: which columns fit depends on the planned
// widths and the width alone, not on the rows; a row wider than planned is
// cut at the edge.
func TestLayoutKeepsByPlannedWidth(t *testing.T) {
	t.Parallel()
	cols := []Column{
		{Title: "ID", Right: true},
		{Title: "Pair", Max: 18, Width: 8},
		{Title: "Rate", Right: true, Drop: 5, Width: 8},
		{Title: "Profit", Right: true},
	}
	usual := [][]string{{"1", "BTC/USDT", "64000.00", "+1.00%"}}
	wide := [][]string{{"1", "1000SHIB/USDT:USDT", "164000.00", "-12.34%"}}
	for width := 10; width <= 40; width++ {
		a, b := NewLayout(cols, usual, width), NewLayout(cols, wide, width)
		if a.Kept(2) != b.Kept(2) {
			t.Fatalf("at %d the rate is kept %v with usual values, %v with wide ones", width, a.Kept(2), b.Kept(2))
		}
	}
	l := NewLayout(cols, wide, 32)
	if !l.Kept(2) || l.Widths[1] != 18 || l.Width() <= 32 {
		t.Fatalf("at 32 the rate stays and the wide row overflows: %v", l.Widths)
	}
}

func TestPaintMatchesRender(t *testing.T) {
	t.Parallel()
	for _, theme := range themes.Names() {
		st := testStyles(t, theme, termenv.TrueColor)
		for _, style := range []lipgloss.Style{
			st.Profit, st.Loss, st.Muted, st.Table.Selected, st.Level.Critical, st.Pane.TitleFocused,
		} {
			for _, text := range []string{"x", "+1.23%", "BTC/USDT 表"} {
				if got, want := NewPaint(style).Wrap(text), style.Render(text); got != want {
					t.Errorf("%s: Wrap(%q) = %q, Render = %q", theme, text, got, want)
				}
			}
		}
	}
	if NewPaint(lipgloss.NewStyle()).Wrap("") != "" {
		t.Error("empty text should stay empty")
	}
	padded := lipgloss.NewStyle().Padding(0, 1)
	if got := NewPaint(padded).Wrap("ab"); got != padded.Render("ab") {
		t.Errorf("a style Paint cannot reduce must fall back to Render: %q", got)
	}
}

func TestFrameWithHandBuiltStyles(t *testing.T) {
	t.Parallel()
	var st Styles // no NewStyles: Frame derives what it needs
	if got := Frame(st, "T", true, 8, 3, "hi"); got != "╭─ T ──╮\n│hi    │\n╰──────╯" {
		t.Fatalf("got %q", got)
	}
}

// TestWithFocusedFrame: a dialog's frame is drawn in the dialog colours, not
// in the focused pane's colours that NewStyles reduced to Paints.
func TestWithFocusedFrame(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "dark", termenv.TrueColor)
	dialog := st.WithFocusedFrame(st.Dialog.Border, st.Dialog.Title)
	got := Frame(dialog, "T", true, 10, 3, "x")
	want := Frame(Styles{Pane: PaneStyles{BorderFocused: st.Dialog.Border, TitleFocused: st.Dialog.Title}}, "T", true, 10, 3, "x")
	if got != want {
		t.Fatalf("dialog frame\n%q\nwant\n%q", got, want)
	}
	if got == Frame(st, "T", true, 10, 3, "x") {
		t.Fatal("the dialog frame has the focused pane's colours")
	}
	if Frame(dialog, "T", false, 10, 3, "x") != Frame(st, "T", false, 10, 3, "x") {
		t.Fatal("the unfocused frame changed")
	}
}

func TestWidth(t *testing.T) {
	t.Parallel()
	st := testStyles(t, "dark", termenv.TrueColor)
	for _, s := range []string{"", "plain ascii", "表x", "…", st.Profit.Render("+1.00%"), "a\x1b[1mb"} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzFrame(f *testing.F) {
	f.Add("Open trades (3)", "a\nb\tc\n\x1b[31mred\x1b[0m", 40, 8)
	f.Add("", "表表表表表表表表\n…", 3, 2)
	f.Add("t", "", 0, 0)
	f.Add("x\ny", "\x00\x01\u009b", 200, 60)
	st := testStyles(f, "dark", termenv.TrueColor)
	f.Fuzz(func(t *testing.T, title, body string, w, h int) {
		if w < 0 || h < 0 || w > 300 || h > 100 {
			return
		}
		v := Frame(st, title, true, w, h, Sanitize(body))
		if h == 0 {
			if v != "" {
				t.Fatalf("h=0 gave %q", v)
			}
			return
		}
		lines := strings.Split(v, "\n")
		if len(lines) != h {
			t.Fatalf("%dx%d: %d lines", w, h, len(lines))
		}
		for i, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, lw, l)
			}
		}
	})
}
