package themes

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

//go:embed *.toml
var bundled embed.FS

// ErrUnknownTheme is returned by Load for a name that is not bundled.
var ErrUnknownTheme = errors.New("unknown theme")

// file is the TOML layout of a theme.
type file struct {
	Palette map[string]string `toml:"palette"`
	Roles   map[string]string `toml:"roles"`
}

// Names returns the bundled theme names, sorted.
func Names() []string {
	entries, err := fs.ReadDir(bundled, ".")
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Load returns the bundled theme with the given name; "" means Default.
func Load(name string) (Theme, error) {
	if name == "" {
		name = Default
	}
	if !slices.Contains(Names(), name) {
		return Theme{}, fmt.Errorf("theme %q: %w (have %s)", name, ErrUnknownTheme, strings.Join(Names(), ", "))
	}
	data, err := bundled.ReadFile(path.Join(".", name+".toml"))
	if err != nil {
		return Theme{}, fmt.Errorf("theme %q: %w", name, err)
	}
	return Parse(name, data)
}

// Resolve returns the theme to use: Mono when noColor is true (NO_COLOR is
// set or the terminal profile is Ascii, as the caller decides), else the
// named theme.
func Resolve(name string, noColor bool) (Theme, error) {
	if noColor {
		name = Mono
	}
	return Load(name)
}

// NoColor reports whether the NO_COLOR convention asks for no colour: the
// variable is set and not empty (https://no-color.org).
func NoColor(getenv func(string) string) bool {
	return getenv("NO_COLOR") != ""
}

// NoColorProfile is the colour profile to draw with under NO_COLOR, given
// the profile the terminal supports (detected without the environment,
// for example termenv.NewOutput(os.Stdout).ColorProfile()). NO_COLOR
// forbids colour, not attributes: a terminal that draws attributes keeps
// them (ANSI; the mono theme has no colour to draw), so the focused pane
// and the selected row still show in bold and reverse video. termenv's own
// reading of NO_COLOR is Ascii, which drops attributes too.
func NoColorProfile(detected termenv.Profile) termenv.Profile {
	if detected == termenv.Ascii {
		return termenv.Ascii
	}
	return termenv.ANSI
}

// Parse decodes a theme file strictly: an unknown key, an unknown role, a
// missing role, a bad colour or a reference to an unknown palette colour is
// an error that names it.
func Parse(name string, data []byte) (Theme, error) {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return Theme{}, fmt.Errorf("theme %q: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return Theme{}, fmt.Errorf("theme %q: unknown key %q", name, und[0].String())
	}
	for key, val := range f.Palette {
		if !isLiteral(val) {
			return Theme{}, fmt.Errorf("theme %q: palette.%s: %q is not a colour (want #rrggbb, #rgb, 0-255 or none)", name, key, val)
		}
	}
	t := Theme{Name: name}
	known := RoleNames()
	for key := range f.Roles {
		if !slices.Contains(known, key) {
			return Theme{}, fmt.Errorf("theme %q: unknown key %q", name, "roles."+key)
		}
	}
	for _, r := range t.roles() {
		c, err := resolveRole(f, r.name)
		if err != nil {
			return Theme{}, fmt.Errorf("theme %q: %w", name, err)
		}
		*r.dst = c
	}
	return t, nil
}

// resolveRole turns one role's value into a colour, following at most one
// palette reference.
func resolveRole(f file, name string) (lipgloss.TerminalColor, error) {
	val, ok := f.Roles[name]
	if !ok || val == "" {
		return nil, fmt.Errorf("missing role %q", "roles."+name)
	}
	if !isLiteral(val) {
		ref, ok := f.Palette[val]
		if !ok {
			return nil, fmt.Errorf("roles.%s: %q is neither a colour nor a palette name", name, val)
		}
		val = ref
	}
	if val == "none" {
		return lipgloss.NoColor{}, nil
	}
	return lipgloss.Color(val), nil
}

// isLiteral reports whether s is a colour literal rather than a palette name.
func isLiteral(s string) bool {
	if s == "none" || isHex(s) {
		return true
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n <= 255
}

// isHex reports whether s is "#rgb" or "#rrggbb".
func isHex(s string) bool {
	digits, ok := strings.CutPrefix(s, "#")
	if !ok || len(digits) != 3 && len(digits) != 6 {
		return false
	}
	_, err := strconv.ParseUint(digits, 16, 32)
	return err == nil && !strings.ContainsAny(digits, "+-")
}
