// Package hostile is for tests: text written to make a terminal act
// (clear the screen, set the clipboard, open links, change the title) mixed
// with Japanese, and a checker for what bansou writes to a terminal. No part
// of bansou itself imports it.
//
// Anyone can put such text in bansou: a learner's name pasted from a chat,
// an answer pasted from a web page, an imported file, a content folder. It
// must be stored exactly as typed and never reach a terminal raw.
package hostile

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// A Payload is one control sequence or character a terminal acts on.
type Payload struct {
	Name string
	Seq  string
	// Needle is what would show that Seq reached a terminal raw, in the
	// full output of a program that draws its own screen (which writes
	// cursor movements, BEL-terminated queries and carriage returns
	// itself); empty where Seq is not distinctive enough.
	Needle string
	// Pastable: a paste into an answer keeps Seq as it is. A carriage
	// return becomes a line end and bytes that are not UTF-8 become U+FFFD
	// (nothing a terminal sends contains them).
	Pastable bool
}

// Payloads are the sequences the tests put into every kind of user text.
var Payloads = []Payload{
	{"CSI erase screen", "\x1b[2J", "", true},
	{"CSI cursor home", "\x1b[H", "", true},
	{"CSI 256-colour foreground", "\x1b[38;5;201m", "\x1b[38;5;201m", true},
	{"OSC 52 clipboard write ended by BEL", "\x1b]52;c;QkFOU09V\x07", "\x1b]52;c;QkFOU09V", true},
	{"OSC 52 clipboard write ended by ST", "\x1b]52;p;QkFOU09W\x1b\\", "\x1b]52;p;QkFOU09W", true},
	{"OSC 8 hyperlink", "\x1b]8;;https://example.invalid/\x1b\\リンク\x1b]8;;\x1b\\", "\x1b]8;;https://example.invalid", true},
	{"OSC 2 window title", "\x1b]2;乗っ取り\x07", "\x1b]2;乗っ取り", true},
	{"OSC 0 icon and title", "\x1b]0;乗っ取り\x1b\\", "\x1b]0;乗っ取り", true},
	{"DCS user-defined keys", "\x1bP0;1|17/626f6f\x1b\\", "\x1bP0;1|17/", true},
	{"BEL", "\x07", "", true},
	{"BS", "\b\b", "", true},
	{"CR", "\r", "", false},
	{"SO (shift to G1)", "\x0e", "\x0e", true},
	{"DEL", "\x7f", "\x7f", true},
	{"C1 CSI as a code point", "\u009b2J", "\u009b", true},
	{"C1 OSC as a code point", "\u009d0;乗っ取り\u009c", "\u009d", true},
	{"C1 as raw bytes (invalid UTF-8)", "\x9b2J\x9d0;x\x9c", "", false},
	// Bidirectional formatting characters: a terminal or an editor draws
	// what follows them in another order ("\u202egnp.exe" shows as exe.png).
	{"bidi override RLO … PDF", "\u202egnp.exe\u202c", "", true},
	{"bidi embeddings LRE, RLE, LRO", "\u202a左\u202b右\u202d", "", true},
	{"bidi isolates LRI, RLI, FSI … PDI", "\u2066a\u2067b\u2068c\u2069", "", true},
	{"bidi marks LRM, RLM, ALM", "\u200e\u200f\u061c", "", true},
}

// StandIns are the visible characters that show the payloads' controls on
// a screen or in a file (model.TermSafe): ␛ for ESC and the other Control
// Pictures, ␡ for DEL, U+FFFD for C1 controls and bytes that are not UTF-8,
// ⇄ for the bidirectional formatting characters.
const StandIns = "␛␇␈␍␎␡\uFFFD⇄"

// IsBidi reports the bidirectional formatting characters, which reorder
// what is drawn after them: the embeddings and overrides U+202A–U+202E, the
// isolates U+2066–U+2069 and the marks U+200E, U+200F and U+061C.
func IsBidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// words are the Japanese the payloads are woven into.
var words = []string{"評価が", "気に", "なる。", "家族の", "事情で", "週に", "一度", "休みたい", "。上司", "には", "まだ", "話して", "いない", "けれど", "、", "相談", "したい"}

// Text is Japanese text holding every payload, starting with label so a
// test can tell the fields apart and find each one in the output.
func Text(label string) string { return text(label, func(Payload) bool { return true }) }

// Pasted is Text without what a paste into the interface would change (a
// lone carriage return, bytes that are not UTF-8): what a companion can
// paste into any field and expect to find stored byte for byte.
func Pasted(label string) string { return text(label, func(p Payload) bool { return p.Pastable }) }

