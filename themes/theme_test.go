package themes

import (
	"errors"
	"github.com/muesli/termenv"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestEveryBundledThemeSetsEveryRole(t *testing.T) {
	t.Parallel()
	names := Names()
	for _, want := range []string{"dark", "light", "high-contrast", "mono"} {
		if !slices.Contains(names, want) {
			t.Errorf("theme %q is not bundled (have %v)", want, names)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			th, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if th.Name != name {
				t.Errorf("Name = %q", th.Name)
			}
			for _, role := range RoleNames() {
				c, ok := th.Role(role)
				if !ok || c == nil {
					t.Errorf("role %q not set", role)
				}
			}
			if got := th.IsMono(); got != (name == Mono) {
				t.Errorf("IsMono = %v", got)
			}
		})
	}
}

func TestRoleNamesCoverTheBrief(t *testing.T) {
	t.Parallel()
	for _, want := range []string{
		"text", "text_muted", "border", "border_focused", "title", "profit", "loss",
		"neutral", "warning", "error", "info", "selected_fg", "selected_bg", "header",
		"status_bar_fg", "status_bar_bg", "key", "level_debug", "level_info",
		"level_warning", "level_error", "level_critical", "state_running",
		"state_paused", "state_stopped", "dry_run", "live", "dialog_border",
	} {
		if !slices.Contains(RoleNames(), want) {
			t.Errorf("missing role %q", want)
		}
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	th, err := Load("")
	if err != nil || th.Name != Default {
		t.Fatalf("Load(\"\") = %q, %v; want the default", th.Name, err)
	}
	if th.Profit != lipgloss.Color("#9ece6a") {
		t.Errorf("dark profit = %v, want the palette's green resolved", th.Profit)
	}
	_, err = Load("solarized-neon")
	if !errors.Is(err, ErrUnknownTheme) || !strings.Contains(err.Error(), "dark") {
		t.Errorf("unknown theme: %v", err)
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	th, err := Resolve("light", true)
	if err != nil || th.Name != Mono || !th.IsMono() {
		t.Fatalf("Resolve(light, noColor) = %q, %v", th.Name, err)
	}
	th, err = Resolve("light", false)
	if err != nil || th.Name != "light" {
		t.Fatalf("Resolve(light, false) = %q, %v", th.Name, err)
	}
}

func TestNoColor(t *testing.T) {
	t.Parallel()
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "NO_COLOR" {
				return v
			}
			return ""
		}
	}
	if NoColor(env("")) {
		t.Error("empty NO_COLOR means colour")
	}
	if !NoColor(env("1")) {
		t.Error("NO_COLOR=1 means no colour")
	}
}

// full returns a valid theme file with every role set to "fg", plus extra.
func full(extra string) string {
	var b strings.Builder
	b.WriteString("[palette]\nfg = \"#ffffff\"\n[roles]\n")
	for _, r := range RoleNames() {
		b.WriteString(r + " = \"fg\"\n")
	}
	return b.String() + extra
}

func TestParseStrict(t *testing.T) {
	t.Parallel()
	withoutLoss := strings.Replace(full(""), "loss = \"fg\"\n", "", 1)
	cases := map[string]struct {
		src  string
		want string // substring of the error; "" means no error
	}{
		"valid":            {full(""), ""},
		"literal colours":  {strings.Replace(full(""), "profit = \"fg\"", "profit = \"#0f0\"", 1), ""},
		"ansi number":      {strings.Replace(full(""), "profit = \"fg\"", "profit = \"42\"", 1), ""},
		"unknown top key":  {"colour = \"red\"\n" + full(""), `unknown key "colour"`},
		"unknown role":     {strings.Replace(full(""), "[roles]\n", "[roles]\nsparkle = \"fg\"\n", 1), `"roles.sparkle"`},
		"unknown table":    {full("[extras]\nx = \"y\"\n"), `unknown key "extras`},
		"missing role":     {withoutLoss, `missing role "roles.loss"`},
		"unknown palette":  {strings.Replace(full(""), "profit = \"fg\"", "profit = \"green\"", 1), `roles.profit: "green"`},
		"bad palette":      {strings.Replace(full(""), "#ffffff", "#ggg", 1), "palette.fg"},
		"bad number":       {strings.Replace(full(""), "#ffffff", "256", 1), "palette.fg"},
		"syntax error":     {"[palette\n", "theme \"t\""},
		"signed hex":       {strings.Replace(full(""), "#ffffff", "#+1", 1), "palette.fg"},
		"wrong value type": {strings.Replace(full(""), "\"#ffffff\"", "12", 1), "theme \"t\""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("t", []byte(tc.src))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadReturnsFreshValues(t *testing.T) {
	t.Parallel()
	a, _ := Load("dark")
	a.Profit = lipgloss.Color("#000000")
	b, _ := Load("dark")
	if b.Profit == a.Profit {
		t.Fatal("changing a loaded theme changed the bundled default")
	}
}

// TestNoColorProfile: NO_COLOR keeps attributes on a terminal that draws
// them, and nothing on one that does not.
func TestNoColorProfile(t *testing.T) {
	t.Parallel()
	for in, want := range map[termenv.Profile]termenv.Profile{
		termenv.TrueColor: termenv.ANSI, termenv.ANSI256: termenv.ANSI, termenv.ANSI: termenv.ANSI, termenv.Ascii: termenv.Ascii,
	} {
		if got := NoColorProfile(in); got != want {
			t.Errorf("NoColorProfile(%v) = %v, want %v", in, got, want)
		}
	}
}
