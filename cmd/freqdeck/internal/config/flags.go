package config

import (
	"errors"
	"fmt"
	"strings"
)

// Flags are the command-line settings that overlay the configuration. The
// caller reads --ft-config (ReadFTConfig) into FTConfig, and may fill URL
// and Username from $FREQDECK_URL and $FREQDECK_USERNAME when the flags are
// not given.
type Flags struct {
	// URL gives a one-off bot replacing the configured ones.
	URL string
	// Username is the one-off bot's username.
	Username string
	// FTConfig is the bot of a freqtrade config.json; it replaces the
	// configured ones. URL and Username, when set, override its values (a
	// tunnelled port differs from the listen port).
	FTConfig *Bot
	// Bot keeps only the configured bot of that name, or the bots of a
	// comma-separated list of names ("a,b,c"), in that order.
	Bot string
	// SSH reaches the one-off bot (URL or FTConfig) through SSH: a Host
	// alias of ~/.ssh/config, or user@host[:port].
	SSH string
	// Theme, AuditLog and LogFile override the configured values.
	Theme, AuditLog, LogFile string
	// Server are the flags of `freqdeck serve`, over [server].
	Server ServeFlags
}

// ApplyFlags overlays the flags on cfg. A one-off bot (URL or FTConfig)
// without a password source takes its password from $FREQDECK_PASSWORD, or
// has none when that is unset (the console may then prompt for it).
func ApplyFlags(cfg Config, f Flags) (Config, error) {
	cfg.Server = f.Server.apply(cfg.Server)
	if f.Theme != "" {
		cfg.Theme = f.Theme
	}
	if f.AuditLog != "" {
		cfg.AuditLog = f.AuditLog
	}
	if f.LogFile != "" {
		cfg.LogFile = f.LogFile
	}
	oneOff := f.URL != "" || f.FTConfig != nil
	configured := cfg.Bots
	switch {
	case oneOff && f.Bot != "":
		return Config{}, errors.New("--bot selects a configured bot; it cannot be combined with --url or --ft-config")
	case f.Username != "" && !oneOff:
		return Config{}, errors.New("--username needs --url or --ft-config (configured bots set username in the config file)")
	case f.SSH != "" && !oneOff:
		return Config{}, errors.New("--ssh needs --url (the API's address as seen from the SSH host) or --ft-config; configured bots set ssh in the config file")
	case oneOff:
		cfg.Bots = []Bot{oneOffBot(f)}
	case f.Bot != "":
		bots, err := cfg.findBots(f.Bot)
		if err != nil {
			return Config{}, err
		}
		cfg.Bots = bots
	}
	cfg.Alerts = cfg.Alerts.forBots(configured, cfg.Bots)
	return cfg, nil
}

func oneOffBot(f Flags) Bot {
	var b Bot
	if f.FTConfig != nil {
		b = *f.FTConfig
	}
	if f.URL != "" {
		b.URL = f.URL
		if f.FTConfig == nil || f.FTConfig.Name == hostOf(f.FTConfig.URL) {
			b.Name = hostOf(f.URL)
		}
	}
	if f.Username != "" {
		b.Username = f.Username
	}
	if f.SSH != "" {
		b.SSH = f.SSH
		if b.Name == hostOf(b.URL) {
			b.Name = f.SSH // "vps" says more than the far side's 127.0.0.1:8080
		}
	}
	if !b.IsSet() {
		b.Secret = Secret{PasswordEnv: EnvPassword, optionalEnv: true}
	}
	return withBotDefaults(b)
}

// FindBot returns the configured bot named name.
func (c Config) FindBot(name string) (Bot, error) {
	names := make([]string, 0, len(c.Bots))
	for _, b := range c.Bots {
		if b.Name == name {
			return b, nil
		}
		names = append(names, b.Name)
	}
	if len(names) == 0 {
		return Bot{}, fmt.Errorf("no bot named %q: no [[bot]] is configured", name)
	}
	return Bot{}, fmt.Errorf("no bot named %q (configured: %s)", name, strings.Join(names, ", "))
}
