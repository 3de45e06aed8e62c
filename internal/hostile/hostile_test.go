package hostile

import (
	"strings"
	"testing"
)

// TestEveryPayloadIsCaught: the checker finds each payload on its own, and
// the needle of each one that has a needle.
func TestEveryPayloadIsCaught(t *testing.T) {
	for _, p := range Payloads {
		if len(Problems("前"+p.Seq+"後")) == 0 {
			t.Errorf("%s: Problems finds nothing in %q", p.Name, p.Seq)
		}
		if p.Needle != "" && len(Leaks("前"+p.Seq+"後")) == 0 {
			t.Errorf("%s: Leaks finds nothing in %q", p.Name, p.Seq)
		}
		if !strings.Contains(Text("x"), p.Seq) {
			t.Errorf("%s is not in Text", p.Name)
		}
	}
	if len(Problems(Pasted("貼り付け"))) < len(Payloads)-2 {
		t.Errorf("Pasted: %d problems for %d payloads", len(Problems(Pasted("x"))), len(Payloads))
	}
}

// TestColoursAndJapaneseAreFine: SGR, Japanese, newlines and tabs are what a
// screen may hold.
func TestColoursAndJapaneseAreFine(t *testing.T) {
	ok := "\x1b[1;38;2;95;215;215m山田 花子\x1b[m\n\t␛]52;c;…\x1b[0m ─│█ é"
	if p := Problems(ok); len(p) != 0 {
		t.Errorf("Problems(%q) = %q", ok, p)
	}
	if l := Leaks(ok + "\x1b[2J\x1b[H\r\x07"); len(l) != 0 {
		t.Errorf("Leaks takes a program's own sequences for payloads: %q", l)
	}
	for _, bad := range []string{"\x1b[?25l", "\x1b[>4m", "\x1b7", "\x9b31m", "\xc2\x9b31m", "\x1b]8;;x\x07", "\x1bPq\x1b\\", "\x1b_G\x1b\\", "\r", "\x00", "\xff"} {
		if len(Problems("あ"+bad+"い")) == 0 {
			t.Errorf("Problems misses %q", bad)
		}
	}
}
