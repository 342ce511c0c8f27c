package serve

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/launch"
)

// passwordGenerated is the banner's password source when serve made one up.
const passwordGenerated = "generated"

// settings are what `freqdeck serve` runs with, once the configuration
// pipeline has run.
type settings struct {
	// launch starts the bot and the server; run adds the loggers and the
	// banner.
	launch launch.Options
	// passwordFrom says where the password came from, for the banner:
	// "--password", "$FREQDECK_PASSWORD", "[server] in PATH" or
	// passwordGenerated.
	passwordFrom string
	// logRequests adds the request log (--log-requests).
	logRequests bool
}

// settingsFor runs the configuration pipeline with serve's flags (f) and
// converts [server] into serve's settings: the password resolved (or
// generated), the bot's database defaulted.
func settingsFor(ctx context.Context, f config.ServeFlags, deps Deps) (settings, error) {
	cfg, err := deps.Load(f)
	if err != nil {
		return settings{}, err
	}
	s := cfg.Server
	password, err := s.Resolve(ctx, deps.Getenv)
	if err != nil {
		return settings{}, fmt.Errorf("[server] %w", err)
	}
	from := passwordSource(cfg.Path, f, deps.Getenv)
	if password == "" {
		password, from = rand.Text(), passwordGenerated
	}
	db := s.DB
	if db == "" && f.DB == nil { // --db "" keeps the bot in memory
		db = config.DefaultServeDB
	}
	bot := s.Config
	return settings{
		launch: launch.Options{
			Bot: &bot, DBPath: db, Reload: deps.Reload, Version: deps.Version,
			Server: server.Config{
				Listen: s.Listen, Username: s.Username, Password: password, JWTSecret: s.JWTSecretKey,
				WSTokens: s.WSToken, CORSOrigins: s.CORSOrigins, EnableOpenAPI: s.EnableOpenAPI,
				UIDir: s.UIDir, Version: deps.Version,
			},
		},
		passwordFrom: from,
	}, nil
}

// passwordSource names where a non-empty server password came from, in
// the pipeline's order of precedence: the flag, the environment, the file.
func passwordSource(file string, f config.ServeFlags, getenv func(string) string) string {
	switch {
	case f.Password != nil && *f.Password != "":
		return "--password"
	case getenv(config.EnvPassword) != "":
		return "$" + config.EnvPassword
	}
	return "[server] in " + file
}
