// Package config holds freqdeck's configuration: the TOML file, the
// environment and the command-line flags, applied in that order over the
// defaults, then validated.
//
// Every step is a function over a Config value: Default, Decode (the file,
// strictly: unknown keys are errors naming the key and its line), ApplyEnv,
// ApplyFlags and Validate. Load chains the first three. Secrets
// (password_env, password_file, password_cmd) are resolved late, by
// Secret.Resolve, and only for the bots actually used.
//
// The package reads the defaults and types it configures from the packages
// that own them, and runs none of them: server/dryrun (the dry-run bot's
// settings, kept in [server]), server (the default listen address), tui
// (a bot's default refresh intervals) and themes (the theme names). The
// checks of other packages' rules come in through Checks. cmd/freqdeck
// converts a Config into the option structs of the console, the server and
// the client.
package config

import (
	"time"

	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/themes"
	"github.com/freqdeck/freqdeck/tui"
)

// Default refresh intervals of a bot: the console's own.
const (
	DefaultRefresh     = tui.DefaultRefresh
	DefaultLogsRefresh = tui.DefaultLogsRefresh
	// MinRefresh is the shortest refresh or logs_refresh accepted: a
	// freqtrade bot should not be polled faster.
	MinRefresh = 500 * time.Millisecond
)

// DefaultServeDB is the dry-run bot's SQLite file under `freqdeck serve`
// when [server] db and --db are empty (the console's embedded bot keeps
// its data in memory instead).
const DefaultServeDB = "freqdeck.dryrun.sqlite"

// DefaultTheme is the console's theme when none is configured.
const DefaultTheme = themes.Default

// Config is freqdeck's whole configuration.
type Config struct {
	// Theme names the console's colour theme.
	Theme string `toml:"theme"`
	// AuditLog is the JSON-lines file of every action the console sends.
	// Empty means $XDG_STATE_HOME/freqdeck/audit.jsonl.
	AuditLog string `toml:"audit_log"`
	// LogFile receives freqdeck's own log while the console runs. Empty means
	// $XDG_STATE_HOME/freqdeck/freqdeck.log.
	LogFile string `toml:"log_file"`
	// Bots are the bots the console and the client connect to. None means the
	// embedded dry-run bot.
	Bots []Bot `toml:"bot"`
	// Server configures `freqdeck serve` and the embedded bot.
	Server Server `toml:"server"`
	// Keys remaps the console's keys: scope → action → keys.
	Keys Keys `toml:"keys"`
	// Alerts chooses the console's alerts and how they are delivered.
	Alerts Alerts `toml:"alerts"`
	// Host configures `freqdeck host`, the console served over SSH.
	Host Host `toml:"host"`

	// Path is the file the configuration was read from ("" for none).
	Path string `toml:"-"`
	// Warnings are problems worth telling the user about that do not stop
	// freqdeck (for example a world-readable file holding a password).
	Warnings []string `toml:"-"`
}

// Bot is one [[bot]] entry: a freqtrade (or freqdeck serve) API server.
type Bot struct {
	// Name identifies the bot in the console and in `client --bot`.
	Name string `toml:"name"`
	// URL is the API server's base URL, e.g. "http://127.0.0.1:8080".
	URL string `toml:"url"`
	// Username is the API server's username.
	Username string `toml:"username"`
	Secret
	// WSToken is the api_server.ws_token of the bot, for the message
	// WebSocket. Empty means a JWT from the username and password.
	WSToken string `toml:"ws_token"`
	// ReadOnly makes the console refuse every action on this bot.
	ReadOnly bool `toml:"read_only"`
	// SSH is the SSH destination the bot is reached through: a Host alias of
	// ~/.ssh/config, or user@host[:port]. URL is then the API's address as
	// seen from that host. Empty means URL is dialed directly.
	SSH string `toml:"ssh"`
	// Refresh is the poll interval while the bot's WebSocket is down; while
	// it is live, open trades' rates are polled every two (tui/feed).
	Refresh time.Duration `toml:"refresh"`
	// LogsRefresh is the poll interval of /logs.
	LogsRefresh time.Duration `toml:"logs_refresh"`
}

// Secret is where a password comes from: at most one of its fields is set.
type Secret struct {
	// Password is the password in plain text.
	Password string `toml:"password"`
	// PasswordEnv names an environment variable holding the password.
	PasswordEnv string `toml:"password_env"`
	// PasswordFile is a file whose content (less its trailing newline) is
	// the password.
	PasswordFile string `toml:"password_file"`
	// PasswordCmd is a shell command (sh -c) printing the password.
	PasswordCmd string `toml:"password_cmd"`

	// optionalEnv makes an unset PasswordEnv an empty password rather than
	// an error (the one-off bot's $FREQDECK_PASSWORD).
	optionalEnv bool
}

// Server is the [server] table: `freqdeck serve` and the embedded bot's
// API server.
type Server struct {
	// Listen is the address to listen on, host:port.
	Listen string `toml:"listen"`
	// Username is the API username.
	Username string `toml:"username"`
	Secret
	// JWTSecretKey signs the API's JSON web tokens.
	JWTSecretKey string `toml:"jwt_secret_key"`
	// WSToken lists the tokens accepted on the message WebSocket.
	WSToken StringList `toml:"ws_token"`
	// CORSOrigins lists the origins allowed to call the API from a browser
	// (FreqUI served elsewhere), each exactly "scheme://host[:port]".
	CORSOrigins []string `toml:"cors_origins"`
	// EnableOpenAPI serves /openapi.json and /docs.
	EnableOpenAPI bool `toml:"enable_openapi"`
	// UIDir is a FreqUI build to serve at /.
	UIDir string `toml:"ui_dir"`
	// DB is the dry-run bot's SQLite file. Empty means DefaultServeDB for
	// `freqdeck serve`, and memory for the console's embedded bot.
	DB string `toml:"db"`
	// Config holds the dry-run bot's settings, as keys of [server].
	dryrun.Config
}

// Keys are key overrides: scope ("global", "trades", ...) → action name →
// keys, e.g. keys.trades.force_exit = ["X"].
type Keys map[string]map[string]StringList

// Default returns the configuration used when no file, environment or flag
// says otherwise. Each call returns a new value.
func Default() Config {
	return Config{
		Theme: DefaultTheme,
		Server: Server{
			Listen:      server.DefaultListen,
			Username:    "freqdeck",
			WSToken:     StringList{},
			CORSOrigins: []string{},
			Config:      dryrun.DefaultConfig(),
		},
		Keys:   Keys{},
		Alerts: defaultAlerts(),
		Host:   defaultHost(),
	}
}

// withBotDefaults fills a bot's zero refresh intervals.
func withBotDefaults(b Bot) Bot {
	if b.Refresh == 0 {
		b.Refresh = DefaultRefresh
	}
	if b.LogsRefresh == 0 {
		b.LogsRefresh = DefaultLogsRefresh
	}
	return b
}
