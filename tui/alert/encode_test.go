package alert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// exitAlert is a stoploss exit on bot vps1.
func exitAlert(ch Channels) Alert {
	return Alert{Bot: "vps1", Kind: StoplossExit, Title: "exit filled: ETH/USDT #7 -5.10% (stop_loss)", Body: "-5.1 USDT at 2850", Count: 1, Channels: ch}
}

// TestEncodeBytes checks every sequence byte for byte.
func TestEncodeBytes(t *testing.T) {
	t.Parallel()
	const (
		text9  = "freqdeck: vps1: exit filled: ETH/USDT #7 -5.10% (stop_loss): -5.1 USDT at 2850"
		osc9   = "\x1b]9;" + text9 + "\a"
		osc777 = "\x1b]777;notify;freqdeck: vps1;exit filled: ETH/USDT #7 -5.10% (stop_loss): -5.1 USDT at 2850\a"
	)
	for name, tc := range map[string]struct {
		ch   Channels
		term TermCaps
		want string
	}{
		"list only writes nothing":      {List, TermCaps{Notify: NotifyOSC9}, ""},
		"bell":                          {List | Bell, TermCaps{Notify: NotifyOSC777}, "\a"},
		"bell in tmux is not wrapped":   {Bell, TermCaps{Notify: NotifyOSC777, Tmux: true}, "\a"},
		"desktop, OSC 9":                {Desktop, TermCaps{Notify: NotifyOSC9}, osc9},
		"desktop, OSC 777":              {Desktop, TermCaps{Notify: NotifyOSC777}, osc777},
		"desktop, no protocol":          {Desktop, TermCaps{}, ""},
		"desktop, no protocol, tmux":    {Bell | Desktop, TermCaps{Tmux: true}, "\a"},
		"bell then OSC 9":               {List | Bell | Desktop, TermCaps{Notify: NotifyOSC9}, "\a" + osc9},
		"OSC 9 through tmux":            {Desktop, TermCaps{Notify: NotifyOSC9, Tmux: true}, "\x1bPtmux;\x1b\x1b]9;" + text9 + "\a\x1b\\"},
		"bell and OSC 777 through tmux": {Bell | Desktop, TermCaps{Notify: NotifyOSC777, Tmux: true}, "\a\x1bPtmux;\x1b\x1b]777;notify;freqdeck: vps1;exit filled: ETH/USDT #7 -5.10% (stop_loss): -5.1 USDT at 2850\a\x1b\\"},
	} {
		if got := string(Encode(exitAlert(tc.ch), tc.term)); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, tc.want)
		}
	}
}

// TestEncodeSanitises: control characters in a bot's text (an ESC that
// would end the sequence and start another, BEL, newlines, the C1 ST and
// CSI, DEL, invalid UTF-8) never reach the terminal; ";" cannot add an OSC
// 777 field.
func TestEncodeSanitises(t *testing.T) {
	t.Parallel()
	a := Alert{
		Bot: "evil\x1b]0;pwned\a", Kind: Warning, Channels: Desktop,
		Title: "warning\r\n\x1b[2J\x9b31m", // a raw 0x9b is not UTF-8: U+FFFD
		Body:  "a;b\x07c\u009cd\u009b1m\x7fe\xffz\tend   ",
	}
	want777 := "\x1b]777;notify;freqdeck: evil ]0,pwned;warning [2J\uFFFD31m: a,b c d 1m e\uFFFDz end\a"
	if got := string(Encode(a, TermCaps{Notify: NotifyOSC777})); got != want777 {
		t.Errorf("OSC 777:\n got %q\nwant %q", got, want777)
	}
	want9 := "\x1b]9;freqdeck: evil ]0;pwned : warning [2J\uFFFD31m: a;b c d 1m e\uFFFDz end\a"
	if got := string(Encode(a, TermCaps{Notify: NotifyOSC9})); got != want9 {
		t.Errorf("OSC 9:\n got %q\nwant %q", got, want9)
	}
	if got, want := a.Line(), "evil ]0;pwned : warning [2J\uFFFD31m: a;b c d 1m e\uFFFDz end"; got != want {
		t.Errorf("Line:\n got %q\nwant %q", got, want)
	}
}

// TestEncodeBoundsLength: long text is cut, with an ellipsis, and stays
// valid UTF-8.
func TestEncodeBoundsLength(t *testing.T) {
	t.Parallel()
	a := Alert{Bot: "b", Kind: Exception, Channels: Desktop, Title: "exception", Body: strings.Repeat("é", 1000)}
	seq := string(Encode(a, TermCaps{Notify: NotifyOSC777}))
	body := strings.TrimSuffix(seq[strings.LastIndex(seq, ";")+1:], "\a")
	if n := utf8.RuneCountInString(body); n != maxBody || !strings.HasSuffix(body, "…") || !utf8.ValidString(seq) {
		t.Fatalf("body of %d characters: %q", n, body)
	}
}

