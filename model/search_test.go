package model

import (
	"slices"
	"testing"
)

func TestNormalizeForSearch(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＢＣ　１２３":   "abc 123",
		"Go言語":      "go言語",
		"ｶﾀｶﾅ":      "カタカナ",
		"３か月後にＯＫ":   "3か月後にok",
		"ｶﾞｲﾄﾞとﾊﾟﾝ": "ガイドとパン",
		"ﾞ":         "゛",
		"カﾞ":        "カ゛", // a full-width kana does not take a half-width mark
	} {
		if got := NormalizeForSearch(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
		if _, from := normalize(in); len(from) != len([]rune(NormalizeForSearch(in)))+1 || from[len(from)-1] != len([]rune(in)) {
			t.Errorf("%q: positions %v", in, from)
		}
	}
}

func TestParseQuery(t *testing.T) {
	got := ParseQuery("東京駅　公園 桜 ai ＡＩ 3か 。")
	want := []QueryTerm{{"東京駅", TermTrigram}, {"公園", TermChars}, {"桜", TermChars}, {"ai", TermChars}, {"3か", TermChars}, {"。", TermScan}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if CharTokens("3か月のai企画") != "3 か 月 の a i 企 画" {
		t.Fatalf("char tokens = %q", CharTokens("3か月のai企画"))
	}
}

func TestMatchesAndSnippet(t *testing.T) {
	text := "ＡＩを使った企画書を書いた。企画は３か月後。"
	m := Matches(text, ParseQuery("ai 企画"))
	if !slices.Equal(m, [][2]int{{0, 2}, {6, 8}, {14, 16}}) {
		t.Fatalf("matches = %v", m)
	}
	snip, sm := Snippet(text, [][2]int{{14, 16}}, 8)
	if snip != "…た。企画は３か月…" || !slices.Equal(sm, [][2]int{{3, 5}}) {
		t.Fatalf("snippet %q %v", snip, sm)
	}
	if r := []rune(snip); string(r[sm[0][0]:sm[0][1]]) != "企画" {
		t.Fatalf("shifted match points at %q", string(r[sm[0][0]:sm[0][1]]))
	}
}

func TestMatchesPointIntoTheTextAsTyped(t *testing.T) {
	// Voiced half-width kana are two characters as typed, one normalized.
	text := "新しいｶﾞｲﾄﾞとガイド"
	m := Matches(text, ParseQuery("ガイド"))
	if !slices.Equal(m, [][2]int{{3, 8}, {9, 12}}) {
		t.Fatalf("matches = %v", m)
	}
	r := []rune(text)
	if string(r[m[0][0]:m[0][1]]) != "ｶﾞｲﾄﾞ" {
		t.Fatalf("first match is %q", string(r[m[0][0]:m[0][1]]))
	}
	// A CRLF is two characters in the snippet as in the text.
	text = "一行目\r\n公園で"
	snip, sm := Snippet(text, Matches(text, ParseQuery("公園")), 40)
	if got := string([]rune(snip)[sm[0][0]:sm[0][1]]); got != "公園" {
		t.Fatalf("snippet %q highlights %q", snip, got)
	}
}
