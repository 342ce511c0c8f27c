package config

import (
	"os"
	"strings"
	"testing"
)

func TestReadFTConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		mode    uint32
		want    Bot
		warn    bool
		wantErr string
	}{
		{
			name: "wildcard address means loopback; comments and trailing commas",
			content: `{
  // freqtrade allows comments
  "bot_name": "vps-bot", /* and block comments */
  "api_server": {
    "enabled": true,
    "listen_ip_address": "0.0.0.0",
    "listen_port": 8081,
    "username": "freqtrader",
    "password": "se//cret, }",
    "ws_token": ["tok1", "tok2"],
  },
}`,
			mode: 0o600,
			want: Bot{Name: "vps-bot", URL: "http://127.0.0.1:8081", Username: "freqtrader",
				Secret: Secret{Password: "se//cret, }"}, WSToken: "tok1"},
		},
		{
			name:    "ipv6 wildcard and defaults",
			content: `{"api_server": {"listen_ip_address": "::", "username": "u", "password": "p", "ws_token": "w"}}`,
			mode:    0o644,
			want:    Bot{Name: "127.0.0.1:8080", URL: "http://127.0.0.1:8080", Username: "u", Secret: Secret{Password: "p"}, WSToken: "w"},
			warn:    true,
		},
		{
			name:    "ipv6 address is bracketed",
			content: `{"api_server": {"listen_ip_address": "::1", "listen_port": "9000"}}`,
			mode:    0o644,
			want:    Bot{Name: "[::1]:9000", URL: "http://[::1]:9000"},
		},
		{name: "no api_server", content: `{"dry_run": true}`, mode: 0o600, wantErr: "no api_server block"},
		{name: "bad port", content: `{"api_server": {"listen_port": "http"}}`, mode: 0o600, wantErr: "listen_port"},
		{name: "not JSON", content: `{"api_server": `, mode: 0o600, wantErr: "--ft-config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, t.TempDir(), "config.json", tt.content, 0o600)
			if err := os.Chmod(path, os.FileMode(tt.mode)); err != nil {
				t.Fatal(err)
			}
			got, warn, err := ReadFTConfig(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ReadFTConfig error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Refresh, tt.want.LogsRefresh = DefaultRefresh, DefaultLogsRefresh
			if got != tt.want {
				t.Fatalf("ReadFTConfig =\n %+v\nwant\n %+v", got, tt.want)
			}
			if (warn != "") != tt.warn {
				t.Fatalf("warning %q, want one: %v", warn, tt.warn)
			}
			if tt.warn && !strings.Contains(warn, "chmod 600 "+path) {
				t.Fatalf("warning %q does not say how to fix it", warn)
			}
		})
	}
}

func FuzzJSONC(f *testing.F) {
	for _, s := range []string{`{"a": 1,}`, `// x` + "\n{}", `{"s": "/* no */"}`, `/* open`, `"\"`, `[1,2,]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := jsonc([]byte(s))
		if strings.Count(string(out), "\n") > strings.Count(s, "\n") {
			t.Fatalf("jsonc added lines: %q → %q", s, out)
		}
	})
}
