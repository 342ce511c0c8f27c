package cli

import "github.com/spf13/pflag"

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
