package model

import "testing"

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
}
