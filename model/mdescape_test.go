package model

import "testing"

func TestMarkdownPlainUndoesTheEscaping(t *testing.T) {
	for _, s := range []string{
		"佐藤さんに *相談* する",
		`C:\temp と [リンク](x) と <b> と a|b`,
		"1. 最初に上司へ",
		"# 見出しではない",
		"~ &amp; &#126; は文字のまま",
		"= 等号",
		"_下線_ と `コード`",
	} {
		if got := MarkdownPlain(mdInline(s)); got != s {
			t.Errorf("MarkdownPlain(mdInline(%q)) = %q", s, got)
		}
	}
}
