package model

import (
	"strings"
	"unicode/utf8"
)

// TermSafe returns s with every control character that a terminal would act
// on replaced by a visible stand-in, so that text typed or imported by anyone
// can be shown without moving the cursor, changing colours, setting the
// clipboard (OSC 52) or opening links. Newlines and tabs are kept. C0
// controls become their Control Pictures (ESC → ␛), DEL becomes ␡ and C1
// controls and invalid UTF-8 become U+FFFD. The stored text is never changed;
// only what is written to a terminal is.
func TermSafe(s string) string {
	if isTermSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		b.WriteRune(safeRune(r, size))
	}
	return b.String()
}

func isTermSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || safeRune(r, size) != r {
				return false
			}
			i += size - 1
		}
	}
	return true
}

func safeRune(r rune, size int) rune {
	switch {
	case r == utf8.RuneError && size <= 1:
		return utf8.RuneError
	case r == '\n' || r == '\t':
		return r
	case r < 0x20:
		return 0x2400 + r
	case r == 0x7f:
		return '␡'
	case r >= 0x80 && r <= 0x9f:
		return utf8.RuneError
	}
	return r
}
