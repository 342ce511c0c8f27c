package config

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []string // substrings of the error, in order
	}{
		{
			name: "unknown top-level key names key and line",
			doc:  "theme = \"default\"\n\nthme = \"x\"\n",
			want: []string{"cfg.toml:3: unknown key \"thme\"", `did you mean "theme"?`},
		},
		{
			name: "unknown key in the second bot",
			doc: "[[bot]]\nname = \"a\"\nurl = \"http://a:8080\"\n\n[[bot]]\nname = \"b\"\n" +
				"# comment\nnmae = \"oops\"\n",
			want: []string{"cfg.toml:8: unknown key \"bot.nmae\"", `did you mean "name"?`},
		},
		{
			name: "unknown table reported once, at its header",
			doc:  "theme = \"default\"\n[servr]\nlisten = \"x\"\nport = 1\n",
			want: []string{"cfg.toml:2: unknown key \"servr\"", `did you mean "server"?`},
		},
		{
			name: "unknown key lists the valid ones when nothing is close",
			doc:  "[server]\nzzzzzzzz = 1\n",
			want: []string{"cfg.toml:2: unknown key \"server.zzzzzzzz\"", "valid keys here:", "listen"},
		},
		{
			name: "dotted key inside a table",
			doc:  "[server]\nlisten = \"127.0.0.1:1\"\nfoo.bar = 1\n",
			want: []string{"cfg.toml:3: unknown key \"server.foo.bar\""},
		},
		{
			name: "key after a multi-line string",
			doc:  "[server]\nui_dir = \"\"\"\nbogus = 1\n\"\"\"\nbogus = 2\n",
			want: []string{"cfg.toml:5: unknown key \"server.bogus\""},
		},
		{
			name: "two unknown keys, in file order",
			doc:  "b_unknown = 1\ntheme = \"x\"\na_unknown = 2\n",
			want: []string{"cfg.toml:1: unknown key \"b_unknown\"", "cfg.toml:3: unknown key \"a_unknown\""},
		},
		{
			name: "duplicate key in [keys] is a TOML error with the line",
			doc:  "[keys.trades]\nforce_exit = [\"X\"]\nforce_exit = [\"Y\"]\n",
			want: []string{"cfg.toml:3:", "force_exit", "already been defined"},
		},
		{
			name: "duplicate table",
			doc:  "[server]\nlisten = \"a:1\"\n[server]\ndb = \"x\"\n",
			want: []string{"cfg.toml:3:", "server"},
		},
		{
			name: "wrong type names key and line",
			doc:  "[server]\nenable_openapi = \"yes\"\n",
			want: []string{"cfg.toml:2: server.enable_openapi: incompatible types"},
		},
		{
			name: "bad duration names key and line",
			doc:  "[[bot]]\nname = \"a\"\nrefresh = \"5 seconds\"\n",
			want: []string{"cfg.toml:3:", "bot.refresh", "invalid duration"},
		},
		{
			name: "ws_token of the wrong type",
			doc:  "[server]\nws_token = 5\n",
			want: []string{"cfg.toml:2:", "server.ws_token", "want a string or a list"},
		},
		{
			name: "syntax error",
			doc:  "theme = \n",
			want: []string{"cfg.toml:1:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode([]byte(tt.doc), "cfg.toml")
			if err == nil {
				t.Fatalf("Decode succeeded, want an error containing %q", tt.want)
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error %q: want %q (after offset %d)", msg, w, at)
				}
				at += i + len(w)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	t.Parallel()
	doc := `
theme = "light"
audit_log = "audit/a.jsonl"
log_file = "/var/log/freqdeck.log"

[[bot]]
name = "vps1"
url = "http://127.0.0.1:8080"
username = "freqtrader"
password_file = "secrets/vps1"
ws_token = "tok"
read_only = true
refresh = "10s"

[[bot]]
name = "vps2"
url = "https://example.com/ft"
password_env = "VPS2_PASSWORD"
logs_refresh = "1s"

[server]
listen = "0.0.0.0:8081"
ws_token = "one"
cors_origins = ["http://localhost:3000"]
db = "~/bot.sqlite"

[keys.trades]
force_exit = ["X", "ctrl+x"]
[keys.global]
quit = "Q"
`
	cfg, err := Decode([]byte(doc), "/etc/freqdeck/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Theme = "light"
	want.Path = "/etc/freqdeck/config.toml"
	want.AuditLog = "/etc/freqdeck/audit/a.jsonl"
	want.LogFile = "/var/log/freqdeck.log"
	want.Bots = []Bot{
		{
			Name: "vps1", URL: "http://127.0.0.1:8080", Username: "freqtrader",
			Secret:  Secret{PasswordFile: "/etc/freqdeck/secrets/vps1"},
			WSToken: "tok", ReadOnly: true, Refresh: 10 * time.Second, LogsRefresh: DefaultLogsRefresh,
		},
		{
			Name: "vps2", URL: "https://example.com/ft", Secret: Secret{PasswordEnv: "VPS2_PASSWORD"},
			Refresh: DefaultRefresh, LogsRefresh: time.Second,
		},
	}
	want.Server.Listen = "0.0.0.0:8081"
	want.Server.WSToken = StringList{"one"}
	want.Server.CORSOrigins = []string{"http://localhost:3000"}
	want.Server.DB = "~/bot.sqlite"
	want.Keys = Keys{
		"trades": {"force_exit": {"X", "ctrl+x"}},
		"global": {"quit": {"Q"}},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("Decode:\n got %+v\nwant %+v", cfg, want)
	}
}

func TestKeyLines(t *testing.T) {
	t.Parallel()
	doc := `# comment with key = 1
a = 1
"quoted.key" = 2
t = { x = 1, y = { z = "}" } }
arr = [
  "not = a key",
  { k = 1 },
]
lit = '''
fake = 1
'''
[tab . sub]
b = 'x' # c = 3
[[aot]]
c.d = 4
`
	got := keyLines(doc)
	want := map[string]int{
		"a": 2, "quoted.key": 3, "t": 4, "t\x1fx": 4, "t\x1fy": 4, "t\x1fy\x1fz": 4,
		"arr": 5, "arr\x1fk": 7, "lit": 9,
		"tab": 12, "tab\x1fsub": 12, "tab\x1fsub\x1fb": 13,
		"aot": 14, "aot\x1fc": 15, "aot\x1fc\x1fd": 15,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("keyLines:\n got %v\nwant %v", got, want)
	}
}

func FuzzKeyLines(f *testing.F) {
	for _, s := range []string{"a = 1\n", "[x]\ny = \"\"\"\n\"\"\"\n", "t = {a = [1, {b = 2}]}", "'''", "[[", "a.\"b", "x = [\n# c\n1,\n]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for k, line := range keyLines(doc) {
			if line < 1 || line > strings.Count(doc, "\n")+1 {
				t.Fatalf("key %q on line %d of a %d-line document", k, line, strings.Count(doc, "\n")+1)
			}
		}
	})
}

func TestDecodeDryRunSettings(t *testing.T) {
	t.Parallel()
	doc := "[server]\nstake_amount = 50\nmax_open_trades = 3\n[server.minimal_roi]\n\"0\" = 0.1\n[server.market]\nspeed = 60.0\n"
	cfg, err := Decode([]byte(doc), "cfg.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Server
	if s.StakeAmount.Unlimited || s.StakeAmount.Value != 50 || s.MaxOpenTrades != 3 || s.Market.Speed != 60 {
		t.Fatalf("dry-run settings not decoded: %+v", s.Config)
	}
	if !reflect.DeepEqual(s.MinimalROI, map[string]float64{"0": 0.1}) {
		t.Fatalf("minimal_roi = %v: the file's table must replace the default, not merge into it", s.MinimalROI)
	}
	if s.Market.Mode != "simulated" || s.Timeframe != "1m" || s.Market.Volatility != 0.004 {
		t.Fatalf("unset dry-run settings lost their defaults: %+v", s.Config)
	}

	cfg, err = Decode([]byte("[server]\nstoploss = 0.5\n"), "cfg.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(Checks{}); err == nil || !strings.Contains(err.Error(), "[server]: stoploss must be a ratio") {
		t.Fatalf("Validate = %v, want the dry-run bot's stoploss error", err)
	}
}
