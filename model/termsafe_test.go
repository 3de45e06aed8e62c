package model

import (
	"strings"
	"testing"
	"unicode/utf8"

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
		"\u202egnp.exe":                             "⇄gnp.exe",
		"山田\u2067花子\u2069\u200e\u200f\u061c":       "山田⇄花子⇄⇄⇄⇄",
		"埋め込み\u202a\u202b\u202c\u202d\u2066\u2068": "埋め込み⇄⇄⇄⇄⇄⇄",
		"結合子\u200dと幅なし空白\u200bは残る":                 "結合子\u200dと幅なし空白\u200bは残る",
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

// FuzzTermSafe checks what TermSafe promises for any input: valid UTF-8
// out; no ESC or other C0 control but newline and tab, no DEL, no C1
// control, no bidirectional formatting character; one character out for
// each character (or invalid byte) in, so nothing is dropped; text with
// nothing to replace, Japanese included, unchanged; and a second pass
// changes nothing.
func FuzzTermSafe(f *testing.F) {
	for _, in := range []string{
		"日本語の回答\n二行目\tタブ", "赤\x1b[31m字\x1b[0m", "clip\x1b]52;c;aGk=\x07", "c1\u009b31m\u0085", "del\x7f",
		"bad\xff\xfeutf8\xe3\x81", "nul\x00終わり", "cr\r\n改行", "半角ｶﾅと全角、絵文字😀と結合文字が\u3099", "\xc2\x9b2J",
		"\u202egnp.exe\u202c", "\u2066isolate\u2069\u200e\u200f\u061c", "\xe2\x80\xae", "\xe2\x80",
	} {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := TermSafe(in)
		if !utf8.ValidString(out) {
			t.Fatalf("TermSafe(%q) = %q is not valid UTF-8", in, out)
		}
		for _, r := range out {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || hostile.IsBidi(r) {
				t.Fatalf("TermSafe(%q) = %q keeps control %U", in, out, r)
			}
		}
		if n, m := utf8.RuneCountInString(in), utf8.RuneCountInString(out); n != m {
			t.Fatalf("TermSafe(%q) = %q: %d characters in, %d out", in, out, n, m)
		}
		if plain := utf8.ValidString(in) && !strings.ContainsFunc(in, func(r rune) bool {
			return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f || hostile.IsBidi(r)
		}); plain && out != in {
			t.Fatalf("TermSafe(%q) = %q changed printable text", in, out)
		}
		if again := TermSafe(out); again != out {
			t.Fatalf("TermSafe is not idempotent: %q → %q → %q", in, out, again)
		}
	})
}
