package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/freqdeck/freqdeck/server/dryrun"
)

// Decode reads a TOML document over the defaults, strictly: a syntax error,
// a duplicate key, a value of the wrong type and an unknown key are all
// errors that name the file, the line and the key. path names the document
// in messages, and relative paths inside it are taken relative to its
// directory.
func Decode(data []byte, path string) (Config, error) {
	cfg := Default()
	// The decoder adds to a map rather than replacing it: start minimal_roi
	// empty so that the file's table replaces the default one.
	cfg.Server.MinimalROI = nil
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		return Config{}, tomlError(path, err)
	}
	if cfg.Server.MinimalROI == nil {
		cfg.Server.MinimalROI = dryrun.DefaultConfig().MinimalROI
	}
	if err := undecodedError(path, string(data), md.Undecoded()); err != nil {
		return Config{}, err
	}
	for i := range cfg.Bots {
		cfg.Bots[i] = withBotDefaults(cfg.Bots[i])
	}
	cfg.Path = path
	return relativeTo(cfg, filepath.Dir(path)), nil
}

// tomlError gives a decoder error the file name and line.
func tomlError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := strings.TrimSuffix(pe.Message, ".")
		if pe.LastKey != "" {
			return fmt.Errorf("%s:%d: %s: %s", path, pe.Position.Line, pe.LastKey, msg)
		}
		return fmt.Errorf("%s:%d: %s", path, pe.Position.Line, msg)
	}
	// Type mismatches come as `toml: line N (last key "k"): msg`.
	if line, key, msg, ok := splitTypeError(err.Error()); ok {
		return fmt.Errorf("%s:%s: %s: %s", path, line, key, msg)
	}
	return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "toml: "))
}

func splitTypeError(s string) (line, key, msg string, ok bool) {
	rest, ok := strings.CutPrefix(s, "toml: line ")
	if !ok {
		return "", "", "", false
	}
	line, rest, ok = strings.Cut(rest, ` (last key "`)
	if !ok {
		return "", "", "", false
	}
	key, msg, ok = strings.Cut(rest, `"): `)
	return line, key, msg, ok
}

// undecodedError turns the keys the decoder did not use into one error, a
// line per key ("config.toml:7: unknown key "bot.nmae" (did you mean
// "name"?)"), in file order. A key inside an unknown table is not repeated.
func undecodedError(path, doc string, keys []toml.Key) error {
	if len(keys) == 0 {
		return nil
	}
	unknown := map[string]bool{}
	for _, k := range keys {
		unknown[strings.Join(k, keySep)] = true
	}
	lines := keyLines(doc)
	type problem struct {
		line int
		msg  string
	}
	var problems []problem
	listed := map[string]bool{} // parents whose valid keys were already listed
	for _, k := range keys {
		parent := strings.Join(k[:len(k)-1], keySep)
		if len(k) > 1 && unknown[parent] {
			continue
		}
		problems = append(problems, problem{lines[strings.Join(k, keySep)], unknownKeyMessage(k, !listed[parent])})
		listed[parent] = true
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].line < problems[j].line })
	msgs := make([]string, 0, len(problems))
	for _, p := range problems {
		msgs = append(msgs, fmt.Sprintf("%s:%d: %s", path, p.line, p.msg))
	}
	return errors.New(strings.Join(msgs, "\n"))
}

func unknownKeyMessage(k toml.Key, listValid bool) string {
	msg := fmt.Sprintf("unknown key %q", k.String())
	valid := childKeys(k[:len(k)-1])
	if s := suggest(k[len(k)-1], valid); s != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", s)
	}
	if listValid && len(valid) > 0 {
		return msg + " (valid keys here: " + strings.Join(valid, ", ") + ")"
	}
	return msg
}

// relativeTo makes the relative paths of a decoded file relative to dir.
// Paths starting with "~" are left for ApplyEnv to expand.
func relativeTo(cfg Config, dir string) Config {
	fix := func(p *string) {
		if *p != "" && !strings.HasPrefix(*p, "~") && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	fix(&cfg.AuditLog)
	fix(&cfg.LogFile)
	fix(&cfg.Server.UIDir)
	fix(&cfg.Server.DB)
	fix(&cfg.Server.PasswordFile)
	for i := range cfg.Bots {
		fix(&cfg.Bots[i].PasswordFile)
	}
	return cfg
}
