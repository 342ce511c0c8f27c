package host

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a key may do in the console.
type Role string

// The roles. A key is an operator unless its authorized_keys line says
// otherwise: the file is the operator's own list of who may act, as
// OpenSSH's is of who may log in.
const (
	// Operator may do everything the local console does.
	Operator Role = "operator"
	// Viewer watches: every action is refused with the reason.
	Viewer Role = "viewer"
)

// roleOption is the authorized_keys option that sets a key's role:
// freqdeck-role=viewer (or =operator).
const roleOption = "freqdeck-role"

// Key is one key of the authorized_keys file.
type Key struct {
	Key         gossh.PublicKey
	Comment     string
	Role        Role
	Fingerprint string
	// Unenforced is the first option of its line that narrows who may use
	// the key or what it runs (from=, command=...), which freqdeck host does
	// not enforce: such a key is refused rather than let in unrestricted.
	Unenforced string
}

// restricting are OpenSSH's options that narrow a key's use.
var restricting = map[string]bool{"from": true, "command": true, "expiry-time": true, "principals": true, "cert-authority": true}

// LoadKeys reads an authorized_keys-format file. Each line is
// [options] keytype base64 [comment]; the option freqdeck-role=viewer marks
// a viewer. OpenSSH's own options are ignored, but for those that narrow a
// key's use (from=, command=...): not enforced here, they refuse the key. Blank lines and
// comments are skipped; a line that does not parse is an error naming it.
func LoadKeys(path string) ([]Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	var keys []Key
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, err := parseKeyLine(line)
		if err != nil {
			return nil, fmt.Errorf("authorized keys: %s line %d: %w", path, n+1, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// parseKeyLine parses one line of the file.
func parseKeyLine(line []byte) (Key, error) {
	pub, comment, options, _, err := gossh.ParseAuthorizedKey(line)
	if err != nil {
		return Key{}, fmt.Errorf("%w", err)
	}
	k := Key{Key: pub, Comment: comment, Role: Operator, Fingerprint: gossh.FingerprintSHA256(pub)}
	for _, o := range options {
		name, value, _ := strings.Cut(o, "=")
		if restricting[strings.ToLower(name)] && k.Unenforced == "" {
			k.Unenforced = o
		}
		if name != roleOption {
			continue
		}
		switch r := Role(strings.Trim(value, `"`)); r {
		case Operator, Viewer:
			k.Role = r
		default:
			return Key{}, fmt.Errorf("%s=%q: want operator or viewer", roleOption, value)
		}
	}
	return k, nil
}

// errUnlisted refuses a key that is not in the file.
var errUnlisted = errors.New("key not in authorized_keys")

// findKey returns the entry of pub among keys.
func findKey(keys []Key, pub gossh.PublicKey) (Key, error) {
	want := pub.Marshal()
	for _, k := range keys {
		if bytes.Equal(k.Key.Marshal(), want) {
			return k, nil
		}
	}
	return Key{}, errUnlisted
}
