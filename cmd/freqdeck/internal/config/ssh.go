package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// validateSSH checks the syntax of a bot's ssh destination, without reading
// ~/.ssh/config (the alias is resolved when the bot is dialed).
func (b Bot) validateSSH() error {
	if b.SSH == "" {
		return nil
	}
	if err := sshdial.ValidateSpec(b.SSH); err != nil {
		return fmt.Errorf("ssh: %w", err)
	}
	return nil
}

// findBots returns the configured bots named in list ("a" or "a,b,c"), in
// the list's order. A name given twice, or not configured, is an error.
func (c Config) findBots(list string) ([]Bot, error) {
	var out []Bot
	seen := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("--bot %q: an empty name (write --bot a,b,c)", list)
		}
		if seen[name] {
			return nil, fmt.Errorf("--bot %q: bot %q is named twice", list, name)
		}
		seen[name] = true
		b, err := c.FindBot(name)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, errors.New("--bot: no bot named")
	}
	return out, nil
}
