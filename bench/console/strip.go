package main

// stripper removes terminal escape sequences from a byte stream split into
// arbitrary chunks, keeping its state between chunks, so markers can be
// searched in the text the terminal shows (styles break text up: "·" and
// "online" are separate styled runs).
type stripper struct {
	state int
}

const (
	stText = iota
	stEsc
	stCSI
	stOSC
	stOSCEsc
)

// strip appends the text of chunk to dst.
func (s *stripper) strip(dst, chunk []byte) []byte {
	for _, c := range chunk {
		switch s.state {
		case stText:
			if c == 0x1b {
				s.state = stEsc
			} else if c >= 0x20 || c == '\n' {
				dst = append(dst, c)
			}
		case stEsc:
			switch c {
			case '[':
				s.state = stCSI
			case ']', 'P', '_', '^':
				s.state = stOSC
			default:
				s.state = stText
			}
		case stCSI:
			if c >= 0x40 && c <= 0x7e {
				s.state = stText
			}
		case stOSC:
			if c == 0x07 {
				s.state = stText
			} else if c == 0x1b {
				s.state = stOSCEsc
			}
		case stOSCEsc:
			s.state = stText
		}
	}
	return dst
}
