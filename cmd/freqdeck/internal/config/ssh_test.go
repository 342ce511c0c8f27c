package config

import (
	"strings"
	"testing"
)

// TestBotSSH: ssh on a [[bot]] decodes and is checked at validation
// (syntax only); a bad destination names the bot and the key.
func TestBotSSH(t *testing.T) {
	t.Parallel()
	cfg, err := Decode([]byte("[[bot]]\nname = \"a\"\nurl = \"http://127.0.0.1:8080\"\nssh = \"deploy@vps.example.com:2222\"\n"), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Bots[0].SSH != "deploy@vps.example.com:2222" {
		t.Fatalf("ssh decoded as %q", cfg.Bots[0].SSH)
	}
	if err := cfg.Validate(Checks{}); err != nil {
		t.Fatalf("a good destination is refused: %v", err)
	}
	for _, bad := range []string{"vps:99999", "@vps", "my vps", "vps:port"} {
		b := validBot("a")
		b.SSH = bad
		c := Default()
		c.Bots = []Bot{b}
		err := c.Validate(Checks{})
		if err == nil || !strings.Contains(err.Error(), `bot "a": ssh: ssh destination "`+bad+`"`) {
			t.Errorf("ssh = %q: %v", bad, err)
		}
	}
}

// TestApplyFlagsSSH: --ssh rides on a one-off bot (--url or --ft-config),
// which is then named after the SSH destination; alone or with --bot it is
// refused.
func TestApplyFlagsSSH(t *testing.T) {
	t.Parallel()
	base := Default()
	base.Bots = []Bot{validBot("a")}
	cfg, err := ApplyFlags(base, Flags{URL: "http://127.0.0.1:8080", SSH: "vps"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Bots) != 1 || cfg.Bots[0].SSH != "vps" || cfg.Bots[0].Name != "vps" || cfg.Bots[0].URL != "http://127.0.0.1:8080" {
		t.Fatalf("bots %+v", cfg.Bots)
	}
	ft := Bot{Name: "trend", URL: "http://127.0.0.1:8081", Username: "ft"}
	cfg, err = ApplyFlags(base, Flags{FTConfig: &ft, SSH: "root@10.0.0.5"})
	if err != nil {
		t.Fatal(err)
	}
	if b := cfg.Bots[0]; b.SSH != "root@10.0.0.5" || b.Name != "trend" || b.URL != "http://127.0.0.1:8081" {
		t.Fatalf("--ft-config --ssh: %+v", b)
	}
	for _, f := range []Flags{{SSH: "vps"}, {SSH: "vps", Bot: "a"}} {
		if _, err := ApplyFlags(base, f); err == nil || !strings.Contains(err.Error(), "--ssh needs --url") {
			t.Errorf("%+v: %v", f, err)
		}
	}
}

// TestApplyFlagsBotList: --bot a,b,c keeps those bots in that order; an
// unknown, repeated or empty name is an error naming it.
func TestApplyFlagsBotList(t *testing.T) {
	t.Parallel()
	base := Default()
	base.Bots = []Bot{validBot("a"), validBot("b"), validBot("c")}
	cfg, err := ApplyFlags(base, Flags{Bot: "c, a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Bots) != 2 || cfg.Bots[0].Name != "c" || cfg.Bots[1].Name != "a" {
		t.Fatalf("bots %+v", cfg.Bots)
	}
	for list, want := range map[string]string{
		"a,z":  `no bot named "z" (configured: a, b, c)`,
		"a,a":  `--bot "a,a": bot "a" is named twice`,
		"a,,b": `--bot "a,,b": an empty name`,
	} {
		if _, err := ApplyFlags(base, Flags{Bot: list}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--bot %s: %v, want %q", list, err, want)
		}
	}
}