// FuzzEncode: whatever a bot sends, the output is the framing around text
// with no control character, and one notification at most.
func FuzzEncode(f *testing.F) {
	f.Add("vps1", "exit filled", "ok", true)
	f.Add("\x1b\\", "\x1bPtmux;", "\a\x9c\u009c;;", false)
	f.Fuzz(func(t *testing.T, bot, title, body string, tmux bool) {
		for _, n := range []Notify{NotifyOSC9, NotifyOSC777} {
			a := Alert{Bot: bot, Title: title, Body: body, Channels: Bell | Desktop}
			got := string(Encode(a, TermCaps{Notify: n, Tmux: tmux}))
			if !strings.HasPrefix(got, "\a") {
				t.Fatalf("no bell first: %q", got)
			}
			seq := got[1:]
			if tmux {
				inner, ok := strings.CutPrefix(seq, "\x1bPtmux;")
				if !ok || !strings.HasSuffix(inner, "\x1b\\") {
					t.Fatalf("not a tmux passthrough: %q", seq)
				}
				seq = strings.ReplaceAll(strings.TrimSuffix(inner, "\x1b\\"), "\x1b\x1b", "\x1b")
			}
			prefix := map[Notify]string{NotifyOSC9: "\x1b]9;", NotifyOSC777: "\x1b]777;notify;"}[n]
			text, ok := strings.CutPrefix(seq, prefix)
			if !ok || !strings.HasSuffix(text, "\a") {
				t.Fatalf("not an OSC: %q", seq)
			}
			text = strings.TrimSuffix(text, "\a")
			for _, r := range text {
				if isControl(r) {
					t.Fatalf("control %U in the text of %q", r, got)
				}
			}
			if n == NotifyOSC777 && strings.Count(text, ";") != 1 {
				t.Fatalf("OSC 777 with %d separators: %q", strings.Count(text, ";"), text)
			}
			if !utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8: %q", text)
			}
		}
	})
}

// TestDetectTerm checks the rule that picks the notification protocol.
func TestDetectTerm(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env     map[string]string
		setting string
		want    TermCaps
	}{
		{map[string]string{"TERM_PROGRAM": "iTerm.app"}, "auto", TermCaps{Notify: NotifyOSC9}},
		{map[string]string{"LC_TERMINAL": "iTerm2", "TERM": "xterm-256color"}, "", TermCaps{Notify: NotifyOSC9}},
		{map[string]string{"TERM_PROGRAM": "tmux", "ITERM_SESSION_ID": "w0t0p0", "TMUX": "/tmp/tmux-1/default,1,0"}, "auto", TermCaps{Notify: NotifyOSC9, Tmux: true}},
		{map[string]string{"TERM_PROGRAM": "WezTerm"}, "auto", TermCaps{Notify: NotifyOSC777}},
		{map[string]string{"TERM": "xterm-ghostty"}, "auto", TermCaps{Notify: NotifyOSC777}},
		{map[string]string{"TERM_PROGRAM": "ghostty"}, "auto", TermCaps{Notify: NotifyOSC777}},
		{map[string]string{"TERM": "foot-extra"}, "auto", TermCaps{Notify: NotifyOSC777}},
		{map[string]string{"TERM": "rxvt-unicode-256color"}, "auto", TermCaps{Notify: NotifyOSC777}},
		{map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "7600"}, "auto", TermCaps{Notify: NotifyOSC777}},
		{map[string]string{"TERM": "xterm-kitty"}, "auto", TermCaps{}},
		{map[string]string{"TERM": "xterm-256color", "WT_SESSION": "x"}, "auto", TermCaps{}},
		{map[string]string{"TERM": "linux"}, "auto", TermCaps{}},
		{map[string]string{"TERM": "xterm-kitty"}, "osc9", TermCaps{Notify: NotifyOSC9}},
		{map[string]string{"TERM": "screen", "TMUX": "x"}, "osc777", TermCaps{Notify: NotifyOSC777, Tmux: true}},
		{map[string]string{"TERM_PROGRAM": "iTerm.app"}, "off", TermCaps{}},
	} {
		got, err := DetectTerm(func(k string) string { return tc.env[k] }, tc.setting)
		if err != nil || got != tc.want {
			t.Errorf("%v %q: %+v %v, want %+v", tc.env, tc.setting, got, err, tc.want)
		}
	}
	if _, err := DetectTerm(func(string) string { return "" }, "osc99"); err == nil || !strings.Contains(err.Error(), `"osc99": want auto, osc9, osc777 or off`) {
		t.Fatalf("bad setting: %v", err)
	}
}