// UTF8 is Text without the bytes that are not UTF-8, which no JSON
// document can hold: what an export keeps exactly for an import.
func UTF8(label string) string {
	return text(label, func(p Payload) bool { return utf8.ValidString(p.Seq) })
}

func text(label string, keep func(Payload) bool) string {
	var b strings.Builder
	b.WriteString(label)
	i := 0
	for _, p := range Payloads {
		if !keep(p) {
			continue
		}
		b.WriteString(words[i%len(words)])
		b.WriteString(p.Seq)
		i++
	}
	b.WriteString("です。")
	return b.String()
}

// Problems lists what in out a terminal would act on, other than the colours
// and text attributes (SGR) a program sets itself: any other escape sequence
// (CSI, OSC, DCS, APC, …), C0 controls other than newline and tab, DEL, C1
// controls (as code points or as raw bytes), bytes that are not UTF-8,
// bidirectional formatting characters, and the needle of any payload (a
// colour typed by a user is not the program's). This is the rule for a
// screen's View and for whatever bansou writes, to a terminal or a file.
func Problems(out string) []string {
	probs := needles(out)
	add := func(at int, what, seq string) {
		probs = append(probs, fmt.Sprintf("byte %d: %s %q (in %q)", at, what, seq, around(out, at)))
	}
	var state byte
	p := ansi.NewParser()
	for at := 0; at < len(out); {
		seq, _, n, next := ansi.DecodeSequence(out[at:], state, p)
		state = next
		if n <= 0 {
			n = 1 // never loop on input the decoder cannot move past
			seq = out[at : at+1]
		}
		switch c := seq[0]; {
		case c == ansi.ESC && len(seq) > 1 && seq[1] == '[':
			if cmd := ansi.Cmd(p.Command()); cmd.Final() != 'm' || cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
				add(at, "escape sequence", seq)
			}
		case c == ansi.ESC:
			add(at, "escape sequence", seq)
		case c == '\n' || c == '\t':
		case c < 0x20:
			add(at, "C0 control", seq)
		case c == 0x7f:
			add(at, "DEL", seq)
		case c >= 0x80 && c < 0xc0:
			add(at, "C1 control or stray byte", seq)
		default:
			for i := 0; i < len(seq); {
				r, size := utf8.DecodeRuneInString(seq[i:])
				switch {
				case r == utf8.RuneError && size == 1:
					add(at+i, "byte that is not UTF-8", seq[i:i+1])
				case r >= 0x80 && r <= 0x9f:
					add(at+i, "C1 control", seq[i:i+size])
				case IsBidi(r):
					add(at+i, "bidi control", seq[i:i+size])
				}
				i += size
			}
		}
		at += n
	}
	return probs
}

// Leaks lists the payloads found raw in out, the whole output of a program
// that draws its own screen: it may move the cursor and query the terminal
// itself, so only what is distinctive of the payloads counts, along with C1
// controls as raw bytes and bidirectional formatting characters (bansou
// writes none of its own).
func Leaks(out string) []string {
	leaks := needles(out)
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size == 1 && out[i] >= 0x80 && out[i] <= 0x9f:
			leaks = append(leaks, fmt.Sprintf("raw C1 byte %q at byte %d (in %q)", out[i:i+1], i, around(out, i)))
		case IsBidi(r):
			leaks = append(leaks, fmt.Sprintf("bidi control %U at byte %d (in %q)", r, i, around(out, i)))
		}
		i += size
	}
	return leaks
}

// needles lists the payloads whose needle is in out.
func needles(out string) []string {
	var found []string
	for _, p := range Payloads {
		if p.Needle != "" {
			if i := strings.Index(out, p.Needle); i >= 0 {
				found = append(found, fmt.Sprintf("%s at byte %d (in %q)", p.Name, i, around(out, i)))
			}
		}
	}
	return found
}

// Check fails the test for every problem Problems finds in out.
func Check(t testing.TB, where, out string) {
	t.Helper()
	report(t, where, Problems(out))
}

// CheckRaw fails the test for every payload Leaks finds in out.
func CheckRaw(t testing.TB, where, out string) {
	t.Helper()
	report(t, where, Leaks(out))
}

func report(t testing.TB, where string, probs []string) {
	t.Helper()
	const most = 5
	for i, p := range probs {
		if i == most {
			t.Errorf("%s: and %d more", where, len(probs)-most)
			break
		}
		t.Errorf("%s: %s", where, p)
	}
}

// around is a little of s on both sides of byte i, for messages.
func around(s string, i int) string {
	from, to := max(i-24, 0), min(i+24, len(s))
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return s[from:to]
}
