package config

// ServeFlags are the flags of `freqdeck serve`, each overriding its key of
// [server]. A nil field (or list) is a flag that was not given, so that a
// flag set to its default value still beats the file.
type ServeFlags struct {
	Listen    *string
	Username  *string
	Password  *string
	JWTSecret *string
	WSTokens  []string
	// CORSOrigins replaces cors_origins.
	CORSOrigins []string
	OpenAPI     *bool
	UIDir       *string
	DB          *string
	// Speed replaces [server.market] speed (the console's --speed sets it
	// for the embedded bot too).
	Speed *float64
}

// apply overlays the given flags on s. A non-empty --password replaces
// every password source of [server], $FREQDECK_PASSWORD included.
func (f ServeFlags) apply(s Server) Server {
	set(&s.Listen, f.Listen)
	set(&s.Username, f.Username)
	set(&s.JWTSecretKey, f.JWTSecret)
	set(&s.EnableOpenAPI, f.OpenAPI)
	set(&s.UIDir, f.UIDir)
	set(&s.DB, f.DB)
	set(&s.Market.Speed, f.Speed)
	if f.Password != nil && *f.Password != "" {
		s.Secret = Secret{Password: *f.Password}
	}
	if f.WSTokens != nil {
		s.WSToken = StringList(f.WSTokens)
	}
	if f.CORSOrigins != nil {
		s.CORSOrigins = f.CORSOrigins
	}
	return s
}

// set stores *v in dst when v is given.
func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
