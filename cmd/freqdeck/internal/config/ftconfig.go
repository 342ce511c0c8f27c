package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
)

// ftAPIServer is the part of a freqtrade config.json's api_server block
// that a client needs.
type ftAPIServer struct {
	ListenIPAddress string          `json:"listen_ip_address"`
	ListenPort      json.RawMessage `json:"listen_port"`
	Username        string          `json:"username"`
	Password        string          `json:"password"`
	WSToken         json.RawMessage `json:"ws_token"`
}

// ReadFTConfig reads a freqtrade config.json (comments and trailing commas
// allowed, as freqtrade allows them) and returns the bot its api_server block
// describes, as freqtrade-client does: listen_ip_address and listen_port
// (default 127.0.0.1:8080) make the URL, except that a wildcard address
// (0.0.0.0 or ::) means connecting to 127.0.0.1. The bot is named after
// bot_name when the config has one. The warning is non-empty when the file
// holds a password and other users can read it.
func ReadFTConfig(path string) (Bot, string, error) {
	data, info, err := readFile(path)
	if err != nil {
		return Bot{}, "", fmt.Errorf("--ft-config: %w", err)
	}
	var doc struct {
		BotName   string       `json:"bot_name"`
		APIServer *ftAPIServer `json:"api_server"`
	}
	if err := json.Unmarshal(jsonc(data), &doc); err != nil {
		return Bot{}, "", fmt.Errorf("--ft-config %s: %w", path, err)
	}
	if doc.APIServer == nil {
		return Bot{}, "", fmt.Errorf("--ft-config %s: no api_server block", path)
	}
	b, err := doc.APIServer.bot()
	if err != nil {
		return Bot{}, "", fmt.Errorf("--ft-config %s: api_server: %w", path, err)
	}
	b.Name = doc.BotName
	if b.Name == "" {
		b.Name = hostOf(b.URL)
	}
	secret := ""
	if b.Password != "" {
		secret = "the api_server password"
	}
	return withBotDefaults(b), permissionWarning(path, info.Mode(), secret), nil
}

func (a ftAPIServer) bot() (Bot, error) {
	host := a.ListenIPAddress
	switch host {
	case "", "0.0.0.0", "::", "[::]":
		host = "127.0.0.1"
	}
	port, err := ftPort(a.ListenPort)
	if err != nil {
		return Bot{}, err
	}
	tokens, err := ftTokens(a.WSToken)
	if err != nil {
		return Bot{}, err
	}
	b := Bot{
		URL:      "http://" + net.JoinHostPort(host, strconv.Itoa(port)),
		Username: a.Username,
		Secret:   Secret{Password: a.Password},
	}
	if len(tokens) > 0 {
		b.WSToken = tokens[0]
	}
	return b, nil
}

// ftPort reads listen_port, a number or (in hand-written configs) a string.
func ftPort(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 8080, nil
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(raw)
	}
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("listen_port %s is not a port number", raw)
	}
	return p, nil
}

// ftTokens reads ws_token, a string or a list of strings.
func ftTokens(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		if one == "" {
			return nil, nil
		}
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, errors.New("ws_token must be a string or a list of strings")
	}
	return many, nil
}

// jsonc strips // and /* */ comments and trailing commas outside strings,
// turning freqtrade's relaxed JSON into standard JSON. Line breaks are kept
// so that decoder offsets stay meaningful.
func jsonc(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c == '"':
			j := endOfString(in, i)
			out = append(out, in[i:j]...)
			i = j - 1
		case c == '/' && i+1 < len(in) && in[i+1] == '/':
			for i < len(in) && in[i] != '\n' {
				i++
			}
			i--
		case c == '/' && i+1 < len(in) && in[i+1] == '*':
			end := bytes.Index(in[i+2:], []byte("*/"))
			if end < 0 {
				return out
			}
			out = append(out, bytes.Repeat([]byte{'\n'}, bytes.Count(in[i:i+2+end], []byte{'\n'}))...)
			i += end + 3
		default:
			out = append(out, c)
		}
	}
	return dropTrailingCommas(out)
}

// endOfString returns the index just past the JSON string starting at i.
func endOfString(in []byte, i int) int {
	for j := i + 1; j < len(in); j++ {
		switch in[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(in)
}

func dropTrailingCommas(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c == '"' {
			j := endOfString(in, i)
			out = append(out, in[i:j]...)
			i = j - 1
			continue
		}
		if c == ',' {
			k := i + 1
			for k < len(in) && (in[k] == ' ' || in[k] == '\t' || in[k] == '\n' || in[k] == '\r') {
				k++
			}
			if k < len(in) && (in[k] == '}' || in[k] == ']') {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// hostOf returns the host:port of a URL, for naming a bot.
func hostOf(raw string) string {
	u, err := parseBotURL(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
