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
