package config

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// examplePath is config.example.toml at the repository root.
const examplePath = "../../../../config.example.toml"

// uncommentExamples turns the example lines of config.example.toml ("#" and
// no space, like "#[[bot]]") into live TOML; prose comments ("# ...") stay.
func uncommentExamples(doc string) string {
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if len(l) > 1 && l[0] == '#' && l[1] != ' ' && l[1] != '#' && l[1] != '!' {
			lines[i] = l[1:]
		}
	}
	return strings.Join(lines, "\n")
}

// TestExampleIsTheDefaults keeps config.example.toml true: as shipped, it
// decodes strictly to exactly Default().
func TestExampleIsTheDefaults(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data, "config.example.toml")
	if err != nil {
		t.Fatalf("config.example.toml does not decode: %v", err)
	}
	want := Default()
	want.Path = "config.example.toml"
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("config.example.toml differs from Default() (update the example):\n%s", tomlDiff(t, got, want))
	}
}

// tomlDiff lists the lines of the TOML encodings of got and want that differ.
func tomlDiff(t *testing.T, got, want Config) string {
	t.Helper()
	enc := func(c Config) []string {
		var b strings.Builder
		if err := toml.NewEncoder(&b).Encode(c); err != nil {
			t.Fatal(err)
		}
		return strings.Split(b.String(), "\n")
	}
	g, w := enc(got), enc(want)
	var out []string
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "example: "+l)
		}
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "default: "+l)
		}
	}
	return strings.Join(out, "\n")
}

// TestExampleDocumentsEveryKey checks that with its examples uncommented the
// file decodes strictly, validates, and sets every key freqdeck knows.
func TestExampleDocumentsEveryKey(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	live := uncommentExamples(string(data))
	cfg, err := Decode([]byte(live), "config.example.toml (examples uncommented)")
	if err != nil {
		t.Fatalf("examples do not decode: %v", err)
	}
	if len(cfg.Bots) == 0 || len(cfg.Keys) == 0 {
		t.Fatalf("examples give %d bots and %d key scopes", len(cfg.Bots), len(cfg.Keys))
	}
	if err := cfg.Validate(Checks{}); err != nil {
		t.Fatalf("examples do not validate: %v", err)
	}
	var probe map[string]any
	md, err := toml.Decode(live, &probe)
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, k := range md.Keys() {
		for i := 1; i <= len(k); i++ { // a key's parents are defined with it
			defined[strings.Join(k[:i], ".")] = true
		}
	}
	for _, k := range allKeys() {
		if !defined[k] {
			t.Errorf("config.example.toml does not document %q", k)
		}
	}
}

func TestAllKeysSeesEmbeddedTables(t *testing.T) {
	t.Parallel()
	keys := allKeys()
	for _, k := range []string{"bot.password_cmd", "server.password", "server.listen", "theme", "keys"} {
		if !slices.Contains(keys, k) {
			t.Fatalf("allKeys misses %q: %v", k, keys)
		}
	}
}
