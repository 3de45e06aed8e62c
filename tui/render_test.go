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

// TestACodeBlockKeepsItsWords renders a fenced and an indented code block in
// both standard styles: glamour is built without syntax highlighting
// (third_party/glamour), and a block still shows every word as written,
// on lines of its own.
func TestACodeBlockKeepsItsWords(t *testing.T) {
	code := []string{`func 挨拶() {`, `	fmt.Println("こんにちは、伴走者")`, `}`}
	for _, style := range []string{"dark", "light"} {
		r := newRenderer(style)
		for _, md := range []string{
			"前置き\n\n```go\n" + strings.Join(code, "\n") + "\n```\n\n後書き",
			"前置き\n\n    " + strings.Join(code, "\n    ") + "\n\n後書き",
		} {
			out, err := r.render(md, 80)
			if err != nil {
				t.Fatal(err)
			}
			plain := stripANSI(out)
			for _, line := range code {
				want := strings.TrimSpace(strings.ReplaceAll(line, "\t", "    "))
				found := false
				for _, got := range strings.Split(plain, "\n") {
					if strings.TrimSpace(strings.ReplaceAll(got, "\t", "    ")) == want {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: %q is not a line of\n%s", style, want, plain)
				}
			}
			if !strings.Contains(plain, "前置き") || !strings.Contains(plain, "後書き") {
				t.Errorf("%s: the paragraphs around the block are gone:\n%s", style, plain)
			}
		}
	}
}

// TestHTMLIsShownAsItsText renders Markdown holding HTML, inline and as a
// block: the text is shown and the tags are not, nor what a script or a
// style holds, and entities are read (third_party/glamour strips them with
// golang.org/x/net/html).
func TestHTMLIsShownAsItsText(t *testing.T) {
	r := newRenderer("dark")
	for _, c := range []struct{ md, want string }{
		{"前に<b>太字</b>と<span class=\"x\">印</span>後", "前に太字と印後"},
		{"<div>\n段落の&amp;一つ&lt;目&gt;\n</div>", "段落の&一つ<目>"},
		// Inline, each tag is apart from the words between, which are text.
		{"始め<script>alert('越境')</script>終わり", "始めalert('越境')終わり"},
		{"<script>\nalert('越境')\n</script>\n\n本文", "本文"},
		{"<style>p{color:red}</style>\n\n本文", "本文"},
	} {
		out, err := r.render(c.md, 80)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(stripANSI(out)), "")
		if got != c.want {
			t.Errorf("%q rendered as %q, want %q", c.md, got, c.want)
		}
	}
}

// TestAGitHubLinkIsShortened: in a table, a link to an issue is shown by
// its short name, as Glamour shows it; its patterns are compiled when the
// first such link is drawn rather than at start (third_party/glamour).
func TestAGitHubLinkIsShortened(t *testing.T) {
	r := newRenderer("dark")
	out, err := r.render("| 資料 | 場所 |\n|---|---|\n| を参照 | https://github.com/charmbracelet/glamour/issues/42 |\n", 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := stripANSI(out); !strings.Contains(got, "charmbracelet/glamour#42") || !strings.Contains(got, "を参照") {
		t.Fatalf("rendered as %q", got)
	}
}
