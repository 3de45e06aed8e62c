package cellwidth

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"bansou/internal/vt"
)

// samples are text where a grapheme-cluster count and a terminal's
// disagree, or might: what tmux 3.3a filled for each is in the comment.
var samples = []struct{ in, drawn string }{
	{"ﾀﾞｲｶﾞｸ", "ダｲガｸ"},          // tmux: 6 cells; Lip Gloss counted 4
	{"ﾊﾟｿｺﾝﾃﾞﾃﾞｰﾀ", "パｿｺﾝデデｰﾀ"}, // 10
	{"ｳﾞｧｲｵﾘﾝ", "ヴｧｲｵﾘﾝ"},       // 7
	{"ｱﾞ", "ア\u3099"},           // 2: no single letter
	{"ﾜﾞｦﾟ", "ヷヲ\u309A"},        // 4
	{"aﾞ", "a\u3099"},           // 2 in tmux, 1 drawn: counted alike
	{"かﾞ", "か\u3099"},           // 3 in tmux, 2 drawn (が)
	{"ﾞから", "゛から"},              // a mark with nothing before it
	{"ﾀﾞﾞ", "ダ\u3099"},          // a second mark
	{"❤\uFE0Fありがとう", "❤ありがとう"},  // 1 cell in tmux; Lip Gloss counted 2
	{"☀\uFE0F ⚠\uFE0F ✔\uFE0F", "☀ ⚠ ✔"},
	{"1\uFE0F\u20E3", "1\u20E3"},           // keycap: 1 in tmux
	{"⌚\uFE0E", "⌚"},                       // 2
	{"か\u3099", "か\u3099"},                 // が with a combining mark: 2
	{"ｶ\u3099", "ｶ\u3099"},                 // 1
	{"葛\U000E0100城", "葛\U000E0100城"},       // an ideographic variation sequence: 4
	{"🇯🇵", "🇯🇵"},                           // 2
	{"👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"}, // joined: kept as typed
	{"❤\uFE0F\u200d🔥", "❤\uFE0F\u200d🔥"},
	{"ダイガク ｶﾀｶﾅ", "ダイガク ｶﾀｶﾅ"},
}

// TestDrawnMeasuresAsTerminalsFill: Lip Gloss's count of what bansou draws
// is the count of a terminal that fills one cell per code point (xterm,
// tmux), for every sample but the joined emoji; text without voicing marks
// or variation selectors is left as it is.
func TestDrawnMeasuresAsTerminalsFill(t *testing.T) {
	for _, c := range samples {
		got := Drawn(c.in)
		if got != c.drawn {
			t.Errorf("Drawn(%q) = %q, want %q", c.in, got, c.drawn)
		}
		if strings.Contains(c.in, "\u200d") {
			continue // joined emoji: wider where a terminal draws each part
		}
		if lg, term := ansi.StringWidth(got), vt.Width(got); lg != term || Width(c.in) != term {
			t.Errorf("%q drawn %q: Lip Gloss %d, Width %d, a terminal %d cells", c.in, got, lg, Width(c.in), term)
		}
	}
	if Width("ﾀﾞｲｶﾞｸ") != vt.Width("ﾀﾞｲｶﾞｸ") {
		t.Errorf("ﾀﾞｲｶﾞｸ: %d cells drawn, %d as typed", Width("ﾀﾞｲｶﾞｸ"), vt.Width("ﾀﾞｲｶﾞｸ"))
	}
}

// TestDrawnLeavesOtherTextAlone: nothing to rewrite gives the same string
// back, without copying it.
func TestDrawnLeavesOtherTextAlone(t *testing.T) {
	for _, s := range []string{"", "山田 花子", "ｶﾀｶﾅ", "○●─│┃…é①", "\uFFFF\uFF9D\uFE0D", "\xef\xbe"} {
		if got := Drawn(s); got != s {
			t.Errorf("Drawn(%q) = %q", s, got)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Drawn("現場で一から学びたい。ダイガク") }); n != 0 {
		t.Errorf("%v allocations for text with nothing to rewrite", n)
	}
}
