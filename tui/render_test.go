package tui

import (
	"strings"
	"testing"

	"bansou/model"
)

// TestRenderedAnswerShowsTheWordsAsTyped renders escaped user text with
// glamour, as the review does, and finds it unchanged.
func TestRenderedAnswerShowsTheWordsAsTyped(t *testing.T) {
	r := newRenderer("dark")
	typed := "~~取り消し~~ と &amp; と &copy; と <b>太字</b> と [リンク](http://x) *強調* `code` A&B社"
	out, err := r.render("> "+model.EscapeMarkdown(typed), 120)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(stripANSI(out)), "│")); got != typed {
		t.Fatalf("rendered %q\nwant     %q", got, typed)
	}
	// Lines that would start a heading, a list or a rule.
	for _, line := range []string{"# 見出し", "1. 賛成", "- 箇条", "+ 追加", "=====", "---"} {
		out, _ := r.render("前の段落  \n"+model.EscapeMarkdown(line), 120)
		if got := strings.TrimSpace(stripANSI(out)); !strings.HasSuffix(got, line) {
			t.Errorf("%q rendered as %q", line, got)
		}
	}
}

func TestPunctuationHangsInsteadOfStartingALine(t *testing.T) {
	r := newRenderer("dark")
	text := "気になっていることを、一つずつあなたの言葉で挙げてみましょう。小さなことでも構いません。それぞれ、どのくらい気になっているかも教えてください。"
	for w := 30; w <= 80; w++ {
		out, err := r.render(text, w)
		if err != nil {
			t.Fatal(err)
		}
		var joined strings.Builder
		for _, line := range strings.Split(out, "\n") {
			if got := lipglossWidth(line); got > w {
				t.Fatalf("width %d: a line is %d cells: %q", w, got, stripANSI(line))
			}
		}
		for i, line := range strings.Split(stripANSI(out), "\n") {
			body := strings.TrimSpace(line)
			if i > 0 && body != "" && strings.ContainsRune(noLineStart, []rune(body)[0]) {
				t.Fatalf("width %d: line %d starts with %q:\n%s", w, i, []rune(body)[0], stripANSI(out))
			}
			joined.WriteString(body)
		}
		if joined.String() != text {
			t.Fatalf("width %d: text changed:\n%s", w, joined.String())
		}
	}
}
