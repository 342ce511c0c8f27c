package config

import "strings"

// keySep joins the pieces of a key path in keyLines' map.
const keySep = "\x1f"

// keyLines maps every key path defined in a TOML document (pieces joined
// with keySep) to the line of its first definition. Table headers count as
// definitions of their path. It is a small scanner, not a parser: it runs on
// documents the TOML parser has already accepted, so it only needs to skip
// strings, comments and values correctly to find keys.
func keyLines(doc string) map[string]int {
	s := &keyScanner{src: doc, line: 1, lines: map[string]int{}}
	s.document()
	return s.lines
}

type keyScanner struct {
	src   string
	pos   int
	line  int
	table []string
	lines map[string]int
}

func (s *keyScanner) peek() byte {
	if s.pos < len(s.src) {
		return s.src[s.pos]
	}
	return 0
}

func (s *keyScanner) next() byte {
	c := s.peek()
	if c == '\n' {
		s.line++
	}
	if s.pos < len(s.src) {
		s.pos++
	}
	return c
}

func (s *keyScanner) record(path []string, line int) {
	for i := 1; i <= len(path); i++ {
		k := strings.Join(path[:i], keySep)
		if _, ok := s.lines[k]; !ok {
			s.lines[k] = line
		}
	}
}

// skipBlank skips spaces, tabs, and (when newlines is set) newlines and
// comments.
func (s *keyScanner) skipBlank(newlines bool) {
	for s.pos < len(s.src) {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case newlines && c == '\n':
			s.next()
		case newlines && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

func (s *keyScanner) skipLine() {
	for s.pos < len(s.src) && s.peek() != '\n' {
		s.next()
	}
}

func (s *keyScanner) document() {
	for {
		s.skipBlank(true)
		if s.pos >= len(s.src) {
			return
		}
		if s.peek() == '[' {
			s.header()
			continue
		}
		line := s.line
		key := s.key()
		if len(key) == 0 { // not a key: resynchronise on the next line
			s.skipLine()
			continue
		}
		path := append(append([]string{}, s.table...), key...)
		s.record(path, line)
		s.value(path)
	}
}

func (s *keyScanner) header() {
	line := s.line
	s.next()
	if s.peek() == '[' {
		s.next()
	}
	key := s.key()
	s.skipLine()
	s.table = key
	s.record(key, line)
}

// key reads a (dotted, possibly quoted) key and the '=' after it, if any.
func (s *keyScanner) key() []string {
	var parts []string
	for {
		s.skipBlank(false)
		part, ok := s.keyPart()
		if !ok {
			return parts
		}
		parts = append(parts, part)
		s.skipBlank(false)
		switch s.peek() {
		case '.':
			s.next()
		case '=':
			s.next()
			return parts
		default:
			return parts
		}
	}
}

func (s *keyScanner) keyPart() (string, bool) {
	switch c := s.peek(); {
	case c == '"' || c == '\'':
		return s.quoted(c), true
	case isBare(c):
		start := s.pos
		for isBare(s.peek()) {
			s.next()
		}
		return s.src[start:s.pos], true
	default:
		return "", false
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// quoted reads a single-line quoted string; basic strings unescape only the
// escapes a key plausibly holds.
func (s *keyScanner) quoted(q byte) string {
	s.next()
	var b strings.Builder
	for s.pos < len(s.src) {
		c := s.next()
		switch {
		case c == q:
			return b.String()
		case c == '\\' && q == '"':
			b.WriteByte(s.next())
		case c == '\n':
			return b.String()
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// value skips one value; keys of inline tables are recorded under path.
func (s *keyScanner) value(path []string) {
	s.skipBlank(false)
	switch c := s.peek(); c {
	case '"', '\'':
		s.skipString(c)
	case '[':
		s.next()
		s.array(path)
	case '{':
		s.next()
		s.inlineTable(path)
	default:
		for s.pos < len(s.src) {
			switch s.peek() {
			case '\n', '#', ',', ']', '}':
				return
			}
			s.next()
		}
	}
}

func (s *keyScanner) skipString(q byte) {
	if strings.HasPrefix(s.src[s.pos:], strings.Repeat(string(q), 3)) {
		s.pos += 3
		end := strings.Repeat(string(q), 3)
		for s.pos < len(s.src) && !strings.HasPrefix(s.src[s.pos:], end) {
			if s.peek() == '\\' && q == '"' {
				s.next()
			}
			s.next()
		}
		s.pos += 3
		// A closing delimiter may be followed by up to two more quotes.
		for i := 0; i < 2 && s.peek() == q; i++ {
			s.next()
		}
		return
	}
	s.quoted(q)
}

func (s *keyScanner) array(path []string) {
	for s.pos < len(s.src) {
		s.skipBlank(true)
		switch s.peek() {
		case ']':
			s.next()
			return
		case ',':
			s.next()
		default:
			start := s.pos
			s.value(path)
			if s.pos == start { // defensive: never loop in place
				s.next()
			}
		}
	}
}

func (s *keyScanner) inlineTable(path []string) {
	for s.pos < len(s.src) {
		s.skipBlank(true)
		switch s.peek() {
		case '}':
			s.next()
			return
		case ',':
			s.next()
		default:
			line := s.line
			key := s.key()
			if len(key) == 0 {
				s.next()
				continue
			}
			sub := append(append([]string{}, path...), key...)
			s.record(sub, line)
			s.value(sub)
		}
	}
}
