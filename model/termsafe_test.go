package model

import (
	"strings"
	"testing"

	"bansou/internal/hostile"
)

func TestTermSafe(t *testing.T) {
	tests := map[string]string{
		"日本語の回答\n二行目\tタブ":                           "日本語の回答\n二行目\tタブ",
		"赤\x1b[31m字":                                "赤␛[31m字",
		"clip\x1b]52;c;aGk=\x07":                    "clip␛]52;c;aGk=␇",
		"link\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\": "link␛]8;;http://x␛\\a␛]8;;␛\\",
		"c1\u009b31m":                               "c1\uFFFD31m",
		"del\x7f":                                   "del␡",
		"bad\xffutf8":                               "bad\uFFFDutf8",
		"nul\x00":                                   "nul␀",
		"cr\r":                                      "cr␍",
	}
	for in, want := range tests {
		if got := TermSafe(in); got != want {
			t.Errorf("TermSafe(%q) = %q, want %q", in, got, want)
		}
	}
	// Every payload the tests put into user text, woven into Japanese:
	// nothing a terminal acts on is left, and the words are all there.
	in := hostile.Text("評価")
	out := TermSafe(in)
	hostile.Check(t, "TermSafe(hostile.Text)", out)
	for _, w := range []string{"評価", "家族の", "休みたい", "乗っ取り", "リンク", "です。"} {
		if !strings.Contains(out, w) {
			t.Errorf("TermSafe lost %q: %q", w, out)
		}
	}
	if TermSafe(out) != out {
		t.Errorf("TermSafe is not idempotent: %q", out)
	}
}
