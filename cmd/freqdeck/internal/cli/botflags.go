package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// BotFlags are the flags that choose bots, for the console and the client
// alike. The program resolves them against the config file and the
// environment.
type BotFlags struct {
	// FTConfig is a freqtrade config.json whose api_server block is the bot.
	FTConfig string
	// Bot names one of the configured [[bot]] entries, or several: "a,b,c".
	Bot string
	// URL and Username give a one-off bot.
	URL      string
	Username string
	// SSH reaches the one-off bot (URL or FTConfig) through SSH: a Host
	// alias of ~/.ssh/config, or user@host[:port].
	SSH string
	// AllBots chooses every configured bot (the client's --all-bots; the
	// console always watches them all).
	AllBots bool
}

// Register adds the flags to fs.
func (f *BotFlags) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.FTConfig, "ft-config", "", "use the api_server block of a freqtrade config.json")
	fs.StringVar(&f.Bot, "bot", "", "use only the configured [[bot]] of this name, or several: a,b,c")
	fs.StringVar(&f.URL, "url", "", "use the bot at this URL (env FREQDECK_URL), e.g. http://127.0.0.1:8080")
	fs.StringVar(&f.Username, "username", "", "the --url bot's username (env FREQDECK_USERNAME); its password comes from $FREQDECK_PASSWORD (the console asks when unset)")
	fs.StringVar(&f.SSH, "ssh", "", "reach the --url or --ft-config bot through SSH: a Host of ~/.ssh/config or user@host[:port]; --url is then the API's address as seen from that host")
}

// RegisterAllBots adds --all-bots to fs.
func (f *BotFlags) RegisterAllBots(fs *pflag.FlagSet) {
	fs.BoolVar(&f.AllBots, "all-bots", false, "run the command on every configured [[bot]], in parallel (one JSON line per bot)")
}

// RegisterTrustHostKey adds --trust-host-key to fs, for the console and
// the client alike.
func RegisterTrustHostKey(fs *pflag.FlagSet, v *string) {
	fs.StringVar(v, "trust-host-key", "", "trust an SSH host's unknown key if its fingerprint is exactly this SHA256:... (added to known_hosts, hashed)")
}

// CheckTrustHostKey checks the syntax of --trust-host-key: a SHA256:...
// fingerprint, or nothing.
func CheckTrustHostKey(fp string) error {
	if fp == "" {
		return nil
	}
	if b64, ok := strings.CutPrefix(fp, "SHA256:"); !ok || b64 == "" {
		return fmt.Errorf("--trust-host-key %q: give the SHA256:... fingerprint of the host's key, as freqdeck showed it", fp)
	}
	return nil
}
