package model

import (
	"strings"
	"unicode/utf8"
)

// TermSafe returns s with every character that a terminal (or an editor, a
// pager, a browser showing a file) would act on rather than show replaced
// by a visible stand-in, so that text typed or imported by anyone can be
// shown without moving the cursor, changing colours, setting the clipboard
// (OSC 52), opening links or reordering what is drawn. It is the one
// sanitiser for everything bansou writes out: the screens, the accessible
// mode, the Markdown and CSV exports and the text the commands print,
// whether to a terminal, a pipe or a file (JSON escapes the same characters
// instead, so that it decodes to the exact text). Newlines and tabs are
// kept. C0 controls become their Control Pictures (ESC → ␛), DEL becomes ␡,
// C1 controls and invalid UTF-8 become U+FFFD, and the bidirectional
// formatting characters (the embeddings and overrides U+202A–U+202E, the
// isolates U+2066–U+2069 and the marks U+200E, U+200F, U+061C) become ⇄
// (U+21C4): one cell wide in every terminal, not a control, and not a
// character that can reorder anything, so "\u202egnp.exe" shows as ⇄gnp.exe
// rather than as exe.png. Each character becomes one character, so
// positions keep their meaning. The stored text is never changed; only
// what is written out is.
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

// TermSafeLine is TermSafe for text shown on one line (a name, a title, a
// row of a list): line breaks and tabs become spaces, so that a name typed
// or imported with a newline in it can never start a row of its own.
func TermSafeLine(s string) string { return TermSafe(SingleLine(s)) }

// SingleLine folds the line breaks (CR LF, CR, LF) and tabs in s into
// spaces, one space each. It is what every way into a single-line field
// (a learner's name, an organisation, a companion or participant name, a
// title) does with a line break: the engagement form, the accessible mode,
// an import and the content loader.
func SingleLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return singleLiner.Replace(s)
}

var singleLiner = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ")

// StandIn is the character TermSafe writes for r: r itself, or the
// visible stand-in of a control. (utf8.RuneError stands for itself, as it
// does for a byte that is not UTF-8.)
func StandIn(r rune) rune { return safeRune(r, utf8.RuneLen(r)) }

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

// bidiStandIn shows a bidirectional formatting character.
const bidiStandIn = '⇄'

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
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return bidiStandIn
	}
	return r
}
